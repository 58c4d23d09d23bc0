"""Read-only reports: project outcome summaries and the dashboard; no models of its own."""
