"""The parser of every command and :func:`main`: errors as one line on
stderr (exit status 2), warnings one line each, Ctrl-C as ``interrupted``
(exit status 130)."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings

from corpus_utils.errors import CorpusError, CorpusWarning, FontError


def build_parser() -> argparse.ArgumentParser:
    from corpus_utils.cli import counting, documents, formulae, text, words

    parser = argparse.ArgumentParser(
        prog="python -m corpus_utils",
        description="Analyses of Chinese official texts: the same functions as the notebooks, for folders of any "
                    "size. Every command takes --where to choose documents and --out FILE.{csv,json,xlsx,parquet}.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    counting.add_commands(commands)
    text.add_commands(commands)
    words.add_commands(commands)
    formulae.add_commands(commands)
    documents.add_commands(commands)
    return parser


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


def _run(args) -> None:
    from corpus_utils.cli.options import custom_lists
    from corpus_utils.cli.output import check_output

    with _debug_mode(args.debug), warnings.catch_warnings():
        warnings.simplefilter("always", CorpusWarning)  # every file's warning, on every run
        warnings.showwarning = _show_warning
        if getattr(args, "out", None) is not None:
            check_output(args.out)
        custom_lists(args)  # a missing --lexicon, --stopwords or --slogans file: one error line before any work
        args.handler(args)


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (0 ok, 2 error, 130 interrupted)."""
    from corpus_utils.scale.engine import DEBUG_ENV, ClusterError

    args = build_parser().parse_args(argv)
    debug = args.debug or bool(os.environ.get(DEBUG_ENV))
    try:
        _run(args)
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
