"""Any per-document analysis over a corpus folder of any size, on the
chosen documents only.

:func:`stream_per_document` runs ``analysis(doc_id, text, tokens)`` — a
picklable module-level function returning a table (options bound with
:func:`functools.partial`) — on every document of a folder, one document at
a time, locally in parallel or on a Dask cluster, and concatenates the
tables in corpus order. It is built on the public pieces of
:mod:`corpus_utils.scale.engine`: the files are planned in chunks
(:func:`~corpus_utils.scale.engine.plan_chunks`), the corpus's shared licence
and footer blocks are found in a first pass
(:func:`~corpus_utils.scale.engine.find_corpus_blocks`), each worker reads
and cleans a document (:func:`corpus_utils.corpus.reader.read_document`),
segments it (:func:`corpus_utils.terms.segment.shared_segmenter`) and sends
back only the analysis's rows (:func:`~corpus_utils.scale.engine.run_chunks`).

Choosing documents. ``where`` takes the conditions of
:mod:`corpus_utils.corpus.selection` (``level=central``, ``year>=2000``) on the
variables a document has before it is read: ``doc_id``, ``file`` (its path
below the folder), every column of the folder's ``metadata.csv``, and
``date``, ``year``, ``month``, ``date_precision`` dated as the loader dates
documents (:func:`document_variables`). The files the conditions leave out
are never read — except to date documents the manifest does not date, when a
condition is on a date. The shared blocks are then found among the chosen
documents (at least :data:`corpus_utils.corpus.boilerplate.MIN_DOCUMENTS` of
them), so an analysis of the chosen files equals the same analysis of a
folder holding only those files.

Bad files are handled as in :func:`corpus_utils.scale.engine.count_corpus`:
the first stops the run with a one-line error naming it, or, with
``skip_bad=True``, each is left out with one warning and a summary; the
skipped files are in ``table.attrs["skipped"]``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from corpus_utils.corpus.reader import read_document
from corpus_utils.scale.engine import (
    CONNECT_TIMEOUT,
    MIN_CHUNK_BYTES,
    ChunkCounts,
    ChunkReport,
    CorpusCounts,
    CountConfig,
    RunReport,
    count_chunk,
    count_config,
    each_document,
    find_corpus_blocks,
    plan_chunks,
    run_chunks,
    settle,
    warm_up,
)
from corpus_utils.scale.streaming import manifest_columns, manifest_name, stream_term_counts

#: Document variables computed from each document's date.
DATE_COLUMNS = ("date", "year", "month", "date_precision")


@dataclass(frozen=True)
class DocumentConfig:
    """What a worker needs: the cleaning and segmentation configuration, the
    analysis, and whether the analysis needs the document's tokens."""

    count: CountConfig
    analysis: Callable | None = None
    tokens: bool = True


@dataclass
class DocumentPlan:
    """The chosen documents of a folder, chunked, with what a run needs.

    ``chunks`` hold ``(path, doc_id)`` of the chosen files; ``docvars`` the
    variables of the chosen documents (index ``doc_id``, corpus order);
    ``config`` the segmentation configuration with the shared blocks of the
    chosen documents; ``run`` gathers warnings and bad files."""

    folder: Path
    chunks: list[list[tuple[str, str]]]
    docvars: pd.DataFrame
    config: CountConfig
    run: RunReport
    options: dict = field(default_factory=dict)

    @property
    def doc_ids(self) -> list[str]:
        """The chosen documents not skipped so far, in corpus order."""
        skipped = self.run.skipped
        return [doc_id for chunk in self.chunks for path, doc_id in chunk if path not in skipped]

    def live_chunks(self) -> list[list[tuple[str, str]]]:
        """The chunks without the files an earlier pass skipped."""
        skipped = self.run.skipped
        kept = [[item for item in chunk if item[0] not in skipped] for chunk in self.chunks]
        return [chunk for chunk in kept if chunk]


def _dates_table(values: Sequence[str], index: pd.Index) -> pd.DataFrame:
    from corpus_utils.corpus.metadata import date_parts

    parts = [date_parts(value or "") for value in values]
    return pd.DataFrame({"date": [p.iso for p in parts],
                         "year": pd.array([p.year for p in parts], dtype="Int64"),
                         "month": pd.array([p.month for p in parts], dtype="Int64"),
                         "date_precision": [p.precision for p in parts]}, index=index)


def _streamed_dates(folder: Path, index: pd.Index, run_options: dict) -> pd.DataFrame:
    """Dates of documents the manifest does not date: as the loader infers
    them (front matter, file name, text), in one pass over the files."""
    dated = stream_term_counts(folder, (), progress=False, **run_options)["date"]
    return _dates_table([dated.get(doc_id, "") for doc_id in index], index)


