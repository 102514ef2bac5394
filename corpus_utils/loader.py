"""Load a folder of texts into a DataFrame, one row a document."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from corpus_utils.cleaning import clean_text, clean_with_audit, detect_script, han_count, summarize_changes
from corpus_utils.encoding import read_text_file
from corpus_utils.errors import CorpusError, CorpusWarning
from corpus_utils.metadata import MANIFEST_NAME, METADATA_COLUMNS, first_date, first_line_title, read_manifest
from corpus_utils.paths import default_corpus_dir

#: File endings that are read as corpus documents.
TEXT_SUFFIXES = (".txt", ".md")


def list_corpus_files(folder: str | Path) -> list[Path]:
    """All ``.txt``/``.md`` files below ``folder``, sorted by relative path.

    Hidden files and folders (starting with ``.``) are skipped.
    """
    folder = Path(folder)
    if not folder.exists():
        raise CorpusError(folder, "does not exist; pass the folder that holds your .txt files")
    if not folder.is_dir():
        raise CorpusError(folder, "is not a folder")
    files = [
        p for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def corpus_files_and_manifest(folder: Path) -> tuple[list[Path], dict[str, dict[str, str]]]:
    """The corpus files of ``folder`` and its checked manifest (``{}`` without one).

    Raises
    ------
    CorpusError
        No text files, a malformed manifest, or a manifest row naming a
        file that is not in the folder.
    """
    files = list_corpus_files(folder)
    manifest_path = folder / MANIFEST_NAME
    manifest = read_manifest(manifest_path) if manifest_path.exists() else {}
    if not files:
        raise CorpusError(folder, "holds no .txt or .md files; put your texts there as UTF-8 .txt or .md files")
    known = {f.relative_to(folder).as_posix() for f in files}
    missing = sorted(set(manifest) - known)
    if missing:
        raise CorpusError(manifest_path, f"lists {len(missing)} file(s) not in the folder: {', '.join(missing[:5])}")
    return files, manifest


def _doc_id(path: Path, folder: Path) -> str:
    return path.relative_to(folder).with_suffix("").as_posix()


def load_corpus(path: str | Path | None = None, *, clean: bool = True) -> pd.DataFrame:
    """Load every text of a corpus folder.

    Parameters
    ----------
    path
        A folder of ``.txt``/``.md`` files, optionally with a ``metadata.csv``
        manifest (see :func:`~corpus_utils.metadata.read_manifest`). Default:
        the project's ``seeds/``.
    clean
        Run the cleaning pipeline (:data:`~corpus_utils.cleaning.DEFAULT_RULES`).
        With ``False`` the ``text`` column is the decoded raw text.

    Returns
    -------
    pandas.DataFrame
        One row a document, sorted by ``doc_id`` (the path below the folder
        without its suffix): the manifest columns (``title``, ``date``,
        ``organization``, ``level``, ``genre``, ``speakers``, ``source``,
        ``script``, and any extra ones), ``encoding``, ``raw_text``, cleaned
        ``text`` and the counts ``n_chars_raw``, ``n_chars``, ``n_han``.
        Files not in the manifest get the first line as ``title`` and the first
        date in the text as ``date``; ``script`` is detected when not given.

    Raises
    ------
    CorpusError
        A folder that does not exist or holds no text files, an undecodable
        or binary file, a malformed manifest, or a manifest row naming a file
        that is not in the folder.

    Warns
    -----
    CorpusWarning
        For an empty (or whitespace-only) file: it is kept, with empty text.
    """
    folder = Path(path) if path is not None else default_corpus_dir()
    files, manifest = corpus_files_and_manifest(folder)
    extra_columns = [c for row in manifest.values() for c in row if c not in METADATA_COLUMNS]
    extra_columns = sorted(set(extra_columns), key=extra_columns.index)
    rows = [_load_document(f, folder, manifest, extra_columns, clean=clean) for f in files]
    return pd.DataFrame(rows).sort_values("doc_id", kind="stable").reset_index(drop=True)


def _load_document(file: Path, folder: Path, manifest: dict, extra_columns: list[str], *, clean: bool) -> dict:
    decoded = read_text_file(file)
    raw = decoded.text
    if not raw.strip():
        warnings.warn(f"{file.name}: empty file; kept with empty text", CorpusWarning, stacklevel=3)
    text = clean_text(raw) if clean else raw
    meta = manifest.get(file.relative_to(folder).as_posix(), {})
    row = {"doc_id": _doc_id(file, folder), "file": file.relative_to(folder).as_posix()}
    row["title"] = meta.get("title") or first_line_title(text)
    row["date"] = meta.get("date") or first_date(raw)
    for column in ("organization", "level", "genre", "speakers", "source"):
        row[column] = meta.get(column, "")
    row["script"] = meta.get("script") or detect_script(raw)
    row.update({column: meta.get(column, "") for column in extra_columns})
    row.update({
        "encoding": decoded.encoding,
        "raw_text": raw,
        "text": text,
        "n_chars_raw": len(raw),
        "n_chars": len(text),
        "n_han": han_count(text),
    })
    return row


def load_file(path: str | Path, *, clean: bool = True) -> pd.DataFrame:
    """Load one text file as a one-document corpus (same columns as
    :func:`load_corpus`; metadata inferred from the text)."""
    path = Path(path)
    if not path.is_file():
        raise CorpusError(path, "does not exist or is not a file")
    row = _load_document(path, path.parent, {}, [], clean=clean)
    return pd.DataFrame([row])


def cleaning_changes(corpus: pd.DataFrame) -> pd.DataFrame:
    """Every span the cleaning rules changed, one row a change:
    ``doc_id, rule, position, before, after, left, right`` (position and the
    ``left``/``right`` context refer to the text as it was when that rule ran)."""
    rows = []
    for doc_id, raw in zip(corpus["doc_id"], corpus["raw_text"], strict=True):
        _, changes = clean_with_audit(raw)
        rows.extend({"doc_id": doc_id, "rule": c.rule, "position": c.position, "before": c.before, "after": c.after,
                     "left": c.left, "right": c.right} for c in changes)
    return pd.DataFrame(rows, columns=["doc_id", "rule", "position", "before", "after", "left", "right"])


def cleaning_report(corpus: pd.DataFrame, *, only_changed: bool = True) -> pd.DataFrame:
    """What each cleaning rule changed in each document: ``doc_id, rule,
    changes, han_removed, examples`` (see
    :func:`~corpus_utils.cleaning.summarize_changes`)."""
    frames = [summarize_changes(doc_id, clean_with_audit(raw)[1])
              for doc_id, raw in zip(corpus["doc_id"], corpus["raw_text"], strict=True)]
    report = pd.concat(frames, ignore_index=True)
    return report[report["changes"] > 0].reset_index(drop=True) if only_changed else report
