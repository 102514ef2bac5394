"""Per-document analyses (slogans, outlines) over a corpus folder of any
size, locally in parallel or on a Dask cluster.

Each chunk of files is loaded, cleaned and segmented in the worker and only
the result rows come back. Slogan extraction needs one piece of corpus-level
evidence — numbered expressions quoted as formulae anywhere in the corpus —
so it runs in two passes: the first collects those, the second extracts.
The result equals :func:`corpus_utils.slogans.extract.extract_slogans` on the loaded
corpus.

Bad files are handled as in :func:`corpus_utils.scale.engine.count_corpus`: the
first one stops the run with a one-line error naming it, or, with
``skip_bad=True``, each is left out with a warning and a summary; the
skipped files are in ``table.attrs["skipped"]``. Each document is analysed
whole (positions and outlines span the document), so unlike counting, one
huge file is held in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from corpus_utils.corpus.reader import read_document
from corpus_utils.scale.engine import (
    CONNECT_TIMEOUT,
    MIN_CHUNK_BYTES,
    ChunkReport,
    CountConfig,
    RunReport,
    count_config,
    each_document,
    find_corpus_blocks,
    plan_chunks,
    run_chunks,
    settle,
    warm_up,
)


@dataclass(frozen=True)
class AnalysisConfig:
    """What a worker needs to analyse documents."""

    count: CountConfig
    known: frozenset[str] = frozenset()
    use_lexicon: bool = True
    #: A researcher's own slogan-lexicon entries (:attr:`corpus_utils.terms.custom.CustomLists.slogans`).
    slogans: tuple = ()
    #: The terms to count (:func:`stream_term_counts`), and each document's manifest date.
    terms: tuple[str, ...] = ()
    dates: dict[str, str] = field(default_factory=dict)


def _clean_text(path: str, report: ChunkReport, config: AnalysisConfig) -> str:
    """The cleaned text of one file, without the corpus's shared blocks; its
    decoding warnings go to ``report``."""
    return read_document(path, blocks=config.count.blocks, problems=report.notes)


def _own_report(report: ChunkReport | None) -> ChunkReport:
    return ChunkReport() if report is None else report


def _raise_if_stopped(report: ChunkReport, own: bool) -> None:
    if own:
        settle(report)


def quoted_formulae_chunk(chunk, config: AnalysisConfig, report: ChunkReport | None = None) -> frozenset[str]:
    """Pass 1: numbered formulae quoted anywhere in the chunk."""
    from corpus_utils.slogans.extract import quoted_formulae

    own, report = report is None, _own_report(report)
    found = frozenset().union(*(f for _, f in each_document(
        chunk, report, lambda path, _: quoted_formulae([_clean_text(path, report, config)],
                                                       custom_slogans=config.slogans))))
    _raise_if_stopped(report, own)
    return found


def _slogans_of(path: str, doc_id: str, config: AnalysisConfig, report: ChunkReport) -> pd.DataFrame:
    from corpus_utils.slogans.extract import extract_from_text

    text = _clean_text(path, report, config)
    tokens = config.count.segmenter().tokens(text)
    return extract_from_text(text, tokens, doc_id=doc_id, known=config.known, use_lexicon=config.use_lexicon,
                             custom_slogans=config.slogans)


def slogans_chunk(chunk, config: AnalysisConfig, report: ChunkReport | None = None) -> pd.DataFrame:
    """Pass 2: slogan extraction for each document of the chunk."""
    own, report = report is None, _own_report(report)
    frames = [f for _, f in each_document(chunk, report, lambda path, doc_id: _slogans_of(path, doc_id, config, report))]
    _raise_if_stopped(report, own)
    return pd.concat(frames, ignore_index=True) if frames else empty_slogans()


def _outline_of(path: str, doc_id: str, config: AnalysisConfig, report: ChunkReport) -> pd.DataFrame:
    from corpus_utils.rhetoric.outline import outline_table

    text = _clean_text(path, report, config)
    return outline_table(text, doc_id=doc_id, tokens=config.count.segmenter().tokens(text))


def outline_chunk(chunk, config: AnalysisConfig, report: ChunkReport | None = None) -> pd.DataFrame:
    """The outline table of each document of the chunk."""
    own, report = report is None, _own_report(report)
    frames = [f for _, f in each_document(chunk, report, lambda path, doc_id: _outline_of(path, doc_id, config, report))]
    _raise_if_stopped(report, own)
    return pd.concat(frames, ignore_index=True) if frames else empty_outline()


def _document_date(raw: str, *, name: str, given: str, report: ChunkReport) -> str:
    """The date the loader would give a document: its manifest's, its front
    matter's, else inferred (warnings about its front matter go to ``report``)."""
    import warnings

    from corpus_utils.corpus.loader import infer_date
    from corpus_utils.corpus.metadata import read_front_matter

    if given:
        return given
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        date = read_front_matter(raw, name=name).get("date") or infer_date(raw, name=name)
    report.notes.extend(str(w.message) for w in caught)
    return date


