"""Errors users can act on: one line, naming the file, saying what to do."""

import subprocess
import sys

import pytest

from corpus_utils import CorpusError, FontError, load_corpus
from corpus_utils import plotting as plotting_module
from corpus_utils.slogans.extract import read_slogan_lexicon
from corpus_utils.terms.lexicon import read_lexicon


def _one_line(message: str) -> str:
    assert "\n" not in message
    return message


def test_missing_cjk_font(monkeypatch):
    monkeypatch.delenv("CORPUS_UTILS_FONT", raising=False)
    monkeypatch.setattr(plotting_module, "_DEFAULT_FONT", ("no_such_font_package", "fonts/x.otf"))
    with pytest.raises(FontError) as raised:
        plotting_module.font_path()
    assert "run `make figures`" in _one_line(str(raised.value)) and "CORPUS_UTILS_FONT" in str(raised.value)


def test_corpus_folder_that_does_not_exist(tmp_path):
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path / "missing")
    assert _one_line(str(raised.value)).endswith("does not exist; pass the folder that holds your .txt files")


def test_empty_corpus(tmp_path):
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path)
    assert "holds no .txt or .md files; put your texts there" in _one_line(str(raised.value))


@pytest.mark.parametrize(("line", "cause"), [
    ("四个意识,formula,central,g,,", "kind 'formula' must be numbered_formula or slogan"),
    ("四个意识,slogan,province,g,,", "level 'province' must be central or local"),
    ("四个意识,slogan,central,g,2016年,", "first_year '2016年' must be a year such as 2016, or empty"),
    (",slogan,central,g,,", "the slogan is empty; fill it in or delete the line"),
])
def test_slogan_file_with_a_bad_line(tmp_path, line, cause):
    path = tmp_path / "my_slogans.csv"
    path.write_text(f"slogan,kind,level,gloss_en,first_year,source\n{line}\n", encoding="utf-8")
    with pytest.raises(CorpusError) as raised:
        read_slogan_lexicon(path)
    assert _one_line(str(raised.value)) == f"{path.name}: line 2: {cause}"


def test_slogan_file_missing_a_column(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("slogan,kind\n四个意识,slogan\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="lacks the column\\(s\\) level, gloss_en, first_year, source"):
        read_slogan_lexicon(path)


def test_lexicon_file_with_a_bad_line(tmp_path):
    path = tmp_path / "user_dict.txt"
    path.write_text("新发展理念 20000 nz\n高质量发展 many nz\n", encoding="utf-8")
    with pytest.raises(CorpusError) as raised:
        read_lexicon(path)
    assert "user_dict.txt: line 2: frequency 'many' is not a whole number; write e.g. '高质量发展 20000 nz'" in \
        _one_line(str(raised.value))


def test_cli_reports_a_bad_file_in_one_line(tmp_path):
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7 binary")
    result = subprocess.run([sys.executable, "-m", "corpus_utils", "terms", str(tmp_path), "--no-cache"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().endswith("scan.txt: is a PDF document, not a text file; convert it to .txt first")
    assert result.stderr.count("\n") == 1
