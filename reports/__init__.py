"""Reports: project outcome summaries (HTML, PDF, XLSX) and the dashboard."""
