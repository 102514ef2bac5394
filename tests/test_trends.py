"""Periods and trends (corpus_utils.change.periods, corpus_utils.change.trends).

Expected values are computed by hand in each test; the work-report test is
skipped where the development corpora are not beside the project
(``../shared/corpora``, or ``CORPUS_UTILS_DEV_CORPORA``).
"""

import os
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from corpus_utils import CorpusWarning, load_corpus
from corpus_utils.change.periods import ERA_BREAKS, period_labels, with_periods
from corpus_utils.change.trends import (
    OKABE_ITO,
    first_last_appearance,
    new_terms,
    plot_trends,
    term_trends,
    trend_statistics,
    trends_from_counts,
)
from corpus_utils.plotting import save_figure
from corpus_utils.terms.dtm import DocumentTermCounts
from corpus_utils.terms.lexicon import formulation_lexicon

DEV = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora")
REPORTS = DEV / "work_reports_1954_2017"


def years(*values):
    return pd.Series(pd.array(list(values), dtype="Int64"))


# --- period labels -------------------------------------------------------------------------------------------------

def test_year_labels_keep_index_order_and_missing_year():
    labels = period_labels(pd.Series(pd.array([1999, 1954, pd.NA, 1978], dtype="Int64"), index=list("wxyz")))
    assert list(labels.index) == list("wxyz") and labels.name == "period"
    assert labels.iloc[[0, 1, 3]].tolist() == ["1999", "1954", "1978"]
    assert pd.isna(labels["y"])
    assert labels.cat.ordered and list(labels.cat.categories) == ["1954", "1978", "1999"]


def test_decade_labels_in_chronological_order():
    labels = period_labels(years(2005, 1999, 1978, 2000, 1970), by="decade")
    assert labels.tolist() == ["2000s", "1990s", "1970s", "2000s", "1970s"]
    assert list(labels.cat.categories) == ["1970s", "1990s", "2000s"]
    assert labels.sort_values().tolist() == ["1970s", "1970s", "1990s", "2000s", "2000s"]


def test_default_eras_are_labelled_by_their_bounds():
    assert ERA_BREAKS == (1978, 1992, 2002, 2012)
    labels = period_labels(years(1954, 1977, 1978, 1991, 1992, 2001, 2002, 2011, 2012, 2017), by="era")
    # open ends take the earliest (1954) and latest (2017) year present
    expected = ["1954–1977", "1978–1991", "1992–2001", "2002–2011", "2012–2017"]
    assert labels.tolist() == [e for e in expected for _ in range(2)]
    assert list(labels.cat.categories) == expected
    # only the eras that occur are categories
    assert list(period_labels(years(1980, 2015), by="era").cat.categories) == ["1978–1991", "2012–2015"]


def test_custom_breaks_and_names():
    assert period_labels(years(1990, 2010), by="era", breaks=[2000]).tolist() == ["1990–1999", "2000–2010"]
    named = period_labels(years(1976, 1965, 1966, pd.NA), by="era", breaks=(1966, 1976), names=["前", "文革", "后"])
    assert named.iloc[:3].tolist() == ["后", "前", "文革"] and pd.isna(named.iloc[3])
    assert list(named.cat.categories) == ["前", "文革", "后"]
    # breaks and names are ignored for years and decades
    assert period_labels(years(1966), by="decade", breaks=[1]).tolist() == ["1960s"]


@pytest.mark.parametrize(("options", "message"), [
    ({"by": "month"}, "by must be one of"),
    ({"by": "era", "breaks": [1992, 1978]}, "strictly increasing"),
    ({"by": "era", "breaks": [1978, 1978]}, "strictly increasing"),
    ({"by": "era", "breaks": []}, "at least one year"),
    ({"by": "era", "breaks": [1978], "names": ["a", "b", "c"]}, "one name per era: 2"),
    ({"by": "era", "breaks": [1978], "names": ["a", "a"]}, "distinct"),
])
def test_invalid_period_options(options, message):
    with pytest.raises(ValueError, match=message):
        period_labels(years(1980), **options)


def test_years_must_be_whole_numbers():
    with pytest.raises(ValueError, match="whole numbers"):
        period_labels(pd.Series([1978.5]))


def test_with_periods_is_a_copy_with_the_column():
    table = pd.DataFrame({"doc_id": ["a", "b"], "year": pd.array([1977, 2013], dtype="Int64")})
    out = with_periods(table, by="era", column="era")
    assert out["era"].tolist() == ["1977–1977", "2012–2013"]
    assert "era" not in table
    with pytest.raises(ValueError, match="no 'year' column"):
        with_periods(table.drop(columns="year"))


# --- a tiny corpus of mixed date precisions ------------------------------------------------------------------------

