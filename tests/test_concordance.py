"""Query-grade concordances (corpus_utils.terms.concordance): every query kind and sort key on hand-made
texts with hand-computed rows, and, on the packaged work reports and the development corpora, hit counts
equal to plain ``re.findall`` counts, numbered formulae equal to the extractor's, formulations equal to
count_terms."""

import os
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT

from corpus_utils.terms.concordance import (
    CONCORDANCE_COLUMNS,
    QUERY_KINDS,
    SORT_KEYS,
    concordance,
    concordance_of_text,
    context_tokens,
    hits_per_document,
    plot_concordance,
)

# --- a hand-made corpus with fixed tokens ----------------------------------------------------------

A_TOKENS = ["推进", "中国式现代化", "，", "实现", "现代化", "。"]  # 推进中国式现代化，实现现代化。 (15 chars)
B_TOKENS = ["农业", "现代化", "、", "工业", "现代化", "。"]  # 农业现代化、工业现代化。 (12 chars)
C_TOKENS = ["坚持", "全面", "从严", "治党", "，", "全面", "从严", "。"]


class FixedSegmenter:
    """Tokens given by hand (or cached from a real segmenter), so that tests check the concordance,
    not the segmenter."""

    def __init__(self, tokens_of=None, segmenter=None):
        self.tokens_of = dict(tokens_of or {})
        self.segmenter = segmenter

    def tokens(self, text):
        if text not in self.tokens_of:
            self.tokens_of[text] = self.segmenter.tokens(text)
        return self.tokens_of[text]


def _hand_corpus():
    texts = {"a": "".join(A_TOKENS), "b": "".join(B_TOKENS), "c": "".join(C_TOKENS)}
    corpus = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values()), "year": [1999, 2005, 2010],
                           "level": ["central", "provincial", "central"]})
    return corpus, FixedSegmenter({"".join(t): t for t in (A_TOKENS, B_TOKENS, C_TOKENS)})


def _rows(frame, columns=CONCORDANCE_COLUMNS):
    return [tuple(row) for row in frame[columns].itertuples(index=False)]


A1 = ("a", 5, 8, "国式", "现代化", "，实", "推进", "中国式", "，", "实现", 5 / 15)
A2 = ("a", 11, 14, "实现", "现代化", "。", "，", "实现", "。", "", 11 / 15)
B1 = ("b", 2, 5, "农业", "现代化", "、工", "", "农业", "、", "工业", 2 / 12)
B2 = ("b", 8, 11, "工业", "现代化", "。", "、", "工业", "。", "", 8 / 12)


def test_substring_finds_hits_inside_longer_tokens_that_token_kind_misses():
    corpus, segmenter = _hand_corpus()
    lines = concordance(corpus, "现代化", width=2, segmenter=segmenter)
    assert list(lines.columns) == CONCORDANCE_COLUMNS
    assert _rows(lines) == [A1, A2, B1, B2]
    tokens = concordance(corpus, "现代化", kind="token", width=2, segmenter=segmenter)
    assert _rows(tokens) == [A2, B1, B2]  # 现代化 inside the token 中国式现代化 is missed
    for doc_id, start, end, match in lines[["doc_id", "start", "end", "match"]].itertuples(index=False):
        assert corpus.set_index("doc_id").loc[doc_id, "text"][start:end] == match


def test_several_substrings_are_one_alternation_longest_first():
    corpus, segmenter = _hand_corpus()
    lines = concordance(corpus, ["现代化", "中国式现代化"], width=0, segmenter=segmenter)
    assert _rows(lines, ["doc_id", "start", "end", "match", "left", "right"]) == [
        ("a", 2, 8, "中国式现代化", "", ""), ("a", 11, 14, "现代化", "", ""),
        ("b", 2, 5, "现代化", "", ""), ("b", 8, 11, "现代化", "", "")]
    assert concordance_of_text("AAAA", "AA", tokens=["AAAA"])[["start", "end"]].values.tolist() == [[0, 2], [2, 4]]


@pytest.mark.parametrize(("key", "order"), [
    ("L3", ["a5", "b2", "a11", "b8"]),   # "", "", 中国式现代化, 现代化 (ties in corpus order)
    ("L2", ["b2", "b8", "a5", "a11"]),   # "", 、, 推进, ，
    ("L1", ["a5", "b2", "a11", "b8"]),   # 中国式 < 农业 < 实现 < 工业 (code points)
    ("R1", ["b2", "a11", "b8", "a5"]),   # 、 < 。 = 。 < ，
    ("R2", ["a11", "b8", "a5", "b2"]),   # "", "", 实现 < 工业
    ("R3", ["a11", "b8", "a5", "b2"]),   # "", "", 现代化, 现代化
    (["R3", "L2"], ["b8", "a11", "b2", "a5"]),
])
def test_every_sort_key_orders_by_its_context_token(key, order):
    corpus, segmenter = _hand_corpus()
    lines = concordance(corpus, "现代化", sort=key, segmenter=segmenter)
    assert [f"{d}{s}" for d, s in zip(lines["doc_id"], lines["start"], strict=True)] == order
    assert lines.index.tolist() == [0, 1, 2, 3]


