"""Decode a corpus file's bytes, or say exactly why it cannot be decoded.

Order of evidence:

1. A byte-order mark names the encoding.
2. Files that are not text (NUL bytes, PDF/Office/image signatures) are
   refused with a named cause.
3. Strict UTF-8: almost every file ends here, at the speed of the codec. A
   file that is valid UTF-8 up to a character cut at its very end (still
   being written) is UTF-8 too, with a warning.
4. Otherwise each line that is not valid UTF-8 is read in the file's legacy
   encoding, GB18030 (a superset of GBK and GB2312) or Big5, only when that
   reading is *plausible Chinese text* and the UTF-8 reading is not.
   Plausible means: enough frequent characters (:data:`FREQUENT_HAN` and
   their traditional forms), few rare ones (outside GB2312, Big5 level 1
   and CJK punctuation), no Han characters spaced like Korean words or stuck
   inside Latin words; never "it decoded without error" alone. GB18030 and
   Big5 are chosen between the same way, so a short GBK text is not read as
   Big5. Any other line stays UTF-8, its invalid bytes (a character cut at
   the line end, a stray byte) become U+FFFD, and a
   :class:`~corpus_utils.errors.CorpusWarning` names the file, line and byte
   offset, provided something says UTF-8: the file is mostly valid UTF-8,
   other lines are Chinese UTF-8, the line itself reads as Chinese, or its
   only flaw is a cut last character. Otherwise the file is refused with a
   one-line :class:`~corpus_utils.errors.CorpusError`, naming what it
   probably is (Shift-JIS, EUC-KR, a Latin-1 language) when charset-normalizer
   recognises it.

Files pasted together from UTF-8 and GBK lines load line by line (encoding
``mixed (utf-8 + gb18030)``). Offsets in messages are byte offsets into the
file, counted from 0, with 1-based line numbers.
"""

from __future__ import annotations

import codecs
import warnings
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path

from corpus_utils import constants as P
from corpus_utils.errors import CorpusError, CorpusWarning, display_path

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark):
#: (mark, reported encoding, codec for the bytes after the mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
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
#: Legacy Chinese encodings tried for lines that are not UTF-8.
LEGACY_ENCODINGS = ("gb18030", "big5")
#: How encodings are named in messages.
_DISPLAY = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "utf-16": "UTF-16", "utf-32": "UTF-32",
            "gb18030": "GB18030", "big5": "Big5"}