TEXTS = {  # file: (date, text); n_chars counted by hand
    "a.txt": ("1977", "阶级斗争要抓。"),                  # 7 characters
    "b.txt": ("1978-05", "改革开放，改革开放。"),          # 10
    "c.txt": ("1978-06-01", "坚持改革开放和阶级斗争。"),   # 12
    "d.txt": ("1985", "改革开放十年。"),                   # 7
}


@pytest.fixture
def tiny(tmp_path):
    for name, (_, text) in TEXTS.items():
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    rows = "".join(f"{name},{date}\n" for name, (date, _) in TEXTS.items())
    (tmp_path / "metadata.csv").write_text("file,date\n" + rows, encoding="utf-8")
    return load_corpus(tmp_path)


def cells(trends, column):
    return {(str(p), t): v for p, t, v in zip(trends["period"], trends["term"], trends[column], strict=True)}


def test_mixed_precision_dates_group_by_year(tiny):
    assert tiny["n_chars"].tolist() == [7, 10, 12, 7]
    trends = term_trends(tiny, ["改革开放", "阶级斗争"], by="year")
    assert list(trends.columns) == ["period", "term", "freq", "n_chars", "n_docs", "per_10k_chars", "ci_low", "ci_high"]
    assert [(str(p), t) for p, t in zip(trends["period"], trends["term"], strict=True)] == [
        ("1977", "改革开放"), ("1977", "阶级斗争"), ("1978", "改革开放"), ("1978", "阶级斗争"),
        ("1985", "改革开放"), ("1985", "阶级斗争")]
    assert trends["freq"].tolist() == [0, 1, 3, 1, 1, 0]        # 1978: 2 in b + 1 in c
    assert trends["n_chars"].tolist() == [7, 7, 22, 22, 7, 7]   # 1978: 10 + 12
    assert trends["n_docs"].tolist() == [1, 1, 2, 2, 1, 1]
    assert cells(trends, "per_10k_chars")[("1978", "改革开放")] == pytest.approx(10_000 * 3 / 22)


def test_mixed_precision_dates_group_by_era(tiny):
    trends = term_trends(tiny, ["改革开放", "阶级斗争"], by="era")
    assert list(trends["period"].cat.categories) == ["1977–1977", "1978–1991"]
    assert cells(trends, "freq") == {("1977–1977", "改革开放"): 0, ("1977–1977", "阶级斗争"): 1,
                                     ("1978–1991", "改革开放"): 4, ("1978–1991", "阶级斗争"): 1}
    assert cells(trends, "n_chars")[("1978–1991", "改革开放")] == 29  # 10 + 12 + 7
    assert cells(trends, "n_docs")[("1978–1991", "阶级斗争")] == 3
    assert cells(trends, "per_10k_chars")[("1978–1991", "改革开放")] == pytest.approx(10_000 * 4 / 29)
    named = term_trends(tiny, ["改革开放"], by="era", breaks=[1980], names=["before", "after"])
    assert cells(named, "freq") == {("before", "改革开放"): 3, ("after", "改革开放"): 1}


def test_dataframe_corpus_and_undated_documents():
    corpus = pd.DataFrame({"doc_id": ["x", "y", "z"], "text": ["两个维护两个维护", "两个维护", "两个维护"],
                           "n_chars": [8, 4, 4], "year": pd.array([2019, 2021, pd.NA], dtype="Int64")})
    with pytest.warns(CorpusWarning, match="1 document"):
        trends = term_trends(corpus, ["两个维护"], by="decade")
    assert cells(trends, "freq") == {("2010s", "两个维护"): 2, ("2020s", "两个维护"): 1}
    with pytest.raises(ValueError, match="lacks the column"):
        term_trends(corpus.drop(columns="year"), ["两个维护"])


# --- intervals -----------------------------------------------------------------------------------------------------

def single_period(counts, n_chars, **options):
    doc_term = pd.DataFrame({"t": counts}, index=pd.Index([f"d{i}" for i in range(len(counts))], name="doc_id"))
    docvars = pd.DataFrame({"n_chars": n_chars, "year": [2000] * len(counts)}, index=doc_term.index)
    return trends_from_counts(doc_term, docvars, **options)


@pytest.mark.parametrize(("k", "low", "high"), [(0, 0.0, 3.689), (1, 0.0253, 5.572), (10, 4.795, 18.39)])
def test_garwood_interval_matches_published_values(k, low, high):
    # exact 95% Poisson limits (Garwood 1936; as tabulated e.g. by Ulm 1990, Am J Epidemiol 131(2))
    row = single_period([k], [10_000]).iloc[0]
    assert row["per_10k_chars"] == k
    assert row["ci_low"] == pytest.approx(low, abs=1e-3) and row["ci_high"] == pytest.approx(high, abs=1e-2)
    # scaled by n_chars / 10,000: twice the text, half the rate and half the limits
    scaled = single_period([k], [20_000]).iloc[0]
    assert scaled["ci_low"] == pytest.approx(low / 2, abs=1e-3) and scaled["ci_high"] == pytest.approx(high / 2, abs=1e-2)


