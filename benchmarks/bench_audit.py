"""Cleaning audit cost: ``cleaning_changes`` against cleaning alone, and its growth with text length.

The audit runs every rule and compares each rule's input and output. Target:
on a whole corpus it takes at most 3x the time of cleaning it, and the ratio
does not grow with document length (no quadratic step). Times are the best
of ``--repeat`` runs. Prints one table; not a test.

    python benchmarks/bench_audit.py [--source DIR] [--repeat 5]

Without ``--source`` it measures the government work reports 1954-2017
(``../shared/corpora/work_reports_1954_2017`` beside the project, if present)
and the seeds.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from corpus_utils import cleaning_changes, cleaning_report, load_corpus
from corpus_utils.corpus.audit import clean_with_audit
from corpus_utils.corpus.boilerplate import find_repeated_blocks
from corpus_utils.corpus.cleaning import clean_text

TARGET = 3.0
HERE = Path(__file__).resolve().parent.parent
DEFAULT_SOURCES = (HERE.parent / "shared" / "corpora" / "work_reports_1954_2017", HERE / "seeds")


def best_of(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def clean_corpus(raw_texts: list[str]) -> list[str]:
    """What the loader does to the texts: every rule, then the corpus-level blocks."""
    texts = [clean_text(text) for text in raw_texts]
    blocks = find_repeated_blocks(texts)
    return [blocks.remove(text) for text in texts]


def measure(raw_texts: list[str], repeat: int) -> tuple[float, float]:
    """(cleaning seconds, per-text audit seconds) for these raw texts."""
    clean_text(raw_texts[0])  # load OpenCC and pypinyin once, outside the timings
    cleaning = best_of(lambda: [clean_text(text) for text in raw_texts], repeat)
    audit = best_of(lambda: [clean_with_audit(text) for text in raw_texts], repeat)
    return cleaning, audit


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, action="append", help="corpus folder (repeatable)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the best counts (default 5)")
    args = parser.parse_args(argv)
    sources = args.source or [path for path in DEFAULT_SOURCES if path.is_dir()]
    print(f"cleaning audit vs cleaning (best of {args.repeat}; target audit <= {TARGET:.0f}x cleaning)")
    print(f"{'corpus':<28} {'docs':>5} {'MB':>6} {'clean s':>8} {'changes s':>9} {'ratio':>6} {'report s':>8} "
          f"{'ratio':>6}  met")
    for source in sources:
        corpus = load_corpus(source, clean=False)
        raw = corpus["raw_text"].tolist()
        megabytes = sum(len(text.encode("utf-8")) for text in raw) / 1e6
        clean_text(raw[0])
        cleaning = best_of(lambda raw=raw: clean_corpus(raw), args.repeat)
        changes = best_of(lambda corpus=corpus: cleaning_changes(corpus), args.repeat)
        report = best_of(lambda corpus=corpus: cleaning_report(corpus), args.repeat)
        worst = max(changes, report) / cleaning
        verdict = ("yes" if worst <= TARGET else "NO") if cleaning >= 0.05 else "n/a (fixed costs dominate)"
        print(f"{source.name:<28} {len(raw):>5} {megabytes:>6.2f} {cleaning:>8.3f} {changes:>9.3f} {changes / cleaning:>6.2f} "
              f"{report:>8.3f} {report / cleaning:>6.2f}  {verdict}")
    # growth: the same documents concatenated 1, 2 and 4 times into one text each
    raw = load_corpus(sources[0], clean=False)["raw_text"].tolist()[:10]
    print(f"\ngrowth with document length ({sources[0].name}, 10 documents, each repeated k times)")
    print(f"{'k':>3} {'clean s':>8} {'audit s':>8} {'ratio':>6}")
    for k in (1, 2, 4):
        cleaning, audit = measure(["\n\n".join([text] * k) for text in raw], args.repeat)
        print(f"{k:>3} {cleaning:>8.3f} {audit:>8.3f} {audit / cleaning:>6.2f}")


if __name__ == "__main__":
    main()
