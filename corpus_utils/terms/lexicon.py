"""Packaged word lists: the formulation lexicon and the stopword list.

The lexicon is in jieba's user-dictionary format (``word freq tag``, ``#``
comments); a malformed line is an error naming the file and line, never
skipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from corpus_utils.errors import CorpusError

LEXICON_FILE = "lexicon_tifa.txt"
STOPWORD_FILE = "stopwords.txt"


@dataclass(frozen=True)
class LexiconEntry:
    """One user-dictionary entry."""

    word: str
    freq: int
    tag: str


def _data_path(name: str) -> Path:
    return Path(str(resources.files("corpus_utils") / "data" / name))


def _content_lines(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(path, "word list not found; reinstall the package (pip install -e .)") from None
    for line_no, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            yield line_no, stripped


def read_lexicon(path: str | Path) -> tuple[LexiconEntry, ...]:
    """Parse a jieba user dictionary: ``word [freq [tag]]`` a line.

    Raises
    ------
    CorpusError
        A line with more than three fields, a frequency that is not a positive
        whole number, or a word repeated.
    """
    path = Path(path)
    entries, seen = [], {}
    for line_no, line in _content_lines(path):
        fields = line.split()
        if len(fields) > 3:
            raise CorpusError(path, f"line {line_no}: '{line}' has {len(fields)} fields; write it as 'word [freq [tag]]'")
        word = fields[0]
        try:
            freq = int(fields[1]) if len(fields) > 1 else 0
        except ValueError:
            raise CorpusError(path, f"line {line_no}: frequency '{fields[1]}' is not a whole number; write e.g. "
                                    f"'{word} 20000 nz'") from None
        if freq < 0:
            raise CorpusError(path, f"line {line_no}: frequency {freq} is negative")
        if word in seen:
            raise CorpusError(path, f"line {line_no}: '{word}' repeats line {seen[word]}; delete one of them")
        seen[word] = line_no
        entries.append(LexiconEntry(word, freq, fields[2] if len(fields) > 2 else "nz"))
    return tuple(entries)


def read_wordlist(path: str | Path) -> frozenset[str]:
    """A list of words, one a line, ``#`` comments allowed.

    Raises
    ------
    CorpusError
        A line holding more than one word.
    """
    path = Path(path)
    words = set()
    for line_no, line in _content_lines(path):
        if len(line.split()) != 1:
            raise CorpusError(path, f"line {line_no}: '{line}' is not a single word; put one word on each line")
        words.add(line)
    return frozenset(words)


@lru_cache(maxsize=1)
def formulation_lexicon() -> tuple[LexiconEntry, ...]:
    """The packaged lexicon of formulations, organisations and slogans."""
    return read_lexicon(_data_path(LEXICON_FILE))


@lru_cache(maxsize=1)
def formulation_words() -> tuple[str, ...]:
    """The words of :func:`formulation_lexicon`, in the lexicon's order
    (the formulations the segmenter keeps whole and the formulation counts follow)."""
    return tuple(dict.fromkeys(entry.word for entry in formulation_lexicon()))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The packaged stopword list."""
    return read_wordlist(_data_path(STOPWORD_FILE))


def lexicon_version() -> str:
    """A short content hash of the packaged lexicon and stopwords, for caches."""
    import hashlib

    digest = hashlib.sha256()
    for name in (LEXICON_FILE, STOPWORD_FILE):
        digest.update(_data_path(name).read_bytes())
    return digest.hexdigest()[:16]
