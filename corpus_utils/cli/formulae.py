"""Commands on slogans and numbered formulae across documents (notebook 02):
``compare`` (matrix, shared and unique, similarity, cascade) and
``explain`` (how the grammar reads an expression)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from corpus_utils.cli import streamed
from corpus_utils.cli.options import (
    common_arguments,
    corpus_argument,
    custom_slogans,
    debug_argument,
    lists_arguments,
    out_argument,
)
from corpus_utils.cli.output import emit
from corpus_utils.cli.text import KINDS

#: ``compare --view``: what each view shows.
COMPARE_VIEWS = {
    "matrix": "document × slogan counts (slogan_matrix), slogans used by most documents first",
    "shared": "each slogan with the groups (--by) whose documents use it: shared or unique to one (shared_and_unique)",
    "counts": "per group (--by): how many of its slogans it shares with another group, how many are its own "
              "(shared_unique_counts)",
    "similarity": "Jaccard similarity of the documents' slogan sets, |A ∩ B| / |A ∪ B| (jaccard_similarity)",
    "cascade": "per document, by level: the central formulations it echoes, the known local ones and the new "
               "coinages (cascade)",
}


def add_commands(commands) -> None:
    _add_compare(commands)
    _add_explain(commands)


def _add_compare(commands) -> None:
    compare = commands.add_parser(
        "compare", help="slogans across documents and levels: matrix, shared/unique, similarity, cascade",
        description="Compare the slogans and numbered formulae of the documents (corpus_utils.slogans.compare), "
                    "from the table of the slogans command (streamed, two passes). Views: "
                    + "; ".join(f"{name}: {text}" for name, text in COMPARE_VIEWS.items())
                    + ". Groups and levels are the columns of metadata.csv.")
    corpus_argument(compare)
    compare.add_argument("--view", choices=tuple(COMPARE_VIEWS), default="matrix", help="the table (default: matrix)")
    compare.add_argument("--by", default="level", metavar="COLUMN",
                         help="with shared and counts: the metadata.csv column whose groups are compared "
                              "(default: level)")
    compare.add_argument("--kind", action="append", choices=KINDS, metavar="KIND",
                         help="with matrix and similarity: the kinds compared; repeat for several (default: "
                              "numbered_formula and slogan)")
    lists_arguments(compare, stopwords=False, slogans=True)
    common_arguments(compare)
    compare.set_defaults(handler=run_compare)


def _extracted(args) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The slogans of the chosen documents (as the slogans command gives
    them) and the documents' variables (``doc_id`` a column)."""
    from corpus_utils.cli.analyses import slogans_of
    from corpus_utils.scale.streaming import empty_slogans
    from corpus_utils.slogans.extract import corpus_formulae

    chosen = streamed.plan(args)
    own = custom_slogans(args)
    known = corpus_formulae(streamed.quoted_formulae(args, chosen), custom_slogans=own)
    table = streamed.analyse(args, chosen, streamed.bind(slogans_of, known=known, use_lexicon=True,
                                                          custom_slogans=own), empty=empty_slogans())
    table = table.sort_values(["doc_id", "first_position", "slogan"], kind="stable").reset_index(drop=True)
    return streamed.finish(chosen, table), chosen.docvars.reset_index()


def _documents(docvars: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """``docvars`` with ``level`` and ``organization`` (empty where the manifest has none); ``by`` must be a column."""
    if by is not None and by not in docvars and by not in ("level", "organization"):
        columns = ", ".join(c for c in docvars if c != "doc_id")
        raise ValueError(f"compare --by {by}: not a document variable; the documents have: {columns}")
    return docvars.assign(**{c: "" for c in ("level", "organization") if c not in docvars})


def run_compare(args) -> None:
    from corpus_utils.slogans import compare

    kinds = tuple(args.kind) if args.kind else compare.POLICY_KINDS
    extracted, docvars = _extracted(args)
    corpus = _documents(docvars, args.by if args.view in ("shared", "counts") else None)
    if args.view == "matrix":
        table = compare.slogan_matrix(extracted, kinds=kinds).rename_axis("doc_id").reset_index()
    elif args.view == "similarity":
        table = compare.jaccard_similarity(extracted, kinds=kinds).rename_axis("doc_id").reset_index()
    elif args.view == "shared":
        table = compare.shared_and_unique(extracted, corpus, by=args.by)
    elif args.view == "counts":
        table = compare.shared_unique_counts(extracted, corpus, by=args.by).rename_axis(args.by).reset_index()
    else:
        table = compare.cascade(extracted, corpus)
    emit(table, args.out)


def _add_explain(commands) -> None:
    explain = commands.add_parser(
        "explain", help="why the grammar accepts or rejects an expression as a numbered formula",
        description="For each EXPR (corpus_utils.slogans.numbered.explain): its role and the rule that decides it "
                    "(a formula such as 四个意识, a count announcement such as 七点要求, ordinary counting such as "
                    "一个区域, or not numbered), the shape that makes it a formula when quoted, and the evidence "
                    "that makes it one in running text (— : only when quoted or known). No corpus is read.")
    explain.add_argument("expressions", nargs="+", metavar="EXPR", help="the expressions, e.g. 四个意识 七点要求")
    explain.add_argument("--known", action="store_true",
                         help="treat the slogan lexicon's formulae (and --slogans) as known, as extraction does; "
                              "default: the grammar alone, as notebook 02 shows it")
    explain.add_argument("--slogans", type=Path, default=None, metavar="FILE.csv",
                         help="with --known: extra slogan-lexicon entries, columns as corpus_utils/data/slogans.csv")
    debug_argument(explain)
    out_argument(explain)
    explain.set_defaults(handler=run_explain)


def run_explain(args) -> None:
    from corpus_utils.slogans.extract import known_formulae
    from corpus_utils.slogans.numbered import explain

    known = known_formulae(custom_slogans=custom_slogans(args)) if args.known else frozenset()
    emit(explain(list(args.expressions), known=known), args.out)
