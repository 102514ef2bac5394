"""Property-based tests (hypothesis): the cleaners and analysers on any text.

Examples are bounded and derandomised so that `make test` is reproducible.
"""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_utils import constants as P
from corpus_utils.corpus.audit import clean_with_audit
from corpus_utils.corpus.cleaning import DEFAULT_RULES, clean_text, han_count
from corpus_utils.rhetoric.outline import outline_table
from corpus_utils.rhetoric.parallelism import find_parallelisms
from corpus_utils.slogans.extract import extract_from_text
from corpus_utils.slogans.numbered import find_numbered
from corpus_utils.terms.segment import Segmenter

PROPERTY_SETTINGS = settings(max_examples=120, deadline=None, derandomize=True,
                             suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Pieces of official text and of its noise, for realistic random documents.
PIECES = [
    "推动高质量发展", "一要", "二是", "第一，", "四个意识", "“六稳”", "、", "，", "。", "：", "；", "！", ",", ":", "(",
    ")", " ", "\u3000", "\n", "\r\n", "黨員(yuán)", "的(de)", "凯发k8官网的", "1 / 8", "免费阅读已结束", "XX", "5G",
    "©2020", "QQ:12345", "<p>", "</p>", "&nbsp;", "《焦点访谈》", "‘三农’", "要", "切实", "七点要求", "數字化",
    "[查看原文](https://tv.cctv.com/a.shtml)", "**", "## ", "\\", "---\n", "央视网消息（新闻联播）：", "１９９４", "4x100",
    "\n\n", "《", "》", "直播打赏", "百姓", "百年", "百分点", "千万", "以下四点", "4点建议", "（1）", "1.", "十一五", "三农",
    "三分之二", "一、", "（一）", "另一方面",
]
documents = st.lists(st.one_of(st.sampled_from(PIECES), st.text(alphabet=string.ascii_letters + "的是在发展党", max_size=4)),
                     max_size=40).map("".join)
any_text = st.one_of(st.text(max_size=200), documents)
REMOVING = {"remove_site_boilerplate", "remove_byline", "remove_seo_spam", "remove_html_markup", "remove_front_matter",
            "remove_markdown_links", "remove_news_dateline"}


@PROPERTY_SETTINGS
@given(any_text)
def test_every_rule_accepts_any_string(text):
    for rule in DEFAULT_RULES:
        assert isinstance(rule(text), str)


@PROPERTY_SETTINGS
@given(any_text)
def test_cleaning_is_idempotent(text):
    once = clean_text(text)
    assert clean_text(once) == once


@PROPERTY_SETTINGS
@given(documents)
def test_chinese_text_is_only_removed_by_removing_rules(text):
    """Han characters disappear only inside spans that a removing rule
    (boilerplate, byline, spam, HTML, front matter, link lines, datelines)
    claimed; every other rule keeps their number."""
    _, changes = clean_with_audit(text)
    for change in changes:
        if change.rule not in REMOVING and change.rule != "convert_to_simplified":
            assert han_count(change.before) == han_count(change.after), change
    cleaned = clean_text(text)
    removed = sum(han_count(c.before) - han_count(c.after) for c in changes if c.rule in REMOVING)
    converted = sum(han_count(c.before) - han_count(c.after) for c in changes if c.rule == "convert_to_simplified")
    assert han_count(cleaned) == han_count(text) - removed - converted


@PROPERTY_SETTINGS
@given(documents)
def test_pure_chinese_prose_is_kept_whole(text):
    prose = "".join(ch for ch in text if P.HAN_CHAR.match(ch) or ch in "，。") + "。"
    assert han_count(clean_text(prose)) == han_count(prose)


SEGMENTER = Segmenter()


@PROPERTY_SETTINGS
@given(any_text)
def test_segmentation_keeps_every_character(text):
    assert "".join(SEGMENTER.tokens(text)) == text
    assert all(w.strip() for w in SEGMENTER.words(text))


@PROPERTY_SETTINGS
@given(documents)
def test_analyses_never_raise(text):
    cleaned = clean_text(text)
    tokens = SEGMENTER.tokens(cleaned)
    extract_from_text(cleaned, tokens)
    find_numbered(cleaned, tokens)
    outline_table(cleaned, tokens=tokens)
    find_parallelisms(cleaned)
