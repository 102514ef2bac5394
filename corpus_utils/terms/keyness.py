"""Keyness: which terms are unusually frequent in a target against a reference.

Notation (as in Rayson & Garside 2000; Hardie 2014): a term occurs ``a`` times
in a target of ``c`` tokens and ``b`` times in a reference of ``d`` tokens;
N = c + d, E1 = c(a+b)/N, E2 = d(a+b)/N.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

import pandas as pd

#: Hardie (2014): a zero frequency is replaced by 0.5 for Log Ratio only.
ZERO_FREQUENCY = 0.5


def log_likelihood(a: float, b: float, c: float, d: float, *, cells: int = 2) -> float:
    """Log-likelihood G2 of a term's frequency in target vs reference.

    ``cells=2`` (default) is the form of Rayson & Garside (2000), the UCREL
    log-likelihood calculator and Wmatrix:

        G2 = 2 [a ln(a/E1) + b ln(b/E2)]

    ``cells=4`` is Dunning's (1993) full contingency-table form, the default
    of AntConc's keyword list, which also sums the cells of all *other*
    tokens (c − a observed vs c − E1 expected, d − b vs d − E2):

        G2 = 2 Σ O ln(O/E) over the four cells.

    A cell with O = 0 contributes 0 (the limit of O ln O). The two forms
    differ most for frequent terms; for rare terms they nearly agree. To
    compare with another tool, use its form.

    Raises
    ------
    ValueError
        For ``cells`` other than 2 or 4, a negative count, or a term count
        above its corpus size (a > c or b > d), which no corpus can give.
    """
    if cells not in (2, 4):
        raise ValueError("cells must be 2 or 4")
    if min(a, b, c, d) < 0 or a > c or b > d:
        raise ValueError(f"impossible counts: a={a}, b={b} must be within 0..c={c} and 0..d={d}")
    n = c + d
    if n == 0 or a + b == 0:
        return 0.0
    e1, e2 = c * (a + b) / n, d * (a + b) / n
    observed = [(a, e1), (b, e2)]
    if cells == 4:
        observed += [(c - a, c - e1), (d - b, d - e2)]
    return 2 * sum(o * math.log(o / e) for o, e in observed if o > 0)


def log_ratio(a: float, b: float, c: float, d: float) -> float:
    """Log Ratio (Hardie 2014): the binary log of the ratio of relative frequencies,

        LR = log2((a/c) / (b/d)).

    Zero rule: a zero ``a`` or ``b`` is replaced by 0.5 (Hardie 2014), so the
    value stays finite; each point of LR is a doubling of the ratio. A term
    absent from both corpora has LR = 0 (no difference), not log2(d/c).
    """
    if a == 0 and b == 0:
        return 0.0
    a, b = a or ZERO_FREQUENCY, b or ZERO_FREQUENCY
    return math.log2((a / c) / (b / d))


def percent_diff(a: float, b: float, c: float, d: float) -> float:
    """%DIFF (Gabrielatos & Marchi 2011): 100 (a/c − b/d) / (b/d).

    With ``b = 0`` the value is infinite (returned as ``inf``); with
    ``a = b = 0`` it is 0 (no difference). No zero is replaced here, unlike
    :func:`log_ratio`.
    """
    if b == 0:
        return math.inf if a else 0.0
    return 100 * (a / c - b / d) / (b / d)


def g2_p_value(g2: float) -> float:
    """p-value of G2 under the chi-square distribution with 1 degree of
    freedom: p = erfc(√(G2/2))."""
    return math.erfc(math.sqrt(max(g2, 0.0) / 2))


def bic(g2: float, n: float) -> float:
    """Bayesian Information Criterion approximation (Wilson 2013):
    BIC = G2 − ln N (1 degree of freedom). Above 2: positive evidence; above 6:
    strong; above 10: very strong."""
    return g2 - math.log(n)


def keyness(target: Iterable[str], reference: Iterable[str], *, min_freq: int = 2, cells: int = 2) -> pd.DataFrame:
    """Keyness of every term in ``target`` words against ``reference`` words.

    Parameters
    ----------
    target, reference
        Word sequences (stopwords and punctuation already removed).
    min_freq
        Keep terms with a + b ≥ ``min_freq``.
    cells
        Form of G2: 2 (Rayson & Garside 2000, default) or 4 (Dunning 1993).

    Returns
    -------
    pandas.DataFrame
        ``term, a, b, c, d, per_10k_target, per_10k_reference, G2, p, BIC,
        log_ratio, pct_diff, direction`` (``+`` key in the target, ``-`` in the
        reference), sorted by G2 (descending) then term.
    """
    return keyness_from_counts(Counter(target), Counter(reference), min_freq=min_freq, cells=cells)


def keyness_from_counts(target_counts: Mapping[str, int], reference_counts: Mapping[str, int], *, min_freq: int = 2,
                        cells: int = 2) -> pd.DataFrame:
    """:func:`keyness` from term counts (``{term: count}``) of the target and
    the reference, as :meth:`corpus_utils.terms.dtm.DocumentTermCounts.totals` gives them."""
    c, d = sum(target_counts.values()), sum(reference_counts.values())
    if c == 0 or d == 0:
        raise ValueError("keyness needs words in both the target and the reference")
    rows = []
    for term in sorted(set(target_counts) | set(reference_counts)):
        a, b = target_counts.get(term, 0), reference_counts.get(term, 0)
        if a + b < min_freq:
            continue
        g2 = log_likelihood(a, b, c, d, cells=cells)
        rows.append({
            "term": term, "a": a, "b": b, "c": c, "d": d,
            "per_10k_target": 1e4 * a / c, "per_10k_reference": 1e4 * b / d,
            "G2": g2, "p": g2_p_value(g2), "BIC": bic(g2, c + d),
            "log_ratio": log_ratio(a, b, c, d), "pct_diff": percent_diff(a, b, c, d),
            "direction": "+" if a / c >= b / d else "-",
        })
    frame = pd.DataFrame(rows, columns=["term", "a", "b", "c", "d", "per_10k_target", "per_10k_reference", "G2",
                                        "p", "BIC", "log_ratio", "pct_diff", "direction"])
    return frame.sort_values(["G2", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def keyness_of_group(words_by_doc, target_ids, **options) -> pd.DataFrame:
    """:func:`keyness` of the documents in ``target_ids`` against all the others."""
    target_ids = set(target_ids)
    if not target_ids or target_ids >= set(words_by_doc):
        raise ValueError("the target group must hold some documents, but not all of them")
    target = [w for d, words in words_by_doc.items() if d in target_ids for w in words]
    reference = [w for d, words in words_by_doc.items() if d not in target_ids for w in words]
    return keyness(target, reference, **options)


def plot_keyness(table: pd.DataFrame, *, n: int = 15, target: str = "target", reference: str = "reference"):
    """Diverging bars of Log Ratio for the ``n`` strongest keywords on each
    side (by G2), labelled with their G2."""
    import matplotlib.pyplot as plt

    plus = table[table["direction"] == "+"].head(n)
    minus = table[table["direction"] == "-"].head(n)
    shown = pd.concat([plus, minus.iloc[::-1]])
    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, fit_height

    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.2 * len(shown) + 1.2)), layout="constrained")
    colors = [OKABE_ITO[0] if d == "+" else OKABE_ITO[1] for d in shown["direction"]]
    ax.barh(range(len(shown)), shown["log_ratio"], color=colors)
    ax.set_yticks(range(len(shown)), shown["term"])
    ax.invert_yaxis()
    ax.axvline(0, color="black", linewidth=0.8)
    for i, (lr, g2) in enumerate(zip(shown["log_ratio"], shown["G2"], strict=True)):
        ax.text(lr + (0.1 if lr >= 0 else -0.1), i, f"G2={g2:.1f}", va="center", ha="left" if lr >= 0 else "right",
                fontsize=7, color="#555555")
    ax.set_xlabel(f"Log Ratio (binary log of relative frequency, {target} vs {reference})")
    ax.set_title(f"Keywords: {target} (blue) vs {reference} (orange)")
    ax.tick_params(axis="y", length=0)
    pad = max(abs(shown["log_ratio"]).max(), 1) * 1.35
    ax.set_xlim(-pad, pad)
    return fig
