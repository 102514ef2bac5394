"""A researcher's own cleaning rules, lexicon, stopwords and slogans reach every analysis.

The corpus is three short invented documents, so that every expected number is counted by hand:

* a.txt  我们要推进数智赋能强企工作。数智赋能强企是关键。坚持两个赋能，推进邮政为民惠企行动。
* b.txt  各单位要落实数智赋能强企要求，做好邮政为民惠企。 / 本文仅供内部学习参考
* c.txt  会议强调，要推进高质量发展。

数智赋能强企 occurs 3 times (a: 2, b: 1), 推进 3 times (a: 2, c: 1), 邮政为民惠企 twice (a, b),
两个赋能 once (a).
"""

from __future__ import annotations

import pickle
import warnings

import pandas as pd
import pytest

from corpus_utils.corpus.audit import clean_with_audit, cleaning_changes, cleaning_report
from corpus_utils.corpus.cleaning import DEFAULT_RULES, as_cleaning_rules, clean_text, han_count
from corpus_utils.corpus.loader import load_corpus, load_file
from corpus_utils.errors import CorpusError, CorpusWarning
from corpus_utils.scale.engine import CountConfig, count_config, count_corpus
from corpus_utils.scale.streaming import stream_outlines, stream_slogans, stream_term_counts
from corpus_utils.slogans.extract import KnownSlogan, extract_slogans
from corpus_utils.terms.custom import CustomLists, load_custom_lists, words_not_kept_whole
from corpus_utils.terms.dtm import document_term_counts
from corpus_utils.terms.lexicon import stopwords as packaged_stopwords
from corpus_utils.terms.segment import corpus_segmenter

TEXTS = {
    "a.txt": "我们要推进数智赋能强企工作。数智赋能强企是关键。坚持两个赋能，推进邮政为民惠企行动。\n",
    "b.txt": "各单位要落实数智赋能强企要求，做好邮政为民惠企。\n本文仅供内部学习参考\n",
    "c.txt": "会议强调，要推进高质量发展。\n",
}
WORD = "数智赋能强企"
NOTE = "本文仅供内部学习参考"
SLOGANS_CSV = ("slogan,kind,level,gloss_en,first_year,source\n"
               "邮政为民惠企,slogan,local,postal service for people and firms,2023,test list\n"
               "两个赋能,numbered_formula,central,two empowerments,2022,test list\n")


