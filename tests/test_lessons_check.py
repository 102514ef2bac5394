"""Self-checks of the exercises (corpus_utils.lessons.check)."""

import sys
import types

import pandas as pd
import pytest

from corpus_utils.lessons.check import Answer, check_answer, same_answer


@pytest.mark.parametrize(("answer", "expected", "options", "same"), [
    (3, 3, {}, True),
    (3.0000000001, 3, {}, True),
    (0.41, 0.408369, {"tolerance": 0.01}, True),
    (0.5, 0.408369, {"tolerance": 0.01}, False),
    ("3", 3, {}, True),             # a number written as text is still the number
    ("many", 3, {}, False),
    (" 改革开放 ", "改革开放", {}, True),
    (["b", "a"], ["a", "b"], {}, True),
    (["b", "a"], ["a", "b"], {"ordered": True}, False),
    (["a", "a"], ["a"], {}, False),
    ({"a", "b"}, ("a", "b"), {}, True),
    (pd.Series(["a", "b"]), ["a", "b"], {"ordered": True}, True),
    ("ab", ["a", "b"], {}, False),  # text is not a list of its characters
    ({"x": 1}, {"x": 1}, {}, True),
    (True, True, {}, True),
    (1, True, {}, True),
    (pd.DataFrame({"a": [1]}), pd.DataFrame({"a": [1]}), {}, True),
    (pd.DataFrame({"a": [2]}), pd.DataFrame({"a": [1]}), {}, False),
])
def test_answers_compare_by_kind(answer, expected, options, same):
    assert same_answer(answer, expected, **options) is same


@pytest.fixture
def notebook_99(monkeypatch):
    module = types.ModuleType("corpus_utils.lessons.notebook_99")
    module.ANSWERS = {"99.1": Answer(lambda: 42, hint="Count the documents again.")}
    monkeypatch.setitem(sys.modules, "corpus_utils.lessons.notebook_99", module)


def test_a_check_says_right_not_yet_or_not_answered(notebook_99):
    assert str(check_answer("99.1", None)).startswith("… Exercise 99.1: not answered yet")
    assert check_answer("99.1", 42).right and str(check_answer("99.1", 42)) == "✓ Exercise 99.1: right"
    wrong = check_answer("99.1", 41)
    assert not wrong.right and str(wrong) == "✗ Exercise 99.1: not yet. Count the documents again."
    assert "42" not in str(wrong)  # the answer is never given away
    assert 'class="cu-self-check"' in wrong._repr_html_()


def test_an_unknown_exercise_is_named(notebook_99):
    with pytest.raises(KeyError, match=r"no exercise '99\.7'; notebook 99 has 99\.1"):
        check_answer("99.7", 1)
    with pytest.raises(KeyError, match="no exercises for notebook '98'"):
        check_answer("98.1", 1)