def _term_counts_of(path: str, doc_id: str, config: AnalysisConfig, report: ChunkReport) -> dict:
    from corpus_utils.corpus.metadata import date_parts
    from corpus_utils.corpus.reader import read_file
    from corpus_utils.terms.frequency import count_terms

    document = read_file(path, warn=False, blocks=config.count.blocks, problems=report.notes)
    text = document.text
    date = date_parts(_document_date(document.decoded.text, name=Path(path).name, given=config.dates.get(doc_id, ""),
                                     report=report))
    counts = count_terms({doc_id: text}, list(config.terms)).loc[doc_id]
    return {"doc_id": doc_id, "date": date.iso, "year": date.year, "n_chars": len(text),
            **{term: int(counts[term]) for term in config.terms}}


def term_counts_chunk(chunk, config: AnalysisConfig, report: ChunkReport | None = None) -> list[dict]:
    """The formulation counts of :attr:`AnalysisConfig.terms` in each document of the chunk."""
    own, report = report is None, _own_report(report)
    rows = [row for _, row in each_document(chunk, report,
                                            lambda path, doc_id: _term_counts_of(path, doc_id, config, report))]
    _raise_if_stopped(report, own)
    return rows


def empty_slogans() -> pd.DataFrame:
    """The slogan table with its columns and no rows."""
    from corpus_utils.slogans.extract import extract_from_text

    return extract_from_text("", [], known=frozenset(), use_lexicon=False).iloc[:0]


def empty_outline() -> pd.DataFrame:
    """The outline table with its columns and no rows."""
    from corpus_utils.rhetoric.outline import outline_table

    return outline_table("", tokens=[]).iloc[:0]


def _plan(folder, engine, workers, scheduler, run_options, custom=None) -> tuple[list, AnalysisConfig, RunReport]:
    """The chunks, the configuration with the corpus's shared blocks (a first
    pass, :func:`corpus_utils.scale.engine.find_corpus_blocks`) and the run;
    ``custom`` (:class:`~corpus_utils.terms.custom.CustomLists`) goes into
    the configuration, so the workers receive its lists."""
    chunks, manifest = plan_chunks(folder, chunk_bytes=MIN_CHUNK_BYTES)
    count = count_config(manifest, engine=engine, custom=custom)
    dates = {doc_id: manifest.get(manifest_name(path, folder), {}).get("date", "") for chunk in chunks for path, doc_id in chunk}
    if not scheduler:
        warm_up(count)
    run = RunReport(skip_bad=run_options["skip_bad"], n_files=sum(len(c) for c in chunks))
    blocks = find_corpus_blocks(chunks, count, workers=workers, scheduler=scheduler, run=run,
                                connect_timeout=run_options["connect_timeout"])
    slogans = tuple(custom.slogans) if custom is not None else ()
    return chunks, AnalysisConfig(replace(count, blocks=blocks), dates=dates, slogans=slogans), run


def manifest_name(path: str, folder: str | Path) -> str:
    """``path`` below ``folder``, as the manifest names it."""
    try:
        return Path(path).relative_to(folder).as_posix()
    except ValueError:
        return Path(path).name


