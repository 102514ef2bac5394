"""Commands that read documents in running text: ``slogans``, ``outline``,
``kwic``, ``collocates``, ``dispersion`` and ``ngrams``."""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from corpus_utils.cli import streamed
from corpus_utils.cli.options import (
    common_arguments,
    corpus_argument,
    custom_lists,
    custom_slogans,
    custom_stopwords,
    lists_arguments,
    out_argument,
    positive,
    run_options,
    scale_arguments,
    top,
    where_argument,
)
from corpus_utils.cli.output import emit

KINDS = ("numbered_formula", "slogan", "idiom", "citation", "title")
#: The context tokens ``kwic --sort`` sorts by.
KWIC_SORT_KEYS = ("L2", "L1", "R1", "R2")
#: The columns ``kwic`` prints (all of them with ``--out``).
KWIC_SHOWN = ["doc_id", "left", "match", "right"]
#: Columns of `kwic --per-document` (corpus_utils.terms.concordance.hits_per_document).
HITS_COLUMNS = ["doc_id", "hits", "n_chars", "per_10k_chars"]


def add_commands(commands) -> None:
    _add_slogans(commands)
    _add_outline(commands)
    _add_kwic(commands)
    _add_collocates(commands)
    _add_network(commands)
    _add_dispersion(commands)
    _add_ngrams(commands)


def _add_slogans(commands) -> None:
    slogans = commands.add_parser(
        "slogans", help="quoted slogans, numbered formulae, idioms, citations and titles",
        description="Extract quoted expressions and numbered formulae (四个意识, 六稳六保, 四突出四切实) with their "
                    "count, first position and context; known slogans are labelled central/local with a gloss, "
                    "unknown ones are marked new. Count announcements (七点要求) and ordinary counting (一个区域) "
                    "are left out. With --where, formulae quoted in the chosen documents are the evidence.")
    corpus_argument(slogans)
    slogans.add_argument("--kind", action="append", choices=KINDS, metavar="KIND",
                         help=f"keep only this kind; repeat for several ({', '.join(KINDS)}); default: all")
    slogans.add_argument("--no-lexicon", action="store_true",
                         help="use quotes and grammar only, not the packaged slogan lexicon (nor --slogans)")
    lists_arguments(slogans, stopwords=False, slogans=True)
    common_arguments(slogans)
    slogans.set_defaults(handler=run_slogans)


def run_slogans(args) -> None:
    from corpus_utils.cli.analyses import slogans_of
    from corpus_utils.scale.streaming import empty_slogans, stream_slogans
    from corpus_utils.slogans.extract import corpus_formulae, filter_kinds

    kinds = tuple(args.kind) if args.kind else None
    own = custom_slogans(args)
    if args.where:
        chosen = streamed.plan(args)
        known = corpus_formulae(streamed.quoted_formulae(args, chosen), use_lexicon=not args.no_lexicon,
                                custom_slogans=own)
        table = streamed.analyse(args, chosen, streamed.bind(slogans_of, known=known, use_lexicon=not args.no_lexicon,
                                                              custom_slogans=own),
                                 empty=empty_slogans())
        table = streamed.finish(chosen, table.sort_values(["doc_id", "first_position", "slogan"], kind="stable")
                                .reset_index(drop=True))
        table = filter_kinds(table, kinds)
    else:
        table = stream_slogans(streamed.folder(args), use_lexicon=not args.no_lexicon, kinds=kinds,
                               custom=custom_lists(args), **run_options(args))
    emit(table, args.out, shown=None if args.out else [c for c in table if c not in ("gloss_en", "first_year")])


def _add_outline(commands) -> None:
    outline = commands.add_parser(
        "outline", help="the numbered skeleton of each speech (一要…二要…, 第一，…, 一、…)",
        description="Find enumeration markers (一、 （一） 第一， 一方面 首先 一是 一要), build the nested list of each "
                    "document, and link count announcements (七点要求) to the lists that realise them.")
    outline.add_argument("path", nargs="?", type=Path, default=None, metavar="CORPUS_DIR|FILE",
                         help="a corpus folder or a single .txt/.md file; default: the project's seeds/")
    outline.add_argument("--format", choices=("tree", "csv", "json"), default="tree",
                         help="how to print it: tree: indented outline (default); csv: one row per item; json: one "
                              "record per item")
    view = outline.add_mutually_exclusive_group()
    view.add_argument("--announcements", action="store_true",
                      help="one row per list instead: its announcement (七点要求), the announced and realised counts "
                           "and whether they agree (corpus_utils.rhetoric.outline.announcements)")
    view.add_argument("--families", action="store_true",
                      help="the marker families the parser knows, highest in the hierarchy first (no corpus read)")
    lists_arguments(outline, stopwords=False)
    where_argument(outline)
    scale_arguments(outline)
    out_argument(outline, what="the outline table (one row per item)")
    outline.set_defaults(handler=run_outline)


