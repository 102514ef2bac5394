"""Exercises of notebooks 04 and 05: the registered answers against
independent computations, wrong answers, and the stored notebook cells."""

from __future__ import annotations

import json
import math
import re
from collections import Counter

import pytest
from conftest import ROOT
from scipy.stats import chi2

from corpus_utils.lessons import notebook_04, notebook_05
from corpus_utils.lessons.check import check_answer
from corpus_utils.lessons.data import work_reports, work_reports_segmenter
from corpus_utils.terms.lexicon import stopwords
from corpus_utils.terms.segment import tokens_by_doc

NOTEBOOKS = {"04": ROOT / "notebooks" / "04_change_over_time.ipynb", "05": ROOT / "notebooks" / "05_explore.ipynb"}
EXERCISES = sorted([*notebook_04.ANSWERS, *notebook_05.ANSWERS])


@pytest.fixture(scope="module")
def reports():
    return work_reports()


def texts_where(reports, keep) -> list[str]:
    return [text for year, text in zip(reports["year"], reports["text"], strict=True) if keep(int(year))]


def rate(reports, term: str, keep) -> float:
    """Occurrences of ``term`` per 10,000 characters in the reports whose year ``keep`` accepts."""
    chosen = reports[[keep(int(year)) for year in reports["year"]]]
    return 1e4 * sum(text.count(term) for text in chosen["text"]) / chosen["n_chars"].sum()


# --- notebook 04 ----------------------------------------------------------------------------------------------

def test_04_1_the_peak_of_reform_by_congress_era(reports):
    starts = [1954, *notebook_04.CONGRESS_BREAKS]
    ends = [b - 1 for b in notebook_04.CONGRESS_BREAKS] + [2017]
    rates = {f"{a}–{b}": rate(reports, "改革开放", lambda y, a=a, b=b: a <= y <= b)
             for a, b in zip(starts, ends, strict=True)}
    best = max(rates, key=rates.get)
    assert best == "1992–1996" == notebook_04.reform_peak_by_congress()
    # the numbers the solution's discussion quotes
    assert [round(rates[k], 2) for k in ("1992–1996", "1997–2001", "2002–2006", "2007–2011")] == [10.80, 3.80, 4.08, 4.65]
    assert round(rate(reports, "改革开放", lambda y: 1992 <= y <= 2001), 2) == 6.95


def test_04_2_the_market_overtakes_the_plan(reports):
    years = sorted(int(y) for y in reports["year"])
    market = {y: rate(reports, "市场经济", lambda x, y=y: x == y) for y in years}
    plan = {y: rate(reports, "计划经济", lambda x, y=y: x == y) for y in years}
    overtaken = [y for y in years if market[y] > plan[y]]
    assert overtaken[0] == 1993 == notebook_04.market_overtakes_plan()
    # the discussion: 1981 uses both, plan more; 1992 only the plan; the plan comes back in four later reports
    assert 0 < market[1981] < plan[1981] and market[1992] == 0 < plan[1992]
    assert [y for y in years if y > 1993 and plan[y] > 0] == [1998, 2002, 2003, 2005]
    assert [y for y in years if y < 1993 and market[y] > 0] == [1981]
    assert overtaken == [y for y in years if y >= 1993 and market[y] > 0]


def test_04_3_new_key_words_of_2012_2017(reports):
    expected = notebook_04.new_key_words_2012()
    assert sorted(expected) == sorted(["习近平", "稳增长", "打造", "区间", "绿色"])
    counts = notebook_04.content_counts_by_era()
    table = counts.counts.merge(counts.docvars["year"], left_on="doc_id", right_index=True)
    for word in expected:
        rows = table[table["term"] == word]
        assert rows.loc[rows["year"].between(2002, 2011), "count"].sum() == 0, word
        assert rows.loc[rows["year"] >= 2012, "count"].sum() >= 15, word
    # independently of the segmenter: the name never occurs in 2002–2011, and 区间 mostly in 合理区间 after 2012
    assert not any("习近平" in text for text in texts_where(reports, lambda y: 2002 <= y <= 2011))
    later = texts_where(reports, lambda y: y >= 2012)
    assert sum(t.count("合理区间") for t in later) / sum(t.count("区间") for t in later) > 0.5


def test_04_4_a_zero_count_has_an_upper_bound(reports):
    early = reports[reports["year"] < 1978]
    assert sum(text.count("改革开放") for text in early["text"]) == 0
    upper = chi2.ppf(0.975, 2) / 2 / early["n_chars"].sum() * 1e4  # Garwood's bound for a count of zero
    assert math.isclose(notebook_04.reform_upper_bound_before_1978(), upper, rel_tol=1e-9)
    assert round(upper, 2) == 0.17 and early["n_chars"].sum() == 221906
    assert math.isclose(chi2.ppf(0.975, 2) / 2, -math.log(0.025))


# --- notebook 05 ----------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def tokens():
    return tokens_by_doc(work_reports(), work_reports_segmenter())


def test_05_1_share_of_reform_missed_by_tokens(reports, tokens):
    shares = {}
    for word in ("改革", "发展"):
        substring = sum(text.count(word) for text in reports["text"])
        token = sum(doc.count(word) for doc in tokens.values())
        shares[word] = 1 - token / substring
    assert math.isclose(notebook_05.reform_share_missed_by_token(), shares["改革"], rel_tol=1e-9)
    assert round(shares["改革"], 2) == 0.29 and round(shares["发展"], 2) == 0.13


