"""Every command of the command line gives the table the in-memory API gives, on every document or on
the documents --where chooses; --out writes every table format; bad --where / --out are one error line."""

import pandas as pd
import pytest
from conftest import ROOT, run_cli, same_table

import corpus_utils as cu
from corpus_utils.cli import main
from corpus_utils.corpus.selection import select_documents
from corpus_utils.terms.segment import corpus_segmenter, countable_by_doc, tokens_by_doc

SEEDS = ROOT / "seeds"
REPORTS = cu.datasets.work_reports_path()
ONE = ["--workers", "1"]


@pytest.fixture(scope="module")
def seeds():
    corpus = cu.load_corpus(SEEDS)
    return corpus, corpus_segmenter(corpus)


@pytest.fixture(scope="module")
def reports():
    return cu.datasets.work_reports()








def test_kwic_where_equals_concordance(tmp_path, seeds):
    from corpus_utils.terms.concordance import concordance

    corpus, segmenter = seeds
    found = run_cli(tmp_path, "kwic", SEEDS, "高质量发展", "数字化", "--where", "level=group HQ", *ONE)
    expected = concordance(corpus, ["高质量发展", "数字化"], where="level=group HQ", segmenter=segmenter)
    assert len(found) == len(expected) > 0 and set(found["doc_id"]) <= {"000_c82bad9182bec8ff", "001_6dd187c4af8fa78a"}
    same_table(found, expected)


def test_kwic_on_two_workers_keeps_corpus_order(tmp_path, reports):
    from corpus_utils.terms.concordance import concordance

    found = run_cli(tmp_path, "kwic", REPORTS, "现代化", "--where", "year>=1990", "--width", "8", "--workers", "2")
    expected = concordance(reports, "现代化", where="year>=1990", width=8)
    assert found["doc_id"].nunique() > 15
    same_table(found, expected)


@pytest.mark.parametrize("options", [["--kind", "numbered_formula"], ["--kind", "regex", "--sort", "R1,R2"]])
def test_kwic_kinds_and_sort_equal_concordance(tmp_path, seeds, options):
    from corpus_utils.terms.concordance import concordance

    corpus, segmenter = seeds
    query = [] if "numbered_formula" in options else [r"[一二三四五六七八九十]个[^\W\d]{2}"]
    found = run_cli(tmp_path, "kwic", SEEDS, *query, *options, *ONE)
    kind = options[1]
    expected = concordance(corpus, query[0] if query else None, kind=kind, segmenter=segmenter,
                           sort=["R1", "R2"] if "--sort" in options else None)
    assert len(expected) > 5
    same_table(found, expected)


def test_terms_where_equals_the_chosen_documents_counts(tmp_path, seeds):
    corpus, segmenter = seeds
    found = run_cli(tmp_path, "terms", SEEDS, "--where", "organization=中国邮政集团有限公司", "--top", "all", "--no-cache",
                *ONE)
    chosen = select_documents(corpus, "organization=中国邮政集团有限公司")
    expected = cu.document_term_counts(chosen, segmenter=segmenter).frequency_table()
    assert len(chosen) == 2 and len(found) == len(expected) > 500
    same_table(found, expected)


def test_slogans_where_equals_extract_slogans(tmp_path, seeds):
    corpus, segmenter = seeds
    found = run_cli(tmp_path, "slogans", SEEDS, "--where", "level!=city branch", *ONE)
    expected = cu.extract_slogans(select_documents(corpus, "level!=city branch"), segmenter=segmenter)
    assert "004_8741fb8f7a27a93d" not in set(found["doc_id"]) and len(found) > 10
    same_table(found, expected)


def test_outline_where_equals_corpus_outlines(tmp_path, seeds):
    corpus, segmenter = seeds
    found = run_cli(tmp_path, "outline", SEEDS, "--where", "year>=2021", "--where", "level=group HQ,city branch", *ONE)
    chosen = select_documents(corpus, ["year>=2021", "level=group HQ,city branch"])
    expected = cu.corpus_outlines(chosen, segmenter=segmenter)
    assert len(chosen) == 3 and len(found) > 10 and set(found["doc_id"]) <= set(chosen["doc_id"])
    same_table(found, expected)


