"""Command-line options shared by the commands: the corpus, ``--where``,
``--out``, the engine options, and the checks of their values."""

from __future__ import annotations

import argparse
from pathlib import Path

from corpus_utils.tables import TABLE_FORMATS

#: The help of ``--where``, with examples.
WHERE_HELP = ("choose documents: COLUMN=VALUE (any of VALUE,VALUE), COLUMN!=VALUE or COLUMN>=NUMBER (also <=, >, <) "
              "on doc_id, file, a metadata.csv column (level, organization, genre, title …) or year, month, date, "
              "date_precision; repeat for several (all must hold), e.g. --where \"level=group HQ\" "
              "--where year>=2021. Files left out are not read")


def corpus_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("corpus_dir", nargs="?", type=Path, default=None, metavar="CORPUS_DIR",
                        help="folder of .txt/.md files (optionally with metadata.csv); default: the project's seeds/")


def positive(kind: type, what: str):
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


def top(value: str) -> int | None:
    """``--top``: a whole number above 0, or ``all`` (``None``)."""
    if value.strip().lower() == "all":
        return None
    try:
        return positive(int, "a whole number")(value)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"must be a whole number above 0 or 'all', not {value!r}") from None


def debug_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--debug", action="store_true",
                        help="also print the traceback of an error (same as CORPUS_UTILS_DEBUG=1)")


def scale_arguments(parser: argparse.ArgumentParser, *, cache: bool = False) -> None:
    parser.add_argument("--workers", type=positive(int, "a whole number"), metavar="N",
                        help="local worker processes (default: all available cores; 1 = no pool)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="run on a Dask cluster, e.g. tcp://10.0.0.5:8786 (overrides --workers)")
    parser.add_argument("--connect-timeout", type=positive(float, "a number of seconds"), default=None,
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
    debug_argument(parser)


def out_argument(parser: argparse.ArgumentParser, *, what: str = "the table") -> None:
    formats = ",".join(ext.lstrip(".") for ext in TABLE_FORMATS)
    parser.add_argument("--out", type=Path, metavar=f"FILE.{{{formats}}}",
                        help=f"write {what} to FILE instead of printing it, in the format its extension names: "
                             "UTF-8 CSV, JSON records, an Excel sheet or Parquet (written atomically)")


def where_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--where", action="append", metavar="COND", help=WHERE_HELP)


def common_arguments(parser: argparse.ArgumentParser, *, streamed: bool = True, cache: bool = False) -> None:
    """``--where``, the engine options (streamed commands) or ``--debug``, and ``--out``."""
    where_argument(parser)
    if streamed:
        scale_arguments(parser, cache=cache)
    else:
        debug_argument(parser)
    out_argument(parser)


def run_options(args) -> dict:
    """Options shared by the streaming functions."""
    from corpus_utils.scale.engine import CONNECT_TIMEOUT

    return {"workers": args.workers, "scheduler": args.scheduler,
            "progress": "auto" if args.progress is None else args.progress,
            "skip_bad": args.skip_bad, "connect_timeout": args.connect_timeout or CONNECT_TIMEOUT}


def plan_options(args) -> dict:
    """:func:`corpus_utils.scale.per_document.plan_documents` options of ``args``."""
    options = run_options(args)
    options.pop("progress")
    return {"where": args.where, **options}


def folder(args) -> Path:
    """The corpus folder of the command (default: the seeds)."""
    from corpus_utils.paths import default_corpus_dir

    return args.corpus_dir or default_corpus_dir()


def cache_dir(args) -> Path | None:
    from corpus_utils.scale.engine import default_cache_dir

    return None if args.no_cache else (args.cache or default_cache_dir())


def years(value: str) -> tuple[int, ...]:
    """``--breaks``: years separated by commas, in increasing order (1978,1992,2002,2012)."""
    try:
        found = tuple(int(v) for v in value.split(",") if v.strip())
    except ValueError:
        found = ()
    if not found or list(found) != sorted(set(found)):
        raise argparse.ArgumentTypeError(f"must be years in increasing order separated by commas, not {value!r}")
    return found


def period_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--breaks", type=years, default=None, metavar="YEAR,YEAR,…",
                        help="with era: the first year of each era after the first (default: 1978,1992,2002,2012)")
    parser.add_argument("--names", type=lambda v: tuple(n.strip() for n in v.split(",")), default=None,
                        metavar="NAME,NAME,…", help="with era: one name per era, in order (default: their years)")


def period_options(args) -> dict:
    from corpus_utils.change.periods import ERA_BREAKS

    return {"breaks": args.breaks or ERA_BREAKS, "names": args.names}


def lists_arguments(parser: argparse.ArgumentParser, *, stopwords: bool = True, slogans: bool = False) -> None:
    """Your own lists (:func:`corpus_utils.terms.custom.load_custom_lists`):
    ``--lexicon`` always, ``--stopwords``/``--replace-stopwords`` with
    ``stopwords``, ``--slogans`` with ``slogans``."""
    lists = parser.add_argument_group(
        "your own lists", "files of one word a line (# comments; a jieba dictionary line 'word freq tag' also works)")
    lists.add_argument("--lexicon", type=Path, metavar="FILE",
                       help="formulations to keep whole (and to count), added to the packaged lexicon of over 1,000")
    if stopwords:
        lists.add_argument("--stopwords", type=Path, metavar="FILE",
                           help="stopwords left out of word lists, added to the packaged list")
        lists.add_argument("--replace-stopwords", action="store_true",
                           help="with --stopwords: use only the words of FILE, not the packaged list")
    if slogans:
        lists.add_argument("--slogans", type=Path, metavar="FILE.csv",
                           help="extra slogan-lexicon entries, columns as corpus_utils/data/slogans.csv "
                                "(slogan,kind,level,gloss_en,first_year,source); an entry replaces a packaged one")


def custom_lists(args):
    """The :class:`~corpus_utils.terms.custom.CustomLists` of the command's
    ``--lexicon``, ``--stopwords`` and ``--slogans`` (``None`` without them),
    read once per run.

    Raises
    ------
    corpus_utils.errors.CorpusError
        A missing, undecodable or empty file: one line naming it.
    ValueError
        ``--replace-stopwords`` without ``--stopwords``.
    """
    from corpus_utils.terms.custom import load_custom_lists

    if not hasattr(args, "custom"):
        files = {name: getattr(args, name, None) for name in ("lexicon", "stopwords", "slogans")}
        replace = getattr(args, "replace_stopwords", False)
        if replace and files["stopwords"] is None:
            raise ValueError("--replace-stopwords needs --stopwords FILE: it replaces the packaged list by FILE")
        args.custom = load_custom_lists(**files, replace_stopwords=replace) if any(files.values()) else None
    return args.custom


def custom_stopwords(args) -> frozenset[str]:
    """The stopwords of the command: its ``--stopwords`` list, else the packaged one."""
    from corpus_utils.terms.lexicon import stopwords

    custom = custom_lists(args)
    return frozenset(custom.stopwords) if custom is not None and custom.stopwords is not None else stopwords()


def custom_slogans(args) -> tuple:
    """The command's ``--slogans`` entries (``()`` without)."""
    custom = custom_lists(args)
    return tuple(custom.slogans) if custom is not None else ()


def lexicon_terms(args) -> list[str]:
    """Every formulation of the packaged lexicon, then the words of ``--lexicon`` it lacks."""
    from corpus_utils.terms.lexicon import formulation_words

    custom = custom_lists(args)
    own = custom.words if custom is not None else ()
    return list(dict.fromkeys([*formulation_words(), *own]))
