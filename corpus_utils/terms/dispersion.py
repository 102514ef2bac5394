"""Dispersion: how evenly a term is spread over the parts of a corpus.

Parts are documents or equal-sized segments of the running text. For a term
with frequency v_i in part i (f = Σ v_i) and part sizes giving shares s_i:

* Juilland's D (Juilland & Chang-Rodríguez 1964): D = 1 − (σ/μ) / √(n − 1),
  with μ and σ the mean and population standard deviation of the term's
  relative frequencies v_i / size_i over the n parts. 1 = perfectly even.
* Gries's DP (Gries 2008): DP = ½ Σ |v_i / f − s_i|. 0 = perfectly even,
  close to 1 = concentrated in one small part. DPnorm (Lijffijt & Gries
  2012) = DP / (1 − min s_i).

Edges: empty parts (empty documents are kept on purpose) have no relative
frequency, so Juilland's D is computed over the non-empty parts, and is NaN
when fewer than two parts hold text; DP keeps every part (an empty part has
s_i = 0). With a single part DP = 0 and DPnorm is undefined (0/0, NaN). A
term that never occurs has NaN for all three.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd


def juilland_d(freqs: Sequence[float], sizes: Sequence[float]) -> float:
    """Juilland's D of one term over the non-empty parts; NaN with fewer than
    two (see the module docstring)."""
    rel = [v / s for v, s in zip(freqs, sizes, strict=True) if s > 0]
    n = len(rel)
    if n < 2:
        return float("nan")
    mean = sum(rel) / n
    if mean == 0:
        return float("nan")
    sd = math.sqrt(sum((r - mean) ** 2 for r in rel) / n)
    return 1 - (sd / mean) / math.sqrt(n - 1)


def gries_dp(freqs: Sequence[float], sizes: Sequence[float], *, normalise: bool = False) -> float:
    """Gries's DP of one term (or DPnorm with ``normalise``); see the module
    docstring. NaN for a term that never occurs, and DPnorm of a single part."""
    f, total = sum(freqs), sum(sizes)
    if f == 0:
        return float("nan")
    shares = [s / total for s in sizes]
    dp = 0.5 * sum(abs(v / f - s) for v, s in zip(freqs, shares, strict=True))
    if not normalise:
        return dp
    return dp / (1 - min(shares)) if min(shares) < 1 else float("nan")


def split_into_parts(tokens_by_doc: Mapping[str, Sequence[str]], parts: str | int) -> list[list[str]]:
    """The corpus as parts: one per document (``"documents"``) or ``parts``
    equal segments of the concatenated running text (some of them empty
    when there are more parts than tokens)."""
    if parts == "documents":
        return [list(tokens) for tokens in tokens_by_doc.values()]
    if not isinstance(parts, int) or parts < 2:
        raise ValueError("parts must be 'documents' or a whole number ≥ 2")
    running = [t for tokens in tokens_by_doc.values() for t in tokens]
    bounds = [round(i * len(running) / parts) for i in range(parts + 1)]
    return [running[bounds[i]:bounds[i + 1]] for i in range(parts)]


def dispersion(tokens_by_doc: Mapping[str, Sequence[str]], terms: Sequence[str], *,
               parts: str | int = "documents") -> pd.DataFrame:
    """Frequency, range, Juilland's D, DP and DPnorm of each term.

    Returns
    -------
    pandas.DataFrame
        ``term, freq, range, n_parts, juilland_d, dp, dp_norm``, in the order
        of ``terms``.
    """
    chunks = split_into_parts(tokens_by_doc, parts)
    sizes = [len(c) for c in chunks]
    rows = []
    for term in dict.fromkeys(terms):
        freqs = [c.count(term) for c in chunks]
        rows.append({
            "term": term, "freq": sum(freqs), "range": sum(1 for v in freqs if v), "n_parts": len(chunks),
            "juilland_d": juilland_d(freqs, sizes), "dp": gries_dp(freqs, sizes),
            "dp_norm": gries_dp(freqs, sizes, normalise=True),
        })
    return pd.DataFrame(rows, columns=["term", "freq", "range", "n_parts", "juilland_d", "dp", "dp_norm"])


def positions(tokens_by_doc: Mapping[str, Sequence[str]], terms: Sequence[str]) -> pd.DataFrame:
    """Where each term occurs: ``term, doc_id, index, relative`` (index in the
    document's token list, and as a share of the document's length)."""
    wanted = set(terms)
    rows = [(t, doc_id, i, i / max(len(tokens), 1))
            for doc_id, tokens in tokens_by_doc.items() for i, t in enumerate(tokens) if t in wanted]
    return pd.DataFrame(rows, columns=["term", "doc_id", "index", "relative"])


def plot_dispersion(tokens_by_doc: Mapping[str, Sequence[str]], terms: Sequence[str]):
    """A dispersion ("barcode") plot: one row per term, the corpus laid out
    left to right document by document, a tick at every occurrence."""
    import matplotlib.pyplot as plt

    docs = list(tokens_by_doc)
    offsets, start = {}, 0
    for doc_id in docs:
        offsets[doc_id] = start
        start += len(tokens_by_doc[doc_id])
    found = positions(tokens_by_doc, terms)
    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, fit_height

    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.3 * len(terms) + 1.1)), layout="constrained")
    for row, term in enumerate(terms):
        hits = found[found["term"] == term]
        xs = [offsets[d] + i for d, i in zip(hits["doc_id"], hits["index"], strict=True)]
        ax.vlines(xs, row - 0.35, row + 0.35, color=OKABE_ITO[0], linewidth=1.0)
    for doc_id in docs[1:]:
        ax.axvline(offsets[doc_id], color="#999999", linewidth=0.8, linestyle=":")
    ax.set_yticks(range(len(terms)), terms)
    ax.set_ylim(len(terms) - 0.5, -0.5)
    ax.set_xlim(0, start)
    ax.set_xticks([offsets[d] + len(tokens_by_doc[d]) / 2 for d in docs], [d.split("_")[0] for d in docs])
    ax.tick_params(axis="x", length=0)
    ax.set_xlabel("position in the corpus (documents in order; dotted lines mark boundaries)")
    return fig
