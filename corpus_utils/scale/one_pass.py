"""Counting a corpus with one cleaning per document.

The shared licence and footer blocks (:mod:`corpus_utils.corpus.boilerplate`)
are known only once every document has been seen, and removing them changes
the counts. Instead of cleaning every document twice (once to find the
blocks, once to count), each worker cleans a document once, counts all of
it, and sends back, besides the chunk's counts, the document's *candidate
paragraphs*: the few paragraphs at its edges that a shared block could be
(:func:`corpus_utils.corpus.boilerplate.candidate_paragraphs`). Once the
blocks are known, the paragraphs they remove are segmented again and their
words subtracted (:func:`remove_blocks`).

This gives exactly the counts of cleaning, removing the blocks and counting,
because the segmenter never joins words across a line break, so the tokens
of a text are the tokens of its lines, and because a block is always a whole
line. ``tests/test_one_data_flow.py`` compares both ways on every engine.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from corpus_utils.corpus.boilerplate import RepeatedBlocks, block_key, candidate_paragraphs
from corpus_utils.corpus.reader import clean_document
from corpus_utils.scale import engine
from corpus_utils.scale.engine import (
    CandidateRunCounts,
    ChunkCounts,
    ChunkReport,
    CountConfig,
    DocumentCounts,
    document_candidate_runs,
    each_document,
    settle,
)


@dataclass(frozen=True)
class DocumentEdges:
    """What a document's counts need once the shared blocks are known."""

    n_chars: int
    n_lines: int
    n_paragraphs: int
    head: tuple[str, ...]
    tail: tuple[str, ...]
    #: Word counts of each candidate paragraph, in the order of ``head`` then ``tail``.
    paragraph_counts: tuple[dict[str, int], ...]
    #: The document's counts of the words its candidate paragraphs hold.
    counts: dict[str, int]


@dataclass
class FirstPass:
    """A chunk's counts of whole cleaned documents, its candidate-run
    document frequencies, its documents' edges, and the large files left to
    count once the blocks are known (what a worker sends back)."""

    counts: ChunkCounts = field(default_factory=ChunkCounts)
    runs: CandidateRunCounts = field(default_factory=CandidateRunCounts)
    edges: dict[str, DocumentEdges] = field(default_factory=dict)
    deferred: list[tuple[str, str]] = field(default_factory=list)

    def merge(self, other: FirstPass) -> None:
        self.counts.merge(other.counts)
        self.runs.merge(other.runs)
        self.edges.update(other.edges)
        self.deferred.extend(other.deferred)


def _word_counts(segmenter, text: str) -> dict[str, int]:
    return segmenter.word_counts(Counter(segmenter.tokens(text)))


def _count_whole(path: str, doc_id: str, config: CountConfig, report: ChunkReport):
    """``(DocumentCounts, DocumentEdges or None, head keys, tail keys)`` of a
    file, or ``None`` for a large file (counted block by block later)."""
    if os.stat(path).st_size > engine.BLOCK_THRESHOLD:  # read at call time: a run may lower it
        return None
    text = clean_document(Path(path).read_bytes(), path=path, problems=report.notes)
    segmenter = config.segmenter()
    counts = _word_counts(segmenter, text)
    head, tail = candidate_paragraphs(text)
    edges = None
    if head or tail:
        paragraph_counts = tuple(_word_counts(segmenter, paragraph) for paragraph in (*head, *tail))
        words = set().union(*paragraph_counts)
        edges = DocumentEdges(len(text), text.count("\n") + 1, sum(1 for line in text.split("\n") if line.strip()),
                              head, tail, paragraph_counts, {word: counts[word] for word in words})
    return (DocumentCounts(doc_id, "", len(text), counts), edges,
            tuple(block_key(p) for p in head), tuple(block_key(p) for p in tail))


def first_pass_chunk(items: Sequence[tuple[str, str]], config: CountConfig,
                     report: ChunkReport | None = None) -> FirstPass:
    """Clean, count and keep the candidate paragraphs of a chunk's documents:
    the unit of parallel work. Without ``report`` a bad file raises."""
    own = report is None
    report = ChunkReport() if own else report
    paths = dict((doc_id, path) for path, doc_id in items)
    result = FirstPass()
    for doc_id, found in each_document(items, report, lambda path, doc_id: _count_whole(path, doc_id, config, report)):
        if found is None:
            result.runs.add(*document_candidate_runs(paths[doc_id]))
            result.deferred.append((paths[doc_id], doc_id))
            continue
        doc, edges, head, tail = found
        result.counts.add(doc, None)
        result.runs.add(head, tail)
        if edges is not None:
            result.edges[doc_id] = edges
    if own:
        settle(report)
    return result


def remove_blocks(counts: ChunkCounts, edges: dict[str, DocumentEdges], blocks: RepeatedBlocks) -> None:
    """Take out of ``counts`` what the shared ``blocks`` remove from each
    document: the words of the removed paragraphs (a term's document
    frequency drops where they held all its occurrences), their characters
    and line breaks (from the word counts the worker made of each candidate
    paragraph: nothing is segmented again)."""
    if not blocks:
        return
    for doc_id, edge in edges.items():
        removed = blocks.removed_paragraphs(edge.head, edge.tail, n_paragraphs=edge.n_paragraphs)
        if not removed:
            continue
        by_paragraph = dict(zip((*edge.head, *edge.tail), edge.paragraph_counts, strict=True))
        gone: Counter = Counter()
        for paragraph in removed:
            gone.update(by_paragraph[paragraph])
        _subtract(counts, gone, edge.counts)
        counts.n_words[doc_id] -= sum(gone.values())
        size = edge.n_chars - sum(map(len, removed)) - len(removed) if edge.n_lines > len(removed) else 0
        if size == 0 and edge.n_chars:
            counts.empty.append(doc_id)
        counts.n_chars[doc_id] = size


def _subtract(counts: ChunkCounts, gone: Counter, in_document: dict[str, int]) -> None:
    for term, n in gone.items():
        counts.totals[term] -= n
        if not counts.totals[term]:
            del counts.totals[term]
        if in_document[term] == n:  # the removed paragraphs held every occurrence in this document
            counts.doc_freq[term] -= 1
            if not counts.doc_freq[term]:
                del counts.doc_freq[term]
