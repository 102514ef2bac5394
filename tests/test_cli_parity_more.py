"""The rest of CLI parity: your own lists (--lexicon, --stopwords, --slogans) on the commands that segment or
extract, and the commands of notebooks 00-04 still missing (sentences, cleaning --changes/--rules,
segmentation, formulations, compare, explain, register --view, outline --announcements/--families,
trends --statistics), each equal to the API."""

import pytest
from conftest import ROOT, run_cli, same_table

import corpus_utils as cu
from corpus_utils.cli import main
from corpus_utils.terms.custom import load_custom_lists
from corpus_utils.terms.segment import corpus_segmenter

SEEDS = ROOT / "seeds"
REPORTS = cu.datasets.work_reports_path()
ONE = ["--workers", "1"]
#: Split by default (数字化 / 攻关); four times in 003, as the substring count says.
OWN_WORD = "数字化攻关"
INSTITUTE = "003_d409caa57de1005b"


@pytest.fixture(scope="module")
def seeds():
    corpus = cu.load_corpus(SEEDS)
    return corpus, corpus_segmenter(corpus)


@pytest.fixture(scope="module")
def lists(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lists")
    (folder / "lexicon.txt").write_text(f"# my formulations\n{OWN_WORD}\n", encoding="utf-8")
    (folder / "stopwords.txt").write_text("数字化\n", encoding="utf-8")
    (folder / "slogans.csv").write_text("slogan,kind,level,gloss_en,first_year,source\n"
                                        "全省邮政,slogan,local,the postal system of the province,2020,test\n",
                                        encoding="utf-8")
    return folder








def _freq(table, term):
    return dict(zip(table["term"], table["freq"], strict=True)).get(term, 0)


# --- your own lists ----------------------------------------------------------------------------------------------

def test_a_lexicon_word_split_by_default_is_counted_whole(tmp_path, seeds, lists):
    corpus, _ = seeds
    assert corpus_segmenter(corpus).tokens(OWN_WORD) == ["数字化", "攻关"]
    plain = run_cli(tmp_path, "terms", SEEDS, "--top", "all", "--no-cache", *ONE)
    own = run_cli(tmp_path, "terms", SEEDS, "--top", "all", "--no-cache", "--lexicon", lists / "lexicon.txt", *ONE)
    substring = sum(text.count(OWN_WORD) for text in corpus["text"])
    assert _freq(plain, OWN_WORD) == 0 and _freq(own, OWN_WORD) == substring == 4
    assert _freq(own, "数字化") == _freq(plain, "数字化") - 4  # the four 数字化 inside it are no longer words alone
    custom = load_custom_lists(lexicon=lists / "lexicon.txt")
    expected = cu.document_term_counts(corpus, custom=custom).frequency_table()
    same_table(own, expected)
    where = run_cli(tmp_path, "terms", SEEDS, "--top", "all", "--no-cache", "--lexicon", lists / "lexicon.txt",
                "--where", f"doc_id={INSTITUTE}", *ONE)
    assert _freq(where, OWN_WORD) == 4


def test_a_lexicon_word_is_a_token_for_kwic(tmp_path, lists):
    plain = run_cli(tmp_path, "kwic", SEEDS, OWN_WORD, "--kind", "token", *ONE)
    own = run_cli(tmp_path, "kwic", SEEDS, OWN_WORD, "--kind", "token", "--lexicon", lists / "lexicon.txt", *ONE)
    assert len(plain) == 0 and len(own) == 4
    assert set(own["doc_id"]) == {INSTITUTE} and set(own["match"]) == {OWN_WORD}


def test_stopwords_are_added_or_replace_the_packaged_list(tmp_path, lists):
    plain = run_cli(tmp_path, "terms", SEEDS, "--top", "all", "--no-cache", *ONE)
    added = run_cli(tmp_path, "terms", SEEDS, "--top", "all", "--no-cache", "--stopwords", lists / "stopwords.txt", *ONE)
    only = run_cli(tmp_path, "terms", SEEDS, "--top", "all", "--no-cache", "--stopwords", lists / "stopwords.txt",
               "--replace-stopwords", *ONE)
    assert _freq(plain, "数字化") == 14 and _freq(added, "数字化") == 0 and _freq(only, "数字化") == 0
    assert _freq(plain, "的") == _freq(added, "的") == 0 < _freq(only, "的")  # 的 is a packaged stopword
    assert set(added["term"]) == set(plain["term"]) - {"数字化"}


def test_stopwords_apply_to_ngrams(tmp_path, seeds, lists):
    corpus, segmenter = seeds
    plain = run_cli(tmp_path, "ngrams", SEEDS, "--top", "all", *ONE)
    added = run_cli(tmp_path, "ngrams", SEEDS, "--top", "all", "--stopwords", lists / "stopwords.txt", *ONE)
    expected = cu.ngrams(cu.tokens_by_doc(corpus, segmenter), 2, min_freq=2, stopwords=cu.stopwords() | {"数字化"})
    same_table(added, expected)
    assert "数字化攻关" in set(plain["ngram"]) and "数字化攻关" not in set(added["ngram"])


def test_a_slogans_file_adds_a_slogan_with_its_origin(tmp_path, seeds, lists):
    corpus, _ = seeds
    plain = run_cli(tmp_path, "slogans", SEEDS, *ONE)
    own = run_cli(tmp_path, "slogans", SEEDS, "--slogans", lists / "slogans.csv", *ONE)
    assert "全省邮政" not in set(plain["slogan"])
    row = own[own["slogan"] == "全省邮政"].iloc[0]
    assert (row["doc_id"], row["kind"], row["origin"], row["source"]) == ("002_bd18f1857b928b7d", "slogan", "local",
                                                                         "lexicon")
    assert row["count"] == corpus.set_index("doc_id").loc["002_bd18f1857b928b7d", "text"].count("全省邮政") == 8
    expected = cu.extract_slogans(corpus, custom=load_custom_lists(slogans=lists / "slogans.csv"))
    same_table(own, expected)
    where = run_cli(tmp_path, "slogans", SEEDS, "--slogans", lists / "slogans.csv", "--where", "level=provincial branch",
                *ONE)
    assert where.loc[where["slogan"] == "全省邮政", "count"].tolist() == [8]


def _error(capsys, argv) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: ")
    return captured.err


@pytest.mark.parametrize("command", [["terms", str(SEEDS), "--no-cache"], ["kwic", str(SEEDS), "党建"],
                                     ["segmentation", str(SEEDS)]])
def test_a_missing_lexicon_file_is_one_error_line(tmp_path, capsys, command):
    missing = tmp_path / "my_lexicon.txt"
    err = _error(capsys, [*command, "--lexicon", str(missing), *ONE])
    assert "my_lexicon.txt" in err and "not found" in err


def test_replace_stopwords_needs_a_file(capsys):
    assert "--replace-stopwords needs --stopwords" in _error(capsys, ["terms", str(SEEDS), "--replace-stopwords"])


# --- notebook 00 ------------------------------------------------------------------------------------------------

def test_documents_list_the_loaded_variables_and_count_periods(tmp_path, seeds):
    corpus, _ = seeds
    same_table(run_cli(tmp_path, "documents", SEEDS), corpus.drop(columns=["raw_text", "text"]))
    reports = cu.datasets.work_reports()
    eras = run_cli(tmp_path, "documents", REPORTS, "--by", "era")
    assert eras["documents"].sum() == len(reports) == 45
    assert eras["characters"].sum() == reports["n_chars"].sum()
    assert eras[["period", "first", "last"]].iloc[0].tolist() == ["1954–1977", 1954, reports["year"][reports["year"] < 1978].max()]


def test_documents_by_period_warn_about_undated_documents(tmp_path, capsys):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "2019_a.txt").write_text("二〇一九年的报告。", encoding="utf-8")
    (folder / "b.txt").write_text("没有日期的报告。", encoding="utf-8")
    table = run_cli(tmp_path, "documents", folder, "--by", "year")
    assert table[["period", "documents"]].values.tolist() == [["2019", 1]]
    assert "1 of 2 document(s) without a year left out" in capsys.readouterr().err


