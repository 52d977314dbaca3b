"""The engagement log: activities with partners (meetings, visits, talks, panels, events)."""
