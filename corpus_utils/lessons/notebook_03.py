"""Exercises of notebook 03 (rhetoric structure), with their answers.

They teach the student to

* read the numbered skeleton of a long real document, the 2017 government
  work report, from ``cu.corpus_outlines`` (03.1);
* compare documents on a register measure, the share of four-character
  clauses (03.2);
* see the rule that keeps one-character frames to short members
  (``parallelism.SHORT_MEMBER``) at work in the parallelisms found (03.3);
* keep modality (modal verbs: 要, 必须 …) apart from directive verbs (推进,
  加强 …) and find where the second outnumber the first (03.4).

Each answer is computed from the data with the public API; the expensive loads
are cached.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

import corpus_utils as cu
from corpus_utils.lessons.check import Answer
from corpus_utils.lessons.data import seed_corpus, work_reports

#: The year of the work report of exercise 03.1.
REPORT_YEAR = 2017
#: The section of that report whose numbered tasks exercise 03.1 counts (三、).
TASK_SECTION = 3




@lru_cache(maxsize=1)
def seed_measures() -> pd.DataFrame:
    """``cu.register_measures`` of the seeds."""
    corpus = seed_corpus()
    return cu.register_measures(corpus, cu.corpus_segmenter(corpus))


@lru_cache(maxsize=1)
def report_outline(year: int = REPORT_YEAR) -> pd.DataFrame:
    """``cu.corpus_outlines`` of the government work report of ``year``."""
    reports = work_reports()
    return cu.corpus_outlines(reports[reports["year"] == year])


def key_tasks() -> int:
    """How many items the list directly under section 三、 of the report has."""
    outline = report_outline()
    section = outline[(outline["family"] == "section") & (outline["ordinal"] == TASK_SECTION)]
    tasks = outline[outline["parent_list_id"].isin(section["list_id"]) & (outline["parent_item"] == TASK_SECTION)]
    return int(tasks["list_id"].value_counts().max())


def most_four_char_clauses() -> str:
    """The seed with the highest share of four-character clauses."""
    return str(seed_measures()["four_char_clause_share"].idxmax())


def one_character_frames() -> int:
    """How many parallelism runs of the seeds are framed on a single character."""
    runs = cu.corpus_parallelisms(seed_corpus())
    return int((runs["frame"].str.len() == 1).sum())


def directive_verbs_over_modals() -> list[str]:
    """The seeds whose directive verbs outnumber their modal verbs (per 10,000 characters)."""
    measures = seed_measures()
    return sorted(measures.index[measures["directive_verbs_per_10k"] > measures["modal_verbs_per_10k"]])


ANSWERS: dict[str, Answer] = {
    "03.1": Answer(key_tasks, hint="Keep the rows of the list whose parent is section 三、 (parent_item 3) and count "
                                   "its items; the sub-points 一是… of each task are one level deeper."),
    "03.2": Answer(most_four_char_clauses, hint="Look at the column four_char_clause_share, not four-character words; "
                                                "answer with the doc_id."),
    "03.3": Answer(one_character_frames, hint="Count every run (repeated runs too) whose frame is exactly one "
                                              "character long: runs['frame'].str.len() == 1."),
    "03.4": Answer(directive_verbs_over_modals,
                   hint="Compare directive_verbs_per_10k with modal_verbs_per_10k document by document; answer with "
                        "a list of doc_ids."),
}