def test_sentences_equal_sentence_stats_and_lengths(tmp_path, seeds):
    corpus, _ = seeds
    same_table(run_cli(tmp_path, "sentences", SEEDS, *ONE), cu.sentence_stats(corpus).reset_index())
    lengths = run_cli(tmp_path, "sentences", SEEDS, "--lengths", *ONE)
    expected = cu.sentence_lengths(corpus)
    assert {d: g["length"].tolist() for d, g in lengths.groupby("doc_id")} == expected
    assert lengths["text"].str.len().tolist() == lengths["length"].tolist()
    assert lengths.groupby("doc_id")["sentence"].max().tolist() == [len(v) for v in expected.values()]


def test_cleaning_changes_and_rules(tmp_path, seeds):
    from corpus_utils.corpus.audit import cleaning_changes
    from corpus_utils.corpus.overview import rules_table

    corpus, _ = seeds
    changes = run_cli(tmp_path, "cleaning", SEEDS, "--changes")
    same_table(changes, cleaning_changes(corpus))
    spam = changes[changes["rule"] == "remove_seo_spam"]
    assert spam[["doc_id", "before", "after"]].values.tolist() == [["000_c82bad9182bec8ff", "凯发k8官网的", ""]]
    rules = run_cli(tmp_path, "cleaning", "--rules")
    same_table(rules, rules_table().reset_index())
    assert rules["step"].tolist() == list(range(1, len(rules) + 1)) and len(rules) == 15