def test_bootstrap_is_deterministic_and_contains_the_estimate():
    counts, n_chars = [3, 0, 7, 1], [1000, 2000, 1500, 500]
    first = single_period(counts, n_chars, interval="bootstrap", random_state=7, n_boot=500)
    again = single_period(counts, n_chars, interval="bootstrap", random_state=7, n_boot=500)
    pd.testing.assert_frame_equal(first, again)
    row = first.iloc[0]
    assert row["per_10k_chars"] == pytest.approx(10_000 * 11 / 5000)
    assert row["ci_low"] <= row["per_10k_chars"] <= row["ci_high"]
    # a ratio of sums is a weighted mean of the documents' rates (30, 0, 46.7, 20 per 10k): within their range
    assert 0 <= row["ci_low"] < row["ci_high"] <= 10_000 * 7 / 1500


def test_bootstrap_of_a_constant_rate_and_of_one_document():
    constant = single_period([2, 4, 6], [1000, 2000, 3000], interval="bootstrap").iloc[0]
    assert constant["ci_low"] == pytest.approx(20.0) and constant["ci_high"] == pytest.approx(20.0)
    alone = single_period([2], [1000], interval="bootstrap").iloc[0]
    assert alone["per_10k_chars"] == 20.0 and np.isnan(alone["ci_low"]) and np.isnan(alone["ci_high"])


def test_interval_options_are_checked():
    with pytest.raises(ValueError, match="interval must be"):
        single_period([1], [10], interval="normal")
    with pytest.raises(ValueError, match="level"):
        single_period([1], [10], level=95)
    doc_term = pd.DataFrame({"t": [1]}, index=pd.Index(["a"], name="doc_id"))
    with pytest.raises(ValueError, match="not in docvars"):
        trends_from_counts(doc_term, pd.DataFrame({"n_chars": [1], "year": [2000]}, index=["b"]))


# --- trend statistics ----------------------------------------------------------------------------------------------

def yearly(series: dict[str, list[int]], n_chars: int = 10_000):
    """One document per year 2001 … with the given counts (rate = count when n_chars = 10,000)."""
    n = len(next(iter(series.values())))
    index = pd.Index([f"d{i}" for i in range(n)], name="doc_id")
    docvars = pd.DataFrame({"n_chars": [n_chars] * n, "year": [2001 + i for i in range(n)]}, index=index)
    return trends_from_counts(pd.DataFrame(series, index=index), docvars)


def test_kendall_tau_of_monotone_series():
    stats = trend_statistics(yearly({"up": [1, 2, 3, 4, 5], "down": [9, 7, 5, 3, 1], "same": [2, 2, 2, 2, 2]}))
    assert stats["term"].tolist() == ["up", "down", "same"]  # tau descending, NaN last
    up, down, same = (stats.iloc[i] for i in range(3))
    assert up["tau"] == pytest.approx(1.0) and down["tau"] == pytest.approx(-1.0)
    # exact two-sided p of a perfect order of 5: 2 / 5! = 1/60
    assert up["p_value"] == pytest.approx(2 / 120) and down["p_value"] == pytest.approx(2 / 120)
    assert (up["direction"], down["direction"]) == ("rising", "falling")
    assert np.isnan(same["tau"]) and same["direction"] == "flat"


def test_short_monotone_series_is_not_significant():
    stats = trend_statistics(yearly({"up": [1, 2, 3, 4]}))
    assert stats.loc[0, "tau"] == pytest.approx(1.0)
    assert stats.loc[0, "p_value"] == pytest.approx(2 / 24) and stats.loc[0, "direction"] == "flat"


def test_first_last_and_peak_periods():
    stats = trend_statistics(yearly({"b": [0, 3, 1, 3, 0], "a": [0, 0, 0, 0, 0]})).set_index("term")
    b = stats.loc["b"]
    assert (b["first_period"], b["last_period"]) == ("2002", "2004")
    assert b["peak_period"] == "2002" and b["peak_per_10k"] == 3.0  # tie 2002/2004: the earliest
    assert b["freq"] == 7
    a = stats.loc["a"]
    assert pd.isna(a["first_period"]) and pd.isna(a["peak_period"]) and a["freq"] == 0
    # tau_b with ties by hand: order 1..5, rates 0 3 1 3 0 -> n_c = 4, n_d = 4 -> tau 0
    assert b["tau"] == pytest.approx(0.0)


# --- first appearances and new terms on a hand-made DocumentTermCounts ------------------------------------------

