"""Document-term counts: the corpus → tokens → counts data flow.

The model is quanteda's document-feature matrix (Benoit et al. 2018,
"quanteda: An R package for the quantitative analysis of textual data",
*JOSS* 3(30)): one object holds how often each term occurs in each document,
with the document variables beside it, and every count-based statistic
(frequency lists, document frequency, keyness, dispersion over documents) is
computed from it. Grouping and subsetting by a document variable are
operations on the object.

:class:`DocumentTermCounts` is that matrix as a tidy table (one row per
document and term that occurs in it), which is what pandas and Parquet handle
best for the sparse counts of a corpus. The in-memory path
(:func:`document_term_counts`) and the streaming, parallel and Dask engine
(:meth:`corpus_utils.scale.engine.CorpusCounts.document_term_counts`) build
the same object: the engine's workers send counts, never token lists, and
:meth:`DocumentTermCounts.concat` joins their parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

#: Columns of :attr:`DocumentTermCounts.counts`.
COUNT_COLUMNS = ["doc_id", "term", "count"]
#: Document variables every :class:`DocumentTermCounts` carries.
SIZE_COLUMNS = ["n_chars", "n_words"]


def _count_words(words_by_doc: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """``doc_id, term, count`` of every document's words, counted in C
    (one Arrow group-by over all tokens), sorted by document then term."""
    import numpy as np
    import pyarrow as pa

    doc_ids = list(words_by_doc)
    lengths = [len(words) for words in words_by_doc.values()]
    if not sum(lengths):
        return pd.DataFrame(columns=COUNT_COLUMNS)
    tokens = pa.array([word for words in words_by_doc.values() for word in words], pa.string())
    position = pa.array(np.repeat(np.arange(len(doc_ids), dtype=np.int64), lengths))
    grouped = pa.table({"position": position, "term": tokens}).group_by(["position", "term"]).aggregate([([], "count_all")])
    grouped = grouped.sort_by([("position", "ascending"), ("term", "ascending")])
    frame = grouped.to_pandas()
    return pd.DataFrame({"doc_id": [doc_ids[i] for i in frame["position"]], "term": frame["term"],
                         "count": frame["count_all"].astype("int64")})


@dataclass(frozen=True)
class DocumentTermCounts:
    """How often each term occurs in each document, with the document variables.

    Attributes
    ----------
    counts
        ``doc_id, term, count``: one row per document and term that occurs in
        it, by document (in :attr:`docvars` order) then term.
    docvars
        One row per document, indexed by ``doc_id`` in corpus order:
        ``n_chars`` (characters of cleaned text), ``n_words`` (words counted)
        and any other document variables (date, organisation, level …).
    """

    counts: pd.DataFrame
    docvars: pd.DataFrame

    def __post_init__(self) -> None:
        # one set of dtypes whatever built the object, so that tables compare byte for byte
        object.__setattr__(self, "counts", self.counts.astype({"doc_id": "str", "term": "str", "count": "int64"}))
        docvars = self.docvars.astype({column: "int64" for column in SIZE_COLUMNS})
        docvars.index = docvars.index.astype("str").rename("doc_id")
        object.__setattr__(self, "docvars", docvars)

    # --- building ---------------------------------------------------------------------------

    @classmethod
    def from_words(cls, words_by_doc: Mapping[str, Sequence[str]], n_chars: Mapping[str, int], *,
                   docvars: pd.DataFrame | None = None) -> DocumentTermCounts:
        """Count ``words_by_doc`` (the words of each document, in corpus
        order); ``n_chars`` gives each document's size; ``docvars`` (indexed
        by ``doc_id``) adds document variables."""
        sizes = pd.DataFrame({"n_chars": [int(n_chars[d]) for d in words_by_doc],
                              "n_words": [len(words) for words in words_by_doc.values()]},
                             index=pd.Index(list(words_by_doc), name="doc_id"), dtype="int64")
        if docvars is not None:
            sizes = sizes.join(docvars.drop(columns=[c for c in SIZE_COLUMNS if c in docvars]), how="left")
        return cls(_count_words(words_by_doc), sizes)

    @classmethod
    def concat(cls, parts: Iterable[DocumentTermCounts]) -> DocumentTermCounts:
        """One object from parts holding different documents (the chunks of
        a streaming run), in the order of the parts."""
        parts = list(parts)
        if not parts:
            return cls(pd.DataFrame(columns=COUNT_COLUMNS), pd.DataFrame(columns=SIZE_COLUMNS).rename_axis("doc_id"))
        docvars = pd.concat([p.docvars for p in parts])
        if docvars.index.has_duplicates:
            raise ValueError("the parts hold the same document twice")
        counts = pd.concat([p.counts for p in parts], ignore_index=True)
        return cls(counts.astype({"count": "int64"}), docvars)

    # --- selecting and grouping -------------------------------------------------------------------

    @property
    def doc_ids(self) -> list[str]:
        return list(self.docvars.index)

    def subset(self, documents: Iterable[str] | pd.Series) -> DocumentTermCounts:
        """The documents named in ``documents`` (doc_ids), or those where a
        boolean Series over :attr:`docvars` is true (``dtm.docvars["level"] == "central"``,
        or a nullable ``dtm.docvars["year"] >= 1978``, where a missing year is not chosen)."""
        if isinstance(documents, pd.Series) and pd.api.types.is_bool_dtype(documents.dtype):
            keep = set(documents[documents.fillna(False).astype(bool)].index)  # a missing value is not chosen
        else:
            keep = set(documents)
        docvars = self.docvars[self.docvars.index.isin(keep)]
        return DocumentTermCounts(self.counts[self.counts["doc_id"].isin(keep)].reset_index(drop=True), docvars)

    def select(self, pattern: str | re.Pattern | Iterable[str], *, remove: bool = False) -> DocumentTermCounts:
        """Keep only the terms matching ``pattern`` (``remove=True``: drop
        them), as quanteda's ``dfm_select`` and ``dfm_remove``.

        ``pattern`` is a regular expression (a string or a compiled pattern)
        that must match the whole term, or a collection of terms (a list, a
        set, the index of a table). Document sizes (``n_chars``, ``n_words``)
        are kept: statistics that take the corpus size from the counts
        (keyness totals) see the selected terms only, rates per character do
        not change.
        """
        terms = self.counts["term"]
        if isinstance(pattern, str | re.Pattern):
            compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
            chosen = {term for term in terms.unique() if compiled.fullmatch(term)}  # each distinct term once
        else:
            chosen = set(pattern)
        matched = terms.isin(chosen)
        keep = ~matched if remove else matched
        return DocumentTermCounts(self.counts[keep].reset_index(drop=True), self.docvars)

    def remove(self, pattern: str | re.Pattern | Iterable[str]) -> DocumentTermCounts:
        """Drop the terms matching ``pattern``: :meth:`select` with ``remove=True``."""
        return self.select(pattern, remove=True)

    def assign(self, **columns: pd.Series | Sequence) -> DocumentTermCounts:
        """A copy with new or replaced document variables, as
        :meth:`pandas.DataFrame.assign` (a Series is aligned on ``doc_id``):
        ``dtm.assign(era=cu.period_labels(dtm.docvars["year"], by="era"))``.
        The sizes ``n_chars`` and ``n_words`` cannot be replaced."""
        clash = sorted(set(columns) & set(SIZE_COLUMNS))
        if clash:
            raise ValueError(f"{', '.join(clash)} are the documents' sizes and cannot be assigned")
        return DocumentTermCounts(self.counts, self.docvars.assign(**columns))

    def group(self, by: str) -> DocumentTermCounts:
        """One document per value of the document variable ``by`` (as
        quanteda's ``dfm_group``): counts and sizes summed, groups in the
        order of their first document, a missing value its own group ``""``."""
        key = self.docvars[by].fillna("").astype(str)
        order = list(dict.fromkeys(key))
        counts = (self.counts.assign(doc_id=self.counts["doc_id"].map(key))
                  .groupby(["doc_id", "term"], sort=False, as_index=False)["count"].sum())
        counts["_order"] = counts["doc_id"].map({g: i for i, g in enumerate(order)})
        counts = counts.sort_values(["_order", "term"], kind="stable").drop(columns="_order").reset_index(drop=True)
        sizes = self.docvars[SIZE_COLUMNS].groupby(key, sort=False).sum().reindex(order).rename_axis("doc_id")
        return DocumentTermCounts(counts.astype({"count": "int64"}), sizes.astype("int64"))

    # --- counts ------------------------------------------------------------------------------

    def totals(self) -> pd.Series:
        """Occurrences of each term in all documents, by term."""
        return self.counts.groupby("term", sort=True)["count"].sum().astype("int64")

    def doc_freq(self) -> pd.Series:
        """Number of documents each term occurs in, by term."""
        return self.counts.groupby("term", sort=True)["doc_id"].size().astype("int64")

    def by_document(self) -> dict[str, dict[str, int]]:
        """``{doc_id: {term: count}}`` in document order, terms in order."""
        result: dict[str, dict[str, int]] = {doc_id: {} for doc_id in self.doc_ids}
        for doc_id, term, count in zip(self.counts["doc_id"], self.counts["term"], self.counts["count"], strict=True):
            result[doc_id][term] = int(count)
        return result

    def matrix(self, terms: Sequence[str] | None = None) -> pd.DataFrame:
        """The wide document × term table of ``terms`` (default all), zeros
        filled, documents in order."""
        counts = self.counts if terms is None else self.counts[self.counts["term"].isin(terms)]
        wide = counts.pivot(index="doc_id", columns="term", values="count")
        columns = sorted(wide.columns) if terms is None else list(terms)
        return wide.reindex(index=self.doc_ids, columns=columns).fillna(0).astype("int64").rename_axis("doc_id")

    # --- analyses ----------------------------------------------------------------------------

    def frequency_table(self, *, top: int | None = None) -> pd.DataFrame:
        """Corpus frequencies: ``term, freq, per_10k_chars, doc_freq,
        doc_share`` (see :func:`corpus_utils.terms.frequency.corpus_table_from_counts`)."""
        from corpus_utils.terms.frequency import corpus_table_from_counts

        table = corpus_table_from_counts(self.totals().to_dict(), self.doc_freq().to_dict(),
                                         n_chars=int(self.docvars["n_chars"].sum()), n_docs=len(self.docvars))
        return table.head(top).reset_index(drop=True) if top else table

    def doc_table(self, *, top: int | None = None) -> pd.DataFrame:
        """Frequencies per document: ``doc_id, term, freq, per_10k_chars,
        share`` (see :func:`corpus_utils.terms.frequency.doc_table_from_counts`)."""
        from corpus_utils.terms.frequency import doc_table_from_counts

        table = doc_table_from_counts(self.by_document(), self.docvars["n_chars"].to_dict(),
                                      self.docvars["n_words"].to_dict())
        return table.groupby("doc_id", sort=True).head(top).reset_index(drop=True) if top else table

    def keyness(self, target: Iterable[str] | pd.Series, **options) -> pd.DataFrame:
        """Keyness of the ``target`` documents (as :meth:`subset` takes them)
        against all the others (see :func:`corpus_utils.terms.keyness.keyness_from_counts`)."""
        from corpus_utils.terms.keyness import keyness_from_counts

        chosen = self.subset(target)
        if not len(chosen.docvars) or len(chosen.docvars) == len(self.docvars):
            raise ValueError("the target group must hold some documents, but not all of them")
        rest = self.subset([d for d in self.doc_ids if d not in set(chosen.doc_ids)])
        return keyness_from_counts(chosen.totals().to_dict(), rest.totals().to_dict(), **options)


def document_term_counts(corpus: pd.DataFrame, *, segmenter=None, custom=None) -> DocumentTermCounts:
    """The :class:`DocumentTermCounts` of a loaded corpus: its countable
    words (:meth:`Segmenter.words`) per document, and its document variables.

    Parameters
    ----------
    corpus
        From :func:`corpus_utils.load_corpus`.
    segmenter
        Default: :func:`corpus_utils.terms.segment.corpus_segmenter` for this
        corpus (with ``custom``).
    custom
        A :class:`corpus_utils.terms.custom.CustomLists`: its words are
        counted whole, its stopwords (when given) replace the packaged list.
        Give it or ``segmenter``, not both (build the segmenter with
        ``corpus_segmenter(corpus, custom=custom)``).

    Raises
    ------
    ValueError
        Both ``segmenter`` and ``custom``.
    """
    from corpus_utils.terms.segment import corpus_segmenter, words_by_doc

    if segmenter is not None and custom is not None:
        raise ValueError("give segmenter= or custom=, not both: the custom lists are loaded into a segmenter; "
                         "use segmenter=corpus_segmenter(corpus, custom=custom)")
    segmenter = segmenter or corpus_segmenter(corpus, custom=custom)
    docvars = corpus.drop(columns=[c for c in ("text", "raw_text", "n_chars") if c in corpus]).set_index("doc_id")
    return DocumentTermCounts.from_words(words_by_doc(corpus, segmenter), corpus.set_index("doc_id")["n_chars"],
                                         docvars=docvars)
