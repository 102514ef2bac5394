"""Streaming, parallel, cached counting for corpora of any size.

The corpus is never held in memory: each document is read, decoded,
cleaned, segmented and counted on its own, and only its word counts leave
the worker. Work is split into chunks of files that run

* in the calling process (``workers=1``),
* on a local process pool (``workers=N``, default: the available cores), or
* on a Dask cluster (``scheduler="tcp://host:8786"``),

and the partial counts are merged as they arrive. Results are identical
whatever the engine: the same chunk function runs everywhere and the merge
is order-independent.

The **cache** (``cache_dir``) keeps, per document, its word counts as a
Parquet file keyed by a hash of the file's bytes and of everything that
changes counts: the cleaning rules' version, the lexicon and stopword files,
the engine and the names added from the manifest. Changing any of these
misses exactly the affected entries. A corpus-level aggregate keyed by all
document keys makes a warm reload read one file.
"""

from __future__ import annotations

import hashlib
import os
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from corpus_utils.segment import names_from_metadata

#: Largest and smallest chunk of work, in bytes of raw text; by default a
#: corpus is cut into about eight chunks per worker between the two.
CHUNK_BYTES = 4_000_000
MIN_CHUNK_BYTES = 200_000
#: Above this many documents (or bytes) a progress bar is shown by default.
PROGRESS_MIN_DOCS = 200
PROGRESS_MIN_BYTES = 20_000_000


# --- configuration shared by the main process and the workers -----------------
@dataclass(frozen=True)
class CountConfig:
    """Everything that decides a document's word counts."""

    engine: str = "rjieba"
    extra_words: tuple[str, ...] = ()
    cache_dir: str | None = None
    top_per_doc: int | None = None

    @property
    def version(self) -> str:
        from corpus_utils.cleaning import CLEANING_VERSION
        from corpus_utils.lexicon import lexicon_version

        names = hashlib.blake2b("\n".join(self.extra_words).encode(), digest_size=8).hexdigest()
        return f"clean{CLEANING_VERSION}-lex{lexicon_version()}-{self.engine}-names{names}"


@lru_cache(maxsize=4)
def _segmenter(engine: str, extra_words: tuple[str, ...]):
    """One segmenter per process and configuration (built on first use)."""
    from corpus_utils.segment import Segmenter

    return Segmenter(engine=engine, extra_words=extra_words)


def document_key(data: bytes, version: str) -> str:
    """Cache key of one document: BLAKE2b of its bytes and the version string."""
    digest = hashlib.blake2b(data, digest_size=16)
    digest.update(version.encode())
    return digest.hexdigest()


# --- one document, one chunk ----------------------------------------------------
@dataclass
class DocumentCounts:
    """Word counts of one document."""

    doc_id: str
    key: str
    n_chars: int
    counts: dict[str, int]


def _countable_counts(tokens: list[str], segmenter) -> dict[str, int]:
    """Count all tokens (C speed), then keep the countable, non-stop words:
    the filter runs once per distinct token, not once per token."""
    from corpus_utils.segment import is_countable

    raw = Counter(tokens)
    stop = segmenter.stopwords
    return {w: n for w, n in raw.items() if w not in stop and is_countable(w)}


def count_document(path: str, doc_id: str, config: CountConfig) -> DocumentCounts:
    """Read, decode, clean, segment and count one file (cache aware)."""
    from corpus_utils.cleaning import clean_text
    from corpus_utils.encoding import decode_bytes

    data = Path(path).read_bytes()
    key = document_key(data, config.version) if config.cache_dir else ""
    if config.cache_dir:
        cached = read_document_cache(config.cache_dir, key, doc_id)
        if cached is not None:
            return cached
    text = clean_text(decode_bytes(data, path=path).text)
    segmenter = _segmenter(config.engine, config.extra_words)
    result = DocumentCounts(doc_id, key, len(text), _countable_counts(segmenter.tokens(text), segmenter))
    if config.cache_dir:
        write_document_cache(config.cache_dir, result)
    return result


