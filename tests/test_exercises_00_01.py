"""Exercises of notebooks 00 and 01: the registered answers are right, wrong
answers are "not yet", and each exercise is stored in its notebook with an
unanswered exercise cell and a hidden worked solution that checks right.

Every registered answer is compared with a value worked out by hand and with
an independent computation (substring counts, a hand-written G2, a brute-force
window scan), never with the function that registered it.
"""

import json
import math
import re
from collections import Counter

import pytest
from conftest import ROOT

from corpus_utils import constants as P
from corpus_utils.corpus.cleaning import DEFAULT_RULES, clean_text
from corpus_utils.lessons import notebook_00, notebook_01
from corpus_utils.lessons.check import check_answer, registered
from corpus_utils.terms.lexicon import stopwords
from corpus_utils.terms.segment import countable_by_doc, tokens_by_doc

ANSWERS = {**notebook_00.ANSWERS, **notebook_01.ANSWERS}
NOTEBOOKS = {"00": ROOT / "notebooks" / "00_corpus_overview.ipynb", "01": ROOT / "notebooks" / "01_term_frequency.ipynb"}

#: What a careful student finds by hand, exercise by exercise.
BY_HAND = {
    "00.1": [1954, 1957],
    "00.2": ["normalize_whitespace", "rejoin_broken_lines", "remove_repeated_blocks"],
    "00.3": ["remove_pinyin_glosses", "convert_to_simplified", "remove_seo_spam", "normalize_punctuation"],
    "00.4": 4,
    "01.1": [4, 10],
    "01.2": ["电信", "中邮信科", "科技赋能", "职工"],
    "01.3": ["促进", "思路"],
    "01.4": 31.59,
}

#: Plausible mistakes: each must be "not yet".
WRONG = {
    "00.1": [1954],                                          # one of the two
    "00.2": ["normalize_whitespace", "rejoin_broken_lines"],  # the corpus-level rule forgotten
    "00.3": ["remove_pinyin_glosses", "convert_to_simplified", "normalize_punctuation", "remove_seo_spam"],  # order
    "00.4": 0,                                               # the default rules only
    "01.1": [4, 14],                                         # 数字化 counted before the new word
    "01.2": ["电信", "中邮信科", "科技赋能", "工作"],             # 工作 is key for the reports
    "01.3": ["促进", "思路", "金钥匙"],                          # the five-word window
    "01.4": 48.53,                                           # the rate of 000
}


@pytest.fixture(scope="module")
def reports():
    return notebook_00.work_reports()


@pytest.fixture(scope="module")
def seeds():
    return notebook_01.seeds()


def test_every_exercise_is_covered():
    assert sorted(ANSWERS) == sorted(BY_HAND) == sorted(WRONG) == ["00.1", "00.2", "00.3", "00.4",
                                                                  "01.1", "01.2", "01.3", "01.4"]


@pytest.mark.parametrize("exercise", sorted(BY_HAND))
def test_the_registered_answer_is_the_hand_answer(exercise):
    spec = registered(exercise)
    expected = spec.expected()
    if isinstance(BY_HAND[exercise], int | float):
        assert math.isclose(expected, BY_HAND[exercise], abs_tol=0.005)
    elif spec.ordered:
        assert expected == BY_HAND[exercise]
    else:
        assert sorted(expected) == sorted(BY_HAND[exercise])
    assert check_answer(exercise, BY_HAND[exercise]).right


@pytest.mark.parametrize("exercise", sorted(WRONG))
def test_a_wrong_answer_is_not_yet_and_the_hint_keeps_the_answer(exercise):
    verdict = check_answer(exercise, WRONG[exercise])
    assert verdict.status == "not yet"
    hint = registered(exercise).hint
    assert hint and str(verdict) == f"✗ Exercise {exercise}: not yet. {hint}"
    answer = BY_HAND[exercise]
    for item in answer if isinstance(answer, list) else [answer]:
        assert str(item) not in hint


# --- independent computations, one per exercise -----------------------------------------
def test_00_1_traditional_reports_use_traditional_characters(reports):
    import opencc

    # OpenCC character by character: the share of the first 800 Chinese characters that are traditional forms.
    to_simplified = opencc.OpenCC("t2s")
    shares = {}
    for year, raw in zip(reports["year"], reports["raw_text"], strict=True):
        han = P.HAN_CHAR.findall(raw)[:800]
        shares[int(year)] = sum(to_simplified.convert(char) != char for char in han) / len(han)
    assert [year for year, share in shares.items() if share > 0.05] == notebook_00.traditional_years() == [1954, 1957]
    assert shares[1954] > 0.3 and 0.05 < shares[1957] < 0.15  # 1957 is simplified with traditional forms at its start
    assert max(share for year, share in shares.items() if year not in (1954, 1957)) < 0.01


def test_00_2_rules_that_change_every_report(reports):
    changed = Counter()
    for raw, text in zip(reports["raw_text"], reports["text"], strict=True):
        for rule in DEFAULT_RULES:  # each rule on the output of the one before, as the pipeline runs them
            cleaned = rule(raw)
            changed[rule.name] += cleaned != raw
            raw = cleaned
        changed["remove_repeated_blocks"] += raw != text  # what the corpus-level rule did after them
        assert "本作品" in raw and "本作品" not in text     # the Wikisource licence block
    every = sorted(rule for rule, n in changed.items() if n == len(reports) == 45)
    assert every == sorted(notebook_00.rules_changing_every_report())
    assert changed["normalize_full_width"] == 15 and changed["convert_to_simplified"] == 2


