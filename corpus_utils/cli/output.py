"""Where a command's table goes: printed, or written to ``--out`` in the
format its extension names (checked before any work starts)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from corpus_utils.errors import CorpusError


def check_output(out: Path) -> None:
    """Fail early, before any work, when ``out`` cannot be written: an
    extension that is not a table format, a folder, a folder that cannot be
    created, or nothing can be written there.

    Raises
    ------
    ValueError
        The extension is not one of :data:`corpus_utils.tables.TABLE_FORMATS`.
    CorpusError
        One line naming ``out`` and the cause.
    """
    from corpus_utils.scale.engine import temporary_name
    from corpus_utils.tables import table_format

    if out.is_dir():
        raise CorpusError(out, "is a folder; give a file name such as table.csv")
    table_format(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CorpusError(out, f"cannot be written: {out.parent.name} is a file, not a folder") from None
    except OSError as err:
        raise CorpusError(out, f"cannot be written: its folder cannot be created ({err.strerror or err})") from None
    probe = temporary_name(out)
    try:
        probe.open("xb").close()
    except OSError as err:
        raise CorpusError(out, f"cannot be written ({err.strerror or err})") from None
    probe.unlink()


def emit(table: pd.DataFrame, out: Path | None, *, shown: list[str] | None = None) -> None:
    """Write ``table`` to ``out`` (all its columns), or print it (only the
    ``shown`` columns when given)."""
    from corpus_utils.tables import write_table

    if out is not None:
        write_table(table, out)
        print(f"wrote {len(table)} rows to {out}")
        return
    if shown is not None:
        table = table[shown]
    if table.empty:  # the header alone (to_string would say "Empty DataFrame")
        print("  ".join(map(str, table.columns)))
        return
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
