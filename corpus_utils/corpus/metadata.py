"""The corpus manifest (``metadata.csv``) and metadata inferred from a file:
its YAML front matter, its name, its text.

Dates keep the precision they are given with (ISO 8601 allows reduced
precision): ``2019``, ``2019-05`` or ``2019-05-01``. :func:`date_parts` turns
such a value into the ``year``, ``month`` and ``date_precision`` columns that
any grouping can use.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from corpus_utils import constants as P
from corpus_utils.corpus.encoding import read_text_file
from corpus_utils.errors import CorpusError, CorpusWarning

MANIFEST_NAME = "metadata.csv"
#: The manifest's documented columns; only ``file`` is required.
METADATA_COLUMNS = ("file", "title", "date", "organization", "level", "genre", "speakers", "source", "script")
#: Columns the loader computes; a manifest column with one of these names is an error, never overwritten.
COMPUTED_COLUMNS = ("doc_id", "year", "month", "date_precision", "encoding", "raw_text", "text",
                    "n_chars_raw", "n_chars", "n_han")
SCRIPTS = ("simplified", "traditional")
#: What a date value that is no date should be written as.
DATE_FORMS = "write YYYY, YYYY-MM or YYYY-MM-DD"
#: Years a date found in a file name or a text must fall in to count.
PLAUSIBLE_YEARS = range(1900, 2101)
#: Front-matter keys read as metadata, and the column each fills (first key present wins).
FRONT_MATTER_KEYS = {
    "title": ("title",),
    "date": ("date",),
    "organization": ("organization", "organisation"),
    "level": ("level",),
    "genre": ("genre",),
    "speakers": ("speakers", "speaker", "author", "authors"),
    "source": ("source", "url"),
    "script": ("script",),
}
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class DateValue(NamedTuple):
    """A date of year, month or day precision."""

    iso: str
    """``2019``, ``2019-05``, ``2019-05-01``, or ``""`` for no date."""
    year: int | None
    month: int | None
    precision: str
    """``"year"``, ``"month"``, ``"day"`` or ``""``."""


NO_DATE = DateValue("", None, None, "")


def read_manifest(path: str | Path) -> dict[str, dict[str, str]]:
    """Read ``metadata.csv``: one row a file, keyed by the ``file`` column.

    Any encoding :func:`~corpus_utils.corpus.encoding.read_text_file` reads is
    accepted (an Excel-saved CSV is often GBK with a BOM and CRLF). Columns
    beyond :data:`METADATA_COLUMNS` are kept; missing optional columns are
    filled from the text. Dates are normalised by :func:`parse_date`
    (``2019``, ``2019-05``, ``2019/5/1``, ``2019年5月`` …).

    Raises
    ------
    CorpusError
        No ``file`` column, a column the loader computes
        (:data:`COMPUTED_COLUMNS`), an empty or duplicate file name, a row
        with too many fields, a value that is no date or an impossible date,
        or an unknown script.
    """
    path = Path(path)
    text = read_text_file(path).text
    reader = csv.reader(io.StringIO(text, newline=""))
    header = _manifest_header(reader, path)
    rows: dict[str, dict[str, str]] = {}
    for line_no, fields in enumerate(reader, start=2):
        if not any(f.strip() for f in fields):
            continue
        row = _manifest_row(fields, header, path=path, line_no=line_no)
        name = row["file"]
        if name in rows:
            raise CorpusError(path, f"line {line_no} lists '{name}' a second time")
        _normalise_manifest_values(row, path=path, line_no=line_no)
        rows[name] = row
    return rows


def _manifest_header(reader: Iterator[list[str]], path: Path) -> list[str]:
    """The manifest's column names (``reader``: a :func:`csv.reader` at its
    first row), checked: a ``file`` column, no repeated column, none that
    the loader computes."""
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise CorpusError(path, "is empty; it needs at least a header row with a 'file' column") from None
    if "file" not in header:
        raise CorpusError(path, f"has no 'file' column (columns: {', '.join(header) or 'none'})")
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise CorpusError(path, f"repeats the column(s) {', '.join(dup)}")
    for column in header:
        if column in COMPUTED_COLUMNS:
            raise CorpusError(path, f"has a column '{column}', which the loader computes; rename it")
    return header


def _manifest_row(fields: list[str], header: list[str], *, path: Path, line_no: int) -> dict[str, str]:
    """One manifest row by column, values stripped, missing trailing fields
    empty; a row with too many fields or no file name is an error."""
    if len(fields) > len(header):
        raise CorpusError(path, f"line {line_no} has {len(fields)} fields but the header has {len(header)}")
    row = {h: (fields[i].strip() if i < len(fields) else "") for i, h in enumerate(header)}
    if not row["file"]:
        raise CorpusError(path, f"line {line_no} has an empty 'file' value")
    return row


def _normalise_manifest_values(row: dict[str, str], *, path: Path, line_no: int) -> None:
    """Normalise a row's date (:func:`parse_date`) in place; a value that is
    no date, an impossible date or an unknown script is an error."""
    if row.get("date"):
        try:
            row["date"] = parse_date(row["date"]).iso
        except ValueError as err:
            raise CorpusError(path, f"line {line_no}: date '{row['date']}' {err}") from None
    if row.get("script") and row["script"] not in SCRIPTS:
        raise CorpusError(path, f"line {line_no}: script '{row['script']}' is not one of {', '.join(SCRIPTS)}")


# --- dates -------------------------------------------------------------------------
def parse_date(value: str) -> DateValue:
    """Read a date of year, month or day precision.

    Accepts ``2019``, ``2019-05``, ``2019-05-01`` and the same with ``/`` or
    ``.`` and one-digit months or days (``2019/5/1``, ``2019.5``), the basic
    form ``20190501``, ``2019年``, ``2019年5月`` and ``2019年5月1日``, with
    full-width digits too. A time of day after a full date
    (``2019-05-01 10:30``) is dropped.

    Returns
    -------
    DateValue
        ``iso`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
        :data:`NO_DATE` for an empty value.

    Raises
    ------
    ValueError
        The value is no date (``spring 2019``), or an impossible one
        (``2019-02-30``); the message completes "date '…' ".
    """
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return NO_DATE
    for pattern in (P.DATE_VALUE, P.DATE_VALUE_BASIC, P.DATE_VALUE_CHINESE):
        match = pattern.fullmatch(text)
        if match:
            return _date_value(match["y"], match["m"], match["d"])
    raise ValueError(f"is not a date ({DATE_FORMS})")


def _date_value(year: str, month: str | None, day: str | None) -> DateValue:
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise ValueError(f"is impossible ({err})") from None
    if day:
        return DateValue(f"{int(year):04d}-{int(month):02d}-{int(day):02d}", int(year), int(month), "day")
    if month:
        return DateValue(f"{int(year):04d}-{int(month):02d}", int(year), int(month), "month")
    return DateValue(f"{int(year):04d}", int(year), None, "year")


def date_parts(value: str) -> DateValue:
    """The year, month and precision of a normalised date (``""`` gives :data:`NO_DATE`)."""
    return parse_date(value) if value else NO_DATE


def date_from_name(name: str) -> str:
    """The first plausible date in a file name, as ISO 8601 of the precision
    the name gives, or ``""``.

    ``20220101.md`` and ``2022-01-01_x.txt`` give ``2022-01-01``,
    ``x_2022-01.txt`` gives ``2022-01``, ``2022_x.txt`` and ``2022年报告.txt``
    give ``2022``. Digits inside a longer run of ASCII letters or digits
    (``000_c82bad9182bec8ff.txt``) are no date, nor are years outside
    :data:`PLAUSIBLE_YEARS` or impossible months and days.
    """
    for match in P.DATE_IN_NAME.finditer(unicodedata.normalize("NFKC", name)):
        groups = {key[0]: value for key, value in match.groupdict().items() if value and key[0] in "ymd"}
        if int(groups["y"]) not in PLAUSIBLE_YEARS:
            continue
        try:
            return _date_value(groups["y"], groups.get("m"), groups.get("d")).iso
        except ValueError:
            continue
    return ""


def first_date(text: str) -> str:
    """The first complete date in ``text`` as ISO 8601, or ``""``.

    Recognises ``2021-11-01``, ``2021/11/1``, ``2021.11.01`` and
    ``2021年3月11日``, also in full-width digits; impossible dates
    (``2021-13-40``) are skipped.
    """
    text = text.translate(_FULL_WIDTH_DIGITS)
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


# --- front matter ------------------------------------------------------------------
def front_matter_end(text: str) -> int:
    """Where the text after the YAML/TOML front matter starts (0 without one).

    Front matter is a fenced block at the very start (``---`` … ``---`` or
    ``+++`` … ``+++``) of ``key: value`` lines, as in
    :func:`corpus_utils.corpus.cleaning.remove_front_matter`. ``text`` must have
    ``\\n`` line breaks.
    """
    if not text.startswith(("---", "+++")):
        return 0
    match = P.FRONT_MATTER.match(text)
    if not match or not all(P.FRONT_MATTER_LINE.match(line) for line in match.group("body").split("\n")):
        return 0
    return match.end()


def read_front_matter(raw: str, *, name: str) -> dict[str, str]:
    """The metadata in a file's front matter, by manifest column.

    Keys are matched case-insensitively (:data:`FRONT_MATTER_KEYS`:
    ``author`` fills ``speakers``, ``url`` fills ``source``); lists are
    joined with ``;``; the date is normalised by :func:`parse_date`. Other
    keys are not read.

    Parameters
    ----------
    raw
        The decoded text of the file.
    name
        The file, as named in warnings.

    Warns
    -----
    CorpusWarning
        Front matter that does not parse, or a date or script value that
        cannot be used: that part is ignored, the file still loads.
    """
    data = _front_matter_data(raw, name=name)
    if not isinstance(data, dict):
        return {}
    meta = _front_matter_columns(data)
    _drop_unusable_front_matter(meta, name=name)
    return {column: value for column, value in meta.items() if value}


def _front_matter_data(raw: str, *, name: str) -> Any:
    """The parsed front matter of a file's text (a mapping, for usable front
    matter); ``None`` without front matter or (with a warning) when it does
    not parse."""
    head = raw[:1_000_000]
    if not head.lstrip("\ufeff\u200b").startswith(("---", "+++")):
        return None
    head = P.INVISIBLE.sub("", P.LINE_BREAK.sub("\n", head))
    end = front_matter_end(head)
    if not end:
        return None
    match = P.FRONT_MATTER.match(head)
    try:
        return _parse_front_matter(match.group("body"), toml=match.group("fence") == "+++")
    except ValueError as err:
        _warn(f"{name}: front matter cannot be read ({err}); ignored")
        return None


def _front_matter_columns(data: dict) -> dict[str, str]:
    """The front-matter values by manifest column (:data:`FRONT_MATTER_KEYS`,
    keys matched case-insensitively, the first non-empty alias wins), as text."""
    keys = {str(key).strip().lower(): value for key, value in data.items()}
    meta: dict[str, str] = {}
    for column, aliases in FRONT_MATTER_KEYS.items():
        value = next((keys[a] for a in aliases if a in keys and keys[a] not in (None, "", [])), None)
        if value is not None:
            meta[column] = _as_text(value)
    return meta


def _drop_unusable_front_matter(meta: dict[str, str], *, name: str) -> None:
    """Normalise the front-matter date in place; drop (with a warning) a
    value that is no date or an impossible one, and an unknown script."""
    if meta.get("date"):
        try:
            meta["date"] = parse_date(meta["date"]).iso
        except ValueError as err:
            _warn(f"{name}: front matter date '{meta['date']}' {err}; ignored")
            del meta["date"]
    if meta.get("script") and meta["script"] not in SCRIPTS:
        _warn(f"{name}: front matter script '{meta['script']}' is not one of {', '.join(SCRIPTS)}; ignored")
        del meta["script"]


def _parse_front_matter(body: str, *, toml: bool) -> Any:
    if toml:
        import tomllib

        try:
            return tomllib.loads(body)
        except tomllib.TOMLDecodeError as err:
            raise ValueError(f"not valid TOML: {err}") from None
    import yaml

    try:
        return yaml.load(body, Loader=_yaml_loader())
    except yaml.YAMLError as err:
        problem = getattr(err, "problem", None) or type(err).__name__
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise ValueError(f"not valid YAML: {problem}{where}") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as err:  # e.g. date: 2019-02-30
        raise ValueError(f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else 'invalid value'}") from None


@lru_cache(maxsize=1)
def _yaml_loader() -> type:
    """PyYAML's SafeLoader, but dates stay strings, so that :func:`parse_date`
    reads them (an impossible date is then one bad value, not bad YAML)."""
    import yaml

    class DatesAsText(yaml.SafeLoader):
        pass

    DatesAsText.yaml_implicit_resolvers = {
        first: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return DatesAsText


def _as_text(value: Any, *, nested: bool = False) -> str:
    """A front-matter value as text: a list of plain values joined with ``;``;
    nested lists and mappings give ``""`` (YAML aliases can make them endless)."""
    if isinstance(value, list | tuple | set):
        return "" if nested else ";".join(t for t in (_as_text(v, nested=True) for v in value) if t)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return ""
    return " ".join(str(value).split())


def _warn(message: str) -> None:
    """Emit a :class:`CorpusWarning` from a helper of :func:`read_front_matter`,
    attributed to the caller of the loader function that reads the front matter."""
    warnings.warn(message, CorpusWarning, stacklevel=5)


def first_line_title(text: str, *, max_chars: int = 60) -> str:
    """The first non-empty line of a cleaned text, shortened to ``max_chars``."""
    for line in text.split("\n"):
        line = line.strip()
        if line:
            return line if len(line) <= max_chars else line[: max_chars - 1] + "…"
    return ""
