"""The bad-input corpus (tests/fixtures/bad_inputs): every case either loads
with the right text or fails with a one-line error naming the file and cause."""

import re
import warnings

import pytest
from conftest import FIXTURES

from corpus_utils import CorpusError, CorpusWarning, decode_bytes, load_corpus
from corpus_utils.corpus.encoding import read_text_file

CASES = FIXTURES / "bad_inputs"
FIRST = "坚持以人民为中心的发展思想，深入贯彻新发展理念，推动高质量发展。"
FIRST_TWO = [FIRST, "要增强“四个意识”，坚定“四个自信”，做到“两个维护”。"]

#: case -> (encoding of the loaded doc.txt/doc.md, or None when it must fail)
LOADS = {
    "utf8": "utf-8",
    "utf8_bom": "utf-8-sig",
    "utf16_le_bom": "utf-16",
    "utf16_be_bom": "utf-16",
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "big5": "big5",
    "crlf": "utf-8",
    "cr_only": "utf-8",
    "markdown": "utf-8",
    "manifest_ok": "utf-8",
    "manifest_missing_optional_column": "utf-8",
    "manifest_extra_column": "utf-8",
    "manifest_excel_utf8_bom_crlf": "utf-8",
    "manifest_excel_gbk_crlf": "utf-8",
    "mixed_encoding_lines": "mixed (utf-8 + gb18030)",
    "html_markup": "utf-8",
    "manifest_year_only": "utf-8",
    "manifest_month_only": "utf-8",
    "utf8_truncated_char_at_line_end": "utf-8",
    "utf8_few_invalid_bytes": "utf-8",
    "utf8_truncated_at_file_end": "utf-8",
}
#: case -> (file named in the error, pattern of the cause)
FAILS = {
    "binary_pdf": ("scan.txt", "is a PDF document"),
    "binary_nul": ("data.txt", "contains NUL bytes"),
    "undecodable": ("doc.txt", r"cannot be decoded as Chinese text \(UTF-8, GB18030 or Big5\): invalid UTF-8 at line 1"),
    "latin1": ("doc.txt", r"looks like French text in a single-byte encoding \(Windows-1252\), not Chinese; re-save"),
    "shift_jis": ("doc.txt", r"looks like Shift-JIS \(Japanese\) text, not Chinese; re-save it as UTF-8"),
    "euc_kr": ("doc.txt", r"looks like EUC-KR \(Korean\) text, not Chinese; re-save it as UTF-8"),
    "manifest_missing_file_column": ("metadata.csv", "has no 'file' column"),
    "manifest_duplicate_file": ("metadata.csv", "line 3 lists 'doc.txt' a second time"),
    "manifest_unknown_file": ("metadata.csv", "not in the folder: gone.txt"),
    "manifest_bad_date": ("metadata.csv", r"line 2: date 'spring 2021' is not a date \(write YYYY, YYYY-MM or YYYY-MM-DD\)"),
    "manifest_impossible_date": ("metadata.csv", r"line 2: date '2019-02-30' is impossible \(day is out of range"),
    "manifest_column_clash": ("metadata.csv", "has a column 'text', which the loader computes; rename it"),
    "manifest_too_many_fields": ("metadata.csv", "line 2 has 10 fields but the header has 9"),
    "no_text_files": ("no_text_files", "holds no .txt or .md files"),
    "two_bad_among_good": ("b_scan.txt", "is a PDF document"),
}


def test_every_case_has_an_expected_outcome():
    cases = {p.name for p in CASES.iterdir() if p.is_dir()}
    assert cases == set(LOADS) | set(FAILS) | {"empty_file", "whitespace_only"} | SEVERAL_FILES | STREAMING | DECODING | CLEANING


#: Cases of several files, checked in tests/test_loading.py.
SEVERAL_FILES = {"manifest_chinese_dates", "txt_and_md_same_stem", "date_in_file_name", "front_matter"}
#: Cases of the streaming commands, checked in tests/test_robustness.py.
STREAMING = {"no_slogans"}
#: Short GBK and Big5 files (without the first line), checked in tests/test_decoding.py.
DECODING = {"gbk_short", "big5_short"}
#: What real archives carry, checked in tests/test_cleaning_inputs.py.
CLEANING = {"markdown_news", "licence_block", "letter_digit_tokens", "news_headline_words"}