def test_keyness_target_against_the_rest_and_a_reference(tmp_path, seeds):
    corpus, segmenter = seeds
    counts = cu.document_term_counts(corpus, segmenter=segmenter)
    found = run_cli(tmp_path, "keyness", SEEDS, "--target", "level=group HQ", "--top", "all", "--no-cache", *ONE)
    expected = counts.keyness(counts.docvars["level"] == "group HQ", min_freq=5)
    same_table(found, expected)
    found = run_cli(tmp_path, "keyness", SEEDS, "--target", "level=group HQ", "--reference", "level=provincial branch",
                "--min-freq", "2", "--top", "3", "--no-cache", *ONE)
    from corpus_utils.terms.keyness import keyness_from_counts

    target = counts.subset(counts.docvars["level"] == "group HQ").totals().to_dict()
    reference = counts.subset(counts.docvars["level"] == "provincial branch").totals().to_dict()
    same_table(found, keyness_from_counts(target, reference, min_freq=2).head(3))


def test_keyness_where_by_era_on_the_reports(tmp_path, reports):
    counts = cu.document_term_counts(reports)
    chosen = counts.subset(counts.docvars.index[counts.docvars["year"] >= 1978])
    chosen = chosen.assign(period=cu.period_labels(chosen.docvars["year"], by="era").to_numpy())
    found = run_cli(tmp_path, "keyness", REPORTS, "--where", "year>=1978", "--group-by", "era", "--top", "5", "--no-cache",
                "--workers", "2")
    expected = cu.keyness_by_group(chosen, "period", top=5)
    assert found["group"].drop_duplicates().tolist() == ["1978–1991", "1992–2001", "2002–2011", "2012–2017"]
    same_table(found, expected)


def test_trends_and_new_terms_on_the_reports(tmp_path, reports):
    chosen = select_documents(reports, "year<2000")
    found = run_cli(tmp_path, "trends", REPORTS, "--terms", "改革开放", "阶级斗争", "--by", "decade", "--where", "year<2000",
                *ONE)
    expected = cu.term_trends(chosen, ["改革开放", "阶级斗争"], by="decade")
    same_table(found, expected)
    found = run_cli(tmp_path, "new-terms", REPORTS, "--by", "era", "--min-freq", "10", "--top", "all", "--no-cache", *ONE)
    content = cu.document_term_counts(reports).remove(cu.DATE_OR_ORDINAL_WORD)
    expected = cu.new_terms(content, by="era", min_freq=10)
    assert len(expected) > 20
    same_table(found, expected)


def test_lifecycles_where_equals_formula_lifecycles(tmp_path, reports):
    followed = ["四个现代化", "三个代表", "科学发展观", "四个全面"]
    found = run_cli(tmp_path, "lifecycles", REPORTS, "--formulae", *followed, "--where", "year>=1978")
    expected = cu.formula_lifecycles(select_documents(reports, "year>=1978"), followed)
    expected = expected.assign(years=[" ".join(map(str, y)) for y in expected["years"]])
    assert found["formula"].tolist() == ["四个现代化", "三个代表", "科学发展观", "四个全面"]
    same_table(found, expected)


def test_text_analyses_equal_the_api(tmp_path, seeds):
    corpus, segmenter = seeds
    countable = countable_by_doc(corpus, segmenter)
    terms = ["高质量发展", "数字化", "党史学习教育"]
    same_table(run_cli(tmp_path, "dispersion", SEEDS, *terms, *ONE), cu.dispersion(countable, terms))
    same_table(run_cli(tmp_path, "ngrams", SEEDS, "--top", "all", *ONE),
         cu.ngrams(tokens_by_doc(corpus, segmenter), 2, min_freq=2, stopwords=cu.stopwords()))
    family = cu.node_family(countable, "党建")
    same_table(run_cli(tmp_path, "collocates", SEEDS, "党建", "--family", "--min-count", "1", "--top", "all"),
         cu.collocates(countable, family, min_count=1, exclude=cu.stopwords()))


def test_document_analyses_equal_the_api(tmp_path, seeds):
    corpus, segmenter = seeds
    same_table(run_cli(tmp_path, "parallelism", SEEDS, *ONE), cu.corpus_parallelisms(corpus))
    same_table(run_cli(tmp_path, "register", SEEDS, *ONE), cu.register_measures(corpus, segmenter).reset_index())
    same_table(run_cli(tmp_path, "overview", SEEDS, *ONE), cu.corpus_composition(corpus).reset_index())
    same_table(run_cli(tmp_path, "cleaning", SEEDS), cu.cleaning_report(corpus))
    chosen = select_documents(corpus, "genre=speech report")
    same_table(run_cli(tmp_path, "register", SEEDS, "--where", "genre=speech report", *ONE),
         cu.register_measures(chosen, segmenter).reset_index())


