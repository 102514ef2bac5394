"""corpus_utils: load, clean and analyse Chinese official and SOE texts.

``import corpus_utils as cu`` reaches everything the notebooks use, by the
lesson it belongs to:

* the corpus (notebook 00): :func:`load_corpus`, :func:`clean_text`,
  :func:`cleaning_report`, :func:`split_sentences` …;
* terms (notebook 01): the data flow corpus → tokens → counts
  (:class:`Segmenter`, :func:`tokens_by_doc`, :func:`document_term_counts`),
  and :func:`count_terms`, :func:`kwic`, :func:`keyness`, :func:`dispersion`,
  :func:`collocates` …;
* slogans (notebook 02): :func:`extract_slogans`, :func:`slogan_matrix`,
  :func:`jaccard_similarity` …;
* rhetoric (notebook 03): :func:`outline_table`, :func:`parallelism_table`,
  :func:`register_measures` …;
* change over time and across groups (notebook 04): :func:`with_periods`,
  :func:`term_trends`, :func:`trend_statistics`, :func:`new_terms`,
  :func:`keyness_by_group`, :func:`formula_lifecycles` …;
* exploring (notebook 05): :func:`concordance`, :func:`plot_concordance`,
  :func:`collocation_network`, :func:`explore`, :func:`write_table` …;
* figures: :func:`setup_plotting`, :func:`save_figure`;
* packaged corpora: ``cu.datasets.work_reports()``.

The subpackages (``corpus``, ``terms``, ``slogans``, ``rhetoric``, ``change``, ``interactive``, ``scale``)
hold the rest. Importing the package has no side effects and loads none of
them: each name is imported on first use, and segmenters, dictionaries and
fonts are built on first use too.
"""

from __future__ import annotations

from importlib import import_module

#: Public name -> (module, attribute in it; ``""`` for the module itself).
_EXPORTS: dict[str, tuple[str, str]] = {}


def _export(module: str, *names: str, **aliases: str) -> None:
    for name in names:
        _EXPORTS[name] = (f"corpus_utils.{module}", name)
    for name, attribute in aliases.items():
        _EXPORTS[name] = (f"corpus_utils.{module}", attribute)


# errors a user can act on
_export("errors", "CorpusError", "CorpusWarning", "FontError")
# the corpus (notebook 00)
_export("corpus.loader", "load_corpus", "load_file", "list_corpus_files")
_export("corpus.encoding", "decode_bytes", "read_text_file")
_export("corpus.cleaning", "DEFAULT_RULES", "clean_text", "detect_script")
_export("corpus.audit", "clean_with_audit", "cleaning_changes", "cleaning_report")
_export("corpus.sentences", "split_paragraphs", "split_sentences", "sentence_lengths")
_export("corpus.documents", "documents", "analyse_each")
_export("corpus.selection", "select_documents", "document_mask", "parse_condition")
_export("corpus.overview", "doc_labels", "plot_lengths", "plot_cleaning", "sentence_stats",
        cleaning_rules_table="rules_table", cleaning_examples="before_after",
        corpus_composition="composition", plot_corpus_composition="plot_composition")
# terms (notebook 01)
_export("terms.segment", "Segmenter", "corpus_segmenter", "tokens_by_doc", "countable_by_doc", "words_by_doc",
        "compare_segmentation", "is_countable")
_export("terms.lexicon", "formulation_lexicon", "formulation_words", "stopwords", "read_lexicon")
_export("terms.dtm", "DocumentTermCounts", "document_term_counts")
_export("constants", "DATE_OR_ORDINAL_WORD")
_export("terms.frequency", "count_terms", "corpus_frequencies", "doc_frequencies", "frequency_table",
        "top_terms_by_doc", "plot_top_terms")
_export("terms.keyness", "keyness", "keyness_of_group", "log_likelihood", "log_ratio", "percent_diff", "bic",
        "plot_keyness")
_export("terms.dispersion", "dispersion", "juilland_d", "gries_dp", "plot_dispersion")
_export("terms.collocation", "collocates", "node_family", "mutual_information", "t_score", "log_dice")
_export("terms.kwic", "kwic", "ngrams")
_export("terms.concordance", "concordance", "concordance_of_text", "hits_per_document", "plot_concordance",
        "QUERY_KINDS")
_export("terms.network", "collocation_network", "network_table", "plot_collocation_network")
_export("terms.custom", "CustomLists", "load_custom_lists")
_export("terms.wordclouds", "plot_wordclouds", "corpus_and_document_panels")
# slogans (notebook 02)
_export("slogans.extract", "extract_slogans", "slogan_lexicon", "known_formulae")
_export("slogans.numbered", explain_formulae="explain")
_export("slogans.compare", "slogan_matrix", "shared_and_unique", "shared_unique_counts", "jaccard_similarity",
        "plot_shared_unique", plot_slogan_matrix="plot_matrix", slogan_cascade="cascade",
        plot_slogan_cascade="plot_cascade")
# rhetoric (notebook 03)
_export("rhetoric.outline", "outline_table", "corpus_outlines", "render_tree", "plot_outline",
        outline_marker_families="marker_families", outline_announcements="announcements")
_export("rhetoric.parallelism", "parallelism_table", "corpus_parallelisms", "find_parallelisms")
_export("rhetoric.register", "register_measures", "directive_markers", "citations_table", "speaker_verbs",
        "plot_register")
# change over time and across groups
_export("change.periods", "ERA_BREAKS", "period_labels", "with_periods")
_export("change.trends", "term_trends", "trends_from_counts", "trend_statistics", "first_last_appearance", "new_terms",
        "plot_trends")
_export("change.groups", "keyness_by_group", "plot_keyness_heatmap")
_export("change.lifecycles", "formula_lifecycles", "plot_lifecycles")
# exploring (notebook 05)
_export("interactive.explorer", "explore", "Explorer")
# exercises: self-checks
_export("lessons.check", "check_answer")
# figures
_export("plotting", "setup_plotting", "save_figure", "OKABE_ITO", "COLUMN_WIDTH", "PAGE_WIDTH")
# tables in CSV, JSON, Excel or Parquet
_export("tables", "write_table", "TABLE_FORMATS")
# packaged corpora: cu.datasets.work_reports()
_EXPORTS["datasets"] = ("corpus_utils.datasets", "")

__all__ = sorted(_EXPORTS)
__version__ = "0.1.0"


def __getattr__(name: str):
    """Import a public name on first use (PEP 562)."""
    try:
        module, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'corpus_utils' has no attribute {name!r}") from None
    value = import_module(module)
    value = getattr(value, attribute) if attribute else value
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
