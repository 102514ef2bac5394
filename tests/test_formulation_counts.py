"""The formulation count (frequency.count_terms) is the substring count of the
cleaned text, for every lexicon entry, whatever the segmenter does; and where
two lexicon entries overlap in the development corpora they read as reviewed.

The corpus tests are skipped where the development corpora are not beside the
project (``../shared/corpora``, or ``CORPUS_UTILS_DEV_CORPORA``).
"""

import os
import warnings
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus_utils import load_corpus
from corpus_utils.terms.frequency import count_terms, term_counts_in_text, term_occurrences
from corpus_utils.terms.lexicon import formulation_lexicon
from corpus_utils.terms.segment import corpus_segmenter, tokens_by_doc

DEV = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora")
CORPORA = ("work_reports_1954_2017", "cctv_news_2022")
needs_corpora = pytest.mark.skipif(not all((DEV / name).is_dir() for name in CORPORA),
                                   reason="development corpora not present")


# --- counting rules, on made-up strings -------------------------------------------------------------------------

def test_each_term_counts_as_str_count_does():
    text = "AAAA党中央八项规定精神。两个两个两个"
    terms = ["AA", "AAA", "党中央", "中央八项规定精神", "八项规定", "两个两个", "缺席"]
    assert term_counts_in_text(text, terms) == [text.count(t) for t in terms] == [2, 1, 1, 1, 1, 1, 0]


def test_nested_and_overlapping_terms_do_not_hide_each_other():
    counted = count_terms({"d": "落实党中央八项规定精神"}, ["党中央", "中央八项规定精神", "八项规定精神", "八项规定"])
    assert counted.loc["d"].to_list() == [1, 1, 1, 1]


def test_tokens_count_as_their_text_and_across_token_boundaries():
    tokens = ["在", "中国共产党", "的", "领导", "下"]  # 党的领导 spans three tokens
    by_tokens = count_terms({"d": tokens}, ["党的领导", "中国共产党"])
    assert by_tokens.equals(count_terms({"d": "".join(tokens)}, ["党的领导", "中国共产党"]))
    assert by_tokens.loc["d"].to_list() == [1, 1]
    assert count_terms({"d": tokens}, ["党的领导", "中国共产党"], nested=False).loc["d"].to_list() == [0, 1]


def test_table_shape_order_and_repeats():
    counted = count_terms({"b": "改革开放", "a": ""}, ["改革", "开放", "改革"])
    assert list(counted.index) == ["b", "a"] and counted.index.name == "doc_id"
    assert list(counted.columns) == ["改革", "开放"]
    assert counted.to_dict("list") == {"改革": [1, 0], "开放": [1, 0]}
    assert str(counted.dtypes.iloc[0]) == "int64"
    empty = count_terms({}, ["改革"])
    assert list(empty.columns) == ["改革"] and len(empty) == 0
    assert term_counts_in_text("改革改革", ["改革", "改革"]) == [2, 2]


def test_bad_arguments_are_errors():
    with pytest.raises(ValueError, match="non-empty string"):
        count_terms({"d": "改革"}, ["改革", ""])
    with pytest.raises(TypeError, match="nested=False counts whole tokens"):
        count_terms({"d": "改革"}, ["改革"], nested=False)
    with pytest.raises(TypeError, match="document 'd'"):
        count_terms({"d": [1, 2]}, ["改革"])


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet="ab党中央八", max_size=40),
       terms=st.lists(st.text(alphabet="ab党中央八", min_size=1, max_size=4), min_size=1, max_size=8),
       cuts=st.lists(st.integers(min_value=0, max_value=40), max_size=10))
def test_counts_equal_str_count_for_any_text_terms_and_tokenisation(text, terms, cuts):
    expected = [text.count(t) for t in terms]
    assert term_counts_in_text(text, terms) == expected
    points = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    tokens = [text[a:b] for a, b in pairwise(points)]
    table = count_terms({"d": tokens}, terms)
    assert [int(table.loc["d", t]) for t in terms] == expected


# --- the development corpora --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def dev_corpora():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # how they load is tested in test_real_corpora.py
        return {name: load_corpus(DEV / name) for name in CORPORA}


