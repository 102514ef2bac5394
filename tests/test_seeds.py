"""The raw seed corpus is evidence: byte-identical, pinned by sha256."""

import csv
import hashlib

from conftest import ROOT

SEED_SHA256 = {
    "000_c82bad9182bec8ff.txt": "e5c57da6a9c8bf67ea230db8e87390f56844eeae6973b9981300f57eaf162325",
    "001_6dd187c4af8fa78a.txt": "71b92947979c1f0aee994a328726a8326eeed9c7f6e7e2703a8e3946fe444ed9",
    "002_bd18f1857b928b7d.txt": "82f3fc3843142e445d4476a4cd1164ca0eb26a7b221a9e1e5a6820200318bc6b",
    "003_d409caa57de1005b.txt": "4cc7816d716a91c3e73d325c37c65cb7c8e5e06aa0d40032454538d10f6a5269",
    "004_8741fb8f7a27a93d.txt": "b7420133135fa8c6829ae00cdfc66c8d72dd7335d28c33272ee3b45de6c942a6",
}


def test_seed_files_are_unchanged():
    found = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((ROOT / "seeds").glob("*.txt"))}
    assert found == SEED_SHA256


def test_metadata_lists_every_seed_with_all_columns():
    with open(ROOT / "seeds" / "metadata.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["file"] for r in rows] == sorted(SEED_SHA256)
    assert list(rows[0]) == ["file", "title", "date", "organization", "level", "genre", "speakers", "source", "script"]
    for row in rows:
        assert all(row[c] for c in row), row
    assert [r["script"] for r in rows] == ["simplified", "simplified", "simplified", "traditional", "simplified"]
    assert [r["date"] for r in rows] == ["2021-02-02", "2021-11-01", "2020-08-07", "2022-06-17", "2021-03-11"]
