"""The development corpora (``../shared/corpora`` beside the project): both
load as given, cleaning leaves no markup, link, licence or broken line, and
every span a removing rule takes has been reviewed (tests/gold/cleaning_review.csv).

Skipped where the corpora are not beside the project; set
``CORPUS_UTILS_DEV_CORPORA`` to their folder to run them from elsewhere.
"""

import os
import re
import warnings
from collections import Counter
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import ROOT, read_gold

from corpus_utils import cleaning_changes, load_corpus
from corpus_utils import constants as P
from corpus_utils.terms.segment import Segmenter, is_countable

DEV = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora")
REPORTS, NEWS = DEV / "work_reports_1954_2017", DEV / "cctv_news_2022"
pytestmark = pytest.mark.skipif(not (REPORTS.is_dir() and NEWS.is_dir()), reason="development corpora not present")

#: Rules that take text away (the others rewrite it in place).
REMOVING = {"remove_front_matter", "remove_html_markup", "remove_markdown_links", "strip_markdown_markup",
            "remove_site_boilerplate", "remove_byline", "remove_news_dateline", "remove_pinyin_glosses",
            "remove_seo_spam", "remove_repeated_blocks"}


def _load(folder: Path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # as given: not one warning
        return load_corpus(folder)


@pytest.fixture(scope="module")
def reports():
    return _load(REPORTS)


@pytest.fixture(scope="module")
def news():
    return _load(NEWS)


def test_work_reports_load_with_their_year_dates(reports):
    assert len(reports) == 45
    assert set(reports["date_precision"]) == {"year"}
    assert reports["year"].min() == 1954 and reports["year"].max() == 2017
    assert (reports["date"] == reports["year"].astype(str)).all()


def test_news_transcripts_load_with_the_dates_of_their_names(news):
    assert len(news) == 365
    assert set(news["date_precision"]) == {"day"}
    assert (news["date"].str.replace("-", "") + ".md" == news["file"]).all()


def test_no_licence_line_is_left_in_the_work_reports(reports):
    for text in reports["text"]:
        assert not re.search(r"Public domain|公有领域|维基文库|本作品|著作权法", text)


def test_markup_and_links_are_gone_from_the_news(news):
    for text in news["text"]:
        assert not re.search(r"https?://|\]\(|^#|\*\*|<!--|查看原文|央视网消息", text, re.MULTILINE)


def test_top_100_terms_of_the_news_hold_no_markup_url_or_site_word(news):
    segmenter = Segmenter()
    counts = Counter()
    for text in news["text"]:
        counts.update(w for w in segmenter.tokens(text) if w not in segmenter.stopwords and is_countable(w))
    top = [term for term, _ in counts.most_common(100)]
    assert not [t for t in top if re.search(r"[A-Za-z#*\[\]()<>/:]|查看|原文|央视网|网址|链接", t)]
    assert {"发展", "习近平", "高质量发展"} & set(top)


def test_lines_broken_inside_sentences_are_rejoined(reports):
    """No paragraph starts with a comma, an enumeration comma or a closing
    bracket, and a paragraph ends on a comma only before a list item."""
    for text in reports["text"]:
        lines = text.split("\n")
        assert not [line for line in lines if P.CONTINUES_BEFORE.match(line)]
        for line, following in pairwise(lines):
            if P.CONTINUES_AFTER.search(line):
                assert P.STARTS_ITEM.match(following), (line[-20:], following[:20])


def _form(span: str) -> str:
    return re.sub(r"\d", "0", re.sub(r"https?://\S+?(?=\)|\s|$)", "URL", span.strip()))


def test_every_removed_span_has_a_reviewed_form(reports, news):
    reviewed = {(row["rule"], _form(row["before"])) for row in read_gold("cleaning_review.csv") if row["label"] == "ok"}
    assert all(row["label"] == "ok" for row in read_gold("cleaning_review.csv"))
    for corpus in (reports, news):
        changes = cleaning_changes(corpus)
        removed = changes[changes["rule"].isin(REMOVING) & (changes["before"].str.strip() != "")]
        unreviewed = {(rule, _form(before)) for rule, before in zip(removed["rule"], removed["before"], strict=True)} - reviewed
        assert not unreviewed, sorted(unreviewed)[:10]
