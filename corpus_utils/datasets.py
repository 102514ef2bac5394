"""Corpora that ship with the package.

``work_reports``: the 45 government work reports (政府工作报告) delivered by
the Premier to the National People's Congress, 1954–2017, as Chinese
Wikisource publishes them. The raw files are kept exactly as scraped (the
Wikisource licence block at the end, lines broken around links, traditional
script in 1954 and in the opening pages of 1957, full-width digits), with their manifest
``metadata.csv`` (``file, title, date, organization, level, genre, source``;
dates are years only, ``source`` is the Wikisource page). Like the seeds,
the raw files are evidence: :func:`verify_work_reports` checks them against
the SHA-256 sums shipped beside them.

Official documents of a legislative or administrative nature fall outside
copyright under Article 5 of the Copyright Law of the People's Republic of
China; Wikisource marks these texts public domain, and the licence block
under each text says so.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

WORK_REPORTS = "work_reports_1954_2017"


def _data_dir() -> Path:
    return Path(str(resources.files("corpus_utils") / "data"))


def work_reports_path() -> Path:
    """The folder of the packaged work reports (raw ``.txt`` files and ``metadata.csv``),
    to pass to :func:`corpus_utils.load_corpus`, the command line or the streaming engine."""
    return _data_dir() / WORK_REPORTS


def work_reports(*, clean: bool = True) -> pd.DataFrame:
    """The government work reports 1954–2017, loaded as
    :func:`corpus_utils.load_corpus` loads any folder: one row a report,
    ``year`` from the year-only ``date``, ``raw_text`` as scraped and the
    cleaned ``text`` (with ``clean=False``, ``text`` is the raw text)."""
    from corpus_utils.corpus.loader import load_corpus

    return load_corpus(work_reports_path(), clean=clean)


def verify_work_reports() -> list[str]:
    """The packaged files whose bytes differ from the shipped SHA-256 sums,
    or are missing (an empty list when every file is intact)."""
    folder = work_reports_path()
    sums = (_data_dir() / f"{WORK_REPORTS}.sha256").read_text(encoding="utf-8").splitlines()
    bad = []
    for line in sums:
        expected, name = line.split(maxsplit=1)
        path = folder / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            bad.append(name)
    return bad
