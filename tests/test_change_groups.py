"""Keyness by group and formula lifecycles (corpus_utils.change.groups, .lifecycles).

Hand-made fixtures first, every expected value worked out by hand in the
comments; then the government work reports (skipped when the development
corpora are absent), checked against ``str.count`` on the loaded texts.
"""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from conftest import ROOT

from corpus_utils.change.groups import KEYNESS_BY_GROUP_COLUMNS, keyness_by_group, plot_keyness_heatmap
from corpus_utils.change.lifecycles import LIFECYCLE_COLUMNS, formula_lifecycles, plot_lifecycles
from corpus_utils.errors import CorpusWarning
from corpus_utils.terms.dtm import DocumentTermCounts
from corpus_utils.terms.keyness import keyness_from_counts

DEV = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora")
REPORTS = DEV / "work_reports_1954_2017"

# --- a hand-made document-term table: three groups of two documents ---------------------------------
#
#   doc  group  counts                                   n_words
#   a1   A      改革 6, 发展 4, 的 40                      50
#   a2   A      改革 4, 发展 6, 的 40                      50
#   b1   B      小康 5, 发展 5, 的 40                      50
#   b2   B      小康 5, 发展 4, 改革 1, 的 40              50
#   c1   C      创新 8, 发展 5, 的 77                      90
#   c2   C      偶然 6, 创新 1, 的 3                       10
#
# Group totals (100 words each):
#   A: 改革 10, 发展 10, 的 80      B: 小康 10, 发展 9, 改革 1, 的 80      C: 创新 9, 发展 5, 偶然 6, 的 80
# 的 has the same rate (0.8) in every group: never positively key (a/c = b/d).
COUNTS = {
    "a1": {"改革": 6, "发展": 4, "的": 40},
    "a2": {"改革": 4, "发展": 6, "的": 40},
    "b1": {"小康": 5, "发展": 5, "的": 40},
    "b2": {"小康": 5, "发展": 4, "改革": 1, "的": 40},
    "c1": {"创新": 8, "发展": 5, "的": 77},
    "c2": {"偶然": 6, "创新": 1, "的": 3},
}
GROUPS = {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "c1": "C", "c2": "C"}
TOTALS = {
    "A": {"改革": 10, "发展": 10, "的": 80},
    "B": {"小康": 10, "发展": 9, "改革": 1, "的": 80},
    "C": {"创新": 9, "发展": 5, "偶然": 6, "的": 80},
}


def make_dtm(counts=COUNTS, groups=GROUPS, column: str = "era") -> DocumentTermCounts:
    rows = [(d, t, c) for d, terms in counts.items() for t, c in sorted(terms.items())]
    docvars = pd.DataFrame({"n_chars": [2 * sum(t.values()) for t in counts.values()],
                            "n_words": [sum(t.values()) for t in counts.values()],
                            column: [groups[d] for d in counts]}, index=pd.Index(list(counts), name="doc_id"))
    return DocumentTermCounts(pd.DataFrame(rows, columns=["doc_id", "term", "count"]), docvars)


def rest(*groups: str) -> dict[str, int]:
    summed: dict[str, int] = {}
    for g in groups:
        for t, c in TOTALS[g].items():
            summed[t] = summed.get(t, 0) + c
    return summed


