"""Segmentation keeps formulations whole; engines agree; nothing leaks to stderr."""

import re

import pytest

from corpus_utils import CorpusError
from corpus_utils.terms.frequency import count_terms
from corpus_utils.terms.lexicon import formulation_lexicon, read_lexicon, read_wordlist, stopwords
from corpus_utils.terms.segment import Segmenter, corpus_segmenter, is_countable, metadata_names


@pytest.fixture(scope="module")
def segmenter(corpus):
    return corpus_segmenter(corpus)


def test_lexicon_is_large_and_clean():
    entries = formulation_lexicon()
    assert len(entries) >= 300
    assert len({e.word for e in entries}) == len(entries)
    assert all(re.fullmatch(r"[\w]+", e.word) for e in entries)


def test_every_lexicon_entry_is_one_token(segmenter):
    broken = [e.word for e in formulation_lexicon()
              if segmenter.tokens(e.word) != [e.word] or e.word not in segmenter.tokens(f"，{e.word}。")]
    assert broken == []


FORMULATIONS = ["高质量发展", "新发展理念", "党史学习教育", "习近平新时代中国特色社会主义思想", "新发展阶段", "科技赋能"]


def test_seed_counts_match_substring_counts(corpus, segmenter):
    tokens = {d: segmenter.tokens(t) for d, t in zip(corpus["doc_id"], corpus["text"], strict=True)}
    counted = count_terms(tokens, FORMULATIONS)
    substring = {term: [text.count(term) for text in corpus["text"]] for term in FORMULATIONS}
    assert counted.to_dict("list") == substring
    assert counted.sum().to_dict() == {"高质量发展": 16, "新发展理念": 5, "党史学习教育": 24,
                                       "习近平新时代中国特色社会主义思想": 4, "新发展阶段": 2, "科技赋能": 10}
    # (grep on the raw files gives 14 高质量发展: 003 writes it twice as 高(gāo)質量發展)
    # whole tokens: the two never sit inside a longer unit in the seeds
    flat = [t for doc in tokens.values() for t in doc]
    assert flat.count("高质量发展") == 16 and flat.count("新发展理念") == 5


def test_default_jieba_splits_what_the_lexicon_keeps():
    plain = Segmenter(use_lexicon=False)
    assert plain.tokens("新发展理念") != ["新发展理念"]
    assert Segmenter().tokens("新发展理念") == ["新发展理念"]


def test_speaker_names_from_metadata_are_whole(corpus, segmenter):
    assert {"刘爱力", "刘洋河", "陈智泉"} <= set(metadata_names(corpus))
    assert "刘洋河" in segmenter.tokens("国投集团党群工作部主任刘洋河和娄宇一同上台")


def test_engines_agree_on_the_seeds_chinese_tokens(corpus):
    fast, plain = corpus_segmenter(corpus, engine="rjieba"), corpus_segmenter(corpus, engine="jieba")
    han = re.compile("[\u4e00-\u9fff]")
    compared = 0
    for text in corpus["text"]:
        for line in text.split("\n"):
            chinese = [t for t in fast.tokens(line) if han.search(t)]
            assert chinese == [t for t in plain.tokens(line) if han.search(t)]
            compared += len(chinese)
    assert compared > 5000


def test_no_log_lines_on_stderr(capfd, corpus):
    corpus_segmenter(corpus, engine="jieba").tokens("推动高质量发展")
    corpus_segmenter(corpus, engine="rjieba").tokens("推动高质量发展")
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_words_drop_punctuation_numbers_placeholders_stopwords(segmenter):
    words = segmenter.words("XX电信成立已有138年，是我们的“排头兵”！3.9%的增长率。")
    assert all(is_countable(w) for w in words)
    assert not {"，", "“", "”", "！", "138", "3.9%", "XX", "的", "我们", "是"} & set(words)
    assert "排头兵" in words and "增长率" in words


def test_segmentation_is_deterministic(corpus):
    first = [corpus_segmenter(corpus).tokens(t) for t in corpus["text"]]
    second = [corpus_segmenter(corpus).tokens(t) for t in corpus["text"]]
    assert first == second


def test_stopwords_are_function_words_not_formulations():
    words = stopwords()
    assert {"的", "了", "和", "我们"} <= words
    assert not {"发展", "党建", "坚持", "必须", "高质量发展"} & words