#: The 1000 most frequent Chinese characters: per-character totals of the word
#: frequencies in jieba 0.42's ``dict.txt`` (a test re-derives them). Together
#: with their traditional forms they are the evidence that decoded bytes are
#: Chinese text: 90 % of the characters of a news corpus, 15 % of Korean EUC-KR
#: bytes misread as GB2312, 10-30 % of GBK misread as Big5 or the reverse.
FREQUENT_HAN = (
    "一是人了不在有大中国和为这上他个地年来我会以到时要出的生学说道民家子也成行下们于后就发自之对得主长可过天作分方用多你着部能市等业全里工公经本都而高政法面门动日进区事代那去心小同北定开产前其军还然起种所"
    "如现理机体表力好外与文当两实重新三么只山水关明从化平建又制南内西没此将员名手最东头者月间无安看见各城十相但已些正口通想度加第她合院物性战由位常点海意场武使次二向治因立数样身情入原问把路被并利石老教万知"
    "级量任江及应省资委务元美特期世湖回系比气汉总展电科金先声提品设或义王社很统处四首共马形己儿司太目基领队直计别女权话少流命至报米给打变果书清活几州华解议更称程今决张导术府才保交放管结师便走达族反再题色五"
    "京河接条规式县白它改风光运信受什组听布百济党指论强做取技黄神选记斯真却职号界件花类何眼兵传带空干农边据集联古广完质阳难增历史专官每住商即步认车台林必死游举线言皇土团收考求德叫近备研争非具李众连调感转笑"
    "革该持始英克士尔让拉思根格造较际亲单朝红型价校约器字段周亚深候则功属积快图火千准究往极育装许参半令吃观鱼精办像帝八复影告远群包整构料随划算象容示投势热值夫网望源息语股铁断派速怎需片爱律纪支早况病境证编"
    "越局推满且列觉服双未居除乐企引标确织初青志率项飞球节察龙响药站施均消客失轻存低甚般击曾防请离落显罗营足素视护副食创余照兴占巴虽洲村费易试星木黑左宝置跟央识维采六底宫房音环案批切斗富乡另倒若按查故突责严"
    "桥模仅胜杀围席态破承招杨负层须父供续状域似依银范修找九致密终血旅钱赛独细效玉冲获习医演毛尽脸弹楼艺航陆右协七攻镇检写苏宗章注阿抗弟坐验封紧劳户优财养适陈喜卫排射哥油刻留急降念云微伤例景拿绝阶座刘刚害印"
    "亿沙母酒助闻超审待压升送监策略限竟香配藏敌呢差仍兰温园树征善波哪词岛止预怕继皮执味份角草男普答益谁船惊核街夏宣掌田久著画辑奇尼剑吧谈背免孩礼材愿洋春架筑括晚乱乎讲尚良友临激刀夜室既敢邦挥昌板胡欧福港叶"
    "简苦担句岁荆贵娘守辖威宜衣帮块堂额错剧充欢够孙班呼阵销坚练脚退读测吴希宁换版异某顾曲楚典朱毒菜判救宋茶洪含顺啊鲜败货矿端兄归冷忙买险康评肉吗厂永哈沉散遗停笔假输牛洞松渐顶训录否述毕督控丰献姑忽爷互亮纳"
    "襄登咱钟伯臣雄季脑介鄂召饭暗扩祖齐短烈赶牌恩诉移诗础露届蒙静喝盘卖植授伊湾博痛减穿逐秘庭陵固禁票灵杂姓泽吸侧庆妈遇追甲馆补唐炮沿殿刺怪彩俄旧警索岸轮妇载靠附毫怀软骨探雷旁罪枪牙迎序慢盛雨墙恶谷顿危稳熟"
)
#: Plausible Chinese text: at least this share of its Han characters are frequent ...
MIN_FREQUENT_SHARE = 0.4
#: ... and at most this share of its non-ASCII characters are rare. Short
#: sentences (10-30 characters) of real GBK/Big5 text score >= 0.6 and 0.0 (1st
#: percentile); GBK read as Big5 or the reverse <= 0.5 and >= 0.13 (99th).
MAX_RARE_SHARE = 0.15
#: At most this share of the Han characters of a text read as GB18030/Big5
#: may be followed by spaces and another Han character (Chinese text: under
#: 0.05 in any 500 characters; Korean EUC-KR read as GBK: 0.25).
MAX_SPACED_SHARE = 0.1
#: Non-UTF-8 lines whose non-ASCII bytes form valid UTF-8 sequences at a
#: lower share vote for the file's legacy encoding (GBK lines: median 0.34);
#: lines at this share or more are mostly UTF-8 with a few invalid bytes.
MOSTLY_UTF8_LINE = 0.8
#: From this share on, UTF-8 is a real alternative for a line: it is read
#: as GB18030/Big5 only on its own evidence, not the file's.
MAYBE_UTF8_LINE = 0.5
#: A file whose non-ASCII bytes are valid UTF-8 at this share is a UTF-8 file:
#: its lines that are not plausible GB18030/Big5 text are read as UTF-8.
MOSTLY_UTF8_FILE = 0.9
#: Lines up to this many bytes need evidence of their own to be read as
#: GB18030/Big5: the evidence of the whole file may be about other lines.
SHORT_LINE = 64
#: Files up to this size that are valid UTF-8 are checked for being GBK or
#: Big5 that forms valid UTF-8 by accident (a longer one never does).
SHORT_FILE = 256
#: Characters (or bytes) of a text that the plausibility checks look at.
PLAUSIBILITY_SAMPLE = 16384
#: Bytes of a file's non-UTF-8 lines that vote for GB18030 or Big5, and
#: the size of the runs of lines that vote.
VOTING_SAMPLE = 4096
VOTING_BLOCK = 512
#: What charset-normalizer needs before its guess is named: non-ASCII bytes
#: for a Japanese or Korean encoding, language coherence (percent) for a
#: single-byte one (short or random bytes get guesses like 'Farsi' at 0).
MIN_GUESS_BYTES = 16
MIN_GUESS_COHERENCE = 20
#: Codec names (as charset-normalizer gives them) and how messages name them.
_JAPANESE = {"cp932": "Shift-JIS", "shift_jis": "Shift-JIS", "shift_jis_2004": "Shift-JIS", "shift_jisx0213": "Shift-JIS",
             "euc_jp": "EUC-JP", "euc_jis_2004": "EUC-JP", "euc_jisx0213": "EUC-JP", "iso2022_jp": "ISO-2022-JP"}
_KOREAN = {"euc_kr": "EUC-KR", "cp949": "EUC-KR", "johab": "Johab", "iso2022_kr": "ISO-2022-KR"}
_WESTERN = ("cp1252", "latin_1", "iso8859_15")


@dataclass(frozen=True)
class DecodedText:
    """A file's text, the encoding it was read with, and what was repaired.

    ``problems`` holds the warning messages (one per file at most), e.g. for
    invalid bytes replaced by U+FFFD; empty for a clean file.
    """

    text: str
    encoding: str
    problems: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Invalid:
    """Invalid byte sequences of one line (or BOM-marked file) in ``encoding``."""

    offset: int  # byte offset of the first one in the file
    line: int
    encoding: str
    count: int = 1


