"""Writing a result table to a file whose extension names the format.

:func:`write_table` writes any table the package returns as CSV, JSON,
Excel or Parquet, atomically (a temporary file in the same folder renamed
into place: a failed write leaves the previous file as it was), and
byte-for-byte the same on every run (no timestamps in the Excel file).

* ``.csv``: UTF-8, ``\\n`` line ends, floats with four decimals, no index;
* ``.json``: a list of records, Chinese kept as it is (``force_ascii=False``),
  indent 1, missing values as ``null``, floats with 15 significant digits;
* ``.xlsx``: one sheet named ``table`` (openpyxl); a text cell that Excel
  would run as a formula (starting with ``=``, ``+``, ``-`` or ``@``: CSV/formula
  injection, OWASP) is stored as text, never as a formula;
* ``.parquet``: pyarrow; ``DataFrame.attrs`` (such as the skipped files)
  are not stored.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO

import pandas as pd

#: The file extensions :func:`write_table` knows, each with its format.
TABLE_FORMATS = {".csv": "CSV (UTF-8)", ".json": "JSON records", ".xlsx": "Excel workbook", ".parquet": "Parquet"}

#: Text cells starting with one of these are formulas to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@")

#: The fixed time stamp of every part of an Excel file (ZIP entries and document properties).
FIXED_TIME = datetime(2000, 1, 1)


def table_format(path: str | Path) -> str:
    """The extension of ``path`` (lower case) when :func:`write_table` knows it.

    Raises
    ------
    ValueError
        One line naming the file, its extension and the supported ones.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in TABLE_FORMATS:
        shown = f"extension {suffix!r}" if suffix else "no extension"
        raise ValueError(f"{path}: {shown} is not a table format; use one of {', '.join(TABLE_FORMATS)}")
    return suffix


def _write_csv(table: pd.DataFrame, handle: IO) -> None:
    table.to_csv(handle, index=False, float_format="%.4f", lineterminator="\n")


def _write_json(table: pd.DataFrame, handle: IO) -> None:
    handle.write(table.to_json(orient="records", force_ascii=False, indent=1, double_precision=15))
    handle.write("\n")


def _cell_value(value):
    """A value openpyxl can store: missing values as empty cells, numpy scalars as Python numbers."""
    if value is None or (not isinstance(value, str | bytes | tuple | list) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, tuple | list):
        return str(value)
    return value


def _workbook_bytes(table: pd.DataFrame) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "table"
    sheet.append([str(column) for column in table.columns])
    for row in table.itertuples(index=False, name=None):
        sheet.append([_cell_value(value) for value in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"  # text, never a formula
    workbook.properties.created = workbook.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _without_time_stamps(buffer.getvalue())


def _without_time_stamps(data: bytes) -> bytes:
    """The ZIP archive ``data`` with every entry dated :data:`FIXED_TIME`."""
    source, target = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, source.read(info.filename))
    return target.getvalue()


def _write_xlsx(table: pd.DataFrame, handle: IO) -> None:
    handle.write(_workbook_bytes(table))


def _write_parquet(table: pd.DataFrame, handle: IO) -> None:
    plain = table.copy()
    plain.attrs = {}
    plain.to_parquet(handle, engine="pyarrow", index=False)


_WRITERS: dict[str, tuple[Callable[[pd.DataFrame, IO], None], bool]] = {
    ".csv": (_write_csv, True), ".json": (_write_json, True), ".xlsx": (_write_xlsx, False),
    ".parquet": (_write_parquet, False),
}


def write_table(table: pd.DataFrame, path: str | Path) -> Path:
    """Write ``table`` to ``path`` in the format its extension names
    (:data:`TABLE_FORMATS`; see the module docstring), atomically.

    Parameters
    ----------
    table
        Any table; its index is not written (reset it first to keep it).
    path
        ``.csv``, ``.json``, ``.xlsx`` or ``.parquet`` (any case).

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    ValueError
        An extension that is not a table format.
    corpus_utils.errors.CorpusError
        The file cannot be written (nothing was written; a previous file is untouched).
    """
    from corpus_utils.errors import CorpusError
    from corpus_utils.scale.engine import write_atomically

    path = Path(path)
    write, text = _WRITERS[table_format(path)]
    try:
        write_atomically(path, lambda handle: write(table, handle), text=text)
    except OSError as err:
        raise CorpusError(path, f"cannot be written ({err.strerror or err}); nothing was written") from None
    return path
