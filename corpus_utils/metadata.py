"""The corpus manifest (``metadata.csv``) and metadata inferred from a text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from corpus_utils import _patterns as P
from corpus_utils.encoding import read_text_file
from corpus_utils.errors import CorpusError

MANIFEST_NAME = "metadata.csv"
#: The manifest's documented columns; only ``file`` is required.
METADATA_COLUMNS = ("file", "title", "date", "organization", "level", "genre", "speakers", "source", "script")
SCRIPTS = ("simplified", "traditional")


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """Read ``metadata.csv``: one row a file, keyed by the ``file`` column.

    Any encoding :func:`~corpus_utils.encoding.read_text_file` reads is
    accepted (an Excel-saved CSV is often GBK with a BOM and CRLF). Columns
    beyond :data:`METADATA_COLUMNS` are kept; missing optional columns are
    filled from the text.

    Raises
    ------
    CorpusError
        No ``file`` column, an empty or duplicate file name, a row with too
        many fields, a date that is not ISO 8601, or an unknown script.
    """
    path = Path(path)
    text = read_text_file(path).text
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CorpusError(path, "is empty; it needs at least a header row with a 'file' column") from None
    if "file" not in header:
        raise CorpusError(path, f"has no 'file' column (columns: {', '.join(header) or 'none'})")
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise CorpusError(path, f"repeats the column(s) {', '.join(dup)}")
    rows: dict[str, dict[str, str]] = {}
    for line_no, fields in enumerate(reader, start=2):
        if not any(f.strip() for f in fields):
            continue
        if len(fields) > len(header):
            raise CorpusError(path, f"line {line_no} has {len(fields)} fields but the header has {len(header)}")
        row = {h: (fields[i].strip() if i < len(fields) else "") for i, h in enumerate(header)}
        name = row["file"]
        if not name:
            raise CorpusError(path, f"line {line_no} has an empty 'file' value")
        if name in rows:
            raise CorpusError(path, f"line {line_no} lists '{name}' a second time")
        if row.get("date"):
            row["date"] = _check_date(row["date"], path, line_no)
        if row.get("script") and row["script"] not in SCRIPTS:
            raise CorpusError(path, f"line {line_no}: script '{row['script']}' is not one of {', '.join(SCRIPTS)}")
        rows[name] = row
    return rows


def _check_date(value: str, path: Path, line_no: int) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise CorpusError(path, f"line {line_no}: date '{value}' is not ISO 8601 (YYYY-MM-DD)") from None


def first_date(text: str) -> str:
    """The first complete date in ``text`` as ISO 8601, or ``""``.

    Recognises ``2021-11-01``, ``2021/11/1``, ``2021.11.01`` and
    ``2021年3月11日``; impossible dates (``2021-13-40``) are skipped.
    """
    found = []
    for pattern in (P.DATE_ISO, P.DATE_CHINESE):
        for match in pattern.finditer(text):
            try:
                date = dt.date(*(int(g) for g in match.groups()))
            except ValueError:
                continue
            found.append((match.start(), date.isoformat()))
            break
    return min(found)[1] if found else ""


def first_line_title(text: str, *, max_chars: int = 60) -> str:
    """The first non-empty line of a cleaned text, shortened to ``max_chars``."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= max_chars else line[: max_chars - 1] + "…"
    return ""
