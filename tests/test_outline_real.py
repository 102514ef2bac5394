"""The outline parser on the layouts of real archives: news summaries
(1.…N. with （1）… under an item), older reports (（一） parts holding 一、
sections, nested 一、 lists, 第一… lists after a heading list), tables of
contents, count announcements, and any text at all.

The texts below are written for these tests in the layouts of the
development corpora; the last tests score the parser against the gold of
the development corpora (tests/gold/outline_real.csv, ``dev`` half) when
they are beside the project.
"""

import csv
import os
import string
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_utils import clean_text
from corpus_utils.errors import CorpusWarning
from corpus_utils.evaluation import outline_agreement
from corpus_utils.rhetoric.outline import corpus_outlines, find_markers, outline_table
from corpus_utils.terms.segment import Segmenter


def lists(text: str) -> list[tuple]:
    """``(level, family, markers, announced, parent list, parent item)`` per list, in text order."""
    table = outline_table(text)
    return [(g["level"].iloc[0], g["family"].iloc[0], "|".join(m.rstrip("，,：:") for m in g["marker"]),
             int(g["announced_count"].iloc[0]), g["parent_list_id"].iloc[0], int(g["parent_item"].iloc[0]))
            for _, g in sorted(table.groupby("list_id"), key=lambda kv: int(kv[0][1:]))]


def paragraph(n: int, words: str = "加强管理，提高效益。") -> str:
    return "\n".join(f"{words}第{i}段正文。" for i in range(n))


# --- news summaries ---------------------------------------------------------------------------------------------

SUMMARY = """《新闻联播》（20220101）
本期节目主要内容：
1.甲地召开会议；
2.评论员文章：
在新征程上奋勇前进；
3.国内联播快讯：
（1）乙项目开工；
（2）丙政策发布；
（3）丁活动举行；
4.戊国举行选举；
5.国际联播快讯：
（1）己国通胀上升；
（2）庚国发生地震。
（《新闻联播》 20220101 19:00）
详细新闻
甲地召开会议
会议强调，要做好四个方面工作：一是稳增长，二是促改革，三是调结构，四是惠民生。
"""


def test_news_headlines_keep_their_numbers_when_sub_items_follow():
    assert lists(SUMMARY) == [
        (1, "digit", "1.|2.|3.|4.|5.", 0, "", 0),
        (2, "paren_arabic", "（1）|（2）|（3）", 0, "L1", 3),
        (2, "paren_arabic", "（1）|（2）", 0, "L1", 5),
        (1, "yishi", "一是|二是|三是|四是", 4, "", 0),  # the body is not part of the last headline
    ]


def test_headline_numbers_glued_or_followed_by_digits_continue_the_list():
    text = "1.甲地召开会议；\n2.乙项目开工！3.丙政策发布；\n4.2022 我们的打开方式；\n5.1到4月外贸增长；\n"
    assert lists(text) == [(1, "digit", "1.|2.|3.|4.|5.", 0, "", 0)]
    # a decimal never starts a list, a glued number never continues nothing
    assert lists("1.5亿元投向农村。\n2.6万家企业受益。\n增长3.5%。\n") == []


# --- older reports ----------------------------------------------------------------------------------------------

def test_an_arabic_sub_list_does_not_close_the_main_list():
    text = (f"（一）扩大内需\n{paragraph(2)}\n具体有：\n（1）增加投资；\n（2）促进消费。\n{paragraph(2)}\n"
            f"（二）稳定物价\n{paragraph(3)}\n（三）改善民生\n{paragraph(2)}")
    assert lists(text) == [(1, "paren", "（一）|（二）|（三）", 0, "", 0),
                           (2, "paren_arabic", "（1）|（2）", 0, "L1", 1)]


