"""Decode a corpus file's bytes, or say exactly why it cannot be decoded.

Order of evidence: a byte-order mark; then strict UTF-8; then the Chinese
legacy encodings GB18030 (a superset of GBK and GB2312) and Big5, chosen by
:mod:`charset_normalizer` when both decode. Files that are not text (NUL
bytes, PDF/Office/image signatures) are refused with a named cause.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from corpus_utils.errors import CorpusError

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: File signatures of formats that people save with a .txt name by mistake.
_BINARY_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (e.g. .docx or .xlsx)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
#: Legacy Chinese encodings tried when the bytes are not UTF-8.
LEGACY_ENCODINGS = ("gb18030", "big5")


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the encoding it was read with."""

    text: str
    encoding: str


def decode_bytes(data: bytes, *, path: str | Path | None = None) -> DecodedText:
    """Decode the bytes of one text file.

    Parameters
    ----------
    data
        The raw bytes.
    path
        Only used to name the file in an error.

    Returns
    -------
    DecodedText
        ``text`` without a byte-order mark; ``encoding`` as a codec name
        (``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-32``, ``gb18030``, ``big5``).

    Raises
    ------
    CorpusError
        Binary data, or bytes that no supported encoding decodes.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as err:
                raise CorpusError(path, f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                                        f"(byte {err.start})") from None
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise CorpusError(path, f"is {what}, not a text file; convert it to .txt first")
    if b"\x00" in data:
        raise CorpusError(path, "contains NUL bytes: a binary file, or UTF-16 without a byte-order mark; "
                                "save it as UTF-8")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        utf8_error = err
    mixed = _decode_mixed_lines(data)
    if mixed is not None:
        return mixed
    candidates = {}
    for encoding in LEGACY_ENCODINGS:
        try:
            candidates[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if len(candidates) == 1:
        encoding, text = next(iter(candidates.items()))
        return DecodedText(text, encoding)
    if len(candidates) > 1:
        encoding = _best_legacy(data)
        return DecodedText(candidates[encoding], encoding)
    raise CorpusError(
        path,
        f"cannot be decoded as UTF-8 (invalid byte at offset {utf8_error.start}), GB18030 or Big5; "
        "re-save it as UTF-8",
    )


def _decode_mixed_lines(data: bytes) -> DecodedText | None:
    """Files pasted together from several sources can hold UTF-8 lines and
    GB18030/Big5 lines. GB18030 decodes UTF-8 bytes without error (into
    nonsense), so a whole-file guess would silently garble the UTF-8 lines:
    when some non-ASCII lines are valid UTF-8 and others are not, decode line
    by line. Returns ``None`` for a file in one encoding."""
    lines = data.split(b"\n")
    utf8_lines = legacy_lines = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            legacy_lines += 1
    if not (utf8_lines and legacy_lines):
        return None
    legacy_bytes = b"\n".join(line for line in lines if not _is_utf8(line))
    encoding = _best_legacy(legacy_bytes) if _decodes(legacy_bytes, "big5") else "gb18030"
    decoded = []
    for line in lines:
        if _is_utf8(line):
            decoded.append(line.decode("utf-8"))
            continue
        try:
            decoded.append(line.decode(encoding))
        except UnicodeDecodeError:
            return None
    return DecodedText("\n".join(decoded), f"mixed (utf-8 + {encoding})")


def _is_utf8(line: bytes) -> bool:
    return _decodes(line, "utf-8")


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _best_legacy(data: bytes) -> str:
    """Pick GB18030 or Big5 for bytes that both decode, by language coherence."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        return LEGACY_ENCODINGS[0]
    name = best.encoding.replace("_", "").lower()
    return "big5" if name.startswith("big5") or name == "cp950" else "gb18030"


def read_text_file(path: str | Path) -> DecodedText:
    """Read and decode one file; see :func:`decode_bytes`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(path, f"cannot be read ({err.strerror or err})") from None
    return decode_bytes(data, path=path)
