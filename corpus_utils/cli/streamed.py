"""Running a command's analysis on the documents ``--where`` chooses: the
streamed path (:mod:`corpus_utils.scale.per_document`) and, for the
analyses that need the whole corpus at once, the loaded corpus."""

from __future__ import annotations

from functools import partial

import pandas as pd

from corpus_utils.cli.options import custom_lists, custom_slogans, folder, plan_options


def plan(args, *, dates: bool = False):
    """The :class:`~corpus_utils.scale.per_document.DocumentPlan` of the command's folder and ``--where``,
    segmenting with the command's own lists (``--lexicon``, ``--stopwords``)."""
    from corpus_utils.scale.per_document import plan_documents

    return plan_documents(folder(args), dates=dates, engine=getattr(args, "engine", "rjieba"),
                          custom=custom_lists(args), **plan_options(args))


def progress(args) -> bool | str:
    return "auto" if args.progress is None else args.progress


def analyse(args, chosen, analysis, *, empty: pd.DataFrame, tokens: bool = True) -> pd.DataFrame:
    """``analysis`` of every chosen document of the plan ``chosen``, in corpus order."""
    from corpus_utils.scale.per_document import analyse_documents

    return analyse_documents(chosen, analysis, empty=empty, tokens=tokens, progress=progress(args))


def finish(chosen, table: pd.DataFrame) -> pd.DataFrame:
    """End the run of ``chosen`` (its warnings, skipped files) and return ``table``."""
    chosen.run.finish()
    table.attrs["skipped"] = chosen.run.skipped
    return table


def quoted_formulae(args, chosen) -> frozenset[str]:
    """Numbered formulae quoted in any chosen document: the corpus-level
    evidence of slogan extraction (a pass over the text only), with the
    command's ``--slogans``."""
    from corpus_utils.cli.analyses import quoted_of

    found = analyse(args, chosen, bind(quoted_of, custom_slogans=custom_slogans(args)),
                    empty=pd.DataFrame({"formula": []}, dtype=object), tokens=False)
    return frozenset(found["formula"])


def stream(args, analysis, *, empty: pd.DataFrame, tokens: bool = True) -> pd.DataFrame:
    """One pass of ``analysis`` over the chosen documents."""
    chosen = plan(args)
    return finish(chosen, analyse(args, chosen, analysis, empty=empty, tokens=tokens))


def loaded_corpus(args) -> pd.DataFrame:
    """The loaded corpus of the command's folder, its documents chosen by
    ``--where`` (the whole folder is read: commands that need the corpus at once)."""
    from corpus_utils.corpus.loader import load_corpus
    from corpus_utils.scale.per_document import choose_documents

    return choose_documents(load_corpus(folder(args)), args.where).reset_index(drop=True)


def bind(function, **options):
    """``function`` with its options bound (picklable)."""
    return partial(function, **options)