def _manifest_table(folder: Path, chunks: list, manifest: dict) -> pd.DataFrame:
    """``file`` and the manifest columns of every planned document (index ``doc_id``)."""
    items = [item for chunk in chunks for item in chunk]
    files = [manifest_name(path, folder) for path, _ in items]
    columns = manifest_columns(manifest)
    values = {column: [manifest.get(f, {}).get(column) or "" for f in files] for column in columns}
    return pd.DataFrame({"file": files, **values}, index=pd.Index([doc_id for _, doc_id in items], name="doc_id"))


def document_variables(folder: str | Path, chunks: list, manifest: dict, *, dates: bool = False,
                       run_options: dict | None = None) -> pd.DataFrame:
    """The variables of every planned document before it is analysed.

    Parameters
    ----------
    folder, chunks, manifest
        From :func:`corpus_utils.scale.engine.plan_chunks`.
    dates
        Also ``date, year, month, date_precision``: from the manifest when it
        dates every document (nothing is read), else as the loader dates each
        document (one pass reading the files;
        :func:`corpus_utils.scale.streaming.stream_term_counts`).
    run_options
        ``workers``, ``scheduler``, ``skip_bad``, ``connect_timeout`` of that pass.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (corpus order): ``file``, then every manifest column
        (empty text where a row leaves it out), then the date columns.
    """
    folder = Path(folder)
    table = _manifest_table(folder, chunks, manifest)
    if not dates:
        return table
    given = table["date"].tolist() if "date" in table else [""] * len(table)
    dated = _dates_table(given, table.index) if all(given) else _streamed_dates(folder, table.index, run_options or {})
    return table.drop(columns=[c for c in DATE_COLUMNS if c in table]).join(dated)


def _conditions(where) -> list:
    from corpus_utils.corpus.selection import parse_condition

    if where is None:
        return []
    return [parse_condition(w) if isinstance(w, str) else w for w in ([where] if isinstance(where, str) else where)]


def choose_documents(docvars: pd.DataFrame, where, *, option: str = "--where") -> pd.DataFrame:
    """The rows of ``docvars`` where every condition of ``where`` holds
    (``option`` names the conditions in a message).

    Raises
    ------
    ValueError
        A condition on a variable the documents do not have (the message lists
        those they have), or conditions that choose no document.
    """
    from corpus_utils.corpus.selection import document_mask

    conditions = _conditions(where)
    if not conditions:
        return docvars
    variables = docvars.reset_index() if docvars.index.name == "doc_id" and "doc_id" not in docvars else docvars
    chosen = docvars[document_mask(variables, conditions).to_numpy()]  # doc_id is a variable too
    if chosen.empty:
        shown = " and ".join(str(c) for c in conditions)
        raise ValueError(f"{option} {shown}: no document matches (of {len(docvars)}); check the values with the "
                         "overview command")
    return chosen


def plan_documents(folder: str | Path, *, where=None, dates: bool = False, engine: str = "rjieba",
                   workers: int | None = None, scheduler: str | None = None, skip_bad: bool = False,
                   connect_timeout: float = CONNECT_TIMEOUT, custom=None) -> DocumentPlan:
    """Plan a run over the documents of ``folder`` that ``where`` chooses.

    ``dates``: the plan's ``docvars`` hold the date columns (they are
    computed anyway when a condition is on one of them). The shared blocks of
    the chosen documents are found here (a first pass over them).
    ``custom`` (a :class:`~corpus_utils.terms.custom.CustomLists`): its words
    are kept whole by the segmenter and its stopwords used
    (:func:`corpus_utils.scale.engine.count_config`), in this plan's
    ``config`` and so in every analysis and count of the plan.

    Raises
    ------
    ValueError
        See :func:`choose_documents`.
    corpus_utils.errors.CorpusError
        The folder is not a corpus; the first bad file (unless ``skip_bad``).
    """
    folder = Path(folder)
    chunks, manifest = plan_chunks(folder, chunk_bytes=MIN_CHUNK_BYTES)
    run_options = {"workers": workers, "scheduler": scheduler, "skip_bad": skip_bad,
                   "connect_timeout": connect_timeout}
    needs_dates = dates or any(c.column in DATE_COLUMNS for c in _conditions(where))
    docvars = choose_documents(document_variables(folder, chunks, manifest, dates=needs_dates,
                                                  run_options=run_options), where)
    chosen = set(docvars.index)
    chunks = [kept for kept in ([item for item in chunk if item[1] in chosen] for chunk in chunks) if kept]
    config = count_config(manifest, engine=engine, custom=custom)
    if not scheduler:
        warm_up(config)
    run = RunReport(skip_bad=skip_bad, n_files=len(chosen))
    blocks = find_corpus_blocks(chunks, config, workers=workers, scheduler=scheduler, run=run,
                                connect_timeout=connect_timeout)
    return DocumentPlan(folder, chunks, docvars, replace(config, blocks=blocks), run,
                        {"workers": workers, "scheduler": scheduler, "connect_timeout": connect_timeout})


