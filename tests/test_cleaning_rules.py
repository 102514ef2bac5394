"""Each cleaning rule on its own, with inputs it must change and inputs it must leave alone."""

import pytest

from corpus_utils import cleaning as C


def test_normalize_line_breaks():
    assert C.normalize_line_breaks("甲\r\n乙\r丙\u2028丁") == "甲\n乙\n丙\n丁"
    assert C.normalize_line_breaks("发\u200b展\ufeff") == "发展"


@pytest.mark.parametrize("line", [
    "免费阅读已结束,点击下载阅读编辑剩下 ...",
    "阅读已结束,您可以下载文档离线阅读编辑",
    "整理文档很辛苦,赏杯茶钱您下走!",
    "1 / 8",
    "第 3 页 共 10 页",
    "©2015-2020 m.777doc.com 三七文档.",
    "备案号:鲁ICP备2024069028号-1 客服联系 QQ:2149211541",
    "京公网安备 11010502030143号",
    "×",
    "保存成功",
    "Copyright 2021 某某网 版权所有",
])
def test_site_boilerplate_lines_are_removed(line):
    assert C.remove_site_boilerplate(f"正文第一段。\n{line}\n正文第二段。") == "正文第一段。\n正文第二段。"


@pytest.mark.parametrize("line", [
    "要下载文档的同志请联系办公室，会议材料已经发到各单位，请各单位认真组织学习，切实把会议精神传达到每一名党员干部，确保学习全覆盖、无死角。",
    "第一，要政治立魂。",
    "3.9%",
    "XX电信有很多优势。",
])
def test_prose_is_not_boilerplate(line):
    assert C.remove_site_boilerplate(line) == line


def test_byline_at_top_is_removed_but_not_body_text():
    text = "标题\n\n作者:来源:中国邮政报发布时间:2021-11-01\n\n正文。"
    assert C.remove_byline(text) == "标题\n\n\n正文。"
    byline = "胡燕斌 亢俊杰   2020-08-07   来源:《辽邮新媒》公众号"
    assert C.remove_byline(f"标题\n{byline}\n正文。") == "标题\n正文。"
    body = "会议指出，数据来源：统计局。"
    assert C.remove_byline(body) == body


def test_pinyin_glosses_are_removed_only_when_they_are_a_reading():
    assert C.remove_pinyin_glosses("黨員(yuán)和(hé)長(cháng)的(de)") == "黨員和長的"
    assert C.remove_pinyin_glosses("月(yuè)亮（liàng）") == "月亮"
    assert C.remove_pinyin_glosses("綠(lǜ)色") == "綠色"
    # not a reading of the character before: kept
    assert C.remove_pinyin_glosses("人工智能(ai)") == "人工智能(ai)"
    assert C.remove_pinyin_glosses("技术(PSIM)") == "技术(PSIM)"
    assert C.remove_pinyin_glosses("(一)总体要求") == "(一)总体要求"


def test_traditional_is_converted_and_simplified_left_alone():
    assert C.detect_script("黨員先行，數字化轉型，貫徹落實") == "traditional"
    assert C.convert_to_simplified("黨員先行，數字化轉型，貫徹落實") == "党员先行，数字化转型，贯彻落实"
    simplified = "显著成效，著力推进"
    assert C.detect_script(simplified) == "simplified"
    assert C.convert_to_simplified(simplified) == simplified


def test_gloss_must_go_before_conversion():
    raw = "黨員(yuán)先行"
    assert C.clean_text(raw) == "党员先行"


@pytest.mark.parametrize(("spammed", "clean"), [
    ("强化凯发k8官网的文化建设", "强化文化建设"),
    ("推进金沙js93登录的改革", "推进改革"),
    ("加强ag88党建", "加强党建"),
])
def test_seo_spam_is_removed(spammed, clean):
    assert C.remove_seo_spam(spammed) == clean


@pytest.mark.parametrize("legit", [
    "走上5G快车道", "在G20峰会", "通过PSIM技术路线", "it和数字技术", "B2B平台", "建党100周年", "推出app服务",
    "3D打印", "成立已有138年",
])
def test_technical_tokens_are_not_spam(legit):
    assert C.remove_seo_spam(legit) == legit


def test_punctuation_between_chinese_becomes_full_width():
    assert C.normalize_punctuation("2月2日,集团公司(北京)有限公司:要;好!吗?") == "2月2日，集团公司（北京）有限公司：要；好！吗？"
    assert C.normalize_punctuation("发展基础 !2020年") == "发展基础！2020年"
    for kept in ("12:30", "Hello, world", "1,000", "f(x)"):
        assert C.normalize_punctuation(kept) == kept


def test_whitespace_indentation_and_blank_lines():
    raw = "标题\n\n\u3000\u3000日前，会议召开。  \n      陈总指出，要 加油。\n\n"
    assert C.normalize_whitespace(raw) == "标题\n日前，会议召开。\n陈总指出，要 加油。"


def test_placeholders_are_kept():
    text = "听了XXX总经理的介绍，XX电信在助推XX经济社会发展"
    assert C.clean_text(text) == text


def test_audit_records_every_change_with_its_rule():
    raw = "标题\n强化凯发k8官网的文化建设,推进发展。\n1 / 8"
    cleaned, changes = C.clean_with_audit(raw)
    assert cleaned == "标题\n强化文化建设，推进发展。"
    assert {(c.rule, c.before, c.after) for c in changes} == {
        ("remove_site_boilerplate", "\n1 / 8", ""),
        ("remove_seo_spam", "凯发k8官网的", ""),
        ("normalize_punctuation", ",", "，"),
    }


def test_pipeline_is_idempotent_on_the_seeds(corpus):
    for text in corpus["text"]:
        assert C.clean_text(text) == text