def _outline_table(args) -> pd.DataFrame:
    from corpus_utils.cli.analyses import outline_of
    from corpus_utils.corpus.loader import load_file
    from corpus_utils.rhetoric.outline import corpus_outlines
    from corpus_utils.scale.per_document import choose_documents
    from corpus_utils.scale.streaming import empty_outline, stream_outlines
    from corpus_utils.terms.segment import corpus_segmenter

    path = args.path
    if path is not None and path.is_file():  # a failing analysis is a warning naming the file
        corpus = choose_documents(load_file(path), args.where)
        return corpus_outlines(corpus, segmenter=corpus_segmenter(corpus, custom=custom_lists(args)))
    args.corpus_dir = path
    if args.where:
        return streamed.stream(args, outline_of, empty=empty_outline())
    return stream_outlines(streamed.folder(args), custom=custom_lists(args), **run_options(args))


def run_outline(args) -> None:
    from corpus_utils.rhetoric.outline import announcements, marker_families, render_tree

    if args.families:
        emit(marker_families(), args.out)
        return
    table = _outline_table(args)
    if args.announcements:
        emit(announcements(table), args.out)
    elif args.out is not None:
        emit(table, args.out)
    elif args.format == "tree":
        print(render_tree(table))
    elif args.format == "csv":
        print(table.to_csv(index=False, lineterminator="\n"), end="")
    else:
        print(table.to_json(orient="records", force_ascii=False, indent=1))


def _sort_keys(value: str) -> tuple[str, ...]:
    """``--sort``: context tokens separated by commas (R1,R2)."""
    keys = tuple(v.strip() for v in value.split(",") if v.strip())
    if not keys or any(k not in KWIC_SORT_KEYS for k in keys):
        raise argparse.ArgumentTypeError(f"must be keys among {', '.join(KWIC_SORT_KEYS)} separated by commas, "
                                         f"not {value!r}")
    return keys


def _add_kwic(commands) -> None:
    from corpus_utils.terms.concordance import QUERY_KINDS

    kwic = commands.add_parser(
        "kwic", help="keyword in context: every occurrence of a query with its context",
        description="Concordance lines (corpus_utils.terms.concordance): each hit with WIDTH characters of context "
                    "on each side and the tokens around it (L2 L1 | R1 R2). Kinds: substring (default; every "
                    "occurrence, also inside longer words: 现代化 in 中国式现代化), token (whole tokens), regex, "
                    "phrase (tokens separated by spaces: \"全面 从严 治党\"), numbered_formula (the formulae the "
                    "slogan extractor finds; no QUERY: all of them), formulation (entries of the formulation "
                    "lexicon; no QUERY: all). Several QUERY: any of them.",
        epilog="Prints doc_id, left, match, right; --out writes every column (doc_id, start, end, left, match, right, "
               "L2, L1, R1, R2, position), with start/end character offsets in the cleaned text.")
    kwic.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR", help="folder of .txt/.md files")
    kwic.add_argument("query", nargs="*", metavar="QUERY", help="what to look for (see the kinds above)")
    kwic.add_argument("--kind", choices=QUERY_KINDS, default="substring", help="the kind of query (default: substring)")
    kwic.add_argument("--width", type=positive(int, "a whole number"), default=20, metavar="N",
                      help="characters of context on each side (default: 20)")
    kwic.add_argument("--sort", type=_sort_keys, default=None, metavar="KEY,KEY",
                      help=f"sort by context tokens, e.g. R1,R2 ({', '.join(KWIC_SORT_KEYS)}); ties in corpus "
                           "order; default: corpus order")
    kwic.add_argument("--per-document", action="store_true",
                      help="instead of the lines: hits, characters and hits per 10,000 characters of every chosen "
                           "document, those without hits included (the numbers of the concordance plot)")
    lists_arguments(kwic, stopwords=False)
    common_arguments(kwic)
    kwic.set_defaults(handler=run_kwic)


def _query(args):
    if not args.query:
        return None
    if args.kind == "phrase":
        return " ".join(args.query)
    return args.query[0] if len(args.query) == 1 else list(args.query)


