"""The streaming commands under failure: bad files, broken caches and
outputs, dying or unreachable processes, huge files, empty results.

Every failure is one line naming its file and cause, identical whatever the
engine (one process or a pool of workers); nothing is lost silently.
"""

from __future__ import annotations

import csv
import errno
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest
from conftest import FIXTURES, ROOT, fixture_script
from test_bad_inputs import FAILS

import corpus_utils.scale.engine as pipeline
import corpus_utils.scale.streaming as streaming
from corpus_utils import CorpusWarning
from corpus_utils.cli import main
from corpus_utils.scale.engine import count_corpus

CASES = FIXTURES / "bad_inputs"
SEEDS = ROOT / "seeds"
COMMANDS = ("terms", "slogans", "outline")
#: A corpus whose counts are all cached needs no scheduler: the scheduler tests count afresh.
NO_CACHE = {"terms": ("--no-cache",)}
GOOD = "坚持以人民为中心的发展思想，推动高质量发展。\n要增强“四个意识”。\n"



@pytest.fixture
def pools(monkeypatch):
    """Every file its own chunk, so that two workers really run a process
    pool; the list records the pools made."""
    monkeypatch.setattr(pipeline, "MIN_CHUNK_BYTES", 1)
    monkeypatch.setattr(streaming, "MIN_CHUNK_BYTES", 1)
    made = []
    real = pipeline._make_pool

    def spy(workers):
        made.append(workers)
        return real(workers)

    monkeypatch.setattr(pipeline, "_make_pool", spy)
    return made


