"""Per-document analyses (slogans, outlines) over a corpus folder of any
size, locally in parallel or on a Dask cluster.

Each chunk of files is loaded, cleaned and segmented in the worker and only
the result rows come back. Slogan extraction needs one piece of corpus-level
evidence — numbered expressions quoted as formulae anywhere in the corpus —
so it runs in two passes: the first collects those, the second extracts.
The result equals :func:`corpus_utils.slogans.extract_slogans` on the loaded
corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from corpus_utils.pipeline import (
    MIN_CHUNK_BYTES,
    CountConfig,
    _segmenter,
    plan_chunks,
    run_chunks,
    warm_up,
)
from corpus_utils.segment import names_from_metadata


@dataclass(frozen=True)
class AnalysisConfig:
    """What a worker needs to analyse documents."""

    count: CountConfig
    known: frozenset[str] = frozenset()
    use_lexicon: bool = True


def _documents(chunk):
    from corpus_utils.cleaning import clean_text
    from corpus_utils.encoding import read_text_file

    for path, doc_id in chunk:
        yield doc_id, clean_text(read_text_file(path).text)


def quoted_formulae_chunk(chunk, config: AnalysisConfig) -> frozenset[str]:
    """Pass 1: numbered formulae quoted anywhere in the chunk."""
    from corpus_utils.slogans import quoted_formulae

    return quoted_formulae(text for _, text in _documents(chunk))


def slogans_chunk(chunk, config: AnalysisConfig) -> pd.DataFrame:
    """Pass 2: slogan extraction for each document of the chunk."""
    from corpus_utils.slogans import extract_from_text

    segmenter = _segmenter(config.count.engine, config.count.extra_words)
    frames = [extract_from_text(text, segmenter.tokens(text), doc_id=doc_id, known=config.known,
                                use_lexicon=config.use_lexicon) for doc_id, text in _documents(chunk)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def outline_chunk(chunk, config: AnalysisConfig) -> pd.DataFrame:
    """The outline table of each document of the chunk."""
    from corpus_utils.outline import outline_table

    segmenter = _segmenter(config.count.engine, config.count.extra_words)
    frames = [outline_table(text, doc_id=doc_id, tokens=segmenter.tokens(text)) for doc_id, text in _documents(chunk)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _plan(folder, engine):
    chunks, manifest = plan_chunks(folder, chunk_bytes=MIN_CHUNK_BYTES)
    config = AnalysisConfig(CountConfig(engine=engine, extra_words=names_from_metadata(manifest.values())))
    warm_up(config.count)
    return chunks, config


def _collect(frames, sort_by) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame()
    return pd.concat(frames, ignore_index=True).sort_values(sort_by, kind="stable").reset_index(drop=True)


def stream_slogans(folder: str | Path, *, workers: int | None = None, scheduler: str | None = None,
                   engine: str = "rjieba", use_lexicon: bool = True, kinds: tuple[str, ...] | None = None,
                   progress: bool | str = "auto") -> pd.DataFrame:
    """:func:`corpus_utils.slogans.extract_slogans` for a folder, chunk by chunk."""
    from corpus_utils.slogans import filter_kinds, known_formulae

    chunks, config = _plan(folder, engine)
    quoted: set[str] = set()
    for found in run_chunks(quoted_formulae_chunk, chunks, config, workers=workers, scheduler=scheduler,
                            progress=progress):
        quoted |= found
    known = (known_formulae() if use_lexicon else frozenset()) | frozenset(quoted)
    config = replace(config, known=known, use_lexicon=use_lexicon)
    table = _collect(run_chunks(slogans_chunk, chunks, config, workers=workers, scheduler=scheduler,
                                progress=progress), ["doc_id", "first_position", "slogan"])
    return filter_kinds(table, kinds)


def stream_outlines(folder: str | Path, *, workers: int | None = None, scheduler: str | None = None,
                    engine: str = "rjieba", progress: bool | str = "auto") -> pd.DataFrame:
    """The outline table of every document of a folder, chunk by chunk."""
    chunks, config = _plan(folder, engine)
    frames = list(run_chunks(outline_chunk, chunks, config, workers=workers, scheduler=scheduler, progress=progress))
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame()
    order = {doc_id: i for i, doc_id in enumerate(sorted({d for f in frames for d in f["doc_id"]}))}
    table = pd.concat(frames, ignore_index=True)
    return table.sort_values("doc_id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