# --- notebook 01 ------------------------------------------------------------------------------------------------

def test_segmentation_of_given_sentences(tmp_path):
    from corpus_utils.terms.segment import Segmenter, compare_segmentation

    sentences = ["深入践行新发展理念", "会议以习近平新时代中国特色社会主义思想为指导"]
    found = run_cli(tmp_path, "segmentation", *[a for s in sentences for a in ("--sentence", s)])
    expected = compare_segmentation(sentences, {"default jieba": Segmenter(engine="jieba", use_lexicon=False),
                                                "with lexicon": Segmenter()})
    same_table(found.drop(columns="text"), expected)
    assert found["with lexicon"].tolist()[0] == "深入 / 践行 / 新发展理念"
    assert found["default jieba"].tolist()[0] == "深入 / 践行 / 新 / 发展 / 理念"


def test_segmentation_of_the_corpus_shows_the_sentences_cut_differently(tmp_path, seeds, lists):
    from corpus_utils.terms.segment import Segmenter, compare_segmentation

    corpus, segmenter = seeds
    found = run_cli(tmp_path, "segmentation", SEEDS, "--top", "all", *ONE)
    every = run_cli(tmp_path, "segmentation", SEEDS, "--top", "all", "--all", *ONE)
    sentences = [(d, s) for d, t in zip(corpus["doc_id"], corpus["text"], strict=True) for s in cu.split_sentences(t)]
    assert len(every) == len(sentences) and every["text"].tolist() == [s for _, s in sentences]
    expected = compare_segmentation([s for _, s in sentences],
                                    {"default jieba": Segmenter(engine="jieba", use_lexicon=False),
                                     "with lexicon": segmenter})
    same_table(every[["default jieba", "with lexicon"]], expected)
    differ = expected["default jieba"] != expected["with lexicon"]
    assert 0 < len(found) == differ.sum() < len(every)
    own = run_cli(tmp_path, "segmentation", SEEDS, "--top", "all", "--lexicon", lists / "lexicon.txt",
              "--where", f"doc_id={INSTITUTE}", *ONE)
    having = [s for s in cu.split_sentences(corpus.set_index("doc_id").loc[INSTITUTE, "text"]) if OWN_WORD in s]
    assert sum(f" / {OWN_WORD} / " in f" / {cut} / " for cut in own["with lexicon"]) == len(having) == 4