def _without(chunks, skipped) -> list:
    """The chunks without the files a first pass skipped."""
    kept = [[item for item in chunk if item[0] not in skipped] for chunk in chunks]
    return [chunk for chunk in kept if chunk]


def _collect(frames, sort_by, empty: pd.DataFrame) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return empty
    return pd.concat(frames, ignore_index=True).sort_values(sort_by, kind="stable").reset_index(drop=True)


def stream_slogans(folder: str | Path, *, workers: int | None = None, scheduler: str | None = None,
                   engine: str = "rjieba", use_lexicon: bool = True, kinds: tuple[str, ...] | None = None,
                   progress: bool | str = "auto", skip_bad: bool = False,
                   connect_timeout: float = CONNECT_TIMEOUT, custom=None) -> pd.DataFrame:
    """:func:`corpus_utils.slogans.extract.extract_slogans` for a folder, chunk by chunk.

    A corpus without slogans gives the table with its columns and no rows.
    ``custom`` (:class:`~corpus_utils.terms.custom.CustomLists`): its slogans
    join the slogan lexicon and its words are kept whole, as in
    ``extract_slogans(..., custom=custom)``. ``skip_bad``,
    ``connect_timeout`` and the errors raised: see
    :func:`corpus_utils.scale.engine.count_corpus`; skipped files are listed in
    ``table.attrs["skipped"]``.
    """
    from corpus_utils.slogans.extract import corpus_formulae, filter_kinds

    chunks, config, run = _plan(folder, engine, workers, scheduler,
                                {"skip_bad": skip_bad, "connect_timeout": connect_timeout}, custom)
    options = {"workers": workers, "scheduler": scheduler, "progress": progress, "run": run,
               "connect_timeout": connect_timeout}
    quoted: set[str] = set()
    for found in run_chunks(quoted_formulae_chunk, _without(chunks, run.skipped), config, **options):
        quoted |= found
    known = corpus_formulae(quoted, use_lexicon=use_lexicon, custom_slogans=config.slogans)
    config = replace(config, known=known, use_lexicon=use_lexicon)
    table = _collect(run_chunks(slogans_chunk, _without(chunks, run.skipped), config, **options),
                     ["doc_id", "first_position", "slogan"], empty_slogans())
    run.finish()
    table = filter_kinds(table, kinds)
    table.attrs["skipped"] = run.skipped
    return table


