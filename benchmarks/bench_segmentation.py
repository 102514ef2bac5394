"""Segmentation throughput: rjieba (default engine) vs plain jieba.

Both engines load the same formulation lexicon; the text is the cleaned seed
corpus repeated to the requested size. Prints one table; not a test.

    python benchmarks/bench_segmentation.py [--mb 5]
"""

from __future__ import annotations

import argparse
import time

from corpus_utils import load_corpus
from corpus_utils.terms.segment import corpus_segmenter


def scaled_text(corpus, megabytes: float) -> str:
    """The cleaned corpus repeated until it holds ``megabytes`` MB of UTF-8."""
    base = "\n".join(corpus["text"])
    repeat = max(1, round(megabytes * 1e6 / len(base.encode("utf-8"))))
    return "\n".join([base] * repeat)


def throughput(segmenter, text: str) -> tuple[float, int]:
    lines = text.split("\n")
    start = time.perf_counter()
    n_tokens = sum(len(segmenter.tokens(line)) for line in lines)
    return time.perf_counter() - start, n_tokens


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the scaled corpus in MB (default 5)")
    args = parser.parse_args(argv)
    corpus = load_corpus()
    text = scaled_text(corpus, args.mb)
    size = len(text.encode("utf-8")) / 1e6
    results = {}
    for engine in ("rjieba", "jieba"):
        segmenter = corpus_segmenter(corpus, engine=engine)
        segmenter.tokens("预热")
        results[engine] = throughput(segmenter, text)
    print(f"segmentation of {size:.1f} MB (the seeds repeated), same lexicon for both engines")
    print(f"{'engine':<8} {'seconds':>8} {'MB/s':>8} {'tokens':>10}")
    for engine, (seconds, tokens) in results.items():
        print(f"{engine:<8} {seconds:>8.2f} {size / seconds:>8.2f} {tokens:>10}")
    print(f"rjieba / jieba speed ratio: {results['jieba'][0] / results['rjieba'][0]:.1f}x")


if __name__ == "__main__":
    main()
