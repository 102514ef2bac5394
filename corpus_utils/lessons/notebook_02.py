"""Exercises of notebook 02 (slogans and numbered formulae), with their answers.

They teach the student to

* tell a numbered formula from an announcement of points with
  ``cu.explain_formulae`` (02.1);
* compare enterprise groups rather than levels: the seeds hold three groups,
  and what crosses them is an echo of central formulations, not a cascade
  down one hierarchy; the rest each group keeps to itself (02.2);
* extract the numbered formulae of a real document, the 2017 government work
  report, and read their counts (02.3);
* read pairwise Jaccard similarity and see which documents share most (02.4).

Each answer is computed from the data with the public API; the expensive loads
are cached.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

import corpus_utils as cu
from corpus_utils.lessons.check import Answer
from corpus_utils.lessons.data import seed_corpus, work_reports

#: The expressions of exercise 02.1.
EXPRESSIONS = ("三个代表", "五点意见", "三方面工作", "十个坚持", "一带一路", "两个方面", "三个月", "五年来", "六稳")
#: The year of the work report of exercise 02.3.
REPORT_YEAR = 2017




@lru_cache(maxsize=1)
def seed_slogans() -> pd.DataFrame:
    """``cu.extract_slogans`` of the seed corpus."""
    return cu.extract_slogans(seed_corpus())


def with_groups(corpus: pd.DataFrame) -> pd.DataFrame:
    """The corpus with a ``group`` column: the enterprise group of each
    document, the first four characters of its organisation (中国邮政,
    国投集团, 中国电信)."""
    return corpus.assign(group=corpus["organization"].str[:4])


def announcements() -> list[str]:
    """The expressions of :data:`EXPRESSIONS` that the grammar reads as announcements."""
    table = cu.explain_formulae(list(EXPRESSIONS))
    return sorted(table.loc[table["role"] == "announcement", "expression"])


def china_post_own() -> int:
    """How many distinct slogans and formulae China Post (中国邮政) uses in
    the seeds that no other enterprise group uses."""
    counts = cu.shared_unique_counts(seed_slogans(), with_groups(seed_corpus()), by="group")
    return int(counts.loc["中国邮政", "unique"])


def report_slogans(year: int = REPORT_YEAR) -> pd.DataFrame:
    """``cu.extract_slogans`` of the government work report of ``year``."""
    reports = work_reports()
    return cu.extract_slogans(reports[reports["year"] == year])


@lru_cache(maxsize=1)
def most_frequent_report_formulae() -> list[str]:
    """The numbered formulae with the highest count in the report of
    :data:`REPORT_YEAR` (every one, if tied)."""
    formulae = report_slogans()
    formulae = formulae[formulae["kind"] == "numbered_formula"]
    return sorted(formulae.loc[formulae["count"] == formulae["count"].max(), "slogan"])


def most_similar_pair() -> list[str]:
    """The two seed documents whose slogan sets have the highest Jaccard similarity."""
    similarity = cu.jaccard_similarity(seed_slogans())
    pairs = similarity.where(pd.DataFrame(
        [[a < b for b in similarity.columns] for a in similarity.index],
        index=similarity.index, columns=similarity.columns)).stack()
    return sorted(pairs.idxmax())


ANSWERS: dict[str, Answer] = {
    "02.1": Answer(announcements, hint="Keep the rows whose role is 'announcement': frames that count the points of "
                                       "a speech, not a slogan."),
    "02.2": Answer(china_post_own, hint="Give each document its group (the first four characters of organization), "
                                        "then read the 'unique' column of shared_unique_counts(..., by='group')."),
    "02.3": Answer(most_frequent_report_formulae,
                   hint="Extract from the 2017 report only, keep kind == 'numbered_formula' and every formula whose "
                        "count equals the highest count."),
    "02.4": Answer(most_similar_pair, hint="Look off the diagonal: the answer is the two doc_ids of the largest value."),
}
