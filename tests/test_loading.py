"""Loading real archives faithfully: dates of any precision, unique document
ids, and every corpus file either loaded or named in a warning or error."""

import os
import re
import unicodedata
import warnings

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT, fixture_script

from corpus_utils import CorpusError, CorpusWarning, list_corpus_files, load_corpus, load_file
from corpus_utils.corpus import loader as loader_module
from corpus_utils.corpus.loader import corpus_files_and_manifest, doc_id_for
from corpus_utils.corpus.metadata import (
    COMPUTED_COLUMNS,
    METADATA_COLUMNS,
    date_from_name,
    first_date,
    parse_date,
    read_front_matter,
)

CASES = FIXTURES / "bad_inputs"
TEXT = "坚持以人民为中心的发展思想，深入贯彻新发展理念，推动高质量发展。\n"



def _load(folder, **options):
    """The corpus and the CorpusWarning messages loading it gave."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        corpus = load_corpus(folder, **options)
    return corpus, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def _write(folder, files):
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


# --- dates ---------------------------------------------------------------------------
@pytest.mark.parametrize(("value", "iso", "year", "month", "precision"), [
    ("2019", "2019", 2019, None, "year"),
    ("2019-05", "2019-05", 2019, 5, "month"),
    ("2019-5", "2019-05", 2019, 5, "month"),
    ("2019-05-01", "2019-05-01", 2019, 5, "day"),
    ("2019/5/1", "2019-05-01", 2019, 5, "day"),
    ("2019.5.1", "2019-05-01", 2019, 5, "day"),
    ("20190501", "2019-05-01", 2019, 5, "day"),
    ("2019年", "2019", 2019, None, "year"),
    ("2019年5月", "2019-05", 2019, 5, "month"),
    ("2019 年 5 月 1 日", "2019-05-01", 2019, 5, "day"),
    ("２０１９年５月１日", "2019-05-01", 2019, 5, "day"),
    ("2019-05-01T10:30:00+08:00", "2019-05-01", 2019, 5, "day"),
    (" 1954 ", "1954", 1954, None, "year"),
    ("", "", None, None, ""),
])
def test_parse_date_keeps_the_precision_given(value, iso, year, month, precision):
    assert tuple(parse_date(value)) == (iso, year, month, precision)


@pytest.mark.parametrize(("value", "cause"), [
    ("spring 2019", "is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("2019-05/01", "is not a date"),
    ("05/01/2019", "is not a date"),
    ("201905", "is not a date"),
    ("19", "is not a date"),
    ("2019-02-30", "is impossible (day is out of range for month)"),
    ("2019-13", "is impossible (month must be in 1..12)"),
    ("2019年13月", "is impossible (month must be in 1..12)"),
])
def test_parse_date_rejects_what_is_no_date(value, cause):
    with pytest.raises(ValueError, match=re.escape(cause)):
        parse_date(value)


def test_manifest_dates_of_every_form_load_with_their_precision():
    corpus, caught = _load(CASES / "manifest_chinese_dates")
    assert caught == []
    assert list(corpus["date"]) == ["2019", "2019-05", "2019-05-01", "2019-05-01", "2019-05-01", "2019-05", "2019-05-01"]
    assert list(corpus["date_precision"]) == ["year", "month", "day", "day", "day", "month", "day"]
    assert corpus["year"].dtype == "Int64" and corpus["month"].dtype == "Int64"
    assert corpus["year"].tolist() == [2019] * 7
    assert corpus["month"].isna().tolist() == [True, False, False, False, False, False, False]


@pytest.mark.parametrize(("case", "date", "month", "precision"), [
    ("manifest_year_only", "2019", pd.NA, "year"),
    ("manifest_month_only", "2019-05", 5, "month"),
    ("manifest_ok", "2021-03-11", 3, "day"),
])
def test_reduced_precision_manifest_dates(case, date, month, precision):
    doc = load_corpus(CASES / case).iloc[0]
    assert (doc["date"], doc["date_precision"], doc["year"]) == (date, precision, int(date[:4]))
    assert doc["month"] is pd.NA if month is pd.NA else doc["month"] == month


@pytest.mark.parametrize(("case", "line", "cause"), [
    ("manifest_bad_date", 2, "date 'spring 2021' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD)"),
    ("manifest_impossible_date", 2, "date '2019-02-30' is impossible (day is out of range for month)"),
])
def test_bad_manifest_dates_name_the_line(case, line, cause):
    with pytest.raises(CorpusError) as raised:
        load_corpus(CASES / case)
    assert str(raised.value) == f"{(CASES / case / 'metadata.csv').relative_to(ROOT)}: line {line}: {cause}"


@pytest.mark.parametrize(("name", "date"), [
    ("20220101.md", "2022-01-01"),
    ("2022-01-01_x.txt", "2022-01-01"),
    ("2022_01_01.txt", "2022-01-01"),
    ("2022.1.5 讲话.txt", "2022-01-05"),
    ("x_2022-01.txt", "2022-01"),
    ("2022_x.txt", "2022"),
    ("2022_01_report.txt", "2022"),
    ("1954_government_work_report.txt", "1954"),
    ("政府工作报告2019.txt", "2019"),
    ("2019年5月1日讲话.txt", "2019-05-01"),
    ("2019年5月.md", "2019-05"),
    ("２０１９年.md", "2019"),
    ("000_c82bad9182bec8ff.txt", ""),
    ("report2019.txt", ""),
    ("202201.txt", ""),
    ("1234_通知.txt", ""),
    ("2200.txt", ""),
    ("2019-13-01.txt", ""),
    ("20190230.md", ""),
    ("notes.txt", ""),
])
def test_date_from_name_takes_only_plausible_dates(name, date):
    assert date_from_name(name) == date


def test_file_name_dates_come_before_text_dates():
    corpus, caught = _load(CASES / "date_in_file_name")
    assert caught == []
    dates = dict(zip(corpus["doc_id"], zip(corpus["date"], corpus["date_precision"], strict=True), strict=True))
    assert dates == {
        "20220105": ("2022-01-05", "day"),
        "2021-03-11_讲话": ("2021-03-11", "day"),
        "2020_工作总结": ("2020", "year"),  # the name wins over 2018年6月30日 in the text
        "纪要_2019-05": ("2019-05", "month"),
        "000_c82bad9182bec8ff": ("2018-06-30", "day"),  # no date in the name: the text's
        "1234_通知": ("", ""),
    }


def test_first_date_reads_full_width_digits():
    assert first_date("报告\n１９９４年３月１０日在第八届全国人民代表大会") == "1994-03-10"
    assert first_date("2021-13-40 不是日期，2021年3月11日是") == "2021-03-11"


# --- front matter --------------------------------------------------------------------
def test_front_matter_is_read_as_metadata_and_the_manifest_wins():
    corpus, caught = _load(CASES / "front_matter")
    docs = corpus.set_index("doc_id")
    assert docs.loc["yaml", ["title", "date", "speakers", "source"]].tolist() == [
        "在全省工作会议上的讲话", "2021-03-11", "张三;李四", "https://example.org/a"]
    assert docs.loc["year_only", ["title", "date", "date_precision"]].tolist() == ["年度报告", "2020", "year"]
    assert docs.loc["toml", ["title", "date", "date_precision"]].tolist() == ["通知", "2019-05", "month"]
    # the manifest's title wins; its empty date and missing genre are filled from the front matter
    assert docs.loc["manifest_wins", ["title", "date", "genre"]].tolist() == ["清单标题", "2018-01-01", "讲话"]
    # malformed front matter is ignored as a whole (not even its date is read) with one warning
    assert docs.loc["malformed", ["title", "date"]].tolist() == [TEXT.strip(), ""]
    assert docs.loc["bad_date", ["title", "date"]].tolist() == ["坏日期", ""]
    assert caught == [
        "bad_date.md: front matter date '2019-02-30' is impossible (day is out of range for month); ignored",
        "malformed.md: front matter cannot be read (not valid YAML: expected ',' or ']', but got ':' at line 3); "
        "ignored",
    ]


def test_title_skips_front_matter_left_in_raw_text():
    corpus, _ = _load(CASES / "front_matter", clean=False)
    docs = corpus.set_index("doc_id")
    assert docs.loc["malformed", "title"] == TEXT.strip()
    assert docs.loc["malformed", "raw_text"].startswith("---\ntitle: [未闭合")


@pytest.mark.parametrize("raw", [
    "---\n: : :\n\t- [\n---\n正文",
    "---\ntitle: &a [*a]\n---\n正文",
    "---\n" + "key: value\n" * 300 + "---\n正文",  # too long to be front matter
    "--- \n---\n正文",
    "---\ntitle: {a: 1}\ndate: [2019, 2020]\n---\n正文",
    "+++\ntitle = \n+++\n正文",
    "---\r\ntitle: 回车换行\r\n---\r\n正文",
])
def test_malformed_front_matter_never_raises(raw):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        meta = read_front_matter(raw, name="x.md")
    assert isinstance(meta, dict) and all(isinstance(v, str) for v in meta.values())
    assert all("\n" not in str(w.message) and str(w.message).startswith("x.md: ") for w in caught)


def test_front_matter_with_crlf_and_a_list_date():
    assert read_front_matter("---\r\ntitle: 回车换行\r\n---\r\n正文", name="x.md") == {"title": "回车换行"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert read_front_matter("---\ntitle: 标题\ndate: [2019, 2020]\n---\n", name="x.md") == {"title": "标题"}
    assert [str(w.message) for w in caught] == [
        "x.md: front matter date '2019;2020' is not a date (write YYYY, YYYY-MM or YYYY-MM-DD); ignored"]


# --- identity ------------------------------------------------------------------------
def test_same_stem_keeps_the_suffix_and_unique_stems_do_not():
    corpus, _ = _load(CASES / "txt_and_md_same_stem")
    assert list(corpus["doc_id"]) == ["doc.md", "doc.txt", "other"]
    assert list(corpus["file"]) == ["doc.md", "doc.txt", "other.txt"]


def test_seed_doc_ids_are_unchanged(corpus):
    assert list(corpus["doc_id"]) == ["000_c82bad9182bec8ff", "001_6dd187c4af8fa78a", "002_bd18f1857b928b7d",
                                      "003_d409caa57de1005b", "004_8741fb8f7a27a93d"]


def test_doc_ids_are_unique_whatever_the_names(tmp_path):
    names = ["x.txt", "x.md", "x.txt.md", "X.TXT", "y.TXT", "y.md ", "z.md", "sub/x.txt", "sub/x.md", "sub/w.txt"]
    _write(tmp_path, {name: TEXT for name in names})
    corpus, _ = _load(tmp_path)
    assert corpus["doc_id"].is_unique and len(corpus) == len(names)
    assert set(corpus["doc_id"]) == {"x.txt", "x.md", "x.txt.md", "X", "y.TXT", "y.md ", "z", "sub/x.txt",
                                     "sub/x.md", "sub/w"}
    # the per-file function (used by the parallel pipeline) gives the same ids
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        files, _ = corpus_files_and_manifest(tmp_path)
    per_file = {f.relative_to(tmp_path).as_posix(): doc_id_for(f, tmp_path) for f in files}
    assert per_file == dict(zip(corpus["file"], corpus["doc_id"], strict=True))
    assert loader_module._doc_id is doc_id_for


def test_doc_id_for_sees_a_file_added_later(tmp_path):
    _write(tmp_path, {"a.txt": TEXT})
    assert doc_id_for(tmp_path / "a.txt", tmp_path) == "a"
    _write(tmp_path, {"a.md": TEXT})
    assert doc_id_for(tmp_path / "a.md", tmp_path) == "a.md"
    assert doc_id_for(tmp_path / "a.txt", tmp_path) == "a.txt"


@pytest.mark.parametrize("column", COMPUTED_COLUMNS)
def test_manifest_column_clashing_with_a_computed_one_is_an_error(tmp_path, column):
    _write(tmp_path, {"doc.txt": TEXT, "metadata.csv": f"file,{column}\ndoc.txt,1\n"})
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)
    assert str(raised.value).endswith(f"metadata.csv: has a column '{column}', which the loader computes; rename it")


def test_column_clash_fixture():
    with pytest.raises(CorpusError, match=r"manifest_column_clash/metadata.csv: has a column 'text'"):
        load_corpus(CASES / "manifest_column_clash")


def test_every_loaded_column_is_documented_or_computed(corpus):
    extra = load_corpus(CASES / "manifest_extra_column")
    assert set(corpus.columns) == set(METADATA_COLUMNS) | set(COMPUTED_COLUMNS)
    assert set(extra.columns) == set(METADATA_COLUMNS) | set(COMPUTED_COLUMNS) | {"province"}


# --- nothing dropped silently --------------------------------------------------------
LINK_WARNINGS = [
    "broken.txt: broken symbolic link to 'missing.txt'; skipped",
    "self.txt: symbolic link that points to itself (a loop); skipped",
    "space.txt : file name ends with white space; loaded under that name",
    "sub_link: symbolic link to the folder 'sub', which is already loaded; skipped so that its files are not "
    "counted twice",
    "sub/up: symbolic link to a folder that contains it (a loop); skipped",
    "a_link.txt: the same file as 'a.txt' (a symbolic or hard link); skipped so that it is not counted twice",
]


def test_links_loops_and_odd_names_are_loaded_or_named(tmp_path, monkeypatch):
    corpus_dir = fixture_script().build_links(tmp_path)
    monkeypatch.chdir(tmp_path)
    corpus, caught = _load(corpus_dir)
    assert list(corpus["file"]) == ["a.txt", "elsewhere/d.md", "locked/c.txt", "space.txt ", "sub/b.txt"]
    assert list(corpus["doc_id"]) == ["a", "elsewhere/d", "locked/c", "space", "sub/b"]
    assert caught == [*LINK_WARNINGS,
                      "links: skipped 2 hidden .txt/.md file(s) (a name starting with '.'): .cache/old.md, .draft.txt"]
    assert all("\n" not in m and str(tmp_path) not in m for m in caught)


def test_unreadable_folder_is_named_with_its_cause(tmp_path, monkeypatch):
    corpus_dir = fixture_script().build_links(tmp_path)
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    corpus, caught = _load(corpus_dir)
    assert "locked/c.txt" not in set(corpus["file"]) and len(corpus) == 4
    assert "locked: folder cannot be read (Permission denied); the files in it are skipped" in caught


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads folders whatever their mode")
def test_unreadable_folder_for_real(tmp_path):
    corpus_dir = fixture_script().build_links(tmp_path)
    (corpus_dir / "locked").chmod(0)
    try:
        corpus, caught = _load(corpus_dir)
    finally:
        (corpus_dir / "locked").chmod(0o755)
    assert "locked/c.txt" not in set(corpus["file"])
    assert "locked: folder cannot be read (Permission denied); the files in it are skipped" in caught


def test_unreadable_top_folder_is_an_error(tmp_path, monkeypatch):
    _write(tmp_path, {"a.txt": TEXT})

    def scandir(path="."):
        raise PermissionError(13, "Permission denied", os.fspath(path))

    monkeypatch.setattr(os, "scandir", scandir)
    with pytest.raises(CorpusError, match=r": cannot be read \(Permission denied\)$"):
        load_corpus(tmp_path)


def test_real_folder_is_preferred_over_a_link_that_sorts_first(tmp_path):
    _write(tmp_path, {"z_real/a.txt": TEXT, "z_real.txt": TEXT})
    (tmp_path / "a_link").symlink_to("z_real", target_is_directory=True)
    (tmp_path / "a_file_link.txt").symlink_to("z_real.txt")
    corpus, caught = _load(tmp_path)
    assert list(corpus["file"]) == ["z_real.txt", "z_real/a.txt"]
    assert caught == [
        "a_link: symbolic link to the folder 'z_real', which is already loaded; skipped so that its files are not "
        "counted twice",
        "a_file_link.txt: the same file as 'z_real.txt' (a symbolic or hard link); skipped so that it is not counted "
        "twice",
    ]


def test_hard_links_load_once(tmp_path):
    _write(tmp_path, {"a.txt": TEXT})
    os.link(tmp_path / "a.txt", tmp_path / "b.txt")
    corpus, caught = _load(tmp_path)
    assert list(corpus["file"]) == ["a.txt"]
    assert caught == ["b.txt: the same file as 'a.txt' (a symbolic or hard link); skipped so that it is not counted twice"]


def test_named_pipe_is_named_not_read(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this system")
    _write(tmp_path, {"a.txt": TEXT})
    os.mkfifo(tmp_path / "pipe.txt")
    corpus, caught = _load(tmp_path)
    assert list(corpus["file"]) == ["a.txt"]
    assert caught == ["pipe.txt: is a named pipe, not a regular file; skipped"]


def test_upper_case_suffixes_load(tmp_path):
    _write(tmp_path, {"A.TXT": TEXT, "B.Md": TEXT, "c.csv": "x"})
    corpus, caught = _load(tmp_path)
    assert list(corpus["doc_id"]) == ["A", "B"] and caught == []


def test_odd_unicode_and_undecodable_names_load(tmp_path):
    decomposed = unicodedata.normalize("NFD", "café.txt")
    _write(tmp_path, {decomposed: TEXT, "tab\tname.txt": TEXT, "报告　全文.md": TEXT})
    with open(os.path.join(os.fsencode(tmp_path), b"\xff\xfe.txt"), "wb") as handle:
        handle.write(TEXT.encode())
    corpus, caught = _load(tmp_path)
    assert set(corpus["doc_id"]) == {unicodedata.normalize("NFD", "café"), "tab\tname", "报告　全文", "\\xff\\xfe"}
    assert "\\xff\\xfe.txt" in set(corpus["file"])
    assert caught == []
    corpus["doc_id"].str.encode("utf-8")  # every id can be written to a file


def test_manifest_matches_names_across_unicode_forms_and_separators(tmp_path):
    _write(tmp_path, {unicodedata.normalize("NFD", "café.txt"): TEXT, "sub/b.txt": TEXT,
                      "metadata.csv": f"file,title\n{unicodedata.normalize('NFC', 'café.txt')},甲\nsub\\b.txt,乙\n"})
    corpus, _ = _load(tmp_path)
    assert list(corpus["title"]) == ["甲", "乙"]


def test_manifest_naming_a_skipped_file_says_so(tmp_path):
    _write(tmp_path, {"a.txt": TEXT, "metadata.csv": "file,title\na.txt,甲\nbroken.txt,乙\n"})
    (tmp_path / "broken.txt").symlink_to("missing.txt")
    with pytest.raises(CorpusError, match=r"metadata.csv: lists 1 file\(s\) that were skipped \(see the warnings\): "
                                          r"broken.txt$"), warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        load_corpus(tmp_path)


def test_folder_with_only_broken_files_says_how_many_were_skipped(tmp_path):
    (tmp_path / "broken.txt").symlink_to("missing.txt")
    with pytest.raises(CorpusError, match=r"holds no .txt or .md file that can be loaded \(1 skipped, see the warnings\)"), \
            warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        load_corpus(tmp_path)


def test_file_that_disappears_after_listing_is_a_named_error(tmp_path, monkeypatch):
    _write(tmp_path, {"a.txt": TEXT, "b.txt": TEXT})
    real_walk = loader_module._walk

    def walk_then_delete(folder):
        listing = real_walk(folder)
        (tmp_path / "b.txt").unlink()
        return listing

    monkeypatch.setattr(loader_module, "_walk", walk_then_delete)
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)
    message = str(raised.value)
    assert message.endswith("b.txt: disappeared after the folder was listed; it was not loaded") and "\n" not in message


def test_list_corpus_files_matches_what_loads(tmp_path):
    corpus_dir = fixture_script().build_links(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        listed = [p.relative_to(corpus_dir).as_posix() for p in list_corpus_files(corpus_dir)]
        loaded = list(load_corpus(corpus_dir, clean=False)["file"])
    assert listed == loaded


def test_load_file_reads_name_date_and_front_matter(tmp_path):
    path = tmp_path / "2021-03-11_讲话.md"
    path.write_text("---\ntitle: 讲话\n---\n" + TEXT, encoding="utf-8")
    doc = load_file(path).iloc[0]
    assert (doc["doc_id"], doc["title"], doc["date"], doc["date_precision"]) == ("2021-03-11_讲话", "讲话", "2021-03-11",
                                                                                  "day")
