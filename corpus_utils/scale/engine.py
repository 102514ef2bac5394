"""Streaming, parallel, cached counting for corpora of any size.

The corpus is never held in memory: each document is read, decoded,
cleaned, segmented and counted on its own, and only its word counts leave
the worker. A file above :data:`BLOCK_THRESHOLD` bytes is itself read block
by block (:func:`text_blocks`), so one huge file fits too. Work is split into
chunks of files that run

* in the calling process (``workers=1``),
* on a local process pool (``workers=N``, default: the available cores), or
* on a Dask cluster (``scheduler="tcp://host:8786"``),

and the partial counts are merged as they arrive. Results are identical
whatever the engine: the same chunk function runs everywhere and the merge
is order-independent.

**Bad input.** A file that cannot be used (not text, undecodable,
unreadable, gone) gives the same one-line :class:`~corpus_utils.errors.CorpusError`
naming it whatever the engine: workers never raise for a document, they
report it with their results. By default the first bad file (in corpus
order) stops the run; with ``skip_bad=True`` each bad file is left out with
a :class:`~corpus_utils.errors.CorpusWarning` and a summary warning ends the
run. Warnings raised in workers are sent back and repeated in the caller, in
corpus order.

**Corpus-level cleaning.** The licence and footer blocks that most
documents share (:mod:`corpus_utils.corpus.boilerplate`) are removed as
:func:`corpus_utils.load_corpus` removes them. A plain count cleans each
document once and subtracts what the blocks remove afterwards
(:mod:`corpus_utils.scale.one_pass`); a count that keeps per-document results
(the cache, ``top_per_doc``) finds the blocks in a first, light pass that
keeps only each document's candidate runs, then counts without them. A warm
reload skips both.

The **cache** (``cache_dir``) keeps, per document, its word counts as a
Parquet file keyed by a hash of the file's bytes and of everything that
changes counts: the cleaning rules' version, the lexicon and stopword files,
the engine, the names added from the manifest and a researcher's own words
and stopwords (``custom=``, :class:`~corpus_utils.terms.custom.CustomLists`).
Changing any of these
misses exactly the affected entries. A corpus-level aggregate keyed by all
document keys makes a warm reload read one file. Every entry carries a
BLAKE2b checksum of its contents (and Parquet page checksums); a corrupt or
truncated entry is recomputed with one warning. A cache that cannot be
written (read-only, full) is skipped with one warning. Every file is written
under a unique temporary name and renamed into place (:func:`write_atomically`).
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import signal
import sys
import threading
import time
import traceback
import uuid
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import IO, Any

from corpus_utils import constants as P
from corpus_utils.corpus.boilerplate import RepeatedBlocks
from corpus_utils.corpus.reader import clean_document
from corpus_utils.errors import CorpusError, CorpusWarning, display_path
from corpus_utils.terms.segment import names_from_metadata, shared_segmenter

#: Largest and smallest chunk of work, in bytes of raw text; by default a
#: corpus is cut into about eight chunks per worker between the two.
CHUNK_BYTES = 4_000_000
MIN_CHUNK_BYTES = 200_000
#: Above this many documents (or bytes) a progress bar is shown by default.
PROGRESS_MIN_DOCS = 200
PROGRESS_MIN_BYTES = 20_000_000
#: Files larger than this many bytes are counted block by block
#: (:func:`text_blocks`); smaller files are read whole.
BLOCK_THRESHOLD = 32_000_000
#: Bytes read at a time from a file counted block by block.
BLOCK_BYTES = 8_000_000
#: A block with fewer lines (and under a quarter of a block's bytes in
#: characters) is merged with its neighbour, so that rules looking at a
#: document's last lines (bylines, shared licence blocks) see them all.
MIN_LAST_BLOCK_LINES = 64
#: Seconds to wait for a Dask scheduler to answer, and then for its first worker.
CONNECT_TIMEOUT = 10.0
#: Set this environment variable (to anything) to print the traceback of
#: every unexpected error inside a worker (the CLI's ``--debug``).
DEBUG_ENV = "CORPUS_UTILS_DEBUG"
#: Bump when the layout of cache entries changes: old entries are then missed.
CACHE_FORMAT = "2"
#: Seconds between two checks, in a pool worker, that its parent still lives.
PARENT_POLL_SECONDS = 1.0
#: Most skipped files named in the summary warning (each has its own warning).
SUMMARY_FILES = 10


class ClusterError(RuntimeError):
    """The work itself could not run: a Dask scheduler that cannot be reached
    or has no workers, or a worker process that died (killed, out of
    memory). The message is one line saying what to do."""


# --- configuration shared by the main process and the workers -----------------
@dataclass(frozen=True)
class CountConfig:
    """Everything that decides a document's word counts.

    ``extra_words`` are the words kept whole besides the packaged lexicon
    (manifest names and a researcher's own words); ``stopwords`` the
    complete stopword list, ``None`` for the packaged one. Both travel to
    the workers with the configuration (it is pickled), never as file paths.
    """

    engine: str = "rjieba"
    extra_words: tuple[str, ...] = ()
    cache_dir: str | None = None
    top_per_doc: int | None = None
    blocks: RepeatedBlocks = field(default_factory=RepeatedBlocks)
    stopwords: tuple[str, ...] | None = None

    @property
    def version(self) -> str:
        """The part of every cache key that is not the document's bytes."""
        from corpus_utils.corpus.cleaning import CLEANING_VERSION
        from corpus_utils.terms.lexicon import lexicon_version

        names = _digest(self.extra_words)
        blocks = f"-blocks{self.blocks.key()}" if self.blocks else ""
        stop = f"-stop{_digest(self.stopwords)}" if self.stopwords is not None else ""
        return (f"clean{CLEANING_VERSION}-lex{lexicon_version()}-{self.engine}-names{names}{stop}{blocks}"
                f"-cache{CACHE_FORMAT}")

    def segmenter(self):
        """The process's shared :class:`~corpus_utils.terms.segment.Segmenter` of this configuration."""
        return shared_segmenter(self.engine, self.extra_words, self.stopwords)


def _digest(words: Sequence[str]) -> str:
    return hashlib.blake2b("\n".join(words).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def count_config(manifest: dict, *, engine: str = "rjieba", custom=None, **options) -> CountConfig:
    """The :class:`CountConfig` of a corpus: the names of its ``manifest``
    (:func:`~corpus_utils.terms.segment.names_from_metadata`) and the words of
    ``custom`` (a :class:`~corpus_utils.terms.custom.CustomLists`) kept whole,
    ``custom``'s stopwords; ``options`` are further fields."""
    words = names_from_metadata(manifest.values())
    if custom is not None:
        words = tuple(sorted({*words, *custom.words}))
    return CountConfig(engine=engine, extra_words=words, stopwords=custom.stopwords if custom is not None else None,
                       **options)


def document_key(data: bytes, version: str) -> str:
    """Cache key of one document: BLAKE2b of its bytes and the version string."""
    digest = hashlib.blake2b(data, digest_size=16)
    digest.update(version.encode())
    return digest.hexdigest()


def file_key(path: str | Path, version: str, *, piece: int = 1 << 20) -> str:
    """:func:`document_key` of a file, read piece by piece (bounded memory)."""
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as handle:
        while data := handle.read(piece):
            digest.update(data)
    digest.update(version.encode())
    return digest.hexdigest()


# --- what a chunk reports besides its result ------------------------------------
@dataclass
class ChunkReport:
    """Per-document problems of one chunk: sent back with its result.

    ``error`` is the first bad document when bad files stop the run;
    ``skipped`` lists ``(path, cause)`` of bad documents left out with
    ``skip_bad``; ``warnings`` holds ``(category, message)`` of every warning
    raised while the chunk ran; ``notes`` are this module's own warnings
    (corrupt cache entries); ``cache_error`` says why the cache could not be
    written.
    """

    skip_bad: bool = False
    error: CorpusError | None = None
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[type[Warning], str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cache_error: str | None = None

    @property
    def stopped(self) -> bool:
        return self.error is not None


def document_error(err: Exception, path: str | Path) -> CorpusError:
    """Any exception raised while handling one document, as a one-line
    :class:`CorpusError` naming it: a read error keeps its cause
    (``cannot be read (No such file or directory)``), anything unexpected
    becomes ``<Type>: <message>``. With :data:`DEBUG_ENV` set, the
    traceback of an unexpected error is printed to stderr."""
    if isinstance(err, CorpusError):
        return err
    if os.environ.get(DEBUG_ENV):
        traceback.print_exception(err, file=sys.stderr)
    if isinstance(err, OSError) and err.filename is not None and Path(err.filename) == Path(path):
        return CorpusError(path, f"cannot be read ({err.strerror or err})")
    message = " ".join(str(err).split())
    return CorpusError(path, f"{type(err).__name__}: {message}" if message else type(err).__name__)


def each_document(chunk: Iterable[tuple[str, str]], report: ChunkReport,
                  work: Callable[[str, str], Any]) -> Iterator[tuple[str, Any]]:
    """Yield ``(doc_id, work(path, doc_id))`` for each document of a chunk.

    A document whose work raises is never raised from here: it is recorded
    in ``report`` (as ``report.error``, which ends the chunk, or, with
    ``report.skip_bad``, in ``report.skipped``) so that the same one-line
    error reaches the caller from any engine.
    """
    for path, doc_id in chunk:
        try:
            result = work(path, doc_id)
        except Exception as err:  # every failure is reported with the file's name
            error = document_error(err, path)
            if not report.skip_bad:
                report.error = error
                return
            report.skipped.append((str(path), error.cause))
            continue
        yield doc_id, result


def _run_chunk(chunk: Sequence[tuple[str, str]], function: Callable, config, skip_bad: bool) -> tuple[Any, ChunkReport]:
    """Run ``function(chunk, config, report)`` in a worker (or in this
    process) and return its result with the report. Warnings are recorded
    and sent back (on a process's main thread; Dask runs tasks in threads,
    where the ``warnings`` module cannot be redirected safely)."""
    report = ChunkReport(skip_bad=skip_bad)
    if threading.current_thread() is not threading.main_thread():
        return function(chunk, config, report), report
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        value = function(chunk, config, report)
    report.warnings = [(w.category, str(w.message)) for w in caught]
    return value, report


@dataclass
class RunReport:
    """What the chunks of one run reported, in corpus order: warnings to
    repeat, the first bad file, skipped files, cache failures."""

    skip_bad: bool = False
    n_files: int = 0
    chunks: dict[int, ChunkReport] = field(default_factory=dict)
    next_index: int = 0
    _emitted: set = field(default_factory=set)

    def reserve(self, n_chunks: int) -> int:
        """The index of the first of ``n_chunks`` new chunks (a second pass
        over the corpus reports after the first)."""
        first, self.next_index = self.next_index, self.next_index + n_chunks
        return first

    def add(self, index: int, report: ChunkReport) -> None:
        self.chunks[index] = report

    def _ordered(self, upto: int | None = None) -> list[ChunkReport]:
        return [self.chunks[i] for i in sorted(self.chunks) if upto is None or i <= upto]

    @property
    def skipped(self) -> dict[str, str]:
        """``{path: cause}`` of every skipped file, in corpus order."""
        return {path: cause for report in self._ordered() for path, cause in report.skipped}

    @property
    def cache_error(self) -> str | None:
        return next((r.cache_error for r in self._ordered() if r.cache_error), None)

    def cache_failed(self, message: str) -> None:
        """Record a cache write failure of the main process."""
        self.add(max(self.chunks, default=-1) + 1, ChunkReport(cache_error=message))

    def _warn(self, message: str, category: type[Warning] = CorpusWarning) -> None:
        if (category, message) in self._emitted:
            return
        self._emitted.add((category, message))
        warnings.warn(message, category, stacklevel=4)

    def _emit_reported(self, upto: int | None = None) -> None:
        for report in self._ordered(upto):
            for category, message in report.warnings:
                self._warn(message, category)
            for note in report.notes:
                self._warn(note)

    def fail(self) -> None:
        """Repeat the warnings up to the first bad file, then raise its error."""
        index = min(i for i, r in self.chunks.items() if r.stopped)
        self._emit_reported(upto=index)
        raise self.chunks[index].error

    def finish(self, notes: Iterable[str] = ()) -> None:
        """Repeat the workers' warnings, then ``notes``, the cache failure,
        one warning per skipped file and the summary of skipped files."""
        self._emit_reported()
        for note in notes:
            self._warn(note)
        if self.cache_error:
            self._warn(self.cache_error)
        skipped = self.skipped
        for path, cause in skipped.items():
            self._warn(f"{display_path(Path(path))}: {cause} (skipped)")
        if skipped:
            self._warn(skipped_summary(skipped, self.n_files))


def skipped_summary(skipped: dict[str, str], n_files: int) -> str:
    """``skipped 2 of 40 files: a.txt (is a PDF document, …), b.txt (…)``:
    each cause up to its first ``;``, at most :data:`SUMMARY_FILES` files."""
    shown = [f"{display_path(Path(p))} ({cause.split(';')[0].strip()})" for p, cause in list(skipped.items())[:SUMMARY_FILES]]
    more = len(skipped) - len(shown)
    return (f"skipped {len(skipped)} of {n_files} files: {', '.join(shown)}"
            + (f", and {more} more (see the warnings above)" if more else ""))


# --- one document, one chunk ----------------------------------------------------
@dataclass
class DocumentCounts:
    """Word counts of one document."""

    doc_id: str
    key: str
    n_chars: int
    counts: dict[str, int]


def count_document(path: str, doc_id: str, config: CountConfig, report: ChunkReport | None = None) -> DocumentCounts:
    """Read, decode, clean, segment and count one file (cache aware).

    Files above :data:`BLOCK_THRESHOLD` bytes are counted block by block
    (:func:`count_blocks`), with the same result. ``report`` collects the
    file's warnings (repaired bytes, corrupt cache entries) and cache write
    failures; without it the warnings are raised here.
    """
    own = report is None
    report = ChunkReport() if own else report
    notes = len(report.notes)
    result = _count_document(path, doc_id, config, report)
    if own:
        for note in report.notes[notes:]:
            warnings.warn(note, CorpusWarning, stacklevel=2)
    return result


def _count_document(path: str, doc_id: str, config: CountConfig, report: ChunkReport) -> DocumentCounts:
    large = os.stat(path).st_size > BLOCK_THRESHOLD
    data = None if large else Path(path).read_bytes()
    if config.cache_dir:
        key = file_key(path, config.version) if large else document_key(data, config.version)
        cached = read_document_cache(config.cache_dir, key, doc_id, report=report)
        if cached is not None:
            return cached
    else:
        key = ""
    segmenter = config.segmenter()
    if large:
        n_chars, raw = count_blocks(path, segmenter, problems=report.notes, blocks=config.blocks)
    else:
        text = clean_document(data, path=path, blocks=config.blocks, problems=report.notes)
        n_chars, raw = len(text), Counter(segmenter.tokens(text))
    result = DocumentCounts(doc_id, key, n_chars, segmenter.word_counts(raw))
    if config.cache_dir and report.cache_error is None:
        try:
            write_document_cache(config.cache_dir, result)
        except OSError as err:
            report.cache_error = _cache_write_error(config.cache_dir, err)
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
    from corpus_utils.corpus import cleaning

    config.segmenter().tokens("预热")
    cleaning.warm_up()


def count_chunk(items: Sequence[tuple[str, str]], config: CountConfig, report: ChunkReport | None = None) -> ChunkCounts:
    """Count a chunk of ``(path, doc_id)`` pairs: the unit of parallel work.

    Without ``report`` a bad file raises its :class:`CorpusError`."""
    own = report is None
    report = ChunkReport() if own else report
    chunk = ChunkCounts()
    for _, counts in each_document(items, report, lambda path, doc_id: count_document(path, doc_id, config, report)):
        chunk.add(counts, config.top_per_doc)
    if own:
        settle(report)
    return chunk


def settle(report: ChunkReport) -> None:
    """For a chunk function called directly (without a run): raise the
    report's warnings, then its error."""
    for note in report.notes:
        warnings.warn(note, CorpusWarning, stacklevel=3)
    if report.error:
        raise report.error


# --- the corpus-level cleaning pass --------------------------------------------------
@dataclass
class CandidateRunCounts:
    """Document frequencies of candidate-run paragraphs (see
    :func:`corpus_utils.corpus.boilerplate.count_candidate_runs`) of a chunk."""

    head: Counter = field(default_factory=Counter)
    tail: Counter = field(default_factory=Counter)
    n_docs: int = 0

    def add(self, head: Sequence[str], tail: Sequence[str]) -> None:
        self.head.update(set(head))
        self.tail.update(set(tail))
        self.n_docs += 1

    def merge(self, other: CandidateRunCounts) -> None:
        self.head.update(other.head)
        self.tail.update(other.tail)
        self.n_docs += other.n_docs


def document_candidate_runs(path: str | Path) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The head and tail candidate runs of one file's cleaned text (a large
    file: of its first and last block). Decoding warnings are left to the
    counting pass."""
    from corpus_utils.corpus.boilerplate import candidate_runs
    from corpus_utils.corpus.cleaning import clean_text

    if os.stat(path).st_size <= BLOCK_THRESHOLD:
        return candidate_runs(clean_document(Path(path).read_bytes(), path=path))
    head, tail, script = (), (), _BlockScript()
    for text, first, last, _ in text_blocks(path, problems=[]):
        if first or last:
            runs = candidate_runs(clean_text(text, rules=block_rules(first=first, last=last, script=script)))
            head, tail = runs[0] if first else head, runs[1] if last else tail
    return head, tail


def candidate_runs_chunk(items: Sequence[tuple[str, str]], config: CountConfig,
                         report: ChunkReport | None = None) -> CandidateRunCounts:
    """The first pass over a chunk: its candidate-run document frequencies."""
    own = report is None
    report = ChunkReport() if own else report
    result = CandidateRunCounts()
    for _, (head, tail) in each_document(items, report, lambda path, _: document_candidate_runs(path)):
        result.add(head, tail)
    if own:
        settle(report)
    return result


def find_corpus_blocks(chunks: list, config, *, workers: int | None = None, scheduler: str | None = None,
                       run: RunReport | None = None, connect_timeout: float = CONNECT_TIMEOUT) -> RepeatedBlocks:
    """The licence and footer blocks most documents of the corpus share
    (:func:`corpus_utils.corpus.boilerplate.find_repeated_blocks`), found in a
    streaming pass over ``chunks``. Bad files are reported to ``run`` as in
    the counting pass."""
    from corpus_utils.corpus.boilerplate import MIN_DOCUMENTS, repeated_blocks_from_counts

    if sum(len(chunk) for chunk in chunks) < MIN_DOCUMENTS:
        return RepeatedBlocks()
    merged = CandidateRunCounts()
    for part in run_chunks(candidate_runs_chunk, chunks, config, workers=workers, scheduler=scheduler, progress=False,
                           run=run, connect_timeout=connect_timeout):
        merged.merge(part)
    return repeated_blocks_from_counts(merged.head, merged.tail, merged.n_docs)


# --- one large file, block by block ---------------------------------------------
def _byte_cut(buffer: bytes, *, eof: bool) -> tuple[int, bool]:
    """Where raw bytes can be cut for decoding: ``(end, at_line_break)``.

    After the last ``\\n`` (or, in a file without any, after a ``\\r`` that
    is not the buffer's last byte, so ``\\r\\n`` is never split); in a line
    longer than the buffer, after its last full stop ``。`` when the bytes
    before are valid UTF-8 (UTF-8 never puts those bytes inside another
    character). ``(0, …)``: no safe cut, read more. Line-break bytes never
    occur inside a GB18030 or Big5 character either.
    """
    if eof:
        return len(buffer), True
    line = buffer.rfind(b"\n") + 1 or buffer.rfind(b"\r", 0, len(buffer) - 1) + 1
    if line:
        return line, True
    stop = buffer.rfind("。".encode()) + 3
    if stop >= 3:
        try:
            buffer[:stop].decode("utf-8")
        except UnicodeDecodeError:
            return 0, False
        return stop, False
    return 0, False


def _decode_block(data: bytes, *, path, first: bool, codec: str | None, start: int, lines: int):
    """Decode one block with :func:`~corpus_utils.corpus.encoding.decode_bytes`:
    ``(DecodedText, problems)``.

    A later block is first tried with the codec the first block was read
    with (so one file gets one encoding), then decoded on its own after a
    line break (so that text looking like a file signature or a byte-order
    mark inside the file is not taken for one). Byte offsets and line numbers
    in an error or a warning are made relative to the whole file (``start``
    bytes and ``lines`` line breaks come before the block)."""
    from corpus_utils.corpus.encoding import DecodedText, decode_bytes

    def shift(message: str) -> str:
        message = P.DECODE_OFFSET.sub(lambda m: str(int(m.group(0)) - 1 + start), message)
        return P.DECODE_LINE.sub(lambda m: str(int(m.group(0)) - 1 + lines), message)

    if first:
        decoded = decode_bytes(data, path=path, warn=False)
        return decoded, list(decoded.problems)
    if codec and b"\x00" not in data:  # NUL bytes: let decode_bytes refuse the file as it would whole
        with contextlib.suppress(UnicodeDecodeError):
            return DecodedText(data.decode(codec), codec), []
    try:
        decoded = decode_bytes(b"\n" + data, path=path, warn=False)
    except CorpusError as err:
        raise CorpusError(path, shift(err.cause)) from None
    return DecodedText(decoded.text[1:], decoded.encoding), [shift(p) for p in decoded.problems]


_SINGLE_CODECS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "gb18030": "gb18030", "big5": "big5"}
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
              (codecs.BOM_UTF16_BE, "utf-16"))


def _byte_pieces(handle, path, block_bytes: int, problems: list[str]) -> Iterator[tuple[str, bool]]:
    """Decoded pieces of a file in an ASCII-compatible encoding, each
    ending at a line break (or, in a line longer than a block, a full stop);
    decoding warnings are appended to ``problems``."""
    carry, start, lines, codec, eof = b"", 0, 0, None, False
    while not eof:
        data = handle.read(block_bytes)
        eof = not data
        buffer = carry + data
        end, at_line_break = _byte_cut(buffer, eof=eof)
        if not end:
            carry = buffer
            continue
        decoded, found = _decode_block(buffer[:end], path=path, first=start == 0, codec=codec, start=start,
                                       lines=lines)
        if start == 0:
            codec = _SINGLE_CODECS.get(decoded.encoding)
        problems.extend(found)
        yield decoded.text, at_line_break
        lines += buffer.count(b"\n", 0, end) or buffer.count(b"\r", 0, end)
        carry, start = buffer[end:], start + end


def _wide_pieces(handle, path, codec: str, block_bytes: int) -> Iterator[tuple[str, bool]]:
    """Decoded pieces of a UTF-16/UTF-32 file with a byte-order mark (the
    incremental decoder keeps a character split across reads whole)."""
    decoder = codecs.getincrementaldecoder(codec)()
    carry, offset = "", 0
    while True:
        data = handle.read(block_bytes)
        try:
            text = carry + decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            raise CorpusError(path, f"starts with a {codec} byte-order mark but is not valid {codec} "
                                    f"(near byte {offset})") from None
        offset += len(data)
        if not data:
            yield text, True
            return
        end = text.rfind("\n") + 1 or text.rfind("\r", 0, len(text) - 1) + 1
        yield text[:end], True
        carry = text[end:]


def _html_open(text: str) -> int:
    """Where an HTML script/style block or comment that is still open at
    the end of ``text`` starts (``len(text)`` when none is): a block is
    never cut inside one, since the cleaning rule removes them whole."""
    if "<" not in text:
        return len(text)
    opened, kind = None, None
    for match in P.HTML_BLOCK_EDGE.finditer(text):
        if opened is None and match.group("open"):
            opened, kind = match.start(), (match.group("opens") or "<!--").lower()
        elif opened is not None and match.group("close") and (match.group("closes") or "<!--").lower() == kind:
            opened = None
    return len(text) if opened is None else opened


def _text_cut(text: str, *, ends_line: bool, tries: int = 1000) -> tuple[int, bool]:
    """Where to cut a decoded buffer (line breaks already ``\\n``):
    ``(end, at_line_break)``, ``(0, False)`` to read more.

    Preferably after a blank line in the second half (no cleaning rule joins
    lines across a blank line); else after a line that ends a sentence and
    is followed by one that starts a sentence; else after a blank line or a
    line break anywhere; a buffer that ends inside a very long line is cut
    at its end (after a full stop).
    """
    limit, half = _html_open(text), len(text) // 2
    blank = text.rfind("\n\n", 0, limit)
    if blank >= half:
        return blank + 2, True
    end = text.rfind("\n", 0, limit)
    while end >= half and tries:
        start = text.rfind("\n", 0, end) + 1
        following = text[end + 1:end + 16]
        if following and P.LINE_FINAL.search(text, start, end) and not P.CONTINUES_BEFORE.match(following.lstrip()):
            return end + 1, True
        end, tries = start - 1, tries - 1
    if blank >= 0:
        return blank + 2, True
    line = text.rfind("\n", 0, limit) + 1
    if line:
        return line, True
    if not ends_line and limit == len(text):
        return len(text), False
    return 0, False


def text_blocks(path: str | Path, *, block_bytes: int | None = None,
                problems: list[str] | None = None) -> Iterator[tuple[str, bool, bool, bool]]:
    """The raw text of a file, block by block: ``(text, first, last, at_line_break)``.

    Line breaks are normalised to ``\\n`` (as the first cleaning rule does).
    Blocks are cut where no cleaning rule looks across the cut: after a blank
    line, or between two sentences on two lines, never inside a character,
    a line, or an HTML script block (see :func:`_text_cut`); a line longer
    than a block is cut after a full stop when the file is UTF-8, else read
    whole. A short last block is merged into the one before, so the last
    block holds the document's last lines. Decoding warnings (repaired
    bytes, positions in the whole file) are appended to ``problems``.
    """
    from corpus_utils.corpus.cleaning import normalize_line_breaks

    block_bytes = block_bytes or BLOCK_BYTES
    path = Path(path)
    with open(path, "rb") as handle:
        head = handle.read(4)
        handle.seek(0)
        wide = next((codec for bom, codec in _WIDE_BOMS if head.startswith(bom)), None)
        pieces = (_wide_pieces(handle, path, wide, block_bytes) if wide
                  else _byte_pieces(handle, path, block_bytes, [] if problems is None else problems))

        def blocks() -> Iterator[tuple[str, bool]]:
            carry = ""
            for piece, ends_line in pieces:
                buffer = carry + normalize_line_breaks(piece)
                end, at_line_break = _text_cut(buffer, ends_line=ends_line)
                if end:
                    yield buffer[:end], at_line_break
                carry = buffer[end:]
            if carry:
                yield carry, True

        def short(text: str) -> bool:
            return text.count("\n") < MIN_LAST_BLOCK_LINES and len(text) < block_bytes // 4

        pending: list[tuple[str, bool]] = []  # two blocks of look-ahead: is the next one the last?
        first = True
        for block in blocks():
            if pending and short(pending[-1][0]):  # too short to stand alone: grow it
                pending[-1] = (pending[-1][0] + block[0], block[1])
                continue
            if len(pending) == 2:
                text, at_line_break = pending.pop(0)
                yield text, first, False, at_line_break
                first = False
            pending.append(block)
        if len(pending) == 2 and short(pending[1][0]):
            pending = [(pending[0][0] + pending[1][0], pending[1][1])]
        for i, (text, at_line_break) in enumerate(pending):
            yield text, first and i == 0, i == len(pending) - 1, at_line_break


class _BlockScript:
    """The script decision of the whole document, taken on its first block
    (as :func:`~corpus_utils.corpus.cleaning.convert_to_simplified` takes it on the
    start of the text)."""

    def __init__(self) -> None:
        self.script: str | None = None

    def __call__(self, text: str) -> str:
        from corpus_utils.corpus import cleaning

        if self.script is None:
            self.script = cleaning.detect_script(text)
        return cleaning.simplify(text) if self.script == "traditional" else text


def _unchanged(text: str) -> str:
    return text


#: Cleaning rules that look only at the start of a document (run on the
#: first block only) or at its start and end (told which block they see).
_START_ONLY_RULES = ("remove_front_matter",)


def block_rules(*, first: bool, last: bool, script: _BlockScript) -> tuple:
    """The default cleaning rules for one block of a document: front matter
    only at the top of the first block, bylines only at the top of the first
    block and the bottom of the last, and the script decided once, on the
    first block. Decisions a rule takes on the whole text (are paragraphs
    separated by blank lines?) are taken per block."""
    from corpus_utils.corpus import cleaning

    rules = []
    for rule in cleaning.DEFAULT_RULES:
        if rule.name in _START_ONLY_RULES and not first:
            rule = cleaning.CleaningRule(rule.name, _unchanged, rule.description)
        elif rule.name == "remove_byline":
            options = {**({} if first else {"head": 0}), **({} if last else {"tail": 0})}
            rule = cleaning.CleaningRule(rule.name, partial(rule.function, **options), rule.description)
        elif rule.name == "convert_to_simplified":
            rule = cleaning.CleaningRule(rule.name, script, rule.description)
        rules.append(rule)
    return tuple(rules)


def count_blocks(path: str | Path, segmenter, *, block_bytes: int | None = None,
                 problems: list[str] | None = None, blocks: RepeatedBlocks | None = None) -> tuple[int, Counter]:
    """Clean, segment and count a file block by block: ``(n_chars, token
    counts)``, equal to counting the whole cleaned text (which joins the
    cleaned lines with ``\\n``) when the document is uniform in layout.
    The corpus's shared ``blocks`` go from the start of the first block and
    the end of the last. Decoding warnings are appended to ``problems``."""
    from corpus_utils.corpus.cleaning import clean_text

    blocks = blocks or RepeatedBlocks()
    script, counts, n_chars, pieces, joined = _BlockScript(), Counter(), 0, 0, True
    for text, first, last, at_line_break in text_blocks(path, block_bytes=block_bytes, problems=problems):
        cleaned = clean_text(text, rules=block_rules(first=first, last=last, script=script))
        cleaned = blocks.remove(cleaned, head=first, tail=last)
        if cleaned:
            n_chars += len(cleaned) + (1 if pieces and joined else 0)
            pieces += 1
            counts.update(segmenter.tokens(cleaned))
        joined = at_line_break
    return n_chars, counts


# --- writing files safely -------------------------------------------------------------
def temporary_name(path: str | Path) -> Path:
    """A hidden name beside ``path``, unique per process, thread and call."""
    path = Path(path)
    return path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.{uuid.uuid4().hex[:12]}.tmp")


def write_atomically(path: str | Path, write: Callable[[IO], Any], *, text: bool = False) -> None:
    """Write ``path`` through ``write(handle)`` on a temporary file in the
    same folder, then rename it into place: readers see the old file or the
    whole new one, never a truncated one. The temporary file is removed when
    writing fails."""
    temporary = temporary_name(path)
    try:
        with (open(temporary, "x", encoding="utf-8", newline="") if text else open(temporary, "xb")) as handle:
            write(handle)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


# --- the cache ------------------------------------------------------------------
def _doc_cache_path(cache_dir: str | Path, key: str) -> Path:
    return Path(cache_dir) / "docs" / key[:2] / f"{key}.parquet"


def _checksum(terms: list[str], *columns: Sequence[int], extra: str) -> str:
    """BLAKE2b of a cache entry's contents (terms, integer columns, metadata)."""
    import numpy as np

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{len(terms)}\n".encode())
    digest.update("\x00".join(terms).encode("utf-8", "surrogatepass"))
    for column in columns:
        digest.update(b"\x01" + np.asarray(column, dtype=np.int64).tobytes())
    digest.update(extra.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _write_table(path: Path, columns: dict, metadata: dict[str, str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.table(columns, metadata=metadata)
    write_atomically(path, lambda handle: pq.write_table(table, handle, compression="zstd", write_page_checksum=True))


def _read_table(path: Path, columns: Sequence[str], meta: Sequence[str]):
    """``(column lists, metadata strings)`` of a verified entry; raises
    ``ValueError`` when its checksum does not match."""
    import pyarrow.parquet as pq

    table = pq.read_table(path, page_checksum_verification=True)
    metadata = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    lists = [table.column(c).to_pylist() for c in columns]
    values = [metadata[m] for m in meta]
    if metadata.get("blake2b") != _checksum(lists[0], *lists[1:], extra="\n".join(values)):
        raise ValueError("checksum mismatch")
    return lists, values


def _corrupt(path: Path, err: Exception) -> str:
    """Remove a corrupt entry (when possible); the warning that names it."""
    with contextlib.suppress(OSError):
        path.unlink()
    reason = " ".join(str(err).split())[:80] or type(err).__name__
    return f"{display_path(path)}: corrupt cache entry ({reason}); recomputed"


def _cache_write_error(cache_dir: str | Path, err: OSError) -> str:
    return f"{display_path(Path(cache_dir))}: the cache cannot be written ({err.strerror or err}); continuing without writing it"


def write_document_cache(cache_dir: str | Path, doc: DocumentCounts) -> None:
    """Store one document's counts with their checksum (written to a unique
    temporary name, then renamed, so a crash never leaves a half-written
    entry)."""
    import pyarrow as pa

    terms, freqs = list(doc.counts), list(doc.counts.values())
    _write_table(_doc_cache_path(cache_dir, doc.key), {"term": pa.array(terms, pa.string()),
                                                       "freq": pa.array(freqs, pa.int32())},
                 {"n_chars": str(doc.n_chars), "blake2b": _checksum(terms, freqs, extra=str(doc.n_chars))})


def read_document_cache(cache_dir: str | Path, key: str, doc_id: str,
                        report: ChunkReport | None = None) -> DocumentCounts | None:
    """One document's verified counts from the cache, or ``None``. A corrupt
    or truncated entry is removed and reported (in ``report``, else as a
    :class:`CorpusWarning`), and ``None`` returned so it is recomputed."""
    path = _doc_cache_path(cache_dir, key)
    if not path.exists():
        return None
    try:
        (terms, freqs), (n_chars,) = _read_table(path, ["term", "freq"], ["n_chars"])
    except Exception as err:  # any unreadable entry is recomputed
        note = _corrupt(path, err)
        if report is None:
            warnings.warn(note, CorpusWarning, stacklevel=2)
        else:
            report.notes.append(note)
        return None
    return DocumentCounts(doc_id, key, int(n_chars), dict(zip(terms, freqs, strict=True)))


def _corpus_cache_path(cache_dir: str | Path, keys: dict[str, str]) -> Path:
    digest = hashlib.blake2b(digest_size=16)
    for doc_id in sorted(keys):
        digest.update(f"{doc_id}\t{keys[doc_id]}\n".encode())
    return Path(cache_dir) / "corpus" / f"{digest.hexdigest()}.parquet"


def write_corpus_cache(cache_dir: str | Path, counts: ChunkCounts, *, keys: dict[str, str] | None = None) -> None:
    """Store the merged corpus totals under a key made of all document keys
    (``keys``, default the keys the counts were made under)."""
    import json

    terms = sorted(counts.totals)
    freqs, doc_freqs = [counts.totals[t] for t in terms], [counts.doc_freq[t] for t in terms]
    meta = {"n_chars": json.dumps(counts.n_chars), "empty": json.dumps(counts.empty)}
    meta["blake2b"] = _checksum(terms, freqs, doc_freqs, extra="\n".join([meta["n_chars"], meta["empty"]]))
    _write_table(_corpus_cache_path(cache_dir, keys or counts.keys), {"term": terms, "freq": freqs, "doc_freq": doc_freqs},
                 meta)


def read_corpus_cache(cache_dir: str | Path, keys: dict[str, str]) -> ChunkCounts | None:
    """The verified corpus totals for exactly these document keys, or
    ``None`` (a corrupt entry is removed with a :class:`CorpusWarning`)."""
    import json

    path = _corpus_cache_path(cache_dir, keys)
    if not path.exists():
        return None
    try:
        (terms, freqs, doc_freqs), (n_chars, empty) = _read_table(path, ["term", "freq", "doc_freq"],
                                                                  ["n_chars", "empty"])
    except Exception as err:  # any unreadable entry is recomputed
        warnings.warn(_corrupt(path, err), CorpusWarning, stacklevel=3)
        return None
    return ChunkCounts(totals=Counter(dict(zip(terms, freqs, strict=True))),
                       doc_freq=Counter(dict(zip(terms, doc_freqs, strict=True))),
                       n_chars=json.loads(n_chars), keys=dict(keys), empty=json.loads(empty))


# --- planning and running ---------------------------------------------------------
def _size(path: str | Path) -> int:
    """A file's size; 0 when it cannot be read (its worker then reports why)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def plan_chunks(folder: str | Path, *, chunk_bytes: int | None = CHUNK_BYTES,
                workers: int | None = None) -> tuple[list[list[tuple[str, str]]], dict]:
    """The corpus files grouped into chunks of about ``chunk_bytes``, and the
    checked manifest. ``chunk_bytes=None``: about eight chunks per worker,
    between :data:`MIN_CHUNK_BYTES` and :data:`CHUNK_BYTES`."""
    from corpus_utils.corpus.loader import corpus_files_and_manifest, doc_id_for

    folder = Path(folder)
    files, manifest = corpus_files_and_manifest(folder)
    sizes = [_size(path) for path in files]
    if chunk_bytes is None:
        chunk_bytes = min(CHUNK_BYTES, max(MIN_CHUNK_BYTES, sum(sizes) // (8 * (workers or default_workers()))))
    chunks, current, size = [], [], 0
    for path, n_bytes in zip(files, sizes, strict=True):
        current.append((str(path), doc_id_for(path, folder)))
        size += n_bytes
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


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(PARENT_POLL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def _worker_init(parent: int) -> None:
    """Pool worker set-up: Ctrl-C is the parent's to handle, and the worker
    dies with its parent (SIGTERM, SIGKILL): on Linux the kernel kills it
    (``prctl(PR_SET_PDEATHSIG)``); everywhere a watchdog thread exits when
    the parent process is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True, name="exit-with-parent").start()


def _make_pool(workers: int):
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    context = get_context("fork" if sys.platform.startswith("linux") else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init,
                               initargs=(os.getpid(),))


def _stop_pool(pool, *, kill: bool) -> None:
    """Shut the pool down without waiting. ``kill``: the run was cut short
    (Ctrl-C, an error): the workers are killed now rather than left to
    finish chunks nobody will read."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    if kill:
        for process in processes:
            with contextlib.suppress(Exception):
                process.kill()
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(timeout=5)


def _died(chunk: Sequence[tuple[str, str]], how: str) -> ClusterError:
    first = display_path(Path(chunk[0][0])) if chunk else "?"
    others = f" and {len(chunk) - 1} other file(s)" if len(chunk) > 1 else ""
    return ClusterError(f"{how} while working on {first}{others}; rerun with --workers 1 (workers=1) to see "
                        "whether a file causes it")


def run_chunks(function: Callable, chunks: list, config, *, workers: int | None = None,
               scheduler: str | None = None, progress: bool | str = "auto", n_docs: int = 0,
               n_bytes: int = 0, run: RunReport | None = None,
               connect_timeout: float = CONNECT_TIMEOUT) -> Iterator:
    """Run ``function(chunk, config, report)`` over all chunks: in this
    process (one worker), on a local process pool, or on the Dask scheduler
    at ``scheduler``; yield each chunk's result as it completes.

    What the chunks report is gathered in ``run``. When a chunk stopped at a
    bad file, chunks after it are cancelled, the ones before it are awaited,
    and the error of the first bad file in corpus order is raised: the same
    error whatever the engine.

    Raises
    ------
    CorpusError
        The first bad file (unless ``run.skip_bad``).
    ClusterError
        The scheduler cannot be reached within ``connect_timeout`` seconds or
        has no worker by then; a worker process died.
    """
    run = run if run is not None else RunReport()
    base = run.reserve(len(chunks))
    bar = _progress(n_docs or sum(len(chunk) for chunk in chunks), n_bytes, progress)
    try:
        if scheduler:
            yield from _run_dask(function, chunks, config, scheduler, run, base, bar, connect_timeout)
        elif (workers or default_workers()) <= 1 or len(chunks) <= 1:
            for index, chunk in enumerate(chunks):
                value, report = _run_chunk(chunk, function, config, run.skip_bad)
                run.add(base + index, report)
                if report.stopped:
                    run.fail()
                yield value
                bar.update(len(chunk))
        else:
            yield from _run_pool(function, chunks, config, min(workers or default_workers(), len(chunks)), run, base,
                                 bar)
    finally:
        bar.close()


def _run_pool(function, chunks, config, workers, run, base, bar) -> Iterator:
    from concurrent.futures import as_completed
    from concurrent.futures.process import BrokenProcessPool

    def result(index):
        try:
            return futures[index].result()
        except BrokenProcessPool:
            raise _died(chunks[index], "a worker process stopped abruptly (killed, or out of memory)") from None

    pool = _make_pool(workers)
    finished = False
    try:
        futures = [pool.submit(_run_chunk, chunk, function, config, run.skip_bad) for chunk in chunks]
        index_of = {future: i for i, future in enumerate(futures)}
        yield from _gather((index_of[future] for future in as_completed(futures)), futures, result, chunks, run, base,
                           bar)
        finished = True
    finally:
        _stop_pool(pool, kill=not finished)


def _gather(completed: Iterable[int], futures: list, result: Callable, chunks: list, run: RunReport, base: int,
            bar) -> Iterator:
    """Yield the value of each chunk as it completes (``completed`` gives
    chunk indices). At a chunk that stopped at a bad file, cancel the later
    ones, wait for the earlier ones and raise the first error in corpus order."""
    for index in completed:
        value, report = result(index)
        run.add(base + index, report)
        if report.stopped:
            for later in futures[index + 1:]:
                later.cancel()
            for earlier in range(index):
                run.add(base + earlier, result(earlier)[1])
            run.fail()
        yield value
        bar.update(len(chunks[index]))


def _run_dask(function, chunks, config, scheduler, run, base, bar, connect_timeout) -> Iterator:
    from distributed import Client, KilledWorker, as_completed

    try:
        client = Client(scheduler, timeout=connect_timeout)
    except (OSError, TimeoutError):
        raise ClusterError(f"{scheduler}: cannot reach the Dask scheduler within {connect_timeout:g} s; "
                           "check the address and that `dask scheduler` runs there") from None
    with client:
        try:
            client.wait_for_workers(1, timeout=connect_timeout)
        except (OSError, TimeoutError):
            raise ClusterError(f"{scheduler}: the Dask scheduler has no workers (none joined within "
                               f"{connect_timeout:g} s); start some with `dask worker {scheduler}`") from None

        def result(index):
            try:
                return futures[index].result()
            except KilledWorker:
                raise _died(chunks[index], "a Dask worker died") from None

        futures = client.map(_run_chunk, chunks, function=function, config=config, skip_bad=run.skip_bad, pure=False)
        index_of = {future.key: i for i, future in enumerate(futures)}
        yield from _gather((index_of[future.key] for future in as_completed(futures)), futures, result, chunks, run,
                           base, bar)


@dataclass
class CorpusCounts:
    """Word counts of a whole corpus, merged from its documents.

    ``skipped`` maps each file left out with ``skip_bad`` to its cause."""

    counts: ChunkCounts
    from_cache: bool = False
    skipped: dict[str, str] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    @property
    def n_docs(self) -> int:
        return len(self.counts.n_chars)

    def corpus_table(self):
        """The same table as :func:`corpus_utils.terms.frequency.corpus_frequencies`."""
        from corpus_utils.terms.frequency import corpus_table_from_counts

        return corpus_table_from_counts(self.counts.totals, self.counts.doc_freq,
                                        n_chars=sum(self.counts.n_chars.values()), n_docs=self.n_docs)

    def doc_table(self):
        """Per-document counts (the top terms kept with ``top_per_doc``), as
        :func:`corpus_utils.terms.frequency.doc_frequencies` gives them."""
        from corpus_utils.terms.frequency import doc_table_from_counts

        per_doc = {d: dict(self.counts.per_doc[d]) for d in sorted(self.counts.per_doc)}
        return doc_table_from_counts(per_doc, self.counts.n_chars, self.counts.n_words)

    def document_term_counts(self):
        """The :class:`~corpus_utils.terms.dtm.DocumentTermCounts` of the
        corpus, documents in corpus order: the same object
        :func:`corpus_utils.terms.dtm.document_term_counts` builds from the
        loaded corpus (its ``counts`` and sizes). Needs every document's
        counts: count with ``top_per_doc=0``."""
        import pandas as pd

        from corpus_utils.terms.dtm import DocumentTermCounts

        if len(self.counts.per_doc) != self.n_docs:
            raise ValueError("document-term counts need every document's counts: count with top_per_doc=0")
        order = [d for d in self.order if d in self.counts.n_chars] or sorted(self.counts.n_chars)
        rows = [(doc_id, term, count) for doc_id in order for term, count in sorted(self.counts.per_doc[doc_id])]
        counts = pd.DataFrame(rows, columns=["doc_id", "term", "count"]).astype({"count": "int64"})
        docvars = pd.DataFrame({"n_chars": [self.counts.n_chars[d] for d in order],
                                "n_words": [self.counts.n_words[d] for d in order]},
                               index=pd.Index(order, name="doc_id"), dtype="int64")
        return DocumentTermCounts(counts, docvars)


def _corpus_keys(chunks, version: str) -> dict[str, str] | None:
    """Every document's cache key, or ``None`` when a file cannot be read
    (its worker then reports it)."""
    try:
        return {doc_id: file_key(path, version) for chunk in chunks for path, doc_id in chunk}
    except OSError:
        return None


def count_corpus(folder: str | Path, *, workers: int | None = None, scheduler: str | None = None,
                 cache_dir: str | Path | None = None, engine: str = "rjieba", top_per_doc: int | None = None,
                 progress: bool | str = "auto", chunk_bytes: int | None = None, skip_bad: bool = False,
                 connect_timeout: float = CONNECT_TIMEOUT, custom=None) -> CorpusCounts:
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
        Folder of the count cache; ``None`` disables it. A cache that cannot
        be written is used without writing, with one warning.
    engine
        ``rjieba`` (default) or ``jieba``.
    top_per_doc
        Keep per-document counts, limited to the top N terms (0: all terms).
    progress
        Show a tqdm bar: ``True``, ``False`` or ``"auto"`` (in a terminal or
        notebook, for large corpora).
    chunk_bytes
        Size of a unit of work; default about eight chunks per worker.
    skip_bad
        Leave out files that cannot be used, with one warning each and a
        summary warning at the end, instead of stopping at the first.
    connect_timeout
        Seconds to wait for the scheduler, and then for its first worker.
    custom
        A :class:`~corpus_utils.terms.custom.CustomLists`: its words are
        counted whole, its stopwords (when given) replace the packaged list,
        as :func:`corpus_utils.terms.dtm.document_term_counts` counts with
        ``custom``. Both are part of the cache key.

    Returns
    -------
    CorpusCounts
        ``corpus_table()`` equals :func:`corpus_utils.terms.frequency.frequency_table`
        of the loaded corpus (without the skipped files).

    Raises
    ------
    CorpusError
        The first file (in corpus order) that cannot be used, unless ``skip_bad``.
    ClusterError
        See :func:`run_chunks`.
    """
    workers = workers or default_workers()
    chunks, manifest = plan_chunks(folder, chunk_bytes=chunk_bytes, workers=workers)
    config = count_config(manifest, engine=engine, custom=custom, cache_dir=str(cache_dir) if cache_dir else None,
                          top_per_doc=top_per_doc)
    n_docs, n_bytes = sum(len(c) for c in chunks), sum(_size(p) for c in chunks for p, _ in c)
    order = [doc_id for chunk in chunks for _, doc_id in chunk]
    keys, cached = _corpus_cache_entry(chunks, config)
    if cached is not None:
        _warn_empty(cached.empty)
        return CorpusCounts(cached, from_cache=True, order=order)
    if not scheduler:
        warm_up(config)
    run = RunReport(skip_bad=skip_bad, n_files=n_docs)
    options = {"workers": workers, "scheduler": scheduler, "run": run, "connect_timeout": connect_timeout}
    if _blocks_first(config):
        merged = _count_after_blocks(chunks, config, progress=progress, n_bytes=n_bytes, **options)
    else:
        merged = _count_in_one_pass(chunks, config, progress=progress, n_bytes=n_bytes, **options)
    merged.empty.sort()
    if cache_dir and run.cache_error is None:
        _keep_corpus_counts(cache_dir, merged, keys, run)
    run.finish([_empty_message(doc_id) for doc_id in merged.empty])
    return CorpusCounts(merged, skipped=run.skipped, order=order)


def _blocks_first(config: CountConfig) -> bool:
    """Whether to find the shared blocks before counting: for counts cached
    or ranked per document (right as they are made)."""
    return bool(config.cache_dir) or config.top_per_doc is not None


def _count_after_blocks(chunks: list, config: CountConfig, *, progress, n_bytes: int, **options) -> ChunkCounts:
    """Find the shared blocks in a first pass, then clean and count every
    document without them (per-document counts are right as they are made:
    for the cache and ``top_per_doc``)."""
    config = replace(config, blocks=find_corpus_blocks(chunks, config, **options))
    merged = ChunkCounts()
    for partial_counts in run_chunks(count_chunk, chunks, config, progress=progress,
                                     n_docs=sum(len(c) for c in chunks), n_bytes=n_bytes, **options):
        merged.merge(partial_counts)
    return merged


def _count_in_one_pass(chunks: list, config: CountConfig, *, progress, n_bytes: int, **options) -> ChunkCounts:
    """Clean and count every document once, then take out what the shared
    blocks remove (:mod:`corpus_utils.scale.one_pass`); large files, read
    block by block, are counted once the blocks are known."""
    from corpus_utils.corpus.boilerplate import MIN_DOCUMENTS, repeated_blocks_from_counts
    from corpus_utils.scale.one_pass import FirstPass, first_pass_chunk, remove_blocks

    first = FirstPass()
    for part in run_chunks(first_pass_chunk, chunks, config, progress=progress, n_docs=sum(len(c) for c in chunks),
                           n_bytes=n_bytes, **options):
        first.merge(part)
    blocks = (repeated_blocks_from_counts(first.runs.head, first.runs.tail, first.runs.n_docs)
              if sum(len(chunk) for chunk in chunks) >= MIN_DOCUMENTS else RepeatedBlocks())
    remove_blocks(first.counts, first.edges, blocks)
    if first.deferred:
        order = {doc_id: i for i, (_, doc_id) in enumerate(item for chunk in chunks for item in chunk)}
        deferred = [[item] for item in sorted(first.deferred, key=lambda item: order[item[1]])]
        for part in run_chunks(count_chunk, deferred, replace(config, blocks=blocks), progress=False, **options):
            first.counts.merge(part)
    return first.counts


def _corpus_cache_entry(chunks: list, config: CountConfig) -> tuple[dict[str, str] | None, ChunkCounts | None]:
    """The documents' cache keys and the corpus-level cache entry they make,
    when the cache holds it (the shared blocks follow from the keys); only
    corpus totals are cached at corpus level (no ``top_per_doc``)."""
    if not config.cache_dir or config.top_per_doc is not None:
        return None, None
    keys = _corpus_keys(chunks, config.version)
    return keys, (read_corpus_cache(config.cache_dir, keys) if keys is not None else None)


def _keep_corpus_counts(cache_dir: str | Path, merged: ChunkCounts, keys: dict[str, str] | None, run: RunReport) -> None:
    """Write the corpus-level cache entry; a cache that cannot be written is reported once."""
    try:
        write_corpus_cache(cache_dir, merged, keys={doc_id: keys[doc_id] for doc_id in merged.keys} if keys else None)
    except OSError as err:
        run.cache_failed(_cache_write_error(cache_dir, err))


def _empty_message(doc_id: str) -> str:
    return f"{doc_id}: empty file; counted with no words"


def _warn_empty(empty: list[str]) -> None:
    for doc_id in empty:
        warnings.warn(_empty_message(doc_id), CorpusWarning, stacklevel=3)


def default_cache_dir() -> Path:
    """``$CORPUS_UTILS_CACHE``, else ``$XDG_CACHE_HOME/corpus_utils``, else
    ``~/.cache/corpus_utils``."""
    if os.environ.get("CORPUS_UTILS_CACHE"):
        return Path(os.environ["CORPUS_UTILS_CACHE"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "corpus_utils"
