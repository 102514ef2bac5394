"""Concordance cost: ``cu.concordance`` against the raw engine and against a plain jieba script.

The raw engine is Python's ``re.finditer`` over the cleaned texts (hits only,
no context tokens). The peer is what a researcher would otherwise write: cut
every text with ``jieba.lcut`` and print the tokens around each token equal to
the query (a token KWIC: it finds the query only where jieba cuts it out as a
word). Targets: a
substring concordance with context tokens (segmentation included) is faster
than the peer script, and its cost grows linearly with the corpus (the corpus
doubled costs about twice as much). Times are the best of ``--repeat`` runs.
Prints one table; not a test.

    python benchmarks/bench_concordance.py [--source DIR] [--query 现代化] [--repeat 3]

Without ``--source`` it measures the packaged government work reports and,
if present beside the project, the 2022 news transcripts.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import pandas as pd

import corpus_utils as cu

HERE = Path(__file__).resolve().parent.parent
NEWS = HERE.parent / "shared" / "corpora" / "cctv_news_2022"


def best_of(function, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def raw_engine(texts: list[str], query: str) -> int:
    pattern = re.compile(re.escape(query))
    return sum(1 for text in texts for _ in pattern.finditer(text))


def jieba_script(texts: list[str], query: str, width: int = 5) -> int:
    """The peer: a plain jieba token KWIC."""
    import jieba

    lines = []
    for text in texts:
        tokens = jieba.lcut(text)
        for i, token in enumerate(tokens):
            if token == query:
                lines.append(("".join(tokens[max(0, i - width):i]), token, "".join(tokens[i + 1:i + 1 + width])))
    return len(lines)


def doubled(corpus: pd.DataFrame) -> pd.DataFrame:
    copy = corpus.assign(doc_id=corpus["doc_id"] + "_copy")
    return pd.concat([corpus, copy], ignore_index=True)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, action="append", help="corpus folder (repeatable)")
    parser.add_argument("--query", default="现代化")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts (default 3)")
    args = parser.parse_args(argv)
    sources = args.source or [cu.datasets.work_reports_path(), *([NEWS] if NEWS.is_dir() else [])]
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    print(f"concordance of {args.query} (substring, with context tokens) vs re.finditer and a plain jieba script "
          f"(best of {args.repeat})")
    print(f"{'corpus':<24} {'docs':>5} {'MB':>5} {'re s':>6} {'conc s':>7} {'conc/re':>7} {'jieba s':>8} "
          f"{'jieba/conc':>10} {'2x corpus':>9}  hits (conc / jieba token)")
    for source in sources:
        corpus = cu.load_corpus(source)
        texts = corpus["text"].tolist()
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        segmenter = cu.corpus_segmenter(corpus)
        segmenter.tokens(texts[0])  # build the segmenter outside the timings
        regex_s, _ = best_of(lambda texts=texts: raw_engine(texts, args.query), args.repeat)
        conc_s, lines = best_of(lambda corpus=corpus, seg=segmenter: cu.concordance(corpus, args.query, segmenter=seg),
                                args.repeat)
        twice = doubled(corpus)
        twice_s, _ = best_of(lambda twice=twice, seg=segmenter: cu.concordance(twice, args.query, segmenter=seg),
                             args.repeat)
        peer_s, peer_hits = best_of(lambda texts=texts: jieba_script(texts, args.query), args.repeat)
        print(f"{Path(source).name:<24} {len(corpus):>5} {megabytes:>5.1f} {regex_s:>6.3f} {conc_s:>7.2f} "
              f"{conc_s / regex_s:>7.0f} {peer_s:>8.2f} {peer_s / conc_s:>9.1f}x {twice_s / conc_s:>9.2f}  "
              f"{len(lines)} / {peer_hits}")


if __name__ == "__main__":
    main()
