"""Commands on words and formulations themselves (notebook 01):
``segmentation`` (what the lexicon changes) and ``formulations`` (the
count of every formulation of the lexicon)."""

from __future__ import annotations

import pandas as pd

from corpus_utils.cli import streamed
from corpus_utils.cli.options import common_arguments, corpus_argument, lexicon_terms, lists_arguments, top
from corpus_utils.cli.output import emit


def add_commands(commands) -> None:
    _add_segmentation(commands)
    _add_formulations(commands)


def _add_segmentation(commands) -> None:
    segmentation = commands.add_parser(
        "segmentation", help="how the formulation lexicon changes segmentation, sentence by sentence",
        description="Each sentence cut by jieba's default dictionary and by the project's segmenter (the "
                    "formulation lexicon, the speaker and organisation names of metadata.csv and your --lexicon), "
                    "tokens separated by ' / ' (corpus_utils.terms.segment.compare_segmentation): 新 / 发展 / 理念 "
                    "against 新发展理念. Shows only the sentences the two cut differently, in corpus order. "
                    "--sentence compares your own sentences instead (no corpus read).")
    corpus_argument(segmentation)
    segmentation.add_argument("--sentence", action="append", metavar="TEXT",
                              help="a sentence to compare (repeat for several) instead of the corpus's")
    segmentation.add_argument("--all", action="store_true", dest="all_sentences",
                              help="show every sentence, also those both cut the same way")
    segmentation.add_argument("--top", type=top, default=20, metavar="N|all", help="sentences shown (default: 20)")
    lists_arguments(segmentation, stopwords=False)
    common_arguments(segmentation)
    segmentation.set_defaults(handler=run_segmentation)


def _given_sentences(args) -> pd.DataFrame:
    from corpus_utils.cli.analyses import default_jieba
    from corpus_utils.cli.options import custom_lists
    from corpus_utils.terms.segment import Segmenter, compare_segmentation

    custom = custom_lists(args)
    lexicon = Segmenter(extra_words=custom.words if custom is not None else ())
    table = compare_segmentation(args.sentence, {"default jieba": default_jieba(), "with lexicon": lexicon})
    table.insert(0, "text", args.sentence)
    return table


def run_segmentation(args) -> None:
    from corpus_utils.cli.analyses import SEGMENTATION_COLUMNS, segmentation_of

    if args.sentence:
        emit(_given_sentences(args), args.out)
        return
    chosen = streamed.plan(args)
    analysis = streamed.bind(segmentation_of, engine=chosen.config.engine, extra_words=chosen.config.extra_words,
                             all_sentences=args.all_sentences)
    table = streamed.finish(chosen, streamed.analyse(args, chosen, analysis, tokens=False,
                                                     empty=pd.DataFrame(columns=SEGMENTATION_COLUMNS)))
    emit(table.head(args.top) if args.top else table, args.out)


def _add_formulations(commands) -> None:
    formulations = commands.add_parser(
        "formulations", help="how often each formulation of the lexicon occurs (substring counts)",
        description="The formulation count of every entry of the formulation lexicon (and of your --lexicon) "
                    "(corpus_utils.terms.frequency.count_terms): each equals the number of times the text contains "
                    "it (str.count), also inside a longer formulation (八项规定 in 中央八项规定精神), whatever the "
                    "segmenter did — unlike the word list of the terms command. Formulations that never occur are "
                    "left out.")
    corpus_argument(formulations)
    formulations.add_argument("--by", choices=("corpus", "doc"), default="corpus",
                              help="corpus (default): term, freq, doc_freq; doc: doc_id, term, count")
    formulations.add_argument("--terms", nargs="+", metavar="TERM",
                              help="count these formulations instead of the lexicon's")
    formulations.add_argument("--top", type=top, default=30, metavar="N|all",
                              help="the N most frequent formulations (per document with --by doc) (default: 30)")
    lists_arguments(formulations, stopwords=False)
    common_arguments(formulations)
    formulations.set_defaults(handler=run_formulations)


def _by_corpus(per_doc: pd.DataFrame) -> pd.DataFrame:
    table = per_doc.groupby("term", sort=True)["count"].agg(freq="sum", doc_freq="size").reset_index()
    table = table.astype({"freq": "int64", "doc_freq": "int64"})
    return table.sort_values(["freq", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def run_formulations(args) -> None:
    from corpus_utils.cli.analyses import formulation_counts_of

    terms = tuple(dict.fromkeys(args.terms)) if args.terms else tuple(lexicon_terms(args))
    per_doc = streamed.stream(args, streamed.bind(formulation_counts_of, terms=terms), tokens=False,
                              empty=pd.DataFrame({"doc_id": [], "term": [], "count": []}).astype({"count": "int64"}))
    if args.by == "corpus":
        table = _by_corpus(per_doc)
        emit(table.head(args.top) if args.top else table, args.out)
        return
    order = per_doc["doc_id"].map({doc_id: i for i, doc_id in enumerate(dict.fromkeys(per_doc["doc_id"]))})
    ranked = (per_doc.assign(order=order).sort_values(["order", "count", "term"], ascending=[True, False, True],
                                                      kind="stable").drop(columns="order"))
    ranked = ranked.groupby("doc_id", sort=False).head(args.top) if args.top else ranked
    emit(ranked.reset_index(drop=True), args.out)
