"""Commands built on word or formulation counts: ``terms``, ``keyness``,
``trends`` and ``new-terms``."""

from __future__ import annotations

import pandas as pd

from corpus_utils.cli import streamed
from corpus_utils.cli.options import (
    cache_dir,
    common_arguments,
    corpus_argument,
    custom_lists,
    folder,
    lexicon_terms,
    lists_arguments,
    period_arguments,
    period_options,
    positive,
    run_options,
    top,
)
from corpus_utils.cli.output import emit

#: The columns ``keyness --target`` prints (all of them with ``--out``), as notebook 01 shows them.
TARGET_KEYNESS_SHOWN = ["term", "a", "b", "G2", "p", "log_ratio", "direction"]


def add_commands(commands) -> None:
    _add_terms(commands)
    _add_trends(commands)
    _add_keyness(commands)
    _add_new_terms(commands)


def _add_terms(commands) -> None:
    terms = commands.add_parser("terms", help="word frequencies (segmentation keeps formulations whole)",
                                description="Word frequency table: raw count, per 10,000 characters and document "
                                            "frequency. Punctuation, numbers, placeholders (XX) and stopwords are "
                                            "not counted.")
    corpus_argument(terms)
    terms.add_argument("--top", type=top, default=30, metavar="N|all",
                       help="show the N most frequent terms (per document with --by doc), N above 0, or all of "
                            "them with 'all' (default: 30)")
    terms.add_argument("--by", choices=("corpus", "doc"), default="corpus",
                       help="count over the whole corpus (default) or per document")
    terms.add_argument("--engine", choices=("rjieba", "jieba"), default="rjieba",
                       help="segmentation engine: rjieba (fast, default) or plain jieba")
    lists_arguments(terms)
    common_arguments(terms, cache=True)
    terms.set_defaults(handler=run_terms)


def run_terms(args) -> None:
    from corpus_utils.scale.engine import count_corpus
    from corpus_utils.scale.per_document import count_documents

    top_per_doc = (args.top or 0) if args.by == "doc" else None  # 0: every term of each document
    if args.where:
        counts = count_documents(streamed.plan(args), cache_dir=cache_dir(args), top_per_doc=top_per_doc,
                                 progress=streamed.progress(args))
    else:
        counts = count_corpus(folder(args), cache_dir=cache_dir(args), engine=args.engine, top_per_doc=top_per_doc,
                              custom=custom_lists(args), **run_options(args))
    table = counts.corpus_table() if args.by == "corpus" else counts.doc_table()
    if args.by == "corpus" and args.top:
        table = table.head(args.top)
    emit(table, args.out)


def _add_trends(commands) -> None:
    trends = commands.add_parser(
        "trends", help="frequency of formulations per year, decade or era, with intervals",
        description="Formulation counts (equal to substring counts) per period and per 10,000 characters, with an "
                    "exact Poisson or a bootstrap interval of the rate; documents are dated by the manifest, front "
                    "matter, file name or text, at any precision. With --statistics: is each term rising or "
                    "falling? Kendall's tau of its rate against the order of the periods.",
        epilog="--statistics: tau_b = (n_c − n_d)/√((n_0 − n_1)(n_0 − n_2)) over the periods (Kendall 1945; "
               "Hilpert & Gries 2009); direction rising/falling at p < 0.05, else flat.")
    corpus_argument(trends)
    trends.add_argument("--terms", nargs="+", metavar="TERM",
                        help="the formulations to follow (required, except with --statistics: default every "
                             "formulation of the lexicon and of --lexicon, as notebook 04)")
    trends.add_argument("--by", choices=("year", "decade", "era"), default="year", help="the period (default: year)")
    period_arguments(trends)
    trends.add_argument("--interval", choices=("poisson", "bootstrap"), default="poisson",
                        help="poisson: exact interval of a Poisson count (default); bootstrap: resample documents")
    trends.add_argument("--statistics", action="store_true",
                        help="one row per term: Kendall's tau, p-value, direction, frequency, first, last and peak "
                             "period (corpus_utils.change.trends.trend_statistics), most rising first")
    trends.add_argument("--min-freq", type=positive(int, "a whole number"), default=1, metavar="N",
                        help="with --statistics: keep terms occurring at least N times in all (default: 1)")
    lists_arguments(trends, stopwords=False)
    common_arguments(trends)
    trends.set_defaults(handler=run_trends)


