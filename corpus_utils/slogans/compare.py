"""Comparing slogans across documents, organisations and levels.

All functions take the table of :func:`corpus_utils.slogans.extract.extract_slogans`
(and the corpus for its metadata) and return tidy DataFrames or figures.

A corpus may mix organisations: documents at different levels need not stand
in one chain of command (the seeds hold China Post, SDIC and a trade-union
speech at China Telecom). Compare by ``organization`` and by ``level``
separately; a formulation shared across levels of *different* organisations
is an echo of a common source (usually the centre), not a cascade.
"""

from __future__ import annotations

import pandas as pd

#: Kinds that carry policy: compared across documents.
POLICY_KINDS = ("numbered_formula", "slogan")
#: Levels of an organisation from the top down, for ordering rows (the same
#: level in two organisations is a rank, not a link); other levels follow
#: alphabetically.
LEVEL_ORDER = ("central", "group HQ", "provincial branch", "city branch", "institute")


def _policy(extractions: pd.DataFrame, kinds=POLICY_KINDS) -> pd.DataFrame:
    return extractions[extractions["kind"].isin(kinds)]


def slogan_matrix(extractions: pd.DataFrame, *, kinds=POLICY_KINDS, min_docs: int = 1) -> pd.DataFrame:
    """Document × slogan table of counts; slogans ordered by the number of
    documents using them, then total count, then name."""
    table = _policy(extractions, kinds).pivot_table(index="doc_id", columns="slogan", values="count",
                                                    aggfunc="sum", fill_value=0)
    spread = (table > 0).sum()
    order = sorted(table.columns, key=lambda s: (-spread[s], -table[s].sum(), s))
    table = table[[s for s in order if spread[s] >= min_docs]]
    table.columns.name = None
    return table


