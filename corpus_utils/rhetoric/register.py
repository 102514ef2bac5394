"""Register measures of official speech, per document.

* **Four-character phrases (四字格)**: four-character Han words per 1,000
  characters (乘势而上, 扎实推进), and the share of clauses that are exactly
  four characters (乘势而上、坚定信心、完成任务).
* **Sentence length** in characters: mean, median, 90th percentile.
* **Directive modality**: the markers of DOMAIN §2 (要, 必须, 务必, 坚持, 坚决,
  切实, 确保, 着力, 加强, 推进), counted as whole tokens, per 1,000
  characters; their density separates directive speech from narrative report.
* **Authority citations**: who is cited with which reporting verb
  (习近平总书记强调, 党中央要求, 十九届五中全会明确, …方案要求).
* **Reporting verbs** attributing speech to each speaker of the metadata.
"""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from corpus_utils import constants as P
from corpus_utils.corpus.documents import documents
from corpus_utils.corpus.sentences import split_sentences
from corpus_utils.terms.segment import split_names

DIRECTIVE_MARKERS = ("要", "必须", "务必", "坚持", "坚决", "切实", "确保", "着力", "加强", "推进")


def _per_1k(count: int, size: int) -> float:
    return 1000 * count / size if size else 0.0


def register_measures(corpus: pd.DataFrame, segmenter) -> pd.DataFrame:
    """One row per document: ``n_chars, sentences, mean_sentence,
    median_sentence, p90_sentence, four_char_words_per_1k,
    four_char_clause_share, directive_per_1k, citations_per_1k``."""
    rows = []
    for doc in corpus.itertuples():
        tokens = segmenter.tokens(doc.text)
        lengths = pd.Series([len(s) for s in split_sentences(doc.text)], dtype="float64")
        clauses = [c for c in P.REGISTER_CLAUSE.findall(doc.text) if P.HAN_CHAR.search(c)]
        four = sum(1 for t in tokens if len(t) == 4 and len(P.HAN_CHAR.findall(t)) == 4)
        directives = sum(1 for t in tokens if t in DIRECTIVE_MARKERS)
        rows.append({
            "doc_id": doc.doc_id,
            "n_chars": doc.n_chars,
            "sentences": len(lengths),
            "mean_sentence": round(lengths.mean(), 1) if len(lengths) else 0.0,
            "median_sentence": lengths.median() if len(lengths) else 0.0,
            "p90_sentence": lengths.quantile(0.9) if len(lengths) else 0.0,
            "four_char_words_per_1k": round(_per_1k(four, doc.n_chars), 2),
            "four_char_clause_share": round(sum(len(c.strip()) == 4 for c in clauses) / len(clauses), 3)
            if clauses else 0.0,
            "directive_per_1k": round(_per_1k(directives, doc.n_chars), 2),
            "citations_per_1k": round(_per_1k(len(authority_citations(doc.text)), doc.n_chars), 2),
        })
    return pd.DataFrame(rows).set_index("doc_id")


def directive_markers(corpus: pd.DataFrame, segmenter) -> pd.DataFrame:
    """Each directive-modality marker per 1,000 characters: a document × marker table."""
    table = {}
    for doc in corpus.itertuples():
        counts = Counter(t for t in segmenter.tokens(doc.text) if t in DIRECTIVE_MARKERS)
        table[doc.doc_id] = [round(_per_1k(counts[m], doc.n_chars), 2) for m in DIRECTIVE_MARKERS]
    return pd.DataFrame.from_dict(table, orient="index", columns=list(DIRECTIVE_MARKERS)).rename_axis("doc_id")


def authority_citations(text: str, *, doc_id: str = "", width: int = 12) -> pd.DataFrame:
    """Every citation of an authority with its reporting verb: ``doc_id,
    authority, verb, setting, position, context``."""
    rows = []
    for match in P.CITED_AUTHORITY.finditer(text):
        left = text[max(0, match.start() - width):match.start()]
        right = text[match.end():match.end() + width]
        rows.append((doc_id, match["authority"], match["verb"], match["setting"] or "", match.start(),
                     f"{left}【{match.group(0)}】{right}".replace("\n", " ")))
    return pd.DataFrame(rows, columns=["doc_id", "authority", "verb", "setting", "position", "context"])


def citations_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """:func:`authority_citations` for every document."""
    frames = [authority_citations(t, doc_id=d) for d, t in documents(corpus)]
    return pd.concat(frames, ignore_index=True)


def speaker_verbs(corpus: pd.DataFrame, *, gap: int = 20) -> pd.DataFrame:
    """Reporting verbs attributed to each speaker named in the metadata
    (``speakers``, separated by ``;``): a speaker × verb table of counts, the
    verb within ``gap`` characters after the name in the same clause."""
    counts: Counter[tuple[str, str]] = Counter()
    for doc in corpus.itertuples():
        for name in split_names(getattr(doc, "speakers", "")):
            pattern = re.compile(f"{re.escape(name)}[^，。；：！？“”]{{0,{gap}}}?(?P<verb>{P.REPORTING_VERB_CHOICE})")
            counts.update((name, m["verb"]) for m in pattern.finditer(doc.text))
    if not counts:
        return pd.DataFrame(columns=list(P.REPORTING_VERBS))
    frame = pd.Series(counts).unstack(fill_value=0)
    frame = frame.reindex(columns=[v for v in P.REPORTING_VERBS if v in frame.columns])
    frame.index.name = "speaker"
    return frame.sort_index()


def plot_register(measures: pd.DataFrame, markers: pd.DataFrame, sentence_lengths: dict[str, list[int]], *,
                  labels: dict[str, str] | None = None):
    """Three panels: directive markers per 1,000 characters (stacked by
    marker), four-character words per 1,000 characters, and the distribution
    of sentence lengths."""
    import matplotlib.pyplot as plt

    names = [(labels or {}).get(d, d) for d in measures.index]
    rows = list(range(1, len(names) + 1))
    fig, axes = plt.subplots(1, 3, figsize=(13, 0.5 * len(names) + 2.2), sharey=True)
    left = pd.Series(0.0, index=markers.index)
    palette = plt.get_cmap("tab10")
    for k, marker in enumerate(markers.columns):
        values = markers.loc[measures.index, marker]
        axes[0].barh(rows, values, left=left.loc[measures.index], color=palette(k % 10), label=marker)
        left = left + markers[marker]
    axes[0].set_title("Directive modality per 1,000 characters")
    axes[0].legend(ncol=5, fontsize=8, frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.12))
    axes[1].barh(rows, measures["four_char_words_per_1k"], color="#1f4e79")
    axes[1].set_title("Four-character words per 1,000 characters")
    axes[2].boxplot([sentence_lengths[d] for d in measures.index], positions=rows, orientation="horizontal",
                    widths=0.6)
    axes[2].set_title("Sentence length (characters)")
    axes[0].set_yticks(rows, names)
    axes[0].set_ylim(len(rows) + 0.6, 0.4)
    fig.tight_layout()
    return fig
