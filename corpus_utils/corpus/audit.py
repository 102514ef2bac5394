"""What cleaning changed: every span each rule took or rewrote, per document.

The audit runs the same rules as :func:`corpus_utils.corpus.cleaning.clean_text`
and compares each rule's input with its output
(:func:`corpus_utils.corpus.textdiff.diff_spans`), so it reports what the rules
did to the text, never what they claim to do. On a corpus it also runs the
corpus-level rule :data:`REPEATED_BLOCKS_RULE`, which removes licence and
footer blocks that most documents share (:mod:`corpus_utils.corpus.boilerplate`).
A corpus loaded with its own rules (``load_corpus(..., rules=[...])``) keeps
them in ``corpus.attrs["rules"]``; the audit of that corpus re-runs those
same rules (a ``rules=`` argument overrides them), and names a plain function
by its ``__name__``.
Its cost grows linearly with the text (``make bench``: at most 3x the
time of cleaning alone).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from corpus_utils.corpus.boilerplate import find_repeated_blocks
from corpus_utils.corpus.cleaning import DEFAULT_RULES, RuleLike, apply_rule, as_cleaning_rules, han_count
from corpus_utils.corpus.textdiff import diff_spans

#: Name of the corpus-level rule in the audit's tables.
REPEATED_BLOCKS_RULE = "remove_repeated_blocks"
#: Columns of :func:`cleaning_changes`.
CHANGE_COLUMNS = ["doc_id", "rule", "position", "before", "after", "left", "right"]
#: Characters of context on each side of a change.
CONTEXT = 12


@dataclass(frozen=True)
class Change:
    """One span a rule changed: the text before and after, and where.

    ``position`` and the ``left``/``right`` context refer to the text as it
    was when that rule ran.
    """

    rule: str
    position: int
    before: str
    after: str
    left: str = ""
    right: str = ""


def changes_between(rule: str, before: str, after: str, *, context: int = CONTEXT) -> list[Change]:
    """The spans in which ``after`` differs from ``before``, as :class:`Change` rows of ``rule``."""
    return [
        Change(rule, i1, before[i1:i2], after[j1:j2], before[max(0, i1 - context):i1], before[i2:i2 + context])
        for i1, i2, j1, j2 in diff_spans(before, after)
    ]


def clean_with_audit(text: str, *, rules: Sequence[RuleLike] | None = DEFAULT_RULES) -> tuple[str, list[Change]]:
    """Clean ``text`` and return it with every change each rule made.

    Parameters
    ----------
    text
        A raw text.
    rules
        The rules, in order (default and ``None``:
        :data:`~corpus_utils.corpus.cleaning.DEFAULT_RULES`); plain
        ``str -> str`` functions are named by their ``__name__``
        (:func:`~corpus_utils.corpus.cleaning.as_cleaning_rules`).

    Returns
    -------
    tuple
        The cleaned text (as :func:`~corpus_utils.corpus.cleaning.clean_text`
        gives it) and the list of :class:`Change`.
    """
    changes: list[Change] = []
    for rule in as_cleaning_rules(rules):
        cleaned = apply_rule(rule, text)
        if cleaned != text:
            changes.extend(changes_between(rule.name, text, cleaned))
        text = cleaned
    return text, changes


def audit_corpus(raw_texts: Iterable[str], *, rules: Sequence[RuleLike] | None = DEFAULT_RULES,
                 repeated_blocks: bool = True) -> list[tuple[str, list[Change]]]:
    """Clean every text of a corpus with its audit, the corpus-level rule included.

    Returns
    -------
    list of tuple
        ``(cleaned text, changes)`` per text, in order; the cleaned texts
        equal what :func:`corpus_utils.load_corpus` puts in ``text``.
    """
    rules = as_cleaning_rules(rules)
    audited = [clean_with_audit(raw, rules=rules) for raw in raw_texts]
    if not repeated_blocks:
        return audited
    blocks = find_repeated_blocks(text for text, _ in audited)
    if not blocks:
        return audited
    result = []
    for text, changes in audited:
        kept = blocks.remove(text)
        result.append((kept, changes + changes_between(REPEATED_BLOCKS_RULE, text, kept) if kept != text else changes))
    return result


def corpus_rules(corpus: pd.DataFrame, rules: Sequence[RuleLike] | None = None) -> tuple:
    """The rules to audit ``corpus`` with: ``rules`` when given, else those it
    was loaded with (``corpus.attrs["rules"]``), else the default rules."""
    return as_cleaning_rules(rules if rules is not None else corpus.attrs.get("rules"))


def cleaning_changes(corpus: pd.DataFrame, *, repeated_blocks: bool = True,
                     rules: Sequence[RuleLike] | None = None) -> pd.DataFrame:
    """Every span the cleaning rules changed in a loaded corpus, one row a change.

    Parameters
    ----------
    corpus
        A corpus from :func:`corpus_utils.load_corpus` (its ``raw_text`` is read).
    repeated_blocks
        Include the corpus-level rule :data:`REPEATED_BLOCKS_RULE` (as the loader does by default).
    rules
        The rules to re-run; default those the corpus was loaded with (:func:`corpus_rules`).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, rule, position, before, after, left, right``.
    """
    audited = audit_corpus(corpus["raw_text"], rules=corpus_rules(corpus, rules), repeated_blocks=repeated_blocks)
    rows = [(doc_id, c.rule, c.position, c.before, c.after, c.left, c.right)
            for doc_id, (_, changes) in zip(corpus["doc_id"], audited, strict=True) for c in changes]
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


#: Columns of :func:`summarize_changes` and :func:`cleaning_report`.
REPORT_COLUMNS = ["doc_id", "rule", "changes", "han_removed", "examples"]


def _summary_rows(doc_id: str, changes: Iterable[Change], names: Sequence[str], examples: int, width: int) -> list[tuple]:
    by_rule: dict[str, list[Change]] = {name: [] for name in names}
    for change in changes:
        by_rule.setdefault(change.rule, []).append(change)
    return [(doc_id, name, len(found), sum(han_count(c.before) - han_count(c.after) for c in found),
             " | ".join(f"{_show(c.before, width)} → {_show(c.after, width)}" for c in found[:examples]))
            for name, found in by_rule.items()]


def summarize_changes(doc_id: str, changes: Iterable[Change], *, rule_names: Sequence[str] | None = None,
                      examples: int = 3, width: int = 24) -> pd.DataFrame:
    """One row per rule: how many spans it changed, how many Han characters
    it removed (net), and up to ``examples`` ``before → after`` examples."""
    names = list(rule_names) if rule_names is not None else [rule.name for rule in DEFAULT_RULES]
    return pd.DataFrame(_summary_rows(doc_id, changes, names, examples, width), columns=REPORT_COLUMNS)


def cleaning_report(corpus: pd.DataFrame, *, only_changed: bool = True, repeated_blocks: bool = True,
                    examples: int = 3, width: int = 24, rules: Sequence[RuleLike] | None = None) -> pd.DataFrame:
    """What each cleaning rule changed in each document.

    The rules re-run are ``rules``, else those the corpus was loaded with
    (``corpus.attrs["rules"]``), else the default rules; a plain function is
    named by its ``__name__``.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, rule, changes, han_removed, examples``: one row per
        document and rule (only the rules that changed something, unless
        ``only_changed=False``), the corpus-level rule last.
    """
    rules = corpus_rules(corpus, rules)
    names = [rule.name for rule in rules] + ([REPEATED_BLOCKS_RULE] if repeated_blocks else [])
    audited = audit_corpus(corpus["raw_text"], rules=rules, repeated_blocks=repeated_blocks)
    rows = [row for doc_id, (_, changes) in zip(corpus["doc_id"], audited, strict=True)
            for row in _summary_rows(doc_id, changes, names, examples, width) if row[2] or not only_changed]
    return pd.DataFrame(rows, columns=REPORT_COLUMNS)


def _show(text: str, width: int) -> str:
    text = text.replace("\n", "⏎").replace("\u3000", "␣").replace(" ", "␣")
    if not text:
        return "∅"
    return text if len(text) <= width else text[: width - 1] + "…"
