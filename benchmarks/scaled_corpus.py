"""Build a scaled corpus from a folder of texts (default: the seeds).

Each generated document is one source text with its paragraphs shuffled and
repeated to about ``doc_bytes``, under a numbered title line, so every file
is unique (its own cache key) and keeps its source's noise and script.
Deterministic: the same arguments give the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

from corpus_utils.corpus.encoding import read_text_file
from corpus_utils.corpus.loader import list_corpus_files


def build_scaled_corpus(target: Path, megabytes: float, *, source: Path, doc_bytes: int = 100_000,
                        seed: int = 0) -> Path:
    """Write about ``megabytes`` MB of documents into ``target`` (reused when
    it already holds the same size)."""
    marker = target / ".complete"
    if marker.exists() and marker.read_text() == f"{megabytes}:{doc_bytes}:{seed}:{source.resolve()}":
        return target
    target.mkdir(parents=True, exist_ok=True)
    for old in target.glob("*.txt"):
        old.unlink()
    sources = [read_text_file(p).text.split("\n") for p in list_corpus_files(source)]
    rng = random.Random(seed)
    written, index = 0, 0
    while written < megabytes * 1e6:
        paragraphs = sources[index % len(sources)]
        lines = [f"第{index:06d}号文档"]
        size = 0
        while size < doc_bytes:
            shuffled = paragraphs[:]
            rng.shuffle(shuffled)
            lines += shuffled
            size += sum(len(p.encode("utf-8")) + 1 for p in shuffled)
        data = "\n".join(lines).encode("utf-8")
        (target / f"doc_{index:06d}.txt").write_bytes(data)
        written += len(data)
        index += 1
    marker.write_text(f"{megabytes}:{doc_bytes}:{seed}:{source.resolve()}")
    return target
