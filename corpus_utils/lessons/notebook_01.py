"""Exercises of notebook 01: term frequency, keyness, collocation.

The four exercises work on the five seed documents, as the notebook does.
They teach:

* 01.1 that the lexicon decides the word list: a formulation the lexicon
  lacks (数字化攻关) is never a token until it is added, and adding it takes
  occurrences away from its part 数字化;
* 01.2 to build a keyness target from a document variable (``genre``) and to
  read the direction of a keyword;
* 01.3 that the collocation window decides which collocates survive;
* 01.4 that frequencies are normalised per 10,000 characters of each
  document, as the command line ``python -m corpus_utils terms --by doc``
  prints them: two documents with the same raw count differ in rate.

Each expected answer is computed from the data on demand, never stored.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from corpus_utils.lessons.check import Answer

if TYPE_CHECKING:
    import pandas as pd

    from corpus_utils.terms.dtm import DocumentTermCounts
    from corpus_utils.terms.segment import Segmenter

#: 01.1: a formulation of the seeds that the packaged lexicon lacks, and its part.
NEW_FORMULATION, ITS_PART = "数字化攻关", "数字化"
#: 01.2: the target of the keyness exercise: documents whose genre contains this.
SPEECH = "speech"
#: 01.2: how many keywords of the target the answer names.
N_KEYWORDS = 4
#: 01.3: the node (its family of tokens), the narrower window, and the least co-occurrence count.
NODE, WINDOW, MIN_COUNT = "党建", 2, 2
#: 01.4: the word and the document whose rate is asked for.
RATE_TERM, RATE_DOC = "发展", "004_8741fb8f7a27a93d"


@lru_cache(maxsize=1)
def seeds() -> tuple[pd.DataFrame, Segmenter, DocumentTermCounts]:
    """The seed corpus, its segmenter and its document-term counts, as the
    notebook builds them (computed once)."""
    from corpus_utils.corpus.loader import load_corpus
    from corpus_utils.terms.dtm import document_term_counts
    from corpus_utils.terms.segment import corpus_segmenter

    corpus = load_corpus()
    segmenter = corpus_segmenter(corpus)
    return corpus, segmenter, document_term_counts(corpus, segmenter=segmenter)


def token_counts_with_new_formulation() -> list[int]:
    """01.1: whole-token counts of :data:`NEW_FORMULATION` and :data:`ITS_PART`
    once the formulation is kept whole."""
    from corpus_utils.terms.frequency import count_terms
    from corpus_utils.terms.segment import corpus_segmenter, tokens_by_doc

    corpus = seeds()[0]
    tokens = tokens_by_doc(corpus, corpus_segmenter(corpus, extra_words=[NEW_FORMULATION]))
    totals = count_terms(tokens, [NEW_FORMULATION, ITS_PART], nested=False).sum()
    return [int(totals[NEW_FORMULATION]), int(totals[ITS_PART])]


def speech_keywords() -> list[str]:
    """01.2: the :data:`N_KEYWORDS` strongest keywords (by G2, direction ``+``)
    of the speech documents against the others."""
    corpus, _, counts = seeds()
    speeches = corpus.loc[corpus["genre"].str.contains(SPEECH), "doc_id"]
    keys = counts.keyness(speeches)
    return keys.loc[keys["direction"] == "+", "term"].head(N_KEYWORDS).tolist()


def narrow_window_collocates() -> list[str]:
    """01.3: collocates of the :data:`NODE` family seen at least
    :data:`MIN_COUNT` times within :data:`WINDOW` words on either side."""
    from corpus_utils.terms.collocation import collocates, node_family
    from corpus_utils.terms.lexicon import stopwords
    from corpus_utils.terms.segment import countable_by_doc

    corpus, segmenter, _ = seeds()
    countable = countable_by_doc(corpus, segmenter)
    table = collocates(countable, node_family(countable, NODE), left=WINDOW, right=WINDOW, min_count=MIN_COUNT,
                       exclude=stopwords())
    return table["collocate"].tolist()


def rate_per_10k() -> float:
    """01.4: :data:`RATE_TERM` per 10,000 characters of :data:`RATE_DOC`."""
    table = seeds()[2].doc_table()
    row = table[(table["doc_id"] == RATE_DOC) & (table["term"] == RATE_TERM)]
    return float(row["per_10k_chars"].iloc[0])


ANSWERS: dict[str, Answer] = {
    "01.1": Answer(token_counts_with_new_formulation, ordered=True,
                   hint="Build cu.corpus_segmenter(corpus, extra_words=['数字化攻关']), segment again with "
                        "cu.tokens_by_doc, and count whole tokens (cu.count_terms(..., nested=False)); answer two "
                        "numbers, 数字化攻关 first."),
    "01.2": Answer(speech_keywords,
                   hint="The target is the doc_ids whose genre contains 'speech'; pass them to counts.keyness, keep "
                        "the rows whose direction is '+', and take the first four (the table is sorted by G2)."),
    "01.3": Answer(narrow_window_collocates,
                   hint="Call cu.collocates(countable, family, left=2, right=2, min_count=2, exclude=cu.stopwords()) "
                        "and answer its collocate column."),
    "01.4": Answer(rate_per_10k, tolerance=0.002,
                   hint="Take the row of 发展 in document 004 of counts.doc_table(): the rate divides by the "
                        "characters of that document, not of the corpus, and multiplies by 10,000."),
}