def test_key_terms_of_each_group_by_hand():
    table = keyness_by_group(make_dtm(), "era")
    assert list(table.columns) == KEYNESS_BY_GROUP_COLUMNS
    # A: 改革 10/100 vs 1/200, 发展 10/100 vs 14/200 (positive); 的 tied; 小康, 创新, 偶然 absent from A.
    # B: 小康 10/100 vs 0/200, 发展 9/100 vs 15/200; 改革 1/100 vs 10/200 is negative.
    # C: 创新 9/100 vs 0; 偶然 (6/100 vs 0) is dropped by DP (below); 发展 5/100 vs 19/200 is negative.
    got = [(str(g), t) for g, t in zip(table["group"], table["term"], strict=True)]
    assert got == [("A", "改革"), ("A", "发展"), ("B", "小康"), ("B", "发展"), ("C", "创新")]
    assert table["rank"].tolist() == [1, 2, 1, 2, 1]
    for group, others in (("A", ("B", "C")), ("B", ("A", "C")), ("C", ("A", "B"))):
        expected = keyness_from_counts(TOTALS[group], rest(*others), min_freq=5).set_index("term")
        mine = table[table["group"] == group].set_index("term")
        for term, row in mine.iterrows():
            assert row["freq_group"] == expected.loc[term, "a"] == TOTALS[group][term]
            assert row["freq_reference"] == expected.loc[term, "b"]
            assert row["log_likelihood"] == pytest.approx(expected.loc[term, "G2"])
            assert row["log_ratio"] == pytest.approx(expected.loc[term, "log_ratio"])
            assert (row["words_group"], row["words_reference"]) == (100, 200)


def test_one_g2_and_log_ratio_from_the_formula():
    # 改革 in A: a = 10, b = 1, c = 100, d = 200, N = 300; E1 = 100·11/300 = 11/3, E2 = 200·11/300 = 22/3.
    # G2 = 2 [10 ln(10/(11/3)) + 1 ln(1/(22/3))] = 2 [10 ln(30/11) + ln(3/22)] = 16.0812 (2-cell, Rayson & Garside 2000)
    # Log Ratio = log2((10/100) / (1/200)) = log2(20) = 4.3219 (Hardie 2014)
    row = keyness_by_group(make_dtm(), "era").set_index(["group", "term"]).loc[("A", "改革")]
    g2 = 2 * (10 * math.log(30 / 11) + math.log(3 / 22))
    assert g2 == pytest.approx(16.0812, abs=1e-4)
    assert row["log_likelihood"] == pytest.approx(g2)
    assert row["log_ratio"] == pytest.approx(math.log2(20)) == pytest.approx(4.3219, abs=1e-4)
    assert row["per_10k_words_group"] == pytest.approx(1000.0) and row["per_10k_words_reference"] == pytest.approx(50.0)
    # DP of 改革 over A's two documents: counts 6, 4 (f = 10), shares 0.5, 0.5: ½ (|0.6 − 0.5| + |0.4 − 0.5|) = 0.1
    assert row["dp"] == pytest.approx(0.1)
    assert (row["range_group"], row["docs_group"]) == (2, 2)


def test_dp_filter_drops_a_term_of_one_small_document():
    # 偶然 only in c2 (10 of C's 100 words): DP = ½ (|0 − 0.9| + |1 − 0.1|) = 0.9 > 0.8
    # 创新 8 in c1, 1 in c2: DP = ½ (|8/9 − 0.9| + |1/9 − 0.1|) = 1/90
    kept = keyness_by_group(make_dtm(), "era")
    assert "偶然" not in set(kept["term"])
    assert kept.set_index("term").loc["创新", "dp"] == pytest.approx(1 / 90)
    everything = keyness_by_group(make_dtm(), "era", max_dp=None)
    c = everything[everything["group"] == "C"].set_index("term")
    assert list(c.index) == ["创新", "偶然"]  # G2 9/100 vs 0 above 6/100 vs 0
    assert c.loc["偶然", "dp"] == pytest.approx(0.9)
    assert c.loc["偶然", "range_group"] == 1
    # a DP exactly at the threshold is kept
    assert "偶然" in set(keyness_by_group(make_dtm(), "era", max_dp=0.9)["term"])


def test_a_group_of_one_document_has_dp_zero():
    groups = {**GROUPS, "c2": "D"}  # D = c2 alone
    table = keyness_by_group(make_dtm(groups=groups), "era", max_dp=0.0)
    d = table[table["group"] == "D"]
    # D against the rest: 偶然 6/10 vs 0/290 and 创新 1/10 vs 8/290 are key; DP of both is 0
    assert set(d["term"]) == {"偶然", "创新"} and (d["dp"] == 0).all()


