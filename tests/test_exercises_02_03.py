"""Exercises of notebooks 02 and 03: the registered answers against independent
computations, wrong answers, and the exercise and solution cells of the
notebooks (corpus_utils/lessons/notebook_02.py, notebook_03.py)."""

import json
import re
from collections import Counter

import pytest
from conftest import ROOT

from corpus_utils.corpus.loader import load_corpus
from corpus_utils.datasets import work_reports
from corpus_utils.lessons import notebook_02, notebook_03
from corpus_utils.lessons.check import check_answer, registered
from corpus_utils.rhetoric.parallelism import SHORT_MEMBER, corpus_parallelisms
from corpus_utils.rhetoric.register import DIRECTIVE_VERBS, MODAL_VERBS
from corpus_utils.slogans.extract import extract_slogans
from corpus_utils.terms.segment import corpus_segmenter

NOTEBOOKS = {"02": ROOT / "notebooks" / "02_slogan_comparison.ipynb",
             "03": ROOT / "notebooks" / "03_rhetoric_structure.ipynb"}
EXERCISES = {"02": ["02.1", "02.2", "02.3", "02.4"], "03": ["03.1", "03.2", "03.3", "03.4"]}
ALL = [e for ids in EXERCISES.values() for e in ids]
WRONG = {"02.1": ["五点意见", "三个月"], "02.2": 31, "02.3": ["一带一路"],
         "02.4": ["000_c82bad9182bec8ff", "001_6dd187c4af8fa78a"], "03.1": 3, "03.2": "000_c82bad9182bec8ff",
         "03.3": 72, "03.4": ["001_6dd187c4af8fa78a", "003_d409caa57de1005b"]}


@pytest.fixture(scope="module")
def seeds():
    return load_corpus(ROOT / "seeds")


@pytest.fixture(scope="module")
def seed_slogans(seeds):
    return extract_slogans(seeds)


def _policy_sets(slogans, keys):
    """Distinct slogans and numbered formulae per key (a doc_id → key mapping)."""
    policy = slogans[slogans["kind"].isin(["numbered_formula", "slogan"])]
    sets: dict[str, set[str]] = {}
    for doc, slogan in zip(policy["doc_id"], policy["slogan"], strict=True):
        sets.setdefault(keys[doc], set()).add(slogan)
    return sets


def test_02_1_announcements_are_the_point_and_aspect_frames():
    expected = registered("02.1").expected()
    by_frame = [e for e in notebook_02.EXPRESSIONS if re.fullmatch(r"[一二两三四五六七八九十]+个?(?:点|方面).*", e)]
    assert sorted(expected) == sorted(by_frame) == ["三方面工作", "两个方面", "五点意见"]


def test_02_2_china_post_keeps_29_slogans_to_itself(seeds, seed_slogans):
    group = {d: o[:4] for d, o in zip(seeds["doc_id"], seeds["organization"], strict=True)}
    sets = _policy_sets(seed_slogans, group)
    assert set(sets) == {"中国邮政", "国投集团", "中国电信"}
    others = sets["国投集团"] | sets["中国电信"]
    assert sets["中国邮政"] & others == {"十四五", "我为群众办实事"}
    assert registered("02.2").expected() == len(sets["中国邮政"] - others) == 29


def test_02_3_the_2017_report_repeats_two_formulae_most():
    reports = work_reports()
    text = reports.loc[reports["year"] == 2017, "text"].iloc[0]
    assert registered("02.3").expected() == ["一带一路", "双创"]
    assert text.count("一带一路") == text.count("双创") == 5
    formulae = notebook_02.report_slogans().query("kind == 'numbered_formula'")
    assert formulae["count"].max() == 5 and (formulae["count"] == 5).sum() == 2


def test_02_4_the_closest_pair_shares_the_five_year_plan(seed_slogans):
    sets = _policy_sets(seed_slogans, {d: d for d in seed_slogans["doc_id"]})
    jaccard = {(a, b): len(sets[a] & sets[b]) / len(sets[a] | sets[b]) for a in sets for b in sets if a < b}
    best = max(jaccard, key=jaccard.get)
    assert sorted(registered("02.4").expected()) == sorted(best) == ["001_6dd187c4af8fa78a", "003_d409caa57de1005b"]
    assert sets[best[0]] & sets[best[1]] == {"十四五"}


def test_03_1_the_2017_report_sets_nine_key_tasks():
    reports = work_reports()
    text = reports.loc[reports["year"] == 2017, "text"].iloc[0]
    third = text[text.index("\n三、"):]
    tasks = re.findall(r"(?m)^（([一二三四五六七八九十]+)）", third)
    assert tasks == ["一", "二", "三", "四", "五", "六", "七", "八", "九"]
    assert registered("03.1").expected() == len(tasks) == 9


