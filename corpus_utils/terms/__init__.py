"""Segmentation and term statistics: tokens, counts, keyness, dispersion, collocation, KWIC (notebook 01)."""
