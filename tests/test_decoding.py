"""Decoding real-world bytes (corpus_utils.corpus.encoding): UTF-8 with a few invalid
bytes stays UTF-8 with one exact warning; text in encodings that are not
Chinese is refused, not garbled; GB18030 and Big5 are told apart on short
texts; files pasted from two encodings still load."""

import os
import re
import warnings
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, fixture_script

from corpus_utils import CorpusError, CorpusWarning, decode_bytes, load_corpus, read_text_file
from corpus_utils.corpus.encoding import FREQUENT_HAN, DecodedText

CASES = FIXTURES / "bad_inputs"
DEV = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora")
SIMPLIFIED = "坚持以人民为中心的发展思想，深入贯彻新发展理念，推动高质量发展。\n要增强“四个意识”，坚定“四个自信”，做到“两个维护”。\n"
FIRST, SECOND = SIMPLIFIED.split("\n")[:2]
BAD = "\ufffd"



def _decode(data: bytes, path: str = "doc.txt") -> tuple[DecodedText, list[str]]:
    """Decode, returning the CorpusWarning messages emitted."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        decoded = decode_bytes(data, path=path)
    return decoded, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def _error(data: bytes, path: str = "doc.txt") -> str:
    with pytest.raises(CorpusError) as raised:
        decode_bytes(data, path=path)
    return str(raised.value)


# --- UTF-8 with a few invalid bytes: stays UTF-8, one exact warning -------------

#: case -> (text of doc.txt, the one warning, relative to the case folder)
UTF8_REPAIRED = {
    "utf8_truncated_char_at_line_end": (
        f"{FIRST}\n{SECOND[:-1]}{BAD}\n{FIRST}\n",
        "invalid UTF-8 byte sequence at line 2 (byte offset 178) replaced by U+FFFD",
    ),
    "utf8_few_invalid_bytes": (
        FIRST + "\n" + SECOND.replace("增强", "增" + BAD + "强").replace("坚定", BAD + "坚定") + "\n",
        "2 invalid UTF-8 byte sequences replaced by U+FFFD, the first at line 2 (byte offset 103)",
    ),
    "utf8_truncated_at_file_end": (
        f"{FIRST}\n{SECOND[:-1]}{BAD}",
        "ends in the middle of a UTF-8 character at line 2 (byte offset 178): cut off, or still being written; "
        "the partial character is replaced by U+FFFD",
    ),
}


@pytest.mark.parametrize(("case", "expected"), sorted(UTF8_REPAIRED.items()))
def test_utf8_with_a_few_invalid_bytes_stays_utf8_with_one_warning(case, expected):
    text, warning = expected
    path = CASES / case / "doc.txt"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(path.parent, clean=False)
    doc = corpus.iloc[0]
    assert (doc["encoding"], doc["raw_text"]) == ("utf-8", text)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert messages == [str(CorpusError(path, warning))]  # "<file>: <cause>", the file shown as errors show it
    # the offset is where the invalid bytes are in the file
    offset = int(re.search(r"byte offset (\d+)", warning).group(1))
    assert path.read_bytes()[offset:offset + 1] in (b"\xe3", b"\xff")


def test_warning_names_first_and_count_in_one_line():
    data = "第一行正常。\n".encode() + b"".join(f"第{i}行".encode() + b"\xff" + "有坏字节。\n".encode() for i in range(2, 40))
    decoded, messages = _decode(data)
    assert decoded.encoding == "utf-8" and decoded.text.count(BAD) == 38
    first = len("第一行正常。\n第2行".encode())
    assert data[first] == 0xFF
    assert messages == [f"doc.txt: 38 invalid UTF-8 byte sequences replaced by U+FFFD, the first at line 2 (byte offset {first})"]
    assert decoded.problems == tuple(messages)


def test_problems_are_returned_without_warning_when_asked():
    data = SIMPLIFIED.encode()[:-2]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        decoded = decode_bytes(data, path="doc.txt", warn=False)
    assert len(decoded.problems) == 1 and decoded.problems[0].startswith("doc.txt: ends in the middle of a UTF-8 character")


def test_utf8_line_with_a_cut_character_is_never_read_as_gb18030():
    """The reported bug: one cut character made the whole line GB18030 mojibake."""
    for cut in (1, 2):
        for line in ("推动高质量发展", "关于", "浙江", "绿水青山就是金山银山", "（十）"):
            data = f"{FIRST}\n".encode() + line.encode()[:-cut] + b"\n" + f"{SECOND}\n".encode()
            decoded, messages = _decode(data)
            assert decoded.encoding == "utf-8"
            assert decoded.text.split("\n")[1] == line[:-1] + BAD
            offset = len(FIRST.encode()) + 1 + len(line.encode()) - 3
            assert messages == [f"doc.txt: invalid UTF-8 byte sequence at line 2 (byte offset {offset}) replaced by U+FFFD"]


def test_file_being_written_loads_with_warning_whatever_the_cut(tmp_path):
    data = SIMPLIFIED.encode()
    for end in range(len(data) - 8, len(data)):
        decoded, messages = _decode(data[:end])
        assert decoded.encoding == "utf-8"
        assert decoded.text.rstrip(BAD) == SIMPLIFIED[: len(decoded.text.rstrip(BAD))]
        try:
            data[:end].decode("utf-8")
            assert messages == []
        except UnicodeDecodeError:
            assert len(messages) == 1 and "ends in the middle of a UTF-8 character at line 2" in messages[0]


# --- text that is not Chinese: one-line error naming what it probably is --------

def test_non_chinese_encodings_are_refused_by_name():
    module = fixture_script()
    assert _error(module.FRENCH.encode("latin-1")) == (
        "doc.txt: looks like French text in a single-byte encoding (Windows-1252), not Chinese; re-save it as UTF-8")
    assert _error(module.JAPANESE.encode("shift_jis")) == (
        "doc.txt: looks like Shift-JIS (Japanese) text, not Chinese; re-save it as UTF-8")
    assert _error(module.KOREAN.encode("euc-kr")) == (
        "doc.txt: looks like EUC-KR (Korean) text, not Chinese; re-save it as UTF-8")
    assert _error(b"\x81\x20\xfe\x80\x80\x80\xff") == (
        "doc.txt: cannot be decoded as Chinese text (UTF-8, GB18030 or Big5): invalid UTF-8 at line 1 (byte offset 0) "
        "and not plausible GB18030 or Big5 text; re-save it as UTF-8")


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_latin_text_of_any_length_is_never_read_as_chinese(encoding):
    text = fixture_script().FRENCH * 3
    for length in (40, 80, 160, len(text)):
        for start in range(0, len(text) - length + 1, 37):
            data = text[start:start + length].encode(encoding)
            if data.isascii():
                continue
            with pytest.raises(CorpusError, match=r"^doc\.txt: (looks like|cannot be decoded as Chinese text)"):
                decode_bytes(data, path="doc.txt")


@pytest.mark.parametrize(("name", "encoding"), [("JAPANESE", "shift_jis"), ("KOREAN", "euc-kr")])
def test_japanese_and_korean_texts_are_refused(name, encoding):
    text = getattr(fixture_script(), name).strip() * 4
    for length in (30, 60, len(text)):
        for start in range(0, len(text) - length + 1, 23):
            with pytest.raises(CorpusError, match=r"^doc\.txt: (looks like|cannot be decoded as Chinese text)"):
                decode_bytes(text[start:start + length].encode(encoding), path="doc.txt")


def test_chinese_utf8_quoting_japanese_and_korean_is_plain_utf8():
    text = f"{FIRST}\n日本の首相は「経済成長」を述べた。\n한국어 인용문: 경제 성장\n{SECOND}\n"
    decoded, messages = _decode(text.encode())
    assert (decoded.text, decoded.encoding, messages) == (text, "utf-8", [])


# --- GB18030 and Big5, short files, files pasted from two encodings -------------

def test_short_gbk_and_big5_files_are_told_apart():
    module = fixture_script()
    for case, encoding, text in (("gbk_short", "gb18030", module.GBK_SHORT), ("big5_short", "big5", module.BIG5_SHORT)):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            doc = load_corpus(CASES / case, clean=False).iloc[0]
        assert (doc["encoding"], doc["raw_text"]) == (encoding, text)


def _sentences() -> list[str]:
    """Sentences of 10-30 characters from the seeds and, when present, the work reports."""
    import opencc

    to_big5 = opencc.OpenCC("s2tw")
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((DEV / "work_reports_1954_2017").glob("*.txt"))[::4]
    found = []
    for path in files:
        for piece in re.split(r"[。！？\n]", path.read_text(encoding="utf-8")):
            piece = piece.strip()
            if 10 <= len(piece) <= 30 and len(re.findall(r"[\u4e00-\u9fff]", piece)) >= 8:
                try:
                    piece.encode("gbk"), to_big5.convert(piece).encode("big5")
                except UnicodeEncodeError:
                    continue
                found.append(piece)
    return sorted(set(found))


def test_many_short_real_sentences_round_trip_in_gbk_and_big5():
    import opencc

    to_big5 = opencc.OpenCC("s2tw")
    sentences = _sentences()
    assert len(sentences) >= 50
    wrong = []
    for sentence in sentences:
        traditional = to_big5.convert(sentence)
        for text, encoding, codec in ((sentence, "gb18030", "gbk"), (traditional, "big5", "big5")):
            decoded = decode_bytes(text.encode(codec), warn=False)
            if (decoded.text, decoded.encoding, decoded.problems) != (text, encoding, ()):
                wrong.append((text, encoding, decoded.encoding))
    assert wrong == []


def test_files_pasted_from_utf8_and_gbk_lines_load_line_by_line():
    lines = [FIRST, SECOND, "一", "一要", "党史学习教育", "（一）坚持党的领导"]
    for split in range(1, len(lines)):
        data = b"".join(line.encode() + b"\n" for line in lines[:split])
        data += b"".join(line.encode("gbk") + b"\n" for line in lines[split:])
        decoded, messages = _decode(data)
        assert decoded.text == "".join(line + "\n" for line in lines), split
        assert messages == []
        assert decoded.encoding == "mixed (utf-8 + gb18030)"


def test_gbk_lines_that_happen_to_be_valid_utf8_are_read_as_gbk():
    # 一 is d2 bb in GBK, which is also the UTF-8 of 'һ'
    text = f"{FIRST}\n一\n一要\n{SECOND}\n"
    decoded, messages = _decode(text.encode("gbk"))
    assert (decoded.text, decoded.encoding, messages) == (text, "gb18030", [])
    decoded, _ = _decode("一要".encode("gbk"))
    assert (decoded.text, decoded.encoding) == ("一要", "gb18030")


def test_legacy_files_with_invalid_bytes_name_their_own_encoding_and_offset():
    gbk = SIMPLIFIED.encode("gbk")
    decoded, messages = _decode(gbk[:-2])  # cut inside the last 。
    assert decoded.encoding == "gb18030" and decoded.text == SIMPLIFIED[:-2] + BAD
    assert messages == [f"doc.txt: ends in the middle of a GB18030 character at line 2 (byte offset {len(gbk) - 3}): "
                        "cut off, or still being written; the partial character is replaced by U+FFFD"]
    stray = len(FIRST.encode("gbk")) + 1 + len("要增强".encode("gbk"))
    decoded, messages = _decode(gbk[:stray] + b"\xff" + gbk[stray:])
    assert decoded.encoding == "gb18030" and f"要增强{BAD}“四个意识”" in decoded.text
    assert messages == [f"doc.txt: invalid GB18030 byte sequence at line 2 (byte offset {stray}) replaced by U+FFFD"]
    utf16 = b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le")
    decoded, messages = _decode(utf16[:-1])
    assert decoded.encoding == "utf-16" and decoded.text == SIMPLIFIED[:-1] + BAD
    assert messages == [f"doc.txt: ends in the middle of a UTF-16 character at line 2 (byte offset {len(utf16) - 2}): "
                        "cut off, or still being written; the partial character is replaced by U+FFFD"]


def test_a_large_gbk_file_decodes_whole():
    text = SIMPLIFIED * 20_000
    decoded, messages = _decode(text.encode("gbk"))
    assert (decoded.text == text, decoded.encoding, messages) == (True, "gb18030", [])


def test_decoded_text_keeps_its_positional_form():
    assert DecodedText("文本", "utf-8") == DecodedText("文本", "utf-8", ())
    assert read_text_file(CASES / "utf8" / "doc.txt") == DecodedText(SIMPLIFIED, "utf-8")


def test_frequent_characters_are_the_most_frequent_of_jiebas_dictionary():
    import jieba

    totals = Counter()
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word, frequency = line.split(" ")[:2]
            for char in word:
                if "\u4e00" <= char <= "\u9fff":
                    totals[char] += int(frequency)
    assert len(FREQUENT_HAN) == len(set(FREQUENT_HAN)) == 1000
    assert set(FREQUENT_HAN) == {char for char, _ in totals.most_common(1000)}


# --- the development corpora: every file is clean UTF-8 -------------------------

@pytest.mark.skipif(not DEV.is_dir(), reason="development corpora not present")
def test_every_file_of_the_real_corpora_is_utf8_without_warning():
    files = sorted(p for p in DEV.rglob("*") if p.suffix in (".txt", ".md"))
    assert len(files) >= 400
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        results = Counter((read_text_file(p).encoding, read_text_file(p).problems) for p in files)
    assert results == Counter({("utf-8", ()): len(files)})