def _term_counts(args, terms: list[str]) -> pd.DataFrame:
    """``n_chars``, ``year`` and the count of each term per chosen document (index ``doc_id``)."""
    from corpus_utils.cli.analyses import term_counts_of
    from corpus_utils.scale.streaming import stream_term_counts

    if not args.where:
        return stream_term_counts(folder(args), terms, **run_options(args))
    chosen = streamed.plan(args, dates=True)
    empty = pd.DataFrame(columns=["doc_id", "n_chars", *terms])
    table = streamed.analyse(args, chosen, streamed.bind(term_counts_of, terms=tuple(terms)), empty=empty,
                             tokens=False)
    table = table.set_index("doc_id").join(chosen.docvars[["year"]])
    return streamed.finish(chosen, table)


def _trend_terms(args) -> list[str]:
    if args.terms:
        return list(dict.fromkeys(args.terms))
    if not args.statistics:
        raise ValueError("trends needs --terms TERM … (or --statistics, which defaults to every formulation)")
    return lexicon_terms(args)


def run_trends(args) -> None:
    from corpus_utils.change.trends import trend_statistics, trends_from_counts

    terms = _trend_terms(args)
    table = _term_counts(args, terms)
    trends = trends_from_counts(table[terms], table[["n_chars", "year"]], by=args.by, interval=args.interval,
                                **period_options(args))
    if args.statistics:
        trends = trend_statistics(trends)
        trends = trends[trends["freq"] >= args.min_freq].reset_index(drop=True)
    emit(trends, args.out)


def _add_keyness(commands) -> None:
    keyness = commands.add_parser(
        "keyness", help="key terms of chosen documents, or of every group, against the rest",
        description="Log-likelihood (G2) and Log Ratio of words in some documents against others. With --target: "
                    "the documents the conditions choose against all the others (or against those --reference "
                    "chooses), e.g. --target \"level=provincial branch\". With --group-by: every group (a period "
                    "or a manifest column) against all other documents or one --reference group, keeping terms "
                    "spread over the group's documents (Gries's DP).",
        epilog="G2: 2-cell log-likelihood (Rayson & Garside 2000); Log Ratio: binary log of the ratio of relative "
               "frequencies (Hardie 2014).")
    corpus_argument(keyness)
    choose = keyness.add_mutually_exclusive_group()
    choose.add_argument("--group-by", default=None, metavar="year|decade|era|COLUMN",
                        help="a period, or a manifest column such as level or organization (default: decade)")
    choose.add_argument("--target", action="append", metavar="COND",
                        help="choose the target documents: a condition as in --where; repeat for several (all "
                             "must hold)")
    period_arguments(keyness)
    keyness.add_argument("--reference", action="append", metavar="GROUP|COND",
                         help="with --group-by: compare every group with this one, not with the rest; with "
                              "--target: conditions choosing the reference documents (default: all the others)")
    keyness.add_argument("--top", type=top, default=20, metavar="N|all",
                         help="key terms per group, or of the target (default: 20)")
    keyness.add_argument("--min-freq", type=positive(int, "a whole number"), default=5, metavar="N",
                         help="least occurrences (in a group; with --target: in target and reference) (default: 5)")
    keyness.add_argument("--max-dp", type=float, default=0.8, metavar="DP",
                         help="with --group-by: most uneven spread over the group's documents, Gries's DP from 0 to "
                              "1 (default: 0.8)")
    lists_arguments(keyness)
    common_arguments(keyness, cache=True)
    keyness.set_defaults(handler=run_keyness)


def _planned_counts(args, *, dates: bool):
    """The document-term counts of the chosen documents, their docvars
    holding the manifest columns (and the dates with ``dates``)."""
    from corpus_utils.scale.per_document import count_documents
    from corpus_utils.terms.dtm import DocumentTermCounts

    chosen = streamed.plan(args, dates=dates)
    dtm = count_documents(chosen, cache_dir=cache_dir(args), top_per_doc=0,
                          progress=streamed.progress(args)).document_term_counts()
    docvars = dtm.docvars.join(chosen.docvars.drop(columns=[c for c in dtm.docvars if c in chosen.docvars]))
    return DocumentTermCounts(dtm.counts, docvars)


