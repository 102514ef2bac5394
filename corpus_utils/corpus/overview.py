"""Corpus overview: composition, lengths and what cleaning did, as tables
and figures (notebook 00)."""

from __future__ import annotations

import unicodedata

import pandas as pd

from corpus_utils import constants as P
from corpus_utils.corpus.cleaning import DEFAULT_RULES

#: Character classes reported by :func:`composition`, in plotting order.
CHAR_CLASSES = ("han", "punctuation", "latin", "digit", "space", "other")


def char_class(char: str) -> str:
    """One of :data:`CHAR_CLASSES` for a single character."""
    if P.HAN_CHAR.match(char):
        return "han"
    if char.isspace():
        return "space"
    if char.isdigit():
        return "digit"
    if (char.isascii() and char.isalpha()) or (unicodedata.category(char).startswith("L") and char.isalpha()):
        return "latin"
    if unicodedata.category(char)[0] in "PS":
        return "punctuation"
    return "other"


def composition(corpus: pd.DataFrame, *, column: str = "text") -> pd.DataFrame:
    """Characters of each class per document (counts), one row a document."""
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus[column], strict=True):
        counts = dict.fromkeys(CHAR_CLASSES, 0)
        for char in text:
            counts[char_class(char)] += 1
        rows.append({"doc_id": doc_id, **counts})
    return pd.DataFrame(rows).set_index("doc_id")


def doc_labels(corpus: pd.DataFrame) -> dict[str, str]:
    """Short labels for figures, ``{doc_id: label}`` in corpus order: the
    doc_id's first ``_`` part when those are unique (``000``), else the
    doc_id; followed by the level if known."""
    short = [d.split("_")[0] for d in corpus["doc_id"]]
    ids = short if len(set(short)) == len(short) else list(corpus["doc_id"])
    levels = corpus["level"] if "level" in corpus else [""] * len(ids)
    labels = [f"{i} · {lvl}" if lvl else i for i, lvl in zip(ids, levels, strict=True)]
    return dict(zip(corpus["doc_id"], labels, strict=True))


def plot_lengths(corpus: pd.DataFrame):
    """Horizontal bars: characters per document before and after cleaning
    (page width; the legend below the axes)."""
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, fit_height

    labels = list(doc_labels(corpus).values())
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.32 * len(labels) + 1.3)), layout="constrained")
    y = range(len(labels))
    ax.barh([i - 0.2 for i in y], corpus["n_chars_raw"], height=0.4, color="#b3b3b3", label="raw file")
    ax.barh([i + 0.2 for i in y], corpus["n_chars"], height=0.4, color=OKABE_ITO[0], label="after cleaning")
    ax.set_yticks(list(y), labels)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.set_xlabel("characters")
    ax.set_title("Document length before and after cleaning")
    fig.legend(frameon=False, loc="outside lower center", ncols=2)
    return fig


def plot_composition(corpus: pd.DataFrame):
    """Stacked bars: share of Han characters, punctuation, Latin letters,
    digits and the rest in each cleaned document (page width)."""
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, fit_height

    counts = composition(corpus)
    shares = counts.div(counts.sum(axis=1).where(lambda s: s > 0, 1), axis=0)
    colors = [*OKABE_ITO[:4], "#b3b3b3", OKABE_ITO[5]]
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.32 * len(shares) + 1.4)), layout="constrained")
    left = pd.Series(0.0, index=shares.index)
    labels = list(doc_labels(corpus).values())
    for cls, color in zip(CHAR_CLASSES, colors, strict=True):
        ax.barh(labels, shares[cls], left=left, color=color, label=cls)
        left += shares[cls]
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("share of characters (cleaned text)")
    ax.set_title("What the documents are made of")
    fig.legend(frameon=False, ncols=len(CHAR_CLASSES), loc="outside lower center")
    return fig


def plot_cleaning(report: pd.DataFrame):
    """Heat map: number of changes each rule made in each document (page width)."""
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import PAGE_WIDTH, draw_count_heatmap, fit_height

    rules = [r.name for r in DEFAULT_RULES]
    table = (report.pivot_table(index="rule", columns="doc_id", values="changes", aggfunc="sum", fill_value=0)
             .reindex(index=rules, fill_value=0))
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.26 * len(rules) + 1.0)), layout="constrained")
    draw_count_heatmap(ax, table.to_numpy())
    ax.set_xticks(range(table.shape[1]), [c.split("_")[0] for c in table.columns])
    ax.set_yticks(range(len(rules)), rules)
    ax.set_xlabel("document")
    ax.set_title("Spans changed by each cleaning rule")
    return fig


def before_after(changes: pd.DataFrame, *, per_rule: int = 1, skip_rules: tuple[str, ...] = ()) -> pd.DataFrame:
    """Before/after excerpts: the first ``per_rule`` changes of each rule in
    each document, with their context (``【…】`` marks the changed span)."""
    order = {rule.name: i for i, rule in enumerate(DEFAULT_RULES)}
    rows = []
    groups = changes.groupby(["doc_id", "rule"], sort=False)
    for (doc_id, rule), group in sorted(groups, key=lambda item: (item[0][0], order.get(item[0][1], len(order)))):
        if rule in skip_rules:
            continue
        for change in group.head(per_rule).itertuples():
            rows.append({
                "doc_id": doc_id,
                "rule": rule,
                "before": _excerpt(change.left, change.before, change.right),
                "after": _excerpt(change.left, change.after, change.right),
            })
    return pd.DataFrame(rows, columns=["doc_id", "rule", "before", "after"])


def _excerpt(left: str, middle: str, right: str, *, width: int = 40) -> str:
    middle = middle if len(middle) <= width else middle[: width - 1] + "…"
    return f"{left}【{middle}】{right}".replace("\n", "⏎")


def rules_table() -> pd.DataFrame:
    """The cleaning pipeline, in order: rule name and what it does."""
    return pd.DataFrame(
        [(i, rule.name, rule.description) for i, rule in enumerate(DEFAULT_RULES, start=1)],
        columns=["step", "rule", "what it does"],
    ).set_index("step")


def sentence_stats(corpus: pd.DataFrame) -> pd.DataFrame:
    """Paragraphs, sentences and sentence length (characters) per document."""
    from corpus_utils.corpus.documents import documents
    from corpus_utils.corpus.sentences import split_paragraphs, split_sentences

    rows = []
    for doc_id, text in documents(corpus):
        lengths = pd.Series([len(s) for s in split_sentences(text)], dtype="float64")
        rows.append({
            "doc_id": doc_id,
            "paragraphs": len(split_paragraphs(text)),
            "sentences": len(lengths),
            "mean_length": round(lengths.mean(), 1) if len(lengths) else 0.0,
            "median_length": lengths.median() if len(lengths) else 0.0,
            "longest": int(lengths.max()) if len(lengths) else 0,
        })
    return pd.DataFrame(rows).set_index("doc_id")