def run_kwic(args) -> None:
    from corpus_utils.cli.analyses import hits_of, kwic_of
    from corpus_utils.terms.concordance import CONCORDANCE_COLUMNS, make_matcher

    query = _query(args)
    make_matcher(args.kind, query)  # a bad query is one error line before any file is read
    chosen = streamed.plan(args)
    known = streamed.quoted_formulae(args, chosen) if args.kind == "numbered_formula" else frozenset()
    if args.per_document:
        table = streamed.analyse(args, chosen, streamed.bind(hits_of, query=query, kind=args.kind, known=known),
                                 empty=pd.DataFrame(columns=HITS_COLUMNS))
        emit(streamed.finish(chosen, table), args.out)
        return
    table = streamed.analyse(args, chosen, streamed.bind(kwic_of, query=query, kind=args.kind, width=args.width,
                                                          known=known),
                             empty=pd.DataFrame(columns=CONCORDANCE_COLUMNS))
    if args.sort:
        table = table.sort_values(list(args.sort), kind="stable").reset_index(drop=True)
    emit(streamed.finish(chosen, table), args.out, shown=None if args.out else KWIC_SHOWN)


def _window_arguments(parser: argparse.ArgumentParser, *, min_count: int) -> None:
    """``--left``, ``--right`` and ``--min-count`` of the collocation commands."""
    parser.add_argument("--left", type=int, default=5, metavar="N", help="words on the left (default: 5)")
    parser.add_argument("--right", type=int, default=5, metavar="N", help="words on the right (default: 5)")
    parser.add_argument("--min-count", type=positive(int, "a whole number"), default=min_count, metavar="N",
                        help=f"least co-occurrences (default: {min_count})")


def _countable_tokens(args) -> dict[str, list[str]]:
    """The countable tokens of every chosen document, loaded in memory, after
    checking the window (``--left``/``--right``)."""
    from corpus_utils.terms.segment import corpus_segmenter, countable_by_doc

    if args.left < 0 or args.right < 0 or args.left + args.right == 0:
        raise ValueError("--left and --right must be 0 or more, and not both 0")
    corpus = streamed.loaded_corpus(args)
    return countable_by_doc(corpus, corpus_segmenter(corpus, custom=custom_lists(args)))


def _add_collocates(commands) -> None:
    collocates = commands.add_parser(
        "collocates", help="words that keep company with a node word (MI, t-score, logDice)",
        description="Collocates of NODE in a window of --left/--right words (corpus_utils.terms.collocation."
                    "collocates): co-occurrence O11, expected E11, MI, t-score and logDice, by logDice. Punctuation "
                    "is not counted; stopwords stay in the window but are not reported. Loads the chosen documents "
                    "in memory.",
        epilog="MI = log2(O11/E11) (Church & Hanks 1990); t = (O11 − E11)/√O11; logDice = 14 + log2(2·O11/(R1 + C1)) "
               "(Rychlý 2008).")
    collocates.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR", help="folder of .txt/.md files")
    collocates.add_argument("node", metavar="NODE", help="the node word, e.g. 党建")
    collocates.add_argument("--family", action="store_true",
                            help="count every word containing NODE as the node (党建, 党建引领 …), as notebook 01")
    _window_arguments(collocates, min_count=2)
    collocates.add_argument("--top", type=top, default=30, metavar="N|all", help="collocates shown (default: 30)")
    lists_arguments(collocates)
    common_arguments(collocates, streamed=False)
    collocates.set_defaults(handler=run_collocates)


def run_collocates(args) -> None:
    from corpus_utils.terms.collocation import collocates, node_family

    countable = _countable_tokens(args)
    node = node_family(countable, args.node) if args.family else args.node
    table = collocates(countable, node, left=args.left, right=args.right, min_count=args.min_count,
                       exclude=custom_stopwords(args))
    emit(table.head(args.top) if args.top else table, args.out)


def _add_network(commands) -> None:
    network = commands.add_parser(
        "network", help="a collocation network: node words, their collocates and theirs (logDice)",
        description="The edges of a collocation network (corpus_utils.terms.network.collocation_network): each "
                    "NODE linked to its --top collocates by logDice; with --second-order, each collocate also to "
                    "its own (GraphColl, Brezina, McEnery & Wattam 2015). Stopwords are not reported. Loads the "
                    "chosen documents in memory.",
        epilog="logDice = 14 + log2(2·O11/(R1 + C1)) (Rychlý 2008). Columns: source, target, logDice, O11.")
    network.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR", help="folder of .txt/.md files")
    network.add_argument("node", nargs="+", metavar="NODE", help="the node word(s), e.g. 创新")
    network.add_argument("--second-order", action="store_true", help="add the collocates of each collocate")
    _window_arguments(network, min_count=3)
    network.add_argument("--top", type=positive(int, "a whole number"), default=10, metavar="N",
                         help="collocates of each word (default: 10)")
    lists_arguments(network)
    common_arguments(network, streamed=False)
    network.set_defaults(handler=run_network)