def test_context_tokens_of_hits_cutting_tokens_are_the_pieces_outside_the_match():
    text, tokens, starts = "今年现代化建设好", ["今年现代化建设", "好"], [0, 7]
    assert context_tokens(text, tokens, starts, 2, 5) == ("", "", "今年", "建设", "好", "")
    assert context_tokens(text, tokens, starts, 0, 8) == ("", "", "", "", "", "")
    # newlines in context tokens and context show as spaces
    lines = concordance_of_text("甲\n乙丙", "乙", tokens=["甲", "\n", "乙丙"], width=5)
    assert _rows(lines) == [("", 2, 3, "甲 ", "乙", "丙", "甲", " ", "丙", "", 0.5)]


def test_regex_kind_and_empty_matches_skipped():
    text = "增长12.5%，下降3%。"
    tokens = ["增长", "12.5%", "，", "下降", "3%", "。"]
    lines = concordance_of_text(text, r"\d+(?:\.\d+)?%", kind="regex", tokens=tokens, width=2, doc_id="x")
    assert _rows(lines) == [("x", 2, 7, "增长", "12.5%", "，下", "", "增长", "，", "下降", 2 / 13),
                            ("x", 10, 12, "下降", "3%", "。", "，", "下降", "。", "", 10 / 13)]
    assert concordance_of_text("axb", "x*", kind="regex", tokens=["axb"])[["start", "end"]].values.tolist() == [[1, 2]]
    both = concordance_of_text(text, [r"\d+%", "下降"], kind="regex", tokens=tokens)
    assert both["match"].tolist() == ["5%", "下降", "3%"]


def test_phrase_kind_matches_consecutive_tokens_punctuation_included():
    corpus, segmenter = _hand_corpus()
    lines = concordance(corpus, "全面 从严 治党", kind="phrase", width=2, segmenter=segmenter)
    assert _rows(lines) == [("c", 2, 8, "坚持", "全面从严治党", "，全", "", "坚持", "，", "全面", 2 / 14)]
    lines = concordance(corpus, ["从严", "治党", "，"], kind="phrase", segmenter=segmenter)
    assert _rows(lines, ["doc_id", "start", "end", "match"]) == [("c", 4, 9, "从严治党，")]
    # a string with spaces and the same tokens as a list are the same phrase; "全面从严" as one token matches none
    assert len(concordance(corpus, ["全面", "从严"], kind="phrase", segmenter=segmenter)) == 2
    assert concordance(corpus, "全面从严", kind="phrase", segmenter=segmenter).empty
    overlapping = concordance_of_text("AAA", "A A", kind="phrase", tokens=["A", "A", "A"])
    assert overlapping[["start", "end"]].values.tolist() == [[0, 2]]


def test_formulation_kind_counts_nested_and_overlapping_entries():
    text = "落实党中央八项规定精神"
    lines = concordance_of_text(text, None, kind="formulation", tokens=list(text))
    assert _rows(lines, ["start", "end", "match"]) == [
        (2, 5, "党中央"), (3, 9, "中央八项规定"), (3, 11, "中央八项规定精神"), (5, 9, "八项规定"),
        (5, 11, "八项规定精神")]
    only = concordance_of_text(text, ["八项规定"], kind="formulation", tokens=list(text))
    assert _rows(only, ["start", "end", "match", "L1", "R1"]) == [(5, 9, "八项规定", "央", "精")]
    with pytest.raises(ValueError, match="not in the formulation lexicon: 不是提法"):
        concordance_of_text(text, ["八项规定", "不是提法"], kind="formulation")


def test_numbered_formula_kind_on_a_hand_made_text():
    text = "增强“四个意识”、坚定“四个自信”、做到“两个维护”，召开了三个会议。"
    lines = concordance_of_text(text, None, kind="numbered_formula", doc_id="d")
    assert _rows(lines, ["start", "end", "match", "L1", "R1"]) == [
        (3, 7, "四个意识", "“", "”"), (12, 16, "四个自信", "“", "”"), (21, 25, "两个维护", "“", "”")]
    chosen = concordance_of_text(text, ["两个维护"], kind="numbered_formula")
    assert chosen["match"].tolist() == ["两个维护"]