@pytest.mark.parametrize("suffix", [".csv", ".json", ".xlsx", ".parquet"])
def test_every_out_format_of_one_command(tmp_path, seeds, suffix):
    corpus, _ = seeds
    out = tmp_path / f"overview{suffix}"
    assert main(["overview", str(SEEDS), *ONE, "--out", str(out)]) == 0
    read = {".csv": pd.read_csv, ".json": pd.read_json, ".xlsx": pd.read_excel, ".parquet": pd.read_parquet}[suffix]
    same_table(read(out), cu.corpus_composition(corpus).reset_index())


def _error(capsys, argv) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and captured.err.startswith("error: ")
    return captured.err


@pytest.mark.parametrize("command", [["kwic", str(SEEDS), "党建"], ["terms", str(SEEDS), "--no-cache"],
                                     ["slogans", str(SEEDS)], ["outline", str(SEEDS)], ["overview", str(SEEDS)]])
def test_an_unknown_where_column_lists_the_columns(capsys, command):
    err = _error(capsys, [*command, "--where", "province=广东", *ONE])
    assert "no document variable 'province'" in err and "level" in err and "organization" in err


def test_a_where_choosing_nothing_says_so(capsys):
    err = _error(capsys, ["register", str(SEEDS), "--where", "level=central", "--where", "year>=2021", *ONE])
    assert "--where level=central and year>=2021: no document matches (of 5)" in err


def test_a_bad_out_extension_is_refused_before_any_work(tmp_path, capsys):
    err = _error(capsys, ["kwic", str(tmp_path / "missing"), "党建", "--out", str(tmp_path / "lines.docx")])
    assert "extension '.docx' is not a table format" in err and "does not exist" not in err
    assert list(tmp_path.iterdir()) == []


def test_a_bad_regex_is_one_line(capsys):
    err = _error(capsys, ["kwic", str(SEEDS), "(党建", "--kind", "regex", *ONE])
    assert "(党建" in err


def _folder(tmp_path, files: dict, manifest: str | None = None):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if manifest:
        (folder / "metadata.csv").write_text(manifest, encoding="utf-8")
    return folder


def test_where_on_years_dates_files_as_the_loader_does(tmp_path):
    folder = _folder(tmp_path, {"19780301_a.txt": "阶级斗争。改革。", "1992_b.txt": "改革开放。改革。",
                                "c.txt": "2001年3月5日\n改革开放，改革。"})
    found = run_cli(tmp_path, "kwic", folder, "改革", "--where", "year>=1990", *ONE)
    corpus = cu.load_corpus(folder)
    assert corpus["year"].tolist() == [1978, 1992, 2001]
    from corpus_utils.terms.concordance import concordance

    same_table(found, concordance(corpus, "改革", where="year>=1990"))
    assert found["doc_id"].tolist() == ["1992_b", "1992_b", "c", "c"]


def test_files_left_out_by_the_manifest_are_never_read(tmp_path, capsys):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    folder = _folder(tmp_path, {"a.txt": "坚持党建引领。", "b.txt": "党建工作。", "bad.txt": pdf},
                     "file,level\na.txt,central\nb.txt,local\nbad.txt,local\n")
    found = run_cli(tmp_path, "kwic", folder, "党建", "--where", "level=central", *ONE)
    assert found["doc_id"].tolist() == ["a"] and capsys.readouterr().err == ""
    err = _error(capsys, ["kwic", str(folder), "党建", "--where", "level=local", *ONE])
    assert "bad.txt" in err and "PDF" in err


def test_skip_bad_leaves_a_bad_file_out_with_warnings(tmp_path, capsys):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
    folder = _folder(tmp_path, {"a.txt": "坚持党建引领。", "b.txt": "党建工作。", "bad.txt": pdf})
    found = run_cli(tmp_path, "kwic", folder, "党建", "--skip-bad", *ONE)
    assert found["doc_id"].tolist() == ["a", "b"]
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 2 and "bad.txt" in warnings[0] and "skipped 1 of 3 files" in warnings[1]