def cli(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def command_args(command: str, folder: str, workers: str, *more: str) -> list[str]:
    return [command, folder, "--workers", workers, *(["--no-cache"] if command == "terms" else []), *more]


def error_lines(capsys, folder: str, *more: str) -> dict[tuple[str, str], str]:
    """stderr of every command with 1 and 2 workers, each a failure (status 2)."""
    found = {}
    for command in COMMANDS:
        for workers in ("1", "2"):
            status, _, err = cli(capsys, *command_args(command, folder, workers, *more))
            assert status == 2, (command, workers, err)
            found[command, workers] = err
    return found


def assert_same_one_line_error(errors: dict, pattern: str) -> None:
    for (command, _), err in errors.items():
        assert err == errors[command, "1"], f"{command}: 2 workers differ from 1:\n{err}\n{errors[command, '1']}"
        last = err.splitlines()[-1]
        assert [line for line in err.splitlines() if line.startswith("error:")] == [last]
        assert re.search(pattern, last), last


# --- 8. errors cross the pool -------------------------------------------------------------
@pytest.mark.parametrize("case", sorted(FAILS))
def test_each_bad_input_gives_the_same_one_line_error_with_1_and_2_workers(case, tmp_path, capsys, monkeypatch,
                                                                            pools):
    from corpus_utils import CorpusError, load_corpus

    folder = tmp_path / case
    shutil.copytree(CASES / case, folder)
    if any(p.suffix in (".txt", ".md") for p in folder.iterdir()):
        (folder / "000_good.txt").write_text(GOOD, encoding="utf-8")  # a second file: the pool gets 2 chunks
    monkeypatch.chdir(tmp_path)
    with pytest.raises(CorpusError) as loading:
        load_corpus(case)
    name = FAILS[case][0]
    assert f"{name}: " in str(loading.value)
    # the streaming commands, on one process or two, say exactly what loading says
    assert_same_one_line_error(error_lines(capsys, case), rf"^error: {re.escape(str(loading.value))}$")
    if name.endswith((".txt", ".md")):
        assert pools, "two workers never ran a process pool"


def _corpus(tmp_path: Path, names=("a.txt", "b.txt", "c.txt")) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(GOOD, encoding="utf-8")
    return folder


def test_a_file_deleted_during_the_run_is_named(tmp_path, capsys, monkeypatch, pools):
    from corpus_utils.corpus import loader

    folder = _corpus(tmp_path)
    real = loader.corpus_files_and_manifest

    def listed_then_deleted(where):
        (folder / "b.txt").write_text(GOOD, encoding="utf-8")
        files, manifest = real(where)
        (folder / "b.txt").unlink()
        return files, manifest

    monkeypatch.setattr(loader, "corpus_files_and_manifest", listed_then_deleted)
    monkeypatch.chdir(tmp_path)
    errors = error_lines(capsys, "corpus")
    assert_same_one_line_error(errors, r"^error: corpus/b\.txt: cannot be read \(No such file or directory\)$")
    assert pools


def test_an_unreadable_file_is_named(tmp_path, capsys, monkeypatch, pools):
    # root ignores file modes, so the refusal is simulated (forked workers inherit it)
    folder = _corpus(tmp_path)
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "b.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.chdir(tmp_path)
    errors = error_lines(capsys, str(folder.name))
    assert_same_one_line_error(errors, r"^error: corpus/b\.txt: cannot be read \(Permission denied\)$")
    assert pools


def test_an_unexpected_exception_in_a_worker_is_named_with_its_file(tmp_path, capsys, monkeypatch, pools):
    from corpus_utils.terms.segment import Segmenter

    folder = _corpus(tmp_path)
    (folder / "b.txt").write_text("触发故障的文本。\n", encoding="utf-8")
    real = Segmenter.tokens

    def tokens(self, text):
        if "触发故障" in text:
            raise RuntimeError("segmenter exploded\non two lines")
        return real(self, text)

    monkeypatch.setattr(Segmenter, "tokens", tokens)
    monkeypatch.chdir(tmp_path)
    errors = error_lines(capsys, "corpus")
    assert_same_one_line_error(errors, r"^error: corpus/b\.txt: RuntimeError: segmenter exploded on two lines$")
    status, _, err = cli(capsys, "terms", "corpus", "--workers", "1", "--no-cache", "--debug")
    assert status == 2 and "Traceback" in err and err.splitlines()[-1] == errors["terms", "1"].strip()


def test_skip_bad_leaves_bad_files_out_with_a_warning_each_and_a_summary(tmp_path, capsys, monkeypatch, pools):
    monkeypatch.chdir(CASES)
    case = "two_bad_among_good"
    from corpus_utils.corpus.loader import doc_id_for

    good = {doc_id_for(CASES / case / name, CASES / case) for name in ("a.txt", "c.txt", "e.txt")}
    summary = (rf"^warning: skipped 2 of 5 files: {case}/b_scan\.txt \(is a PDF document, not a text file\), "
               rf"{case}/d_broken\.txt \(.+\)$")
    for command in COMMANDS:
        seen = []
        for workers in ("1", "2"):
            out = tmp_path / f"{command}{workers}.csv"
            more = {"terms": ["--by", "doc", "--top", "all", "--out", str(out)], "slogans": ["--out", str(out)],
                    "outline": ["--format", "csv"]}[command]
            status, stdout, err = cli(capsys, *command_args(command, case, workers, "--skip-bad", *more))
            assert status == 0, err
            lines = err.splitlines()
            assert len(lines) == 3, err
            assert lines[0].startswith(f"warning: {case}/b_scan.txt: is a PDF document") and lines[0].endswith(
                "(skipped)")
            assert lines[1].startswith(f"warning: {case}/d_broken.txt: ") and lines[1].endswith("(skipped)")
            assert re.match(summary, lines[2]), lines[2]
            rows = list(csv.DictReader(out.open(encoding="utf-8") if command != "outline" else stdout.splitlines()))
            if command == "terms":
                assert {r["doc_id"] for r in rows} == good
            assert {r["doc_id"] for r in rows} <= good
            seen.append(err)
        assert seen[0] == seen[1]


def test_skip_bad_in_python(recwarn):
    folder = CASES / "two_bad_among_good"
    counts = count_corpus(folder, workers=2, chunk_bytes=1, skip_bad=True, progress=False)
    assert counts.n_docs == 3
    assert [Path(p).name for p in counts.skipped] == ["b_scan.txt", "d_broken.txt"]
    assert counts.skipped[str(folder / "b_scan.txt")].startswith("is a PDF document")
    messages = [str(w.message) for w in recwarn if issubclass(w.category, CorpusWarning)]
    assert len(messages) == 3 and messages[-1].startswith("skipped 2 of 5 files: ")
    table = streaming.stream_slogans(folder, workers=1, skip_bad=True, progress=False)
    assert list(table.attrs["skipped"]) == list(counts.skipped)
    assert set(table["doc_id"]) <= {"a", "c", "e"}


# --- 9. cache and output integrity ----------------------------------------------------------
@pytest.fixture(scope="module")
def reference():
    return count_corpus(SEEDS, workers=1, progress=False).corpus_table()


def _cached_corpus(tmp_path: Path) -> tuple[Path, Path]:
    folder, cache = tmp_path / "corpus", tmp_path / "cache"
    shutil.copytree(SEEDS, folder)
    count_corpus(folder, cache_dir=cache, workers=1, progress=False)
    return folder, cache


def _corpus_warnings(run) -> tuple[object, list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run()
    return result, [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x10
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _tamper(path: Path) -> None:
    """A valid Parquet file whose counts were changed: only the checksum tells."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    freq = pa.array([f + 1 for f in table.column("freq").to_pylist()], table.schema.field("freq").type)
    pq.write_table(table.set_column(table.schema.get_field_index("freq"), "freq", freq), path)


@pytest.mark.parametrize("damage", [_flip, _truncate, _tamper])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_corrupt_cache_entry_is_recomputed_with_one_warning(tmp_path, reference, damage, workers):
    folder, cache = _cached_corpus(tmp_path)
    entry = sorted((cache / "docs").rglob("*.parquet"))[2]
    damage(entry)
    shutil.rmtree(cache / "corpus")  # else the corpus aggregate answers without reading the entries
    counts, messages = _corpus_warnings(lambda: count_corpus(folder, cache_dir=cache, workers=workers,
                                                             chunk_bytes=1, progress=False))
    assert messages == [f"{entry.name}: corrupt cache entry ({messages[0].split('(', 1)[1].split(')')[0]}); "
                        "recomputed"]
    assert counts.corpus_table().equals(reference)
    shutil.rmtree(cache / "corpus")
    again, messages = _corpus_warnings(lambda: count_corpus(folder, cache_dir=cache, workers=1, progress=False))
    assert messages == [] and again.corpus_table().equals(reference)  # the entry was rewritten


def test_a_corrupt_corpus_aggregate_is_recomputed_with_one_warning(tmp_path, reference):
    folder, cache = _cached_corpus(tmp_path)
    (aggregate,) = (cache / "corpus").glob("*.parquet")
    _tamper(aggregate)
    counts, messages = _corpus_warnings(lambda: count_corpus(folder, cache_dir=cache, workers=1, progress=False))
    assert len(messages) == 1 and messages[0].startswith(f"{aggregate.name}: corrupt cache entry (checksum mismatch)")
    assert not counts.from_cache and counts.corpus_table().equals(reference)


def test_no_flipped_bit_silently_changes_counts(tmp_path):
    _, cache = _cached_corpus(tmp_path)
    entry = sorted((cache / "docs").rglob("*.parquet"))[0]
    key = entry.stem
    original = pipeline.read_document_cache(cache, key, "d")
    data = entry.read_bytes()
    detected = 0
    for position in range(0, len(data), max(1, len(data) // 300)):
        damaged = bytearray(data)
        damaged[position] ^= 0x04
        entry.write_bytes(bytes(damaged))
        report = pipeline.ChunkReport()
        read = pipeline.read_document_cache(cache, key, "d", report=report)
        if read is None:
            assert len(report.notes) == 1 and "corrupt cache entry" in report.notes[0]
            detected += 1
        else:
            assert (read.n_chars, read.counts) == (original.n_chars, original.counts), position
    assert detected > 0


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
@pytest.mark.parametrize("workers", [1, 2])
def test_a_full_or_read_only_cache_is_skipped_with_one_warning(tmp_path, reference, monkeypatch, code, workers):
    def refuse(*args, **kwargs):
        raise OSError(code, __import__("os").strerror(code))

    monkeypatch.setattr(pipeline, "_write_table", refuse)  # forked workers inherit it
    monkeypatch.chdir(tmp_path)
    counts, messages = _corpus_warnings(lambda: count_corpus(SEEDS, cache_dir="cache", workers=workers, chunk_bytes=1,
                                                             progress=False))
    assert messages == [f"cache: the cache cannot be written ({__import__('os').strerror(code)}); "
                        "continuing without writing it"]
    assert counts.corpus_table().equals(reference)


def test_a_cache_folder_that_is_a_file_is_skipped_with_one_warning(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("cache").write_text("not a folder")
    status, out, err = cli(capsys, "terms", str(SEEDS), "--cache", "cache", "--top", "2", "--workers", "2")
    assert status == 0 and len(out.splitlines()) == 3
    assert re.fullmatch(r"warning: cache: the cache cannot be written \(.+\); continuing without writing it\n", err)


def test_temporary_names_are_unique_per_process_thread_and_call(tmp_path):
    import os

    names, together = [], threading.Barrier(4)

    def make():
        together.wait()  # all four threads alive at once: four thread ids
        names.extend(pipeline.temporary_name(tmp_path / "x.parquet") for _ in range(3))
        together.wait()

    threads = [threading.Thread(target=make) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(names)) == 12
    assert all(n.name.startswith(f".x.parquet.{os.getpid()}.") for n in names)
    assert len({n.name.split(".")[4] for n in names}) == 4  # one thread id each


def test_threads_writing_the_same_entry_do_not_collide(tmp_path):
    doc = pipeline.DocumentCounts("d", "ab" + "0" * 30, 12, {"发展": 3, "改革": 1})
    errors = []

    def write():
        try:
            for _ in range(20):
                pipeline.write_document_cache(tmp_path, doc)
        except Exception as err:  # collected and asserted below
            errors.append(err)

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert pipeline.read_document_cache(tmp_path, doc.key, "d") == doc
    assert [p.name for p in (tmp_path / "docs" / "ab").iterdir()] == [f"{doc.key}.parquet"]


def _no_work(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the work started before --out was checked")

    monkeypatch.setattr(pipeline, "count_corpus", refuse)
    monkeypatch.setattr(streaming, "stream_slogans", refuse)


@pytest.mark.parametrize("command", ["terms", "slogans"])
def test_a_bad_out_is_refused_before_any_work(tmp_path, capsys, monkeypatch, command):
    _no_work(monkeypatch)
    monkeypatch.chdir(tmp_path)
    Path("folder").mkdir()
    Path("file").write_text("x")
    status, _, err = cli(capsys, command, "--out", "folder")
    assert (status, err) == (2, "error: folder: is a folder; give a file name such as table.csv\n")
    status, _, err = cli(capsys, command, "--out", "file/table.csv")
    assert (status, err) == (2, "error: file/table.csv: cannot be written: file is a file, not a folder\n")
    real_open = Path.open

    def read_only(self, *args, **kwargs):
        if self.name.endswith(".tmp"):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", read_only)
    status, _, err = cli(capsys, command, "--out", "new/table.csv")
    assert (status, err) == (2, "error: new/table.csv: cannot be written (Read-only file system)\n")


def test_out_is_written_atomically(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, _ = cli(capsys, "terms", "--no-cache", "--workers", "1", "--out", "sub/terms.csv")
    assert status == 0 and len(Path("sub/terms.csv").read_text(encoding="utf-8").splitlines()) == 31
    before = Path("sub/terms.csv").read_bytes()
    real = pd.DataFrame.to_csv

    def disk_full(self, handle, **kwargs):
        real(self.head(3), handle, **kwargs)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", disk_full)
    status, _, err = cli(capsys, "terms", "--no-cache", "--workers", "1", "--top", "all", "--out", "sub/terms.csv")
    assert (status, err) == (2, "error: sub/terms.csv: cannot be written (No space left on device); "
                                "nothing was written\n")
    assert Path("sub/terms.csv").read_bytes() == before
    assert sorted(p.name for p in Path("sub").iterdir()) == ["terms.csv"]


# --- 10. processes ----------------------------------------------------------------------------
SLOW_CLI = """
import sys, time
import corpus_utils.scale.engine as engine
each_document = engine.each_document
def slow(chunk, report, work):  # every document's work, in every pass, takes 0.3 s more
    def slowed(path, doc_id):
        time.sleep(0.3)
        return work(path, doc_id)
    return each_document(chunk, report, slowed)
engine.each_document = slow
from corpus_utils.cli import main
raise SystemExit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def slow_run(tmp_path_factory):
    """A command that runs for tens of seconds on two workers: 40 documents
    at 0.3 s each (a real corpus with a slowed-down count)."""
    base = tmp_path_factory.mktemp("slow")
    folder = base / "corpus"
    folder.mkdir()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    for i in range(40):
        (folder / f"doc_{i:02d}.txt").write_text(f"第{i}号\n{text}", encoding="utf-8")
    (base / "slow_cli.py").write_text(SLOW_CLI, encoding="utf-8")
    return [sys.executable, str(base / "slow_cli.py"), "terms", str(folder), "--workers", "2", "--no-cache"]


def _running_children(children) -> list:
    import psutil

    alive = []
    for child in children:
        try:
            if child.is_running() and child.status() != psutil.STATUS_ZOMBIE:
                alive.append(child.pid)
        except psutil.NoSuchProcess:
            continue
    return alive


@pytest.mark.parametrize(("sig", "status", "stderr"), [(signal.SIGINT, 130, "interrupted\n"),
                                                         (signal.SIGTERM, -signal.SIGTERM, ""),
                                                         (signal.SIGKILL, -signal.SIGKILL, "")])
def test_workers_do_not_outlive_their_parent(slow_run, sig, status, stderr):
    import psutil

    process = subprocess.Popen(slow_run, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        parent, deadline = psutil.Process(process.pid), time.monotonic() + 60
        while len(parent.children(recursive=True)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # both workers inside a chunk
        children = parent.children(recursive=True)
        assert len(children) >= 2 and process.poll() is None
        process.send_signal(sig)
        _, err = process.communicate(timeout=30)
        assert (process.returncode, err) == (status, stderr)
        deadline = time.monotonic() + 5
        while _running_children(children) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _running_children(children) == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.parametrize("command", COMMANDS)
def test_an_unreachable_scheduler_is_one_line_within_the_timeout(capsys, command):
    address = f"tcp://127.0.0.1:{_unused_port()}"
    start = time.monotonic()
    status, _, err = cli(capsys, command, *NO_CACHE.get(command, ()), "--scheduler", address, "--connect-timeout", "1")
    assert time.monotonic() - start < 8
    assert (status, err) == (2, f"error: {address}: cannot reach the Dask scheduler within 1 s; check the address and "
                                "that `dask scheduler` runs there\n")


def test_a_scheduler_without_workers_is_one_line_within_the_timeout(capsys):
    distributed = pytest.importorskip("distributed")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with distributed.LocalCluster(n_workers=0, protocol="tcp", host="127.0.0.1", dashboard_address=None,
                                      silence_logs=50) as cluster:
            address = cluster.scheduler_address
            for command in COMMANDS:
                start = time.monotonic()
                status, _, err = cli(capsys, command, *NO_CACHE.get(command, ()), "--scheduler", address,
                                     "--connect-timeout", "1")
                assert time.monotonic() - start < 8
                assert (status, err) == (2, f"error: {address}: the Dask scheduler has no workers (none joined within "
                                            f"1 s); start some with `dask worker {address}`\n")


# --- 11. one huge file, block by block ---------------------------------------------------------
BLOCK_CASES = [("000", "utf-8", "\n", False), ("001", "utf-8", "\r\n", False), ("002", "utf-8-sig", "\n", False),
               ("003", "utf-8", "\n", False), ("004", "gb18030", "\n", False), ("003", "gb18030", "\r", False),
               ("004", "utf-16", "\n", False), ("001", "utf-32", "\r\n", False), ("000", "utf-8", "\n", True)]


@pytest.mark.parametrize(("seed", "encoding", "line_end", "one_line"), BLOCK_CASES)
def test_block_wise_counts_equal_whole_file_counts(tmp_path, monkeypatch, seed, encoding, line_end, one_line):
    path = fixture_script().build_long_document(tmp_path, seed=seed, encoding=encoding, line_end=line_end,
                                                 one_line=one_line)
    config = pipeline.CountConfig()
    whole = pipeline.count_document(str(path), "doc", config)
    monkeypatch.setattr(pipeline, "BLOCK_THRESHOLD", 1_000)
    monkeypatch.setattr(pipeline, "BLOCK_BYTES", 50_000)
    blocks = list(pipeline.text_blocks(path))
    assert len(blocks) >= 5 and [b[1:3] for b in blocks] == [(True, False)] + [(False, False)] * (len(blocks) - 2) + [
        (False, True)]
    by_block = pipeline.count_document(str(path), "doc", config)
    assert (by_block.n_chars, by_block.counts) == (whole.n_chars, whole.counts)
    assert pipeline.file_key(path, "v") == pipeline.document_key(path.read_bytes(), "v")


def _whole_and_blocks(path: Path, monkeypatch):
    """Count ``path`` whole, then block by block: each outcome is
    ``(n_chars, counts) or error message``, with the warnings raised."""
    from corpus_utils import CorpusError

    outcomes = []
    for threshold in (10**12, 1_000):
        monkeypatch.setattr(pipeline, "BLOCK_THRESHOLD", threshold)
        monkeypatch.setattr(pipeline, "BLOCK_BYTES", 50_000)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                doc = pipeline.count_document(str(path), "doc", pipeline.CountConfig())
                outcome = (doc.n_chars, doc.counts)
            except CorpusError as err:
                outcome = str(err)
        outcomes.append((outcome, [str(w.message) for w in caught]))
    return outcomes


def test_repaired_bytes_and_binary_data_in_a_later_block_are_reported_at_their_file_position(tmp_path, monkeypatch):
    path = fixture_script().build_long_document(tmp_path, seed="000")
    data = path.read_bytes()
    position = data.index(b"\n", 400_000) + 1
    line = data.count(b"\n", 0, position) + 1
    path.write_bytes(data[:position] + b"\xff\n" + data[position:])
    (whole, whole_warnings), (blocks, block_warnings) = _whole_and_blocks(path, monkeypatch)
    assert len(block_warnings) == 1 and f"line {line} " in block_warnings[0] and f"offset {position}" in block_warnings[0]
    assert block_warnings == whole_warnings and blocks == whole
    path.write_bytes(data[:position] + b"\x00\n" + data[position:])
    (whole, _), (blocks, _) = _whole_and_blocks(path, monkeypatch)
    assert blocks == whole and "NUL" in whole


def test_a_script_block_is_never_cut(tmp_path):
    head = "第一段正文。\n\n" * 2000
    script = "<script>\n" + "var x = 1;\n\n" * 3000 + "</script>\n"
    path = tmp_path / "doc.txt"
    path.write_text(head + script + "第二段正文。\n\n" * 2000, encoding="utf-8")
    texts = [block[0] for block in pipeline.text_blocks(path, block_bytes=20_000)]
    assert len(texts) > 3 and "".join(texts) == path.read_text(encoding="utf-8")
    assert all(t.count("<script>") == t.count("</script>") for t in texts)


# --- 12. empty results, --top ---------------------------------------------------------------
SLOGAN_COLUMNS = ["doc_id", "slogan", "kind", "count", "first_position", "context", "source", "origin", "gloss_en",
                  "first_year"]


def test_slogans_of_a_corpus_without_slogans_is_an_empty_table_with_its_header(tmp_path, capsys):
    folder = CASES / "no_slogans"
    table = streaming.stream_slogans(folder, workers=1, progress=False)
    assert table.empty and list(table.columns) == SLOGAN_COLUMNS
    status, out, err = cli(capsys, "slogans", str(folder))
    assert (status, err) == (0, "") and out.split() == SLOGAN_COLUMNS[:-2]
    status, _, _ = cli(capsys, "slogans", str(folder), "--out", str(tmp_path / "s.csv"), "--kind", "idiom")
    assert status == 0 and (tmp_path / "s.csv").read_text(encoding="utf-8") == ",".join(SLOGAN_COLUMNS) + "\n"
    outline = streaming.stream_outlines(folder, workers=1, progress=False)
    assert outline.empty and list(outline.columns)[:3] == ["doc_id", "list_id", "parent_list_id"]
    status, out, _ = cli(capsys, "outline", str(folder), "--format", "csv")
    assert status == 0 and out == ",".join(outline.columns) + "\n"


@pytest.mark.parametrize("value", ["-5", "0", "ten", ""])
def test_top_must_be_positive_or_all(capsys, value):
    with pytest.raises(SystemExit) as stopped:
        main(["terms", "--top", value])
    err = capsys.readouterr().err
    assert stopped.value.code == 2
    assert err.splitlines()[-1].endswith(f"argument --top: must be a whole number above 0 or 'all', not {value!r}")


def test_top_all_shows_every_term(capsys, reference):
    status, out, _ = cli(capsys, "terms", "--top", "all", "--no-cache", "--workers", "1")
    assert status == 0 and len(out.splitlines()) == len(reference) + 1


@pytest.mark.parametrize("option", ["--workers", "--connect-timeout"])
def test_counts_must_be_positive(capsys, option):
    with pytest.raises(SystemExit):
        main(["terms", option, "0"])
    assert f"argument {option}: must be" in capsys.readouterr().err


def test_block_wise_counts_drop_the_shared_blocks_at_both_ends(tmp_path, monkeypatch):
    from corpus_utils.corpus.boilerplate import find_repeated_blocks
    from corpus_utils.corpus.cleaning import clean_text

    script = fixture_script()
    path = script.build_long_document(tmp_path, seed="001")
    header = "本站声明：转载请注明来源，版权归原作者所有。\n\n"
    path.write_text(header + path.read_text(encoding="utf-8") + "\n\n" + script.LICENCE, encoding="utf-8")
    texts = [clean_text(header + f"第{i}篇正文，内容各不相同。\n\n" + script.LICENCE) for i in range(3)]
    config = pipeline.CountConfig(blocks=find_repeated_blocks(texts))
    assert config.blocks.head and config.blocks.tail
    whole = pipeline.count_document(str(path), "doc", config)
    assert not {"转载", "公有领域", "Public"} & set(whole.counts)
    monkeypatch.setattr(pipeline, "BLOCK_THRESHOLD", 1_000)
    monkeypatch.setattr(pipeline, "BLOCK_BYTES", 50_000)
    by_block = pipeline.count_document(str(path), "doc", config)
    assert (by_block.n_chars, by_block.counts) == (whole.n_chars, whole.counts)