def test_a_paragraph_list_after_the_last_heading_is_the_headings_sibling():
    """(一)…(三) heading items of a few paragraphs, then (after a long last
    item) 第一…第六 paragraphs: both lists lie in the 一、 section."""
    points = "\n".join(f"第{n}，必须坚持改革开放。改革开放是决定命运的关键抉择。" for n in "一二三四五六")
    text = (f"一、过去五年工作回顾\n（一）加强宏观调控\n{paragraph(5)}\n（二）推进改革开放\n{paragraph(5)}\n"
            f"（三）加强社会建设\n{paragraph(14)}\n过去五年，主要体会是：\n{points}\n二、今年主要任务\n{paragraph(3)}")
    assert lists(text) == [(1, "section", "一、|二、", 0, "", 0),
                           (2, "paren", "（一）|（二）|（三）", 0, "L1", 1),
                           (2, "diyi", "第一|第二|第三|第四|第五|第六", 0, "L1", 1)]


def test_a_list_of_one_paragraph_items_ends_with_its_last_paragraph():
    points = "\n".join(f"第{n}，必须全面准确贯彻方针。" for n in "一二三四")
    text = f"{points}\n习近平提出4点希望：一是提高治理水平。二是增强发展动能。三是排解民生忧难。四是维护和谐稳定。"
    assert lists(text) == [(1, "diyi", "第一|第二|第三|第四", 0, "", 0),
                           (1, "yishi", "一是|二是|三是|四是", 4, "", 0)]


def test_parts_hold_sections_and_nested_section_lists_are_kept():
    """（一）…（三） parts holding 一、…五、 sections, one of which holds a
    one-paragraph-a-point 一、二、三 list (the outer numbering resumes after it)."""
    inner = "一、节约能源，降低消耗；\n二、改革产品结构，提高质量；\n三、合理利用资源。"
    text = (f"（一）当前的经济形势\n{paragraph(6)}\n（二）今后经济建设的方针\n{paragraph(2)}\n"
            f"一、加快农业的发展\n{paragraph(4)}\n二、调整重工业的服务方向\n{paragraph(4)}\n"
            f"三、加强能源工业\n{paragraph(3)}\n四、有步骤地进行技术改造\n{paragraph(1)}\n技术改造要达到：\n{inner}\n"
            f"{paragraph(2)}\n五、增加建设资金\n{paragraph(4)}\n（三）我国经济发展的前景\n{paragraph(3)}")
    assert lists(text) == [(1, "paren", "（一）|（二）|（三）", 0, "", 0),
                           (2, "section", "一、|二、|三、|四、|五、", 0, "L1", 2),
                           (3, "section", "一、|二、|三、", 0, "L2", 4)]


def test_restarted_section_lists_are_siblings():
    text = (f"一、甲\n{paragraph(2)}\n二、乙\n{paragraph(2)}\n三、丙\n{paragraph(2)}\n"
            f"今年要抓好以下的三项主要任务。\n一、丁\n{paragraph(2)}\n二、戊\n{paragraph(2)}\n三、己\n{paragraph(2)}")
    assert lists(text) == [(1, "section", "一、|二、|三、", 0, "", 0), (1, "section", "一、|二、|三、", 3, "", 0)]


def test_an_inline_section_list_nests_in_the_heading_item_it_is_written_in():
    text = (f"（一）关于经济形势\n{paragraph(2)}\n我们的方针是：一、稳定经济；二、深化改革；三、改善民生。\n{paragraph(2)}\n"
            f"（二）关于改革\n{paragraph(2)}")
    assert lists(text) == [(1, "paren", "（一）|（二）", 0, "", 0), (2, "section", "一、|二、|三、", 0, "L1", 1)]


def test_a_list_introduced_by_its_own_sentence_is_a_sibling():
    text = ("抓紧建立住房保障体系。总的原则是：（1）坚持从国情出发。（2）坚持发挥市场作用。（3）坚持加强监管。"
            "今年要采取四项措施：一要健全制度。二要增加供应。三要运用税收。四要加强监管。")
    assert lists(text) == [(1, "paren_arabic", "（1）|（2）|（3）", 0, "", 0), (1, "yiyao", "一要|二要|三要|四要", 4, "", 0)]


