from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def corpus():
    from corpus_utils import load_corpus

    return load_corpus(ROOT / "seeds")


@pytest.fixture(scope="session")
def by_id(corpus):
    """Cleaned text by short id ("000" … "004")."""
    return {doc_id.split("_")[0]: text for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True)}


def read_gold(name: str) -> list[dict[str, str]]:
    """Rows of a hand annotation under tests/gold/ (see tests/gold/README.md)."""
    with open(ROOT / "tests" / "gold" / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def fixture_script():
    """tests/fixtures/make_bad_inputs.py as a module (its builders and texts)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_bad_inputs", FIXTURES / "make_bad_inputs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_cli(tmp_path, *argv, name: str = "out.parquet"):
    """Run ``python -m corpus_utils *argv --out tmp_path/name`` in process and
    read the table it wrote back."""
    import pandas as pd

    from corpus_utils.cli import main

    out = tmp_path / name
    assert main([*map(str, argv), "--out", str(out)]) == 0
    return pd.read_parquet(out)


def same_table(found, expected, **options) -> None:
    """Assert two tables are equal, ignoring the index, the dtypes, and that
    periods are categories in memory but text in a file."""
    import pandas as pd

    def plain(table):
        return table.reset_index(drop=True).astype({c: object for c in table if str(table[c].dtype) == "category"})

    pd.testing.assert_frame_equal(plain(found), plain(expected), check_dtype=False, **options)


@pytest.fixture(scope="session", autouse=True)
def count_cache(tmp_path_factory):
    """The engine's default count cache, in a folder of this test session: the
    tests never read or write the user's cache."""
    before = os.environ.get("CORPUS_UTILS_CACHE")
    os.environ["CORPUS_UTILS_CACHE"] = str(tmp_path_factory.mktemp("count_cache"))
    yield Path(os.environ["CORPUS_UTILS_CACHE"])
    if before is None:
        os.environ.pop("CORPUS_UTILS_CACHE", None)
    else:
        os.environ["CORPUS_UTILS_CACHE"] = before
