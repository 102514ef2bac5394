"""Choosing documents by their variables.

A condition is ``COLUMN OP VALUE``, the way a researcher says it on the
command line (``--where level=central``):

* ``=`` and ``!=`` compare text: ``level=central``, ``level=central,provincial``
  (any of the comma-separated values), ``organization!=China Post``; a
  missing value is the empty text;
* ``>=``, ``<=``, ``>`` and ``<`` compare numbers: ``year>=2000``; a document
  whose value is missing or not a number does not match.

Several conditions must all hold. The same conditions choose the documents of
a loaded corpus, the ``docvars`` of document-term counts, and the files of a
streamed folder.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from corpus_utils.constants import WHERE_CONDITION

_NUMERIC = {">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}


@dataclass(frozen=True)
class Condition:
    """One parsed condition: ``column``, ``op`` and the ``values`` it compares with."""

    column: str
    op: str
    values: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.column}{self.op}{','.join(self.values)}"


def parse_condition(text: str) -> Condition:
    """Parse ``COLUMN OP VALUE`` (see the module docstring).

    Raises
    ------
    ValueError
        Not a condition, or a numeric comparison with a value that is not a number.
    """
    found = WHERE_CONDITION.match(text)
    if not found or not found["column"]:
        raise ValueError(f"{text!r} is not a condition; write COLUMN=VALUE, COLUMN!=VALUE or COLUMN>=NUMBER "
                         "(also <=, >, <), e.g. level=central or year>=2000")
    op, value = found["op"], found["value"]
    if op in _NUMERIC:
        try:
            float(value)
        except ValueError:
            raise ValueError(f"{text!r}: {op} compares numbers, and {value!r} is not one") from None
        return Condition(found["column"], op, (value,))
    return Condition(found["column"], op, tuple(v.strip() for v in value.split(",")))


def _as_conditions(where: str | Condition | Sequence[str | Condition] | None) -> list[Condition]:
    if where is None:
        return []
    items = [where] if isinstance(where, str | Condition) else list(where)
    return [item if isinstance(item, Condition) else parse_condition(item) for item in items]


def _matches(column: pd.Series, condition: Condition) -> pd.Series:
    if condition.op in _NUMERIC:
        numbers = pd.to_numeric(column, errors="coerce")
        return _NUMERIC[condition.op](numbers, float(condition.values[0])).fillna(False).astype(bool)
    text = column.astype("string").fillna("").str.strip()
    found = text.isin(condition.values)
    return ~found if condition.op == "!=" else found


def document_mask(table: pd.DataFrame, where: str | Condition | Sequence[str | Condition] | None) -> pd.Series:
    """A boolean Series over the rows of ``table`` (a loaded corpus, or the
    ``docvars`` of document-term counts): true where every condition holds.

    Raises
    ------
    ValueError
        A condition names a column the table does not have (the message lists
        the columns it has), or cannot be parsed.
    """
    mask = pd.Series(True, index=table.index)
    for condition in _as_conditions(where):
        if condition.column not in table:
            known = ", ".join(c for c in table.columns if c not in ("text", "raw_text"))
            raise ValueError(f"no document variable {condition.column!r} for the condition {condition}; "
                             f"the documents have {known}")
        mask &= _matches(table[condition.column], condition)
    return mask


def select_documents(table: pd.DataFrame, where: str | Condition | Sequence[str | Condition] | None) -> pd.DataFrame:
    """The rows of ``table`` where every condition holds (see :func:`document_mask`)."""
    return table[document_mask(table, where)]