def test_where_filters_documents_first():
    corpus, segmenter = _hand_corpus()
    assert _rows(concordance(corpus, "现代化", width=2, where="year>=2000", segmenter=segmenter)) == [B1, B2]
    assert _rows(concordance(corpus, "现代化", width=2, where=["level=central", "year<2000"],
                             segmenter=segmenter)) == [A1, A2]
    with pytest.raises(ValueError, match="no document variable 'genre'"):
        concordance(corpus, "现代化", where="genre=speech", segmenter=segmenter)


def test_bad_queries_kinds_sort_keys_and_tokens_are_one_clear_error():
    corpus, segmenter = _hand_corpus()
    with pytest.raises(ValueError, match=r"bad regular expression '\(\[': "):
        concordance(corpus, "([", kind="regex", segmenter=segmenter)
    with pytest.raises(ValueError, match="unknown query kind 'lemma'; choose from " + ", ".join(QUERY_KINDS)):
        concordance(corpus, "现代化", kind="lemma", segmenter=segmenter)
    with pytest.raises(ValueError, match="unknown sort key.*'R4'; choose from " + ", ".join(SORT_KEYS)):
        concordance(corpus, "现代化", sort=["R1", "R4"], segmenter=segmenter)
    with pytest.raises(ValueError, match="kind 'substring' needs a query"):
        concordance(corpus, segmenter=segmenter)
    with pytest.raises(ValueError, match="non-empty strings"):
        concordance(corpus, ["现代化", ""], segmenter=segmenter)
    with pytest.raises(ValueError, match="width must be"):
        concordance(corpus, "现代化", width=-1, segmenter=segmenter)
    with pytest.raises(ValueError, match="document 'x': its tokens do not join back"):
        concordance_of_text("现代化", "现代", tokens=["现代"], doc_id="x")


def test_hits_per_document_lists_every_document_in_corpus_order():
    corpus, segmenter = _hand_corpus()
    lines = concordance(corpus, "现代化", segmenter=segmenter)
    table = hits_per_document(lines, corpus)
    assert table.to_dict("list") == {"doc_id": ["a", "b", "c"], "hits": [2, 2, 0], "n_chars": [15, 12, 14],
                                     "per_10k_chars": [10000 * 2 / 15, 10000 * 2 / 12, 0.0]}
    with pytest.raises(ValueError, match="the corpus does not have: a"):
        hits_per_document(lines, corpus[corpus["doc_id"] != "a"])


def test_plot_has_one_row_per_document_with_ticks_and_counts():
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import setup_plotting

    setup_plotting()
    corpus, segmenter = _hand_corpus()
    lines = concordance(corpus, "现代化", segmenter=segmenter)
    fig = plot_concordance(lines, corpus, labels={"a": "甲文件"}, title="现代化")
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["甲文件", "b", "c"]
    assert [t.get_text() for t in ax.texts] == ["2", "2", "0"]
    segments = ax.collections[0].get_segments()
    assert sorted(round(float(s[0][0]), 6) for s in segments) == sorted(round(p, 6) for p in lines["position"])
    assert sorted({round(float((s[0][1] + s[1][1]) / 2), 6) for s in segments}) == [0.0, 1.0]  # rows of a and b
    fig.canvas.draw()
    plt.close(fig)
    empty = plot_concordance(lines.iloc[0:0], corpus.iloc[0:0])
    assert [t.get_text() for t in empty.axes[0].texts] == ["no documents to plot"]
    plt.close(empty)
    none = plot_concordance(concordance(corpus, "没有", segmenter=segmenter), corpus)
    assert [t.get_text() for t in none.axes[0].texts] == ["0", "0", "0"]
    plt.close(none)


# --- acceptance: real corpora -------------------------------------------------------------------------

SUBSTRINGS = ["现代化", "改革开放", "人民", "社会主义", "经济建设", "高质量发展", "阶级斗争", "“"]
REGEXES = [r"[一二三四五六七八九十]个[^\W\d]{2}", r"\d+(?:\.\d+)?%", r"百分之[一二三四五六七八九十点]+",
           r"第[一二三四五六七八九十]+[个次届]", r"(?:加强|推进)\w{2}"]
DEV = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora")


@pytest.fixture(scope="module")
def segmenter():
    from corpus_utils.terms.segment import Segmenter

    return FixedSegmenter(segmenter=Segmenter())


@pytest.fixture(scope="module")
def reports():
    from corpus_utils.datasets import work_reports

    return work_reports()


