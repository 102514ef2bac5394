"""Self-checks: tell a student whether an exercise's answer is right.

In a notebook, an exercise is a cell the student completes::

    answer = None  # your answer
    cu.check_answer("04.2", answer)

:func:`check_answer` computes the expected answer from the data (the function
registered for the exercise in ``corpus_utils.lessons.notebook_NN``), compares
and says *right*, *not yet* (with a hint, never the answer) or *not answered
yet*. Answers are compared by kind: numbers within a tolerance, text without
surrounding spaces, collections as sets unless the order matters, tables by
their values.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib import import_module

import pandas as pd


@dataclass(frozen=True)
class Answer:
    """How to check one exercise.

    Attributes
    ----------
    expected
        A function of no arguments that computes the right answer from the
        data (so the notebook never shows it).
    ordered
        For a list of items: whether their order matters.
    tolerance
        For numbers: the largest relative difference accepted.
    hint
        Said when the answer is not right.
    """

    expected: Callable[[], object]
    ordered: bool = False
    tolerance: float = 1e-6
    hint: str = ""


@dataclass(frozen=True)
class Verdict:
    """The result of a self-check, shown as one line."""

    exercise: str
    status: str  # "right", "not yet", "not answered"
    message: str

    @property
    def right(self) -> bool:
        return self.status == "right"

    def __str__(self) -> str:
        mark = {"right": "✓", "not yet": "✗", "not answered": "…"}[self.status]
        return f"{mark} Exercise {self.exercise}: {self.message}"

    def _repr_html_(self) -> str:
        colour = {"right": "#007a3d", "not yet": "#b00020", "not answered": "#555555"}[self.status]
        return f'<div class="cu-self-check" style="color:{colour}">{html.escape(str(self))}</div>'

    def __repr__(self) -> str:
        return str(self)


def _as_items(value: object) -> list | None:
    if isinstance(value, str | bytes | Mapping | pd.DataFrame):
        return None
    if isinstance(value, pd.Series | pd.Index):
        return value.tolist()
    if isinstance(value, Iterable):
        return list(value)
    return None


def _same_number(answer: object, expected: float, tolerance: float) -> bool:
    try:
        number = float(answer)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return math.isclose(number, expected, rel_tol=tolerance, abs_tol=tolerance)


def _same_items(answer: object, expected: object, *, ordered: bool) -> bool:
    wanted, given = _as_items(expected), _as_items(answer)
    if wanted is None or given is None:
        return answer == expected
    if ordered:
        return [str(item) for item in given] == [str(item) for item in wanted]
    return sorted(map(str, given)) == sorted(map(str, wanted))


def _same_table(answer: object, expected: pd.DataFrame) -> bool:
    return isinstance(answer, pd.DataFrame) and answer.reset_index(drop=True).equals(expected.reset_index(drop=True))


def same_answer(answer: object, expected: object, *, ordered: bool = False, tolerance: float = 1e-6) -> bool:
    """Whether ``answer`` equals ``expected`` by the rules of the module docstring."""
    if isinstance(expected, bool):
        return answer is expected or answer == expected
    if isinstance(expected, int | float):
        return _same_number(answer, float(expected), tolerance)
    if isinstance(expected, str):
        return isinstance(answer, str) and answer.strip() == expected.strip()
    if isinstance(expected, pd.DataFrame):
        return _same_table(answer, expected)
    if isinstance(expected, Mapping):
        return isinstance(answer, Mapping) and dict(answer) == dict(expected)
    return _same_items(answer, expected, ordered=ordered)


def registered(exercise: str) -> Answer:
    """The :class:`Answer` of ``exercise`` (``"NN.K"``).

    Raises
    ------
    KeyError
        No such exercise; the message lists the notebook's exercises.
    """
    notebook = exercise.split(".")[0]
    try:
        answers = import_module(f"corpus_utils.lessons.notebook_{notebook}").ANSWERS
    except ModuleNotFoundError:
        raise KeyError(f"no exercises for notebook {notebook!r}") from None
    if exercise not in answers:
        raise KeyError(f"no exercise {exercise!r}; notebook {notebook} has {', '.join(sorted(answers))}")
    return answers[exercise]


def check_answer(exercise: str, answer: object) -> Verdict:
    """Check the answer to ``exercise`` (``"04.2"``: notebook 04, exercise 2).

    ``None`` (the placeholder of an exercise cell) is *not answered yet*;
    otherwise the answer is compared with the one computed from the data.
    """
    spec = registered(exercise)
    if answer is None or answer is Ellipsis:
        return Verdict(exercise, "not answered", "not answered yet: replace None with your answer and run the cell")
    if same_answer(answer, spec.expected(), ordered=spec.ordered, tolerance=spec.tolerance):
        return Verdict(exercise, "right", "right")
    return Verdict(exercise, "not yet", "not yet. " + (spec.hint or "Check your steps against the question."))
