"""The packaged government work reports: intact, complete and loadable in one call."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

import corpus_utils as cu

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora") / cu.datasets.WORK_REPORTS


@pytest.fixture(scope="module")
def reports():
    return cu.datasets.work_reports()


def test_every_packaged_file_matches_its_checksum():
    assert cu.datasets.verify_work_reports() == []


@pytest.mark.skipif(not SOURCE.is_dir(), reason="the source folder is not beside the project")
def test_packaged_files_are_the_source_files_byte_for_byte():
    packaged = cu.datasets.work_reports_path()
    names = sorted(p.name for p in SOURCE.iterdir())
    assert sorted(p.name for p in packaged.iterdir()) == names
    assert all((packaged / name).read_bytes() == (SOURCE / name).read_bytes() for name in names)


def test_one_report_a_year_with_its_manifest(reports):
    with open(cu.datasets.work_reports_path() / "metadata.csv", encoding="utf-8", newline="") as handle:
        manifest = list(csv.DictReader(handle))
    assert len(reports) == len(manifest) == 45
    assert reports["year"].is_unique
    assert (reports["year"].min(), reports["year"].max()) == (1954, 2017)
    assert set(reports["date_precision"]) == {"year"}
    assert set(reports["source"]) == {row["source"] for row in manifest}
    assert all(url.startswith("https://zh.wikisource.org/wiki/") for url in reports["source"])


def test_raw_text_is_kept_as_scraped_and_the_licence_block_is_cleaned(reports):
    assert all("Public domain" in raw[-200:] for raw in reports["raw_text"])
    assert not any("Public domain" in text for text in reports["text"])
    assert (reports["n_chars"] < reports["n_chars_raw"]).all()


def test_the_raw_option_gives_the_text_as_scraped():
    raw = cu.datasets.work_reports(clean=False)
    assert (raw["text"] == raw["raw_text"]).all()
