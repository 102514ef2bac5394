"""Repeated edge blocks: a licence or footer shared by most documents goes,
official text that documents happen to share stays."""

from corpus_utils.corpus.boilerplate import find_repeated_blocks

LICENCE = ("本作品是中华人民共和国的法律、法规，国家机关的决议、决定、命令和其他具有立法、行政、司法性质的文件，及其官方正式译文。"
           "根据《中华人民共和国著作权法》第五条第一项，本作品不适用于该法，属于公有领域。")
FOOTER = "Public domain Public domain false false"


def report(year: int, *, licence: bool = True) -> str:
    body = [
        "各位代表：",
        f"现在，我代表国务院，向大会报告{year}年政府工作，请予审议。",
        f"{year}年，国内生产总值增长{year % 7 + 3}%。",
        "让我们更加紧密地团结起来，为实现宏伟目标而努力奋斗！",
        "谢谢大家！",
    ]
    return "\n".join(body + ([LICENCE, FOOTER] if licence else []))


def test_a_licence_under_every_document_is_removed_and_only_it():
    texts = [report(year) for year in range(2010, 2016)]
    blocks = find_repeated_blocks(texts)
    for year, text in zip(range(2010, 2016), texts, strict=True):
        assert blocks.remove(text) == report(year, licence=False)


def test_short_shared_closings_and_openings_stay():
    # 各位代表： and 谢谢大家！ open and close every report, but they are discourse
    texts = [report(year, licence=False) for year in range(2010, 2016)]
    blocks = find_repeated_blocks(texts)
    assert all(blocks.remove(text) == text for text in texts)


def test_a_footer_with_a_date_is_one_block_everywhere():
    footer = "更新时间：2023-09-0{}T14:18:08.371Z 数据来源：某某档案馆网站"
    texts = [f"正文第{i}篇，内容各不相同，长度也不一样{'。' * i}\n{footer.format(i)}" for i in range(1, 6)]
    blocks = find_repeated_blocks(texts)
    assert [blocks.remove(text) for text in texts] == [text.split("\n")[0] for text in texts]


def test_a_block_in_too_few_documents_stays():
    texts = [report(2010), report(2011), report(2012, licence=False), report(2013, licence=False),
             report(2014, licence=False)]
    blocks = find_repeated_blocks(texts)  # 2 of 5 documents: below the 50 % share
    assert all(blocks.remove(text) == text for text in texts)


def test_fewer_than_three_documents_never_lose_anything():
    texts = [report(2010), report(2011)]
    assert not find_repeated_blocks(texts)


def test_a_shared_closing_exhortation_is_discourse_and_stays():
    closing = "让我们更加紧密地团结在以习近平同志为核心的党中央周围，为实现宏伟目标而努力奋斗！"
    texts = [f"第{i}次讲话的正文，内容各不相同。\n{closing}" for i in range(6)]
    assert not any(find_repeated_blocks(texts).remove(text) != text for text in texts)
