"""`make validate`: the extractors against the gold annotations of the
development corpora (tests/gold/*_real.csv; ../shared/corpora beside the
project, or CORPUS_UTILS_DEV_CORPORA).

Prints one table per task, each figure with its corpus and half of the gold
(``dev`` is what rules were tuned on, ``heldout`` what they were not):

* numbered formulae: precision and recall, overall and per kind of evidence
  (quoted, lexicon, quoted elsewhere in the corpus, grammar alone), extracted
  from the whole corpus and scored on the annotated documents;
* outlines: gold lists found exactly (level, markers, announced count);
* parallelism: precision of 排比 (kind ``paibi``) and recall;
* agreement: a second annotator's outlines and 排比 against the gold, on a few
  held-out reports annotated twice: the ceiling of the figures above;
* formulation counts: lexicon entries whose count equals their substring count.

    python validation/validate.py [--task numbered|outline|parallelism|agreement|counts] [--half dev|heldout]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"
DEV = Path(os.environ.get("CORPUS_UTILS_DEV_CORPORA") or ROOT.parent / "shared" / "corpora")
CORPORA = ("work_reports_1954_2017", "cctv_news_2022")


def read(name: str) -> list[dict[str, str]]:
    with open(GOLD / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def split() -> dict[tuple[str, str], str]:
    return {(row["corpus"], row["doc_id"]): row["half"] for row in read("real_split.csv")}


def load(corpus: str, doc_ids: set[str] | None):
    import corpus_utils as cu

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = cu.load_corpus(DEV / corpus)
    frame["doc_id"] = frame["doc_id"].astype(str)
    if doc_ids is None:
        return frame
    return frame[frame["doc_id"].isin(doc_ids)].reset_index(drop=True)


def line(*cells, widths=(24, 8, 14, 16, 16)) -> str:
    return " ".join(f"{c!s:<{w}}" for c, w in zip(cells, widths, strict=False))


def numbered(halves: list[str]) -> None:
    from corpus_utils.evaluation import score_pairs
    from corpus_utils.slogans.extract import extract_slogans

    gold_rows, halves_of = read("numbered_real.csv"), split()
    annotated = {(r["corpus"], r["doc_id"]) for r in gold_rows + read("numbered_real_negatives.csv")}
    print("Numbered formulae: precision and recall against tests/gold/numbered_real.csv")
    print(line("corpus", "half", "evidence", "precision", "recall"))
    for corpus in CORPORA:
        # the annotated documents (each has formula or negative rows); the split also lists unannotated ones
        docs = {doc for (c, doc) in halves_of if c == corpus and (c, doc) in annotated}
        # extracted from the whole corpus, as a user runs it: a formula quoted in any document is evidence
        found = extract_slogans(load(corpus, None))
        found = found[found["kind"] == "numbered_formula"]
        for half in halves:
            in_half = {doc for doc in docs if halves_of[(corpus, doc)] == half}
            gold = {(r["doc_id"], r["formula"]) for r in gold_rows if r["corpus"] == corpus and r["doc_id"] in in_half}
            rows = found[found["doc_id"].isin(in_half)]
            for evidence in ("all", "quoted", "lexicon", "corpus", "grammar"):
                subset = rows if evidence == "all" else rows[rows["source"] == evidence]
                score = score_pairs(zip(subset["doc_id"], subset["slogan"], strict=True), gold)
                print(line(corpus, half, evidence, f"{score.precision:.3f} ({score.true_positives}/{score.found})",
                           f"{score.recall:.3f} ({score.true_positives}/{score.gold})"))


def outline(halves: list[str]) -> None:
    import pandas as pd

    from corpus_utils.evaluation import outline_agreement
    from corpus_utils.rhetoric.outline import outline_table

    gold_rows, halves_of = read("outline_real.csv"), split()
    print("Outlines: gold lists found exactly (level, markers, announced count), tests/gold/outline_real.csv")
    print(line("corpus", "half", "gold lists", "found exactly", "agreement"))
    for corpus in CORPORA:
        docs = {r["doc_id"] for r in gold_rows if r["corpus"] == corpus}
        texts = load(corpus, docs)
        for half in halves:
            in_half = {doc for doc in docs if halves_of[(corpus, doc)] == half}
            part = texts[texts["doc_id"].isin(in_half)]
            found = pd.concat([outline_table(text, doc_id=doc) for doc, text in zip(part["doc_id"], part["text"],
                                                                                  strict=True)], ignore_index=True)
            gold = [r for r in gold_rows if r["corpus"] == corpus and r["doc_id"] in in_half]
            score, _ = outline_agreement(found.to_dict("records"), gold)
            print(line(corpus, half, score.gold, score.true_positives, f"{score.recall:.3f}"))


def parallelism(halves: list[str]) -> None:
    import pandas as pd

    from corpus_utils.evaluation import parallelism_score
    from corpus_utils.rhetoric.parallelism import parallelism_table

    path = GOLD / "parallelism_real.csv"
    if not path.exists():
        print("Parallelism: no gold yet (tests/gold/parallelism_real.csv)")
        return
    gold_rows, halves_of = read("parallelism_real.csv"), split()
    print("Parallelism (排比, kind paibi): tests/gold/parallelism_real.csv")
    print(line("corpus", "half", "gold 排比", "precision", "recall"))
    corpus = CORPORA[0]
    docs = {r["doc_id"] for r in gold_rows}
    texts = load(corpus, docs)
    for half in halves:
        in_half = {doc for doc in docs if halves_of.get((corpus, doc)) == half}
        part = texts[texts["doc_id"].isin(in_half)]
        found = pd.concat([parallelism_table(text, doc_id=doc) for doc, text in zip(part["doc_id"], part["text"],
                                                                                  strict=True)], ignore_index=True)
        if "kind" in found:
            found = found[found["kind"] == "paibi"]
        gold = [r for r in gold_rows if r["doc_id"] in in_half and r["kind"] == "paibi"]
        score = parallelism_score(found.reset_index(drop=True), gold)
        print(line(corpus, half, score.gold, f"{score.precision:.3f} ({score.true_positives}/{score.found})",
                   f"{score.recall:.3f}"))


def agreement(halves: list[str]) -> None:
    """Two annotators on the same documents: the ceiling the extractors are measured against."""
    import pandas as pd

    from corpus_utils.evaluation import outline_agreement, parallelism_score

    print("Agreement of a second annotator with the gold (tests/gold/*_second_annotator.csv), work reports")
    print(line("task", "documents", "measure", "value", ""))
    second = read("outline_second_annotator.csv")
    docs = {r["doc_id"] for r in second}
    gold = [r for r in read("outline_real.csv") if r["doc_id"] in docs]
    score, _ = outline_agreement(second, gold)
    print(line("outline", len(docs), "lists exact", f"{score.recall:.3f} ({score.true_positives}/{score.gold})"))
    second = [r for r in read("parallelism_second_annotator.csv") if r["kind"] == "paibi"]
    docs = {r["doc_id"] for r in second}
    # against the first annotation: the completion pass (notes "completion: …") came after the second annotator
    gold = [r for r in read("parallelism_real.csv") if r["doc_id"] in docs and r["kind"] == "paibi"
            and not r["note"].startswith("completion:")]
    score = parallelism_score(pd.DataFrame(second), gold)
    print(line("排比", len(docs), "precision", f"{score.precision:.3f} ({score.true_positives}/{score.found})"))
    print(line("排比", len(docs), "recall", f"{score.recall:.3f} ({score.true_positives}/{score.gold})"))


def counts(halves: list[str]) -> None:
    """Every formulation-lexicon entry: its formulation count equals its substring count (whole corpora)."""
    from corpus_utils.terms.frequency import count_terms
    from corpus_utils.terms.lexicon import formulation_lexicon

    terms = list(dict.fromkeys(entry.word for entry in formulation_lexicon()))
    print("Formulation counts: lexicon entries whose count_terms total equals the substring count (whole corpora)")
    print(line("corpus", "", "entries", "equal", "share"))
    for corpus in CORPORA:
        import corpus_utils as cu

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = cu.load_corpus(DEV / corpus)
        texts = dict(zip(frame["doc_id"].astype(str), frame["text"], strict=True))
        totals = count_terms(texts, terms).sum()
        equal = sum(int(totals[term]) == sum(text.count(term) for text in texts.values()) for term in terms)
        print(line(corpus, "all", len(terms), equal, f"{equal / len(terms):.3f}"))


TASKS = {"numbered": numbered, "outline": outline, "parallelism": parallelism, "agreement": agreement, "counts": counts}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--task", choices=sorted(TASKS), action="append", help="one task (repeatable); default all")
    parser.add_argument("--half", choices=("dev", "heldout"), action="append", help="default both")
    args = parser.parse_args(argv)
    if not DEV.is_dir():
        print(f"no development corpora at {DEV}; set CORPUS_UTILS_DEV_CORPORA", file=sys.stderr)
        return 2
    for task in args.task or list(TASKS):
        TASKS[task](args.half or ["dev", "heldout"])
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
