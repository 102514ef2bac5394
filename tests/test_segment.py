"""Segmentation keeps formulations whole; engines agree; nothing leaks to stderr."""

import re

import pytest

from corpus_utils import CorpusError
from corpus_utils.frequency import count_terms
from corpus_utils.lexicon import formulation_lexicon, read_lexicon, read_wordlist, stopwords
from corpus_utils.segment import Segmenter, corpus_segmenter, is_countable, metadata_names


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