def test_reference_group():
    table = keyness_by_group(make_dtm(), "era", reference="A")
    assert list(table["group"].cat.categories) == ["B", "C"]
    # B vs A: 小康 10 vs 0, 发展 9 vs 10 (0.09 vs 0.10: negative), 改革 1 vs 10 negative.
    # C vs A: 创新 9 vs 0; 偶然 dropped by DP; 发展 5 vs 10 negative.
    assert [(str(g), t) for g, t in zip(table["group"], table["term"], strict=True)] == [("B", "小康"), ("C", "创新")]
    expected = keyness_from_counts(TOTALS["B"], TOTALS["A"], min_freq=5).set_index("term").loc["小康"]
    row = table.set_index("term").loc["小康"]
    assert row["freq_reference"] == 0 and row["words_reference"] == 100
    assert row["log_likelihood"] == pytest.approx(expected["G2"])
    # G2 by hand: a = 10, b = 0, c = d = 100: E1 = 5, G2 = 2 · 10 ln(10/5) = 20 ln 2
    assert row["log_likelihood"] == pytest.approx(20 * math.log(2))
    with pytest.raises(ValueError, match="not a group"):
        keyness_by_group(make_dtm(), "era", reference="Z")


def test_group_order_top_and_missing_values():
    dtm = make_dtm()
    ordered = pd.Categorical(dtm.docvars["era"], categories=["C", "B", "A"], ordered=True)
    table = keyness_by_group(DocumentTermCounts(dtm.counts, dtm.docvars.assign(era=ordered)), "era", top=1)
    assert [str(g) for g in table["group"]] == ["C", "B", "A"]
    assert table["term"].tolist() == ["创新", "小康", "改革"]
    first_seen = {"b1": "B", "a1": "A", "a2": "A", "b2": "B", "c1": "C", "c2": "C"}
    shuffled = make_dtm(counts={d: COUNTS[d] for d in first_seen}, groups=first_seen)
    assert list(keyness_by_group(shuffled, "era")["group"].cat.categories) == ["B", "A", "C"]
    with_missing = make_dtm(counts={**COUNTS, "x1": {"改革": 50}}, groups={**GROUPS, "x1": None})
    with pytest.warns(CorpusWarning, match="1 document"):
        table = keyness_by_group(with_missing, "era")
    assert table.equals(keyness_by_group(make_dtm(), "era"))  # x1 is in no group and in no reference
    with pytest.raises(ValueError, match="at least two groups"):
        keyness_by_group(make_dtm(groups=dict.fromkeys(GROUPS, "A")), "era")
    with pytest.raises(ValueError, match="no document variable"):
        keyness_by_group(make_dtm(), "level")


def test_keyness_by_group_is_deterministic():
    assert keyness_by_group(make_dtm(), "era", max_dp=None).equals(keyness_by_group(make_dtm(), "era", max_dp=None))


# --- lifecycles of a tiny corpus --------------------------------------------------------------------


def doc(doc_id: str, year, parts: list[str], n_chars: int) -> dict:
    text = "".join(parts)
    text += "的" * (n_chars - len(text))
    return {"doc_id": doc_id, "text": text, "year": year, "n_chars": len(text)}


@pytest.fixture
def tiny():
    #   d6 1978  500 chars: 两手抓 ×1
    #   d1 1980 1000 chars: 四个现代化 ×2                   → 1980: 四个现代化 20 per 10k
    #   d2 1985  100 chars: 四个现代化 ×1, 一国两制 ×1
    #   d3 1985  100 chars: nothing                         → 1985 (200 chars): each 1 → 50 per 10k
    #   d4 1990  400 chars: 一国两制 ×2                      → 1990: 50 per 10k (tie with 1985: earliest wins)
    #   d5 no year: 四个现代化 ×5 (left out)
    rows = [doc("d6", 1978, ["两手抓"], 500), doc("d1", 1980, ["四个现代化", "，", "四个现代化"], 1000),
            doc("d2", 1985, ["实现四个现代化", "一国两制"], 100), doc("d3", 1985, [], 100),
            doc("d4", 1990, ["一国两制", "。", "一国两制"], 400), doc("d5", None, ["四个现代化"] * 5, 100)]
    frame = pd.DataFrame(rows)
    return frame.assign(year=frame["year"].astype("Int64"))