def shared_and_unique(extractions: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "level",
                      kinds=POLICY_KINDS) -> pd.DataFrame:
    """For each slogan, the groups (values of ``by``) whose documents use it.

    Returns
    -------
    pandas.DataFrame
        ``slogan, kind, groups, n_groups, status`` with ``status`` ``shared``
        (used by two or more groups) or ``unique to <group>``.
    """
    merged = _policy(extractions, kinds).merge(corpus[["doc_id", by]], on="doc_id")
    rows = []
    for slogan, group in merged.groupby("slogan", sort=True):
        groups = sorted(set(group[by]), key=_level_key)
        rows.append({"slogan": slogan, "kind": group["kind"].iloc[0], "groups": " / ".join(groups),
                     "n_groups": len(groups), "status": "shared" if len(groups) > 1 else f"unique to {groups[0]}"})
    frame = pd.DataFrame(rows, columns=["slogan", "kind", "groups", "n_groups", "status"])
    return frame.sort_values(["n_groups", "slogan"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _level_key(level: str) -> tuple[int, str]:
    return (LEVEL_ORDER.index(level), level) if level in LEVEL_ORDER else (len(LEVEL_ORDER), level)


def shared_unique_counts(extractions: pd.DataFrame, corpus: pd.DataFrame, *, by: str = "level") -> pd.DataFrame:
    """Per group: how many of its slogans it shares with another group and
    how many are its own."""
    table = shared_and_unique(extractions, corpus, by=by)
    merged = _policy(extractions).merge(corpus[["doc_id", by]], on="doc_id").merge(
        table[["slogan", "n_groups"]], on="slogan")
    pairs = merged.drop_duplicates([by, "slogan"])
    counts = pairs.assign(status=["shared" if n > 1 else "unique" for n in pairs["n_groups"]]).pivot_table(
        index=by, columns="status", values="slogan", aggfunc="count", fill_value=0)
    counts = counts.reindex(columns=["shared", "unique"], fill_value=0)
    counts.columns.name = None
    return counts.loc[sorted(counts.index, key=_level_key)]


def jaccard_similarity(extractions: pd.DataFrame, *, kinds=POLICY_KINDS) -> pd.DataFrame:
    """Pairwise Jaccard similarity of the documents' slogan sets:
    J(A, B) = |A ∩ B| / |A ∪ B| (Jaccard 1912); 1 on the diagonal."""
    sets = {d: set(g["slogan"]) for d, g in _policy(extractions, kinds).groupby("doc_id", sort=True)}
    docs = sorted(sets)
    return pd.DataFrame([[len(sets[a] & sets[b]) / len(sets[a] | sets[b]) if sets[a] | sets[b] else 0.0
                          for b in docs] for a in docs], index=docs, columns=docs)


def cascade(extractions: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """What each document echoes from the centre and what it coins.

    Returns
    -------
    pandas.DataFrame
        One row per document, ordered by level (:data:`LEVEL_ORDER`, whatever
        the organisation): ``doc_id, level, organization, central`` (central
        slogans and formulae it echoes), ``local`` (known local coinages),
        ``new`` (not in the lexicon: candidate coinages), with ``n_central,
        n_local, n_new``.
    """
    policy = _policy(extractions)
    rows = []
    for doc in corpus.sort_values("level", key=lambda s: s.map(_level_key), kind="stable").itertuples():
        mine = policy[policy["doc_id"] == doc.doc_id]
        by_level = {lvl: sorted(mine.loc[mine["origin"] == lvl, "slogan"]) for lvl in ("central", "local", "new")}
        rows.append({"doc_id": doc.doc_id, "level": doc.level, "organization": doc.organization,
                     **{k: "、".join(v) for k, v in by_level.items()},
                     **{f"n_{k}": len(v) for k, v in by_level.items()}})
    return pd.DataFrame(rows)


def plot_matrix(matrix: pd.DataFrame, *, labels: list[str] | None = None, title: str = ""):
    """Heat map of a :func:`slogan_matrix` (documents as rows)."""
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import PAGE_WIDTH, draw_count_heatmap, fit_height

    longest = max((len(str(c)) for c in matrix.columns), default=1)
    height = fit_height(0.27 * matrix.shape[0] + 0.11 * longest + 1.0)
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, height), layout="constrained")
    draw_count_heatmap(ax, matrix.to_numpy(), fontsize=7, zeros=False)
    ax.set_xticks(range(matrix.shape[1]), matrix.columns, rotation=90)
    ax.set_yticks(range(matrix.shape[0]), labels or list(matrix.index))
    ax.set_title(title or "Slogans and numbered formulae by document (count)")
    return fig


def plot_shared_unique(counts: pd.DataFrame, *, by: str = "level"):
    """Stacked bars: slogans each group shares with others vs its own."""
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, fit_height

    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.4 * len(counts) + 1.3)), layout="constrained")
    ax.barh(counts.index, counts["shared"], color=OKABE_ITO[0], label="shared with another " + by)
    ax.barh(counts.index, counts["unique"], left=counts["shared"], color=OKABE_ITO[1], label="unique")
    ax.invert_yaxis()
    ax.set_xlabel("number of distinct slogans and numbered formulae")
    ax.set_title(f"Shared and unique slogans by {by}")
    fig.legend(frameon=False, loc="outside lower center", ncols=2)
    return fig


def plot_cascade(table: pd.DataFrame, *, labels: list[str] | None = None):
    """Stacked bars, one per document in the order of the table: central
    formulations echoed, known local coinages, new coinages."""
    import matplotlib.pyplot as plt

    ylabels = labels or list(table["doc_id"])
    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, fit_height

    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.4 * len(table) + 1.4)), layout="constrained")
    left = pd.Series(0, index=table.index)
    for column, color, name in (("n_central", OKABE_ITO[0], "central formulation echoed"),
                                ("n_local", OKABE_ITO[4], "known local coinage"),
                                ("n_new", OKABE_ITO[1], "new: not in the lexicon")):
        ax.barh(ylabels, table[column], left=left, color=color, label=name)
        left = left + table[column]
    ax.invert_yaxis()
    ax.set_xlabel("distinct slogans and numbered formulae")
    ax.set_title("Echoing the centre, coining one's own")
    fig.legend(frameon=False, loc="outside lower center", ncols=3)
    return fig
