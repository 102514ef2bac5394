"""Blocks that the documents of a corpus share at their start or end.

A scraped archive puts the same licence notice, site footer or disclaimer
under every text (Wikisource's public-domain block under each government
work report). No list of strings can know every archive's furniture, but
the furniture shows itself: it is the same paragraphs, at the same edge, in
most documents of the corpus, and it speaks about the document or the site
rather than about the world. Official discourse repeats itself too
(各位代表：, 谢谢大家！, a closing exhortation shared by a year's speeches),
so the rule is narrow:

* only paragraphs at a document's edge count: the first (or last)
  :data:`EDGE_PARAGRAPHS` paragraphs of the cleaned text, never more than
  half of a short text;
* at each edge, the *candidate run* is the paragraphs from the edge up to
  and including the innermost one that is metadiscourse
  (:func:`is_metadiscourse`): it refers to the work, the site, a licence,
  a source or an edit (本作品, 本站, 转载, 版权, 公有领域, 来源, 更新时间,
  Copyright, ©, a URL), or it has no Chinese at all (``Public domain``). A
  text with no such paragraph near an edge has no candidate run there;
* paragraphs are compared with their digits masked, so a footer that
  carries a date or a counter is the same block in every document;
* a paragraph is shared when it stands in the candidate run of the same
  edge in at least :data:`MIN_SHARE` of the documents and in at least
  :data:`MIN_DOCUMENTS` of them;
* a document loses, at each edge, the shared paragraphs of its candidate
  run from the edge inwards, up to and including the innermost
  metadiscourse paragraph among them. A shared closing with no such
  paragraph beyond it stays.

The corpus-level part, :func:`find_repeated_blocks`, needs every document,
but only its candidate runs (:func:`candidate_runs`: usually nothing), so a
streaming run collects them in a first pass (:func:`count_candidate_runs`
adds up over chunks). The removal, :meth:`RepeatedBlocks.remove`, is a
plain ``str -> str`` rule that runs after the per-document rules.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from corpus_utils import constants as P

#: How many paragraphs from each edge of a document are compared.
EDGE_PARAGRAPHS = 12
#: Share of the corpus's documents a paragraph must close (or open) to be furniture.
MIN_SHARE = 0.5
#: Fewest documents it must close (or open): with fewer, nothing is removed.
MIN_DOCUMENTS = 3


def is_metadiscourse(paragraph: str) -> bool:
    """True for a paragraph about the document or its publication rather
    than about the world: it names the work, the site, a licence, a source,
    an editor or an update time, holds a URL, or has no Han character."""
    return bool(P.METADISCOURSE.search(paragraph)) or not P.HAN_CHAR.search(paragraph)


def block_key(paragraph: str) -> str:
    """A paragraph as it is compared across documents: digits masked."""
    return P.DIGITS.sub("0", paragraph)


def _depths(n_paragraphs: int, depth: int) -> tuple[int, int]:
    """How many paragraphs the head and the tail edge hold: at most ``depth``
    each, and never overlapping (a short text is split in half)."""
    head = min(depth, n_paragraphs // 2)
    return head, min(depth, n_paragraphs - head)


def _run(paragraphs: list[str]) -> tuple[str, ...]:
    """The candidate run of one edge (``paragraphs`` start at the edge): up
    to its innermost metadiscourse paragraph."""
    innermost = max((i for i, paragraph in enumerate(paragraphs) if is_metadiscourse(paragraph)), default=-1)
    return tuple(paragraphs[:innermost + 1])


def candidate_paragraphs(text: str, *, depth: int = EDGE_PARAGRAPHS) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The head and tail candidate runs of a cleaned text as written (each
    from its edge inwards): the only paragraphs :meth:`RepeatedBlocks.remove`
    can ever remove from it."""
    paragraphs = [line for line in text.split("\n") if line.strip()]
    head_depth, tail_depth = _depths(len(paragraphs), depth)
    return _run(paragraphs[:head_depth]), _run(paragraphs[::-1][:tail_depth])


