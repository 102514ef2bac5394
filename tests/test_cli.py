"""python -m corpus_utils: the same tables as the notebooks; one-line errors."""

import csv
import subprocess
import sys

from conftest import FIXTURES, ROOT

from corpus_utils.cli import main


def test_terms_prints_the_corpus_table(capsys):
    assert main(["terms", "--top", "3", "--no-cache"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["term", "freq", "per_10k_chars", "doc_freq", "doc_share"]
    assert [line.split()[0] for line in lines[1:]] == ["发展", "工作", "电信"]


def test_terms_by_doc_to_csv(tmp_path, capsys):
    out = tmp_path / "terms.csv"
    assert main(["terms", str(ROOT / "seeds"), "--by", "doc", "--top", "2", "--out", str(out), "--no-cache"]) == 0
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
    for option in ("--top", "--by", "--engine", "--out", "CORPUS_DIR", "--skip-bad", "--connect-timeout", "--debug",
                   "--workers", "--scheduler"):
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
    from corpus_utils.slogans.extract import KINDS as EXTRACTOR_KINDS

    assert KINDS == EXTRACTOR_KINDS


def test_outline_of_a_single_file_as_tree_csv_and_json(capsys):
    import json

    speech = FIXTURES / "unseen_speech" / "speech.txt"
    assert main(["outline", str(speech)]) == 0
    tree = capsys.readouterr().out
    assert "[四点要求: 4 announced, 4 realised]" in tree and "      首先 要完善公司治理" in tree
    assert main(["outline", str(speech), "--format", "csv"]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [r["marker"] for r in rows][:2] == ["一、", "一是"] and rows[0]["doc_id"] == "speech"
    assert main(["outline", "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert {r["announcement"] for r in records} >= {"七点要求", "四点要求", "三点希望", "三点建议"}


def test_a_closed_pipe_ends_quietly():
    result = subprocess.run(f"{sys.executable} -m corpus_utils terms --top all --no-cache --workers 1 | head -1",
                            shell=True, capture_output=True, text=True, check=False)
    assert result.stdout.split() == ["term", "freq", "per_10k_chars", "doc_freq", "doc_share"]
    assert result.stderr == ""
