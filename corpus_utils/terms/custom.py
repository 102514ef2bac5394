"""A researcher's own word lists: formulations to keep whole, stopwords, slogans.

The packaged lists (``data/lexicon_tifa.txt``, ``data/stopwords.txt``,
``data/slogans.csv``) serve Chinese official and SOE discourse. Researchers of
other domains bring their own: :func:`load_custom_lists` reads them from
files into one :class:`CustomLists`, which every analysis takes as
``custom=``:

* :func:`corpus_utils.terms.segment.corpus_segmenter` (``words`` kept whole,
  ``stopwords`` dropped from word lists),
* :func:`corpus_utils.terms.dtm.document_term_counts`,
* :func:`corpus_utils.slogans.extract.extract_slogans` (``slogans`` join the
  slogan lexicon),
* :func:`corpus_utils.scale.engine.count_corpus` and the streamed analyses
  of :mod:`corpus_utils.scale.streaming` (the lists travel to the workers in
  their configuration, and are part of the count cache's key).

File formats
------------
Lexicon and stopword files: one word a line, in any encoding the loader
decodes (UTF-8, UTF-16 with BOM, GB18030, Big5); blank lines and lines
starting with ``#`` are skipped. A jieba user-dictionary line
``word freq tag`` is accepted: the word is its first field (a line whose
second field is not a whole number is one word, spaces included, so that
nothing is cut silently). Slogan files: a CSV with the columns of
``data/slogans.csv`` (``slogan,kind,level,gloss_en,first_year,source``; see
:func:`corpus_utils.slogans.extract.read_slogan_lexicon`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

from corpus_utils.errors import CorpusError, CorpusWarning, display_path
from corpus_utils.slogans.extract import KnownSlogan, read_slogan_lexicon

#: How many words a warning about words that cannot be kept whole shows.
SHOWN_WORDS = 5


@dataclass(frozen=True)
class CustomLists:
    """A researcher's own word lists (see :func:`load_custom_lists`).

    Attributes
    ----------
    words
        Formulations to keep whole, on top of the packaged lexicon.
    stopwords
        ``None``: the packaged stopword list; else the complete list to use.
    slogans
        Extra slogan-lexicon entries
        (:class:`corpus_utils.slogans.extract.KnownSlogan`), joined to the
        packaged ones; an entry replaces a packaged one of the same form.

    ``words`` and ``stopwords`` are kept sorted and unique (so that equal
    lists make equal configurations and cache keys).
    """

    words: tuple[str, ...] = ()
    stopwords: tuple[str, ...] | None = None
    slogans: tuple[KnownSlogan, ...] = ()

    def __post_init__(self) -> None:
        for name in ("words", "stopwords", "slogans"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise ValueError(f"CustomLists.{name} must be a sequence of entries, not the string {value[:20]!r}")
            if value is not None:  # lists and sets become sorted or ordered tuples: hashable and picklable
                object.__setattr__(self, name, tuple(sorted(set(value))) if name != "slogans" else tuple(value))
        if any(not isinstance(entry, KnownSlogan) for entry in self.slogans):
            raise ValueError("CustomLists.slogans must hold KnownSlogan entries (read them with load_custom_lists)")


def read_word_file(path: str | Path, *, what: str = "word list") -> tuple[str, ...]:
    """The words of a lexicon or stopword file (format: module docstring),
    unique, in file order.

    Raises
    ------
    CorpusError
        A file that is missing, cannot be decoded or holds no word.
    """
    from corpus_utils.corpus.encoding import read_text_file

    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, f"{what} not found" if not path.exists() else f"{what} is not a file")
    words = [word for line in read_text_file(path).text.splitlines() if (word := _line_word(line))]
    if not words:
        raise CorpusError(path, f"{what} holds no words (only blank lines or # comments); put one word a line")
    return tuple(dict.fromkeys(words))


def _line_word(line: str) -> str:
    """The word of one line: ``''`` for a blank line or a ``#`` comment; the
    first field of a ``word freq [tag]`` line; else the whole line."""
    line = line.strip().lstrip("\ufeff")
    if not line or line.startswith("#"):
        return ""
    fields = line.split()
    if len(fields) in (2, 3) and fields[1].isdigit():
        return fields[0]
    return line


def load_custom_lists(*, lexicon: str | Path | None = None, stopwords: str | Path | None = None,
                      slogans: str | Path | None = None, replace_stopwords: bool = False) -> CustomLists:
    """Read a researcher's own lexicon, stopword list and slogan list.

    Parameters
    ----------
    lexicon
        A file of formulations to keep whole (one a line), added to the
        packaged lexicon.
    stopwords
        A file of stopwords (one a line), added to the packaged list, or
        replacing it with ``replace_stopwords``.
    slogans
        A CSV of slogans with the columns of the packaged ``slogans.csv``.
    replace_stopwords
        Use the stopword file as the complete list.

    Returns
    -------
    CustomLists
        ``stopwords`` is ``None`` (the packaged list) without a stopword file.

    Raises
    ------
    CorpusError
        A missing, undecodable or empty file, or a slogan CSV without the
        needed columns: one line naming the file and the cause.
    ValueError
        ``replace_stopwords`` without a stopword file.

    Warns
    -----
    CorpusWarning
        Lexicon words the segmenter still cannot keep whole or count (words
        with spaces or punctuation, numbers): one line saying how many, and
        the first few.
    """
    from corpus_utils.terms.lexicon import stopwords as packaged_stopwords

    if replace_stopwords and stopwords is None:
        raise ValueError("replace_stopwords=True needs a stopwords file: it replaces the packaged list by that file")
    words = read_word_file(lexicon, what="lexicon") if lexicon is not None else ()
    stop = None
    if stopwords is not None:
        own = read_word_file(stopwords, what="stopword list")
        stop = tuple(sorted(set(own) if replace_stopwords else set(own) | packaged_stopwords()))
    entries = tuple(read_slogan_lexicon(slogans).values()) if slogans is not None else ()
    if words:
        _warn_split(words, source=lexicon)
    return CustomLists(words=words, stopwords=stop, slogans=entries)


def words_not_kept_whole(words: tuple[str, ...], *, engine: str = "rjieba") -> list[str]:
    """The ``words`` that the segmenter, given them as extra words, still
    cuts into several tokens or does not count as words (a number, a
    placeholder, punctuation: :func:`corpus_utils.terms.segment.is_countable`)."""
    from corpus_utils.terms.segment import is_countable, shared_segmenter

    segmenter = shared_segmenter(engine, tuple(sorted(set(words))))
    return [word for word in words if segmenter.tokens(word) != [word] or not is_countable(word)]


def _warn_split(words: tuple[str, ...], *, source: str | Path | None) -> None:
    split = words_not_kept_whole(words)
    if not split:
        return
    shown = ", ".join(repr(word) for word in split[:SHOWN_WORDS]) + (", …" if len(split) > SHOWN_WORDS else "")
    where = display_path(Path(source)) if source is not None else "custom lexicon"
    warnings.warn(f"{where}: {len(split)} of {len(words)} word(s) cannot be kept whole or counted as one word "
                  f"(spaces, punctuation or numbers in them): {shown}", CorpusWarning, stacklevel=3)
