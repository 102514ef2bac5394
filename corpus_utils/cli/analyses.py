"""The per-document analyses of the streamed commands.

Each is a module-level function ``(doc_id, text, tokens, **options)``
returning a table, so that it can be sent to worker processes (options bound
with :func:`functools.partial`) and run by
:func:`corpus_utils.scale.per_document.stream_per_document`; each calls the
function the notebooks call on a loaded corpus, on one document.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import pandas as pd


class GivenTokens:
    """A stand-in for a segmenter whose ``tokens`` are already known (the
    worker segmented the document once)."""

    def __init__(self, tokens: Sequence[str]) -> None:
        self._tokens = list(tokens)

    def tokens(self, text: str) -> list[str]:
        return self._tokens


def quoted_of(doc_id: str, text: str, tokens, *, custom_slogans: tuple = ()) -> pd.DataFrame:
    """Numbered formulae quoted in the document (the corpus-level evidence
    of slogan extraction); ``custom_slogans``: a researcher's own entries."""
    from corpus_utils.slogans.extract import quoted_formulae

    return pd.DataFrame({"formula": sorted(quoted_formulae([text], custom_slogans=custom_slogans))}, dtype=object)


def slogans_of(doc_id: str, text: str, tokens, *, known: frozenset[str], use_lexicon: bool,
               custom_slogans: tuple = ()) -> pd.DataFrame:
    """:func:`corpus_utils.slogans.extract.extract_from_text` of the document."""
    from corpus_utils.slogans.extract import extract_from_text

    return extract_from_text(text, list(tokens), doc_id=doc_id, known=known, use_lexicon=use_lexicon,
                             custom_slogans=custom_slogans)


def outline_of(doc_id: str, text: str, tokens) -> pd.DataFrame:
    """:func:`corpus_utils.rhetoric.outline.outline_table` of the document."""
    from corpus_utils.rhetoric.outline import outline_table

    return outline_table(text, doc_id=doc_id, tokens=list(tokens))


def term_counts_of(doc_id: str, text: str, tokens, *, terms: tuple[str, ...]) -> pd.DataFrame:
    """One row: ``doc_id, n_chars`` and the formulation count of each term
    (:func:`corpus_utils.terms.frequency.count_terms`)."""
    from corpus_utils.terms.frequency import count_terms

    counts = count_terms({doc_id: text}, list(terms)).loc[doc_id] if terms else {}
    return pd.DataFrame([{"doc_id": doc_id, "n_chars": len(text), **{t: int(counts[t]) for t in terms}}])


def kwic_of(doc_id: str, text: str, tokens, *, query, kind: str, width: int,
            known: frozenset[str] = frozenset()) -> pd.DataFrame:
    """:func:`corpus_utils.terms.concordance.concordance_of_text` of the document."""
    from corpus_utils.terms.concordance import concordance_of_text

    return concordance_of_text(text, query, kind=kind, width=width, doc_id=doc_id, tokens=tokens,
                               known_formulae=known)


def hits_of(doc_id: str, text: str, tokens, *, query, kind: str, known: frozenset[str] = frozenset()
            ) -> pd.DataFrame:
    """One row of :func:`corpus_utils.terms.concordance.hits_per_document`
    for the document: its hits, characters and hits per 10,000 characters."""
    from corpus_utils.terms.concordance import concordance_of_text, hits_per_document

    lines = concordance_of_text(text, query, kind=kind, doc_id=doc_id, tokens=tokens, known_formulae=known)
    return hits_per_document(lines, pd.DataFrame({"doc_id": [doc_id], "text": [text], "n_chars": [len(text)]}))


def ngrams_of(doc_id: str, text: str, tokens, *, n: int, stopwords: frozenset[str]) -> pd.DataFrame:
    """Every n-gram of the document with its count (``min_freq`` 1), as
    :func:`corpus_utils.terms.kwic.ngrams` counts them."""
    from corpus_utils.terms.kwic import ngrams

    return ngrams({doc_id: tokens}, n, min_freq=1, stopwords=stopwords)


def dispersion_of(doc_id: str, text: str, tokens, *, terms: tuple[str, ...]) -> pd.DataFrame:
    """One row: ``doc_id``, ``size`` (countable tokens, stopwords kept, as
    :func:`corpus_utils.terms.segment.countable_by_doc`) and the count of
    each term among them."""
    from corpus_utils.terms.segment import is_countable

    countable = [t for t in tokens if is_countable(t)]
    return pd.DataFrame([{"doc_id": doc_id, "size": len(countable), **{t: countable.count(t) for t in terms}}])


def parallelism_of(doc_id: str, text: str, tokens) -> pd.DataFrame:
    """:func:`corpus_utils.rhetoric.parallelism.parallelism_table` of the document."""
    from corpus_utils.rhetoric.parallelism import parallelism_table

    return parallelism_table(text, doc_id=doc_id)


