"""One data flow: the in-memory functions, the streaming engine (one worker,
two workers) and a Dask cluster give byte-identical tables for every analysis."""

import warnings

import pandas as pd
import pytest
from conftest import ROOT

from corpus_utils.constants import DATE_OR_ORDINAL_WORD
from corpus_utils.rhetoric.outline import corpus_outlines
from corpus_utils.scale.engine import count_corpus
from corpus_utils.scale.streaming import stream_outlines, stream_slogans, stream_term_counts
from corpus_utils.slogans.extract import extract_slogans
from corpus_utils.terms.dtm import DocumentTermCounts, document_term_counts
from corpus_utils.terms.frequency import count_terms

SEEDS = ROOT / "seeds"
ENGINES = ["memory", "one worker", "two workers", "dask"]
#: The first two seed documents (China Post): the keyness target.
TARGET = 2
#: Formulations whose counts by document (and dates) feed the trends.
TERMS = ["高质量发展", "党的建设", "四个意识", "党建"]


@pytest.fixture(scope="module")
def scheduler():
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                      silence_logs=50) as cluster:
            yield cluster.scheduler_address


def run_options(engine, scheduler):
    return {"one worker": {"workers": 1}, "two workers": {"workers": 2}, "dask": {"scheduler": scheduler}}[engine]


@pytest.fixture(scope="module")
def results(corpus, request):
    """Every analysis by every engine, as CSV bytes."""
    tables = {}
    for engine in ENGINES:
        if engine == "memory":
            counts = document_term_counts(corpus)
            slogans = extract_slogans(corpus)
            outlines = corpus_outlines(corpus)
            term_counts = corpus.set_index("doc_id")[["date", "year", "n_chars"]].join(
                count_terms(dict(zip(corpus["doc_id"], corpus["text"], strict=True)), TERMS))
        else:
            options = run_options(engine, request.getfixturevalue("scheduler") if engine == "dask" else None)
            counts = count_corpus(SEEDS, top_per_doc=0, progress=False, chunk_bytes=10_000,
                                  **options).document_term_counts()
            slogans = stream_slogans(SEEDS, progress=False, **options)
            outlines = stream_outlines(SEEDS, progress=False, **options)
            term_counts = stream_term_counts(SEEDS, TERMS, progress=False, **options)
        target = counts.doc_ids[:TARGET]
        tables[engine] = {
            "document-term counts": counts.counts, "document sizes": counts.docvars[["n_chars", "n_words"]],
            "frequency table": counts.frequency_table(), "per-document table": counts.doc_table(),
            "keyness": counts.keyness(target), "slogans": slogans, "outlines": outlines,
            "term counts": term_counts,
        }
    return {engine: {name: frame.to_csv().encode() for name, frame in found.items()} for engine, found in tables.items()}


@pytest.mark.parametrize("engine", ENGINES[1:])
@pytest.mark.parametrize("analysis", ["document-term counts", "document sizes", "frequency table", "per-document table",
                                      "keyness", "slogans", "outlines", "term counts"])
def test_every_engine_gives_the_in_memory_table(results, engine, analysis):
    assert results[engine][analysis] == results["memory"][analysis]


def test_the_document_term_counts_hold_what_the_text_holds(corpus):
    counts = document_term_counts(corpus)
    first = corpus["doc_id"].iloc[0]
    words = counts.by_document()[first]
    assert sum(words.values()) == counts.docvars.loc[first, "n_words"]
    assert counts.totals()["高质量发展"] == sum(1 for w in counts.counts.itertuples() if w.term == "高质量发展"
                                          for _ in range(w.count))
    assert counts.docvars["organization"].tolist() == corpus["organization"].tolist()


def test_grouping_sums_documents_and_subsetting_keeps_them(corpus):
    counts = document_term_counts(corpus)
    by_level = counts.group("level")
    assert set(by_level.doc_ids) == set(corpus["level"].fillna(""))
    assert by_level.totals().equals(counts.totals())
    assert int(by_level.docvars["n_chars"].sum()) == int(corpus["n_chars"].sum())
    central = counts.subset(counts.docvars["level"] == "central")
    assert central.doc_ids == corpus.loc[corpus["level"] == "central", "doc_id"].tolist()
    assert DocumentTermCounts.concat([central, counts.subset(counts.docvars["level"] != "central")]).totals().equals(
        counts.totals())


