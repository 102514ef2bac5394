"""Corpus statistics against values computed by hand or published."""

import math

import pytest

from corpus_utils.terms import collocation as col
from corpus_utils.terms import dispersion as disp
from corpus_utils.terms import keyness as key
from corpus_utils.terms.frequency import corpus_frequencies, doc_frequencies
from corpus_utils.terms.kwic import kwic, ngrams


# --- keyness: a = 10 in c = 1000, b = 5 in d = 2000 (hand-computed) ------------
# E1 = 1000·15/3000 = 5, E2 = 10.
# 2-cell G2 = 2(10 ln 2 + 5 ln 0.5) = 10 ln 2 = 6.931472
# 4-cell adds 2[990 ln(990/995) + 1995 ln(1995/1990)]: total G2 = 6.9692
def test_log_likelihood_two_cell_by_hand():
    assert key.log_likelihood(10, 5, 1000, 2000) == pytest.approx(10 * math.log(2), rel=1e-12)


def test_log_likelihood_four_cell_by_hand():
    expected = 2 * (10 * math.log(10 / 5) + 5 * math.log(5 / 10) + 990 * math.log(990 / 995)
                    + 1995 * math.log(1995 / 1990))
    assert key.log_likelihood(10, 5, 1000, 2000, cells=4) == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(6.9692, abs=1e-4)


def test_log_likelihood_equal_corpora_by_hand():
    # a = 100, b = 50 in two corpora of 100,000: E1 = E2 = 75,
    # G2 = 2(100 ln(4/3) + 50 ln(2/3)) = 16.990
    assert key.log_likelihood(100, 50, 100_000, 100_000) == pytest.approx(16.990, abs=5e-4)


def test_log_ratio_and_zero_rule():
    assert key.log_ratio(10, 5, 1000, 2000) == pytest.approx(2.0)
    # b = 0 -> 0.5 (Hardie 2014): log2((10/1000)/(0.5/2000)) = log2(40)
    assert key.log_ratio(10, 0, 1000, 2000) == pytest.approx(math.log2(40))
    assert key.log_ratio(0, 10, 1000, 2000) == pytest.approx(math.log2((0.5 / 1000) / (10 / 2000)))


def test_percent_diff():
    assert key.percent_diff(10, 5, 1000, 2000) == pytest.approx(300.0)
    assert key.percent_diff(1, 0, 10, 10) == math.inf


def test_p_value_of_critical_g2():
    assert key.g2_p_value(3.841459) == pytest.approx(0.05, abs=1e-6)
    assert key.g2_p_value(6.634897) == pytest.approx(0.01, abs=1e-6)


def test_keyness_table():
    target = ["党建"] * 10 + ["发展"] * 990
    reference = ["党建"] * 5 + ["发展"] * 1995
    table = key.keyness(target, reference)
    row = table.set_index("term").loc["党建"]
    assert (row["a"], row["b"], row["c"], row["d"]) == (10, 5, 1000, 2000)
    assert row["G2"] == pytest.approx(10 * math.log(2))
    assert row["log_ratio"] == pytest.approx(2.0) and row["direction"] == "+"
    assert table.set_index("term").loc["发展", "direction"] == "-"


# --- collocation: hand-computed on a toy corpus -------------------------------
def test_association_formulas_by_hand():
    assert col.mutual_information(8, 2) == pytest.approx(2.0)
    assert col.t_score(9, 3) == pytest.approx(2.0)
    assert col.log_dice(10, 20, 20) == pytest.approx(14 + math.log2(0.5))


def test_collocates_counts_in_window():
    docs = {"d1": ["a", "b", "node", "c", "d"], "d2": ["node", "c", "x", "x", "x"]}
    table = col.collocates(docs, "node", left=1, right=1, min_count=1).set_index("collocate")
    # c co-occurs with node twice (right side of both), b once (left)
    assert table.loc["c", "O11"] == 2 and table.loc["c", "right"] == 2
    assert table.loc["b", "O11"] == 1 and table.loc["b", "left"] == 1
    n, r1, c1 = 10, 2, 2
    e11 = r1 * c1 * 2 / n
    assert table.loc["c", "E11"] == pytest.approx(e11)
    assert table.loc["c", "MI"] == pytest.approx(math.log2(2 / e11))
    assert table.loc["c", "logDice"] == pytest.approx(14 + math.log2(4 / 4))
    assert "x" not in table.index and "a" not in table.index


# --- dispersion ---------------------------------------------------------------
def test_gries_dp_published_example():
    # Gries (2008: 415): five parts of sizes 9, 10, 10, 10, 11; the word occurs
    # 1, 2, 3, 4, 5 times (f = 15): DP = 0.18
    assert disp.gries_dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11]) == pytest.approx(0.18, abs=1e-9)
    assert disp.gries_dp([1, 2, 3, 4, 5], [9, 10, 10, 10, 11], normalise=True) == pytest.approx(0.18 / (1 - 9 / 50))


def test_juilland_d_by_hand():
    # equal parts, v = 1..5: μ = 3, σ = √2, D = 1 − (√2/3)/2 = 0.764298
    assert disp.juilland_d([1, 2, 3, 4, 5], [10] * 5) == pytest.approx(1 - (math.sqrt(2) / 3) / 2)
    assert disp.juilland_d([4, 4, 4], [10, 10, 10]) == pytest.approx(1.0)
    assert disp.juilland_d([12, 0, 0, 0, 0], [10] * 5) == pytest.approx(0.0)