def register_of(doc_id: str, text: str, tokens) -> pd.DataFrame:
    """:func:`corpus_utils.rhetoric.register.register_measures` of the document, ``doc_id`` a column."""
    from corpus_utils.rhetoric.register import register_measures

    one = pd.DataFrame({"doc_id": [doc_id], "text": [text], "n_chars": [len(text)]})
    return register_measures(one, GivenTokens(tokens)).reset_index()


def composition_of(doc_id: str, text: str, tokens) -> pd.DataFrame:
    """:func:`corpus_utils.corpus.overview.composition` of the document, ``doc_id`` a column."""
    from corpus_utils.corpus.overview import composition

    return composition(pd.DataFrame({"doc_id": [doc_id], "text": [text]})).reset_index()


def sentence_stats_of(doc_id: str, text: str, tokens) -> pd.DataFrame:
    """:func:`corpus_utils.corpus.overview.sentence_stats` of the document, ``doc_id`` a column."""
    from corpus_utils.corpus.overview import sentence_stats

    return sentence_stats(pd.DataFrame({"doc_id": [doc_id], "text": [text]})).reset_index()


def sentence_lengths_of(doc_id: str, text: str, tokens) -> pd.DataFrame:
    """One row a sentence (:func:`corpus_utils.corpus.sentences.split_sentences`):
    ``doc_id``, ``sentence`` (its number, from 1), ``length`` (characters, as
    :func:`corpus_utils.corpus.sentences.sentence_lengths`) and ``text``."""
    from corpus_utils.corpus.sentences import split_sentences

    sentences = split_sentences(text)
    return pd.DataFrame({"doc_id": doc_id, "sentence": range(1, len(sentences) + 1),
                         "length": [len(s) for s in sentences], "text": sentences},
                        columns=["doc_id", "sentence", "length", "text"])


def directives_of(doc_id: str, text: str, tokens) -> pd.DataFrame:
    """:func:`corpus_utils.rhetoric.register.directive_markers` of the document, ``doc_id`` a column."""
    from corpus_utils.rhetoric.register import directive_markers

    one = pd.DataFrame({"doc_id": [doc_id], "text": [text], "n_chars": [len(text)]})
    return directive_markers(one, GivenTokens(tokens)).reset_index()


def citations_of(doc_id: str, text: str, tokens) -> pd.DataFrame:
    """:func:`corpus_utils.rhetoric.register.authority_citations` of the document."""
    from corpus_utils.rhetoric.register import authority_citations

    return authority_citations(text, doc_id=doc_id)


@lru_cache(maxsize=1)
def default_jieba():
    """jieba with its default dictionary only (no lexicon), built once per process."""
    from corpus_utils.terms.segment import Segmenter

    return Segmenter(engine="jieba", use_lexicon=False)


#: The columns of :func:`segmentation_of`.
SEGMENTATION_COLUMNS = ["doc_id", "sentence", "text", "default jieba", "with lexicon"]


def segmentation_of(doc_id: str, text: str, tokens, *, engine: str, extra_words: tuple[str, ...],
                    all_sentences: bool = False) -> pd.DataFrame:
    """:func:`corpus_utils.terms.segment.compare_segmentation` of the
    document's sentences: jieba's default dictionary against the segmenter
    with the formulation lexicon and ``extra_words`` (the corpus's names,
    a researcher's own words); only the sentences they cut differently,
    unless ``all_sentences``."""
    from corpus_utils.corpus.sentences import split_sentences
    from corpus_utils.terms.segment import compare_segmentation, shared_segmenter

    sentences = split_sentences(text)
    table = compare_segmentation(sentences, {"default jieba": default_jieba(),
                                             "with lexicon": shared_segmenter(engine, extra_words)})
    table.insert(0, "text", sentences)
    table.insert(0, "sentence", range(1, len(sentences) + 1))
    table.insert(0, "doc_id", doc_id)
    if not all_sentences:
        table = table[table["default jieba"] != table["with lexicon"]]
    return table.reindex(columns=SEGMENTATION_COLUMNS)


def formulation_counts_of(doc_id: str, text: str, tokens, *, terms: tuple[str, ...]) -> pd.DataFrame:
    """``doc_id, term, count`` of each term occurring in the document, its
    formulation count (:func:`corpus_utils.terms.frequency.count_terms`:
    equal to ``text.count(term)``), in the order of ``terms``."""
    from corpus_utils.terms.frequency import count_terms

    counts = count_terms({doc_id: text}, list(terms)).loc[doc_id]
    found = counts[counts > 0]
    return pd.DataFrame({"doc_id": doc_id, "term": found.index, "count": found.to_numpy()},
                        columns=["doc_id", "term", "count"])