def _dev_corpus(name):
    from corpus_utils import load_corpus

    if not (DEV / name).is_dir():
        pytest.skip(f"development corpus {name} not present")
    return load_corpus(DEV / name)


def _check_against_findall(corpus, segmenter):
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    queries = [("substring", q, re.escape(q)) for q in SUBSTRINGS] + [("regex", q, q) for q in REGEXES]
    total = 0
    for kind, query, pattern in queries:
        lines = concordance(corpus, query, kind=kind, segmenter=segmenter)
        found = lines["doc_id"].value_counts().to_dict()
        expected = {d: n for d, t in texts.items() if (n := len(re.findall(pattern, t)))}
        assert found == expected, (kind, query)
        assert all(texts[d][s:e] == m for d, s, e, m in lines[["doc_id", "start", "end", "match"]].itertuples(
            index=False)), (kind, query)
        total += len(lines)
    assert total > 1000


def test_acceptance_hit_counts_equal_findall_on_the_work_reports(reports, segmenter):
    _check_against_findall(reports, segmenter)


@pytest.mark.parametrize("name", ["work_reports_1954_2017", "cctv_news_2022"])
def test_acceptance_hit_counts_equal_findall_on_the_dev_corpora(name, segmenter):
    _check_against_findall(_dev_corpus(name), segmenter)


def test_numbered_formula_lines_are_the_extractors_formulae(reports, segmenter):
    from corpus_utils.slogans.extract import extract_slogans

    table = extract_slogans(reports, segmenter=segmenter, kinds=("numbered_formula",))
    formulae = table.groupby("doc_id")["slogan"].apply(set).to_dict()
    lines = concordance(reports, kind="numbered_formula", segmenter=segmenter)
    assert len(lines) > 500
    assert all(m in formulae[d] for d, m in zip(lines["doc_id"], lines["match"], strict=True))
    texts = dict(zip(reports["doc_id"], reports["text"], strict=True))
    found = lines["doc_id"].value_counts().to_dict()
    expected = {d: n for d in texts if (n := sum(texts[d].count(f) for f in formulae.get(d, ())))}
    assert found == expected
    assert all(texts[d][s:e] == m for d, s, e, m in lines[["doc_id", "start", "end", "match"]].itertuples(index=False))
    chosen = concordance(reports, ["四个现代化"], kind="numbered_formula", segmenter=segmenter)
    assert set(chosen["match"]) == {"四个现代化"}
    assert len(chosen) == sum(t.count("四个现代化") for d, t in texts.items() if "四个现代化" in formulae.get(d, ()))


def test_formulation_kind_totals_equal_count_terms(reports, segmenter):
    from corpus_utils.terms.frequency import count_terms
    from corpus_utils.terms.lexicon import formulation_lexicon

    terms = sorted({entry.word for entry in formulation_lexicon()})
    counts = count_terms(dict(zip(reports["doc_id"], reports["text"], strict=True)), terms)
    lines = concordance(reports, kind="formulation", segmenter=segmenter)
    assert len(lines) == int(counts.to_numpy().sum()) > 1000
    per_term = lines["match"].value_counts()
    totals = counts.sum()
    assert per_term.to_dict() == totals[totals > 0].to_dict()
    assert lines.groupby("doc_id").size().to_dict() == {d: n for d, n in counts.sum(axis=1).items() if n}


def test_where_on_the_work_reports_keeps_exactly_those_documents_lines(reports, segmenter):
    everything = concordance(reports, "改革开放", segmenter=segmenter)
    recent = concordance(reports, "改革开放", where="year>=2000", segmenter=segmenter)
    later_ids = set(reports.loc[reports["year"] >= 2000, "doc_id"])
    pd.testing.assert_frame_equal(recent, everything[everything["doc_id"].isin(later_ids)].reset_index(drop=True))
    assert len(recent) > 50


def test_the_plot_of_a_large_corpus_shows_the_documents_with_most_hits():
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import setup_plotting

    setup_plotting()
    corpus = pd.DataFrame({"doc_id": [f"d{i}" for i in range(6)],
                           "text": ["甲", "乙乙", "甲乙", "乙", "丙", "乙乙乙"]})
    lines = concordance(corpus, "乙", kind="substring")
    fig = plot_concordance(lines, corpus, max_documents=3)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["d1", "d2", "d5"]  # 2, 1 (first of the ties), 3 hits
    assert "3 of 6 documents, those with most hits" in ax.get_xlabel()
    plt.close(fig)
    fig = plot_concordance(lines, corpus, max_documents=5)  # documents without hits go first: 4 are left
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["d1", "d2", "d3", "d5"]
    plt.close(fig)
