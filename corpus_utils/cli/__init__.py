"""Command line: ``python -m corpus_utils COMMAND [CORPUS_DIR] [options]``.

Each command runs the same functions the notebooks use and prints a table,
or writes it with ``--out FILE.{csv,json,xlsx,parquet}`` (checked before the
work starts, written atomically); ``--where COND`` (repeatable) chooses the
documents. Errors are one line on stderr and exit status 2; warnings are one
line each (``warning: …``); Ctrl-C exits with status 130 and the line
``interrupted``.

Modules: :mod:`~corpus_utils.cli.app` (parser, :func:`main`),
:mod:`~corpus_utils.cli.options` and :mod:`~corpus_utils.cli.output` (shared
options, where the table goes), :mod:`~corpus_utils.cli.streamed` (running an
analysis on the chosen documents), :mod:`~corpus_utils.cli.analyses` (the
per-document analyses sent to workers) and the commands:
:mod:`~corpus_utils.cli.counting`, :mod:`~corpus_utils.cli.text`,
:mod:`~corpus_utils.cli.words`, :mod:`~corpus_utils.cli.formulae`,
:mod:`~corpus_utils.cli.documents`. Commands that segment or extract take
your own lists: ``--lexicon``, ``--stopwords`` (``--replace-stopwords``) and
``--slogans`` (:func:`corpus_utils.terms.custom.load_custom_lists`).
"""

from corpus_utils.cli.app import build_parser, main
from corpus_utils.cli.output import check_output
from corpus_utils.cli.text import KINDS

__all__ = ["KINDS", "build_parser", "check_output", "main"]