@dataclass
class ChunkCounts:
    """Merged counts of a chunk of documents (what a worker sends back)."""

    totals: Counter = field(default_factory=Counter)
    doc_freq: Counter = field(default_factory=Counter)
    n_chars: dict[str, int] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    n_words: dict[str, int] = field(default_factory=dict)
    per_doc: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    empty: list[str] = field(default_factory=list)

    def add(self, doc: DocumentCounts, top_per_doc: int | None) -> None:
        self.totals.update(doc.counts)
        self.doc_freq.update(doc.counts.keys())
        self.n_chars[doc.doc_id] = doc.n_chars
        self.keys[doc.doc_id] = doc.key
        if doc.n_chars == 0:
            self.empty.append(doc.doc_id)
        self.n_words[doc.doc_id] = sum(doc.counts.values())
        if top_per_doc is not None:
            ranked = sorted(doc.counts.items(), key=lambda kv: (-kv[1], kv[0]))
            self.per_doc[doc.doc_id] = ranked[:top_per_doc] if top_per_doc else ranked

    def merge(self, other: ChunkCounts) -> None:
        self.totals.update(other.totals)
        self.doc_freq.update(other.doc_freq)
        self.n_chars.update(other.n_chars)
        self.keys.update(other.keys)
        self.n_words.update(other.n_words)
        self.per_doc.update(other.per_doc)
        self.empty.extend(other.empty)


def warm_up(config: CountConfig) -> None:
    """Build the segmenter and load every dictionary the cleaning rules use,
    once, in this process: forked workers then share them instead of each
    paying the start-up time and memory."""
    from corpus_utils.cleaning import _is_reading, _t2s, _traditional_chars

    _segmenter(config.engine, config.extra_words).tokens("预热")
    _t2s()
    _traditional_chars()
    _is_reading("的", "de")


def count_chunk(items: Sequence[tuple[str, str]], config: CountConfig) -> ChunkCounts:
    """Count a chunk of ``(path, doc_id)`` pairs: the unit of parallel work."""
    chunk = ChunkCounts()
    for path, doc_id in items:
        chunk.add(count_document(path, doc_id, config), config.top_per_doc)
    return chunk


# --- the cache ------------------------------------------------------------------
def _doc_cache_path(cache_dir: str | Path, key: str) -> Path:
    return Path(cache_dir) / "docs" / key[:2] / f"{key}.parquet"


def write_document_cache(cache_dir: str | Path, doc: DocumentCounts) -> None:
    """Store one document's counts (written to a temporary name, then renamed,
    so a crash never leaves a half-written entry)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = _doc_cache_path(cache_dir, doc.key)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.table({"term": list(doc.counts), "freq": pa.array(list(doc.counts.values()), pa.int32())},
                     metadata={"n_chars": str(doc.n_chars)})
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    temporary.replace(path)


def read_document_cache(cache_dir: str | Path, key: str, doc_id: str) -> DocumentCounts | None:
    """One document's counts from the cache, or ``None``."""
    import pyarrow.parquet as pq

    path = _doc_cache_path(cache_dir, key)
    if not path.exists():
        return None
    table = pq.read_table(path)
    n_chars = int(table.schema.metadata[b"n_chars"])
    return DocumentCounts(doc_id, key, n_chars, dict(zip(table.column("term").to_pylist(),
                                                         table.column("freq").to_pylist(), strict=True)))


def _corpus_cache_path(cache_dir: str | Path, keys: dict[str, str]) -> Path:
    digest = hashlib.blake2b(digest_size=16)
    for doc_id in sorted(keys):
        digest.update(f"{doc_id}\t{keys[doc_id]}\n".encode())
    return Path(cache_dir) / "corpus" / f"{digest.hexdigest()}.parquet"


