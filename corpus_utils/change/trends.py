"""Trends: how often terms occur period by period, with intervals and a trend test.

The rate of a term in a period is its count over the characters of the
period's documents,

    per_10k_chars = 10,000 · freq / n_chars,

(characters of cleaned text, the size measure of
:mod:`corpus_utils.terms.frequency`). Counts are formulation counts
(:func:`corpus_utils.terms.frequency.count_terms`, ``text.count(term)`` in
each document) or any document × term table of counts.

Two intervals for a period's rate:

* ``"poisson"``: the exact Poisson interval of the count (Garwood 1936,
  "Fiducial limits for the Poisson distribution", *Biometrika* 28(3/4)),
  in its chi-square form, divided by n_chars / 10,000::

      low  = χ²(α/2; 2k) / 2          (0 when k = 0)
      high = χ²(1 − α/2; 2k + 2) / 2,  α = 1 − level

  For k = 0 the 95 % interval is [0, 3.689], for k = 10 [4.795, 18.39].
  It treats every occurrence as independent, as if the period were one
  long bag of words.
* ``"bootstrap"``: the percentile bootstrap over the period's documents
  (Efron & Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13):
  documents are resampled with replacement, and the rate of a resample is
  its summed counts over its summed characters (a ratio estimator);
  the interval holds the α/2 and 1 − α/2 quantiles of ``n_boot`` resampled
  rates (:func:`scipy.stats.bootstrap`, ``method="percentile"``).

Which to use: words are bursty, a term that is a document's topic occurs in
clusters, so occurrences are not independent and the Poisson interval is
too narrow when a term is concentrated in a few documents (Lijffijt et al.
2016, "Significance testing of word frequencies in corpora", *Digital
Scholarship in the Humanities* 31(2), who recommend resampling texts, not
words). Prefer ``"bootstrap"`` when periods hold several documents each
(decades, eras); use ``"poisson"`` when a period is one document (years of
annual reports), where the bootstrap cannot measure variation between
documents, and read it as a lower bound on the uncertainty.

The trend test (:func:`trend_statistics`) is Kendall's τ_b between the order
of the periods and the rates, the method of Hilpert & Gries (2009),
"Assessing frequency changes in multistage diachronic corpora", *Literary
and Linguistic Computing* 24(4).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from corpus_utils.change.periods import ERA_BREAKS, dated_rows, period_labels
from corpus_utils.terms.frequency import PER_CHARS

#: Interval methods of :func:`trends_from_counts`.
INTERVALS = ("poisson", "bootstrap")
#: Columns of a trends table.
TREND_COLUMNS = ["period", "term", "freq", "n_chars", "n_docs", "per_10k_chars", "ci_low", "ci_high"]
#: Columns of :func:`trend_statistics`.
STATISTIC_COLUMNS = ["term", "tau", "p_value", "direction", "freq", "first_period", "last_period",
                     "peak_period", "peak_per_10k"]
#: Significance level that makes a trend "rising" or "falling".
TREND_ALPHA = 0.05
#: Okabe & Ito (2008) colour-blind-safe palette, yellow last (weakest on white).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000", "#F0E442")
#: Line styles that tell apart terms beyond the eighth colour.
LINE_STYLES = ("-", "--", ":", "-.")


# --- document periods ------------------------------------------------------------------------------------------

def _dated_periods(docvars: pd.DataFrame, *, by: str, breaks: Sequence[int], names: Sequence[str] | None) -> pd.Series:
    """The period of every document that has a year (index doc_id); a
    warning counts those without one."""
    dated = dated_rows(docvars, left_out_of="the periods")
    return period_labels(dated["year"], by=by, breaks=breaks, names=names)


def _check_options(interval: str, level: float, n_boot: int) -> None:
    if interval not in INTERVALS:
        raise ValueError(f"interval must be one of {', '.join(INTERVALS)}, not {interval!r}")
    if not 0 < level < 1:
        raise ValueError(f"level must be between 0 and 1 (e.g. 0.95), not {level}")
    if int(n_boot) < 1:
        raise ValueError(f"n_boot must be a whole number of at least 1, not {n_boot}")


# --- intervals -------------------------------------------------------------------------------------------------

def _poisson_interval(freq: np.ndarray, n_chars: int, level: float) -> tuple[np.ndarray, np.ndarray]:
    """Garwood's exact interval of each count, as a rate per 10,000 characters."""
    from scipy.stats import chi2

    alpha = 1 - level
    k = freq.astype("float64")
    low = np.where(k > 0, chi2.ppf(alpha / 2, 2 * np.maximum(k, 1)) / 2, 0.0)
    high = chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2
    return PER_CHARS * low / n_chars, PER_CHARS * high / n_chars


