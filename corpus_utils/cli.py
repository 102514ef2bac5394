"""Command line: ``python -m corpus_utils COMMAND [CORPUS_DIR] [options]``.

Each command runs the same functions the notebooks use and prints a table,
or writes it as CSV with ``--out``. Errors are one line on stderr and exit
status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from corpus_utils.errors import CorpusError, FontError

KINDS = ("numbered_formula", "slogan", "idiom", "citation", "title")


def _corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus_dir", nargs="?", type=Path, default=None, metavar="CORPUS_DIR",
                        help="folder of .txt/.md files (optionally with metadata.csv); default: the project's seeds/")


def _scale_arguments(parser: argparse.ArgumentParser, *, cache: bool = False) -> None:
    parser.add_argument("--workers", type=int, metavar="N",
                        help="local worker processes (default: all available cores; 1 = no pool)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (overrides --workers)")
    if cache:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--cache", type=Path, metavar="DIR",
                           help="folder of the count cache (default: $CORPUS_UTILS_CACHE or ~/.cache/corpus_utils)")
        group.add_argument("--no-cache", action="store_true", help="do not read or write the count cache")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: on a terminal, for large corpora)")


def _out_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="FILE.csv",
                        help="write the table as UTF-8 CSV to FILE.csv instead of printing it")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m corpus_utils",
        description="Analyses of Chinese official texts: the same functions as the notebooks, for folders of any size.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    terms = commands.add_parser("terms", help="word frequencies (segmentation keeps formulations whole)",
                                description="Word frequency table: raw count, per 10,000 characters and document "
                                            "frequency. Punctuation, numbers, placeholders (XX) and stopwords are "
                                            "not counted.")
    _corpus_argument(terms)
    terms.add_argument("--top", type=int, default=30, metavar="N",
                       help="show the N most frequent terms (per document with --by doc); 0 = all (default: 30)")
    terms.add_argument("--by", choices=("corpus", "doc"), default="corpus",
                       help="count over the whole corpus (default) or per document")
    terms.add_argument("--engine", choices=("rjieba", "jieba"), default="rjieba",
                       help="segmentation engine: rjieba (fast, default) or plain jieba")
    _scale_arguments(terms, cache=True)
    _out_argument(terms)

    slogans = commands.add_parser(
        "slogans", help="quoted slogans, numbered formulae, idioms, citations and titles",
        description="Extract quoted expressions and numbered formulae (四个意识, 六稳六保, 四突出四切实) with their "
                    "count, first position and context; known slogans are labelled central/local with a gloss, "
                    "unknown ones are marked new. Count announcements (七点要求) and ordinary counting (一个区域) "
                    "are left out.")
    _corpus_argument(slogans)
    slogans.add_argument("--kind", action="append", choices=KINDS, metavar="KIND",
                         help=f"keep only this kind; repeat for several ({', '.join(KINDS)}); default: all")
    slogans.add_argument("--no-lexicon", action="store_true",
                         help="use quotes and grammar only, not the packaged slogan lexicon")
    _scale_arguments(slogans)
    _out_argument(slogans)

    outline = commands.add_parser(
        "outline", help="the numbered skeleton of each speech (一要…二要…, 第一，…, 一、…)",
        description="Find enumeration markers (一、 （一） 第一， 一方面 首先 一是 一要), build the nested list of each "
                    "document, and link count announcements (七点要求) to the lists that realise them.")
    outline.add_argument("path", nargs="?", type=Path, default=None, metavar="CORPUS_DIR|FILE",
                         help="a corpus folder or a single .txt/.md file; default: the project's seeds/")
    outline.add_argument("--format", choices=("tree", "csv", "json"), default="tree",
                         help="tree: indented outline (default); csv: one row per item; json: one record per item")
    _scale_arguments(outline)
    return parser


def _emit(table, out: Path | None) -> None:
    import pandas as pd

    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        table.to_csv(out, index=False, encoding="utf-8", float_format="%.4f", lineterminator="\n")
        print(f"wrote {len(table)} rows to {out}")
        return
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))


def _progress(args) -> bool | str:
    return "auto" if args.progress is None else args.progress


def _terms(args) -> None:
    from corpus_utils.paths import default_corpus_dir
    from corpus_utils.pipeline import count_corpus, default_cache_dir

    cache = None if args.no_cache else (args.cache or default_cache_dir())
    counts = count_corpus(args.corpus_dir or default_corpus_dir(), workers=args.workers, scheduler=args.scheduler,
                          cache_dir=cache, engine=args.engine, top_per_doc=(args.top or 0) if args.by == "doc" else None,
                          progress=_progress(args))
    table = counts.corpus_table() if args.by == "corpus" else counts.doc_table()
    if args.by == "corpus" and args.top:
        table = table.head(args.top)
    _emit(table, args.out)


def _slogans(args) -> None:
    from corpus_utils.paths import default_corpus_dir
    from corpus_utils.streaming import stream_slogans

    table = stream_slogans(args.corpus_dir or default_corpus_dir(), workers=args.workers, scheduler=args.scheduler,
                           use_lexicon=not args.no_lexicon, kinds=tuple(args.kind) if args.kind else None,
                           progress=_progress(args))
    _emit(table.drop(columns=["gloss_en", "first_year"]) if args.out is None else table, args.out)


def _outline(args) -> None:
    import pandas as pd

    from corpus_utils.loader import load_file
    from corpus_utils.outline import outline_table, render_tree
    from corpus_utils.paths import default_corpus_dir
    from corpus_utils.segment import corpus_segmenter
    from corpus_utils.streaming import stream_outlines

    path = args.path
    if path is not None and path.is_file():
        corpus = load_file(path)
        segmenter = corpus_segmenter(corpus)
        table = pd.concat([outline_table(t, doc_id=d, tokens=segmenter.tokens(t))
                           for d, t in zip(corpus["doc_id"], corpus["text"], strict=True)], ignore_index=True)
    else:
        table = stream_outlines(path or default_corpus_dir(), workers=args.workers, scheduler=args.scheduler,
                                progress=_progress(args))
    if args.format == "tree":
        print(render_tree(table))
    elif args.format == "csv":
        print(table.to_csv(index=False, lineterminator="\n"), end="")
    else:
        print(table.to_json(orient="records", force_ascii=False, indent=1))


COMMANDS = {"terms": _terms, "slogans": _slogans, "outline": _outline}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        COMMANDS[args.command](args)
    except (CorpusError, FontError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0
