"""The one reader: a file's bytes → decoded text → cleaned text.

The loader, the streaming engine and the per-document analyses of large
corpora all read a document the same way: :func:`read_file` (the loader,
which also keeps the raw text), :func:`read_document` and
:func:`clean_document` (the engines, which keep only the cleaned text).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from corpus_utils.corpus.boilerplate import RepeatedBlocks
from corpus_utils.corpus.encoding import DecodedText

if TYPE_CHECKING:
    from corpus_utils.corpus.cleaning import RuleLike


@dataclass(frozen=True)
class ReadFile:
    """A file as read: its decoded raw text and encoding, and its text after cleaning."""

    decoded: DecodedText
    text: str


def _cleaned(decoded: DecodedText, *, clean: bool = True, blocks: RepeatedBlocks | None = None,
             problems: list[str] | None = None, rules: Sequence[RuleLike] | None = None,
             source: str | Path | None = None) -> str:
    from corpus_utils.corpus.cleaning import DEFAULT_RULES, clean_text

    if problems is not None:
        problems.extend(decoded.problems)
    if not clean:
        return decoded.text
    text = clean_text(decoded.text, rules=DEFAULT_RULES if rules is None else rules, source=source)
    return blocks.remove(text) if blocks is not None else text


def read_file(path: str | Path, *, clean: bool = True, warn: bool = True, blocks: RepeatedBlocks | None = None,
              problems: list[str] | None = None, rules: Sequence[RuleLike] | None = None) -> ReadFile:
    """Read, decode and (with ``clean``) clean the file at ``path`` with
    ``rules`` (``None``: the default rules,
    :data:`~corpus_utils.corpus.cleaning.DEFAULT_RULES`) and remove the
    corpus's shared ``blocks``, keeping the raw text too. Decoding problems
    are warned about (``warn``) or appended to ``problems`` as in
    :func:`clean_document`; raises and warns as
    :func:`corpus_utils.corpus.encoding.read_text_file`, and raises a
    :class:`~corpus_utils.errors.CorpusError` naming the file and the rule
    when a rule fails (:func:`corpus_utils.corpus.cleaning.apply_rule`).
    """
    from corpus_utils.corpus.encoding import read_text_file

    decoded = read_text_file(path, warn=warn)
    return ReadFile(decoded, _cleaned(decoded, clean=clean, blocks=blocks, problems=problems, rules=rules,
                                      source=path))


def clean_document(data: bytes, *, path: str | Path, blocks: RepeatedBlocks | None = None,
                   problems: list[str] | None = None, rules: Sequence[RuleLike] | None = None) -> str:
    """Decode ``data`` (the bytes of the file at ``path``), clean it with
    ``rules`` (``None``: the default rules) and remove the corpus's shared
    ``blocks``.

    Decoding problems (bytes replaced by U+FFFD) are appended to ``problems``
    as one-line messages naming the file, for the caller to warn about.

    Raises
    ------
    CorpusError
        Bytes that are not text or cannot be decoded; a rule that fails.
    """
    from corpus_utils.corpus.encoding import decode_bytes

    return _cleaned(decode_bytes(data, path=path, warn=False), blocks=blocks, problems=problems, rules=rules,
                    source=path)


def read_document(path: str | Path, *, blocks: RepeatedBlocks | None = None, problems: list[str] | None = None,
                  rules: Sequence[RuleLike] | None = None) -> str:
    """:func:`clean_document` of the file at ``path`` (its cleaned text of :func:`read_file`).

    Raises
    ------
    CorpusError
        A file that cannot be read, or not decoded; a rule that fails.
    """
    return read_file(path, warn=False, blocks=blocks, problems=problems, rules=rules).text