def test_fixtures_are_what_the_generator_makes(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_bad_inputs", FIXTURES / "make_bad_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(tmp_path / "bad_inputs")
    made = {p.relative_to(tmp_path / "bad_inputs"): p.read_bytes() for p in (tmp_path / "bad_inputs").rglob("*")
            if p.is_file()}
    committed = {p.relative_to(CASES): p.read_bytes() for p in CASES.rglob("*") if p.is_file()}
    assert made == committed


@pytest.mark.parametrize(("case", "encoding"), sorted(LOADS.items()))
def test_case_loads_with_right_text(case, encoding):
    corpus = load_corpus(CASES / case)
    assert len(corpus) == 1
    doc = corpus.iloc[0]
    assert doc["encoding"] == encoding
    assert FIRST in doc["text"]
    assert "\r" not in doc["text"]


def test_html_markup_is_stripped():
    text = load_corpus(CASES / "html_markup").iloc[0]["text"]
    assert text.split("\n") == [line for line in FIRST_TWO if line]
    assert "<" not in text and "color" not in text and "广告" not in text and "var x" not in text


def test_a_20_mb_single_line_loads_whole(tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_bad_inputs", FIXTURES / "make_bad_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    path = module.build_large(tmp_path)
    doc = load_corpus(path.parent).iloc[0]
    line = FIRST
    assert doc["n_chars_raw"] == len(line) * module.LARGE_LINE_REPEAT == doc["n_chars"]
    assert doc["text"].count(line) == module.LARGE_LINE_REPEAT


def test_big5_is_traditional_and_converted():
    doc = load_corpus(CASES / "big5").iloc[0]
    assert doc["script"] == "traditional" and doc["text"].startswith(FIRST)


def test_manifest_values_and_extra_columns():
    ok = load_corpus(CASES / "manifest_ok").iloc[0]
    assert (ok["title"], ok["date"], ok["speakers"], ok["level"]) == ("标题", "2021-03-11", "张三", "city branch")
    extra = load_corpus(CASES / "manifest_extra_column").iloc[0]
    assert extra["province"] == "浙江"
    partial = load_corpus(CASES / "manifest_missing_optional_column").iloc[0]
    assert partial["title"] == "只有标题" and partial["date"] == "" and partial["script"] == "simplified"
    for case in ("manifest_excel_utf8_bom_crlf", "manifest_excel_gbk_crlf"):
        assert load_corpus(CASES / case).iloc[0]["organization"] == "某公司"


@pytest.mark.parametrize(("case", "expected"), sorted(FAILS.items()))
def test_case_fails_with_one_line_naming_file_and_cause(case, expected):
    name, cause = expected
    with pytest.raises(CorpusError) as raised:
        load_corpus(CASES / case)
    message = str(raised.value)
    assert "\n" not in message
    assert re.search(rf"{re.escape(name)}: .*{cause}", message), message


@pytest.mark.parametrize(("case", "empty"), [("empty_file", "empty.txt"), ("whitespace_only", "blank.txt")])
def test_empty_file_is_reported_and_kept(case, empty):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(CASES / case)
    assert [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)] == [
        f"{empty}: empty file; kept with empty text"]
    assert len(corpus) == 2
    assert corpus.set_index("file").loc[empty, "n_chars"] == 0


def test_missing_folder_is_a_named_error(tmp_path):
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


def test_decoding_round_trips_each_encoding():
    text = "党史学习教育，高质量发展"
    for encoding in ("utf-8", "utf-8-sig", "utf-16", "gb18030"):
        assert decode_bytes(text.encode(encoding)).text == text
    traditional = "黨史學習教育，高質量發展"
    assert decode_bytes(traditional.encode("big5")).encoding == "big5"
    assert decode_bytes(traditional.encode("gb18030")).encoding == "gb18030"


def test_seed_files_decode_as_utf8(corpus):
    assert set(corpus["encoding"]) == {"utf-8"}
    assert read_text_file(CASES / "utf8" / "doc.txt").encoding == "utf-8"
