"""Slogans and numbered formulae: extraction with evidence, comparison across documents (notebook 02)."""