def test_formulations_equal_substring_counts(tmp_path, seeds, lists):
    corpus, _ = seeds
    texts = dict(zip(corpus["doc_id"], corpus["text"], strict=True))
    table = run_cli(tmp_path, "formulations", SEEDS, "--top", "all", *ONE)
    lexicon = list(cu.formulation_words())
    expected = {t: sum(text.count(t) for text in texts.values()) for t in lexicon}
    assert dict(zip(table["term"], table["freq"], strict=True)) == {t: n for t, n in expected.items() if n}
    assert table.loc[table["term"] == "八项规定", "freq"].tolist() in ([], [expected["八项规定"]])
    assert table["freq"].is_monotonic_decreasing
    by_doc = run_cli(tmp_path, "formulations", SEEDS, "--by", "doc", "--top", "all", "--terms", "高质量发展", "数字化", *ONE)
    assert {(d, t): n for d, t, n in by_doc.values.tolist()} == {
        (d, t): text.count(t) for d, text in texts.items() for t in ("高质量发展", "数字化") if text.count(t)}
    own = run_cli(tmp_path, "formulations", SEEDS, "--lexicon", lists / "lexicon.txt", "--top", "all", *ONE)
    assert _freq(own, OWN_WORD) == 4


# --- notebook 02 ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def extracted(seeds):
    corpus, _ = seeds
    return cu.extract_slogans(corpus)


def test_compare_views_equal_the_api(tmp_path, seeds, extracted):
    corpus, _ = seeds
    same_table(run_cli(tmp_path, "compare", SEEDS, *ONE), cu.slogan_matrix(extracted).rename_axis("doc_id").reset_index())
    same_table(run_cli(tmp_path, "compare", SEEDS, "--view", "matrix", "--kind", "numbered_formula", *ONE),
         cu.slogan_matrix(extracted, kinds=("numbered_formula",)).rename_axis("doc_id").reset_index())
    same_table(run_cli(tmp_path, "compare", SEEDS, "--view", "shared", *ONE), cu.shared_and_unique(extracted, corpus, by="level"))
    same_table(run_cli(tmp_path, "compare", SEEDS, "--view", "counts", "--by", "organization", *ONE),
         cu.shared_unique_counts(extracted, corpus, by="organization").rename_axis("organization").reset_index())
    similarity = run_cli(tmp_path, "compare", SEEDS, "--view", "similarity", *ONE)
    same_table(similarity, cu.jaccard_similarity(extracted).rename_axis("doc_id").reset_index())
    assert similarity.set_index("doc_id").to_numpy().diagonal().tolist() == [1.0] * 5
    same_table(run_cli(tmp_path, "compare", SEEDS, "--view", "cascade", *ONE), cu.slogan_cascade(extracted, corpus))


def test_compare_by_an_unknown_column_is_one_error_line(capsys):
    err = _error(capsys, ["compare", str(SEEDS), "--view", "shared", "--by", "province", *ONE])
    assert "compare --by province: not a document variable" in err and "organization" in err


def test_explain_equals_the_api(tmp_path):
    from corpus_utils.slogans.extract import known_formulae

    expressions = ["四个意识", "三个增强", "六稳", "四突出四切实", "十四五", "七点要求", "以下四点", "一个区域"]
    found = run_cli(tmp_path, "explain", *expressions)
    same_table(found, cu.explain_formulae(expressions))
    roles = dict(zip(found["expression"], found["role"], strict=True))
    assert roles["七点要求"] == "announcement" and roles["一个区域"] == "counting"
    same_table(run_cli(tmp_path, "explain", *expressions, "--known"), cu.explain_formulae(expressions, known=known_formulae()))


# --- notebook 03 ------------------------------------------------------------------------------------------------

