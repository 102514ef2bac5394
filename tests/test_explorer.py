"""The interactive explorer (corpus_utils.interactive): its results are those of the
analyses it shows, its HTML is escaped, errors are one line, and the segmenter
and tokens are built once. The browser test is tests/browser/."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from corpus_utils.interactive import render
from corpus_utils.interactive.explorer import PROMPT, SNAPSHOT_LINES, Explorer, explore, parse_where
from corpus_utils.terms.concordance import CONCORDANCE_COLUMNS, concordance

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


@pytest.fixture(scope="module")
def explorer(corpus):
    return explore(corpus)


def handmade(texts: dict[str, str], **columns) -> pd.DataFrame:
    """A small corpus table: doc_id, text, n_chars and any further columns."""
    return pd.DataFrame({"doc_id": list(texts), "text": list(texts.values()),
                         "n_chars": [len(t) for t in texts.values()], **columns})


# --- search() is concordance() ------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "kind", "sort", "where"), [
    ("党建", "substring", "", ""),
    ("发展", "substring", "R1", ""),
    ("发展", "token", "L1", "level=group HQ"),
    ("[一二三四]是", "regex", "L2", ""),
    ("", "formulation", "", "year>=2021"),
])
def test_search_returns_the_concordance_of_the_query(explorer, corpus, query, kind, sort, where):
    lines = explorer.search(query, kind=kind, sort=sort, where=where)
    expected = concordance(corpus, query or None, kind=kind, sort=sort or None, where=where or None)
    assert explorer.error == ""
    assert len(lines) > 0
    pd.testing.assert_frame_equal(lines, expected.reset_index(drop=True))
    assert explorer.lines is lines


def test_none_keeps_the_current_settings_and_empty_text_clears_them(explorer, corpus):
    explorer.search("发展", kind="token", sort="R1", where="level=group HQ")
    kept = explorer.search("建设")
    pd.testing.assert_frame_equal(kept, concordance(corpus, "建设", kind="token", sort="R1", where="level=group HQ"))
    cleared = explorer.search("建设", kind="substring", sort="", where="")
    pd.testing.assert_frame_equal(cleared, concordance(corpus, "建设"))


# --- the summary line -----------------------------------------------------------------------------------------

def test_the_summary_counts_hits_documents_with_hits_and_documents(explorer, corpus):
    explorer.search("党建", kind="substring", sort="", where="")
    assert explorer.summary == "8 hits in 3 of 5 documents"  # read in the seeds: 002 ×2, 003 ×5, 004 ×1
    counts = [text.count("发展") for text in corpus["text"]]
    explorer.search("发展")
    assert explorer.summary == f"{sum(counts)} hits in {sum(c > 0 for c in counts)} of 5 documents"
    chosen = corpus[corpus["level"] == "group HQ"]
    counts = [text.count("发展") for text in chosen["text"]]
    explorer.search("发展", where="level=group HQ")
    assert len(chosen) == 2
    assert explorer.summary == f"{sum(counts)} hits in {sum(c > 0 for c in counts)} of 2 documents"
    assert list(explorer.hits["hits"]) == counts
    assert 'data-query="发展"' in explorer.status_html() and explorer.summary in explorer.status_html()


def test_summary_text_is_singular_for_one():
    assert render.summary_text(1, 1, 1) == "1 hit in 1 of 1 document"
    assert render.summary_text(0, 0, 5) == "0 hits in 0 of 5 documents"


def test_an_empty_query_prompts_except_for_formulae_and_formulations(explorer, corpus):
    explorer.search("", kind="substring", sort="", where="")
    assert explorer.summary == PROMPT and explorer.lines.empty and list(explorer.lines.columns) == CONCORDANCE_COLUMNS
    explorer.search("", kind="formulation")
    assert len(explorer.lines) == len(concordance(corpus, None, kind="formulation")) > 0


# --- errors are one red line ----------------------------------------------------------------------------------

def test_a_bad_regex_is_one_error_line_not_an_exception(explorer):
    lines = explorer.search("[", kind="regex", sort="", where="")
    assert lines.empty and list(lines.columns) == CONCORDANCE_COLUMNS
    assert "[" in explorer.error and "\n" not in explorer.error
    status = explorer.status_html()
    assert status.startswith('<div class="cu-explorer-error"') and status.count("<div") == 1
    assert explorer.controls["status"].value == status
    assert "Traceback" not in status
    explorer.search("党建", kind="substring")
    assert explorer.error == "" and explorer.summary == "8 hits in 3 of 5 documents"


def test_an_unknown_where_column_is_one_error_line(explorer):
    explorer.search("党建", kind="substring", where="nope=1")
    assert "'nope'" in explorer.error and explorer.lines.empty
    assert "cu-explorer-error" in explorer.controls["status"].value
    explorer.search("党建", where="")
    assert explorer.error == ""


def test_errors_typed_in_the_widget_show_in_the_widget(corpus):
    explorer = explore(corpus)
    explorer.controls["kind"].value = "regex"
    explorer.controls["query"].value = "(未闭合"
    assert "cu-explorer-error" in explorer.controls["status"].value
    assert "(未闭合" in explorer.error


def test_settings_the_widget_cannot_produce_are_errors(corpus):
    with pytest.raises(ValueError, match="unknown query kind 'words'; use one of substring, token"):
        explore(corpus, kind="words")
    explorer = explore(corpus, query="党建")
    with pytest.raises(ValueError, match="unknown sort 'L9'"):
        explorer.search("发展", sort="L9")
    assert (explorer.query, explorer.sort, explorer.summary) == ("党建", "", "8 hits in 3 of 5 documents")
    with pytest.raises(ValueError, match="width must be a positive"):
        explore(corpus, width=0)
    with pytest.raises(ValueError, match="lacks the column"):
        explore(corpus[["doc_id", "text"]])


# --- the widget ------------------------------------------------------------------------------------------------

def test_typing_in_the_widget_searches(corpus):
    explorer = explore(corpus)
    explorer.controls["query"].value = "党建"  # what Enter in the query box does
    assert explorer.summary == "8 hits in 3 of 5 documents"
    assert 'data-query="党建"' in explorer.controls["status"].value
    explorer.controls["sort"].value = "R1"
    pd.testing.assert_frame_equal(explorer.lines, concordance(corpus, "党建", sort="R1"))
    explorer.controls["where"].value = "level=institute"
    assert explorer.summary == "5 hits in 1 of 1 document"
    tabs = explorer.widget.children[-1]
    assert list(tabs.titles) == ["Concordance", "Distribution", "Collocates", "Trends"]
    assert [pane.value for pane in tabs.children] == [explorer.panes[t] for t in tabs.titles]


def test_explore_with_a_query_runs_it(corpus):
    explorer = explore(corpus, query="党建", kind="token", width=5)
    expected = concordance(corpus, "党建", kind="token", width=5)
    pd.testing.assert_frame_equal(explorer.lines, expected)
    assert explorer.controls["query"].value == "党建" and explorer.controls["kind"].value == "token"
    assert all(len(left) <= 5 for left in explorer.lines["left"])


def test_where_conditions_are_separated_by_semicolons():
    assert parse_where("level=central; year>=2000；organization!=China Post") == [
        "level=central", "year>=2000", "organization!=China Post"]
    assert parse_where("  ") == []


# --- built once ------------------------------------------------------------------------------------------------

def test_segmenter_and_tokens_are_built_once_per_explorer(corpus, monkeypatch):
    import corpus_utils.terms.concordance as concordance_module
    import corpus_utils.terms.segment as segment

    calls = {"segmenter": 0, "tokens": 0}
    segmenters = []
    build_segmenter, build_tokens, run = segment.corpus_segmenter, segment.countable_by_doc, concordance_module.concordance

    def counting_segmenter(*args, **kwargs):
        calls["segmenter"] += 1
        return build_segmenter(*args, **kwargs)

    def counting_tokens(*args, **kwargs):
        calls["tokens"] += 1
        return build_tokens(*args, **kwargs)

    def recording_concordance(*args, **kwargs):
        segmenters.append(kwargs["segmenter"])
        return run(*args, **kwargs)

    monkeypatch.setattr(segment, "corpus_segmenter", counting_segmenter)
    monkeypatch.setattr(segment, "countable_by_doc", counting_tokens)
    monkeypatch.setattr(concordance_module, "concordance", recording_concordance)
    explorer = explore(corpus)
    assert calls == {"segmenter": 0, "tokens": 0}  # nothing before the first query
    explorer.search("党建")
    explorer.search("发展", kind="token")
    explorer.search("高质量发展", where="level=group HQ")
    for query in ("中国", "邮政", "改革"):
        explorer.controls["query"].value = query
    assert calls == {"segmenter": 1, "tokens": 1}
    assert len(segmenters) == 6 and all(s is segmenters[0] is explorer.segmenter for s in segmenters)


# --- the views -------------------------------------------------------------------------------------------------

def test_collocates_are_those_of_the_node_family_by_logdice(explorer, corpus):
    from corpus_utils.terms.collocation import collocates, node_family
    from corpus_utils.terms.lexicon import stopwords
    from corpus_utils.terms.segment import corpus_segmenter, countable_by_doc

    explorer.search("党建", kind="substring", sort="", where="")
    tokens = countable_by_doc(corpus, corpus_segmenter(corpus))
    expected = collocates(tokens, node_family(tokens, "党建"), exclude=stopwords()).head(20)
    pd.testing.assert_frame_equal(explorer.collocates, expected)
    top = explorer.collocates.iloc[0]
    assert top["logDice"] == pytest.approx(14 + math.log2(2 * top["O11"] / (top["R1"] + top["C1"])))
    assert list(explorer.collocates["logDice"]) == sorted(explorer.collocates["logDice"], reverse=True)
    assert f">{top['collocate']}</td>" in explorer.panes["Collocates"]
    explorer.search("[一二三四]是", kind="regex")
    assert explorer.collocates is None and "substring or token" in explorer.panes["Collocates"]


def test_trends_of_a_substring_are_term_trends(explorer, corpus):
    from corpus_utils.change.trends import term_trends

    explorer.search("发展", kind="substring", sort="", where="")
    expected = term_trends(corpus, ["发展"], by="year")
    pd.testing.assert_frame_equal(explorer.trends, expected)
    assert list(explorer.trends["period"].astype(str)) == ["2020", "2021", "2022"]
    assert explorer.trends["freq"].sum() == len(explorer.lines)
    assert "cu-explorer-trend-plot" in explorer.panes["Trends"]


def test_trends_of_a_long_dated_corpus_are_by_decade():
    from corpus_utils.datasets import work_reports

    reports = work_reports()
    explorer = explore(reports, query="改革开放")
    counts = [text.count("改革开放") for text in reports["text"]]
    assert explorer.summary == f"{sum(counts)} hits in {sum(c > 0 for c in counts)} of 45 documents"
    assert explorer.trends.attrs["by"] == "decade" and explorer.trends.attrs["interval"] == "bootstrap"
    assert list(explorer.trends["period"].astype(str)) == ["1950s", "1960s", "1970s", "1980s", "1990s", "2000s",
                                                           "2010s"]
    assert explorer.trends["freq"].sum() == sum(counts)


def test_an_undated_corpus_has_no_trends_tab():
    explorer = explore(handmade({"a": "党建引领发展。党建工作。", "b": "发展经济。"}), query="党建")
    assert explorer.summary == "2 hits in 1 of 2 documents"
    assert list(explorer.panes) == ["Concordance", "Distribution", "Collocates"] and explorer.trends is None
    assert list(explorer.widget.children[-1].titles) == ["Concordance", "Distribution", "Collocates"]


def test_distribution_shows_the_plot_and_the_rate_of_each_document(explorer, corpus):
    explorer.search("党建", kind="substring", sort="", where="")
    pane = explorer.panes["Distribution"]
    assert pane.count('<img class="cu-explorer-plot"') == 1
    rates = explorer.hits.set_index("doc_id")["per_10k_chars"]
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        assert rates[doc_id] == pytest.approx(10_000 * text.count("党建") / len(text))
        assert f"{rates[doc_id]:.2f}</td>" in pane


# --- HTML ------------------------------------------------------------------------------------------------------

def test_every_text_is_escaped():
    texts = {'<b>x</b>"': "开头<script>alert('党建')</script> & 结尾", "plain": "没有。"}
    explorer = explore(handmade(texts), query="<script>")
    assert explorer.summary == "1 hit in 1 of 2 documents"
    shown = [explorer.html(), explorer.status_html(), *explorer.panes.values()]
    assert all("<script" not in part and "<b>x" not in part for part in shown)
    assert "&lt;script&gt;" in explorer.panes["Concordance"]
    assert "&lt;b&gt;x&lt;/b&gt;&quot;" in explorer.panes["Concordance"]
    assert 'data-query="&lt;script&gt;"' in explorer.status_html()
    assert render.escape("a\"'<>&") == "a&quot;&#x27;&lt;&gt;&amp;"


def test_the_kwic_table_shows_the_first_lines_and_says_how_many_more():
    lines = pd.DataFrame({"doc_id": ["d"] * 3, "left": ["a\nb", "c", "e"], "match": ["X"] * 3, "right": ["f"] * 3})
    table = render.kwic_html(lines, limit=2)
    assert table.count("<tr>") == 2 and "a b" in table
    assert table.endswith('<div class="cu-explorer-note">The first 2 of 3 lines are shown (1 more).</div>')
    assert render.kwic_html(lines.head(0)) == ""


def test_bars_are_proportional_to_the_largest_value():
    bars = render.bar_html(pd.DataFrame({"doc": ["a", "b", "c"], "rate": [1.0, 2.0, 0.0]}), label="doc", value="rate",
                           css_class="bars")
    assert re.findall(r"width:(\d+)px", bars) == ["120", "240", "0"]


def test_the_html_is_deterministic(corpus):
    first, second = explore(corpus, query="发展"), explore(corpus, query="发展")
    assert first.html() == second.html() and first.panes == second.panes


# --- display ---------------------------------------------------------------------------------------------------

def test_the_mimebundle_has_the_widget_view_and_a_static_snapshot(corpus):
    explorer = explore(corpus, query="发展")
    bundle = explorer._repr_mimebundle_()
    assert bundle[WIDGET_VIEW]["model_id"] == explorer.widget.model_id
    assert bundle["text/plain"] == f"Explorer of 5 documents, '发展' (substring): {explorer.summary}"
    assert "\n" not in bundle["text/plain"]
    snapshot = bundle["text/html"]
    assert snapshot.startswith('<div class="cu-explorer-static">') and explorer.status_html() in snapshot
    assert len(explorer.lines) > SNAPSHOT_LINES and snapshot.count("<tr>") == SNAPSHOT_LINES
    first = explorer.lines.iloc[0]
    assert f">{first['match']}</td>" in snapshot and render.escape(first["doc_id"]) in snapshot
    assert repr(explorer) == bundle["text/plain"]


def test_the_snapshot_follows_the_current_query(corpus):
    explorer = explore(corpus)
    assert PROMPT in explorer._repr_mimebundle_()["text/html"]
    explorer.search("[", kind="regex")
    bundle = explorer._repr_mimebundle_()
    assert "cu-explorer-error" in bundle["text/html"] and bundle["text/plain"].startswith(
        "Explorer of 5 documents, '[' (regex): error: ")


def test_explorer_is_the_class_explore_returns(corpus):
    assert isinstance(explore(corpus), Explorer)


def test_ipython_displays_the_three_representations(corpus):
    """What a notebook stores: JupyterLab renders the widget view, nbconvert and GitHub the HTML."""
    from IPython.core.formatters import DisplayFormatter

    explorer = explore(corpus, query="党建")
    data, _ = DisplayFormatter().format(explorer)
    assert sorted(data) == [WIDGET_VIEW, "text/html", "text/plain"]
    assert data["text/html"] == explorer.html() and "8 hits in 3 of 5 documents" in data["text/html"]
    assert data["text/plain"] == "Explorer of 5 documents, '党建' (substring): 8 hits in 3 of 5 documents"