def test_older_markers():
    assert lists("应当指出三个值得特别注意的地方。第一是产值上升。第二是比重上升。第三是营业上升。") == [
        (1, "diyi", "第一是|第二是|第三是", 3, "", 0)]
    assert lists("我们按两步来设想：第一步，建成体系；第二步，全面实现现代化。") == [(1, "step", "第一步|第二步", 2, "", 0)]
    assert lists("各级政府一方面保障公民的权利，一方面维护社会的秩序。") == [(1, "pair", "一方面|一方面", 0, "", 0)]
    assert lists(f"前言。\n一\n{paragraph(2)}\n二\n{paragraph(2)}\n三\n{paragraph(1)}")[0][:3] == (1, "section", "一|二|三")
    # 第一、二、三产业, 一、二线城市, 这一方面 and a lone 一方面 are no markers
    assert lists("发展第一、二、三产业和一、二线城市。在这一方面，一方面要努力。") == []


# --- tables of contents and announcements -------------------------------------------------------------------------

def test_a_table_of_contents_in_a_sentence_is_not_a_list():
    text = ("我的报告分三个部分：（1）关于社会主义革命；（2）关于社会主义建设；（3）关于人民生活。\n"
            f"一、关于社会主义革命\n{paragraph(3)}\n二、关于社会主义建设\n{paragraph(3)}\n三、关于人民生活\n{paragraph(3)}")
    assert lists(text) == [(1, "section", "一、|二、|三、", 3, "", 0)]


@pytest.mark.parametrize("intro", [
    "在十一五时期：", "解决好三农问题：", "三分之二的地区：", "一百个项目：", "我们从两个方面出发，要求：",
    "从增加供给和抑制需求两方面采取措施。", "在下午3点：", "这两个文明建设所作出的突出贡献：",
])
def test_numbers_that_count_no_points_are_not_announcements(intro):
    table = outline_table(intro + "一是甲，二是乙，三是丙。")
    assert table["realised_count"].tolist() == [3, 3, 3]
    assert table["announced_count"].tolist() == [0, 0, 0]


@pytest.mark.parametrize(("intro", "items", "announcement", "count"), [
    ("提出4点建议：", 4, "4点建议", 4), ("重点抓好三件事：", 3, "三件事", 3), ("部署了四个方面重点工作：", 4, "四个方面", 4),
    ("政策和服务两手抓。", 2, "两手抓", 2),
    # explicit announcements (…点, 以下…) are linked whatever the number, so a mismatch shows
    ("提出以下五点：", 4, "以下五点", 5), ("今年要着重抓好以下九个方面工作：\n", 4, "以下九个方面", 9),
])
def test_count_announcements(intro, items, announcement, count):
    table = outline_table(intro + "，".join(f"{n}是要点{n}" for n in "一二三四五"[:items]) + "。")
    assert table["realised_count"].iloc[0] == items
    assert table["announcement"].iloc[0].startswith(announcement)
    assert table["announced_count"].iloc[0] == count


def test_a_numbered_formula_announces_a_list_of_its_length():
    text = "按照“四突出、四切实”系统推进工作。\n一要突出甲。\n二要突出乙。\n三要切实丙。\n四要切实丁。"
    assert lists(text) == [(1, "yiyao", "一要|二要|三要|四要", 4, "", 0)]


# --- any text ---------------------------------------------------------------------------------------------------

SEGMENTER = Segmenter()
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
EXCERPTS = [clean_text(p.read_text(encoding="utf-8")) for p in SEEDS] + [
    clean_text((FIXTURES / "unseen_speech" / "speech.txt").read_text(encoding="utf-8")), SUMMARY]
MARKERS = ["一、", "二、", "（一）", "（二）", "(1)", "（2）", "1.", "2.", "\n3.", "第一，", "第二是", "第一步，", "一是",
           "二要", "一方面", "另一方面", "一个是", "首先", "其次", "再次", "最后", "十一五", "三农", "三分之二", "百",
           "4点建议：", "以下四点：", "两手抓。", "\n", "。", "；", "：", "！", " ", "\u3000", "“", "”"]