def test_register_views_equal_the_api(tmp_path, seeds):
    corpus, segmenter = seeds
    same_table(run_cli(tmp_path, "register", SEEDS, "--view", "directives", *ONE),
         cu.directive_markers(corpus, segmenter).reset_index())
    citations = run_cli(tmp_path, "register", SEEDS, "--view", "citations", *ONE)
    same_table(citations, cu.citations_table(corpus))
    assert (citations["authority"] == "习近平总书记").sum() > 0
    speakers = run_cli(tmp_path, "register", SEEDS, "--view", "speakers")
    same_table(speakers, cu.speaker_verbs(corpus).reset_index())
    assert speakers.set_index("speaker").loc["刘爱力", "指出"] == 2


def test_outline_announcements_and_families(tmp_path, seeds):
    corpus, segmenter = seeds
    announced = run_cli(tmp_path, "outline", SEEDS, "--announcements", *ONE)
    expected = cu.outline_announcements(cu.corpus_outlines(corpus, segmenter=segmenter))
    same_table(announced.astype({"agrees": "boolean"}), expected.astype({"agrees": "boolean"}))
    first = announced.iloc[0]
    assert (first["announcement"], first["announced_count"], first["realised_count"]) == ("七点要求", 7, 7)
    same_table(run_cli(tmp_path, "outline", "--families"), cu.outline_marker_families())


# --- notebook 04 ------------------------------------------------------------------------------------------------

def test_trends_statistics_equal_trend_statistics(tmp_path):
    reports = cu.datasets.work_reports()
    terms = ["阶级斗争", "改革开放", "经济建设", "以人为本"]
    found = run_cli(tmp_path, "trends", REPORTS, "--terms", *terms, "--by", "era", "--statistics", "--workers", "2")
    expected = cu.trend_statistics(cu.term_trends(reports, terms, by="era"))
    same_table(found, expected)
    assert dict(zip(found["term"], found["direction"], strict=True))["阶级斗争"] in ("falling", "flat")
    assert found["tau"].iloc[0] >= found["tau"].iloc[-1]


def test_trends_statistics_default_to_the_lexicon_with_min_freq(tmp_path, seeds, lists):
    corpus, _ = seeds
    found = run_cli(tmp_path, "trends", SEEDS, "--statistics", "--min-freq", "10", "--lexicon", lists / "lexicon.txt",
                *ONE)
    lexicon = [*cu.formulation_words(), OWN_WORD]
    totals = {t: sum(text.count(t) for text in corpus["text"]) for t in lexicon}
    assert sorted(found["term"]) == sorted(t for t, n in totals.items() if n >= 10)
    assert dict(zip(found["term"], found["freq"], strict=True)) == {t: n for t, n in totals.items() if n >= 10}


def test_trends_without_terms_is_one_error_line(capsys):
    assert "trends needs --terms" in _error(capsys, ["trends", str(SEEDS), *ONE])


def test_kwic_per_document_equals_hits_per_document(tmp_path):
    from corpus_utils.datasets import work_reports, work_reports_path
    from corpus_utils.terms.concordance import concordance, hits_per_document

    reports = work_reports()
    found = run_cli(tmp_path, "kwic", work_reports_path(), "改革开放", "--per-document", "--workers", 1)
    expected = hits_per_document(concordance(reports, "改革开放"), reports)
    same_table(found, expected)
    assert found["hits"].sum() == sum(text.count("改革开放") for text in reports["text"]) == 237


def test_network_equals_the_network_table(tmp_path, seeds):
    from corpus_utils.terms.lexicon import stopwords
    from corpus_utils.terms.network import collocation_network, network_table
    from corpus_utils.terms.segment import countable_by_doc

    corpus, segmenter = seeds
    countable = countable_by_doc(corpus, segmenter)
    expected = network_table(collocation_network(countable, "发展", min_count=2, top=5, second_order=True,
                                                 exclude=stopwords()))
    found = run_cli(tmp_path, "network", SEEDS, "发展", "--min-count", 2, "--top", 5, "--second-order")
    assert len(expected) > 5
    same_table(found, expected)
