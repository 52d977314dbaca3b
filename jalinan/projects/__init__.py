"""Collaborative projects and contracts: partners, team, funding, milestones, outputs, income."""
