"""Keyness across many groups: what each period, level or organisation says more than the others.

:func:`keyness_by_group` runs the package's keyness statistics
(:func:`corpus_utils.terms.keyness.keyness_from_counts`) once per group of
documents, each group against all the other documents (one-against-rest) or
against one reference group, and keeps the terms that are positively key *and*
spread over the group's documents. :func:`plot_keyness_heatmap` draws the
result as a term × group heat map.

Notation, as in :mod:`corpus_utils.terms.keyness`: a term occurs ``a`` times in
the group (``c`` words) and ``b`` times in the reference (``d`` words);
N = c + d, E1 = c(a+b)/N, E2 = d(a+b)/N.

* Log-likelihood G2 (Rayson & Garside 2000, "Comparing corpora using
  frequency profiling", *Proceedings of the Workshop on Comparing Corpora*,
  ACL), 2-cell form by default: G2 = 2 [a ln(a/E1) + b ln(b/E2)]; with
  ``cells=4`` the full contingency-table form of Dunning (1993, "Accurate
  methods for the statistics of surprise and coincidence", *Computational
  Linguistics* 19(1)).
* Log Ratio (Hardie 2014, "Log Ratio – an informal introduction", CASS
  blog): LR = log2((a/c) / (b/d)), a zero count replaced by 0.5.
* Gries's DP (Gries 2008, "Dispersions and adjusted frequencies in
  corpora", *International Journal of Corpus Linguistics* 13(4)) of the term
  over the group's documents: DP = ½ Σ_i |v_i / f − s_i|, with v_i the term's
  count in document i of the group, f = Σ v_i, and s_i = n_words_i / Σ
  n_words the document's share of the group's words. 0 = spread exactly as
  the documents' sizes; near 1 = all in one small document.

Why the DP filter: keyness pools a group's documents into one text, so a
term that one document repeats (a name, a one-off campaign) comes out as key
for the whole group. Keeping terms with DP ≤ ``max_dp`` reports only what the
group's documents share. Two consequences to know:

* a group of **one document** has DP = 0 for every term by construction
  (s_1 = 1 and v_1/f = 1): the filter cannot act there, and that group's key
  terms are the key terms of its one document;
* a term found in one of n equally long documents has DP = 1 − 1/n, so the
  default ``max_dp=0.8`` drops such a term only in groups of more than five
  documents of similar size (or where its one document is small, under a
  fifth of the group's words). Lower ``max_dp`` for stricter filtering.
"""

from __future__ import annotations

import warnings
from collections import Counter
from typing import TYPE_CHECKING

import pandas as pd

from corpus_utils.errors import CorpusWarning
from corpus_utils.terms.dispersion import gries_dp
from corpus_utils.terms.dtm import DocumentTermCounts
from corpus_utils.terms.keyness import keyness_from_counts

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: Columns of :func:`keyness_by_group`, in order.
KEYNESS_BY_GROUP_COLUMNS = [
    "group", "term", "freq_group", "freq_reference", "log_likelihood", "log_ratio", "dp", "rank",
    "per_10k_words_group", "per_10k_words_reference", "p", "bic", "pct_diff", "range_group", "docs_group",
    "words_group", "words_reference",
]
#: Names of :func:`corpus_utils.terms.keyness.keyness_from_counts` columns in the output.
_RENAMED = {"a": "freq_group", "b": "freq_reference", "c": "words_group", "d": "words_reference",
            "G2": "log_likelihood", "per_10k_target": "per_10k_words_group",
            "per_10k_reference": "per_10k_words_reference", "BIC": "bic"}
#: DP is a sum of float shares: a DP of exactly ``max_dp`` on paper may come out a hair above it.
DP_TOLERANCE = 1e-9
#: The neutral light grey of cells where a term is not key (outside the cividis range).
NEUTRAL = "#e6e6e6"
_VALUE_LABELS = {
    "log_ratio": "Log Ratio\n(log2 of relative frequency,\ngroup vs reference)",
    "log_likelihood": "log-likelihood G2",
    "dp": "Gries's DP over the\ngroup's documents (0 = even)",
    "pct_diff": "%DIFF\n(group vs reference)",
}