def _bootstrap_interval(block: np.ndarray, sizes: np.ndarray, level: float, n_boot: int,
                        rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Percentile bootstrap of each term's rate over the documents (rows of
    ``block``), all terms from the same resamples; NaN for one document."""
    from scipy.stats import bootstrap

    n_docs, n_terms = block.shape
    if n_docs < 2:
        return np.full(n_terms, np.nan), np.full(n_terms, np.nan)
    counts, chars = block.astype("float64"), sizes.astype("float64")

    def rate(indices: np.ndarray, axis: int = -1) -> np.ndarray:
        drawn = np.atleast_2d(indices).astype("int64")
        weights = np.zeros((drawn.shape[0], n_docs))
        np.add.at(weights, (np.arange(drawn.shape[0])[:, None], drawn), 1.0)
        with np.errstate(invalid="ignore", divide="ignore"):  # a resample of empty documents only: NaN
            rates = PER_CHARS * (weights @ counts) / (weights @ chars)[:, None]
        return rates.T if np.ndim(indices) > 1 else rates[0]

    result = bootstrap((np.arange(n_docs),), rate, n_resamples=int(n_boot), method="percentile",
                       confidence_level=level, vectorized=True, rng=rng)
    return np.asarray(result.confidence_interval.low), np.asarray(result.confidence_interval.high)


# --- trends ----------------------------------------------------------------------------------------------------

def _period_rows(period: str, terms: list[str], block: np.ndarray, sizes: np.ndarray, *, interval: str,
                 level: float, n_boot: int, rng: np.random.Generator) -> pd.DataFrame:
    freq, n_chars = block.sum(axis=0), int(sizes.sum())
    if n_chars == 0:
        rate = low = high = np.full(len(terms), np.nan)
    else:
        rate = PER_CHARS * freq / n_chars
        if interval == "poisson":
            low, high = _poisson_interval(freq, n_chars, level)
        else:
            low, high = _bootstrap_interval(block, sizes, level, n_boot, rng)
    return pd.DataFrame({"period": period, "term": terms, "freq": freq.astype("int64"), "n_chars": n_chars,
                         "n_docs": len(sizes), "per_10k_chars": rate.astype("float64"),
                         "ci_low": np.asarray(low, dtype="float64"), "ci_high": np.asarray(high, dtype="float64")})


def _empty_trends() -> pd.DataFrame:
    dtypes = {"period": "str", "term": "str", "freq": "int64", "n_chars": "int64", "n_docs": "int64",
              "per_10k_chars": "float64", "ci_low": "float64", "ci_high": "float64"}
    return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in dtypes.items()})


def trends_from_counts(doc_term: pd.DataFrame, docvars: pd.DataFrame, *, by: str = "year",
                       breaks: Sequence[int] = ERA_BREAKS, names: Sequence[str] | None = None,
                       interval: str = "poisson", level: float = 0.95, n_boot: int = 1000,
                       random_state: int = 0) -> pd.DataFrame:
    """Frequency and rate of each term in each period, with an interval.

    Parameters
    ----------
    doc_term
        Index ``doc_id``, one column of counts per term (as
        :func:`corpus_utils.terms.frequency.count_terms` returns). Its
        documents are the ones counted.
    docvars
        Index ``doc_id``, with ``n_chars`` and ``year`` for every document
        of ``doc_term`` (a corpus indexed by ``doc_id``, or
        ``DocumentTermCounts.docvars``). Documents without a year belong to
        no period: they are left out with a :class:`corpus_utils.CorpusWarning`.
    by, breaks, names
        The periods, as in :func:`corpus_utils.change.periods.period_labels`.
    interval
        ``"poisson"`` (Garwood's exact interval) or ``"bootstrap"``
        (percentile bootstrap over documents); see the module docstring for
        the formulas and when to use which. A bootstrap interval needs two
        documents in the period: with one it is NaN.
    level
        Confidence level of the interval.
    n_boot
        Bootstrap resamples.
    random_state
        Seed of the numpy Generator that draws every resample (periods in
        order); the same seed gives the same intervals. A term's interval
        does not depend on the other terms asked for: documents are resampled
        once for all of them.

    Returns
    -------
    pandas.DataFrame
        ``period, term, freq, n_chars, n_docs, per_10k_chars, ci_low,
        ci_high``: one row per period that has documents and per term (a
        zero count included), periods in chronological order (``period`` an
        ordered Categorical), then terms in the order of ``doc_term``'s
        columns. ``per_10k_chars = 10,000 · freq / n_chars``; rates are NaN
        for a period of empty documents (n_chars = 0).

    Raises
    ------
    ValueError
        A document of ``doc_term`` missing from ``docvars``, a missing
        ``n_chars`` or ``year`` column, an unknown ``interval``, a ``level``
        outside (0, 1), or as :func:`~corpus_utils.change.periods.period_labels`.
    """
    _check_options(interval, level, n_boot)
    if "n_chars" not in docvars:
        raise ValueError("docvars has no 'n_chars' column")
    missing = doc_term.index.difference(docvars.index)
    if len(missing):
        raise ValueError(f"{len(missing)} document(s) of doc_term are not in docvars, e.g. {sorted(missing)[0]!r}")
    terms = [str(t) for t in doc_term.columns]
    periods = _dated_periods(docvars.loc[doc_term.index], by=by, breaks=breaks, names=names)
    counts = doc_term.loc[periods.index].to_numpy(dtype="int64")
    sizes = docvars.loc[periods.index, "n_chars"].to_numpy(dtype="int64")
    rng = np.random.default_rng(random_state)
    parts = [_period_rows(str(p), terms, counts[(periods == p).to_numpy()], sizes[(periods == p).to_numpy()],
                          interval=interval, level=level, n_boot=n_boot, rng=rng)
             for p in periods.cat.categories]
    frame = pd.concat(parts, ignore_index=True) if parts else _empty_trends()
    frame["period"] = pd.Categorical(frame["period"], categories=list(periods.cat.categories), ordered=True)
    frame.attrs = {"by": by, "interval": interval, "level": level}
    return frame[TREND_COLUMNS]


def term_trends(corpus: pd.DataFrame, terms: Sequence[str], *, by: str = "year", breaks: Sequence[int] = ERA_BREAKS,
                names: Sequence[str] | None = None, interval: str = "poisson", level: float = 0.95,
                n_boot: int = 1000, random_state: int = 0) -> pd.DataFrame:
    """Trends of formulations in a loaded corpus.

    Counts each term as ``text.count(term)`` counts it in each document's
    cleaned text (:func:`corpus_utils.terms.frequency.count_terms`, the
    formulation count: nested and overlapping formulations all count), then
    :func:`trends_from_counts` with the corpus's ``n_chars`` and ``year``.

    Parameters
    ----------
    corpus
        From :func:`corpus_utils.load_corpus` (``doc_id``, ``text``,
        ``n_chars``, ``year``).
    terms
        The formulations; a repeated term is counted once.
    by, breaks, names, interval, level, n_boot, random_state
        As in :func:`trends_from_counts`.

    Returns
    -------
    pandas.DataFrame
        As :func:`trends_from_counts`.
    """
    from corpus_utils.terms.frequency import count_terms

    missing = [c for c in ("doc_id", "text", "n_chars", "year") if c not in corpus]
    if missing:
        raise ValueError(f"the corpus lacks the column(s) {', '.join(missing)}; load it with corpus_utils.load_corpus")
    counts = count_terms(dict(zip(corpus["doc_id"], corpus["text"], strict=True)), terms)
    docvars = corpus.set_index("doc_id")[["n_chars", "year"]]
    return trends_from_counts(counts, docvars, by=by, breaks=breaks, names=names, interval=interval, level=level,
                              n_boot=n_boot, random_state=random_state)


# --- trend statistics ------------------------------------------------------------------------------------------

def _period_order(trends: pd.DataFrame) -> list[str]:
    column = trends["period"]
    if isinstance(column.dtype, pd.CategoricalDtype) and column.cat.ordered:
        return [str(p) for p in column.cat.categories if (column == p).any()]
    return [str(p) for p in dict.fromkeys(column)]


def _kendall(rates: np.ndarray) -> tuple[float, float]:
    """Kendall's τ_b between period order and rates, and its p-value; NaN
    when fewer than two periods have a rate or the rate never changes."""
    from scipy.stats import kendalltau

    known = ~np.isnan(rates)
    if known.sum() < 2 or np.unique(rates[known]).size < 2:
        return math.nan, math.nan
    result = kendalltau(np.arange(len(rates))[known], rates[known])
    return float(result.statistic), float(result.pvalue)


def _direction(tau: float, p_value: float) -> str:
    if not math.isnan(p_value) and p_value < TREND_ALPHA:
        return "rising" if tau > 0 else "falling"
    return "flat"


def _term_statistics(term: str, rows: pd.DataFrame) -> dict:
    rates = rows["per_10k_chars"].to_numpy(dtype="float64")
    tau, p_value = _kendall(rates)
    periods = [str(p) for p in rows["period"]]
    seen = [p for p, f in zip(periods, rows["freq"], strict=True) if f > 0]
    peak = int(np.nanargmax(rates)) if seen and not np.isnan(rates).all() else None  # first maximum: earliest
    return {"term": term, "tau": tau, "p_value": p_value, "direction": _direction(tau, p_value),
            "freq": int(rows["freq"].sum()), "first_period": seen[0] if seen else None,
            "last_period": seen[-1] if seen else None, "peak_period": None if peak is None else periods[peak],
            "peak_per_10k": float(rates[peak]) if peak is not None else 0.0}


def trend_statistics(trends: pd.DataFrame) -> pd.DataFrame:
    """Is each term rising or falling? Kendall's τ_b over the periods.

    Following Hilpert & Gries (2009), "Assessing frequency changes in
    multistage diachronic corpora" (*Literary and Linguistic Computing*
    24(4)), the trend of a term is Kendall's rank correlation between the
    order of the periods (1, 2, …, P) and its rates per 10,000 characters,
    in the τ_b form that corrects for ties (Kendall 1945, "The treatment of
    ties in ranking problems", *Biometrika* 33(3)),

        τ_b = (n_c − n_d) / √((n_0 − n_1)(n_0 − n_2)),

    n_c and n_d the concordant and discordant pairs of periods, n_0 =
    P(P − 1)/2, n_1 and n_2 the pairs tied in order (none) and in rate
    (:func:`scipy.stats.kendalltau`, with its exact or asymptotic p-value).
    τ_b = 1: the rate rises from every period to every later one.

    Parameters
    ----------
    trends
        From :func:`trends_from_counts` or :func:`term_trends`.

    Returns
    -------
    pandas.DataFrame
        ``term, tau, p_value, direction, freq, first_period, last_period,
        peak_period, peak_per_10k``: ``direction`` is ``"rising"`` or
        ``"falling"`` at p < 0.05, else ``"flat"``; ``first_period`` and
        ``last_period`` the first and last period where the term occurs;
        ``peak_period`` the period of the highest rate (ties: the earliest)
        and ``peak_per_10k`` that rate. τ and p are NaN with fewer than two
        periods or a constant rate, and the period columns NA for a term
        that never occurs. Sorted by τ descending (rising first, NaN last),
        then term.
    """
    order = _period_order(trends)
    position = {p: i for i, p in enumerate(order)}
    rows = trends.assign(_order=trends["period"].astype(str).map(position)).sort_values("_order", kind="stable")
    stats = [_term_statistics(term, group) for term, group in rows.groupby("term", sort=False)]
    frame = pd.DataFrame(stats, columns=STATISTIC_COLUMNS)
    for column in ("first_period", "last_period", "peak_period"):
        frame[column] = pd.Categorical(frame[column], categories=order, ordered=True)
    frame = frame.astype({"tau": "float64", "p_value": "float64", "freq": "int64", "peak_per_10k": "float64"})
    return frame.sort_values(["tau", "term"], ascending=[False, True], na_position="last",
                             kind="stable").reset_index(drop=True)


# --- first appearances -----------------------------------------------------------------------------------------

def _counts_by_period(dtm, *, by: str, breaks: Sequence[int], names: Sequence[str] | None
                      ) -> tuple[pd.DataFrame, pd.Series]:
    """``term, period, code, freq`` of every term in every period where it
    occurs (code: the period's chronological position), and n_chars by period."""
    periods = _dated_periods(dtm.docvars, by=by, breaks=breaks, names=names)
    counts = dtm.counts[(dtm.counts["count"] > 0) & dtm.counts["doc_id"].isin(periods.index)]
    code = counts["doc_id"].map(periods.cat.codes)
    grouped = (counts.assign(code=code).groupby(["term", "code"], sort=True, as_index=False)["count"].sum()
               .rename(columns={"count": "freq"}))
    categories = list(periods.cat.categories)
    grouped["period"] = pd.Categorical.from_codes(grouped["code"].astype("int64"), categories=categories, ordered=True)
    sizes = dtm.docvars.loc[periods.index, "n_chars"].groupby(periods.cat.codes).sum()
    return grouped.astype({"freq": "int64", "code": "int64"}), sizes


def first_last_appearance(dtm, *, terms: Sequence[str] | None = None, by: str = "year",
                          breaks: Sequence[int] = ERA_BREAKS, names: Sequence[str] | None = None,
                          min_freq: int = 1) -> pd.DataFrame:
    """When each term is first and last seen.

    Parameters
    ----------
    dtm
        A :class:`corpus_utils.terms.dtm.DocumentTermCounts` whose
        ``docvars`` hold ``year``; documents without a year are left out
        with a :class:`corpus_utils.CorpusWarning`.
    terms
        Only these terms (default: every term).
    by, breaks, names
        The periods, as in :func:`corpus_utils.change.periods.period_labels`.
    min_freq
        Keep terms that occur at least this often in all (dated) documents.

    Returns
    -------
    pandas.DataFrame
        ``term, freq, first_period, last_period, n_periods``: total
        frequency, the first and last period where the term occurs (ordered
        Categoricals), and the number of periods where it occurs; sorted by
        first period, then term.
    """
    grouped, _ = _counts_by_period(dtm, by=by, breaks=breaks, names=names)
    if terms is not None:
        grouped = grouped[grouped["term"].isin(set(terms))]
    per_term = grouped.groupby("term", sort=True).agg(freq=("freq", "sum"), first=("code", "min"),
                                                      last=("code", "max"), n_periods=("code", "size"))
    per_term = per_term[per_term["freq"] >= min_freq].sort_values(["first", "term"], kind="stable")
    categories = list(grouped["period"].cat.categories)

    def period(codes: pd.Series) -> pd.Categorical:
        return pd.Categorical.from_codes(codes.astype("int64"), categories=categories, ordered=True)

    return pd.DataFrame({"term": per_term.index.astype(str), "freq": per_term["freq"].to_numpy(dtype="int64"),
                         "first_period": period(per_term["first"]), "last_period": period(per_term["last"]),
                         "n_periods": per_term["n_periods"].to_numpy(dtype="int64")})


def new_terms(dtm, *, by: str = "decade", breaks: Sequence[int] = ERA_BREAKS, names: Sequence[str] | None = None,
              min_freq: int = 5) -> pd.DataFrame:
    """Terms new in each period: not seen in any earlier period.

    A term is new in period *t* when it occurs in no document of periods
    1 … t − 1 and occurs at least ``min_freq`` times in *t*. The first period
    of the corpus is left out: everything is first seen there, so it has no
    "new" terms by definition. A term that first appears below ``min_freq``
    is not new later either (it was seen before).

    Parameters
    ----------
    dtm
        A :class:`corpus_utils.terms.dtm.DocumentTermCounts` whose
        ``docvars`` hold ``year``; documents without a year are left out
        with a :class:`corpus_utils.CorpusWarning`.
    by, breaks, names
        The periods, as in :func:`corpus_utils.change.periods.period_labels`.
    min_freq
        Least frequency in the period of first appearance.

    Returns
    -------
    pandas.DataFrame
        ``period, term, freq, per_10k_chars`` (``10,000 · freq / n_chars``
        of the period): periods in chronological order, then freq
        descending, then term.
    """
    grouped, sizes = _counts_by_period(dtm, by=by, breaks=breaks, names=names)
    first = grouped.groupby("term")["code"].transform("min")
    new = grouped[(grouped["code"] == first) & (grouped["code"] > 0) & (grouped["freq"] >= min_freq)]
    new = new.sort_values(["code", "freq", "term"], ascending=[True, False, True], kind="stable")
    chars = new["code"].map(sizes).to_numpy(dtype="float64")
    return pd.DataFrame({"period": pd.Categorical(new["period"]), "term": new["term"].astype(str).to_numpy(),
                         "freq": new["freq"].to_numpy(dtype="int64"),
                         "per_10k_chars": PER_CHARS * new["freq"].to_numpy(dtype="float64") / chars})


# --- figure ----------------------------------------------------------------------------------------------------

def _x_positions(order: list[str]) -> tuple[np.ndarray, bool]:
    """Numeric years when every period is a year (gaps stay gaps), else 0 … P − 1."""
    if order and all(p.isdigit() for p in order):
        return np.array([int(p) for p in order], dtype="float64"), True
    return np.arange(len(order), dtype="float64"), False


def _with_gaps(x: np.ndarray, values: np.ndarray, years: bool) -> tuple[np.ndarray, np.ndarray]:
    """Insert NaN between years that are not consecutive, so lines break there."""
    if not years or len(x) < 2:
        return x, values
    full = np.arange(x.min(), x.max() + 1)
    filled = np.full(len(full), np.nan)
    filled[np.searchsorted(full, x)] = values
    return full, filled


def _draw_term(ax, x: np.ndarray, rows: pd.DataFrame, years: bool, colour: str, style: str, label: str) -> None:
    rate = rows["per_10k_chars"].to_numpy(dtype="float64")
    low, high = rows["ci_low"].to_numpy(dtype="float64"), rows["ci_high"].to_numpy(dtype="float64")
    xs, rate_line = _with_gaps(x, rate, years)
    _, low_line = _with_gaps(x, low, years)
    _, high_line = _with_gaps(x, high, years)
    band = np.isfinite(low_line) & np.isfinite(high_line)
    ax.fill_between(xs, low_line, high_line, where=band, color=colour, alpha=0.18, linewidth=0, interpolate=False)
    alone = band & ~np.r_[False, band[:-1]] & ~np.r_[band[1:], False]  # a point without a neighbour: no band width
    ax.vlines(xs[alone], low_line[alone], high_line[alone], color=colour, alpha=0.45, linewidth=2.5)
    ax.plot(xs, rate_line, color=colour, linestyle=style, linewidth=1.4, marker="o", markersize=2.8, label=label)


def _chosen_terms(trends: pd.DataFrame, terms: Sequence[str] | None) -> list[str]:
    chosen = list(dict.fromkeys(trends["term"] if terms is None else terms))
    unknown = [t for t in chosen if t not in set(trends["term"])]
    if unknown:
        raise ValueError(f"nothing to draw for terms not in the trends table: {', '.join(unknown)}")
    if not chosen:
        raise ValueError("nothing to draw: the trends table is empty")
    return chosen


def plot_trends(trends: pd.DataFrame, *, terms: Sequence[str] | None = None, title: str = ""):
    """Rate per 10,000 characters by period, one line per term, its interval as a band.

    Periods run left to right in chronological order; yearly periods are
    placed on a numeric axis, where a year without documents is a gap in
    the line. Terms take the Okabe–Ito colours (Okabe & Ito 2008, "Color
    universal design"), then line styles beyond eight terms; the legend
    sits outside the axes.

    Parameters
    ----------
    trends
        From :func:`trends_from_counts` or :func:`term_trends`.
    terms
        The terms to draw, in legend order (default: all, in table order).
    title
        Figure title.

    Returns
    -------
    matplotlib.figure.Figure

    Raises
    ------
    ValueError
        An empty table or a term it does not hold.
    """
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import PAGE_WIDTH, setup_plotting

    setup_plotting()
    chosen = _chosen_terms(trends, terms)
    order = _period_order(trends)
    x, years = _x_positions(order)
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, 3.6), layout="constrained")
    for i, term in enumerate(chosen):
        rows = trends[trends["term"] == term]
        rows = rows.set_axis(rows["period"].astype(str)).reindex(order)
        _draw_term(ax, x, rows, years, OKABE_ITO[i % len(OKABE_ITO)],
                   LINE_STYLES[(i // len(OKABE_ITO)) % len(LINE_STYLES)], term)
    if not years:
        crowded = len(order) > 6
        ax.set_xticks(x, order, rotation=30 if crowded else 0, ha="right" if crowded else "center")
    level, method = trends.attrs.get("level"), trends.attrs.get("interval")
    band = f"band: {level:.0%} {method} interval" if level and method else "band: interval"
    ax.set_xlabel("year" if years else "period")
    ax.set_ylabel("occurrences per 10,000 characters")
    ax.set_ylim(bottom=0)
    ax.set_title(title or "Rate per 10,000 characters by period")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, title=band)
    return fig
