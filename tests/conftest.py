from __future__ import annotations

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