def run_network(args) -> None:
    from corpus_utils.terms.network import collocation_network, network_table

    countable = _countable_tokens(args)
    graph = collocation_network(countable, args.node, left=args.left, right=args.right, min_count=args.min_count,
                                top=args.top, second_order=args.second_order, exclude=custom_stopwords(args))
    emit(network_table(graph), args.out)


def _add_dispersion(commands) -> None:
    dispersion = commands.add_parser(
        "dispersion", help="how evenly terms spread over the documents (Juilland's D, Gries's DP)",
        description="Frequency, range (documents with the term), Juilland's D, Gries's DP and DPnorm of each TERM "
                    "over the documents (corpus_utils.terms.dispersion.dispersion, parts = documents), counting "
                    "whole tokens (punctuation left out, stopwords kept).",
        epilog="D = 1 − V/√(n − 1), V the coefficient of variation of the relative frequencies in the n parts "
               "(Juilland & Chang-Rodríguez 1964); DP = ½ Σ |v_i − s_i| (Gries 2008).")
    dispersion.add_argument("corpus_dir", type=Path, metavar="CORPUS_DIR", help="folder of .txt/.md files")
    dispersion.add_argument("terms", nargs="+", metavar="TERM", help="the terms")
    lists_arguments(dispersion, stopwords=False)
    common_arguments(dispersion)
    dispersion.set_defaults(handler=run_dispersion)


def run_dispersion(args) -> None:
    from corpus_utils.cli.analyses import dispersion_of
    from corpus_utils.terms.dispersion import gries_dp, juilland_d

    terms = tuple(dict.fromkeys(args.terms))
    per_doc = streamed.stream(args, streamed.bind(dispersion_of, terms=terms),
                              empty=pd.DataFrame(columns=["doc_id", "size", *terms]))
    sizes = per_doc["size"].tolist()
    rows = [{"term": term, "freq": int(per_doc[term].sum()), "range": int((per_doc[term] > 0).sum()),
             "n_parts": len(per_doc), "juilland_d": juilland_d(per_doc[term].tolist(), sizes),
             "dp": gries_dp(per_doc[term].tolist(), sizes),
             "dp_norm": gries_dp(per_doc[term].tolist(), sizes, normalise=True)} for term in terms]
    emit(pd.DataFrame(rows, columns=["term", "freq", "range", "n_parts", "juilland_d", "dp", "dp_norm"]), args.out)


def _add_ngrams(commands) -> None:
    ngrams = commands.add_parser(
        "ngrams", help="frequent word sequences within clauses",
        description="Word n-grams that do not cross punctuation, with their frequency and document frequency "
                    "(corpus_utils.terms.kwic.ngrams); an n-gram opening or closing with a stopword is left out.")
    corpus_argument(ngrams)
    ngrams.add_argument("--n", type=positive(int, "a whole number"), default=2, metavar="N",
                        help="words per n-gram (default: 2)")
    ngrams.add_argument("--min-freq", type=positive(int, "a whole number"), default=2, metavar="N",
                        help="least frequency (default: 2)")
    ngrams.add_argument("--top", type=top, default=30, metavar="N|all", help="n-grams shown (default: 30)")
    lists_arguments(ngrams)
    common_arguments(ngrams)
    ngrams.set_defaults(handler=run_ngrams)


def run_ngrams(args) -> None:
    from corpus_utils.cli.analyses import ngrams_of

    per_doc = streamed.stream(args, streamed.bind(ngrams_of, n=args.n, stopwords=custom_stopwords(args)),
                              empty=pd.DataFrame(columns=["ngram", "freq", "doc_freq"]))
    table = per_doc.groupby("ngram", sort=True)[["freq", "doc_freq"]].sum().reset_index()
    table = table[table["freq"] >= args.min_freq].astype({"freq": "int64", "doc_freq": "int64"})
    table = table.sort_values(["freq", "ngram"], ascending=[False, True], kind="stable").reset_index(drop=True)
    emit(table.head(args.top) if args.top else table, args.out)
