"""One huge file: time and peak memory of counting a single 300 MB file.

The file is built from the seeds (their paragraphs shuffled and repeated,
under ``bench-data/``, reused when present). A file above
``corpus_utils.scale.engine.BLOCK_THRESHOLD`` is counted block by block, so the
peak memory stays far below the file's size; ``--whole`` also measures the
old whole-file way for comparison (it needs about 30 times the file's size
in memory).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
from bench_pipeline import run_child  # noqa: E402


def build_large_file(target: Path, megabytes: float, *, source: Path, seed: int = 0) -> Path:
    """Write ``target/doc.txt``: about ``megabytes`` MB of the source texts'
    paragraphs, shuffled and repeated (reused when it already has that size)."""
    from corpus_utils.corpus.encoding import read_text_file
    from corpus_utils.corpus.loader import list_corpus_files

    path = target / "doc.txt"
    marker = target / ".complete"
    stamp = f"{megabytes}:{seed}:{source.resolve()}"
    if marker.exists() and marker.read_text() == stamp and path.exists():
        return path
    target.mkdir(parents=True, exist_ok=True)
    paragraphs = [line for p in list_corpus_files(source) for line in read_text_file(p).text.split("\n") if line]
    rng = random.Random(seed)
    written = 0
    with open(path, "wb") as handle:
        while written < megabytes * 1e6:
            rng.shuffle(paragraphs)
            data = ("\n".join(paragraphs) + "\n\n").encode("utf-8")
            handle.write(data)
            written += len(data)
    marker.write_text(stamp)
    return path


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=300)
    parser.add_argument("--source", type=Path, default=ROOT / "seeds", help="folder the file is built from")
    parser.add_argument("--data", type=Path, default=ROOT / "bench-data", help="where the file is written")
    parser.add_argument("--whole", action="store_true", help="also count the file whole (needs ~30x its size in RAM)")
    args = parser.parse_args(argv)

    path = build_large_file(args.data / f"large_file_{args.megabytes:g}mb", args.megabytes, source=args.source)
    size = path.stat().st_size / 1e6
    print(f"one file of {size:.0f} MB built from {args.source.name}/, counted with 1 worker, no cache")
    print(f"{'mode':>12} {'seconds':>8} {'MB/s':>6} {'peak MB':>8}")
    modes = [("block-wise", None)] + ([("whole file", str(10**15))] if args.whole else [])
    for name, threshold in modes:
        seconds, peak = run_child(path.parent, 1, threshold=threshold)
        print(f"{name:>12} {seconds:>8.1f} {size / seconds:>6.1f} {peak:>8.0f}")
    print("target: peak <= 2000 MB for a 300 MB file")


if __name__ == "__main__":
    main()
