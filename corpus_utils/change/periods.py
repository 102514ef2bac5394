"""Periods: group documents by year, decade or era for change over time.

A period is a label computed from a document's ``year`` (the loader derives
``year`` from dates of any precision, ``"2017"``, ``"2017-03"`` or
``"2017-03-05"``, so documents of mixed precision group together). Labels
come back as an ordered pandas Categorical whose categories are the periods
that occur, in chronological order, so that sorting and grouping by period
follow time rather than the alphabet.

Eras are cut at breakpoints, each the first year of a new era.
:data:`ERA_BREAKS` is a default for the history of the People's Republic,
the conventional turning points of its official discourse; pass your own
``breaks`` (and ``names``) for another periodisation.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import pandas as pd

#: Default era breakpoints, each the first year of an era: 1978 reform and
#: opening (Third Plenum of the 11th Central Committee, December 1978), 1992
#: Deng Xiaoping's Southern Tour and the "socialist market economy", 2002 the
#: Hu Jintao–Wen Jiabao leadership (16th Party Congress), 2012 Xi Jinping
#: (18th Party Congress). A default only: replace it with ``breaks=...``.
ERA_BREAKS: tuple[int, ...] = (1978, 1992, 2002, 2012)

#: The ways to group years into periods.
PERIOD_KINDS = ("year", "decade", "era")

#: Joins the two bounds of an era label ("1978–1991").
RANGE_DASH = "–"


def _check(by: str, breaks: Sequence[int], names: Sequence[str] | None) -> list[int]:
    if by not in PERIOD_KINDS:
        raise ValueError(f"by must be one of {', '.join(PERIOD_KINDS)}, not {by!r}")
    breaks = [int(b) for b in breaks]
    if by != "era":
        return breaks
    if not breaks:
        raise ValueError("breaks must hold at least one year to cut eras")
    if any(later <= earlier for earlier, later in pairwise(breaks)):
        raise ValueError(f"breaks must be strictly increasing years, got {breaks}")
    if names is not None:
        _check_names(list(names), len(breaks) + 1)
    return breaks


def _check_names(names: list, n_eras: int) -> None:
    if len(names) != n_eras:
        raise ValueError(f"names must give one name per era: {n_eras} for {n_eras - 1} breaks, got {len(names)}")
    if len(set(names)) != len(names) or not all(isinstance(n, str) and n for n in names):
        raise ValueError("names must be distinct non-empty strings")


def _as_years(years: pd.Series) -> pd.Series:
    try:
        return pd.Series(pd.array(years, dtype="Int64"), index=years.index)
    except (TypeError, ValueError):
        raise ValueError("years must be whole numbers (or missing values)") from None


def _era_labels(present: list[int], breaks: list[int], names: Sequence[str] | None) -> list[str]:
    """One label per era: its name, or its bounds, the open ends bounded by
    the first and last year present."""
    if names is not None:
        return list(names)
    lows = [min(present[0], breaks[0] - 1), *breaks]
    highs = [b - 1 for b in breaks] + [max(present[-1], breaks[-1])]
    return [f"{low}{RANGE_DASH}{high}" for low, high in zip(lows, highs, strict=True)]


def _period_of(present: list[int], by: str, breaks: list[int], names: Sequence[str] | None) -> dict[int, str]:
    """The label of each year present (ascending)."""
    if by == "year":
        return {y: str(y) for y in present}
    if by == "decade":
        return {y: f"{y // 10 * 10}s" for y in present}
    if not present:
        return {}
    labels = _era_labels(present, breaks, names)
    return {y: labels[sum(y >= b for b in breaks)] for y in present}


def period_labels(years: pd.Series, *, by: str = "year", breaks: Sequence[int] = ERA_BREAKS,
                  names: Sequence[str] | None = None) -> pd.Series:
    """The period of each year.

    Parameters
    ----------
    years
        Years as whole numbers (the ``year`` column of a loaded corpus, a
        nullable ``Int64``); a missing year (``pd.NA``) gives a missing
        period (NA), and such a document belongs to no period.
    by
        ``"year"`` (label ``"1978"``), ``"decade"`` (``"1970s"``) or
        ``"era"``: eras cut at ``breaks``.
    breaks
        With ``by="era"``: strictly increasing years, each the first year
        of a new era (default :data:`ERA_BREAKS`). Era *i* runs from break
        *i − 1* to break *i* minus one; an era is labelled by its bounds,
        ``"1978–1991"``, the open first and last eras by the earliest and
        latest year present (``"1954–1977"``, ``"2012–2017"``).
    names
        With ``by="era"``: one name per era (``len(breaks) + 1``, in
        order), used instead of the bounds.

    Returns
    -------
    pandas.Series
        Ordered Categorical, same index as ``years``, named ``period``; its
        categories are the periods that occur, in chronological order.

    Raises
    ------
    ValueError
        An unknown ``by``, breaks not strictly increasing, a wrong number of
        names, or years that are not whole numbers.
    """
    breaks = _check(by, breaks, names)
    values = _as_years(years)
    known = values.dropna().astype("int64")
    key = _period_of(sorted(set(known)), by, breaks, names)
    labels = list(dict.fromkeys(key.values()))  # years ascending, so periods in chronological order
    codes = known.map(key).reindex(values.index)
    return pd.Series(pd.Categorical(codes, categories=labels, ordered=True), index=years.index, name="period")


def with_periods(table: pd.DataFrame, *, by: str = "year", breaks: Sequence[int] = ERA_BREAKS,
                 names: Sequence[str] | None = None, column: str = "period") -> pd.DataFrame:
    """A copy of ``table`` with a period column computed from its ``year``.

    Parameters
    ----------
    table
        A loaded corpus (:func:`corpus_utils.load_corpus`) or the
        ``docvars`` of a :class:`corpus_utils.terms.dtm.DocumentTermCounts`:
        anything with a ``year`` column.
    by, breaks, names
        As in :func:`period_labels`.
    column
        Name of the new column (replaced if it exists).

    Returns
    -------
    pandas.DataFrame
        The copy, with ``column`` an ordered Categorical; a missing year
        gives a missing period.

    Raises
    ------
    ValueError
        ``table`` has no ``year`` column, or as :func:`period_labels`.
    """
    if "year" not in table:
        raise ValueError("the table has no 'year' column; load it with corpus_utils.load_corpus or add one")
    result = table.copy()
    result[column] = period_labels(table["year"], by=by, breaks=breaks, names=names)
    return result


def dated_rows(table: pd.DataFrame, *, left_out_of: str) -> pd.DataFrame:
    """The rows of a loaded corpus (or of document variables) that have a
    ``year``; one :class:`~corpus_utils.errors.CorpusWarning` says how many
    documents without one are left out of ``left_out_of``.

    Raises
    ------
    ValueError
        ``table`` has no ``year`` column.
    """
    import warnings

    from corpus_utils.errors import CorpusWarning

    if "year" not in table:
        raise ValueError("no 'year' column; load the corpus with corpus_utils.load_corpus or add one")
    undated = int(table["year"].isna().sum())
    if undated:
        warnings.warn(f"{undated} document(s) without a year are left out of {left_out_of}", CorpusWarning,
                      stacklevel=3)
    return table[table["year"].notna()]
