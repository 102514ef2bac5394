"""The trends and keyness commands on the packaged work reports: the same tables as the functions in memory."""

import pandas as pd

import corpus_utils as cu
from corpus_utils.cli import main

REPORTS = cu.datasets.work_reports_path()


def test_trends_by_era_equal_the_in_memory_trends(tmp_path):
    out = tmp_path / "trends.csv"
    assert main(["trends", str(REPORTS), "--terms", "改革开放", "阶级斗争", "--by", "era", "--workers", "2",
                 "--out", str(out)]) == 0
    found = pd.read_csv(out, dtype={"period": str})
    expected = cu.term_trends(cu.datasets.work_reports(), ["改革开放", "阶级斗争"], by="era")
    assert found["period"].tolist() == expected["period"].astype(str).tolist()
    assert found["freq"].tolist() == expected["freq"].tolist()
    assert found["freq"].sum() == sum(text.count(t) for text in cu.datasets.work_reports()["text"]
                                      for t in ("改革开放", "阶级斗争"))


def test_keyness_by_decade_names_every_decade(tmp_path):
    out = tmp_path / "keyness.csv"
    assert main(["keyness", str(REPORTS), "--group-by", "decade", "--top", "5", "--workers", "1", "--no-cache",
                 "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert table["group"].drop_duplicates().tolist() == ["1950s", "1960s", "1970s", "1980s", "1990s", "2000s",
                                                         "2010s"]
    assert (table.groupby("group")["rank"].max() <= 5).all()
    assert (table["log_ratio"] > 0).all()


def test_keyness_by_an_unknown_column_is_one_error_line(capsys):
    assert main(["keyness", str(REPORTS), "--group-by", "province", "--workers", "1", "--no-cache"]) == 2
    assert capsys.readouterr().err.strip().startswith("error: group by 'province'")


def test_keyness_dates_files_without_a_manifest_as_the_loader_does(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    texts = {"19780301_a.txt": "阶级斗争。" * 6 + "工业。", "19790301_b.txt": "阶级斗争。" * 5,
             "19920301_c.txt": "改革开放。" * 6 + "工业。", "19930301_d.txt": "改革开放。" * 5}
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "keyness.csv"
    assert main(["keyness", str(folder), "--group-by", "decade", "--min-freq", "2", "--max-dp", "1", "--workers", "1",
                 "--no-cache", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert table.groupby("group")["term"].first().to_dict() == {"1970s": "阶级斗争", "1990s": "改革开放"}
    assert cu.load_corpus(folder)["year"].tolist() == [1978, 1979, 1992, 1993]
