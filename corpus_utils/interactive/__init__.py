"""Interactive exploration of a loaded corpus in JupyterLab.

:func:`corpus_utils.interactive.explorer.explore` shows a query box over the
concordance, its distribution over the documents, the collocates of the
query and, for a dated corpus, its trend; :mod:`corpus_utils.interactive.render`
writes the escaped HTML the explorer shows.
"""
