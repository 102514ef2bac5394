"""Run one pipeline count in a fresh process and print its wall time as JSON
(the parent measures this process tree's memory)."""

import json
import os
import sys
import time

from corpus_utils.scale import engine as pipeline
from corpus_utils.scale.engine import count_corpus

if __name__ == "__main__":
    if os.environ.get("BENCH_BLOCK_THRESHOLD"):  # bench_large_file.py --whole: count the file whole
        pipeline.BLOCK_THRESHOLD = int(os.environ["BENCH_BLOCK_THRESHOLD"])
    folder, workers, cache = sys.argv[1], int(sys.argv[2]), sys.argv[3] if len(sys.argv) > 3 else None
    start = time.perf_counter()
    counts = count_corpus(folder, workers=workers, cache_dir=cache or None, progress=False)
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "docs": counts.n_docs, "terms": len(counts.counts.totals),
                      "from_cache": counts.from_cache}))
