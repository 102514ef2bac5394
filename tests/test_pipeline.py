"""The streaming pipeline: identical results for 1 worker, N workers, a warm
cache and a Dask cluster; the cache invalidates exactly what changed."""

import shutil
import warnings

import pytest
from conftest import ROOT

from corpus_utils import CorpusWarning, load_corpus
from corpus_utils.rhetoric.outline import outline_table
from corpus_utils.scale.engine import count_corpus
from corpus_utils.scale.streaming import stream_outlines, stream_slogans
from corpus_utils.slogans.extract import extract_slogans
from corpus_utils.terms.frequency import frequency_table

SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def reference(corpus):
    return frequency_table(corpus)


@pytest.mark.parametrize("workers", [1, 2])
def test_streaming_counts_equal_the_in_memory_table(reference, workers):
    counts = count_corpus(SEEDS, workers=workers, progress=False, chunk_bytes=10_000)
    assert counts.corpus_table().equals(reference)


def test_per_document_table(corpus):
    table = count_corpus(SEEDS, workers=1, top_per_doc=0, progress=False).doc_table()
    expected = frequency_table(corpus, by="doc")
    assert table.equals(expected)


def test_warm_cache_and_exact_invalidation(tmp_path, reference):
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    cache = tmp_path / "cache"
    cold = count_corpus(folder, cache_dir=cache, workers=1, progress=False)
    assert not cold.from_cache and cold.corpus_table().equals(reference)
    assert len(list((cache / "docs").rglob("*.parquet"))) == 5
    warm = count_corpus(folder, cache_dir=cache, workers=1, progress=False)
    assert warm.from_cache and warm.corpus_table().equals(reference)
    # edit one file: exactly one new document entry, and the totals change
    edited = folder / "003_d409caa57de1005b.txt"
    edited.write_bytes(edited.read_bytes() + "\n新增一段：推动高质量发展。".encode())
    again = count_corpus(folder, cache_dir=cache, workers=1, progress=False)
    assert not again.from_cache
    assert len(list((cache / "docs").rglob("*.parquet"))) == 6
    assert again.corpus_table().set_index("term").loc["高质量发展", "freq"] == 17


def test_cache_key_depends_on_versions(tmp_path, monkeypatch):
    from corpus_utils.corpus import cleaning
    from corpus_utils.scale.engine import CountConfig

    before = CountConfig().version
    monkeypatch.setattr(cleaning, "CLEANING_VERSION", "changed")
    assert CountConfig().version != before
    assert CountConfig(engine="jieba").version != CountConfig().version


def test_streaming_slogans_and_outlines_equal_in_memory(corpus):
    expected = extract_slogans(corpus).sort_values(["doc_id", "first_position", "slogan"],
                                                   kind="stable").reset_index(drop=True)
    assert stream_slogans(SEEDS, workers=2, progress=False).equals(expected)
    outlines = __import__("pandas").concat([outline_table(t, doc_id=d) for d, t in
                                            zip(corpus["doc_id"], corpus["text"], strict=True)], ignore_index=True)
    assert stream_outlines(SEEDS, workers=2, progress=False).equals(outlines)


def test_empty_documents_are_reported(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("推动高质量发展。", encoding="utf-8")
    (folder / "b.txt").write_text("", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        counts = count_corpus(folder, workers=1, progress=False)
    assert [str(w.message) for w in caught if w.category is CorpusWarning] == ["b: empty file; counted with no words"]
    assert counts.n_docs == 2


def test_dask_local_cluster_gives_identical_results(reference, corpus):
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                      silence_logs=50) as cluster:
            counts = count_corpus(SEEDS, scheduler=cluster.scheduler_address, progress=False, chunk_bytes=10_000)
            slogans = stream_slogans(SEEDS, scheduler=cluster.scheduler_address, progress=False)
            outlines = stream_outlines(SEEDS, scheduler=cluster.scheduler_address, progress=False)
    assert counts.corpus_table().equals(reference)
    assert slogans.equals(stream_slogans(SEEDS, workers=1, progress=False))
    assert outlines.equals(stream_outlines(SEEDS, workers=1, progress=False))
    assert len(load_corpus(SEEDS)) == counts.n_docs


def test_share_is_over_all_words_even_with_top_terms(corpus):
    full = count_corpus(SEEDS, workers=1, top_per_doc=0, progress=False).doc_table()
    top = count_corpus(SEEDS, workers=1, top_per_doc=3, progress=False).doc_table()
    assert top.equals(full.groupby("doc_id", sort=True).head(3).reset_index(drop=True))


def test_streaming_removes_the_shared_licence_blocks_as_the_loader_does():
    from conftest import FIXTURES

    folder = FIXTURES / "bad_inputs" / "licence_block"
    expected = frequency_table(load_corpus(folder))
    for workers in (1, 2):
        table = count_corpus(folder, workers=workers, progress=False, chunk_bytes=1).corpus_table()
        assert table.equals(expected)
        assert not {"公有领域", "著作权法", "Public", "domain"} & set(table["term"])
    slogans = stream_slogans(folder, workers=1, progress=False)
    assert "中华人民共和国著作权法" not in set(slogans["slogan"])