def test_05_2_the_plan_code_pattern_catches_years(reports):
    matches = Counter(m for text in reports["text"] for m in re.findall(notebook_05.PLAN_CODE_PATTERN, text))
    (top, top_count), (_, second_count) = matches.most_common(2)
    assert top == "一九五" == notebook_05.top_plan_code_match() and top_count > second_count
    assert (top_count, sum(matches.values())) == (570, 1030)


def right_neighbours(reports, tokens, keep) -> Counter:
    """The token after each token 坚持, in the reports whose year ``keep`` accepts, stopwords left out."""
    stop = stopwords()
    years = dict(zip(reports["doc_id"], reports["year"], strict=True))
    found = Counter()
    for doc_id, doc in tokens.items():
        if keep(int(years[doc_id])):
            found.update(doc[i + 1] for i, t in enumerate(doc[:-1]) if t == "坚持" and doc[i + 1] not in stop)
    return found


def test_05_3_what_the_reports_persist_in(reports, tokens):
    tops = []
    for keep in (lambda y: y < 1978, lambda y: y >= 2012):
        (word, count), (_, runner_up) = right_neighbours(reports, tokens, keep).most_common(2)
        assert count > runner_up  # one clear answer
        tops.append(word)
    assert tops == ["鼓足干劲", "稳中求进工作总基调"] == list(notebook_05.top_persisted())
    assert "坚持鼓足干劲、力争上游、多快好省地建设社会主义的总路线" in "".join(texts_where(reports, lambda y: y < 1978))


def test_05_4_years_of_supply_side_reform(reports):
    years = sorted(int(y) for y, t in zip(reports["year"], reports["text"], strict=True) if "供给侧结构性改革" in t)
    assert years == [2016, 2017] == list(notebook_05.supply_side_years())
    assert sum(t.count("供给侧结构性改革") for t in reports["text"]) == 9


# --- every exercise: right, not yet, not answered -------------------------------------------------------------

WRONG = {"04.1": "1992–2001", "04.2": 1992, "04.3": ["习近平", "稳增长", "打造", "区间"], "04.4": 0.0,
         "05.1": 0.13, "05.2": "十五", "05.3": ["稳中求进工作总基调", "鼓足干劲"], "05.4": [2015, 2016, 2017]}


@pytest.mark.parametrize("exercise", EXERCISES)
def test_a_wrong_answer_is_not_yet(exercise):
    answers = notebook_04.ANSWERS if exercise.startswith("04") else notebook_05.ANSWERS
    verdict = check_answer(exercise, WRONG[exercise])
    assert verdict.status == "not yet" and answers[exercise].hint in verdict.message
    assert str(answers[exercise].expected()) not in answers[exercise].hint
    assert check_answer(exercise, answers[exercise].expected()).right
    assert check_answer(exercise, None).status == "not answered"


def test_rounded_answers_are_right():
    assert check_answer("04.4", 0.17).right and check_answer("05.1", 0.29).right
    assert check_answer("04.2", "1993").right and check_answer("05.4", ["2017", "2016"]).right


# --- the notebooks: one exercise cell and one hidden, solved solution per exercise ----------------------------

def cells_of(exercise: str) -> list[dict]:
    notebook = json.loads(NOTEBOOKS[exercise[:2]].read_text(encoding="utf-8"))
    call = re.compile(rf'cu\.check_answer\("{re.escape(exercise)}", answer\)')
    return [c for c in notebook["cells"] if c["cell_type"] == "code" and call.search("".join(c["source"]))]


def output_text(cell: dict) -> str:
    return "".join("".join(o.get("data", {}).get("text/plain", "")) + "".join(o.get("text", ""))
                   for o in cell["outputs"])


@pytest.mark.parametrize("exercise", EXERCISES)
def test_each_exercise_has_its_cells_in_the_notebook(exercise):
    cells = cells_of(exercise)
    exercises = [c for c in cells if c["metadata"].get("tags") == ["exercise"]]
    solutions = [c for c in cells if set(c["metadata"].get("tags", [])) == {"solution", "hide-cell"}]
    assert len(cells) == 2 and len(exercises) == 1 and len(solutions) == 1
    assert "".join(exercises[0]["source"]).startswith("answer = None  # your answer: ")
    assert output_text(exercises[0]) == f"… Exercise {exercise}: not answered yet: replace None with your answer and run the cell"
    solution = solutions[0]
    assert solution["metadata"]["jupyter"] == {"source_hidden": True}
    assert "".join(solution["source"]).startswith("# Solution\n")
    assert output_text(solution) == f"✓ Exercise {exercise}: right"


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS))
def test_exercises_are_numbered_in_order(notebook):
    cells = json.loads(NOTEBOOKS[notebook].read_text(encoding="utf-8"))["cells"]
    headings = [m for c in cells if c["cell_type"] == "markdown"
                for m in re.findall(r"^### Exercise (\d\d\.\d) · ", "".join(c["source"]), flags=re.M)]
    registered = sorted(notebook_04.ANSWERS if notebook == "04" else notebook_05.ANSWERS)
    assert headings == registered and 3 <= len(headings) <= 4

