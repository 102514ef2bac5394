"""Corpora of any size: the streaming, parallel, cached and Dask engine."""
