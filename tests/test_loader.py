"""load_corpus on the seeds: the documented cleaning outcomes, and the report."""

from collections import Counter

from corpus_utils import DEFAULT_RULES, cleaning_changes, cleaning_report
from corpus_utils import constants as P
from corpus_utils.corpus.cleaning import convert_to_simplified


def test_five_documents_sorted_with_metadata_and_counts(corpus):
    assert list(corpus["doc_id"]) == sorted(corpus["doc_id"]) and len(corpus) == 5
    for column in ("title", "date", "organization", "level", "genre", "speakers", "source", "script",
                   "raw_text", "text", "n_chars_raw", "n_chars", "n_han"):
        assert column in corpus
    assert (corpus["n_chars"] == corpus["text"].str.len()).all()
    assert (corpus["n_chars"] < corpus["n_chars_raw"]).all()


def test_003_is_simplified_without_glosses(by_id):
    text = by_id["003"]
    assert not P.PINYIN_GLOSS.search(text) and "(" not in text
    assert "党员先行" in text and "黨" not in text and "員" not in text
    assert "刘洋河" in text and "杨光明" in text


def test_004_has_no_download_site_lines(by_id):
    text = by_id["004"]
    for junk in ("免费阅读", "阅读已结束", "赏杯茶", "1 / 8", "777doc", "ICP", "QQ", "保存成功", "资源描述", "下载文档"):
        assert junk not in text, junk
    assert text.startswith("在走访调研中国电信XX分公司时的讲话\n推进全市产业工人队伍建设改革")
    assert text.endswith("要打造这样的品牌，我们很有信心。")
    assert "XXX总经理" in text


def test_000_has_no_spam(by_id):
    assert "凯发" not in by_id["000"] and "k8" not in by_id["000"]
    assert "强化文化建设" in by_id["000"]


def test_bylines_removed(by_id):
    assert "作者" not in by_id["001"] and "来源" not in by_id["001"]
    assert "胡燕斌" not in by_id["002"]


def test_report_shows_each_noise_type(corpus):
    report = cleaning_report(corpus)
    seen = {(doc_id[:3], rule) for doc_id, rule in zip(report["doc_id"], report["rule"], strict=True)}
    assert {("000", "remove_seo_spam"), ("001", "remove_byline"), ("002", "remove_byline"),
            ("003", "remove_pinyin_glosses"), ("003", "convert_to_simplified"),
            ("004", "remove_site_boilerplate")} <= seen
    spam = report[(report["rule"] == "remove_seo_spam")]
    assert spam["changes"].tolist() == [1] and "凯发k8官网的" in spam["examples"].iloc[0]
    glosses = report[report["rule"] == "remove_pinyin_glosses"]["changes"].item()
    assert glosses == sum(1 for _ in P.PINYIN_GLOSS.finditer(corpus["raw_text"].iloc[3]))


def test_no_chinese_text_is_lost_that_no_rule_claimed(corpus):
    """Han characters in the cleaned text = raw (converted to simplified)
    minus exactly the characters in spans removed by boilerplate, byline and
    spam rules."""
    changes = cleaning_changes(corpus)
    removing = {"remove_site_boilerplate", "remove_byline", "remove_seo_spam"}
    for doc_id, raw, text in zip(corpus["doc_id"], corpus["raw_text"], corpus["text"], strict=True):
        removed = Counter()
        for before, after in changes.loc[(changes["doc_id"] == doc_id) & changes["rule"].isin(removing),
                                         ["before", "after"]].itertuples(index=False):
            removed.update(P.HAN_CHAR.findall(before))
            removed.subtract(P.HAN_CHAR.findall(after))
        expected = Counter(P.HAN_CHAR.findall(convert_to_simplified(raw)))
        expected.subtract(Counter(convert_to_simplified("".join(removed.elements()))) if "黨" in raw else removed)
        assert +expected == Counter(P.HAN_CHAR.findall(text)), doc_id
    # the other rules never change a Han character count
    others = changes[~changes["rule"].isin(removing | {"convert_to_simplified"})]
    assert all(len(P.HAN_CHAR.findall(b)) == len(P.HAN_CHAR.findall(a))
               for b, a in zip(others["before"], others["after"], strict=True))


def test_report_is_a_tidy_frame(corpus):
    report = cleaning_report(corpus, only_changed=False)
    assert list(report.columns) == ["doc_id", "rule", "changes", "han_removed", "examples"]
    assert len(report) == 5 * (len(DEFAULT_RULES) + 1)  # and the corpus-level remove_repeated_blocks
