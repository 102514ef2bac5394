"""Pipeline benchmark: throughput, parallel speed-up, warm cache, peak memory.

For each corpus size (built from the seeds, or --source FOLDER) it measures,
in one run:

* the raw engine: rjieba segmentation alone of the cleaned texts, in memory;
* the full pipeline (read + decode + clean + segment + count) with 1 worker
  and with N workers (default: all cores), each in a fresh process;
* a cold run that fills the cache and a warm reload;
* the peak memory (sum of PSS over the process tree) of each pipeline run.

Prints one table with the ratios the project targets and writes
figures/bench_scaling.png, .svg and .pdf (time against corpus size; not committed: a
measurement of the machine it ran on).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from corpus_utils.corpus.cleaning import clean_text
from corpus_utils.corpus.encoding import read_text_file
from corpus_utils.corpus.loader import list_corpus_files
from corpus_utils.scale.engine import default_workers
from corpus_utils.terms.segment import Segmenter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from scaled_corpus import build_scaled_corpus  # noqa: E402


def run_child(folder: Path, workers: int, cache: Path | None = None, *, threshold: str | None = None) -> tuple[float, float]:
    """Seconds (measured inside the child) and peak memory in MB of the whole
    process tree: the sum of PSS (proportional set size), which counts pages
    that forked workers share with their parent once, not once per process.
    ``threshold``: the child's ``pipeline.BLOCK_THRESHOLD`` (bytes)."""
    import os

    command = [sys.executable, str(HERE / "pipeline_child.py"), str(folder), str(workers)]
    if cache:
        command.append(str(cache))
    env = {**os.environ, **({"BENCH_BLOCK_THRESHOLD": threshold} if threshold else {})}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    parent, peak = psutil.Process(process.pid), 0
    while process.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            peak = max(peak, sum(p.memory_full_info().pss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        time.sleep(0.02)
    output = process.stdout.read()
    if process.returncode:
        raise RuntimeError(f"pipeline run failed with status {process.returncode}")
    return json.loads(output)["seconds"], peak / 1e6


def engine_seconds(folder: Path) -> float:
    """rjieba alone on the cleaned texts of ``folder``, in memory."""
    segmenter = Segmenter()
    texts = [clean_text(read_text_file(p).text) for p in list_corpus_files(folder)]
    segmenter.tokens("预热")
    start = time.perf_counter()
    for text in texts:
        segmenter.tokens(text)
    return time.perf_counter() - start


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in list_corpus_files(folder)) / 1e6


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10, 30, 100], metavar="MB")
    parser.add_argument("--source", type=Path, default=ROOT / "seeds", help="folder the scaled corpora are built from")
    parser.add_argument("--workers", type=int, default=default_workers())
    parser.add_argument("--data", type=Path, default=ROOT / "bench-data", help="where scaled corpora are written")
    parser.add_argument("--figure", type=Path, default=ROOT / "figures" / "bench_scaling")
    args = parser.parse_args(argv)

    rows = []
    for size in args.sizes:
        folder = build_scaled_corpus(args.data / f"scaled_{size:g}mb", size, source=args.source)
        mb = folder_mb(folder)
        engine = engine_seconds(folder)
        one, peak_one = run_child(folder, 1)
        many, peak_many = run_child(folder, args.workers)
        cache = Path(tempfile.mkdtemp(prefix="corpus-cache-"))
        try:
            cold, _ = run_child(folder, args.workers, cache)
            warm, _ = run_child(folder, args.workers, cache)
        finally:
            shutil.rmtree(cache, ignore_errors=True)
        rows.append({"MB": mb, "engine": mb / engine, "one": mb / one, "many": mb / many, "t_one": one,
                     "t_many": many, "cold": cold, "warm": warm, "peak": max(peak_one, peak_many)})

    print(f"machine: {psutil.cpu_count()} cores, N = {args.workers} workers; corpus built from {args.source.name}/")
    header = (f"{'MB':>6} {'engine MB/s':>11} {'1w MB/s':>8} {'1w/engine':>9} {'Nw MB/s':>8} {'Nw/1w':>6} "
              f"{'cold s':>7} {'warm s':>7} {'cold/warm':>9} {'peak MB':>8}")
    print(header)
    for r in rows:
        print(f"{r['MB']:>6.1f} {r['engine']:>11.1f} {r['one']:>8.1f} {r['one'] / r['engine']:>9.2f} "
              f"{r['many']:>8.1f} {r['many'] / r['one']:>6.2f} {r['cold']:>7.2f} {r['warm']:>7.3f} "
              f"{r['cold'] / r['warm']:>9.1f} {r['peak']:>8.0f}")
    print("targets: 1w/engine >= 0.7; Nw/1w >= 1.7 (N=2); cold/warm >= 10 at 100 MB; peak <= 500 MB at 100 MB")
    plot(rows, args.workers, args.figure)


def plot(rows: list[dict], workers: int, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import PAGE_WIDTH, save_figure, setup_plotting

    setup_plotting()
    sizes = [r["MB"] for r in rows]
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, 3.5), layout="constrained")
    ax.plot(sizes, [r["t_one"] for r in rows], "o-", label="full pipeline, 1 worker")
    ax.plot(sizes, [r["t_many"] for r in rows], "s-", label=f"full pipeline, {workers} workers")
    ax.plot(sizes, [r["MB"] / r["engine"] for r in rows], "^--", label="segmentation engine alone")
    ax.plot(sizes, [r["warm"] for r in rows], "d:", label="warm cache reload")
    ax.set_xlabel("corpus size (MB of text)")
    ax.set_ylabel("seconds")
    ax.set_title("Time against corpus size")
    ax.legend(frameon=False)
    save_figure(fig, path.name, directory=path.parent)


if __name__ == "__main__":
    main()