def _analyse(path: str, doc_id: str, config: DocumentConfig, report: ChunkReport) -> pd.DataFrame:
    text = read_document(path, blocks=config.count.blocks, problems=report.notes)
    tokens = config.count.segmenter().tokens(text) if config.tokens else None
    return config.analysis(doc_id, text, tokens)


def analysis_chunk(chunk, config: DocumentConfig, report: ChunkReport | None = None) -> list[tuple[str, pd.DataFrame]]:
    """``(doc_id, table)`` of each document of a chunk: the unit of parallel work."""
    own = report is None
    report = ChunkReport() if own else report
    found = list(each_document(chunk, report, lambda path, doc_id: _analyse(path, doc_id, config, report)))
    if own:
        settle(report)
    return found


def analyse_documents(plan: DocumentPlan, analysis: Callable, *, empty: pd.DataFrame, tokens: bool = True,
                      progress: bool | str = "auto") -> pd.DataFrame:
    """Run ``analysis`` on every chosen document of ``plan`` (see
    :func:`stream_per_document`); the tables in corpus order, ``empty``
    when no document gave a row. Call ``plan.run.finish()`` after the last pass."""
    config = DocumentConfig(plan.config, analysis, tokens)
    by_doc: dict[str, pd.DataFrame] = {}
    for found in run_chunks(analysis_chunk, plan.live_chunks(), config, progress=progress, run=plan.run,
                            **plan.options):
        by_doc.update(found)
    frames = [by_doc[doc_id] for doc_id in plan.doc_ids if doc_id in by_doc and len(by_doc[doc_id])]
    return pd.concat(frames, ignore_index=True) if frames else empty.iloc[:0].copy()


def stream_per_document(folder: str | Path, analysis: Callable, *, empty: pd.DataFrame, where=None,
                        workers: int | None = None, scheduler: str | None = None, progress: bool | str = "auto",
                        skip_bad: bool = False, connect_timeout: float = CONNECT_TIMEOUT, engine: str = "rjieba",
                        tokens: bool = True, custom=None) -> pd.DataFrame:
    """``analysis(doc_id, text, tokens)`` of every document of ``folder``
    that ``where`` chooses, concatenated in corpus order.

    Parameters
    ----------
    folder
        A corpus folder (see :func:`corpus_utils.load_corpus`).
    analysis
        A picklable module-level function (options bound with
        :func:`functools.partial`) of the document's id, its cleaned text
        (shared blocks removed, as :func:`corpus_utils.load_corpus` gives it)
        and its tokens (every token, punctuation included, as
        :func:`corpus_utils.terms.segment.tokens_by_doc` gives them; ``None``
        with ``tokens=False``), returning a table.
    empty
        The table with its columns, returned when no document gives a row.
    where
        Conditions choosing the documents (see the module docstring).
    workers, scheduler, progress, skip_bad, connect_timeout, engine
        As in :func:`corpus_utils.scale.engine.count_corpus`.
    tokens
        Segment each document (``False``: the analysis uses the text only).
    custom
        A :class:`~corpus_utils.terms.custom.CustomLists`: its words are kept
        whole in the tokens (see :func:`plan_documents`).

    Returns
    -------
    pandas.DataFrame
        The analyses' tables, documents in corpus order; skipped files in
        ``table.attrs["skipped"]``.
    """
    plan = plan_documents(folder, where=where, engine=engine, workers=workers, scheduler=scheduler,
                          skip_bad=skip_bad, connect_timeout=connect_timeout, custom=custom)
    table = analyse_documents(plan, analysis, empty=empty, tokens=tokens, progress=progress)
    plan.run.finish()
    table.attrs["skipped"] = plan.run.skipped
    return table


def count_documents(plan: DocumentPlan, *, cache_dir: str | Path | None = None, top_per_doc: int | None = 0,
                    progress: bool | str = "auto") -> CorpusCounts:
    """The word counts of the chosen documents of ``plan``, as
    :func:`corpus_utils.scale.engine.count_corpus` counts a folder (same
    cache, same per-document counts); finishes the run.

    ``top_per_doc=0`` keeps every document's counts
    (``.document_term_counts()``)."""
    config = replace(plan.config, cache_dir=str(cache_dir) if cache_dir else None, top_per_doc=top_per_doc)
    merged = ChunkCounts()
    for part in run_chunks(count_chunk, plan.live_chunks(), config, progress=progress, run=plan.run, **plan.options):
        merged.merge(part)
    merged.empty.sort()
    plan.run.finish([f"{doc_id}: empty file; counted with no words" for doc_id in merged.empty])
    return CorpusCounts(merged, skipped=plan.run.skipped, order=plan.doc_ids)
