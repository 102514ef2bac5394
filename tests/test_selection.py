"""Choosing documents by their variables (corpus.selection)."""

import pandas as pd
import pytest

from corpus_utils.corpus.selection import document_mask, parse_condition, select_documents

TABLE = pd.DataFrame({"doc_id": ["a", "b", "c", "d"],
                      "level": ["central", "provincial branch", None, "central"],
                      "year": pd.array([1998, 2003, pd.NA, 2017], dtype="Int64")})


@pytest.mark.parametrize(("where", "chosen"), [
    ("level=central", ["a", "d"]),
    ("level = provincial branch", ["b"]),
    ("level=central,provincial branch", ["a", "b", "d"]),
    ("level!=central", ["b", "c"]),           # a missing value is the empty text, so it differs from central
    ("level=", ["c"]),
    ("year>=2003", ["b", "d"]),
    ("year<2003", ["a"]),                      # a missing year matches no numeric comparison
    ("year>2100", []),
    (["level=central", "year>2000"], ["d"]),   # every condition must hold
    (None, ["a", "b", "c", "d"]),
])
def test_conditions_choose_by_hand(where, chosen):
    assert select_documents(TABLE, where)["doc_id"].tolist() == chosen
    assert document_mask(TABLE, where).tolist() == [d in chosen for d in TABLE["doc_id"]]


def test_a_parsed_condition_reads_back():
    condition = parse_condition("level=central, provincial branch")
    assert (condition.column, condition.op, condition.values) == ("level", "=", ("central", "provincial branch"))
    assert str(parse_condition("year >= 2000")) == "year>=2000"


@pytest.mark.parametrize(("where", "message"), [
    ("level", "is not a condition"),
    ("=central", "is not a condition"),
    ("year>=recent", "compares numbers"),
    ("lvl=central", "no document variable 'lvl'.*the documents have doc_id, level, year"),
])
def test_a_bad_condition_says_what_is_wrong(where, message):
    with pytest.raises(ValueError, match=message):
        select_documents(TABLE, where)
