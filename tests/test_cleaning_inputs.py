"""Cleaning on what real archives carry (tests/fixtures/bad_inputs, made by
make_bad_inputs.py from excerpts of the development corpora)."""

import warnings

from conftest import FIXTURES

from corpus_utils import cleaning_report, load_corpus

CASES = FIXTURES / "bad_inputs"


def _load(case: str, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return load_corpus(CASES / case, **options)


def test_markdown_news_keeps_words_and_metadata_drops_markup():
    doc = _load("markdown_news").iloc[0]
    assert (doc["title"], doc["date"], doc["date_precision"]) == ("新闻联播 2022年1月1日", "2022-01-01", "day")
    assert doc["text"] == "《新闻联播》（20220101）\n详细新闻\n踔厉奋发 我们一起向未来\n新年前夕，国家主席习近平发表了新年贺词。"


def test_a_licence_block_under_every_document_goes_and_the_reports_stay():
    corpus = _load("licence_block").set_index("file")
    assert corpus["text"].to_dict() == {
        "1954.txt": ("各位代表：\n我们在听了刘少奇同志关于宪法草案的报告并进行了三天的讨论以后，"
                     "通过了中华人民共和国宪法，接着，又通过了几个重要的法律。"),
        "1955.txt": "各位代表：\n1955年国家决算的收入总数为272亿元，比上年增长12.5%。",
        "1956.txt": "各位代表：\n一、关于过去一年的工作\n我们在社会主义改造方面取得了决定性的胜利。",
    }
    report = cleaning_report(corpus.reset_index())
    blocks = report[report["rule"] == "remove_repeated_blocks"]
    assert blocks["changes"].tolist() == [1, 1, 1]
    assert blocks["han_removed"].nunique() == 1 and blocks["han_removed"].iloc[0] > 80


def test_the_licence_stays_when_repeated_blocks_are_not_wanted():
    corpus = _load("licence_block", repeated_blocks=False)
    assert all("公有领域" in text and "Public domain Public domain false false" in text for text in corpus["text"])


def test_letter_digit_tokens_of_official_text_stay_and_spam_goes():
    text = _load("letter_digit_tokens").iloc[0]["text"]
    for kept in ("4x100米接力", "6b阶段", "8k超高清", "25l亿元", "5G网络"):
        assert kept in text
    assert "强化文化建设" in text and "凯发" not in text


def test_headlines_with_words_of_site_prompts_stay():
    text = _load("news_headline_words").iloc[0]["text"]
    assert text == "四部门联合发文禁止未成年人参与直播打赏\n机场VIP通道暂停使用"