chinese = st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF), max_size=6)
numerals = st.text(alphabet="一二三四五六七八九十百千万两是要则第步个点项件方面另以下、，。；：！（）()“”.\n 0123456789",
                   max_size=12)
random_chinese = st.lists(st.one_of(st.sampled_from(MARKERS), chinese, numerals,
                                    st.text(alphabet=string.digits, max_size=3)), max_size=60).map("".join)
excerpts = st.tuples(st.sampled_from(EXCERPTS), st.integers(0, 4000), st.integers(0, 1500)).map(
    lambda t: t[0][t[1]:t[1] + t[2]])
any_text = st.one_of(excerpts, random_chinese, st.text(max_size=300),
                     st.lists(st.one_of(excerpts, random_chinese), max_size=4).map("".join))


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(any_text)
def test_the_outline_never_fails_and_is_consistent(text):
    table = outline_table(text, tokens=SEGMENTER.tokens(text))
    assert list(table.columns)[:3] == ["doc_id", "list_id", "parent_list_id"]
    if table.empty:
        return
    assert (table["realised_count"] >= 2).all()
    assert (table["start"] < table["end"]).all() and (table["end"] <= len(text)).all()
    for _, rows in table.groupby("list_id"):
        assert rows["start"].is_monotonic_increasing and rows["level"].nunique() == 1
    levels = table.drop_duplicates("list_id").set_index("list_id")["level"]
    for _, row in table[table["parent_list_id"] != ""].iterrows():
        assert row["level"] == levels[row["parent_list_id"]] + 1
    assert {m.start for m in find_markers(text)} >= set(table["start"])


def test_a_document_that_fails_is_one_warning_and_the_others_are_analysed(monkeypatch):
    import corpus_utils.rhetoric.outline as outline

    corpus = pd.DataFrame({"doc_id": ["good", "bad", "also_good"],
                           "text": ["一是甲，二是乙。", "一要甲，二要乙。", "一方面甲，另一方面乙。"]})
    original = outline.outline_table

    def failing(text, *, doc_id="", tokens=None, preview=24):
        if doc_id == "bad":
            raise RecursionError("too deep\nsecond line")
        return original(text, doc_id=doc_id, tokens=tokens, preview=preview)

    monkeypatch.setattr(outline, "outline_table", failing)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = corpus_outlines(corpus)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert messages == ["bad: outline failed and the document is left out (RecursionError: too deep second line)"]
    assert sorted(table["doc_id"].unique()) == ["also_good", "good"]
    monkeypatch.setattr(outline, "outline_table", original)
    assert corpus_outlines(corpus)["doc_id"].unique().tolist() == ["good", "bad", "also_good"]


# --- the development corpora (dev half of the gold) -----------------------------------------------------------

DEV = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora")
GOLD = ROOT / "tests" / "gold"


@pytest.mark.parametrize("corpus", ["work_reports_1954_2017", "cctv_news_2022"])
def test_dev_gold_lists_are_found(corpus):
    if not (DEV / corpus).is_dir():
        pytest.skip("development corpora not present")
    from corpus_utils import load_corpus

    with open(GOLD / "real_split.csv", encoding="utf-8", newline="") as handle:
        dev = {r["doc_id"] for r in csv.DictReader(handle) if r["corpus"] == corpus and r["half"] == "dev"}
    with open(GOLD / "outline_real.csv", encoding="utf-8", newline="") as handle:
        gold = [r for r in csv.DictReader(handle) if r["corpus"] == corpus and r["doc_id"] in dev]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = load_corpus(DEV / corpus)
    texts = texts[texts["doc_id"].astype(str).isin(dev)]
    found = corpus_outlines(texts.assign(doc_id=texts["doc_id"].astype(str)))
    score, missing = outline_agreement(found.to_dict("records"), gold)
    print(f"{corpus} dev: {score.true_positives} of {score.gold} gold lists found exactly; missing {missing}")
    assert score.recall >= {"work_reports_1954_2017": 0.96, "cctv_news_2022": 0.98}[corpus]  # README: 0.983, 1.000
