"""The benchmark: ``bench/run`` seeds PostgreSQL, serves KIS with gunicorn and measures it (bench/README.md)."""
