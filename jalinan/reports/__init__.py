"""KPI dashboards, charts and reports (no models beyond saved reports)."""
