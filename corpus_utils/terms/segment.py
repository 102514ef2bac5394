"""Segmentation that keeps political formulations whole.

:class:`Segmenter` wraps a jieba-compatible engine — rjieba (the jieba-rs
binding) by default, plain jieba on request — and loads the packaged
formulation lexicon plus any extra words (speaker and organisation names from
the corpus metadata). Every lexicon entry is added with a frequency at least
as high as the engine's own suggestion for keeping it whole, so on its own it
always comes out as one token. Where two entries overlap in running text
(党中央 and 中央八项规定精神 in 党中央八项规定精神), the lexicon's
frequencies make the correct reading win (党中央/八项规定精神); see the
header of ``data/lexicon_tifa.txt``.

Tokens are what word lists count, so an entry nested in a longer one
(八项规定 in 中央八项规定精神) is no token of its own there. To count
formulations, count them in the text: :func:`corpus_utils.terms.frequency.count_terms`.
The tokens of a text always join back to it exactly.

:meth:`Segmenter.tokens` returns every token (punctuation included, for
concordances); :meth:`Segmenter.words` keeps only countable words: no
punctuation, whitespace, numbers, anonymisation placeholders or stopwords.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from functools import lru_cache

from corpus_utils import constants as P
from corpus_utils.terms.lexicon import LexiconEntry, formulation_lexicon, stopwords

ENGINES = ("rjieba", "jieba")


@lru_cache(maxsize=1 << 20)
def is_countable(token: str) -> bool:
    """True for a token that counts as a word: not whitespace, punctuation,
    a number or an anonymisation placeholder (``XX``)."""
    token = token.strip()
    return bool(token) and not (P.NOT_A_WORD.match(token) or P.NUMBER_TOKEN.match(token) or P.PLACEHOLDER_TOKEN.match(token)
                                or token == "_")


#: How many distinct tokens a segmenter remembers having judged (see :meth:`Segmenter.word_counts`).
MAX_JUDGED = 1 << 20


class Segmenter:
    """A jieba-compatible tokenizer with the formulation lexicon loaded.

    Parameters
    ----------
    engine
        ``"rjieba"`` (default, fast) or ``"jieba"``.
    extra_words
        More words to keep whole (names of speakers and organisations).
    use_lexicon
        Load the packaged formulation lexicon (default). ``False`` gives the
        engine's default dictionary, for comparison.
    hmm
        Let the engine's HMM join unknown words (names). Default on.
    stopword_list
        Words :meth:`words` drops; default the packaged list.
    """

    def __init__(self, *, engine: str = "rjieba", extra_words: Iterable[str] = (), use_lexicon: bool = True,
                 hmm: bool = True, stopword_list: Iterable[str] | None = None) -> None:
        if engine not in ENGINES:
            raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
        self.engine = engine
        self.hmm = hmm
        self.stopwords = frozenset(stopwords() if stopword_list is None else stopword_list)
        entries = list(formulation_lexicon()) if use_lexicon else []
        known = {e.word for e in entries}
        entries += [LexiconEntry(w.strip(), 0, "nr") for w in sorted(set(extra_words))
                    if w.strip() and w.strip() not in known]
        self.entries = tuple(entries)
        self._cut = self._build()
        self._seen: set[str] = set()  # tokens already judged by word_counts, and those that are not words
        self._not_words: set[str] = set()

    def _build(self):
        if self.engine == "rjieba":
            import rjieba

            tokenizer = rjieba.Jieba()
            for entry in self.entries:
                tokenizer.add_word(entry.word, max(entry.freq, tokenizer.suggest_freq(entry.word)), entry.tag)
            hmm = self.hmm
            return lambda text: tokenizer.cut(text, hmm=hmm)
        import jieba

        logging.getLogger("jieba").setLevel(logging.WARNING)  # no "Building prefix dict" lines
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        for entry in self.entries:
            tokenizer.add_word(entry.word, max(entry.freq, tokenizer.suggest_freq(entry.word, tune=False)), entry.tag)
        hmm = self.hmm
        return lambda text: tokenizer.lcut(text, HMM=hmm)

    def tokens(self, text: str) -> list[str]:
        """Every token of ``text`` in order, punctuation and spaces included."""
        return self._cut(text) if text else []

    def countable(self, text: str) -> list[str]:
        """Tokens that count as words (:func:`is_countable`), stopwords kept:
        the running text for windows and positions (collocation, dispersion)."""
        return [t for t in self.tokens(text) if is_countable(t)]

    def is_word(self, token: str) -> bool:
        """The one word filter: a countable token (:func:`is_countable`) that
        is not a stopword."""
        return token not in self.stopwords and is_countable(token)

    def words(self, text: str) -> list[str]:
        """Countable words of ``text``, in order (see :meth:`is_word`)."""
        return [t for t in self.tokens(text) if self.is_word(t)]

    def word_counts(self, token_counts: Mapping[str, int]) -> dict[str, int]:
        """``token_counts`` without the tokens that are not words (see
        :meth:`is_word`). Each distinct token is judged once per segmenter;
        the rest is set arithmetic, so a document costs little more than its
        few non-words."""
        if len(self._seen) > MAX_JUDGED:  # bounded memory on huge vocabularies: judge afresh
            self._seen, self._not_words = set(), set()
        new = token_counts.keys() - self._seen
        self._not_words.update(token for token in new if not self.is_word(token))
        self._seen |= new
        counts = dict(token_counts)
        for token in token_counts.keys() & self._not_words:
            del counts[token]
        return counts

    def __repr__(self) -> str:
        return f"Segmenter(engine={self.engine!r}, entries={len(self.entries)}, hmm={self.hmm})"



@lru_cache(maxsize=1)
def reference_dictionary():
    """jieba-rs with its default dictionary only (built once per process):
    part-of-speech tags and word knowledge independent of the project's
    lexicon, for the rules that ask whether a string is a word of the
    language."""
    import rjieba

    return rjieba.Jieba()


@lru_cache(maxsize=4)
def shared_segmenter(engine: str, extra_words: tuple[str, ...] = (),
                     stopword_list: tuple[str, ...] | None = None) -> Segmenter:
    """One :class:`Segmenter` per process and configuration (engine, extra
    words, stopwords: ``None`` for the packaged list), built on first use
    (workers reuse it across documents)."""
    return Segmenter(engine=engine, extra_words=extra_words, stopword_list=stopword_list)


def split_names(value: str | None) -> list[str]:
    """Names in one metadata field, separated by ``;`` or ``；``."""
    return [n.strip() for n in P.NAME_SEPARATOR.split(value or "") if n.strip()]


def names_from_metadata(rows) -> tuple[str, ...]:
    """Speaker and organisation names of metadata rows (mappings with
    ``speakers`` and ``organization``), sorted and unique."""
    return tuple(sorted({name for row in rows for column in ("speakers", "organization")
                         for name in split_names(row.get(column))}))


def metadata_names(corpus) -> list[str]:
    """:func:`names_from_metadata` of a loaded corpus."""
    columns = [c for c in ("speakers", "organization") if c in corpus]
    return list(names_from_metadata(corpus[columns].fillna("").to_dict("records")))


def corpus_segmenter(corpus, *, custom=None, **options) -> Segmenter:
    """A :class:`Segmenter` that also keeps the corpus's speaker and
    organisation names whole.

    Parameters
    ----------
    corpus
        From :func:`corpus_utils.load_corpus`.
    custom
        A :class:`corpus_utils.terms.custom.CustomLists`: its ``words`` are
        kept whole too, and its ``stopwords`` (when not ``None``) replace the
        packaged list.
    **options
        Passed to :class:`Segmenter` (``engine``, ``hmm``, ``extra_words`` …);
        a ``stopword_list`` given here wins over ``custom.stopwords``.
    """
    words = [*metadata_names(corpus), *options.pop("extra_words", ()), *(custom.words if custom is not None else ())]
    if custom is not None and custom.stopwords is not None:
        options.setdefault("stopword_list", custom.stopwords)
    return Segmenter(extra_words=words, **options)


def tokens_by_doc(corpus, segmenter: Segmenter) -> dict[str, list[str]]:
    """Every token of every document (punctuation included), by doc_id."""
    from corpus_utils.corpus.documents import documents

    return {d: segmenter.tokens(t) for d, t in documents(corpus)}


def countable_by_doc(corpus, segmenter: Segmenter) -> dict[str, list[str]]:
    """Countable tokens of every document, stopwords kept (:meth:`Segmenter.countable`), by doc_id."""
    from corpus_utils.corpus.documents import documents

    return {d: segmenter.countable(t) for d, t in documents(corpus)}


def words_by_doc(corpus, segmenter: Segmenter) -> dict[str, list[str]]:
    """Countable words of every document (see :meth:`Segmenter.words`), by doc_id."""
    from corpus_utils.corpus.documents import documents

    return {d: segmenter.words(t) for d, t in documents(corpus)}


def compare_segmentation(sentences, segmenters: dict[str, Segmenter]):
    """Side-by-side tokens of each sentence under each segmenter (tokens
    separated by `` / ``), for teaching what a lexicon changes."""
    import pandas as pd

    return pd.DataFrame({name: [" / ".join(t for t in s.tokens(sentence) if t.strip()) for sentence in sentences]
                         for name, s in segmenters.items()})
