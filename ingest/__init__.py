"""Ingest: files in, per-report facts out (knows nothing of databases)."""