@pytest.fixture
def dtm():
    counts = pd.DataFrame([("d1", "甲", 2), ("d2", "乙", 6), ("d3", "甲", 1), ("d3", "丙", 5), ("d4", "丙", 1),
                           ("d4", "丁", 7), ("d4", "戊", 3), ("d5", "己", 9)], columns=["doc_id", "term", "count"])
    docvars = pd.DataFrame({"n_chars": [1000, 1000, 2000, 4000, 500], "n_words": [10] * 5,
                            "year": pd.array([1975, 1978, 1983, 1991, pd.NA], dtype="Int64")},
                           index=pd.Index(["d1", "d2", "d3", "d4", "d5"], name="doc_id"))
    return DocumentTermCounts(counts, docvars)


def test_first_last_appearance(dtm):
    with pytest.warns(CorpusWarning, match="without a year"):
        table = first_last_appearance(dtm, by="decade")
    assert table.astype({"first_period": str, "last_period": str}).values.tolist() == [
        ["乙", 6, "1970s", "1970s", 1], ["甲", 3, "1970s", "1980s", 2], ["丙", 6, "1980s", "1990s", 2],
        ["丁", 7, "1990s", "1990s", 1], ["戊", 3, "1990s", "1990s", 1]]  # 己 only in the undated d5
    with pytest.warns(CorpusWarning):
        chosen = first_last_appearance(dtm, terms=["甲", "丁", "戊"], by="era", min_freq=4)
    assert chosen["term"].tolist() == ["丁"] and chosen.loc[0, "first_period"] == "1978–1991"


def test_new_terms_leave_out_the_first_period(dtm):
    with pytest.warns(CorpusWarning):
        table = new_terms(dtm, by="decade")
    # 乙 (6 in the 1970s) is in the first period: not "new"; 戊 (3) is below min_freq 5
    assert table.astype({"period": str}).values.tolist() == [["1980s", "丙", 5, 10_000 * 5 / 2000],
                                                             ["1990s", "丁", 7, 10_000 * 7 / 4000]]
    with pytest.warns(CorpusWarning):
        low = new_terms(dtm, by="decade", min_freq=1)
    # 甲 was seen in the 1970s, so its 1980s occurrence is not new; ties of freq sorted by term
    assert list(zip(low["period"].astype(str), low["term"], strict=True)) == [("1980s", "丙"), ("1990s", "丁"), ("1990s", "戊")]


# --- figure --------------------------------------------------------------------------------------------------------

def test_plot_trends_renders_chinese_with_gaps(tmp_path):
    trends = yearly({"改革开放": [1, 2, 0, 4], "阶级斗争": [3, 1, 0, 0]})
    trends = trends[trends["period"].astype(str) != "2003"]  # a year without documents
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_trends(trends, title="政府工作报告")
        save_figure(fig, "trends", directory=tmp_path, formats=("png",))
    ax = fig.axes[0]
    lines = [line for line in ax.get_lines() if line.get_label() in ("改革开放", "阶级斗争")]
    assert [line.get_color() for line in lines] == [OKABE_ITO[0], OKABE_ITO[1]]
    x = lines[0].get_xdata()
    assert list(x) == [2001, 2002, 2003, 2004] and np.isnan(lines[0].get_ydata()[2])  # the gap
    fig.canvas.draw()
    assert ax.get_legend().get_window_extent().x0 >= ax.get_window_extent().x1  # legend outside the data
    plt.close(fig)
    with pytest.raises(ValueError, match="not in the trends table"):
        plot_trends(trends, terms=["缺席"])


def test_plot_trends_by_era_uses_ordered_labels(tiny):
    fig = plot_trends(term_trends(tiny, ["改革开放"], by="era", interval="bootstrap"))
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == ["1977–1977", "1978–1991"]
    plt.close(fig)


# --- the work reports ----------------------------------------------------------------------------------------------

@pytest.mark.skipif(not REPORTS.is_dir(), reason="development corpora not present")
def test_decade_counts_of_every_lexicon_entry_are_substring_counts():
    corpus = load_corpus(REPORTS)
    entries = [entry.word for entry in formulation_lexicon()]
    trends = term_trends(corpus, entries, by="decade")
    expected, chars = {}, {}
    for year, text, n in zip(corpus["year"], corpus["text"], corpus["n_chars"], strict=True):
        decade = f"{int(year) // 10 * 10}s"
        chars[decade] = chars.get(decade, 0) + n
        for entry in entries:
            expected[(decade, entry)] = expected.get((decade, entry), 0) + text.count(entry)
    assert list(trends["period"].cat.categories) == sorted(chars)
    assert len(trends) == len(chars) * len(dict.fromkeys(entries))
    assert cells(trends, "freq") == expected
    assert dict(zip(trends["period"].astype(str), trends["n_chars"], strict=True)) == chars
