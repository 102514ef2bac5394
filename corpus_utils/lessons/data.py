"""The corpora the exercises are about, loaded once per process.

The self-checks compute their answers from these tables; they are shared, so
treat them as read-only.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from corpus_utils.terms.segment import Segmenter


@lru_cache(maxsize=1)
def seed_corpus() -> pd.DataFrame:
    """The seed corpus, as the notebooks load it (``cu.load_corpus()``)."""
    from corpus_utils.corpus.loader import load_corpus

    return load_corpus()


@lru_cache(maxsize=1)
def work_reports() -> pd.DataFrame:
    """The packaged government work reports, cleaned with the default rules."""
    from corpus_utils.datasets import work_reports as load

    return load()


@lru_cache(maxsize=1)
def work_reports_segmenter() -> Segmenter:
    """The segmenter of the work reports (:func:`corpus_utils.terms.segment.corpus_segmenter`)."""
    from corpus_utils.terms.segment import corpus_segmenter

    return corpus_segmenter(work_reports())