def test_a_small_corpus_by_hand():
    counts = DocumentTermCounts.from_words({"a": ["改革", "发展", "改革"], "b": ["发展"], "c": []},
                                           {"a": 10, "b": 4, "c": 0})
    assert counts.counts.values.tolist() == [["a", "发展", 1], ["a", "改革", 2], ["b", "发展", 1]]
    assert counts.totals().to_dict() == {"发展": 2, "改革": 2}
    assert counts.doc_freq().to_dict() == {"发展": 2, "改革": 1}
    table = counts.frequency_table()
    assert table["per_10k_chars"].tolist() == [10_000 * 2 / 14] * 2
    assert counts.matrix(["改革", "发展"]).values.tolist() == [[2, 1], [0, 1], [0, 0]]
    assert pd.Series(counts.docvars["n_words"]).tolist() == [3, 1, 0]


def test_selecting_removing_and_assigning_by_hand():
    counts = DocumentTermCounts.from_words({"a": ["一九五八年", "改革", "第六个", "改革"], "b": ["十一五", "改革", "六五"]},
                                           {"a": 20, "b": 10})
    removed = counts.remove(DATE_OR_ORDINAL_WORD)
    assert removed.counts.values.tolist() == [["a", "改革", 2], ["b", "六五", 1], ["b", "十一五", 1], ["b", "改革", 1]]
    assert removed.docvars["n_words"].tolist() == [4, 3]  # sizes are kept
    assert counts.select(DATE_OR_ORDINAL_WORD).totals().to_dict() == {"一九五八年": 1, "第六个": 1}
    assert counts.select(["改革", "六五"]).totals().to_dict() == {"六五": 1, "改革": 3}
    assert counts.select("改.").totals().to_dict() == {"改革": 3}  # the whole term must match
    assert counts.select("改").totals().empty
    years = counts.assign(year=pd.array([1958, pd.NA], dtype="Int64"))
    assert years.subset(years.docvars["year"] >= 1950).doc_ids == ["a"]  # nullable mask: NA is not chosen
    era = pd.Series({"b": "later", "a": "earlier"})
    assigned = counts.assign(era=era)
    assert assigned.docvars["era"].tolist() == ["earlier", "later"]
    assert assigned.counts.equals(counts.counts) and "era" not in counts.docvars
    with pytest.raises(ValueError, match="n_words"):
        counts.assign(n_words=[1, 2])


@pytest.mark.parametrize(("word", "dates_only"), [
    ("一九五八年", True), ("一九八", True), ("八十年代", True), ("第六个", True), ("第一次", True), ("1998", True),
    ("六五", False), ("十一五", False), ("四化", False), ("十年", False), ("今年", False), ("五年计划", False),
    ("第三世界", False), ("一九五八年计划", False)])
def test_the_date_pattern_leaves_plan_codes_and_formulae(word, dates_only):
    assert bool(DATE_OR_ORDINAL_WORD.fullmatch(word)) is dates_only


@pytest.mark.parametrize("threshold", [None, 200], ids=["whole files", "every file read block by block"])
def test_one_cleaning_pass_counts_what_removing_the_shared_blocks_leaves(monkeypatch, threshold):
    """The default run cleans each document once and subtracts the shared
    licence blocks afterwards; it must equal removing them first (the run
    that keeps per-document counts) and the loaded corpus."""
    from conftest import FIXTURES

    from corpus_utils import load_corpus
    from corpus_utils.scale import engine
    from corpus_utils.terms.frequency import frequency_table

    if threshold:
        monkeypatch.setattr(engine, "BLOCK_THRESHOLD", threshold)
    folder = FIXTURES / "bad_inputs" / "licence_block"
    one_pass = count_corpus(folder, workers=1, progress=False).counts
    blocks_first = count_corpus(folder, workers=1, progress=False, top_per_doc=0).counts
    assert one_pass.totals == blocks_first.totals and one_pass.doc_freq == blocks_first.doc_freq
    assert one_pass.n_chars == blocks_first.n_chars and one_pass.n_words == blocks_first.n_words
    assert one_pass.empty == blocks_first.empty
    if not threshold:
        assert count_corpus(folder, workers=1, progress=False).corpus_table().equals(frequency_table(load_corpus(folder)))
