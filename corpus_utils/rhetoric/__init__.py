"""Rhetoric structure: numbered outlines, parallelism, register (notebook 03)."""
