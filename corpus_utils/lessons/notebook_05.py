"""Exercises of notebook 05 (exploring a corpus), with the answers they are checked against.

The four exercises practise reading a corpus with queries on the packaged
government work reports (:func:`corpus_utils.datasets.work_reports`):

* 05.1 query kinds: how much of a word a ``token`` query misses, against the
  ``substring`` query, because the segmenter keeps it inside longer words;
* 05.2 regular expressions: a pattern for plan codes (六五, 十一五) also
  catches years written in characters — read the matches before counting;
* 05.3 sorting and filtering: what the reports 坚持 ("persist in") before
  1978 and from 2012 on, by the right neighbour ``R1``;
* 05.4 the explorer from code: ``explorer.search(...)`` and its hits per
  document.

Every expected answer is computed from the data with the public API, never
written down, so the notebook does not show it; each is computed once per
session (cached) and returned as an immutable value.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from corpus_utils.lessons.check import Answer
from corpus_utils.lessons.data import work_reports, work_reports_segmenter

#: The regular expression of exercise 05.2: a plan code, 一 to 十 (up to three of them) before 五.
PLAN_CODE_PATTERN = r"[一二三四五六七八九十]{1,3}五(?:计划|规划)?"

#: The periods of exercise 05.3, as ``where`` conditions.
PERSIST_PERIODS = ("year<1978", "year>=2012")






def lines_of(query: str, *, kind: str, where: str | None = None, sort: str | None = None) -> pd.DataFrame:
    """The concordance of ``query`` in the reports, with the shared segmenter."""
    from corpus_utils.terms.concordance import concordance

    return concordance(work_reports(), query, kind=kind, where=where, sort=sort, segmenter=work_reports_segmenter())


@lru_cache(maxsize=1)
def reform_share_missed_by_token() -> float:
    """05.1: the share of the substring hits of 改革 that the token query does not find."""
    token = len(lines_of("改革", kind="token"))
    substring = len(lines_of("改革", kind="substring"))
    return 1 - token / substring


@lru_cache(maxsize=1)
def top_plan_code_match() -> str:
    """05.2: the most frequent match of :data:`PLAN_CODE_PATTERN` (ties in code-point order)."""
    counts = lines_of(PLAN_CODE_PATTERN, kind="regex")["match"].value_counts()
    return str(min(counts[counts == counts.max()].index))


@lru_cache(maxsize=1)
def top_persisted() -> tuple[str, str]:
    """05.3: the most frequent right neighbour (``R1``) of the token 坚持 that
    is not a stopword, before 1978 and from 2012 on."""
    from corpus_utils.terms.lexicon import stopwords

    stop = stopwords()
    tops = []
    for where in PERSIST_PERIODS:
        right = lines_of("坚持", kind="token", where=where, sort="R1")["R1"]
        counts = right[~right.isin(stop)].value_counts()
        tops.append(str(min(counts[counts == counts.max()].index)))
    return tuple(tops)


@lru_cache(maxsize=1)
def supply_side_years() -> tuple[int, ...]:
    """05.4: the years whose report contains 供给侧结构性改革 (as a substring)."""
    from corpus_utils.terms.concordance import hits_per_document

    reports = work_reports()
    hits = hits_per_document(lines_of("供给侧结构性改革", kind="substring"), reports)
    years = reports.set_index("doc_id")["year"]
    return tuple(sorted(int(years[doc]) for doc in hits.loc[hits["hits"] > 0, "doc_id"]))


ANSWERS: dict[str, Answer] = {
    "05.1": Answer(
        reform_share_missed_by_token,
        tolerance=0.01,
        hint="Count the lines of both queries for 改革 (len of each concordance); the share missed is "
             "1 − token / substring, a number between 0 and 1.",
    ),
    "05.2": Answer(
        top_plan_code_match,
        hint="Run cu.concordance with kind=\"regex\" and the pattern as given, then value_counts() of the "
             "match column; the answer is the text of the first row.",
    ),
    "05.3": Answer(
        top_persisted,
        ordered=True,
        hint="Query the token 坚持 twice, with where=\"year<1978\" and where=\"year>=2012\"; drop the R1 "
             "values that are in cu.stopwords() before value_counts(); answer [before, after].",
    ),
    "05.4": Answer(
        supply_side_years,
        hint="Search with kind=\"substring\", keep the rows of explorer.hits with hits > 0, and turn their "
             "doc_id into years (the reports table has a year column); answer a list of numbers.",
    ),
}
