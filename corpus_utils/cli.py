"""Command line: ``python -m corpus_utils COMMAND [CORPUS_DIR] [options]``.

Each command runs the same functions the notebooks use and prints a table,
or writes it as CSV with ``--out`` (checked before the work starts, written
atomically). Errors are one line on stderr and exit status 2; warnings are
one line each (``warning: …``); Ctrl-C exits with status 130 and the line
``interrupted``.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from pathlib import Path

from corpus_utils.errors import CorpusError, CorpusWarning, FontError

KINDS = ("numbered_formula", "slogan", "idiom", "citation", "title")


def _corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus_dir", nargs="?", type=Path, default=None, metavar="CORPUS_DIR",
                        help="folder of .txt/.md files (optionally with metadata.csv); default: the project's seeds/")


def _positive(kind: type, what: str):
    """An argparse type: a number of ``kind`` above zero."""

    def parse(value: str):
        try:
            number = kind(value)
        except ValueError:
            number = None
        if number is None or not number > 0:
            raise argparse.ArgumentTypeError(f"must be {what} above 0, not {value!r}")
        return number

    return parse


def _top(value: str) -> int | None:
    """``--top``: a whole number above 0, or ``all`` (``None``)."""
    if value.strip().lower() == "all":
        return None
    try:
        return _positive(int, "a whole number")(value)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"must be a whole number above 0 or 'all', not {value!r}") from None


def _scale_arguments(parser: argparse.ArgumentParser, *, cache: bool = False) -> None:
    parser.add_argument("--workers", type=_positive(int, "a whole number"), metavar="N",
                        help="local worker processes (default: all available cores; 1 = no pool)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (overrides --workers)")
    parser.add_argument("--connect-timeout", type=_positive(float, "a number of seconds"), default=None,
                        metavar="SECONDS",
                        help="with --scheduler: give up when the scheduler does not answer, or has no worker, "
                             "within this many seconds (default: 10)")
    parser.add_argument("--skip-bad", action="store_true",
                        help="leave out files that cannot be used (not text, undecodable, unreadable), with one "
                             "warning each and a summary, instead of stopping at the first")
    if cache:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--cache", type=Path, metavar="DIR",
                           help="folder of the count cache (default: $CORPUS_UTILS_CACHE or ~/.cache/corpus_utils)")
        group.add_argument("--no-cache", action="store_true", help="do not read or write the count cache")
    parser.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                        help="show a progress bar (default: on a terminal, for large corpora)")
    _debug_argument(parser)


def _debug_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true",
                        help="also print the traceback of an error (same as CORPUS_UTILS_DEBUG=1)")


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
    terms.add_argument("--top", type=_top, default=30, metavar="N|all",
                       help="show the N most frequent terms (per document with --by doc), N above 0, or all of "
                            "them with 'all' (default: 30)")
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
    _change_commands(commands)
    return parser


def _years(value: str) -> tuple[int, ...]:
    """``--breaks``: years separated by commas, in increasing order (1978,1992,2002,2012)."""
    try:
        years = tuple(int(v) for v in value.split(",") if v.strip())
    except ValueError:
        years = ()
    if not years or list(years) != sorted(set(years)):
        raise argparse.ArgumentTypeError(f"must be years in increasing order separated by commas, not {value!r}")
    return years


def _period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--breaks", type=_years, default=None, metavar="YEAR,YEAR,…",
                        help="with era: the first year of each era after the first (default: 1978,1992,2002,2012)")
    parser.add_argument("--names", type=lambda v: tuple(n.strip() for n in v.split(",")), default=None,
                        metavar="NAME,NAME,…", help="with era: one name per era, in order (default: their years)")


def _change_commands(commands) -> None:
    trends = commands.add_parser(
        "trends", help="frequency of formulations per year, decade or era, with intervals",
        description="Formulation counts (equal to substring counts) per period and per 10,000 characters, with an "
                    "exact Poisson or a bootstrap interval of the rate; documents are dated by the manifest, front "
                    "matter, file name or text, at any precision.")
    _corpus_argument(trends)
    trends.add_argument("--terms", nargs="+", required=True, metavar="TERM", help="the formulations to follow")
    trends.add_argument("--by", choices=("year", "decade", "era"), default="year", help="the period (default: year)")
    _period_arguments(trends)
    trends.add_argument("--interval", choices=("poisson", "bootstrap"), default="poisson",
                        help="poisson: exact interval of a Poisson count (default); bootstrap: resample documents")
    _scale_arguments(trends)
    _out_argument(trends)

    keyness = commands.add_parser(
        "keyness", help="key terms of every group (period or document variable) against the rest",
        description="Log-likelihood (G2) and Log Ratio of every group's words against all other documents, or "
                    "against one reference group, keeping terms spread over the group's documents (Gries's DP).")
    _corpus_argument(keyness)
    keyness.add_argument("--group-by", default="decade", metavar="year|decade|era|COLUMN",
                         help="a period, or a manifest column such as level or organization (default: decade)")
    _period_arguments(keyness)
    keyness.add_argument("--reference", metavar="GROUP", help="compare every group with this one, not with the rest")
    keyness.add_argument("--top", type=_top, default=20, metavar="N|all", help="key terms per group (default: 20)")
    keyness.add_argument("--min-freq", type=_positive(int, "a whole number"), default=5, metavar="N",
                         help="least occurrences in a group (default: 5)")
    keyness.add_argument("--max-dp", type=float, default=0.8, metavar="DP",
                         help="most uneven spread over the group's documents, Gries's DP from 0 to 1 (default: 0.8)")
    _scale_arguments(keyness, cache=True)
    _out_argument(keyness)


def check_output(out: Path) -> None:
    """Fail early, before any work, when ``out`` cannot be written: it is a
    folder, its folder cannot be created, or nothing can be written there.

    Raises
    ------
    CorpusError
        One line naming ``out`` and the cause.
    """
    from corpus_utils.scale.engine import temporary_name

    if out.is_dir():
        raise CorpusError(out, "is a folder; give a file name such as table.csv")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CorpusError(out, f"cannot be written: {out.parent.name} is a file, not a folder") from None
    except OSError as err:
        raise CorpusError(out, f"cannot be written: its folder cannot be created ({err.strerror or err})") from None
    probe = temporary_name(out)
    try:
        probe.open("xb").close()
    except OSError as err:
        raise CorpusError(out, f"cannot be written ({err.strerror or err})") from None
    probe.unlink()


def write_csv(table, out: Path) -> None:
    """Write ``table`` as UTF-8 CSV, atomically: a failed write leaves the
    previous file (if any) as it was and no partial file."""
    from corpus_utils.scale.engine import write_atomically

    try:
        write_atomically(out, lambda handle: table.to_csv(handle, index=False, float_format="%.4f",
                                                          lineterminator="\n"), text=True)
    except OSError as err:
        raise CorpusError(out, f"cannot be written ({err.strerror or err}); nothing was written") from None


def _emit(table, out: Path | None) -> None:
    import pandas as pd

    if out is not None:
        write_csv(table, out)
        print(f"wrote {len(table)} rows to {out}")
        return
    if table.empty:  # the header alone (to_string would say "Empty DataFrame")
        print("  ".join(table.columns))
        return
    with pd.option_context("display.max_rows", None, "display.width", 200, "display.max_colwidth", 60):
        print(table.to_string(index=False, float_format=lambda v: f"{v:.2f}"))


def _progress(args) -> bool | str:
    return "auto" if args.progress is None else args.progress


def _run_options(args) -> dict:
    """Options shared by the streaming functions."""
    from corpus_utils.scale.engine import CONNECT_TIMEOUT

    return {"workers": args.workers, "scheduler": args.scheduler, "progress": _progress(args),
            "skip_bad": args.skip_bad, "connect_timeout": args.connect_timeout or CONNECT_TIMEOUT}


def _terms(args) -> None:
    from corpus_utils.paths import default_corpus_dir
    from corpus_utils.scale.engine import count_corpus, default_cache_dir

    cache = None if args.no_cache else (args.cache or default_cache_dir())
    top_per_doc = (args.top or 0) if args.by == "doc" else None  # 0: every term of each document
    counts = count_corpus(args.corpus_dir or default_corpus_dir(), cache_dir=cache, engine=args.engine,
                          top_per_doc=top_per_doc, **_run_options(args))
    table = counts.corpus_table() if args.by == "corpus" else counts.doc_table()
    if args.by == "corpus" and args.top:
        table = table.head(args.top)
    _emit(table, args.out)


def _slogans(args) -> None:
    from corpus_utils.paths import default_corpus_dir
    from corpus_utils.scale.streaming import stream_slogans

    table = stream_slogans(args.corpus_dir or default_corpus_dir(), use_lexicon=not args.no_lexicon,
                           kinds=tuple(args.kind) if args.kind else None, **_run_options(args))
    _emit(table.drop(columns=["gloss_en", "first_year"]) if args.out is None else table, args.out)


def _outline(args) -> None:
    from corpus_utils.corpus.loader import load_file
    from corpus_utils.paths import default_corpus_dir
    from corpus_utils.rhetoric.outline import corpus_outlines, render_tree
    from corpus_utils.scale.streaming import stream_outlines

    path = args.path
    if path is not None and path.is_file():
        table = corpus_outlines(load_file(path))  # a failing analysis is a warning naming the file
    else:
        table = stream_outlines(path or default_corpus_dir(), **_run_options(args))
    if args.format == "tree":
        print(render_tree(table))
    elif args.format == "csv":
        print(table.to_csv(index=False, lineterminator="\n"), end="")
    else:
        print(table.to_json(orient="records", force_ascii=False, indent=1))


def _period_options(args) -> dict:
    from corpus_utils.change.periods import ERA_BREAKS

    return {"breaks": args.breaks or ERA_BREAKS, "names": args.names}


def _trends(args) -> None:
    from corpus_utils.change.trends import trends_from_counts
    from corpus_utils.paths import default_corpus_dir
    from corpus_utils.scale.streaming import stream_term_counts

    terms = list(dict.fromkeys(args.terms))
    table = stream_term_counts(args.corpus_dir or default_corpus_dir(), terms, **_run_options(args))
    _emit(trends_from_counts(table[terms], table[["n_chars", "year"]], by=args.by, interval=args.interval,
                             **_period_options(args)), args.out)


def _keyness(args) -> None:
    from corpus_utils.change.groups import keyness_by_group
    from corpus_utils.paths import default_corpus_dir
    from corpus_utils.scale.engine import count_corpus, default_cache_dir
    from corpus_utils.scale.streaming import stream_docvars

    folder = args.corpus_dir or default_corpus_dir()
    cache = None if args.no_cache else (args.cache or default_cache_dir())
    counts = count_corpus(folder, cache_dir=cache, top_per_doc=0, **_run_options(args)).document_term_counts()
    dtm, column = stream_docvars(folder, counts, group_by=args.group_by, **_period_options(args), **_run_options(args))
    table = keyness_by_group(dtm, column, reference=args.reference, min_freq=args.min_freq, max_dp=args.max_dp,
                             top=args.top)
    _emit(table, args.out)


COMMANDS = {"terms": _terms, "slogans": _slogans, "outline": _outline, "trends": _trends, "keyness": _keyness}


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Warnings on the command line: one line each, ``warning: <message>``."""
    print(f"warning: {message}", file=sys.stderr)


@contextlib.contextmanager
def _debug_mode(on: bool):
    """``--debug``: workers print the traceback of unexpected errors too."""
    from corpus_utils.scale.engine import DEBUG_ENV

    before = os.environ.get(DEBUG_ENV)
    if on:
        os.environ[DEBUG_ENV] = "1"
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(DEBUG_ENV, None)
        else:
            os.environ[DEBUG_ENV] = before


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (0 ok, 2 error, 130 interrupted)."""
    from corpus_utils.scale.engine import DEBUG_ENV, ClusterError

    args = build_parser().parse_args(argv)
    debug = args.debug or bool(os.environ.get(DEBUG_ENV))
    try:
        with _debug_mode(args.debug), warnings.catch_warnings():
            warnings.simplefilter("always", CorpusWarning)  # every file's warning, on every run
            warnings.showwarning = _show_warning
            if getattr(args, "out", None) is not None:
                check_output(args.out)
            COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (CorpusError, FontError, ClusterError, ValueError) as err:
        if debug:
            import traceback

            traceback.print_exc()
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader of stdout went away (``| head``): stop quietly
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0