def test_00_3_the_sentence_goes_through_four_rules():
    sentence = notebook_00.AUDIT_SENTENCE
    assert clean_text(sentence) == "坚持党的全面领导，推进改革。"
    # each rule alone changes the sentence; their pipeline order is the order of DEFAULT_RULES
    order = [rule.name for rule in DEFAULT_RULES]
    answer = notebook_00.rules_in_audit()
    assert answer == sorted(answer, key=order.index)
    assert "(de)" in sentence and "," in sentence and "金沙js93" in sentence


def test_00_4_spaced_years_of_the_1998_report(reports):
    report_1998 = reports.set_index("year").loc[1998]
    assert report_1998["text"].count("1997年") == 0                     # the default rules leave the spaces
    assert report_1998["raw_text"].count("1 9 9 7 年") == notebook_00.spaced_year_count() == 4
    assert len(re.findall(r"(?<=\d) ", report_1998["text"])) == 211    # the spaces the rule removes
    assert notebook_00.join_spaced_digits("1 9 9 7 年3 月，8 ．8 ％ 1 ") == "1997年3月，8．8％ 1"


def test_01_1_a_new_formulation_takes_its_part_away(seeds):
    corpus, segmenter, _ = seeds
    substring = sum(text.count("数字化攻关") for text in corpus["text"])
    before = sum(tokens.count("数字化") for tokens in tokens_by_doc(corpus, segmenter).values())
    assert (substring, before) == (4, 14)
    assert notebook_01.token_counts_with_new_formulation() == [substring, before - substring]


def _g2(a: int, b: int, c: int, d: int) -> float:
    """Rayson's two-cell log-likelihood, written out."""
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o)


def test_01_2_keywords_of_the_speeches_by_hand(seeds):
    corpus, _, counts = seeds
    speeches = set(corpus.loc[corpus["genre"].isin(["speech report", "speech transcript"]), "doc_id"])
    assert sorted(speeches) == ["000_c82bad9182bec8ff", "004_8741fb8f7a27a93d"]
    table = counts.counts.assign(target=counts.counts["doc_id"].isin(speeches))
    a = table[table["target"]].groupby("term")["count"].sum()
    b = table[~table["target"]].groupby("term")["count"].sum()
    c, d = int(a.sum()), int(b.sum())
    scores = sorted(((_g2(int(a.get(t, 0)), int(b.get(t, 0)), c, d), t) for t in set(a.index) | set(b.index)
                     if a.get(t, 0) / c > b.get(t, 0) / d and a.get(t, 0) + b.get(t, 0) >= 2), reverse=True)
    assert math.isclose(scores[0][0], 61.002632, rel_tol=1e-6) and scores[0][1] == "电信"
    assert scores[3][0] > scores[4][0] + 1  # no tie at the cut
    assert sorted(t for _, t in scores[:4]) == sorted(notebook_01.speech_keywords())


def test_01_3_collocates_within_two_words_by_brute_force(seeds):
    corpus, segmenter, _ = seeds
    countable = countable_by_doc(corpus, segmenter)
    family = {token for tokens in countable.values() for token in tokens if "党建" in token}
    near = Counter()
    for tokens in countable.values():
        for i, token in enumerate(tokens):
            if token in family:
                near.update(t for t in tokens[max(0, i - 2):i] + tokens[i + 1:i + 3] if t not in stopwords())
    assert sorted(t for t, n in near.items() if n >= 2) == sorted(notebook_01.narrow_window_collocates())


def test_01_4_rate_of_a_word_by_hand(seeds):
    corpus, segmenter, _ = seeds
    text = corpus.set_index("doc_id").loc["004_8741fb8f7a27a93d", "text"]
    tokens = tokens_by_doc(corpus, segmenter)["004_8741fb8f7a27a93d"]
    assert (tokens.count("发展"), len(text)) == (14, 4432)
    assert math.isclose(notebook_01.rate_per_10k(), 14 / 4432 * 10_000)


# --- the notebooks ---------------------------------------------------------------------
def _cells(notebook: str) -> list[dict]:
    return json.loads(NOTEBOOKS[notebook].read_text(encoding="utf-8"))["cells"]


def _text(cell: dict) -> str:
    return "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                   for o in cell.get("outputs", []))


def _checking(cells: list[dict], exercise: str) -> list[dict]:
    return [c for c in cells if c["cell_type"] == "code" and f'cu.check_answer("{exercise}", answer)' in "".join(c["source"])]


@pytest.mark.parametrize("exercise", sorted(ANSWERS))
def test_each_exercise_is_stored_with_its_checks(exercise):
    cells = _cells(exercise[:2])
    assert sum(f"### Exercise {exercise} · " in "".join(c["source"]) for c in cells if c["cell_type"] == "markdown") == 1
    checking = _checking(cells, exercise)
    exercises = [c for c in checking if c["metadata"].get("tags") == ["exercise"]]
    solutions = [c for c in checking if set(c["metadata"].get("tags", [])) == {"solution", "hide-cell"}]
    assert len(exercises) == len(solutions) == 1 and len(checking) == 2
    (question,), (solution,) = exercises, solutions
    assert "".join(question["source"]).startswith("answer = None  # your answer: ")
    assert f"… Exercise {exercise}: not answered yet" in _text(question)
    assert solution["metadata"]["jupyter"] == {"source_hidden": True}
    assert "".join(solution["source"]).startswith("# Solution\n")
    assert f"✓ Exercise {exercise}: right" in _text(solution)
    assert cells.index(question) < cells.index(solution)


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS))
def test_the_notebook_checks_only_registered_exercises(notebook):
    sources = "".join("".join(c["source"]) for c in _cells(notebook))
    found = set(re.findall(r'cu\.check_answer\("(\d\d\.\d+)"', sources))
    assert found == {e for e in ANSWERS if e.startswith(notebook)}