def drop_internal_note(text: str) -> str:
    """Drop the line marking a text for internal study."""
    return "\n".join(line for line in text.split("\n") if line != NOTE)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    root = tmp_path_factory.mktemp("custom_corpus")
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    root = tmp_path_factory.mktemp("custom_lists")
    (root / "lexicon.txt").write_text(f"# my formulations\n\n{WORD}\n两融发展 100 nz\n", encoding="utf-8")
    (root / "stop.txt").write_text("推进\n", encoding="utf-8")
    (root / "slogans.csv").write_text(SLOGANS_CSV, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def lists(files):
    return load_custom_lists(lexicon=files / "lexicon.txt", stopwords=files / "stop.txt",
                             slogans=files / "slogans.csv")


@pytest.fixture(scope="module")
def corpus(folder):
    return load_corpus(folder)


# --- cleaning rules ----------------------------------------------------------------
def test_a_user_rule_changes_the_text_and_is_named_in_the_report(folder):
    plain = load_corpus(folder)
    own = load_corpus(folder, rules=[*DEFAULT_RULES, drop_internal_note])
    b_plain, b_own = (frame.set_index("doc_id").loc["b", "text"] for frame in (plain, own))
    assert NOTE in b_plain and NOTE not in b_own
    assert b_own == b_plain.replace("\n" + NOTE, "")
    assert [rule.name for rule in own.attrs["rules"]][-1] == "drop_internal_note"
    assert "rules" not in plain.attrs  # audited with the default rules
    report = cleaning_report(own)  # re-runs the rules the corpus was loaded with
    row = report[report["rule"] == "drop_internal_note"]
    assert row["doc_id"].tolist() == ["b"]
    assert row["changes"].tolist() == [1]
    assert row["han_removed"].tolist() == [han_count(NOTE)] == [10]
    assert "drop_internal_note" not in set(cleaning_report(plain)["rule"])
    # a subset keeps the rules; rules= overrides them
    subset = own[own["doc_id"] == "b"]
    assert "drop_internal_note" in set(cleaning_report(subset)["rule"])
    assert "drop_internal_note" not in set(cleaning_report(subset, rules=DEFAULT_RULES)["rule"])
    changes = cleaning_changes(own)
    assert changes[changes["rule"] == "drop_internal_note"]["before"].tolist() == ["\n" + NOTE]


def test_rules_replace_the_defaults_and_reach_load_file_and_clean_text(folder):
    only = load_corpus(folder, rules=[drop_internal_note], repeated_blocks=False)
    assert only["text"].tolist() == [drop_internal_note(TEXTS[name]) for name in sorted(TEXTS)]
    one = load_file(folder / "b.txt", rules=[drop_internal_note])
    assert one["text"].tolist() == ["各单位要落实数智赋能强企要求，做好邮政为民惠企。\n"]
    assert clean_text(f"x\n{NOTE}", rules=[drop_internal_note]) == "x"
    text, changes = clean_with_audit(f"x\n{NOTE}", rules=[drop_internal_note, drop_internal_note])
    assert text == "x" and [c.rule for c in changes] == ["drop_internal_note"]
    assert [r.name for r in as_cleaning_rules([drop_internal_note, drop_internal_note])] == [
        "drop_internal_note", "drop_internal_note#2"]


def test_a_rule_that_raises_names_the_file_and_the_rule(folder):
    def no_meetings(text: str) -> str:
        if "会议" in text:
            raise RuntimeError("meeting found")
        return text

    with pytest.raises(CorpusError) as caught:
        load_corpus(folder, rules=[*DEFAULT_RULES, no_meetings])
    message = str(caught.value)
    assert "\n" not in message
    assert message.endswith("c.txt: cleaning rule 'no_meetings' raised RuntimeError: meeting found")


def test_a_rule_that_does_not_return_a_string_or_is_not_callable(folder):
    with pytest.raises(ValueError, match=r"a\.txt: cleaning rule '<lambda>' returned int, not str"):
        load_corpus(folder, rules=[lambda text: len(text)])
    with pytest.raises(ValueError, match=r"cleaning rule 2, 'strip' \(a str\), is not callable"):
        load_corpus(folder, rules=[drop_internal_note, "strip"])
    with pytest.raises(ValueError, match="rules must be a list"):
        load_file(folder / "a.txt", rules="strip")


# --- reading the lists -------------------------------------------------------------
def test_load_custom_lists_reads_each_file(files, lists):
    assert lists.words == ("两融发展", WORD)  # sorted; the jieba line gives its first field
    assert set(lists.stopwords) == packaged_stopwords() | {"推进"}
    assert lists.slogans == (
        KnownSlogan("邮政为民惠企", "slogan", "local", "postal service for people and firms", "2023", "test list"),
        KnownSlogan("两个赋能", "numbered_formula", "central", "two empowerments", "2022", "test list"))
    replaced = load_custom_lists(stopwords=files / "stop.txt", replace_stopwords=True)
    assert replaced == CustomLists(stopwords=("推进",))
    assert load_custom_lists() == CustomLists()
    assert pickle.loads(pickle.dumps(lists)) == lists


def test_lexicon_in_another_encoding(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(f"{WORD}\n高质量发展 20000 nz\n".encode("gb18030"))
    assert load_custom_lists(lexicon=path).words == tuple(sorted((WORD, "高质量发展")))


def test_words_the_segmenter_cannot_keep_whole_are_named_in_one_warning(tmp_path):
    path = tmp_path / "lexicon.txt"
    path.write_text(f"{WORD}\n数字 中国 建设\n2035\n", encoding="utf-8")
    assert words_not_kept_whole((WORD, "数字 中国 建设", "2035")) == ["数字 中国 建设", "2035"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        lists = load_custom_lists(lexicon=path)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert len(messages) == 1
    assert "lexicon.txt: 2 of 3 word(s) cannot be kept whole" in messages[0]
    assert "'数字 中国 建设', '2035'" in messages[0]
    assert len(lists.words) == 3  # kept: nothing is dropped silently


@pytest.mark.parametrize(("name", "content", "option", "cause"), [
    ("absent.txt", None, "lexicon", "lexicon not found"),
    ("comments.txt", "# only a comment\n\n", "lexicon", "lexicon holds no words"),
    ("empty.txt", "", "stopwords", "stopword list holds no words"),
    ("binary.txt", b"\x00\x01\x02PK\x03\x04" * 20, "lexicon", ""),
    ("absent.csv", None, "slogans", "cannot be read"),
    ("empty.csv", "", "slogans", "is empty"),
    ("columns.csv", "slogan,kind\n邮政为民惠企,slogan\n", "slogans", "lacks the column(s) level, gloss_en"),
    ("header.csv", "slogan,kind,level,gloss_en,first_year,source\n", "slogans", "holds a header but no slogan"),
    ("kind.csv", "slogan,kind,level,gloss_en,first_year,source\n惠企,motto,local,,,\n", "slogans",
     "line 2: kind 'motto' must be numbered_formula or slogan"),
])
def test_every_bad_file_gives_one_line(tmp_path, name, content, option, cause):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CorpusError) as caught:
        load_custom_lists(**{option: path})
    message = str(caught.value)
    assert "\n" not in message and name in message and cause in message


def test_replace_stopwords_needs_a_file_and_lists_must_not_be_strings():
    with pytest.raises(ValueError, match="replace_stopwords=True needs a stopwords file"):
        load_custom_lists(replace_stopwords=True)
    with pytest.raises(ValueError, match=r"CustomLists\.words must be a sequence"):
        CustomLists(words=WORD)


# --- words kept whole, stopwords dropped ------------------------------------------------
def _freq(table: pd.DataFrame) -> dict[str, int]:
    return dict(zip(table["term"], table["freq"], strict=True))


def test_a_custom_word_is_counted_whole_in_document_term_counts(corpus, lists):
    assert corpus_segmenter(corpus).tokens(WORD) != [WORD]  # the default segmenter splits it
    plain = _freq(document_term_counts(corpus).frequency_table())
    own_counts = document_term_counts(corpus, custom=CustomLists(words=(WORD,)))
    own = _freq(own_counts.frequency_table())
    assert WORD not in plain and own[WORD] == 3
    assert own_counts.by_document()["a"][WORD] == 2 and own_counts.by_document()["b"][WORD] == 1
    assert "数智" in plain and "数智" not in own and "强企" not in own
    assert own["推进"] == plain["推进"] == 3
    with pytest.raises(ValueError, match="not both"):
        document_term_counts(corpus, segmenter=corpus_segmenter(corpus), custom=lists)


def test_a_custom_stopword_disappears_from_frequency_tables(corpus, lists, files):
    added = _freq(document_term_counts(corpus, custom=lists).frequency_table())
    assert "推进" not in added and added[WORD] == 3
    assert "我们" not in added  # the packaged stopwords still apply
    replaced = load_custom_lists(stopwords=files / "stop.txt", replace_stopwords=True)
    only = _freq(document_term_counts(corpus, custom=replaced).frequency_table())
    assert "推进" not in only and only["我们"] == 1 and only["要"] == 3  # the packaged list no longer applies


def _dtm_rows(counts) -> pd.DataFrame:
    return counts.counts.sort_values(["doc_id", "term"]).reset_index(drop=True)


@pytest.mark.parametrize("workers", [1, 2])
def test_count_corpus_counts_the_custom_lists_as_the_loaded_corpus_does(folder, corpus, lists, workers):
    expected = document_term_counts(corpus, custom=lists)
    streamed = count_corpus(folder, workers=workers, chunk_bytes=1, top_per_doc=0, custom=lists, progress=False)
    pd.testing.assert_frame_equal(_dtm_rows(streamed.document_term_counts()), _dtm_rows(expected))
    one_pass = count_corpus(folder, workers=workers, chunk_bytes=1, custom=lists, progress=False)
    assert _freq(one_pass.corpus_table()) == _freq(expected.frequency_table())
    assert one_pass.counts.totals[WORD] == 3 and "推进" not in one_pass.counts.totals
    words_only = count_corpus(folder, workers=workers, chunk_bytes=1, custom=CustomLists(words=(WORD,)), progress=False)
    assert words_only.counts.totals[WORD] == 3 and words_only.counts.totals["推进"] == 3


def test_the_count_cache_is_never_reused_across_configurations(folder, lists, tmp_path):
    cache = tmp_path / "cache"
    options = {"workers": 1, "cache_dir": cache, "progress": False}
    plain = count_corpus(folder, **options)
    assert not plain.from_cache and count_corpus(folder, **options).from_cache
    own = count_corpus(folder, custom=lists, **options)
    assert not own.from_cache
    assert own.counts.totals[WORD] == 3 and WORD not in plain.counts.totals
    assert "推进" not in own.counts.totals and plain.counts.totals["推进"] == 3
    words_only = count_corpus(folder, custom=CustomLists(words=lists.words), **options)
    assert not words_only.from_cache and words_only.counts.totals["推进"] == 3
    again = count_corpus(folder, custom=lists, **options)
    assert again.from_cache and again.counts.totals == own.counts.totals
    # per-document entries: one key per configuration
    versions = {count_config({}, custom=custom).version
                for custom in (None, CustomLists(), lists, CustomLists(words=lists.words),
                               CustomLists(stopwords=lists.stopwords))}
    assert len(versions) == 4  # None and CustomLists() share the default key; the other three differ
    assert count_config({}, custom=CustomLists()).version == CountConfig().version


def test_the_configuration_carries_the_lists_not_file_paths(lists):
    config = count_config({"x.txt": {"speakers": "张三"}}, custom=lists)
    assert config.extra_words == tuple(sorted(("两融发展", WORD, "张三")))
    assert config.stopwords == lists.stopwords
    assert pickle.loads(pickle.dumps(config)) == config


# --- slogans ------------------------------------------------------------------------
def _slogan_rows(table: pd.DataFrame) -> list[tuple]:
    return [tuple(row) for row in table[["doc_id", "slogan", "kind", "count", "source", "origin"]].itertuples(index=False)]


EXPECTED_SLOGANS = [("a", "两个赋能", "numbered_formula", 1, "lexicon", "central"),
                    ("a", "邮政为民惠企", "slogan", 1, "lexicon", "local"),
                    ("b", "邮政为民惠企", "slogan", 1, "lexicon", "local")]


def test_a_custom_slogan_appears_in_extract_slogans_with_its_origin(corpus, lists):
    assert _slogan_rows(extract_slogans(corpus)) == []
    table = extract_slogans(corpus, custom=lists)
    assert _slogan_rows(table) == EXPECTED_SLOGANS
    assert table["gloss_en"].tolist() == ["two empowerments", *["postal service for people and firms"] * 2]
    assert table["first_year"].tolist() == ["2022", "2023", "2023"]


def test_a_custom_slogan_appears_in_stream_slogans(folder, corpus, lists):
    streamed = stream_slogans(folder, workers=1, custom=lists, progress=False)
    assert _slogan_rows(streamed) == EXPECTED_SLOGANS
    expected = extract_slogans(corpus, custom=lists)
    pd.testing.assert_frame_equal(streamed.reset_index(drop=True), expected.reset_index(drop=True),
                                  check_dtype=False)


def test_other_streamed_analyses_take_the_lists(folder, lists):
    counts = stream_term_counts(folder, [WORD, "推进"], workers=1, custom=lists, progress=False)
    assert counts[WORD].to_dict() == {"a": 2, "b": 1, "c": 0}
    assert counts["推进"].to_dict() == {"a": 2, "b": 0, "c": 1}  # substring counts: stopwords do not matter
    outlines = stream_outlines(folder, workers=1, custom=lists, progress=False)
    assert len(outlines) == len(stream_outlines(folder, workers=1, progress=False))
