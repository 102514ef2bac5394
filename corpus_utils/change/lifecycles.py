"""Formula lifecycles: when each numbered formula appears, peaks and fades.

A numbered formula (四个现代化, 三个代表, 科学发展观 …) is coined, used
heavily for a few years and then recedes or becomes routine. For each
formula :func:`formula_lifecycles` gives the first and last year it occurs,
the year of its highest rate, and how many years and documents carry it;
:func:`plot_lifecycles` draws one timeline per formula.

By default the formulae and their counts are those of the extractor
(:func:`corpus_utils.slogans.extract.extract_slogans`), which leaves out a
number formula inside a longer number or date (九五 in 一九五八年). Formulae
passed by the caller get **formulation counts**
(:func:`corpus_utils.terms.frequency.count_terms`): a formula's count in a
document equals ``text.count(formula)`` on the cleaned text, nested and
overlapping uses included, whatever the segmenter did. The rate of year y is

    rate_y = 10,000 · Σ_{d in y} count_d / Σ_{d in y} n_chars_d,

occurrences per 10,000 characters of cleaned text, the usual size measure
for Chinese (normalised counts: Biber, Conrad & Reppen 1998, *Corpus Linguistics: Investigating
Language Structure and Use*, Cambridge University Press);
a year's documents are pooled, so a long report weighs more than a short one.

What the substring count of formulae passed by the caller does not see, and what it sees too much:

* a formula written with separators between its members (三落实、三确保 for
  the canonical 三落实三确保) counts only where it is written as given; pass
  the variants you want counted;
* a short plan name or label is also a substring of numbers and dates
  (九五 in 一九五八年, 十五 in 十五年, 一五 in 一九一五): on the work reports
  九五 then "starts" in 1954. Read the lifecycles of two-character number
  formulae with that in mind, or leave them out of ``formulae``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import pandas as pd

from corpus_utils.change.periods import dated_rows
from corpus_utils.terms.frequency import PER_CHARS, count_terms

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Columns of :func:`formula_lifecycles`, in order.
LIFECYCLE_COLUMNS = ["formula", "first_year", "last_year", "peak_year", "span", "n_years", "n_docs", "freq",
                     "peak_per_10k", "years"]
#: Okabe & Ito (2008), "Color universal design": blue for the life span, vermilion for the peak.
SPAN_COLOUR, PEAK_COLOUR = "#0072B2", "#D55E00"


def _dated(corpus: pd.DataFrame) -> pd.DataFrame:
    """The documents with a year (one warning naming how many have none),
    with integer ``year`` and ``n_chars`` (``len(text)`` when the corpus has no such column)."""
    missing_columns = [c for c in ("doc_id", "text", "year") if c not in corpus.columns]
    if missing_columns:
        raise ValueError(f"formula_lifecycles needs a corpus with {', '.join(missing_columns)} "
                         f"(as corpus_utils.load_corpus gives it)")
    dated = dated_rows(corpus, left_out_of="the formula lifecycles")
    n_chars = dated["n_chars"] if "n_chars" in dated.columns else dated["text"].str.len()
    return pd.DataFrame({"doc_id": dated["doc_id"].astype(str), "text": dated["text"],
                         "year": dated["year"].astype("int64"), "n_chars": n_chars.astype("int64")})


def _extracted_counts(corpus: pd.DataFrame) -> pd.DataFrame:
    """The numbered formulae :func:`corpus_utils.slogans.extract.extract_slogans`
    finds in ``corpus`` (rows of kind ``numbered_formula``) with the
    extractor's count in each document (which leaves out 九五 in 一九五八年):
    documents × formulae, formulae sorted."""
    from corpus_utils.slogans.extract import extract_slogans

    if corpus.empty:
        return pd.DataFrame(index=pd.Index([], name="doc_id"))
    found = extract_slogans(corpus, kinds=("numbered_formula",))
    table = found.pivot_table(index="doc_id", columns="slogan", values="count", aggfunc="sum", fill_value=0)
    return table.reindex(index=corpus["doc_id"], columns=sorted(table.columns), fill_value=0).astype("int64")


def _lifecycle(formula: str, per_doc: pd.Series, per_year: pd.Series, chars: pd.Series) -> dict:
    """One row of :func:`formula_lifecycles` from the formula's counts per
    document and per year (years ascending) and the characters of each year."""
    years = [int(y) for y, count in per_year.items() if count > 0]
    rates = (PER_CHARS * per_year / chars.where(chars > 0)).fillna(0.0)
    peak = int(rates.idxmax()) if years else None  # idxmax: the first, i.e. earliest, of equal maxima
    return {
        "formula": formula, "first_year": min(years, default=None), "last_year": max(years, default=None),
        "peak_year": peak, "span": years[-1] - years[0] + 1 if years else 0, "n_years": len(years),
        "n_docs": int((per_doc > 0).sum()), "freq": int(per_doc.sum()),
        "peak_per_10k": float(rates.max()) if years else 0.0, "years": tuple(years),
    }


def formula_lifecycles(corpus: pd.DataFrame, formulae: Sequence[str] | None = None, *, min_count: int = 2,
                       min_docs: int = 1) -> pd.DataFrame:
    """First, last and peak year of each formula in a dated corpus.

    Parameters
    ----------
    corpus
        From :func:`corpus_utils.load_corpus`: ``doc_id``, ``text``, ``year``
        and ``n_chars`` (characters of cleaned text; ``len(text)`` if the
        column is absent). Documents without a year are left out, with one
        :class:`~corpus_utils.errors.CorpusWarning` naming how many.
    formulae
        The formulae to follow. Default: the numbered formulae the package
        extracts from the dated documents
        (:func:`corpus_utils.slogans.extract.extract_slogans`, kind
        ``numbered_formula``), with the extractor's counts.
    min_count
        Keep formulae occurring at least this many times in all (and always
        at least once: a formula that never occurs has no lifecycle).
    min_docs
        Keep formulae found in at least this many documents.

    Returns
    -------
    pandas.DataFrame
        :data:`LIFECYCLE_COLUMNS`, one row per formula: ``first_year`` /
        ``last_year`` (first and last year with an occurrence), ``peak_year``
        (the year of the highest rate per 10,000 characters, formula in the
        module docstring; ties: the earliest), ``span`` = last − first + 1,
        ``n_years`` (years with at least one occurrence), ``n_docs``
        (documents with one), ``freq`` (all occurrences), ``peak_per_10k``
        (the rate in the peak year) and ``years`` (the tuple of years with an
        occurrence, for :func:`plot_lifecycles`). Sorted by first year, last
        year, then formula.
    """
    dated = _dated(corpus)
    if formulae is None:
        counts = _extracted_counts(dated)
        wanted = list(counts.columns)
    else:
        wanted = list(dict.fromkeys(formulae))
        counts = count_terms(dict(zip(dated["doc_id"], dated["text"], strict=True)), wanted)
    years = pd.Index(dated["year"].to_numpy(), name="year")
    per_year = counts.groupby(years).sum().sort_index()
    chars = dated.groupby("year")["n_chars"].sum().sort_index()
    rows = [_lifecycle(f, counts[f], per_year[f], chars) for f in wanted]
    table = pd.DataFrame(rows, columns=LIFECYCLE_COLUMNS)
    table = table[(table["freq"] >= max(min_count, 1)) & (table["n_docs"] >= min_docs)]
    table = table.astype({c: "int64" for c in ("first_year", "last_year", "peak_year", "span", "n_years", "n_docs",
                                               "freq")}).astype({"peak_per_10k": "float64"})
    return table.sort_values(["first_year", "last_year", "formula"], kind="stable").reset_index(drop=True)


def plot_lifecycles(table: pd.DataFrame, *, top: int | None = 30, title: str = "") -> Figure:
    """Timelines of a :func:`formula_lifecycles` table.

    One row per formula, earliest first: a line from its first to its last
    year, a dot at every year it occurs (when the table has ``years``) and a
    diamond at its peak year (highest rate per 10,000 characters). Colours
    from the Okabe–Ito palette, safe for colour-vision deficiency; the
    figure grows with the number of rows.

    Parameters
    ----------
    table
        From :func:`formula_lifecycles`.
    top
        Show the ``top`` formulae with the highest ``freq`` (ties: by
        formula), then order them by first year; ``None``: all.
    title
        Figure title (default: says what is drawn).

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`corpus_utils.plotting.save_figure`.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.ticker import MaxNLocator

    from corpus_utils.plotting import PAGE_WIDTH, empty_figure, fit_height, setup_plotting

    setup_plotting()
    shown = table.sort_values(["freq", "formula"], ascending=[False, True], kind="stable")
    shown = shown.head(top) if top is not None else shown
    shown = shown.sort_values(["first_year", "last_year", "formula"], kind="stable").reset_index(drop=True)
    n = len(shown)
    if not n:
        return empty_figure("no formulae to show", title=title)
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.19 * n + 1.3)), layout="constrained")
    for row, record in shown.iterrows():
        ax.hlines(row, record["first_year"], record["last_year"], color=SPAN_COLOUR, linewidth=2, alpha=0.55)
        if "years" in shown.columns:
            ax.scatter(list(record["years"]), [row] * len(record["years"]), s=8, color=SPAN_COLOUR, zorder=3)
        ax.scatter([record["peak_year"]], [row], marker="D", s=26, color=PEAK_COLOUR, edgecolor="black",
                   linewidth=0.5, zorder=4)
    ax.set_yticks(range(n), shown["formula"].tolist())
    ax.set_ylim(n - 0.5, -0.5)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel("year")
    handles = [Line2D([], [], color=SPAN_COLOUR, linewidth=2, alpha=0.55, label="first to last year")]
    if "years" in shown.columns:
        handles.append(Line2D([], [], color=SPAN_COLOUR, marker="o", linestyle="", markersize=4, label="year with a use"))
    handles.append(Line2D([], [], color=PEAK_COLOUR, marker="D", markeredgecolor="black", linestyle="", markersize=6,
                          label="peak (highest rate per 10,000 characters)"))
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), frameon=False)
    ax.set_title(title or f"Lifecycles of {n} formulae")
    return fig
