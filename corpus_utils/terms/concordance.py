"""Query-grade concordances (KWIC) on the cleaned text, with query kinds,
context sorting and document filters, as AntConc, Sketch Engine and CQPweb
offer them.

:func:`corpus_utils.terms.kwic.kwic` matches whole tokens only, so 现代化
misses its occurrences inside the token 中国式现代化. :func:`concordance`
matches on the text itself and reports each hit by its character offsets in
the cleaned text (``text[start:end] == match``), whatever the segmenter did;
the tokens only give the context columns ``L2, L1, R1, R2`` and the sort keys.

Query kinds (:data:`QUERY_KINDS`):

``substring``
    Every non-overlapping occurrence of the literal string, left to right,
    as ``re.finditer(re.escape(q), text)`` finds them; several strings are
    one alternation, longest first (so 现代化 inside 中国式现代化 is one hit
    of the longer string when both are asked for).
``token``
    Whole tokens equal to the query (the old ``kwic``).
``regex``
    ``re.finditer(query, text)``; empty matches are skipped. Several patterns
    are one alternation, in the order given.
``phrase``
    Consecutive tokens, given as a list of tokens or as one string with the
    tokens separated by spaces (``"全面 从严 治党"``); punctuation tokens count
    as tokens. Non-overlapping, left to right.
``numbered_formula``
    Every occurrence, as a substring, of each numbered formula that the slogan
    extractor (:func:`corpus_utils.slogans.extract.extract_from_text`, kind
    ``numbered_formula``) reports for the document, with the formulae quoted
    anywhere in the corpus as evidence (as
    :func:`~corpus_utils.slogans.extract.extract_slogans` does). Each formula is
    counted on its own as :meth:`str.count` counts it, so nested formulae each
    give a line; the extractor's own ``count`` may differ where it allows
    separators between members (三落实、三确保) or leaves a numeral-only form
    inside a longer number (六五 in 一九六五年).
``formulation``
    Every occurrence of each entry of the packaged formulation lexicon
    (:func:`corpus_utils.terms.lexicon.formulation_lexicon`), counted as
    :func:`corpus_utils.terms.frequency.count_terms` counts it: each entry
    independently, non-overlapping left to right, nested and overlapping
    entries all counting (one Aho-Corasick pass per document).

Cost is linear in the size of the text plus the number of hits: the query is
compiled once per call, each document is scanned once, and each hit finds its
context tokens by binary search over the token offsets.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence

import pandas as pd

from corpus_utils.terms.frequency import term_occurrences

QUERY_KINDS = ("substring", "token", "regex", "phrase", "numbered_formula", "formulation")
SORT_KEYS = ("L3", "L2", "L1", "R1", "R2", "R3")
CONCORDANCE_COLUMNS = ["doc_id", "start", "end", "left", "match", "right", "L2", "L1", "R1", "R2", "position"]
#: Kinds that find their own terms when ``query`` is None.
LEXICON_KINDS = ("numbered_formula", "formulation")
#: Newlines (and other line breaks) shown as a space in the context columns.
LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})
_WORK_COLUMNS = ["doc_id", "start", "end", "left", "match", "right", "L3", "L2", "L1", "R1", "R2", "R3", "position"]

#: A matcher: ``(text, tokens, token_starts) -> [(start, end), ...]`` in text order.
Matcher = Callable[[str, Sequence[str], Sequence[int]], list[tuple[int, int]]]


# --- the query ---------------------------------------------------------------------------------

def check_kind(kind: str) -> None:
    """Raise ValueError unless ``kind`` is one of :data:`QUERY_KINDS`."""
    if kind not in QUERY_KINDS:
        raise ValueError(f"unknown query kind {kind!r}; choose from {', '.join(QUERY_KINDS)}")


def sort_keys(sort: str | Sequence[str] | None) -> list[str]:
    """The sort keys as a list (``[]`` for None).

    Raises
    ------
    ValueError
        A key that is not one of :data:`SORT_KEYS` (the message lists them).
    """
    keys = [] if sort is None else [sort] if isinstance(sort, str) else list(sort)
    unknown = [key for key in keys if key not in SORT_KEYS]
    if unknown:
        raise ValueError(f"unknown sort key(s) {', '.join(map(repr, unknown))}; choose from {', '.join(SORT_KEYS)}")
    return keys


def query_list(query: str | Sequence[str] | None, kind: str) -> list[str] | None:
    """``query`` as a list of non-empty strings, None for all the terms of a
    lexicon kind.

    Raises
    ------
    ValueError
        No query for a kind that needs one, an empty query or one that is not a string.
    """
    if query is None:
        if kind in LEXICON_KINDS:
            return None
        raise ValueError(f"kind {kind!r} needs a query (a string or a list of strings)")
    queries = [query] if isinstance(query, str) else list(query)
    if not queries or any(not isinstance(q, str) or not q for q in queries):
        raise ValueError(f"query {query!r}: give one or more non-empty strings")
    return queries


def check_width(width: int) -> None:
    """Raise ValueError unless ``width`` is a whole number, 0 or more."""
    if isinstance(width, bool) or not isinstance(width, int) or width < 0:
        raise ValueError(f"width must be a whole number of characters, 0 or more, not {width!r}")


def compile_regex(pattern: str) -> re.Pattern:
    """``re.compile(pattern)``; a bad pattern is a ValueError naming it and the regex error."""
    try:
        return re.compile(pattern)
    except re.error as err:
        raise ValueError(f"bad regular expression {pattern!r}: {err}") from None


def substring_pattern(queries: Sequence[str]) -> re.Pattern:
    """One alternation of the literal ``queries``, longest first (ties in code-point order)."""
    distinct = sorted(set(queries), key=lambda q: (-len(q), q))
    return re.compile("|".join(re.escape(q) for q in distinct))


def regex_pattern(queries: Sequence[str]) -> re.Pattern:
    """The patterns, each checked on its own, as one alternation in the order given."""
    for pattern in queries:
        compile_regex(pattern)
    return compile_regex(queries[0] if len(queries) == 1 else "|".join(f"(?:{q})" for q in queries))


def phrase_tokens(query: str | Sequence[str]) -> tuple[str, ...]:
    """The tokens of a phrase: a string split at whitespace, or a list of tokens.

    Raises
    ------
    ValueError
        An empty phrase or an empty token.
    """
    tokens = tuple(query.split()) if isinstance(query, str) else tuple(query)
    if not tokens or any(not isinstance(t, str) or not t for t in tokens):
        raise ValueError(f"phrase {query!r}: give its tokens as a list, or as one string with spaces between them")
    return tokens


# --- matchers ----------------------------------------------------------------------------------

def _pattern_matcher(pattern: re.Pattern) -> Matcher:
    def match(text, tokens, starts):
        return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
    return match


def _token_matcher(nodes: frozenset[str]) -> Matcher:
    def match(text, tokens, starts):
        return [(starts[i], starts[i] + len(t)) for i, t in enumerate(tokens) if t in nodes]
    return match


def _phrase_matcher(phrase: tuple[str, ...]) -> Matcher:
    n = len(phrase)

    def match(text, tokens, starts):
        hits, i = [], 0
        while i <= len(tokens) - n:
            if tokens[i] == phrase[0] and tuple(tokens[i:i + n]) == phrase:
                hits.append((starts[i], starts[i + n - 1] + len(tokens[i + n - 1])))
                i += n
            else:
                i += 1
        return hits
    return match


def _terms_matcher(terms: tuple[str, ...]) -> Matcher:
    def match(text, tokens, starts):
        return [(start, end) for start, end, _ in term_occurrences(text, terms)]
    return match


def formulation_terms(queries: Sequence[str] | None) -> tuple[str, ...]:
    """The formulation lexicon's entries (sorted), or those of ``queries``.

    Raises
    ------
    ValueError
        A query that is not an entry of the lexicon.
    """
    from corpus_utils.terms.lexicon import formulation_words

    entries = set(formulation_words())
    if queries is None:
        return tuple(sorted(entries))
    missing = [q for q in queries if q not in entries]
    if missing:
        raise ValueError(f"not in the formulation lexicon: {', '.join(missing)}; "
                         "use kind='substring' for other strings")
    return tuple(sorted(set(queries)))


def document_formulae(text: str, tokens: Sequence[str], *, known: frozenset[str] = frozenset()) -> list[str]:
    """The numbered formulae the slogan extractor reports for one text
    (canonical forms, sorted), with the lexicons' formulae and ``known``
    (formulae quoted elsewhere in the corpus) as evidence."""
    from corpus_utils.slogans.extract import corpus_formulae, extract_from_text

    table = extract_from_text(text, list(tokens), known=corpus_formulae(known))
    return sorted(set(table.loc[table["kind"] == "numbered_formula", "slogan"]))


def _formula_matcher(queries: Sequence[str] | None, known: frozenset[str]) -> Matcher:
    from corpus_utils.slogans.extract import canonical

    wanted = None if queries is None else {canonical(q, "numbered_formula") for q in queries}

    def match(text, tokens, starts):
        forms = [f for f in document_formulae(text, tokens, known=known) if wanted is None or f in wanted]
        return [(start, end) for start, end, _ in term_occurrences(text, forms)]
    return match


def make_matcher(kind: str, query: str | Sequence[str] | None, *, known: frozenset[str] = frozenset()) -> Matcher:
    """The matcher of one query (see the module docstring), compiled once.

    Raises
    ------
    ValueError
        An unknown kind, a missing or empty query, a bad regular expression,
        or a formulation the lexicon does not hold.
    """
    check_kind(kind)
    queries = query_list(query, kind)
    if kind == "phrase":
        return _phrase_matcher(phrase_tokens(query))
    if kind == "substring":
        return _pattern_matcher(substring_pattern(queries))
    if kind == "regex":
        return _pattern_matcher(regex_pattern(queries))
    if kind == "token":
        return _token_matcher(frozenset(queries))
    if kind == "formulation":
        return _terms_matcher(formulation_terms(queries))
    return _formula_matcher(queries, known)


# --- lines -------------------------------------------------------------------------------------

def token_starts(text: str, tokens: Sequence[str], *, doc_id: str = "") -> list[int]:
    """Character offset of each token in ``text``.

    Raises
    ------
    ValueError
        The tokens do not join back to the text.
    """
    starts, offset = [], 0
    for token in tokens:
        starts.append(offset)
        offset += len(token)
    if offset != len(text) or "".join(tokens) != text:
        raise ValueError(f"document {doc_id!r}: its tokens do not join back to its text; "
                         "give all its tokens (Segmenter.tokens), punctuation included")
    return starts


def context_tokens(text: str, tokens: Sequence[str], starts: Sequence[int], start: int, end: int
                   ) -> tuple[str, str, str, str, str, str]:
    """``L3, L2, L1, R1, R2, R3`` of the hit ``text[start:end]``.

    ``L1`` is the token just before the hit and ``R1`` the one just after,
    ``L2``/``R2`` the next ones out. A hit that starts inside a token has as
    ``L1`` the piece of that token before it (今年 in 今年现代化 … when the token
    is 今年现代化), and one that ends inside a token has as ``R1`` the piece
    after it (建设 for 现代化 in the token 现代化建设); the other keys move out
    by one. Missing tokens (at the edges of the text) are empty strings.
    """
    first = bisect_right(starts, start) - 1
    left = [text[starts[first]:start]] if starts[first] < start else []
    left = [tokens[i] for i in range(max(0, first - 3), first)] + left
    last = bisect_right(starts, end - 1) - 1
    token_end = starts[last] + len(tokens[last])
    right = [text[end:token_end]] if token_end > end else []
    right += [tokens[i] for i in range(last + 1, min(len(tokens), last + 4))]
    left, right = ([""] * 3 + left)[-3:], (right + [""] * 3)[:3]
    return tuple(t.translate(LINE_BREAKS) for t in (*left, *right))


def concordance_lines(text: str, tokens: Sequence[str], matcher: Matcher, *, width: int, doc_id: str
                      ) -> list[tuple]:
    """Rows (columns ``doc_id, start, end, left, match, right, L3, L2, L1, R1,
    R2, R3, position``) of every hit of ``matcher`` in one text, in text order."""
    check_width(width)
    starts = token_starts(text, tokens, doc_id=doc_id)
    rows = []
    for start, end in matcher(text, tokens, starts):
        left = text[max(0, start - width):start].translate(LINE_BREAKS)
        right = text[end:end + width].translate(LINE_BREAKS)
        rows.append((doc_id, start, end, left, text[start:end], right,
                     *context_tokens(text, tokens, starts, start, end), start / len(text)))
    return rows


def _frame(rows: list[tuple], keys: Sequence[str] = ()) -> pd.DataFrame:
    """The concordance table of ``rows``, sorted by ``keys`` (stable: ties keep corpus order)."""
    frame = pd.DataFrame(rows, columns=_WORK_COLUMNS).astype({"start": "int64", "end": "int64",
                                                              "position": "float64"})
    if keys:
        frame = frame.sort_values(list(keys), kind="stable")
    return frame[CONCORDANCE_COLUMNS].reset_index(drop=True)


def concordance_of_text(text: str, query: str | Sequence[str] | None, *, kind: str = "substring", width: int = 20,
                        doc_id: str = "", tokens: Sequence[str] | None = None,
                        known_formulae: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Concordance lines of one cleaned text (see :func:`concordance`).

    Parameters
    ----------
    text
        Cleaned text.
    query, kind, width
        As for :func:`concordance`.
    doc_id
        Written in the ``doc_id`` column.
    tokens
        All tokens of ``text`` (they must join back to it); default the
        packaged segmenter's (:func:`corpus_utils.terms.segment.shared_segmenter`).
    known_formulae
        For ``kind="numbered_formula"``: formulae accepted besides the
        lexicons' (those quoted elsewhere in the corpus).

    Returns
    -------
    pandas.DataFrame
        :data:`CONCORDANCE_COLUMNS`, in text order.
    """
    matcher = make_matcher(kind, query, known=frozenset(known_formulae))
    if tokens is None:
        from corpus_utils.terms.segment import shared_segmenter

        tokens = shared_segmenter("rjieba").tokens(text)
    return _frame(concordance_lines(text, tokens, matcher, width=width, doc_id=doc_id))