def write_corpus_cache(cache_dir: str | Path, counts: ChunkCounts) -> None:
    """Store the merged corpus totals under a key made of all document keys."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    path = _corpus_cache_path(cache_dir, counts.keys)
    path.parent.mkdir(parents=True, exist_ok=True)
    terms = sorted(counts.totals)
    table = pa.table({"term": terms, "freq": [counts.totals[t] for t in terms],
                      "doc_freq": [counts.doc_freq[t] for t in terms]},
                     metadata={"n_chars": json.dumps(counts.n_chars), "empty": json.dumps(counts.empty)})
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    pq.write_table(table, temporary, compression="zstd")
    temporary.replace(path)


def read_corpus_cache(cache_dir: str | Path, keys: dict[str, str]) -> ChunkCounts | None:
    """The merged corpus totals for exactly these document keys, or ``None``."""
    import json

    import pyarrow.parquet as pq

    path = _corpus_cache_path(cache_dir, keys)
    if not path.exists():
        return None
    table = pq.read_table(path)
    terms = table.column("term").to_pylist()
    counts = ChunkCounts(totals=Counter(dict(zip(terms, table.column("freq").to_pylist(), strict=True))),
                         doc_freq=Counter(dict(zip(terms, table.column("doc_freq").to_pylist(), strict=True))),
                         n_chars=json.loads(table.schema.metadata[b"n_chars"]), keys=dict(keys),
                         empty=json.loads(table.schema.metadata[b"empty"]))
    return counts


# --- planning and running ---------------------------------------------------------
def plan_chunks(folder: str | Path, *, chunk_bytes: int = CHUNK_BYTES) -> tuple[list[list[tuple[str, str]]], dict]:
    """The corpus files grouped into chunks of about ``chunk_bytes``, and the
    checked manifest."""
    from corpus_utils.loader import _doc_id, corpus_files_and_manifest

    folder = Path(folder)
    files, manifest = corpus_files_and_manifest(folder)
    chunks, current, size = [], [], 0
    for path in files:
        current.append((str(path), _doc_id(path, folder)))
        size += path.stat().st_size
        if size >= chunk_bytes:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    return chunks, manifest


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _progress(total: int, n_bytes: int, progress: bool | str):
    from tqdm.auto import tqdm

    if progress == "auto":
        interactive = sys.stderr.isatty() or "ipykernel" in sys.modules
        progress = interactive and (total >= PROGRESS_MIN_DOCS or n_bytes >= PROGRESS_MIN_BYTES)
    return tqdm(total=total, unit="doc", disable=not progress, leave=False)


def run_chunks(function: Callable, chunks: list, config, *, workers: int | None = None,
               scheduler: str | None = None, progress: bool | str = "auto", n_docs: int = 0,
               n_bytes: int = 0) -> Iterable:
    """Run ``function(chunk, config)`` over all chunks: in this process
    (one worker), on a local process pool, or on the Dask scheduler at
    ``scheduler``; yield each chunk's result as it completes."""
    bar = _progress(n_docs or len(chunks), n_bytes, progress)
    try:
        if scheduler:
            from distributed import Client, as_completed

            with Client(scheduler) as client:
                futures = client.map(function, chunks, config=config, pure=False)
                sizes = {future.key: len(chunk) for future, chunk in zip(futures, chunks, strict=True)}
                for future, result in as_completed(futures, with_results=True):
                    bar.update(sizes[future.key])
                    yield result
            return
        workers = workers or default_workers()
        if workers <= 1 or len(chunks) <= 1:
            for chunk in chunks:
                yield function(chunk, config)
                bar.update(len(chunk))
            return
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from multiprocessing import get_context

        context = get_context("fork" if sys.platform.startswith("linux") else "spawn")
        pool = ProcessPoolExecutor(max_workers=min(workers, len(chunks)), mp_context=context)
        try:
            futures = {pool.submit(function, chunk, config): len(chunk) for chunk in chunks}
            for future in as_completed(futures):
                yield future.result()
                bar.update(futures[future])
        finally:
            # every result is in: do not wait for the workers' interpreter teardown
            pool.shutdown(wait=False, cancel_futures=True)
    finally:
        bar.close()