def test_bad_lexicon_line_is_a_named_error(tmp_path):
    bad = tmp_path / "user.txt"
    bad.write_text("新发展理念 20000 nz\n高质量发展 many nz\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"user.txt: line 2: frequency 'many' is not a whole number"):
        read_lexicon(bad)
    bad.write_text("新发展理念\n新发展理念 3\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2: '新发展理念' repeats line 1"):
        read_lexicon(bad)
    bad.write_text("的\n两 个\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="line 2: '两 个' is not a single word"):
        read_wordlist(bad)


# Overlapping lexicon entries on real sentences (work reports quoted in full, news in short): the reading the
# lexicon's frequencies and union entries give (header of data/lexicon_tifa.txt). Each expected run must appear
# as consecutive whole tokens, under both engines.
OVERLAPS = [
    ("我们严格落实党中央八项规定精神，持之以恒纠正“四风”", ["落实", "党中央", "八项规定精神", "，"]),  # 2015 report
    ("全面贯彻中央八项规定精神，开展群众路线教育实践活动", ["贯彻", "中央八项规定精神", "，"]),  # 2014 report
    ("中国人民在中国共产党的领导下已经而且将继续", ["在", "中国共产党的领导", "下"]),  # 1955 report
    ("都是拥护工人阶级和共产党的领导、拥护社会主义建设", ["和", "共产党的领导", "、"]),  # 1954 report
    ("这些运动都是在党的领导下以群众性的斗争", ["在", "党的领导"]),  # 1957 report
    ("从要求党的领导干部提高政治判断力", ["党", "的", "领导干部", "提高"]),  # news 2022-09-05
    ("新一届中共中央委员会和中共中央纪律检查委员会", ["新一届", "中共中央委员会", "和"]),  # news 2022-10-22
    ("为中共中央军事委员会主席", ["中共", "中央军事委员会", "主席"]),  # news 2022-11-30
    ("新疆生产建设兵团领导班子成员及有关方面负责同志", ["领导班子", "成员", "及"]),  # news 2022-07-15
    ("全国各族人民共同迈向全面小康社会。", ["迈向", "全面", "小康社会", "。"]),  # 2016 report
    ("我们要全面深化改革开放。更加重视改革顶层设计", ["要", "全面深化改革开放", "。"]),  # 2011 report
    ("要加强社区党组织建设，强化党组织的政治功能", ["社区", "党组织", "建设", "，"]),  # news 2022-06-29
    ("新一年，以科技创新驱动高质量发展。", ["以", "科技创新", "驱动", "高质量发展"]),  # news 2022-02-10
    ("以自主创新驱动城市持续发展", ["以", "自主创新", "驱动", "城市"]),  # news 2022-03-02
    ("重大原始创新动能强劲。", ["原始创新", "动能", "强劲"]),  # news 2022-07-22
    ("农工党中央主席陈竺", ["农工党", "中央", "主席"]),  # news 2022-01-25: 党中央 must not take 农工党's 党
    ("中国共产党中央委员会和中央人民政府", ["中国共产党中央委员会", "和"]),  # 1954 report
    ("坚持中国共产党的全面领导", ["中国共产党", "的", "全面", "领导"]),  # the class of 共产党 + 党的X
    ("加强共产党的建设", ["共产党", "的", "建设"]),
]


def _runs(tokens: list[str], run: list[str]) -> bool:
    return any(tokens[i:i + len(run)] == run for i in range(len(tokens) - len(run) + 1))


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_overlapping_entries_give_the_correct_reading(engine):
    segmenter = Segmenter(engine=engine)
    wrong = {sentence: "/".join(segmenter.tokens(sentence)) for sentence, run in OVERLAPS
             if not _runs(segmenter.tokens(sentence), run)}
    assert wrong == {}


def test_nested_entry_is_no_token_but_is_counted(segmenter):
    """The documented difference: 八项规定 inside 中央八项规定精神 is part of that token (word list), yet the
    formulation count finds it, as it finds 党中央 overlapping 中央八项规定精神."""
    text = "我们严格落实党中央八项规定精神，全面贯彻中央八项规定精神"
    tokens = segmenter.tokens(text)
    assert "八项规定" not in tokens and tokens.count("中央八项规定精神") == 1
    counted = count_terms({"d": tokens}, ["八项规定", "八项规定精神", "中央八项规定精神", "党中央"])
    assert counted.loc["d"].to_dict() == {"八项规定": 2, "八项规定精神": 2, "中央八项规定精神": 2, "党中央": 1}
    assert count_terms({"d": tokens}, ["八项规定", "党中央"], nested=False).loc["d"].to_list() == [0, 1]


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_tokens_join_back_to_the_text(corpus, engine):
    segmenter = corpus_segmenter(corpus, engine=engine)
    assert all("".join(segmenter.tokens(text)) == text for text in corpus["text"])