def decode_bytes(data: bytes, *, path: str | Path | None = None, warn: bool = True) -> DecodedText:
    """Decode the bytes of one text file.

    Parameters
    ----------
    data
        The raw bytes.
    path
        Only used to name the file in errors and warnings.
    warn
        Emit :attr:`DecodedText.problems` as :class:`CorpusWarning`.
        With ``False`` they are only returned (e.g. to re-emit them in
        another process).

    Returns
    -------
    DecodedText
        ``text`` without a byte-order mark; ``encoding`` as a codec name
        (``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-32``, ``gb18030``,
        ``big5``) or ``mixed (utf-8 + gb18030)`` for a file whose lines are in
        two encodings.

    Raises
    ------
    CorpusError
        Binary data; bytes that are neither (mostly) UTF-8 nor plausible
        Chinese text in GB18030 or Big5, naming the encoding they probably
        are in when charset-normalizer recognises it.

    Warns
    -----
    CorpusWarning
        Invalid bytes replaced by U+FFFD (a file cut in the middle of a
        character, a stray byte): one line naming the file, the first line
        and byte offset, and the count.
    """
    decoded = _decode(data, path)
    if warn:
        for problem in decoded.problems:
            warnings.warn(problem, CorpusWarning, stacklevel=2)
    return decoded