@dataclass
class CorpusCounts:
    """Word counts of a whole corpus, merged from its documents."""

    counts: ChunkCounts
    from_cache: bool = False

    @property
    def n_docs(self) -> int:
        return len(self.counts.n_chars)

    def corpus_table(self):
        """The same table as :func:`corpus_utils.frequency.corpus_frequencies`."""
        from corpus_utils.frequency import corpus_table_from_counts

        return corpus_table_from_counts(self.counts.totals, self.counts.doc_freq,
                                        n_chars=sum(self.counts.n_chars.values()), n_docs=self.n_docs)

    def doc_table(self):
        """Per-document counts (the top terms kept with ``top_per_doc``), as
        :func:`corpus_utils.frequency.doc_frequencies` gives them."""
        from corpus_utils.frequency import doc_table_from_counts

        per_doc = {d: dict(self.counts.per_doc[d]) for d in sorted(self.counts.per_doc)}
        return doc_table_from_counts(per_doc, self.counts.n_chars, self.counts.n_words)


def count_corpus(folder: str | Path, *, workers: int | None = None, scheduler: str | None = None,
                 cache_dir: str | Path | None = None, engine: str = "rjieba", top_per_doc: int | None = None,
                 progress: bool | str = "auto", chunk_bytes: int | None = None) -> CorpusCounts:
    """Count the words of every document in ``folder`` without loading the corpus.

    Parameters
    ----------
    folder
        A corpus folder (see :func:`corpus_utils.load_corpus`).
    workers
        Local processes; default all available cores; 1 runs in this process.
    scheduler
        Address of a Dask scheduler (``tcp://host:8786``); overrides ``workers``.
    cache_dir
        Folder of the count cache; ``None`` disables it.
    engine
        ``rjieba`` (default) or ``jieba``.
    top_per_doc
        Keep per-document counts, limited to the top N terms (0: all terms).
    progress
        Show a tqdm bar: ``True``, ``False`` or ``"auto"`` (in a terminal or
        notebook, for large corpora).
    chunk_bytes
        Size of a unit of work; default about eight chunks per worker.

    Returns
    -------
    CorpusCounts
        ``corpus_table()`` equals :func:`corpus_utils.frequency.frequency_table`
        of the loaded corpus.
    """
    from corpus_utils.errors import CorpusWarning

    workers = workers or default_workers()
    if chunk_bytes is None:
        from corpus_utils.loader import list_corpus_files

        total = sum(p.stat().st_size for p in list_corpus_files(Path(folder)))
        chunk_bytes = min(CHUNK_BYTES, max(MIN_CHUNK_BYTES, total // (8 * workers)))
    chunks, manifest = plan_chunks(folder, chunk_bytes=chunk_bytes)
    config = CountConfig(engine=engine, extra_words=names_from_metadata(manifest.values()),
                         cache_dir=str(cache_dir) if cache_dir else None, top_per_doc=top_per_doc)
    n_docs = sum(len(c) for c in chunks)
    n_bytes = sum(Path(p).stat().st_size for c in chunks for p, _ in c)
    if cache_dir and top_per_doc is None:
        keys = {doc_id: document_key(Path(path).read_bytes(), config.version) for c in chunks for path, doc_id in c}
        cached = read_corpus_cache(cache_dir, keys)
        if cached is not None:
            _warn_empty(cached.empty, CorpusWarning)
            return CorpusCounts(cached, from_cache=True)
    if not scheduler:
        warm_up(config)
    merged = ChunkCounts()
    for partial in run_chunks(count_chunk, chunks, config, workers=workers, scheduler=scheduler, progress=progress,
                              n_docs=n_docs, n_bytes=n_bytes):
        merged.merge(partial)
    merged.empty.sort()
    _warn_empty(merged.empty, CorpusWarning)
    if cache_dir:
        write_corpus_cache(cache_dir, merged)
    return CorpusCounts(merged)


def _warn_empty(empty: list[str], category) -> None:
    for doc_id in empty:
        warnings.warn(f"{doc_id}: empty file; counted with no words", category, stacklevel=3)


def default_cache_dir() -> Path:
    """``$CORPUS_UTILS_CACHE``, else ``$XDG_CACHE_HOME/corpus_utils``, else
    ``~/.cache/corpus_utils``."""
    if os.environ.get("CORPUS_UTILS_CACHE"):
        return Path(os.environ["CORPUS_UTILS_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "corpus_utils"
