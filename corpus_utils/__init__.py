"""corpus_utils: load, clean and analyse Chinese official and SOE texts.

Importing the package has no side effects: segmenters, dictionaries and
fonts are loaded on first use.
"""

from corpus_utils.corpus.audit import clean_with_audit, cleaning_changes, cleaning_report
from corpus_utils.corpus.cleaning import DEFAULT_RULES, clean_text, detect_script
from corpus_utils.corpus.encoding import decode_bytes, read_text_file
from corpus_utils.corpus.loader import (
    list_corpus_files,
    load_corpus,
    load_file,
)
from corpus_utils.corpus.sentences import split_paragraphs, split_sentences
from corpus_utils.errors import CorpusError, CorpusWarning, FontError

__all__ = [
    "DEFAULT_RULES",
    "CorpusError",
    "CorpusWarning",
    "FontError",
    "clean_text",
    "clean_with_audit",
    "cleaning_changes",
    "cleaning_report",
    "decode_bytes",
    "detect_script",
    "list_corpus_files",
    "load_corpus",
    "load_file",
    "read_text_file",
    "split_paragraphs",
    "split_sentences",
]

__version__ = "0.1.0"