@pytest.fixture(scope="module")
def dev_tokens(dev_corpora):
    return {name: tokens_by_doc(corpus, corpus_segmenter(corpus)) for name, corpus in dev_corpora.items()}


def _texts(corpus) -> dict[str, str]:
    return dict(zip(corpus["doc_id"], corpus["text"], strict=True))


@needs_corpora
def test_every_lexicon_entry_counts_as_its_substring_in_both_corpora(dev_corpora):
    entries = [e.word for e in formulation_lexicon()]
    assert len(entries) > 1000
    for name, corpus in dev_corpora.items():
        texts = _texts(corpus)
        assert not any("\x00" in text for text in texts.values())
        joined = "\x00".join(texts.values())  # NUL is in no text and no entry: no occurrence spans two documents
        counted = count_terms(texts, entries).sum()
        wrong = {w: (int(counted[w]), joined.count(w)) for w in entries if counted[w] != joined.count(w)}
        assert wrong == {}, name
    # the cases of the issue, by number (nested, overlapping, split by the segmenter)
    reports, news = (count_terms(_texts(dev_corpora[n]), ["八项规定", "中央八项规定精神", "党中央", "党的领导"]).sum()
                     for n in CORPORA)
    assert reports.to_dict() == {"八项规定": 6, "中央八项规定精神": 6, "党中央": 117, "党的领导": 30}
    assert news.to_dict() == {"八项规定": 78, "中央八项规定精神": 32, "党中央": 1321, "党的领导": 76}


@needs_corpora
def test_counts_from_tokens_equal_counts_from_text_per_document(dev_corpora, dev_tokens):
    entries = [e.word for e in formulation_lexicon()]
    hard = ["八项规定", "党中央", "党的领导", "改革开放", "全面深化改革", "中央委员会", "小康社会", "国企"]
    for name, corpus in dev_corpora.items():
        texts = _texts(corpus)
        by_tokens = count_terms(dev_tokens[name], entries)
        assert by_tokens.equals(count_terms(texts, entries)), name
        assert by_tokens[hard].to_dict("index") == {d: {t: text.count(t) for t in hard} for d, text in texts.items()}


@needs_corpora
def test_word_list_counts_tokens_so_nested_entries_are_not_separate(dev_corpora, dev_tokens):
    """Documented: 八项规定 only ever sits inside 中央八项规定精神 in the reports, so the word list has no such
    token there; the formulation count has all six."""
    tokens = dev_tokens["work_reports_1954_2017"]
    assert count_terms(tokens, ["八项规定"], nested=False)["八项规定"].sum() == 0
    assert count_terms(tokens, ["八项规定"])["八项规定"].sum() == 6


