"""Exercises of notebook 04 (change over time), with the answers they are checked against.

The four exercises practise the moves of a diachronic study on the packaged
government work reports (:func:`corpus_utils.datasets.work_reports`):

* 04.1 periods are the analyst's choice: cut the eras at the party
  congresses and see whether the peak of 改革开放 moves;
* 04.2 normalised rates by year: the first year in which 市场经济 is used
  more often than 计划经济;
* 04.3 keyness against a chosen reference period: the key words of
  2012–2017 against 2002–2011 that the earlier reports never use;
* 04.4 intervals: a count of zero still has an upper bound (the same table
  as ``python -m corpus_utils trends … --by era`` prints).

Every expected answer is computed from the data with the public API, never
written down, so the notebook does not show it; each is computed once per
session (cached) and returned as an immutable value.
"""

from __future__ import annotations

from functools import lru_cache

from corpus_utils.lessons.check import Answer
from corpus_utils.lessons.data import work_reports

#: Eras cut at the party congresses (exercise 04.1).
CONGRESS_BREAKS = (1982, 1987, 1992, 1997, 2002, 2007, 2012)




@lru_cache(maxsize=1)
def content_counts_by_era():
    """Document-term counts of the reports with an ``era`` variable and the
    words that only date or count removed, as in notebook 04 section 4."""
    from corpus_utils.change.periods import period_labels
    from corpus_utils.constants import DATE_OR_ORDINAL_WORD
    from corpus_utils.terms.dtm import document_term_counts

    counts = document_term_counts(work_reports())
    counts = counts.assign(era=period_labels(counts.docvars["year"], by="era"))
    return counts.remove(DATE_OR_ORDINAL_WORD)


@lru_cache(maxsize=1)
def reform_peak_by_congress() -> str:
    """04.1: the congress era in which 改革开放 has its highest rate per 10,000 characters."""
    from corpus_utils.change.trends import term_trends

    trends = term_trends(work_reports(), ["改革开放"], by="era", breaks=CONGRESS_BREAKS)
    return str(trends.loc[trends["per_10k_chars"].idxmax(), "period"])


@lru_cache(maxsize=1)
def market_overtakes_plan() -> int:
    """04.2: the first year whose report uses 市场经济 more often (per 10,000 characters) than 计划经济."""
    from corpus_utils.change.trends import term_trends

    trends = term_trends(work_reports(), ["计划经济", "市场经济"], by="year")
    rates = trends.pivot(index="period", columns="term", values="per_10k_chars").sort_index()
    return int(rates.index[rates["市场经济"] > rates["计划经济"]][0])


@lru_cache(maxsize=1)
def new_key_words_2012() -> tuple[str, ...]:
    """04.3: of the ten strongest key words of 2012–2017 against 2002–2011,
    those that the 2002–2011 reports never use."""
    from corpus_utils.change.groups import keyness_by_group

    key = keyness_by_group(content_counts_by_era(), "era", reference="2002–2011", top=10)
    xi = key[(key["group"] == "2012–2017") & (key["freq_reference"] == 0)]
    return tuple(xi["term"])


@lru_cache(maxsize=1)
def reform_upper_bound_before_1978() -> float:
    """04.4: the upper end of the 95 % exact Poisson interval of 改革开放 in
    1954–1977, where it occurs zero times (per 10,000 characters)."""
    from corpus_utils.change.trends import term_trends

    trends = term_trends(work_reports(), ["改革开放", "阶级斗争"], by="era")
    row = trends[(trends["period"] == "1954–1977") & (trends["term"] == "改革开放")]
    return float(row["ci_high"].iloc[0])


ANSWERS: dict[str, Answer] = {
    "04.1": Answer(
        reform_peak_by_congress,
        hint="Pass the breaks to cu.term_trends(..., by=\"era\", breaks=...), take the row with the largest "
             "per_10k_chars and copy its period label exactly as the table shows it (with its dash).",
    ),
    "04.2": Answer(
        market_overtakes_plan,
        hint="Compare the two terms' per_10k_chars year by year (a pivot on period and term helps); "
             "the answer is the earliest year in which 市场经济 is strictly higher, as a number.",
    ),
    "04.3": Answer(
        new_key_words_2012,
        hint="Use top=10 and reference=\"2002–2011\" on the content counts, keep the rows of group "
             "2012–2017, and of those the words whose freq_reference is 0; give all of them as a list.",
    ),
    "04.4": Answer(
        reform_upper_bound_before_1978,
        tolerance=0.01,
        hint="Use the default (exact Poisson) interval, not the bootstrap; read ci_high of 改革开放 in the "
             "row of 1954–1977, as a number.",
    ),
}
