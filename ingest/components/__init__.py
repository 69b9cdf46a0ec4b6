"""spaCy pipeline components: one module each, matching logic in plain functions."""