def candidate_runs(text: str, *, depth: int = EDGE_PARAGRAPHS) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The head and tail candidate runs of a cleaned text, as :func:`block_key` keys.

    Returns
    -------
    tuple
        ``(head, tail)``, each ordered from its edge inwards; empty where no
        metadiscourse paragraph stands near that edge.
    """
    head, tail = candidate_paragraphs(text, depth=depth)
    return tuple(block_key(p) for p in head), tuple(block_key(p) for p in tail)


@dataclass(frozen=True)
class RepeatedBlocks:
    """Paragraphs shared at the start (``head``) or end (``tail``) of many documents."""

    head: frozenset[str] = frozenset()
    tail: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.head or self.tail)

    def _edge_cut(self, paragraphs: list[str], shared: frozenset[str], depth: int) -> int:
        """How many paragraphs from the edge (``paragraphs`` starts at the edge) go."""
        cut = 0
        for i, paragraph in enumerate(paragraphs[:depth]):
            if block_key(paragraph) not in shared:
                break
            if is_metadiscourse(paragraph):
                cut = i + 1
        return cut

    def removed_paragraphs(self, head: Sequence[str], tail: Sequence[str], *, n_paragraphs: int) -> list[str]:
        """The paragraphs :meth:`remove` takes from a text of ``n_paragraphs``
        non-empty lines whose candidate runs are ``head`` and ``tail`` (see
        :func:`candidate_paragraphs`): the same cut, without the text."""
        head_depth, tail_depth = _depths(n_paragraphs, EDGE_PARAGRAPHS)
        head_cut = self._edge_cut(list(head), self.head, head_depth) if self.head else 0
        tail_cut = self._edge_cut(list(tail), self.tail, tail_depth) if self.tail else 0
        return [*head[:head_cut], *tail[:tail_cut]]

    def _cuts(self, text: str, *, head: bool, tail: bool) -> tuple[list[str], set[int]]:
        lines = text.split("\n")
        content = [i for i, line in enumerate(lines) if line.strip()]
        head_depth, tail_depth = _depths(len(content), EDGE_PARAGRAPHS)
        head_cut = self._edge_cut([lines[i] for i in content], self.head, head_depth) if head and self.head else 0
        tail_cut = (self._edge_cut([lines[i] for i in reversed(content)], self.tail, tail_depth)
                    if tail and self.tail else 0)
        return lines, set(content[:head_cut]) | set(content[len(content) - tail_cut:])

    def remove(self, text: str, *, head: bool = True, tail: bool = True) -> str:
        """Remove the shared blocks at the start (``head``) and end (``tail``)
        of one cleaned text (a ``str -> str`` cleaning rule). A document
        read block by block passes ``tail=False`` for its first block and
        ``head=False`` for its last."""
        if not self or not text:
            return text
        lines, drop = self._cuts(text, head=head, tail=tail)
        if not drop:
            return text
        return "\n".join(line for i, line in enumerate(lines) if i not in drop)

    def key(self) -> str:
        """A short stable hash of the blocks, for cache keys."""
        import hashlib

        digest = hashlib.blake2b(digest_size=8)
        for edge, blocks in (("head", self.head), ("tail", self.tail)):
            for block in sorted(blocks):
                digest.update(f"{edge}\t{block}\n".encode())
        return digest.hexdigest()


def count_candidate_runs(texts: Iterable[str]) -> tuple[Counter, Counter, int]:
    """Document frequencies of candidate-run paragraphs: ``(head_counts, tail_counts, n_docs)``.

    Counters from parts of a corpus add up (``+``), so this runs per chunk
    in a streaming or parallel run.
    """
    head_counts, tail_counts, n_docs = Counter(), Counter(), 0
    for text in texts:
        head, tail = candidate_runs(text)
        head_counts.update(set(head))
        tail_counts.update(set(tail))
        n_docs += 1
    return head_counts, tail_counts, n_docs


def repeated_blocks_from_counts(head_counts: Counter, tail_counts: Counter, n_docs: int, *,
                                min_share: float = MIN_SHARE, min_documents: int = MIN_DOCUMENTS) -> RepeatedBlocks:
    """The shared blocks, from candidate-run document frequencies (see :func:`count_candidate_runs`)."""
    threshold = max(min_documents, math.ceil(min_share * n_docs))
    if n_docs < min_documents:
        return RepeatedBlocks()
    return RepeatedBlocks(head=frozenset(p for p, n in head_counts.items() if n >= threshold),
                          tail=frozenset(p for p, n in tail_counts.items() if n >= threshold))


def find_repeated_blocks(texts: Iterable[str], *, min_share: float = MIN_SHARE,
                         min_documents: int = MIN_DOCUMENTS) -> RepeatedBlocks:
    """Paragraphs that open or close at least ``min_share`` of the documents
    (and at least ``min_documents`` of them).

    Parameters
    ----------
    texts
        The cleaned texts of a corpus.
    min_share, min_documents
        How widely a paragraph must be shared to count as furniture.
    """
    head_counts, tail_counts, n_docs = count_candidate_runs(texts)
    return repeated_blocks_from_counts(head_counts, tail_counts, n_docs, min_share=min_share,
                                       min_documents=min_documents)
