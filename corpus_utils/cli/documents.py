"""Commands that describe each document or the corpus: ``documents``,
``overview``, ``cleaning``, ``sentences``, ``parallelism``, ``register`` and
``lifecycles``."""

from __future__ import annotations

import warnings

import pandas as pd

from corpus_utils.cli import streamed
from corpus_utils.cli.options import (
    common_arguments,
    corpus_argument,
    lists_arguments,
    period_arguments,
    period_options,
    positive,
)
from corpus_utils.cli.output import emit
from corpus_utils.errors import CorpusWarning
from corpus_utils.rhetoric.register import REGISTER_COLUMNS


def add_commands(commands) -> None:
    _add_documents(commands)
    _add_overview(commands)
    _add_cleaning(commands)
    _add_sentences(commands)
    _add_parallelism(commands)
    _add_register(commands)
    _add_lifecycles(commands)


def _add_documents(commands) -> None:
    docs = commands.add_parser(
        "documents", help="what is in the corpus: every document and its variables, or documents per period",
        description="One row a document, as the loader reads it (corpus_utils.load_corpus): doc_id, file, title, "
                    "date, year, month, date_precision, organization, level, genre, speakers, source, script, "
                    "encoding, the characters before and after cleaning (n_chars_raw, n_chars) and the Chinese "
                    "characters (n_han), as notebook 00 shows them. --by: documents, first and last year and "
                    "characters per period, as notebook 04 shows them. Loads the chosen documents in memory.")
    corpus_argument(docs)
    docs.add_argument("--by", choices=("year", "decade", "era"), default=None,
                      help="one row a period instead (undated documents left out, with a warning)")
    period_arguments(docs)
    common_arguments(docs, streamed=False)
    docs.set_defaults(handler=run_documents)


def run_documents(args) -> None:
    from corpus_utils.change.periods import period_labels

    corpus = streamed.loaded_corpus(args).drop(columns=["raw_text", "text"])
    if args.by is None:
        emit(corpus, args.out)
        return
    dated = corpus.assign(period=period_labels(corpus["year"], by=args.by, **period_options(args)))
    undated = dated.loc[dated["period"].isna(), "doc_id"].tolist()
    if undated:
        warnings.warn(f"{len(undated)} of {len(dated)} document(s) without a year left out of the periods, e.g. "
                      f"{undated[0]}", CorpusWarning, stacklevel=2)
    table = dated.groupby("period", observed=True).agg(documents=("doc_id", "size"), first=("year", "min"),
                                                       last=("year", "max"), characters=("n_chars", "sum"))
    emit(table.reset_index(), args.out)


def _add_overview(commands) -> None:
    overview = commands.add_parser(
        "overview", help="what each document is made of: Chinese characters, digits, Latin letters, punctuation …",
        description="The composition table of notebook 00 (corpus_utils.corpus.overview.composition): the "
                    "characters of each class in each cleaned document, one row a document.")
    corpus_argument(overview)
    common_arguments(overview)
    overview.set_defaults(handler=run_overview)


def run_overview(args) -> None:
    from corpus_utils.cli.analyses import composition_of
    from corpus_utils.corpus.overview import CHAR_CLASSES

    emit(streamed.stream(args, composition_of, empty=pd.DataFrame(columns=["doc_id", *CHAR_CLASSES]), tokens=False),
         args.out)


def _add_cleaning(commands) -> None:
    cleaning = commands.add_parser(
        "cleaning", help="what each cleaning rule changed in each document",
        description="The cleaning report of notebook 00 (corpus_utils.corpus.audit.cleaning_report): per document "
                    "and rule, the number of changes, the Chinese characters removed and examples. --changes lists "
                    "every change itself, --rules what each rule does. The shared blocks rule is audited over the "
                    "chosen documents. Loads the chosen documents in memory.")
    corpus_argument(cleaning)
    view = cleaning.add_mutually_exclusive_group()
    view.add_argument("--all-rules", action="store_true",
                      help="also list the rules that changed nothing (default: only those that did)")
    view.add_argument("--changes", action="store_true",
                      help="every changed span instead, one row a change: doc_id, rule, position (in the rule's "
                           "input), before, after and the context left and right (corpus_utils.corpus.audit."
                           "cleaning_changes)")
    view.add_argument("--rules", action="store_true",
                      help="the cleaning pipeline instead, in order: step, rule and what it does (no corpus read)")
    common_arguments(cleaning, streamed=False)
    cleaning.set_defaults(handler=run_cleaning)


def run_cleaning(args) -> None:
    from corpus_utils.corpus.audit import cleaning_changes, cleaning_report
    from corpus_utils.corpus.overview import rules_table

    if args.rules:
        emit(rules_table().reset_index(), args.out)
    elif args.changes:
        emit(cleaning_changes(streamed.loaded_corpus(args)), args.out)
    else:
        emit(cleaning_report(streamed.loaded_corpus(args), only_changed=not args.all_rules), args.out)


def _add_sentences(commands) -> None:
    sentences = commands.add_parser(
        "sentences", help="paragraphs, sentences and sentence length of each document",
        description="Sentence statistics of notebook 00 (corpus_utils.corpus.overview.sentence_stats), one row a "
                    "document: paragraphs, sentences, mean and median sentence length and the longest, in "
                    "characters. Sentences end at 。！？；… and never cross a paragraph "
                    "(corpus_utils.corpus.sentences.split_sentences). --lengths: one row a sentence.")
    corpus_argument(sentences)
    sentences.add_argument("--lengths", action="store_true",
                           help="one row a sentence instead: doc_id, sentence (its number), length and text "
                                "(the lengths of corpus_utils.corpus.sentences.sentence_lengths)")
    common_arguments(sentences)
    sentences.set_defaults(handler=run_sentences)