def group_order(values: pd.Series) -> list:
    """The groups of a document variable in analysis order: the categories
    present, in order, for an *ordered* Categorical (periods from
    :func:`corpus_utils.change.periods.period_labels`, chronological); else in
    order of first appearance. Missing values are no group."""
    present = values.dropna()
    if isinstance(values.dtype, pd.CategoricalDtype) and values.dtype.ordered:
        seen = set(present)
        return [category for category in values.dtype.categories if category in seen]
    return list(dict.fromkeys(present))


def _group_key(dtm: DocumentTermCounts, by: str) -> pd.Series:
    """The group of every document that has one (one warning for those without)."""
    if by not in dtm.docvars.columns:
        raise ValueError(f"no document variable {by!r}; the documents have {', '.join(map(str, dtm.docvars.columns))}")
    key = dtm.docvars[by]
    missing = int(key.isna().sum())
    if missing:
        warnings.warn(f"{missing} document(s) without a value of {by!r} are in no group and left out of "
                      f"keyness_by_group (target and reference)", CorpusWarning, stacklevel=3)
    return key[key.notna()]


def _totals_by_group(counts: pd.DataFrame, key: pd.Series) -> dict[object, Counter]:
    """``{group: Counter(term → count)}`` over the documents of each group."""
    groups = counts["doc_id"].map(key)
    known = groups.notna()
    summed = counts[known].groupby([groups[known], counts.loc[known, "term"]], sort=False)["count"].sum()
    totals: dict[object, Counter] = {}
    for (group, term), count in summed.items():
        totals.setdefault(group, Counter())[term] = int(count)
    return totals


def _dp_over_documents(counts: pd.DataFrame, sizes: pd.Series, terms: list[str]) -> list[float]:
    """Gries's DP of each of ``terms`` over the documents of ``sizes``
    (doc_id → n_words), from their long ``counts``."""
    if not terms:
        return []
    wide = (counts[counts["term"].isin(terms)].pivot(index="doc_id", columns="term", values="count")
            .reindex(index=sizes.index, columns=terms).fillna(0))
    size_list = [float(s) for s in sizes]
    return [gries_dp(wide[term].tolist(), size_list) for term in terms]