def _check_corpus(corpus: pd.DataFrame) -> None:
    missing = [c for c in ("doc_id", "text") if c not in corpus]
    if missing:
        raise ValueError(f"the corpus has no {', '.join(missing)} column; load it with corpus_utils.load_corpus")


def concordance(corpus: pd.DataFrame, query: str | Sequence[str] | None = None, *, kind: str = "substring",
                width: int = 20, sort: str | Sequence[str] | None = None,
                where: str | Sequence[str] | None = None, segmenter=None) -> pd.DataFrame:
    """Keyword-in-context lines of a query in a loaded corpus.

    Parameters
    ----------
    corpus
        A loaded corpus (:func:`corpus_utils.load_corpus`): ``doc_id``, cleaned
        ``text`` and the document variables.
    query
        A string or several; for ``phrase`` a list of tokens or a string of
        tokens separated by spaces; None for every formula or formulation
        (kinds ``numbered_formula`` and ``formulation``).
    kind
        One of :data:`QUERY_KINDS` (see the module docstring).
    width
        Characters of context on each side (``left``, ``right``).
    sort
        A key of :data:`SORT_KEYS` or a list of them: sort by those context
        tokens (code-point order; ties in corpus order, document then
        ``start``). Default corpus order.
    where
        Conditions on document variables (``"level=central"``, ``"year>=2000"``;
        :func:`corpus_utils.corpus.selection.select_documents`) that choose the
        documents first.
    segmenter
        Gives the tokens of the context columns and of the ``token`` and
        ``phrase`` kinds. Default
        :func:`corpus_utils.terms.segment.corpus_segmenter` of ``corpus``.

    Returns
    -------
    pandas.DataFrame
        :data:`CONCORDANCE_COLUMNS`: ``start``/``end`` are character offsets in
        the cleaned text (``text[start:end] == match``); ``left``/``right`` are
        ``width`` characters of context, line breaks shown as spaces;
        ``L2, L1, R1, R2`` the tokens around the hit (pieces of a token the
        hit cuts: :func:`context_tokens`); ``position = start / len(text)``,
        from 0 to 1.

    Raises
    ------
    ValueError
        An unknown kind or sort key (the message lists the valid ones), a bad
        regular expression (named with the regex error), a missing query, an
        unknown condition in ``where``.
    """
    _check_corpus(corpus)
    check_kind(kind)
    check_width(width)
    keys = sort_keys(sort)
    from corpus_utils.corpus.documents import documents
    from corpus_utils.corpus.selection import select_documents

    chosen = select_documents(corpus, where)
    known = frozenset()
    if kind == "numbered_formula":
        from corpus_utils.slogans.extract import quoted_formulae

        known = quoted_formulae(chosen["text"])
    matcher = make_matcher(kind, query, known=known)
    if segmenter is None:
        from corpus_utils.terms.segment import corpus_segmenter

        segmenter = corpus_segmenter(corpus)
    rows = []
    for doc_id, text in documents(chosen):
        rows += concordance_lines(text, segmenter.tokens(text), matcher, width=width, doc_id=doc_id)
    return _frame(rows, keys)