def test_lifecycles_by_hand(tiny):
    with pytest.warns(CorpusWarning, match="1 document"):
        table = formula_lifecycles(tiny, ["一国两制", "四个现代化", "三个代表", "两手抓"])
    assert list(table.columns) == LIFECYCLE_COLUMNS
    assert table.drop(columns="years").to_dict("records") == [
        {"formula": "四个现代化", "first_year": 1980, "last_year": 1985, "peak_year": 1985, "span": 6, "n_years": 2,
         "n_docs": 2, "freq": 3, "peak_per_10k": 50.0},
        {"formula": "一国两制", "first_year": 1985, "last_year": 1990, "peak_year": 1985, "span": 6, "n_years": 2,
         "n_docs": 2, "freq": 3, "peak_per_10k": 50.0},
    ]  # 三个代表 never occurs; 两手抓 occurs once, below min_count = 2
    assert table["years"].tolist() == [(1980, 1985), (1985, 1990)]


def test_lifecycle_filters(tiny):
    with pytest.warns(CorpusWarning):
        once = formula_lifecycles(tiny, ["一国两制", "四个现代化", "两手抓"], min_count=1)
    assert once["formula"].tolist() == ["两手抓", "四个现代化", "一国两制"]
    assert once.iloc[0][["first_year", "last_year", "peak_year", "span", "n_years"]].tolist() == [1978, 1978, 1978, 1, 1]
    assert once.iloc[0]["peak_per_10k"] == pytest.approx(10_000 * 1 / 500)
    with pytest.warns(CorpusWarning):
        assert formula_lifecycles(tiny, ["一国两制", "四个现代化"], min_docs=3).empty
    dated = tiny[tiny["year"].notna()]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no undated document: no warning
        assert formula_lifecycles(dated, []).empty


# --- figures ------------------------------------------------------------------------------------------


