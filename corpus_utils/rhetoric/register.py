"""Register measures of official speech, per document.

* **Four-character phrases (四字格)**: four-character Han words per 10,000
  characters (乘势而上, 扎实推进), and the share of clauses that are exactly
  four characters (乘势而上、坚定信心、完成任务).
* **Sentence length** in characters: mean, median, 90th percentile.
* **Directive modality and directive verbs**, kept apart, each counted as
  whole tokens per 10,000 characters:

  - *modal verbs* of obligation (:data:`MODAL_VERBS`: 要, 必须, 务必, 应当,
    应该, 应, 需要, 须), the auxiliaries (能愿动词) that make a clause an
    obligation (Li & Thompson 1981, *Mandarin Chinese: A Functional Reference
    Grammar*, ch. 6 on auxiliary verbs; 必须 and 务必 are adverbs in some
    dictionaries but work as obligation modals);
  - *intensifying adverbs* (:data:`INTENSIFIERS`: 坚决, 切实, 着力) that
    strengthen a directive; with the modal verbs they are modality proper;
  - *directive verbs* (:data:`DIRECTIVE_VERBS`: 坚持, 确保, 加强, 推进), the
    content of an instruction, not its modality.

  The classification follows the project's domain primer (DOMAIN.md §2,
  "Directive modality"). Tokens are counted whatever their use in context: 要
  as "want" or 需要 as a noun ("need") still count, so the densities are of
  surface forms.
* **Authority citations** per 10,000 characters: who is cited with which
  reporting verb (习近平总书记强调, 党中央要求, 十九届五中全会明确, …方案要求).
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

#: Modal verbs of obligation (能愿动词): modality proper.
MODAL_VERBS = ("要", "必须", "务必", "应当", "应该", "应", "需要", "须")
#: Adverbs that intensify a directive: modality proper too.
INTENSIFIERS = ("坚决", "切实", "着力")
#: Directive verbs: the content of an instruction, not its modality.
DIRECTIVE_VERBS = ("坚持", "确保", "加强", "推进")
#: Every marker counted by :func:`directive_markers`, class by class.
DIRECTIVE_MARKERS = (*MODAL_VERBS, *INTENSIFIERS, *DIRECTIVE_VERBS)
#: The class of each marker, as the columns of :func:`register_measures` name it.
MARKER_CLASSES = {"modal_verbs": MODAL_VERBS, "intensifiers": INTENSIFIERS, "directive_verbs": DIRECTIVE_VERBS}
#: English glosses of the markers, for tables and figures.
MARKER_GLOSSES = {
    "要": "must, is to", "必须": "must", "务必": "be sure to", "应当": "should", "应该": "should", "应": "should",
    "需要": "need to", "须": "must", "坚决": "resolutely", "切实": "earnestly, in practice",
    "着力": "with effort", "坚持": "uphold, persist in", "确保": "ensure", "加强": "strengthen",
    "推进": "push forward",
}
#: The columns of :func:`register_measures` (after ``doc_id``).
REGISTER_COLUMNS = ("n_chars", "sentences", "mean_sentence", "median_sentence", "p90_sentence",
                    "four_char_words_per_10k", "four_char_clause_share", "modal_verbs_per_10k",
                    "intensifiers_per_10k", "directive_verbs_per_10k", "citations_per_10k")


def _per_10k(count: int, size: int) -> float:
    return round(10_000 * count / size, 1) if size else 0.0


def directive_marker_classes() -> pd.DataFrame:
    """The markers of :func:`directive_markers`: ``marker, class, gloss``,
    class by class (modal verbs, intensifiers, directive verbs)."""
    rows = [(m, name, MARKER_GLOSSES[m]) for name, markers in MARKER_CLASSES.items() for m in markers]
    return pd.DataFrame(rows, columns=["marker", "class", "gloss"])


def _sentence_stats(text: str) -> dict[str, float]:
    lengths = pd.Series([len(s) for s in split_sentences(text)], dtype="float64")
    if not len(lengths):
        return {"sentences": 0, "mean_sentence": 0.0, "median_sentence": 0.0, "p90_sentence": 0.0}
    return {"sentences": len(lengths), "mean_sentence": round(lengths.mean(), 1),
            "median_sentence": lengths.median(), "p90_sentence": lengths.quantile(0.9)}


def _four_char_clause_share(text: str) -> float:
    clauses = [c for c in P.REGISTER_CLAUSE.findall(text) if P.HAN_CHAR.search(c)]
    return round(sum(len(c.strip()) == 4 for c in clauses) / len(clauses), 3) if clauses else 0.0


def register_measures(corpus: pd.DataFrame, segmenter) -> pd.DataFrame:
    """Register measures of each document.

    Parameters
    ----------
    corpus
        Documents with ``doc_id``, ``text`` and ``n_chars``.
    segmenter
        Anything with ``tokens(text) -> list[str]`` (``cu.corpus_segmenter``).

    Returns
    -------
    pandas.DataFrame
        One row per document, indexed by ``doc_id``, with the columns of
        :data:`REGISTER_COLUMNS`; rates are per 10,000 characters (one
        decimal), each modality class (:data:`MARKER_CLASSES`) in its own
        column.
    """
    rows = []
    for doc in corpus.itertuples():
        tokens = Counter(segmenter.tokens(doc.text))
        four = sum(n for t, n in tokens.items() if len(t) == 4 and len(P.HAN_CHAR.findall(t)) == 4)
        classes = {f"{name}_per_10k": _per_10k(sum(tokens[m] for m in markers), doc.n_chars)
                   for name, markers in MARKER_CLASSES.items()}
        rows.append({
            "doc_id": doc.doc_id, "n_chars": doc.n_chars, **_sentence_stats(doc.text),
            "four_char_words_per_10k": _per_10k(four, doc.n_chars),
            "four_char_clause_share": _four_char_clause_share(doc.text), **classes,
            "citations_per_10k": _per_10k(len(authority_citations(doc.text)), doc.n_chars),
        })
    return pd.DataFrame(rows, columns=["doc_id", *REGISTER_COLUMNS]).set_index("doc_id")


def directive_markers(corpus: pd.DataFrame, segmenter) -> pd.DataFrame:
    """Each marker of :data:`DIRECTIVE_MARKERS` per 10,000 characters.

    Returns
    -------
    pandas.DataFrame
        Document × marker, indexed by ``doc_id``; the columns run class by
        class (modal verbs, intensifiers, directive verbs: see
        :func:`directive_marker_classes`), rates rounded to one decimal.
    """
    table = {}
    for doc in corpus.itertuples():
        counts = Counter(t for t in segmenter.tokens(doc.text) if t in DIRECTIVE_MARKERS)
        table[doc.doc_id] = [_per_10k(counts[m], doc.n_chars) for m in DIRECTIVE_MARKERS]
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


#: Hatches that tell the modality classes apart without colour.
_CLASS_HATCHES = ("", "///", "...")


def _class_rates(markers: pd.DataFrame) -> pd.DataFrame:
    """Per document, the sum of the marker rates of each class."""
    return pd.DataFrame({name: markers[[m for m in members if m in markers.columns]].sum(axis=1)
                         for name, members in MARKER_CLASSES.items()})


def plot_register(measures: pd.DataFrame, markers: pd.DataFrame, sentence_lengths: dict[str, list[int]], *,
                  labels: dict[str, str] | None = None):
    """Register of each document in three panels, :data:`~corpus_utils.plotting.PAGE_WIDTH` (7 in) wide.

    Top: the three classes of :data:`MARKER_CLASSES` per 10,000 characters
    (sums of the ``markers`` table of :func:`directive_markers`), side by side,
    told apart by Okabe-Ito colour and by hatching. Bottom left:
    four-character words per 10,000 characters. Bottom right: sentence
    lengths (box plots).

    Parameters
    ----------
    measures
        :func:`register_measures`; its index gives the documents and their order.
    markers
        :func:`directive_markers` of the same documents.
    sentence_lengths
        Sentence lengths by ``doc_id`` (``cu.sentence_lengths``).
    labels
        Display label by ``doc_id``.
    """
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, fit_height

    docs = list(measures.index)
    names = [(labels or {}).get(d, d) for d in docs]
    rows = pd.Series(range(len(docs)), index=docs, dtype="float64")
    fig = plt.figure(figsize=(PAGE_WIDTH, fit_height(0.85 * len(docs) + 2.2)), layout="constrained")
    grid = fig.add_gridspec(2, 2, height_ratios=[1.3, 1])
    top = fig.add_subplot(grid[0, :])
    rates, height = _class_rates(markers).loc[docs], 0.26
    for k, name in enumerate(MARKER_CLASSES):
        top.barh(rows + (k - 1) * height, rates[name], height=height, color=OKABE_ITO[k], hatch=_CLASS_HATCHES[k],
                 edgecolor="white", linewidth=0.5, label=name.replace("_", " "))
    top.set_yticks(rows, names)
    top.set_ylim(len(docs) - 0.5, -0.5)
    top.set_title("Modal verbs, intensifiers and directive verbs per 10,000 characters")
    left = fig.add_subplot(grid[1, 0])
    left.barh(rows, measures["four_char_words_per_10k"], color=OKABE_ITO[4])
    left.set_title("Four-character words per 10,000 characters")
    right = fig.add_subplot(grid[1, 1], sharey=left)
    right.boxplot([sentence_lengths[d] for d in docs], positions=list(rows), orientation="horizontal", widths=0.6,
                  medianprops={"color": "black"})
    right.tick_params(labelleft=False)
    right.set_title("Sentence length (characters)")
    left.set_yticks(rows, names)
    left.set_ylim(len(docs) - 0.5, -0.5)
    fig.legend(*top.get_legend_handles_labels(), frameon=False, loc="outside lower center", ncols=3)
    return fig