def run_sentences(args) -> None:
    from corpus_utils.cli.analyses import sentence_lengths_of, sentence_stats_of

    if args.lengths:
        table = streamed.stream(args, sentence_lengths_of, tokens=False,
                                empty=pd.DataFrame(columns=["doc_id", "sentence", "length", "text"]))
        emit(table, args.out, shown=None if args.out else ["doc_id", "sentence", "length"])
        return
    columns = ["doc_id", "paragraphs", "sentences", "mean_length", "median_length", "longest"]
    emit(streamed.stream(args, sentence_stats_of, tokens=False, empty=pd.DataFrame(columns=columns)), args.out)


def _add_parallelism(commands) -> None:
    parallelism = commands.add_parser(
        "parallelism", help="parallel runs (排比) and enumerations on a shared frame",
        description="Runs of three or more members on a shared frame (坚持A，坚持B，坚持C) in each document "
                    "(corpus_utils.rhetoric.parallelism): kind paibi (members that predicate) or enumeration (nouns), "
                    "the frame, the members (joined by |) and their character offsets.")
    corpus_argument(parallelism)
    common_arguments(parallelism)
    parallelism.set_defaults(handler=run_parallelism)


def run_parallelism(args) -> None:
    from corpus_utils.cli.analyses import parallelism_of
    from corpus_utils.rhetoric.parallelism import PARALLELISM_COLUMNS

    emit(streamed.stream(args, parallelism_of, empty=pd.DataFrame(columns=PARALLELISM_COLUMNS), tokens=False),
         args.out)


def _add_register(commands) -> None:
    register = commands.add_parser(
        "register", help="four-character phrasing, sentence length, modal and directive verbs, citations per document",
        description="The register tables of notebook 03 (corpus_utils.rhetoric.register). --view measures "
                    "(default; register_measures), one row a document: sentences and their mean, median and "
                    "90th-percentile length in characters, four-character words per 10,000 characters and share of "
                    "four-character clauses, modal verbs (要, 必须, 务必, 应当 …), intensifying adverbs (坚决, 切实 …), "
                    "directive verbs (加强, 推进 …) and citations of authority per 10,000 characters. directives "
                    "(directive_markers): each of those words per 10,000 characters, one row a document. citations "
                    "(citations_table): every citation of an authority (习近平总书记强调, 党中央要求) with its "
                    "reporting verb and context. speakers (speaker_verbs): the reporting verbs after each speaker "
                    "the metadata names (speakers column or front matter); this view loads the chosen documents in "
                    "memory, the others stream.")
    corpus_argument(register)
    register.add_argument("--view", choices=tuple(REGISTER_VIEWS), default="measures",
                          help="which table (default: measures)")
    lists_arguments(register, stopwords=False)
    common_arguments(register)
    register.set_defaults(handler=run_register)


#: ``register --view``: the per-document analysis (of :mod:`corpus_utils.cli.analyses`), whether it needs
#: tokens, and the columns of its empty table; ``speakers`` is computed on the loaded corpus.
REGISTER_VIEWS = {
    "measures": ("register_of", True, ["doc_id", *REGISTER_COLUMNS]),
    "directives": ("directives_of", True, None),
    "citations": ("citations_of", False, ["doc_id", "authority", "verb", "setting", "position", "context"]),
    "speakers": (None, False, None),
}


def run_register(args) -> None:
    from corpus_utils.cli import analyses
    from corpus_utils.rhetoric.register import DIRECTIVE_MARKERS, speaker_verbs

    if args.view == "speakers":
        emit(speaker_verbs(streamed.loaded_corpus(args)).rename_axis("speaker").reset_index(), args.out)
        return
    name, tokens, columns = REGISTER_VIEWS[args.view]
    empty = pd.DataFrame(columns=columns or ["doc_id", *DIRECTIVE_MARKERS])
    emit(streamed.stream(args, getattr(analyses, name), empty=empty, tokens=tokens), args.out)


def _add_lifecycles(commands) -> None:
    lifecycles = commands.add_parser(
        "lifecycles", help="first, last and peak year of numbered formulae",
        description="The lifecycle of each formula in a dated corpus (corpus_utils.change.lifecycles."
                    "formula_lifecycles): first and last year with an occurrence, the peak year (highest rate per "
                    "10,000 characters), span, years, documents and occurrences. Default: every numbered formula "
                    "the slogan extractor finds. Loads the chosen documents in memory.")
    corpus_argument(lifecycles)
    lifecycles.add_argument("--formulae", nargs="+", metavar="FORMULA",
                            help="the formulae to follow (default: every numbered formula found)")
    lifecycles.add_argument("--min-count", type=positive(int, "a whole number"), default=2, metavar="N",
                            help="least occurrences in all (default: 2)")
    lifecycles.add_argument("--min-docs", type=positive(int, "a whole number"), default=1, metavar="N",
                            help="least documents with the formula (default: 1)")
    common_arguments(lifecycles, streamed=False)
    lifecycles.set_defaults(handler=run_lifecycles)


def run_lifecycles(args) -> None:
    from corpus_utils.change.lifecycles import formula_lifecycles

    table = formula_lifecycles(streamed.loaded_corpus(args), args.formulae, min_count=args.min_count,
                               min_docs=args.min_docs)
    table = table.assign(years=[" ".join(map(str, years)) for years in table["years"]])
    emit(table, args.out, shown=None if args.out else [c for c in table if c != "years"])