def test_dispersion_over_documents_and_segments():
    docs = {"a": ["x", "y", "y", "y"], "b": ["x", "y", "y", "y"]}
    table = disp.dispersion(docs, ["x"]).set_index("term")
    assert table.loc["x", "dp"] == pytest.approx(0.0) and table.loc["x", "juilland_d"] == pytest.approx(1.0)
    halves = disp.split_into_parts(docs, 4)
    assert halves == [["x", "y"], ["y", "y"], ["x", "y"], ["y", "y"]]


# --- frequencies, KWIC, n-grams -----------------------------------------------
def test_frequencies_per_10k_and_doc_freq():
    words = {"a": ["党建", "党建", "发展"], "b": ["发展"]}
    chars = {"a": 100, "b": 50}
    corpus = corpus_frequencies(words, chars).set_index("term")
    assert corpus.loc["党建", "freq"] == 2 and corpus.loc["党建", "per_10k_chars"] == pytest.approx(2 * 1e4 / 150)
    assert corpus.loc["发展", "doc_freq"] == 2 and corpus.loc["党建", "doc_freq"] == 1
    per_doc = doc_frequencies(words, chars)
    assert per_doc.iloc[0].to_dict() == {"doc_id": "a", "term": "党建", "freq": 2, "per_10k_chars": 200.0,
                                         "share": pytest.approx(2 / 3)}


def test_ties_are_sorted_by_term():
    words = {"a": ["乙", "甲", "丙"]}
    assert list(corpus_frequencies(words, {"a": 3})["term"]) == sorted(["乙", "甲", "丙"])


def test_kwic_chars_and_tokens():
    docs = {"d": ["推动", "高质量发展", "，", "实现", "高质量发展", "。"]}
    lines = kwic(docs, "高质量发展", width=2)
    assert lines[["left", "node", "right"]].values.tolist() == [["推动", "高质量发展", "，实"],
                                                                ["实现", "高质量发展", "。"]]
    assert kwic(docs, "高质量发展", width=1, unit="tokens")["left"].tolist() == ["推动", "实现"]


def test_ngrams_do_not_cross_punctuation():
    docs = {"d": ["推动", "高质量发展", "，", "推动", "高质量发展", "。"]}
    table = ngrams(docs, 2, min_freq=1)
    assert table.to_dict("records") == [{"ngram": "推动高质量发展", "freq": 2, "doc_freq": 1}]


def test_collocates_of_a_node_family():
    docs = {"d": ["加强", "党建", "引领", "x", "x", "x", "加强", "党建引领", "y"]}
    assert col.node_family(docs, "党建") == ["党建", "党建引领"]
    table = col.collocates(docs, ["党建", "党建引领"], left=1, right=1, min_count=1).set_index("collocate")
    assert table.loc["加强", "O11"] == 2 and table.loc["加强", "R1"] == 2


# --- edges: empty parts, one part, zero frequencies, impossible counts ---------------------------------

def test_dispersion_keeps_empty_parts_and_computes_d_over_non_empty_ones():
    table = disp.dispersion({"a": ["x", "y", "x"], "b": [], "c": ["y", "x", "y"]}, ["x"])
    row = table.iloc[0]
    # Juilland's D over the two non-empty parts: rel = 2/3, 1/3; mean 1/2, sd 1/6; D = 1 - (1/3)/1
    assert row["juilland_d"] == pytest.approx(2 / 3, abs=1e-14)
    # DP over all three parts: shares 1/2, 0, 1/2; v/f = 2/3, 0, 1/3 -> 1/2 (1/6 + 0 + 1/6)
    assert row["dp"] == pytest.approx(1 / 6, abs=1e-14)
    assert row["dp_norm"] == pytest.approx(1 / 6, abs=1e-14)  # min share is 0


def test_dispersion_of_one_document_is_defined_where_the_measures_are():
    row = disp.dispersion({"only": ["x", "y"]}, ["x"]).iloc[0]
    assert row["dp"] == 0.0
    assert math.isnan(row["juilland_d"]) and math.isnan(row["dp_norm"])


def test_dispersion_with_more_parts_than_tokens():
    row = disp.dispersion({"a": ["x", "y"]}, ["x"], parts=5).iloc[0]
    assert row["n_parts"] == 5
    assert row["dp"] == pytest.approx(0.5, abs=1e-14)  # shares 0, .5, 0, .5, 0; x in part 2


def test_gries_dp_normalised_single_part_is_nan():
    assert math.isnan(disp.gries_dp([3], [10], normalise=True))
    assert disp.gries_dp([3], [10]) == 0.0


def test_log_ratio_of_an_absent_term_is_zero():
    assert key.log_ratio(0, 0, 1000, 2000) == 0.0
    assert key.percent_diff(0, 0, 1000, 2000) == 0.0


@pytest.mark.parametrize("cells", [2, 4])
def test_log_likelihood_rejects_impossible_counts(cells):
    with pytest.raises(ValueError, match="impossible counts"):
        key.log_likelihood(11, 5, 10, 2000, cells=cells)
    with pytest.raises(ValueError, match="impossible counts"):
        key.log_likelihood(1, 5, 10, 4, cells=cells)
