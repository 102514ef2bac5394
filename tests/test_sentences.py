from corpus_utils import split_paragraphs, split_sentences


def test_sentences_end_at_chinese_terminators():
    assert split_sentences("会议召开。要加强党建！怎么办？好…") == ["会议召开。", "要加强党建！", "怎么办？", "好…"]


def test_terminators_inside_quotes_do_not_split():
    text = "“积力之所举，则无不胜；众智之所为，则无不成。”在座谈讨论中，大家畅所欲言。"
    assert split_sentences(text) == ["“积力之所举，则无不胜；众智之所为，则无不成。”", "在座谈讨论中，大家畅所欲言。"]
    text = "他强调：“要A。要B。”会议结束。"
    assert split_sentences(text) == ["他强调：“要A。要B。”", "会议结束。"]


def test_unclosed_quote_does_not_swallow_the_paragraph():
    text = "按照“四突出、四切实系统推进下半年各项工作。一要突出党建引领。"
    assert split_sentences(text) == ["按照“四突出、四切实系统推进下半年各项工作。", "一要突出党建引领。"]


def test_sentences_never_cross_paragraphs():
    assert split_sentences("标题\n正文第一句。正文第二句") == ["标题", "正文第一句。", "正文第二句"]
    assert split_paragraphs("甲\n\n乙\n") == ["甲", "乙"]


def test_seed_sentences_cover_the_text(corpus):
    for text in corpus["text"]:
        assert "".join(split_sentences(text)).replace(" ", "") == text.replace("\n", "").replace(" ", "")