#: Every place where two lexicon entries overlap partly in the development corpora (union of the two → the cuts the
#: segmenter makes inside it, reviewed). A new overlap, after a lexicon or cleaning change, fails the test below
#: until its reading is reviewed and added here.
OVERLAP_READINGS = {
    "党支部书记": {"党支部书记"},
    "党组织建设": {"党组织建设", "党组织/建设"},  # inside 基层党组织建设; 社区党组织建设
    "共青团中央": {"共青团中央"},
    "不忘初心使命": {"不忘初心/使命"},
    "世界一流企业": {"世界一流企业"},
    "中国邮政集团": {"中国邮政集团"},
    "党中央委员会": {"党/中央委员会", "党中央委员会"},  # 古巴共产党/中央委员会; inside 中国共产党中央委员会
    "党中央政治局": {"党/中央政治局"},  # 老挝人革党/中央政治局
    "党的领导干部": {"党/的/领导干部"},
    "全面小康社会": {"全面/小康社会"},
    "原始创新动能": {"原始创新/动能"},
    "地方国企改革": {"地方/国企改革"},
    "基层党建工作": {"基层党建/工作"},
    "监督执纪问责": {"监督执纪问责"},
    "科技创新驱动": {"科技创新/驱动"},
    "自主创新驱动": {"自主创新/驱动"},
    "邮政寄递服务": {"邮政寄递/服务"},
    "邮政集团公司": {"邮政集团公司"},
    "问题整改落实": {"问题/整改落实"},
    "领导班子成员": {"领导班子/成员"},
    "中共中央委员会": {"中共中央委员会"},
    "中共中央宣传部": {"中共中央宣传部"},
    "中共中央政治局": {"中共中央政治局"},
    "中共中央组织部": {"中共中央组织部"},
    "中共中央统战部": {"中共中央统战部"},
    "中国共产党中央": {"中国共产党/中央", "中国共产党中央"},
    "产业数字化转型": {"产业/数字化转型"},
    "党中央八项规定": {"党中央/八项规定"},
    "基层党组织建设": {"基层党组织建设"},
    "数字化转型升级": {"数字化转型/升级"},
    "中国共产党的领导": {"中国共产党的领导"},
    "中国邮政集团公司": {"中国邮政集团公司"},
    "中央八项规定精神": {"中央/八项规定精神", "中央八项规定精神"},  # the first inside 党中央/八项规定精神
    "党的基层组织建设": {"党的基层组织/建设"},
    "全面深化改革开放": {"全面深化改革开放"},
    "现代企业制度建设": {"现代企业制度/建设"},
    "中共中央军事委员会": {"中共/中央军事委员会"},
    "中共中央政治局会议": {"中共中央政治局/会议"},
    "党中央八项规定精神": {"党中央/八项规定精神"},
    "全面协调可持续发展": {"全面协调可持续/发展"},  # the 科学发展观 chain, then its head
    "理论学习中心组学习": {"理论学习中心组/学习"},
    "中共中央政治局常委会": {"中共中央政治局常委会"},
    "中国特色社会主义道路": {"中国特色社会主义/道路", "中国特色社会主义道路"},  # 建设有中国特色社会主义/道路
    "地方国企改革三年行动": {"地方/国企改革三年行动"},
    # 中国特色 + 社会主义现代化国家 is a sound reading too; jieba has no word 中国特色
    "中国特色社会主义现代化国家": {"中国/特色/社会主义现代化国家"},
    "建设有中国特色社会主义道路": {"建设有中国特色社会主义/道路"},
}


def _overlap_readings(text: str, tokens: list[str], entries: list[str]) -> set[tuple[str, str]]:
    """(union, reading) of every partial overlap of two entries in ``text``; the reading is the union cut where
    the tokens cut it."""
    occurrences = sorted({(i, i + len(w)) for w in entries for i in _find_all(text, w)})
    cuts, position = set(), 0
    for token in tokens:
        cuts.add(position)
        position += len(token)
    found = set()
    for k, (s1, e1) in enumerate(occurrences):
        for s2, e2 in occurrences[k + 1:]:
            if s2 >= e1:
                break
            if s1 < s2 and e1 < e2:
                inner = [s1, *sorted(c for c in cuts if s1 < c < e2), e2]
                found.add((text[s1:e2], "/".join(text[a:b] for a, b in pairwise(inner))))
    return found


def _find_all(text: str, word: str):
    start = text.find(word)
    while start >= 0:
        yield start
        start = text.find(word, start + 1)


@needs_corpora
def test_overlapping_entries_read_as_reviewed_in_both_corpora(dev_corpora, dev_tokens):
    entries = [e.word for e in formulation_lexicon()]
    seen = set()
    for name, corpus in dev_corpora.items():
        for doc_id, text in _texts(corpus).items():
            seen |= _overlap_readings(text, dev_tokens[name][doc_id], entries)
    unreviewed = sorted((union, reading) for union, reading in seen if reading not in OVERLAP_READINGS.get(union, ()))
    assert unreviewed == []
    assert {union for union, _ in seen} == set(OVERLAP_READINGS)


def test_occurrences_by_hand():
    text = "落实党中央八项规定精神，AAAA"
    terms = ["八项规定", "党中央", "中央八项规定精神", "AA", "党中央"]
    assert term_occurrences(text, terms) == [(2, 5, 1), (3, 11, 2), (5, 9, 0), (12, 14, 3), (14, 16, 3)]
    assert term_occurrences("", terms) == [] and term_occurrences(text, []) == []