def draws_cleanly(fig) -> None:
    """Draw ``fig`` with every warning an error (a missing glyph included),
    and check that no tick label is cut at the figure's edge."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    for ax in fig.axes:  # the drawn ticks, labels and titles of each axes (and colour bar) lie inside the figure
        extent = ax.get_tightbbox(renderer)
        assert extent.x0 >= box.x0 - 1 and extent.x1 <= box.x1 + 1 and extent.y0 >= box.y0 - 1 and extent.y1 <= box.y1 + 1
    plt.close(fig)


def test_figures_build_without_warnings(tiny):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        heat = plot_keyness_heatmap(keyness_by_group(make_dtm(), "era", max_dp=None), top=2)
        draws_cleanly(heat)
        draws_cleanly(plot_keyness_heatmap(keyness_by_group(make_dtm(), "era"), value="log_likelihood"))
        draws_cleanly(plot_lifecycles(formula_lifecycles(tiny[tiny["year"].notna()], ["一国两制", "四个现代化", "两手抓"],
                                                         min_count=1), top=2))
        draws_cleanly(plot_lifecycles(formula_lifecycles(tiny[tiny["year"].notna()], ["三个代表"])))  # empty


def test_heatmap_rows_and_cells():
    table = keyness_by_group(make_dtm(), "era", max_dp=None)
    fig = plot_keyness_heatmap(table, top=2)
    ax = fig.axes[0]
    # top 2 of A: 改革, 发展; B: 小康, 发展; C: 创新, 偶然. 发展 is most key in A (G2 there above B's).
    assert [t.get_text() for t in ax.get_yticklabels()] == ["改革", "发展", "小康", "创新", "偶然"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["A", "B", "C"]
    grid = ax.images[0].get_array()
    assert grid.mask[0, 1] and grid.mask[0, 2]  # 改革 is key in A only: neutral cells elsewhere
    assert grid[2, 1] == pytest.approx(table.set_index(["group", "term"]).loc[("B", "小康"), "log_ratio"])
    plt.close(fig)


# --- the government work reports 1954–2017 ------------------------------------------------------------

needs_reports = pytest.mark.skipif(not REPORTS.is_dir(), reason="development corpora not present")


@pytest.fixture(scope="module")
def reports():
    from corpus_utils import load_corpus

    return load_corpus(REPORTS)


def by_year_from_text(corpus: pd.DataFrame, formula: str) -> tuple[list[int], int]:
    """Years with an occurrence and the year of the highest rate (earliest of
    ties), from ``str.count`` on each loaded text, independently of the package."""
    counts: dict[int, int] = {}
    chars: dict[int, int] = {}
    for year, text, size in zip(corpus["year"], corpus["text"], corpus["n_chars"], strict=True):
        counts[int(year)] = counts.get(int(year), 0) + text.count(formula)
        chars[int(year)] = chars.get(int(year), 0) + int(size)
    years = sorted(y for y, c in counts.items() if c)
    peak = max(sorted(counts), key=lambda y: (counts[y] / chars[y], -y))
    return years, peak


@needs_reports
def test_reports_four_modernisations_and_scientific_outlook(reports):
    table = formula_lifecycles(reports, ["四个现代化", "科学发展观"]).set_index("formula")
    for formula in ("四个现代化", "科学发展观"):
        years, peak = by_year_from_text(reports, formula)
        row = table.loc[formula]
        assert (row["first_year"], row["last_year"], row["peak_year"]) == (years[0], years[-1], peak)
        assert row["years"] == tuple(years)
        assert row["freq"] == sum(t.count(formula) for t in reports["text"])
    four = table.loc["四个现代化"]
    assert 1960 <= four["first_year"] <= 1979 and four["peak_year"] < 1990
    assert 2000 <= table.loc["科学发展观", "first_year"] <= 2009


@needs_reports
def test_reports_default_formulae_include_the_four_modernisations(reports):
    table = formula_lifecycles(reports)
    assert "四个现代化" in set(table["formula"])
    assert table.sort_values(["first_year", "last_year", "formula"]).reset_index(drop=True).equals(table)
    explicit = formula_lifecycles(reports, ["四个现代化"]).iloc[0]
    assert table.set_index("formula").loc["四个现代化"].equals(explicit.drop("formula").rename("四个现代化"))


@needs_reports
def test_reports_keyness_by_era_matches_summed_counts(reports):
    from corpus_utils.terms.dtm import document_term_counts

    dtm = document_term_counts(reports)
    era = pd.Categorical(pd.cut(dtm.docvars["year"].astype(int), [0, 1977, 1991, 2001, 2011, 3000],
                                labels=["–1977", "1978–1991", "1992–2001", "2002–2011", "2012–"]), ordered=True)
    dtm = DocumentTermCounts(dtm.counts, dtm.docvars.assign(era=era))
    table = keyness_by_group(dtm, "era", top=20)
    assert [str(g) for g in table["group"].cat.categories] == ["–1977", "1978–1991", "1992–2001", "2002–2011", "2012–"]
    assert (table["dp"] <= 0.8 + 1e-9).all() and (table["log_ratio"] > 0).all()
    for group in table["group"].cat.categories:
        inside = dtm.docvars.index[dtm.docvars["era"] == group]
        target = dtm.subset(inside).totals().to_dict()
        other = dtm.subset([d for d in dtm.doc_ids if d not in set(inside)]).totals().to_dict()
        expected = keyness_from_counts(target, other, min_freq=5).set_index("term")
        mine = table[table["group"] == group]
        assert mine["log_likelihood"].is_monotonic_decreasing
        for term, g2, a in zip(mine["term"], mine["log_likelihood"], mine["freq_group"], strict=True):
            assert a == target[term] and g2 == pytest.approx(expected.loc[term, "G2"])
    draws_cleanly(plot_keyness_heatmap(table))
    draws_cleanly(plot_lifecycles(formula_lifecycles(reports, ["四个现代化", "科学发展观", "一国两制"])))
