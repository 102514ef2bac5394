"""The counting engine on a real corpus, against the raw engine and the peer.

On the development news corpus (``../shared/corpora/cctv_news_2022``, or
``--corpus FOLDER``), in one run:

* the raw engine: rjieba segmentation alone of the cleaned texts, in memory;
* the peer: a plain ``jieba.lcut`` + ``Counter`` script over the files;
* the pipeline (read, decode, clean, segment, count) with one and two
  workers, each in a fresh process, and its peak memory (PSS of the tree);
* a cold run filling the cache and a warm reload.

Prints the ratios and the targets of the project.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bench_pipeline import engine_seconds, folder_mb, run_child  # noqa: E402

NEWS = ROOT.parent / "shared" / "corpora" / "cctv_news_2022"
TARGETS = (("1 worker / engine", 0.5), ("2 workers / 1 worker", 1.6), ("2 workers / jieba script", 10.0),
           ("cold / warm", 10.0))


def peer_seconds(folder: Path) -> float:
    output = subprocess.run([sys.executable, str(HERE / "peer_jieba_child.py"), str(folder)], capture_output=True,
                            text=True, check=True).stdout
    return json.loads(output)["seconds"]


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=NEWS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"bench_dataflow: {args.corpus} not found; skipped")
        return
    mb = folder_mb(args.corpus)
    engine = engine_seconds(args.corpus)
    peer = peer_seconds(args.corpus)
    one, peak_one = run_child(args.corpus, 1)
    two, peak_two = run_child(args.corpus, 2)
    cache = Path(tempfile.mkdtemp(prefix="corpus-cache-"))
    try:
        cold, _ = run_child(args.corpus, 2, cache)
        warm, _ = run_child(args.corpus, 2, cache)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"{args.corpus.name}: {mb:.1f} MB of files")
    print(f"seconds: engine {engine:.2f}, jieba script {peer:.2f}, 1 worker {one:.2f}, 2 workers {two:.2f}, "
          f"cold {cold:.2f}, warm {warm:.3f}; peak memory {max(peak_one, peak_two):.0f} MB (target <= 500)")
    ratios = {"1 worker / engine": engine / one, "2 workers / 1 worker": one / two,
              "2 workers / jieba script": peer / two, "cold / warm": cold / warm}
    print(f"{'ratio':<26} {'measured':>9} {'target':>7}")
    for name, target in TARGETS:
        print(f"{name:<26} {ratios[name]:>9.2f} {target:>7.1f}{'' if ratios[name] >= target else '  (not met)'}")


if __name__ == "__main__":
    main()
