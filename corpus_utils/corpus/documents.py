"""The documents of a loaded corpus, one at a time.

Every per-document analysis walks the corpus the same way:
:func:`documents` gives ``(doc_id, text)`` pairs in corpus order, and
:func:`analyse_each` runs an analysis on each document, leaving out one whose
analysis fails with one :class:`~corpus_utils.errors.CorpusWarning` naming it,
so that one bad document never stops a corpus of thousands.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator

import pandas as pd

from corpus_utils.errors import CorpusWarning


def documents(corpus: pd.DataFrame) -> Iterator[tuple[str, str]]:
    """``(doc_id, text)`` of every document of ``corpus``, in corpus order."""
    yield from zip(corpus["doc_id"], corpus["text"], strict=True)


def analyse_each(corpus: pd.DataFrame, analysis: Callable[[str, str], pd.DataFrame], *, name: str,
                 columns: list[str]) -> pd.DataFrame:
    """``analysis(doc_id, text)`` of every document, as one table.

    A document whose analysis raises is left out with one
    :class:`~corpus_utils.errors.CorpusWarning` naming its ``doc_id``, the
    analysis (``name``) and the cause; the others are analysed. Documents
    with no rows add none; with no rows at all the table has ``columns``.
    """
    frames = []
    for doc_id, text in documents(corpus):
        try:
            frames.append(analysis(doc_id, text))
        except Exception as err:  # one bad document never stops the corpus
            cause = " ".join(str(err).split()) or type(err).__name__
            warnings.warn(f"{doc_id}: {name} failed and the document is left out ({type(err).__name__}: {cause})",
                          CorpusWarning, stacklevel=3)
    frames = [frame for frame in frames if not frame.empty]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)