def read_text_file(path: str | Path, *, warn: bool = True) -> DecodedText:
    """Read and decode one file; see :func:`decode_bytes`.

    Raises
    ------
    CorpusError
        A file that cannot be read, or not decoded.

    Warns
    -----
    CorpusWarning
        Invalid bytes replaced by U+FFFD (unless ``warn=False``).
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(path, f"cannot be read ({err.strerror or err})") from None
    decoded = decode_bytes(data, path=path, warn=False)
    if warn:
        for problem in decoded.problems:
            warnings.warn(problem, CorpusWarning, stacklevel=2)
    return decoded


def _decode(data: bytes, path: str | Path | None) -> DecodedText:
    for bom, encoding, codec in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, len(bom), encoding, codec, path)
    for signature, what in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise CorpusError(path, f"is {what}, not a text file; convert it to .txt first")
    if b"\x00" in data:
        raise CorpusError(path, "contains NUL bytes: a binary file, or UTF-16 without a byte-order mark; "
                                "save it as UTF-8")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.end < len(data) or not _is_cut_character(data[err.start:], "utf-8"):
            return _decode_lines(data, path)
        # Valid UTF-8 up to a character cut at the very end: a file still
        # being written (or truncated).
        text = data[:err.start].decode("utf-8") + "\ufffd"
        if len(data) <= SHORT_FILE and not _utf8_reads_chinese(text):
            return _decode_lines(data, path)  # a short GBK/Big5 file may look like this
        invalid = [_Invalid(err.start, _line_breaks(text) + 1, "utf-8")]
        return DecodedText(text, "utf-8", _problems(path, invalid, data))
    if len(data) <= SHORT_FILE and not data.isascii():
        legacy = _short_legacy(data, text)
        if legacy is not None:
            return legacy
    return DecodedText(text, "utf-8")


def _decode_legacy_file(data: bytes, path: str | Path | None) -> DecodedText | None:
    """A file with no valid UTF-8 line that reads as Chinese and no line that
    is valid UTF-8 but for a character cut at its end, wholly in GB18030 or
    Big5, decoded at the speed of the codec; ``None`` when it may hold UTF-8
    lines with invalid bytes (most of its non-ASCII bytes form valid UTF-8,
    or four Han characters in a row do), when neither encoding reads it as
    Chinese, or when too many bytes are invalid: then :func:`_decode_lines`
    decides line by line."""
    if _utf8_share(data) >= MAYBE_UTF8_LINE or P.UTF8_HAN_RUN.search(data):
        return None
    head = data[:2 * VOTING_SAMPLE]
    head = head[:head.rfind(b"\n") + 1] or head
    legacy = _choose_legacy([line for line in head.splitlines(keepends=True) if not line.isascii()], strict=False)
    if legacy is None:
        return None
    decoded = _decode_counting(data, legacy, limit=_invalid_limit(len(data)))
    if decoded is None:
        return None
    invalid = [_Invalid(decoded.offset, _line_breaks(decoded.text[:decoded.index]) + 1, legacy, decoded.count)]
    return DecodedText(decoded.text, legacy, _problems(path, invalid if decoded.count else [], data))


def _short_legacy(data: bytes, utf8_text: str) -> DecodedText | None:
    """A few GBK or Big5 characters can form valid UTF-8 by accident (一要 is
    'һҪ'): a short file is read as GB18030/Big5 when that reading is
    clearly Chinese (:func:`_legacy_reading`, two frequent Han characters at
    least) and the UTF-8 one is not."""
    for encoding in LEGACY_ENCODINGS:
        text = _legacy_reading(data, utf8_text, encoding)
        if text is not None and _reads_as_chinese(text, **_STRICT):
            return DecodedText(text, encoding)
    return None


def _decode_with_bom(data: bytes, start: int, encoding: str, codec: str, path: str | Path | None) -> DecodedText:
    """The encoding is declared; a few invalid sequences (a file cut while
    being written) are replaced and reported, many are an error."""
    body = data[start:]
    decoded = _decode_counting(body, codec, limit=_invalid_limit(len(body)))
    if decoded is None:
        try:
            body.decode(codec)
        except UnicodeDecodeError as err:
            raise CorpusError(path, f"starts with a {encoding} byte-order mark but is not valid {encoding} "
                                    f"(byte offset {start + err.start})") from None
    invalid = [_Invalid(start + decoded.offset, _line_breaks(decoded.text[:decoded.index]) + 1, encoding, decoded.count)]
    return DecodedText(decoded.text, encoding, _problems(path, invalid if decoded.count else [], data, codec=codec))


def _decode_lines(data: bytes, path: str | Path | None) -> DecodedText:
    """Decode a file that is not valid UTF-8, line by line.

    Each line that is not valid UTF-8 is read either in the file's legacy
    encoding (:func:`_choose_legacy`) or as UTF-8 with U+FFFD for its invalid
    bytes, on the evidence of that line and of the file; a line with no
    evidence for either makes the file an error.
    """
    file = _split_lines(data)
    chinese_utf8 = any(_utf8_reads_chinese(file.out[i]) for i in file.valid_utf8)
    if not (chinese_utf8 or file.cut_lines):
        whole = _decode_legacy_file(data, path)
        if whole is not None:
            return whole
    suspects = [(i, _utf8_share(file.lines[i])) for i in file.invalid_utf8]
    file_is_utf8 = _utf8_share(data) >= MOSTLY_UTF8_FILE
    legacy = _choose_legacy(_voting_lines(file, suspects), strict=file_is_utf8)
    for i, share in suspects:
        _read_suspect(file, i, share, legacy, file_is_utf8=file_is_utf8, chinese_utf8=chinese_utf8)
    if file.undecodable:
        whole = not (chinese_utf8 or file.legacy_lines)
        raise CorpusError(path, _undecodable_cause(data, file.lines, file.starts, file.undecodable, whole=whole))
    if file.legacy_lines:
        _reread_valid_lines(file, legacy)
    file.invalid.sort(key=lambda x: x.offset)
    return DecodedText("".join(file.out), _encoding_name(file, legacy), _problems(path, file.invalid, data))


@dataclass
class _Lines:
    """A file read line by line (:func:`_decode_lines`): its lines, the byte
    offset where each starts, their text so far, and how each was read."""

    lines: list[bytes]
    starts: list[int]
    out: list[str]
    #: Non-ASCII lines that are valid UTF-8, and lines that are not.
    valid_utf8: list[int] = field(default_factory=list)
    invalid_utf8: list[int] = field(default_factory=list)
    #: Lines that are valid UTF-8 but for a character cut at the end.
    cut_lines: set[int] = field(default_factory=set)
    #: Non-ASCII lines read as UTF-8, and lines read in the legacy encoding.
    utf8_lines: set[int] = field(default_factory=set)
    legacy_lines: set[int] = field(default_factory=set)
    #: Invalid byte sequences replaced by U+FFFD, and lines no encoding reads.
    invalid: list[_Invalid] = field(default_factory=list)
    undecodable: list[int] = field(default_factory=list)


def _split_lines(data: bytes) -> _Lines:
    """``data`` split into lines, the ASCII and valid UTF-8 ones read, the
    others noted (and among them those that are valid UTF-8 but for a
    character cut at the end)."""
    lines = data.splitlines(keepends=True)
    file = _Lines(lines, _line_starts(lines), [""] * len(lines))
    for i, line in enumerate(lines):
        if line.isascii():
            file.out[i] = line.decode("ascii")
            continue
        try:
            file.out[i] = line.decode("utf-8")
            file.valid_utf8.append(i)
            file.utf8_lines.add(i)
        except UnicodeDecodeError as err:
            file.invalid_utf8.append(i)
            rest = line[err.start:]
            if len(rest) <= 5 and _is_cut_character(rest.rstrip(b"\r\n"), "utf-8"):
                file.cut_lines.add(i)
    return file


def _line_starts(lines: list[bytes]) -> list[int]:
    """The byte offset in the file where each line starts."""
    starts = [0] * len(lines)
    for i in range(1, len(lines)):
        starts[i] = starts[i - 1] + len(lines[i - 1])
    return starts


def _voting_lines(file: _Lines, suspects: list[tuple[int, float]]) -> list[bytes]:
    """The lines that choose the file's legacy encoding: those that are not
    valid UTF-8, less the ones mostly UTF-8 or cut at the end (unless that
    leaves none). ``suspects``: (line, :func:`_utf8_share`) of each."""
    return ([file.lines[i] for i, share in suspects if share < MOSTLY_UTF8_LINE and i not in file.cut_lines]
            or [file.lines[i] for i, _ in suspects])


def _read_suspect(file: _Lines, i: int, share: float, legacy: str | None, *, file_is_utf8: bool,
                  chinese_utf8: bool) -> None:
    """Read line ``i``, which is not valid UTF-8: in the legacy encoding
    (:func:`_legacy_line`), else as UTF-8 with U+FFFD, else it is noted as
    undecodable."""
    line = file.lines[i]
    decoded = _legacy_line(line, share, legacy, file_is_utf8=file_is_utf8)
    if decoded is not None:
        file.out[i] = decoded.text
        file.legacy_lines.add(i)
        if decoded.count:
            file.invalid.append(_Invalid(file.starts[i] + decoded.offset, i + 1, legacy, decoded.count))
        return
    # Not legacy: UTF-8 with U+FFFD when the file, the line or a cut
    # character at its end says UTF-8.
    as_utf8 = _decode_utf8_replacing(line)
    if file_is_utf8 or chinese_utf8 or i in file.cut_lines or _utf8_reads_chinese(as_utf8[0]):
        file.out[i], first, count = as_utf8
        file.utf8_lines.add(i)
        file.invalid.append(_Invalid(file.starts[i] + first, i + 1, "utf-8", count))
    else:
        file.undecodable.append(i)


def _legacy_line(line: bytes, share: float, legacy: str | None, *, file_is_utf8: bool) -> _Decoded | None:
    """The legacy reading of a line that is not valid UTF-8 (``share``: its
    :func:`_utf8_share`), or ``None`` when it is not to be read so."""
    if not legacy:
        return None
    decoded = _decode_counting(line, legacy, limit=_invalid_limit(len(line)))
    if decoded is None or not (share >= MAYBE_UTF8_LINE or file_is_utf8 or len(line) <= SHORT_LINE):
        return decoded
    # UTF-8 is a real alternative, or the line is too short for the
    # file's evidence to speak for it: the legacy reading must read as
    # Chinese, and better than the UTF-8 one. A line whose only flaw
    # as UTF-8 is a character cut short at its end stays UTF-8 unless
    # the legacy reading is strong evidence and the UTF-8 one none.
    return decoded if _prefer_legacy(decoded.text, _decode_utf8_replacing(line), line) else None


def _reread_valid_lines(file: _Lines, legacy: str) -> None:
    """In a file with legacy lines, read its valid UTF-8 lines like them when
    their UTF-8 reading is an accident (:func:`_legacy_reading`)."""
    # A short GBK/Big5 line can happen to be valid UTF-8 (一 is 'һ'):
    # in a file with legacy lines it is read like them.
    for i in file.valid_utf8:
        text = _legacy_reading(file.lines[i], file.out[i], legacy)
        if text is not None:
            file.out[i] = text
            file.utf8_lines.discard(i)
            file.legacy_lines.add(i)


def _encoding_name(file: _Lines, legacy: str | None) -> str:
    """``utf-8``, the legacy encoding, or ``mixed (utf-8 + <legacy>)``."""
    if not file.legacy_lines:
        return "utf-8"
    return f"mixed (utf-8 + {legacy})" if file.utf8_lines else legacy


def _prefer_legacy(legacy_text: str, as_utf8: tuple[str, int, int], line: bytes) -> bool:
    """Is a line that is not valid UTF-8 better read as ``legacy_text`` than
    as UTF-8 with U+FFFD (``as_utf8`` from :func:`_decode_utf8_replacing`)?"""
    utf8_text, first, count = as_utf8
    if count == 1 and _is_cut_character(line[first:].rstrip(b"\r\n"), "utf-8"):
        return not _utf8_reads_chinese(utf8_text) and _reads_as_chinese(legacy_text, **_STRICT)
    if not _reads_as_chinese(legacy_text, **_LINE):
        return False
    return not _utf8_reads_chinese(utf8_text) or _evidence(legacy_text).score() > _evidence(utf8_text).score()


def _legacy_reading(data: bytes, utf8_text: str, legacy: str) -> str | None:
    """The GB18030/Big5 reading of a valid UTF-8 line, when the UTF-8 reading
    is what GBK/Big5 bytes become by accident (letters below U+0800 that are
    not part of Latin words: 'һҪ' for 一要) and the legacy reading has
    no rare character; else ``None``."""
    if max(utf8_text) >= "\u0800" or P.ACCENTED_LETTER_IN_WORD.search(utf8_text):
        return None
    try:
        text = data.decode(legacy)
    except UnicodeDecodeError:
        return None
    found = _evidence(text)
    return text if found.han and not found.rare else None


# --- evidence -----------------------------------------------------------------

#: Requirements of :func:`_reads_as_chinese`: for the lines that choose a
#: file's legacy encoding (one infrequent character forgiven), for one short
#: line of a file whose encoding is known (few rare characters is enough), and
#: where UTF-8 is likely (two Han characters at least, no slack).
_FILE = {"min_han": 1, "frequent": MIN_FREQUENT_SHARE, "slack": 1, "shape": True}
_LINE = {"min_han": 1, "frequent": 0.0, "slack": 0, "shape": False}
_STRICT = {"min_han": 2, "frequent": MIN_FREQUENT_SHARE, "slack": 0, "shape": True}


def _utf8_share(data: bytes) -> float:
    """Share of the non-ASCII bytes of ``data`` that form valid UTF-8 sequences."""
    non_ascii = len(data.translate(None, _ASCII_BYTES))
    if not non_ascii:
        return 1.0
    invalid = len(data) - len(data.decode("utf-8", "surrogateescape").encode("utf-8", "ignore"))
    return 1.0 - invalid / non_ascii


_ASCII_BYTES = bytes(range(128))


def _utf8_reads_chinese(text: str) -> bool:
    """Are at least half of the non-ASCII characters of a UTF-8 reading usual
    Chinese characters or CJK punctuation (U+FFFD counts against)? GBK and
    Big5 bytes read as UTF-8 give Latin, Cyrillic or IPA letters, U+FFFD and
    now and then a rare Han character."""
    sample = text[:PLAUSIBILITY_SAMPLE]
    cjk = sum(map(_usual_cjk().__contains__, sample))
    non_ascii = len(sample) - len(sample.encode("ascii", "ignore"))
    return cjk >= 1 and 2 * cjk >= non_ascii


def _decode_utf8_replacing(line: bytes) -> tuple[str, int, int]:
    """``line`` decoded with U+FFFD for invalid sequences, the byte offset of
    the first one in ``line``, and their number."""
    escaped = line.decode("utf-8", "surrogateescape")
    replaced = line.decode("utf-8", "replace")
    first = P.ESCAPED_BYTE.search(escaped).start()
    return replaced, len(escaped[:first].encode("utf-8")), replaced.count("\ufffd") - escaped.count("\ufffd")


@dataclass(frozen=True)
class _Decoded:
    """Text decoded with U+FFFD for invalid byte sequences: their ``count``,
    and the byte ``offset`` and text ``index`` of the first one."""

    text: str
    count: int = 0
    offset: int = 0
    index: int = 0


def _decode_counting(data: bytes, codec: str, *, limit: int) -> _Decoded | None:
    """``data`` decoded, each run of invalid bytes replaced by U+FFFD;
    ``None`` when there are more than ``limit`` such runs. Linear: the codec
    escapes invalid bytes (surrogateescape), a regular expression finds them."""
    try:
        return _Decoded(data.decode(codec))
    except UnicodeDecodeError:
        pass
    try:
        escaped = data.decode(codec, "surrogateescape")
    except UnicodeDecodeError:  # an invalid sequence holding an ASCII byte
        return _decode_stepwise(data, codec, limit=limit)
    runs = P.ESCAPED_BYTES.findall(escaped)
    if len(runs) > limit:
        return None
    index = P.ESCAPED_BYTE.search(escaped).start()
    offset = len(escaped[:index].encode(codec, "surrogateescape"))
    return _Decoded(P.ESCAPED_BYTES.sub("\ufffd", escaped), len(runs), offset, index)


def _decode_stepwise(data: bytes, codec: str, *, limit: int) -> _Decoded | None:
    """:func:`_decode_counting` one error at a time (at most ``limit + 1``)."""
    parts: list[str] = []
    count = position = 0
    first: tuple[int, int] | None = None
    while True:
        try:
            parts.append(data[position:].decode(codec))
            text = "".join(parts)
            return _Decoded(text, count, *first) if first else _Decoded(text)
        except UnicodeDecodeError as err:
            if count >= limit:
                return None
            good = data[position:position + err.start].decode(codec)
            if first is None:
                first = (position + err.start, len(good))
            parts += [good, "\ufffd"]
            count += 1
            position += err.end


def _invalid_limit(n_bytes: int) -> int:
    """Invalid sequences tolerated in ``n_bytes`` of a declared or plausible
    encoding: one (a cut last character), plus one per 1000 bytes."""
    return 1 + n_bytes // 1000


@dataclass(frozen=True)
class _Evidence:
    non_ascii: int
    han: int
    frequent: int
    rare: int
    spaced: int = 0  # Han characters followed by spaces and another Han character
    glued: int = 0  # sides of Han characters touching an ASCII letter

    def __add__(self, other: _Evidence) -> _Evidence:
        return _Evidence(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    def score(self) -> float:
        frequent = self.frequent / self.han if self.han else 0.0
        return frequent - (self.rare / self.non_ascii if self.non_ascii else 0.0)


def _evidence(text: str) -> _Evidence:
    """Counts on (a sample of) ``text``: non-ASCII characters, Han characters,
    frequent Han characters, and rare characters (not frequent, not in GB2312
    or Big5 level 1, not CJK punctuation; kana count as rare, U+FFFD too)."""
    sample = text[:PLAUSIBILITY_SAMPLE]
    kinds = sample.translate(_kind_table())
    frequent, usual_han, rare_han = kinds.count("F"), kinds.count("H"), kinds.count("R")
    usual = frequent + usual_han + kinds.count("U")
    spaced = len(P.HAN_SPACE_HAN.findall(sample)) if " " in sample else 0
    glued = len(P.HAN_IN_LATIN_WORD.findall(sample))
    return _Evidence(len(kinds), frequent + usual_han + rare_han, frequent, len(kinds) - usual, spaced, glued)


@cache
def _kind_table() -> dict[int, str | None]:
    """A :meth:`str.translate` table that deletes ASCII and turns each Han
    character into F (frequent), H (usual) or R (rare), and each other usual
    character into U; other characters stay (and count as rare)."""
    table: dict[int, str | None] = dict.fromkeys(range(128))
    usual = _usual_chars()
    for code in range(0x3400, 0xFB00):
        if P.HAN_CHAR.match(chr(code)):
            table[code] = "H" if chr(code) in usual else "R"
    for char in usual:
        table.setdefault(ord(char), "U")
    for char in _frequent_han():
        table[ord(char)] = "F"
    return table


def _reads_as_chinese(text: str | _Evidence, *, min_han: int, frequent: float, slack: int, shape: bool) -> bool:
    """Does ``text`` (or its :func:`_evidence`) read as Chinese? At most
    :data:`MAX_RARE_SHARE` of its non-ASCII characters rare, at least
    ``min_han`` Han characters of which the share ``frequent`` (less
    ``slack`` characters) are frequent. CJK punctuation alone reads as
    Chinese. With ``shape``, Han characters must also not stand between
    spaces like Korean words (over :data:`MAX_SPACED_SHARE`) nor mostly
    inside Latin words (Latin-1 accents read as GBK)."""
    found = _evidence(text) if isinstance(text, str) else text
    if found.rare > MAX_RARE_SHARE * found.non_ascii:
        return False
    if not found.han:
        return found.non_ascii > 0
    if shape and (found.spaced > MAX_SPACED_SHARE * max(found.han, 10) or 2 * found.glued > found.han):
        return False
    return found.han >= min_han and found.frequent >= frequent * found.han - slack


def _choose_legacy(lines: list[bytes], *, strict: bool) -> str | None:
    """GB18030 or Big5 for a file's lines that are not UTF-8, or ``None``.

    Each run of lines (:data:`VOTING_BLOCK` bytes, :data:`VOTING_SAMPLE` in
    all) votes, by its length, for the encoding that reads it as more
    plausible Chinese; the runs for the winner must read as Chinese together
    (``strict``: with no slack). Runs that read as Chinese in neither (a cut
    UTF-8 character) do not vote.
    """
    votes = dict.fromkeys(LEGACY_ENCODINGS, 0)
    evidence = dict.fromkeys(LEGACY_ENCODINGS, _Evidence(0, 0, 0, 0))
    for piece in _blocks(lines, VOTING_BLOCK, VOTING_SAMPLE):
        best, best_score = None, float("-inf")
        for encoding in LEGACY_ENCODINGS:
            decoded = _decode_counting(piece, encoding, limit=_invalid_limit(len(piece)))
            if decoded is None:
                continue
            found = _evidence(decoded.text)
            score = found.score()
            if _reads_as_chinese(found, **_FILE) and score > best_score:
                best, best_score, best_found = encoding, score, found
        if best is not None:
            votes[best] += len(piece)
            evidence[best] += best_found
    winner = max(LEGACY_ENCODINGS, key=lambda encoding: votes[encoding])
    if not votes[winner] or not _reads_as_chinese(evidence[winner], **(_STRICT if strict else _FILE)):
        return None
    return winner


def _blocks(lines: list[bytes], size: int, total: int) -> list[bytes]:
    """Runs of consecutive ``lines`` of at least ``size`` bytes (the last one
    shorter), ``total`` bytes in all."""
    blocks: list[bytes] = []
    run: list[bytes] = []
    length = 0
    for line in lines:
        line = line[:total]
        if not line:
            break
        total -= len(line)
        run.append(line)
        length += len(line)
        if length >= size:
            blocks.append(b"".join(run))
            run, length = [], 0
    return [*blocks, b"".join(run)] if run else blocks


@cache
def _usual_cjk() -> frozenset[str]:
    """The usual characters (:func:`_usual_chars`) from U+0800 on: Han and CJK punctuation."""
    return frozenset(c for c in _usual_chars() if c >= "\u0800")


@cache
def _frequent_han() -> frozenset[str]:
    """:data:`FREQUENT_HAN` and every Big5 character that OpenCC's ``t2s``
    turns into one of them (國 for 国, 發 and 髮 for 发)."""
    import opencc

    frequent = set(FREQUENT_HAN)
    converter = opencc.OpenCC("t2s")
    return frozenset(frequent | {c for c in _big5_chars(0xA4, 0xF9) if converter.convert(c) in frequent})


@cache
def _usual_chars() -> frozenset[str]:
    """Characters that are not rare in Chinese text: frequent Han, GB2312
    (simplified, levels 1 and 2, and its symbols), Big5 level 1 (common
    traditional) and its symbols, CJK punctuation; not kana, nor the small
    and vertical forms of Big5 (U+FE30-U+FE6F: what Japanese 、。 become
    when EUC-JP is read as Big5)."""
    gb2312 = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                gb2312.add(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    big5 = {c for c in _big5_chars(0xA1, 0xC6) if c.encode("big5") < b"\xc6\xa1"}
    punctuation = {chr(i) for i in range(0x80, 0x10000) if P.CJK_PUNCTUATION_CHAR.match(chr(i))}
    unusual = {chr(i) for i in (*range(0x3040, 0x3100), *range(0xFE30, 0xFE70))}
    return frozenset((gb2312 | big5 | punctuation | _frequent_han()) - unusual)


def _big5_chars(first_lead: int, last_lead: int) -> list[str]:
    chars = []
    for lead in range(first_lead, last_lead + 1):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            try:
                chars.append(bytes((lead, trail)).decode("big5"))
            except UnicodeDecodeError:
                continue
    return chars


# --- messages -------------------------------------------------------------------

def _line_breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _where(path: str | Path | None) -> str:
    return "corpus" if path is None else display_path(Path(path))


def _problems(path: str | Path | None, invalid: list[_Invalid], data: bytes, *, codec: str | None = None) -> tuple[str, ...]:
    """One warning line for the invalid sequences replaced in a file
    (``codec``: the one that decoded them, when not their encoding's name)."""
    if not invalid:
        return ()
    first = invalid[0]
    count = sum(x.count for x in invalid)
    name = _DISPLAY[first.encoding]
    where = f"line {first.line} (byte offset {first.offset})"
    if count == 1 and _is_cut_character(data[first.offset:], codec or first.encoding):
        cause = (f"ends in the middle of a {name} character at {where}: cut off, or still being written; "
                 "the partial character is replaced by U+FFFD")
    elif count == 1:
        cause = f"invalid {name} byte sequence at {where} replaced by U+FFFD"
    else:
        names = "/".join(sorted({_DISPLAY[x.encoding] for x in invalid}))
        cause = f"{count} invalid {names} byte sequences replaced by U+FFFD, the first at {where}"
    return (f"{_where(path)}: {cause}",)


def _is_cut_character(tail: bytes, codec: str) -> bool:
    """Are the last bytes of a file the beginning of a character?"""
    try:
        return codecs.getincrementaldecoder(codec)().decode(tail, final=False) == ""
    except UnicodeDecodeError:
        return False


def _undecodable_cause(data: bytes, lines: list[bytes], starts: list[int], undecodable: list[int], *, whole: bool) -> str:
    """Why lines (or the whole file) cannot be read as Chinese text."""
    first = undecodable[0]
    offset = starts[first] + _decode_utf8_replacing(lines[first])[1]
    guess = _other_encoding(data if whole else b"".join(lines[i] for i in undecodable))
    if whole:
        if guess:
            return f"looks like {guess}, not Chinese; re-save it as UTF-8"
        return (f"cannot be decoded as Chinese text (UTF-8, GB18030 or Big5): invalid UTF-8 at line {first + 1} "
                f"(byte offset {offset}) and not plausible GB18030 or Big5 text; re-save it as UTF-8")
    where = f"line {first + 1} (byte offset {offset})"
    more = f" and {len(undecodable) - 1} more line(s)" if len(undecodable) > 1 else ""
    if guess:
        return f"{where}{more} looks like {guess}, not Chinese; re-save the file as UTF-8"
    return (f"{where}{more} is neither UTF-8 nor plausible GB18030 or Big5 text, unlike the rest of the file; "
            "re-save the file as UTF-8")


def _other_encoding(data: bytes) -> str | None:
    """What charset-normalizer recognises ``data`` as, when that is a
    non-Chinese encoding it is sure of: ``"Shift-JIS (Japanese) text"``."""
    from charset_normalizer import from_bytes

    sample = data[:PLAUSIBILITY_SAMPLE]
    best = from_bytes(sample).best()
    if best is None:
        return None
    encoding = best.encoding
    multibyte_evidence = len(sample.translate(None, _ASCII_BYTES)) >= MIN_GUESS_BYTES
    if encoding in _JAPANESE and multibyte_evidence:
        return f"{_JAPANESE[encoding]} (Japanese) text"
    if encoding in _KOREAN and multibyte_evidence:
        return f"{_KOREAN[encoding]} (Korean) text"
    single_byte = encoding != "utf_8" and len(bytes(range(256)).decode(encoding, "replace")) == 256
    if single_byte and best.language not in ("Unknown", "Chinese") and best.percent_coherence >= MIN_GUESS_COHERENCE:
        # Single-byte guesses tie often (cp1250 = cp1252 on French): name the
        # most common of the equivalent ones.
        encoding = next((name for name in _WESTERN if name in best.could_be_from_charset), encoding)
        return f"{best.language} text in a single-byte encoding ({_codec_display(encoding)})"
    return None


def _codec_display(encoding: str) -> str:
    if encoding == "latin_1":
        return "Latin-1"
    if encoding.startswith("cp125"):
        return f"Windows-{encoding[2:]}"
    if encoding.startswith("iso8859_"):
        return f"ISO-8859-{encoding[8:]}"
    return encoding.replace("_", "-")
