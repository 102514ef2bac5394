"""python -m corpus_utils: the same tables as the notebooks; one-line errors."""

import csv
import subprocess
import sys

from conftest import ROOT

from corpus_utils.cli import main


def test_terms_prints_the_corpus_table(capsys):
    assert main(["terms", "--top", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["term", "freq", "per_10k_chars", "doc_freq", "doc_share"]
    assert [line.split()[0] for line in lines[1:]] == ["发展", "工作", "电信"]


def test_terms_by_doc_to_csv(tmp_path, capsys):
    out = tmp_path / "terms.csv"
    assert main(["terms", str(ROOT / "seeds"), "--by", "doc", "--top", "2", "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 10 and rows[0]["doc_id"] == "000_c82bad9182bec8ff" and rows[0]["term"] == "中国邮政"
    assert "wrote 10 rows" in capsys.readouterr().out


def test_errors_are_one_line_with_status_2(tmp_path):
    result = subprocess.run([sys.executable, "-m", "corpus_utils", "terms", str(tmp_path / "missing")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "does not exist" in result.stderr


def test_help_explains_every_option():
    result = subprocess.run([sys.executable, "-m", "corpus_utils", "terms", "--help"], capture_output=True, text=True,
                            check=True)
    for option in ("--top", "--by", "--engine", "--out", "CORPUS_DIR"):
        assert option in result.stdout


def test_slogans_by_kind_to_csv(tmp_path):
    out = tmp_path / "slogans.csv"
    assert main(["slogans", "--kind", "numbered_formula", "--out", str(out)]) == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["kind"] for r in rows} == {"numbered_formula"}
    assert ("002_bd18f1857b928b7d", "四突出四切实", "2") in {(r["doc_id"], r["slogan"], r["count"]) for r in rows}
    assert list(rows[0]) == ["doc_id", "slogan", "kind", "count", "first_position", "context", "source", "origin",
                             "gloss_en", "first_year"]


def test_kind_list_matches_the_extractor():
    from corpus_utils.cli import KINDS
    from corpus_utils.slogans import KINDS as EXTRACTOR_KINDS

    assert KINDS == EXTRACTOR_KINDS
