"""The peer a researcher would otherwise write: read every file, jieba.lcut,
Counter. Runs in a fresh process and prints its wall time as JSON."""

import json
import sys
import time
from collections import Counter
from pathlib import Path

import jieba

if __name__ == "__main__":
    jieba.setLogLevel(60)
    jieba.initialize()
    files = sorted(p for p in Path(sys.argv[1]).rglob("*") if p.suffix.lower() in (".txt", ".md"))
    start = time.perf_counter()
    counts = Counter()
    for path in files:
        counts.update(jieba.lcut(path.read_text(encoding="utf-8", errors="replace")))
    print(json.dumps({"seconds": time.perf_counter() - start, "terms": len(counts)}))