def _target_keyness(args) -> pd.DataFrame:
    from corpus_utils.scale.per_document import choose_documents
    from corpus_utils.terms.keyness import keyness_from_counts

    dtm = _planned_counts(args, dates=True)
    target = choose_documents(dtm.docvars, args.target, option="--target").index
    if args.reference:
        reference = choose_documents(dtm.docvars, args.reference, option="--reference").index
        both = sorted(set(target) & set(reference))
        if both:
            raise ValueError(f"--target and --reference both choose {len(both)} document(s), e.g. {both[0]}; "
                             "make the conditions exclusive")
        return keyness_from_counts(dtm.subset(target).totals().to_dict(), dtm.subset(reference).totals().to_dict(),
                                   min_freq=args.min_freq)
    return dtm.keyness(list(target), min_freq=args.min_freq)


def _grouped(args):
    """The counts and the grouping column of ``--group-by``."""
    from corpus_utils.change.periods import with_periods
    from corpus_utils.scale.engine import count_corpus
    from corpus_utils.scale.streaming import PERIODS, stream_docvars
    from corpus_utils.terms.dtm import DocumentTermCounts

    group_by = args.group_by or "decade"
    if not args.where:
        counts = count_corpus(folder(args), cache_dir=cache_dir(args), top_per_doc=0, custom=custom_lists(args),
                              **run_options(args)).document_term_counts()
        return stream_docvars(folder(args), counts, group_by=group_by,
                              **period_options(args), **run_options(args))
    dtm = _planned_counts(args, dates=group_by in PERIODS)
    if group_by in PERIODS:
        docvars = with_periods(dtm.docvars, by=group_by, column="period", **period_options(args))
        return DocumentTermCounts(dtm.counts, docvars), "period"
    if group_by not in dtm.docvars:
        raise ValueError(f"group by {group_by!r}: neither a period ({', '.join(PERIODS)}) nor a column of "
                         f"{folder(args).name}/metadata.csv")
    return dtm, group_by


def run_keyness(args) -> None:
    from corpus_utils.change.groups import keyness_by_group

    if args.target:
        table = _target_keyness(args)
        emit(table.head(args.top) if args.top else table, args.out,
             shown=None if args.out else TARGET_KEYNESS_SHOWN)
        return
    if args.reference and len(args.reference) > 1:
        raise ValueError("with --group-by, give one --reference group")
    dtm, column = _grouped(args)
    table = keyness_by_group(dtm, column, reference=args.reference[0] if args.reference else None,
                             min_freq=args.min_freq, max_dp=args.max_dp, top=args.top)
    emit(table, args.out)


def _add_new_terms(commands) -> None:
    new = commands.add_parser(
        "new-terms", help="words first used in each decade or era",
        description="Words that occur in no earlier period and at least --min-freq times in the period where they "
                    "first appear (corpus_utils.change.trends.new_terms); the first period is left out, since "
                    "everything is first seen there. Documents are dated as the loader dates them; words that only "
                    "date or order (一九五八年, 第六个) are left out, as in notebook 04.")
    corpus_argument(new)
    new.add_argument("--by", choices=("year", "decade", "era"), default="decade", help="the period (default: decade)")
    period_arguments(new)
    new.add_argument("--min-freq", type=positive(int, "a whole number"), default=5, metavar="N",
                     help="least occurrences in the period of first appearance (default: 5)")
    new.add_argument("--keep-dates", action="store_true",
                     help="keep words that only date or order (corpus_utils.constants.DATE_OR_ORDINAL_WORD)")
    new.add_argument("--top", type=top, default=20, metavar="N|all", help="new words per period (default: 20)")
    lists_arguments(new)
    common_arguments(new, cache=True)
    new.set_defaults(handler=run_new_terms)


def run_new_terms(args) -> None:
    from corpus_utils.change.trends import new_terms
    from corpus_utils.constants import DATE_OR_ORDINAL_WORD

    dtm = _planned_counts(args, dates=True)
    if not args.keep_dates:
        dtm = dtm.remove(DATE_OR_ORDINAL_WORD)
    table = new_terms(dtm, by=args.by, min_freq=args.min_freq, **period_options(args))
    if args.top:
        table = table.groupby("period", observed=True, sort=False).head(args.top).reset_index(drop=True)
    emit(table, args.out)