def _one_group(dtm: DocumentTermCounts, doc_ids: list[str], target: Counter, reference: Counter, *,
               min_freq: int, max_dp: float | None, cells: int) -> pd.DataFrame:
    """The positively key, dispersed terms of one group (``doc_ids``), ranked."""
    table = keyness_from_counts(target, reference, min_freq=min_freq, cells=cells)
    table = table[table["a"] * table["d"] > table["b"] * table["c"]]  # a/c > b/d, exactly
    counts = dtm.counts[dtm.counts["doc_id"].isin(set(doc_ids))]
    sizes = dtm.docvars.loc[doc_ids, "n_words"]
    table = table.assign(dp=_dp_over_documents(counts, sizes, table["term"].tolist()))
    if max_dp is not None:
        table = table[table["dp"] <= max_dp + DP_TOLERANCE]
    table = table.sort_values(["G2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)
    docs_with = counts[counts["term"].isin(set(table["term"]))].groupby("term")["doc_id"].nunique()
    return table.assign(rank=range(1, len(table) + 1), range_group=table["term"].map(docs_with).fillna(0).astype("int64"),
                        docs_group=len(doc_ids))


def keyness_by_group(dtm: DocumentTermCounts, by: str, *, reference: str | None = None, min_freq: int = 5,
                     max_dp: float | None = 0.8, top: int | None = None, cells: int = 2) -> pd.DataFrame:
    """Key terms of every group of documents, in one long table.

    For each value of the document variable ``by`` (a period column added by
    the caller, ``level``, ``organization`` …), the group's documents are
    pooled and compared with all the *other* documents (``reference=None``,
    one-against-rest) or with the documents of the group ``reference``
    (which then gets no row of its own). Statistics are those of
    :func:`corpus_utils.terms.keyness.keyness_from_counts` (formulas and
    sources in the module docstring above): G2 (``cells=2``, Rayson & Garside
    2000; ``cells=4``, Dunning 1993) and Log Ratio (Hardie 2014). A term is
    kept when

    * a + b ≥ ``min_freq`` (its count in group and reference together);
    * it is positively key: a/c > b/d (strictly: the group uses it more);
    * its Gries (2008) DP over the group's documents (parts = documents,
      sizes = ``n_words``) is ≤ ``max_dp`` (``None``: no filter). A group of
      one document has DP = 0 by construction, so the filter never acts on
      it; see the module docstring for what 0.8 means in practice.

    Parameters
    ----------
    dtm
        Document-term counts (:func:`corpus_utils.terms.dtm.document_term_counts`).
    by
        A column of ``dtm.docvars``. Documents with a missing value belong to
        no group and are left out of targets and references, with one
        :class:`~corpus_utils.errors.CorpusWarning` naming how many.
    reference
        A value of ``by`` to compare every other group with, or ``None``.
    min_freq, max_dp, cells
        As above.
    top
        Keep the ``top`` strongest terms of each group (``None``: all).

    Returns
    -------
    pandas.DataFrame
        :data:`KEYNESS_BY_GROUP_COLUMNS`: ``group`` (an ordered Categorical of
        the groups compared, in the order of :func:`group_order`), ``term``,
        ``freq_group`` (a), ``freq_reference`` (b), ``log_likelihood`` (G2),
        ``log_ratio``, ``dp``, ``rank`` (1 = highest G2 in the group), then
        ``per_10k_words_group`` / ``per_10k_words_reference`` (10,000 a/c and
        10,000 b/d: per 10,000 *words*), ``p`` (chi-square, 1 d.f.), ``bic``
        (Wilson 2013), ``pct_diff`` (Gabrielatos & Marchi 2011),
        ``range_group`` (documents of the group holding the term),
        ``docs_group``, ``words_group`` (c) and ``words_reference`` (d).
        Sorted by group, G2 descending, then term. A group whose documents
        hold no words has no rows.

    Raises
    ------
    ValueError
        ``by`` is not a document variable, fewer than two groups, ``reference``
        is not one of the groups, or a reference without words.
    """
    key = _group_key(dtm, by)
    order = group_order(key)
    if len(order) < 2:
        raise ValueError(f"keyness_by_group needs at least two groups of {by!r}, found {len(order)}")
    if reference is not None and reference not in order:
        raise ValueError(f"reference {reference!r} is not a group of {by!r}; the groups are {', '.join(map(str, order))}")
    totals = _totals_by_group(dtm.counts, key)
    everything = sum(totals.values(), Counter())
    compared = [group for group in order if group != reference]
    frames = []
    for group in compared:
        target = totals.get(group, Counter())
        if not sum(target.values()):
            continue
        other = totals.get(reference, Counter()) if reference is not None else everything - target
        doc_ids = [d for d, g in key.items() if g == group]
        table = _one_group(dtm, doc_ids, target, other, min_freq=min_freq, max_dp=max_dp, cells=cells)
        frames.append((table.head(top) if top is not None else table).assign(group=group))
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KEYNESS_BY_GROUP_COLUMNS)
    result = result.rename(columns=_RENAMED)
    result["group"] = pd.Categorical(result["group"], categories=compared, ordered=True)
    return result.reindex(columns=KEYNESS_BY_GROUP_COLUMNS).reset_index(drop=True)


# --- the heat map ----------------------------------------------------------------------------------


def _table_groups(table: pd.DataFrame) -> list:
    """Groups of a :func:`keyness_by_group` table in order (all categories of
    its Categorical, so a group without key terms still gets a column)."""
    if isinstance(table["group"].dtype, pd.CategoricalDtype):
        return list(table["group"].dtype.categories)
    return list(dict.fromkeys(table["group"]))


def _heatmap_terms(table: pd.DataFrame, groups: list, *, top: int) -> list[str]:
    """Rows of :func:`plot_keyness_heatmap`: the union of every group's
    ``top`` terms (by ``rank``), each placed under the group where it is most
    key (highest G2; ties: the earlier group), then by its rank there, then term."""
    chosen = set(table.loc[table["rank"] <= top, "term"])
    rows = table[table["term"].isin(chosen)].assign(position=table["group"].map({g: i for i, g in enumerate(groups)}))
    home = (rows.sort_values(["term", "log_likelihood", "position"], ascending=[True, False, True], kind="stable")
            .drop_duplicates("term"))
    return home.sort_values(["position", "rank", "term"], kind="stable")["term"].tolist()


def _annotate(ax, grid, norm) -> None:
    """Write each cell's value, white on the dark end of cividis, black on the light end."""
    for i, row in enumerate(grid):
        for j, cell in enumerate(row):
            if cell == cell:  # not NaN
                ax.text(j, i, f"{cell:.1f}", ha="center", va="center", fontsize=7,
                        color="white" if norm(cell) < 0.55 else "black")


def _heatmap_size(terms: list[str], groups: list, *, tilt: bool) -> tuple[float, float]:
    """Figure size (inches): a column wide for a few groups with short terms,
    else a page wide; tall enough for one row per term."""
    from corpus_utils.plotting import COLUMN_WIDTH, PAGE_WIDTH, fit_height

    longest = max(len(str(t)) for t in terms)
    narrow = 1.6 + 0.11 * longest + 0.45 * len(groups) <= COLUMN_WIDTH
    return (COLUMN_WIDTH if narrow else PAGE_WIDTH), fit_height(0.2 * len(terms) + (1.6 if tilt else 1.2))


def plot_keyness_heatmap(table: pd.DataFrame, *, top: int = 8, value: str = "log_ratio", title: str = "") -> Figure:
    """Heat map of a :func:`keyness_by_group` table: terms × groups.

    Rows are the union of each group's ``top`` key terms, ordered by the
    group where each is most key (highest G2) and then by rank there; columns
    are the groups in order; a cell holds ``value`` (``log_ratio`` by
    default, also ``log_likelihood``, ``dp`` …) where the term is key in
    that group, and is drawn neutral grey where it is not. Colours: the
    colour-vision-deficiency-safe sequential map cividis (Nuñez, Anderton &
    Renslow 2018, "Optimizing colormaps with consideration for color vision
    deficiency", *PLoS ONE* 13(7)).

    Returns
    -------
    matplotlib.figure.Figure
        Save it with :func:`corpus_utils.plotting.save_figure`.

    Raises
    ------
    ValueError
        ``value`` is not a column of the table.
    """
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.colors import Normalize

    from corpus_utils.plotting import empty_figure, setup_plotting

    setup_plotting()
    if value not in table.columns:
        raise ValueError(f"no column {value!r} in the table; choose one of {', '.join(map(str, table.columns))}")
    groups = _table_groups(table)
    terms = _heatmap_terms(table, groups, top=top) if len(table) else []
    if not terms:
        return empty_figure("no key terms to show", title=title)
    grid = (table.assign(group=table["group"].astype(object)).pivot(index="term", columns="group", values=value)
            .reindex(index=terms, columns=groups).to_numpy(dtype=float))
    tilt = any(len(str(g)) > 4 for g in groups) or len(groups) > 8
    fig, ax = plt.subplots(figsize=_heatmap_size(terms, groups, tilt=tilt), layout="constrained")
    cmap = plt.get_cmap("cividis").with_extremes(bad=NEUTRAL)
    finite = grid[np.isfinite(grid)]
    low, high = float(finite.min()), float(finite.max())
    norm = Normalize(vmin=low, vmax=high if high > low else low + 1)
    image = ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    _annotate(ax, grid, norm)
    ax.set_xticks(range(len(groups)), [str(g) for g in groups], rotation=40 if tilt else 0, ha="right" if tilt else "center")
    ax.set_yticks(range(len(terms)), terms)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_xlabel("group (grey: not key in that group)")
    bar = fig.colorbar(image, ax=ax, shrink=1.0 if len(terms) <= 12 else 0.6, aspect=25, pad=0.02)
    bar.set_label(_VALUE_LABELS.get(value, value))
    ax.set_title(title or f"Key terms by group (top {top} per group)")
    return fig