def test_03_2_four_character_clauses_counted_by_hand(seeds):
    shares = {}
    for doc, text in zip(seeds["doc_id"], seeds["text"], strict=True):
        clauses = [c.strip() for c in re.split(r"[，、；：。！？,;:!?“”‘’\n]+", text) if re.search(r"[\u4e00-\u9fff]", c)]
        shares[doc] = sum(len(c) == 4 for c in clauses) / len(clauses)
    assert registered("03.2").expected() == max(shares, key=shares.get) == "003_d409caa57de1005b"


def test_03_3_one_character_frames_and_their_short_members(seeds):
    runs = corpus_parallelisms(seeds)
    single = runs[[len(f) == 1 for f in runs["frame"]]]
    assert registered("03.3").expected() == len(single) == 23
    longest = max(len(m) for members in single["members"] for m in members.split("|"))
    assert longest == SHORT_MEMBER == 8
    assert {"化", "史", "流"} <= set(single["frame"])


def test_03_4_directive_verbs_outnumber_modal_verbs_only_in_001(seeds):
    segmenter = corpus_segmenter(seeds)
    more = []
    for doc, text in zip(seeds["doc_id"], seeds["text"], strict=True):
        tokens = Counter(segmenter.tokens(text))
        if sum(tokens[v] for v in DIRECTIVE_VERBS) > sum(tokens[v] for v in MODAL_VERBS):
            more.append(doc)
    assert registered("03.4").expected() == more == ["001_6dd187c4af8fa78a"]


@pytest.mark.parametrize("exercise", ALL)
def test_right_wrong_and_unanswered(exercise):
    assert check_answer(exercise, registered(exercise).expected()).right
    wrong = check_answer(exercise, WRONG[exercise])
    assert wrong.status == "not yet" and str(wrong).startswith(f"✗ Exercise {exercise}: not yet.")
    assert registered(exercise).hint and registered(exercise).hint in str(wrong)
    assert check_answer(exercise, None).status == "not answered"


def _cells(notebook):
    return json.loads(NOTEBOOKS[notebook].read_text(encoding="utf-8"))["cells"]


def _output_text(cell):
    parts = []
    for output in cell["outputs"]:
        parts.append("".join(output.get("text", "")))
        parts.append("".join(output.get("data", {}).get("text/plain", "")))
    return "".join(parts)


def _tagged(cells, exercise, tag):
    call = f'cu.check_answer("{exercise}", answer)'
    return [c for c in cells if c["cell_type"] == "code" and tag in c["metadata"].get("tags", [])
            and call in "".join(c["source"])]


@pytest.mark.parametrize(("notebook", "exercise"), [(n, e) for n, ids in EXERCISES.items() for e in ids])
def test_each_exercise_has_one_exercise_cell_and_one_solution_cell(notebook, exercise):
    cells = _cells(notebook)
    headings = [c for c in cells if c["cell_type"] == "markdown" and "".join(c["source"]).startswith(
        f"### Exercise {exercise} · ")]
    assert len(headings) == 1
    (task,) = _tagged(cells, exercise, "exercise")
    assert "".join(task["source"]).startswith("answer = None  # your answer: ")
    assert f"… Exercise {exercise}: not answered yet" in _output_text(task)
    (solution,) = _tagged(cells, exercise, "solution")
    assert set(solution["metadata"]["tags"]) == {"solution", "hide-cell"}
    assert solution["metadata"]["jupyter"] == {"source_hidden": True}
    assert "".join(solution["source"]).startswith("# Solution\n")
    assert f"✓ Exercise {exercise}: right" in _output_text(solution)
    assert cells.index(task) < cells.index(solution)


@pytest.mark.parametrize("notebook", sorted(NOTEBOOKS))
def test_every_registered_exercise_is_in_its_notebook(notebook):
    module = {"02": notebook_02, "03": notebook_03}[notebook]
    assert sorted(module.ANSWERS) == EXERCISES[notebook]
    sources = "".join("".join(c["source"]) for c in _cells(notebook))
    assert re.findall(r"### Exercise (\d\d\.\d)", sources) == EXERCISES[notebook]


def test_the_groups_of_the_seeds_are_three_organisations(seeds):
    groups = notebook_02.with_groups(seeds).set_index("doc_id")["group"]
    assert groups.to_dict() == {"000_c82bad9182bec8ff": "中国邮政", "001_6dd187c4af8fa78a": "中国邮政",
                                "002_bd18f1857b928b7d": "中国邮政", "003_d409caa57de1005b": "国投集团",
                                "004_8741fb8f7a27a93d": "中国电信"}
