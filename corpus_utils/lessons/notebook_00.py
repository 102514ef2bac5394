"""Exercises of notebook 00: the corpus, and what cleaning did to it.

The four exercises work on the 45 packaged government work reports
(``cu.datasets.work_reports()``), the archive a reader meets first, and on one
sentence given in the notebook. They teach:

* 00.1 to read the document variables the loader adds (``script``: which
  reports it detected as traditional script);
* 00.2 to read a cleaning report (``cu.cleaning_report``): which rules
  changed every report;
* 00.3 to follow one text through the pipeline with its audit
  (``cu.clean_with_audit``), and that the order of the rules matters;
* 00.4 to write a cleaning rule of one's own, a ``str -> str`` function
  passed as ``rules=[*cu.DEFAULT_RULES, my_rule]``, for a noise the default
  rules leave: the 1998 report spaces its digits (``1 9 9 7 年``).

Each expected answer is computed from the data on demand, never stored.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from corpus_utils.lessons.check import Answer
from corpus_utils.lessons.data import work_reports

if TYPE_CHECKING:
    import pandas as pd

#: The sentence of exercise 00.3: traditional script, a pinyin gloss, an
#: injected gambling brand and an ASCII comma between Chinese characters.
AUDIT_SENTENCE = "堅持黨的(de)全面領導,推進金沙js93登录的改革。"

#: The year written with spaced digits in the 1998 report (exercise 00.4).
SPACED_YEAR = "1997年"


def join_spaced_digits(text: str) -> str:
    """Remove a space that follows a digit: ``1 9 9 7 年`` → ``1997年``.

    The reference rule of exercise 00.4 (the 1998 work report was typeset
    with a space after every digit).
    """
    return "".join(char for i, char in enumerate(text) if not (char == " " and i and text[i - 1].isdigit()))




@lru_cache(maxsize=1)
def reports_with_joined_digits() -> pd.DataFrame:
    """The packaged work reports cleaned with the default rules and then
    :func:`join_spaced_digits` (loaded once)."""
    from corpus_utils.corpus.cleaning import DEFAULT_RULES
    from corpus_utils.corpus.loader import load_corpus
    from corpus_utils.datasets import work_reports_path

    return load_corpus(work_reports_path(), rules=[*DEFAULT_RULES, join_spaced_digits])


def traditional_years() -> list[int]:
    """00.1: the years of the reports the loader detected as traditional script."""
    reports = work_reports()
    return sorted(int(year) for year in reports.loc[reports["script"] == "traditional", "year"])


def rules_changing_every_report() -> list[str]:
    """00.2: the cleaning rules that changed every one of the reports."""
    from corpus_utils.corpus.audit import cleaning_report

    reports = work_reports()
    report = cleaning_report(reports)
    documents = report[report["changes"] > 0].groupby("rule")["doc_id"].nunique()
    return sorted(rule for rule, n in documents.items() if n == len(reports))


def rules_in_audit() -> list[str]:
    """00.3: the rules that changed :data:`AUDIT_SENTENCE`, each once, in the order they ran."""
    from corpus_utils.corpus.audit import clean_with_audit

    _, audit = clean_with_audit(AUDIT_SENTENCE)
    return list(dict.fromkeys(change.rule for change in audit))


def spaced_year_count() -> int:
    """00.4: how often the cleaned 1998 report says :data:`SPACED_YEAR` once
    :func:`join_spaced_digits` has run."""
    reports = reports_with_joined_digits()
    return int(reports.loc[reports["year"] == 1998, "text"].iloc[0].count(SPACED_YEAR))


ANSWERS: dict[str, Answer] = {
    "00.1": Answer(traditional_years, hint="Look at the script column of cu.datasets.work_reports() and answer the "
                                           "years of the rows it marks traditional, as a list."),
    "00.2": Answer(rules_changing_every_report,
                   hint="Run cu.cleaning_report(reports), count the documents each rule changed "
                        "(groupby('rule')['doc_id'].nunique()) and keep the rules that reach 45; the corpus-level "
                        "rule counts too."),
    "00.3": Answer(rules_in_audit, ordered=True,
                   hint="Take change.rule of every change cu.clean_with_audit returns, keep each rule once, and keep "
                        "the order of the audit: it is the order in which the rules ran."),
    "00.4": Answer(spaced_year_count,
                   hint="Before your rule the 1998 report never says 1997年: it writes 1 9 9 7 年. Your rule must "
                        "remove the space after every digit, including the one before 年, and run after the default "
                        "rules: rules=[*cu.DEFAULT_RULES, your_rule]."),
}