def stream_outlines(folder: str | Path, *, workers: int | None = None, scheduler: str | None = None,
                    engine: str = "rjieba", progress: bool | str = "auto", skip_bad: bool = False,
                    connect_timeout: float = CONNECT_TIMEOUT, custom=None) -> pd.DataFrame:
    """The outline table of every document of a folder, chunk by chunk.

    ``custom`` (:class:`~corpus_utils.terms.custom.CustomLists`): its words
    are kept whole in the tokens the outline parser reads. ``skip_bad``,
    ``connect_timeout`` and the errors raised: see
    :func:`corpus_utils.scale.engine.count_corpus`; skipped files are listed in
    ``table.attrs["skipped"]``.
    """
    chunks, config, run = _plan(folder, engine, workers, scheduler,
                                {"skip_bad": skip_bad, "connect_timeout": connect_timeout}, custom)
    frames = list(run_chunks(outline_chunk, _without(chunks, run.skipped), config, workers=workers, scheduler=scheduler,
                             progress=progress,
                             run=run, connect_timeout=connect_timeout))
    run.finish()
    frames = [f for f in frames if len(f)]
    if not frames:
        table = empty_outline()
    else:
        order = {doc_id: i for i, doc_id in enumerate(sorted({d for f in frames for d in f["doc_id"]}))}
        table = pd.concat(frames, ignore_index=True)
        table = table.sort_values("doc_id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
    table.attrs["skipped"] = run.skipped
    return table


def stream_term_counts(folder: str | Path, terms: Sequence[str], *, workers: int | None = None,
                       scheduler: str | None = None, engine: str = "rjieba", progress: bool | str = "auto",
                       skip_bad: bool = False, connect_timeout: float = CONNECT_TIMEOUT,
                       custom=None) -> pd.DataFrame:
    """The formulation count of ``terms`` in every document of a folder,
    chunk by chunk: what :func:`corpus_utils.terms.frequency.count_terms`
    gives on the loaded corpus, with the document variables trends need.

    Returns
    -------
    pandas.DataFrame
        Index ``doc_id`` (sorted, as :func:`corpus_utils.load_corpus` orders
        documents): ``date``, ``year`` (nullable ``Int64``) and ``n_chars`` as
        the loader gives them (shared blocks removed), then one column a term.
        ``skip_bad``, ``connect_timeout`` and the errors raised: see
        :func:`corpus_utils.scale.engine.count_corpus`; skipped files are
        listed in ``table.attrs["skipped"]``.

    Notes
    -----
    ``custom`` is accepted so that every streamed analysis takes the same
    options; formulation counts are substring counts (``text.count(term)``),
    which no word list or stopword changes.
    """
    terms = tuple(dict.fromkeys(terms))
    chunks, config, run = _plan(folder, engine, workers, scheduler,
                                {"skip_bad": skip_bad, "connect_timeout": connect_timeout}, custom)
    config = replace(config, terms=terms)
    rows = [row for found in run_chunks(term_counts_chunk, _without(chunks, run.skipped), config, workers=workers,
                                        scheduler=scheduler, progress=progress, run=run,
                                        connect_timeout=connect_timeout) for row in found]
    run.finish()
    table = pd.DataFrame(rows, columns=["doc_id", "date", "year", "n_chars", *terms]).sort_values("doc_id")
    table = table.set_index("doc_id").astype({"n_chars": "int64", **{term: "int64" for term in terms}})
    table["year"] = pd.array([pd.NA if pd.isna(v) else int(v) for v in table["year"]], dtype="Int64")
    table.attrs["skipped"] = run.skipped
    return table


#: The periods ``--group-by`` knows; anything else is a manifest column.
PERIODS = ("year", "decade", "era")


def stream_docvars(folder: str | Path, counts, *, group_by: str, breaks: Sequence[int], names: Sequence[str] | None,
                   **run_options):
    """The document-term ``counts`` of a folder with the document variable
    to group by: a period (``year``, ``decade``, ``era`` with ``breaks`` and
    ``names``: see :func:`corpus_utils.change.periods.period_labels`), dated
    as the loader dates documents (from the manifest alone when it dates
    every document, else in one more pass over the files:
    :func:`corpus_utils.scale.per_document.document_variables`), or a column
    of the folder's manifest.

    Returns
    -------
    tuple
        The :class:`~corpus_utils.terms.dtm.DocumentTermCounts` and the name
        of the grouping column (``period`` for a period).

    Raises
    ------
    ValueError
        ``group_by`` is neither a period nor a manifest column.
    """
    from corpus_utils.change.periods import with_periods
    from corpus_utils.scale.per_document import document_variables
    from corpus_utils.terms.dtm import DocumentTermCounts

    folder = Path(folder)
    chunks, manifest = plan_chunks(folder, chunk_bytes=MIN_CHUNK_BYTES)
    dating = {key: value for key, value in run_options.items() if key != "progress"}  # the dating pass is silent
    variables = document_variables(folder, chunks, manifest, dates=group_by in PERIODS, run_options=dating)
    variables = variables.reindex(counts.docvars.index)
    if group_by in PERIODS:
        docvars = with_periods(counts.docvars.join(variables[["date", "year"]]), by=group_by, breaks=breaks,
                               names=names, column="period")
        return DocumentTermCounts(counts.counts, docvars), "period"
    if group_by not in manifest_columns(manifest):
        raise ValueError(f"group by {group_by!r}: neither a period ({', '.join(PERIODS)}) nor a column of "
                         f"{folder.name}/metadata.csv")
    docvars = counts.docvars.assign(**{group_by: variables[group_by].fillna("").to_numpy()})
    return DocumentTermCounts(counts.counts, docvars), group_by


def manifest_columns(manifest: dict) -> list[str]:
    """The columns of a folder's manifest (``file`` aside), in order of first use."""
    return list(dict.fromkeys(column for row in manifest.values() for column in row if column != "file"))
