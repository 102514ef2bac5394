"""Term frequencies: raw, per 10,000 characters, and document frequency.

Inputs are word lists per document (see :meth:`Segmenter.words`); results are
tidy DataFrames sorted by frequency, ties broken by term so that the order is
the same on every run.

Two counts of a formulation, on purpose different:

* the **word list** (:func:`corpus_frequencies`, :func:`doc_frequencies`, and
  keyness, collocation and dispersion built on them) counts *tokens*: a
  formulation nested in a longer lexicon entry (八项规定 in 中央八项规定精神)
  is part of that token and is not counted on its own there;
* the **formulation count** (:func:`count_terms`) counts every occurrence in
  the cleaned text, exactly as ``text.count(term)`` does, nested, overlapping
  or split by the segmenter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pandas as pd

#: Normalisation base: frequencies per this many characters of cleaned text.
PER_CHARS = 10_000


def _sorted(frame: pd.DataFrame, by: list[str], ascending: list[bool]) -> pd.DataFrame:
    return frame.sort_values(by, ascending=ascending, kind="stable").reset_index(drop=True)


def corpus_table_from_counts(totals: Mapping[str, int], doc_freq: Mapping[str, int], *, n_chars: int,
                             n_docs: int) -> pd.DataFrame:
    """The corpus table of :func:`corpus_frequencies` from merged counts:
    ``per_10k_chars = 10,000 · freq / n_chars``, ``doc_share = doc_freq / n_docs``."""
    frame = pd.DataFrame(
        [(t, f, PER_CHARS * f / n_chars if n_chars else 0.0, doc_freq[t], doc_freq[t] / n_docs if n_docs else 0.0)
         for t, f in totals.items()],
        columns=["term", "freq", "per_10k_chars", "doc_freq", "doc_share"],
    )
    return _sorted(frame, ["freq", "term"], [False, True])


def doc_table_from_counts(counts_by_doc: Mapping[str, Mapping[str, int]], n_chars: Mapping[str, int],
                          n_words: Mapping[str, int]) -> pd.DataFrame:
    """The per-document table of :func:`doc_frequencies` from counts (possibly
    only each document's top terms); ``share`` is over all ``n_words`` words
    of the document."""
    rows = []
    for doc_id, counts in counts_by_doc.items():
        size, total = n_chars[doc_id], n_words[doc_id]
        rows.extend((doc_id, term, freq, PER_CHARS * freq / size if size else 0.0, freq / total if total else 0.0)
                    for term, freq in counts.items())
    frame = pd.DataFrame(rows, columns=["doc_id", "term", "freq", "per_10k_chars", "share"])
    return _sorted(frame, ["doc_id", "freq", "term"], [True, False, True])


def doc_frequencies(words_by_doc: Mapping[str, Sequence[str]], n_chars: Mapping[str, int]) -> pd.DataFrame:
    """Frequency of every term in every document.

    ``per_10k_chars = 10,000 · freq / n_chars`` (characters of cleaned text,
    the usual size measure for Chinese, where word counts depend on the
    segmenter); ``share`` is freq over the document's word count.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, term, freq, per_10k_chars, share``, by doc_id then freq
        (descending) then term.
    """
    from corpus_utils.terms.dtm import DocumentTermCounts

    return DocumentTermCounts.from_words(words_by_doc, n_chars).doc_table()


def corpus_frequencies(words_by_doc: Mapping[str, Sequence[str]], n_chars: Mapping[str, int]) -> pd.DataFrame:
    """Frequency of every term in the whole corpus.

    Returns
    -------
    pandas.DataFrame
        ``term, freq, per_10k_chars, doc_freq, doc_share`` where ``doc_freq``
        is the number of documents the term occurs in and ``doc_share`` that
        number over all documents; by freq (descending) then term.
    """
    from corpus_utils.terms.dtm import DocumentTermCounts

    return DocumentTermCounts.from_words(words_by_doc, n_chars).frequency_table()


def _text_of(doc_id: str, value: str | Sequence[str]) -> str:
    if isinstance(value, str):
        return value
    if not all(isinstance(token, str) for token in value):
        raise TypeError(f"document {doc_id!r}: give its text or a sequence of token strings")
    return "".join(value)


@lru_cache(maxsize=8)
def _term_automaton(terms: tuple[str, ...]):
    """An Aho-Corasick automaton over the distinct ``terms`` (value: index
    among them, length), and for each term the index of its distinct form."""
    import ahocorasick

    if any(not isinstance(t, str) or not t for t in terms):
        raise ValueError("every term must be a non-empty string")
    distinct = list(dict.fromkeys(terms))
    automaton = ahocorasick.Automaton()
    for index, term in enumerate(distinct):
        automaton.add_word(term, (index, len(term)))
    if distinct:
        automaton.make_automaton()
    position = {term: index for index, term in enumerate(distinct)}
    return automaton, len(distinct), [position[t] for t in terms]


def term_occurrences(text: str, terms: Sequence[str]) -> list[tuple[int, int, int]]:
    """``(start, end, i)`` of every occurrence of ``terms[i]`` in ``text``,
    sorted by start, then end, then i.

    Every term is found on its own, exactly as :meth:`str.count` counts it:
    non-overlapping occurrences found from left to right, so ``AA`` is found
    once in ``AAA`` and twice in ``AAAA``. Different terms never hide each
    other: in 落实党中央八项规定精神, 党中央, 中央八项规定精神, 八项规定精神 and
    八项规定 are each found once. One Aho-Corasick pass (pyahocorasick), linear
    in the length of the text plus the number of occurrences, whatever the
    number of terms. A repeated term is reported under its first index.

    Raises
    ------
    ValueError
        An empty term.
    """
    automaton, n_distinct, position = _term_automaton(tuple(terms))
    if not n_distinct or not text:
        return []
    first_index = {distinct: terms_index for terms_index, distinct in reversed(list(enumerate(position)))}
    free_from = [0] * n_distinct  # a term's next occurrence counts if it starts here or later
    found = []
    for end, (index, length) in automaton.iter(text):
        start = end - length + 1
        if start >= free_from[index]:
            found.append((start, end + 1, first_index[index]))
            free_from[index] = end + 1
    return sorted(found)


def term_counts_in_text(text: str, terms: Sequence[str]) -> list[int]:
    """``[text.count(t) for t in terms]`` in one pass over ``text``: the
    occurrences of :func:`term_occurrences`, counted.

    Raises
    ------
    ValueError
        An empty term.
    """
    _, n_distinct, position = _term_automaton(tuple(terms))
    counts = [0] * n_distinct
    for _, _, index in term_occurrences(text, terms):
        counts[position[index]] += 1
    return [counts[i] for i in position]


def count_terms(docs: Mapping[str, str | Sequence[str]], terms: Sequence[str], *, nested: bool = True
                ) -> pd.DataFrame:
    """Occurrences of chosen terms (formulations) per document: a doc × term table.

    With ``nested`` (default) this is the **formulation count**: each term's
    count in a document equals ``text.count(term)`` on its cleaned text (see
    :func:`term_counts_in_text` for overlaps), whatever the segmenter did.
    A formulation is counted inside a longer one (八项规定 inside
    中央八项规定精神), across a token boundary and where two formulations
    overlap (党中央 and 中央八项规定精神 in 党中央八项规定精神).

    With ``nested=False`` only whole tokens count: the **word-list** count of
    :func:`corpus_frequencies`, where a formulation nested in a longer
    lexicon entry is part of that token and not counted on its own.

    Parameters
    ----------
    docs
        doc_id → cleaned text, or → *all* its tokens
        (:meth:`corpus_utils.terms.segment.Segmenter.tokens`, which join back to the
        text). Do not pass filtered words (:meth:`~corpus_utils.terms.segment.Segmenter.words`)
        for the formulation count: joined without their punctuation they could
        make occurrences the text does not have. ``nested=False`` needs tokens.
    terms
        The terms; repeats are counted once.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` in the order of ``docs``, one column per term in the
        order given.

    Raises
    ------
    ValueError
        An empty term.
    TypeError
        A document that is neither a string nor a sequence of strings, or a
        text with ``nested=False``.
    """
    wanted = list(dict.fromkeys(terms))
    _term_automaton(tuple(wanted))  # checks the terms even when there is no document
    table = {}
    for doc_id, value in docs.items():
        if nested:
            table[doc_id] = term_counts_in_text(_text_of(doc_id, value), wanted)
        elif isinstance(value, str):
            raise TypeError(f"document {doc_id!r}: nested=False counts whole tokens; give its tokens, not its text")
        else:
            counts = Counter(value)
            table[doc_id] = [counts[t] for t in wanted]
    frame = pd.DataFrame.from_dict(table, orient="index", columns=wanted) if table else pd.DataFrame(columns=wanted)
    return frame.astype("int64").rename_axis("doc_id")


def frequency_table(corpus: pd.DataFrame, *, by: str = "corpus", top: int | None = None, segmenter=None
                    ) -> pd.DataFrame:
    """Segment a loaded corpus and count its words.

    Parameters
    ----------
    corpus
        From :func:`corpus_utils.load_corpus`.
    by
        ``"corpus"`` (:func:`corpus_frequencies`) or ``"doc"`` (:func:`doc_frequencies`).
    top
        Keep the ``top`` most frequent terms (per document with ``by="doc"``).
    segmenter
        Default: :func:`corpus_utils.terms.segment.corpus_segmenter` for this corpus.
    """
    from corpus_utils.terms.dtm import document_term_counts

    if by not in ("corpus", "doc"):
        raise ValueError("by must be 'corpus' or 'doc'")
    counts = document_term_counts(corpus, segmenter=segmenter)
    return counts.frequency_table(top=top) if by == "corpus" else counts.doc_table(top=top)


def plot_top_terms(table: pd.DataFrame, *, n: int = 25, value: str = "per_10k_chars", title: str = ""):
    """Horizontal bars of the ``n`` most frequent terms of a
    :func:`corpus_frequencies` table."""
    import matplotlib.pyplot as plt

    top = table.head(n)
    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, fit_height

    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.17 * len(top) + 1.0)), layout="constrained")
    ax.barh(top["term"], top[value], color=OKABE_ITO[0])
    ax.invert_yaxis()
    ax.set_xlabel({"per_10k_chars": "occurrences per 10,000 characters", "freq": "occurrences"}.get(value, value))
    ax.set_title(title or f"The {len(top)} most frequent words")
    ax.tick_params(axis="y", length=0)
    return fig


def top_terms_by_doc(doc_table: pd.DataFrame, *, n: int = 5) -> pd.DataFrame:
    """The ``n`` most frequent terms of each document side by side: one row
    per document, columns 1 … n (from a :func:`doc_frequencies` table)."""
    top = doc_table.groupby("doc_id", sort=True).head(n).copy()
    top["rank"] = top.groupby("doc_id").cumcount() + 1
    return top.pivot(index="doc_id", columns="rank", values="term")