# --- per document and plot ---------------------------------------------------------------------

def hits_per_document(lines: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Hits of a concordance in every document of ``corpus``.

    ``per_10k_chars = 10,000 · hits / n_chars``, ``n_chars`` the length of the
    cleaned text (0.0 for an empty text).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, hits, n_chars, per_10k_chars``, one row per document of the
        corpus in corpus order, documents without hits included.

    Raises
    ------
    ValueError
        ``lines`` names documents the corpus does not have.
    """
    from corpus_utils.terms.frequency import PER_CHARS

    _check_corpus(corpus)
    if "doc_id" not in lines:
        raise ValueError("the lines have no doc_id column; give a table from concordance()")
    counts = lines["doc_id"].value_counts()
    strangers = sorted(set(counts.index) - set(corpus["doc_id"]))
    if strangers:
        raise ValueError(f"the lines name documents the corpus does not have: {', '.join(map(str, strangers[:5]))}"
                         + (f" and {len(strangers) - 5} more" if len(strangers) > 5 else ""))
    hits = corpus["doc_id"].map(counts).fillna(0).astype("int64").to_numpy()
    n_chars = corpus["text"].str.len().fillna(0).astype("int64").to_numpy()
    rate = [PER_CHARS * h / n if n else 0.0 for h, n in zip(hits, n_chars, strict=True)]
    return pd.DataFrame({"doc_id": corpus["doc_id"].to_numpy(), "hits": hits, "n_chars": n_chars,
                         "per_10k_chars": rate})


def plot_concordance(lines: pd.DataFrame, corpus: pd.DataFrame, *, labels: Mapping[str, str] | None = None,
                     title: str = "", max_documents: int | None = 40):
    """AntConc's concordance plot: one horizontal bar per document of
    ``corpus`` (top to bottom in corpus order, labelled from ``labels`` or by
    ``doc_id``), a thin vertical tick at each hit's relative ``position`` in
    the text (0 at the left end, 1 at the right), and the number of hits
    written at the right. Documents without hits get an empty bar.

    With more than ``max_documents`` documents (``None``: no limit), the plot
    leaves out the documents without hits and, of the others, keeps the
    ``max_documents`` with the most hits (ties: corpus order), still in corpus
    order; the axis label says how many of how many are shown.
    :func:`hits_per_document` has them all.

    Returns
    -------
    matplotlib.figure.Figure
        :func:`corpus_utils.plotting.empty_figure` when the corpus has no documents.
    """
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import OKABE_ITO, PAGE_WIDTH, empty_figure, fit_height

    per_doc = hits_per_document(lines, corpus)
    if per_doc.empty:
        return empty_figure("no documents to plot", title=title)
    labels = labels or {}
    n_documents = len(per_doc)
    if max_documents is not None and n_documents > max_documents:
        with_hits = per_doc[per_doc["hits"] > 0]
        chosen = with_hits.sort_values("hits", ascending=False, kind="stable").head(max_documents).index
        per_doc = per_doc.loc[sorted(chosen)].reset_index(drop=True)
        lines = lines[lines["doc_id"].isin(set(per_doc["doc_id"]))]
    row_of = {doc_id: row for row, doc_id in enumerate(per_doc["doc_id"])}
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, fit_height(0.18 * len(per_doc) + 1.0)), layout="constrained")
    ax.barh(range(len(per_doc)), 1.0, left=0.0, height=0.7, color="#eeeeee", edgecolor="#999999", linewidth=0.5)
    rows = lines["doc_id"].map(row_of)
    ax.vlines(lines["position"], rows - 0.33, rows + 0.33, color=OKABE_ITO[0], linewidth=0.7)
    for row, hits in enumerate(per_doc["hits"]):
        ax.text(1.01, row, str(hits), va="center", ha="left", fontsize=7)
    ax.set_yticks(range(len(per_doc)), [labels.get(d, d) for d in per_doc["doc_id"]])
    ax.set_ylim(len(per_doc) - 0.5, -0.5)
    ax.set_xlim(0, 1.06)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    shown = "" if len(per_doc) == n_documents else f"; {len(per_doc)} of {n_documents} documents, those with most hits"
    ax.set_xlabel(f"relative position in the document (hit count at the right{shown})")
    ax.tick_params(axis="y", length=0)
    ax.set_title(title)
    return fig
