"""Collocates of a node word within a window, with MI, t-score and logDice.

Counting (Evert 2008, "Corpora and collocations", window-based): every
occurrence of a word within ``left`` tokens before or ``right`` tokens after
an occurrence of the node is a co-occurrence. O11 is the number of
co-occurrences, R1 the node's frequency, C1 the collocate's frequency, N the
corpus size in tokens, and the expected count is scaled by the window span:

    E11 = R1 · C1 · span / N, span = left + right.

Conventions to know when comparing with other tools:

* **Boundaries.** Windows do not cross document boundaries; they do cross
  sentence boundaries. Punctuation is removed before counting (so a window of
  5 is 5 words, not 5 tokens with commas); stopwords keep their positions
  but are not reported as collocates.
* **Node families.** When ``node`` is a set of words (:func:`node_family`),
  every occurrence of any member is a node occurrence, R1 is the sum of the
  members' frequencies, and members are never collocates of each other.
* **Overlapping windows.** A collocate inside the windows of two nearby
  nodes is counted once for each (Evert 2008), so O11 can exceed C1.
* **Whole tokens.** Frequencies are of whole tokens: 八项规定 inside the
  token 中央八项规定精神 is not an occurrence of 八项规定 here, unlike the
  substring counts of :func:`corpus_utils.terms.frequency.count_terms`.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Mapping, Sequence

import pandas as pd


def mutual_information(o11: float, e11: float) -> float:
    """Pointwise MI (Church & Hanks 1990): MI = log2(O11 / E11)."""
    return math.log2(o11 / e11)


def t_score(o11: float, e11: float) -> float:
    """t-score (Church et al. 1991): t = (O11 − E11) / √O11."""
    return (o11 - e11) / math.sqrt(o11)


def log_dice(o11: float, r1: float, c1: float) -> float:
    """logDice (Rychlý 2008): 14 + log2(2 · O11 / (R1 + C1)).

    Independent of corpus size. Rychlý's bound of 14 holds when O11 ≤ min(R1,
    C1); with window counting O11 can exceed C1 (one collocate occurrence lies
    in the windows of two nearby nodes and is counted for each), so values
    above 14 occur for clustered nodes.
    """
    return 14 + math.log2(2 * o11 / (r1 + c1))


def node_family(tokens_by_doc: Mapping[str, Sequence[str]], stem: str) -> list[str]:
    """Every distinct token that contains ``stem`` (党建 → 党建, 党建引领, 党建工作 …),
    sorted: a formulation's family when the lexicon keeps compounds whole."""
    return sorted({t for tokens in tokens_by_doc.values() for t in tokens if stem in t})


def collocates(tokens_by_doc: Mapping[str, Sequence[str]], node: str | Collection[str], *, left: int = 5,
               right: int = 5,
               min_count: int = 2, exclude: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Collocates of ``node`` in a window of ``left``/``right`` tokens.

    Parameters
    ----------
    tokens_by_doc
        Countable tokens per document (punctuation removed, stopwords kept).
    node
        The node word, or a collection of words counted as one node (see
        :func:`node_family`).
    min_count
        Keep collocates with O11 ≥ ``min_count``.
    exclude
        Words never reported as collocates (e.g. the stopword list).

    Returns
    -------
    pandas.DataFrame
        ``collocate, O11, R1, C1, N, E11, MI, t_score, logDice, left, right``
        (``left``/``right``: co-occurrences on each side), by logDice then
        O11 (descending), then collocate.
    """
    nodes = {node} if isinstance(node, str) else set(node)
    span = left + right
    totals: Counter[str] = Counter()
    joint: Counter[str] = Counter()
    on_left: Counter[str] = Counter()
    for tokens in tokens_by_doc.values():
        totals.update(tokens)
        for i, token in enumerate(tokens):
            if token not in nodes:
                continue
            before = tokens[max(0, i - left):i]
            after = tokens[i + 1:i + 1 + right]
            joint.update(before)
            joint.update(after)
            on_left.update(before)
    n, r1 = sum(totals.values()), sum(totals[t] for t in nodes)
    rows = []
    for word, o11 in joint.items():
        if word in nodes or word in exclude or o11 < min_count:
            continue
        c1 = totals[word]
        e11 = r1 * c1 * span / n
        rows.append((word, o11, r1, c1, n, e11, mutual_information(o11, e11), t_score(o11, e11),
                     log_dice(o11, r1, c1), on_left[word], o11 - on_left[word]))
    frame = pd.DataFrame(rows, columns=["collocate", "O11", "R1", "C1", "N", "E11", "MI", "t_score", "logDice",
                                        "left", "right"])
    return frame.sort_values(["logDice", "O11", "collocate"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)
