"""Scoring extractors against hand annotations (gold).

Precision is the share of found items that the gold holds, recall the
share of gold items that were found (van Rijsbergen 1979, *Information
Retrieval*, ch. 7): with ``tp`` items in both, ``P = tp / found`` and
``R = tp / gold``. Items are compared as ``(document, item)`` pairs and
summed over documents (micro-averaging).

Outline lists are compared whole: a gold list counts as found when the same
document has a found list with the same level, the same sequence of markers
and the same announced count. Parallelisms are matched one to one: a found
run matches a gold run of the same document when at least two, and at least
half, of the gold members are contained in (or contain) found members.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from corpus_utils import constants as P


@dataclass(frozen=True)
class Score:
    """Precision and recall of one comparison."""

    true_positives: int
    found: int
    gold: int

    @property
    def precision(self) -> float:
        """``tp / found`` (1.0 when nothing was found)."""
        return self.true_positives / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """``tp / gold`` (1.0 when the gold is empty)."""
        return self.true_positives / self.gold if self.gold else 1.0


def score_pairs(found: Iterable[tuple], gold: Iterable[tuple]) -> Score:
    """Micro-averaged precision and recall of ``(document, item)`` pairs."""
    found_set, gold_set = set(found), set(gold)
    return Score(len(found_set & gold_set), len(found_set), len(gold_set))




def outline_lists(rows: Iterable[Mapping]) -> dict[tuple[str, str], tuple[int, tuple[str, ...], int]]:
    """``(doc_id, list_id) -> (level, markers, announced count)`` from
    outline rows (:func:`corpus_utils.rhetoric.outline.outline_table` or gold)."""
    lists: dict[tuple[str, str], dict] = {}
    for row in rows:
        key = (str(row["doc_id"]), str(row["list_id"]))
        entry = lists.setdefault(key, {"level": int(row["level"]), "markers": [], "announced": row["announced_count"]})
        entry["markers"].append(P.MARKER_END.sub("", str(row["marker"])))
    return {key: (value["level"], tuple(value["markers"]), int(float(value["announced"] or 0)))
            for key, value in lists.items()}


def outline_agreement(found_rows: Iterable[Mapping], gold_rows: Iterable[Mapping]) -> tuple[Score, list]:
    """How many gold lists a found outline holds exactly.

    Returns
    -------
    tuple
        The :class:`Score` (``true_positives`` gold lists found exactly,
        ``found`` lists found, ``gold`` lists in the gold; its recall is the
        agreement) and the missing gold lists ``(doc_id, (level, markers,
        announced))``.
    """
    found = outline_lists(found_rows)
    gold = outline_lists(gold_rows)
    available: dict[str, list] = {}
    for (doc, _), value in found.items():
        available.setdefault(doc, []).append(value)
    missing = []
    for (doc, _), value in sorted(gold.items()):
        if value in available.get(doc, []):
            available[doc].remove(value)
        else:
            missing.append((doc, value))
    return Score(len(gold) - len(missing), len(found), len(gold)), missing


def _members_overlap(found: str, gold: str) -> bool:
    found_members = [P.QUOTE_MARKS.sub("", m) for m in found.split("|")]
    gold_members = [P.QUOTE_MARKS.sub("", m) for m in gold.split("|")]
    hits = sum(any(g in f or f in g for f in found_members) for g in gold_members)
    return hits >= 2 and hits >= len(gold_members) / 2


def parallelism_score(found: pd.DataFrame, gold: Sequence[Mapping]) -> Score:
    """Parallel runs found against gold runs (see the module docstring)."""
    used: set[int] = set()
    by_doc: dict[str, list[tuple[int, str]]] = {}
    for index, doc_id, members in zip(found.index, found["doc_id"].astype(str), found["members"], strict=True):
        by_doc.setdefault(doc_id, []).append((index, members))
    for row in gold:
        match = next((i for i, members in by_doc.get(str(row["doc_id"]), [])
                      if i not in used and _members_overlap(members, row["members"])), None)
        if match is not None:
            used.add(match)
    return Score(len(used), len(found), len(gold))
