"""Keyword in context (KWIC) concordances and n-grams."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd

from corpus_utils.terms.segment import is_countable


def kwic(tokens_by_doc: Mapping[str, Sequence[str]], node: str | Sequence[str], *, width: int = 20,
         unit: str = "chars") -> pd.DataFrame:
    """Concordance lines for a node term (a token, or a list of tokens).

    Parameters
    ----------
    tokens_by_doc
        All tokens per document, punctuation included (the context reads as text).
    node
        A term, or several (matched as whole tokens).
    width
        Context on each side: characters (``unit="chars"``, default) or
        tokens (``unit="tokens"``).

    Returns
    -------
    pandas.DataFrame
        ``doc_id, index, left, node, right`` in corpus order; ``index`` is the
        node's position in the document's token list.
    """
    nodes = {node} if isinstance(node, str) else set(node)
    rows = []
    for doc_id, tokens in tokens_by_doc.items():
        for i, token in enumerate(tokens):
            if token not in nodes:
                continue
            if unit == "tokens":
                left, right = "".join(tokens[max(0, i - width):i]), "".join(tokens[i + 1:i + 1 + width])
            else:
                left = "".join(tokens[max(0, i - width):i])[-width:]
                right = "".join(tokens[i + 1:i + 1 + width])[:width]
            rows.append((doc_id, i, left.replace("\n", " "), token, right.replace("\n", " ")))
    return pd.DataFrame(rows, columns=["doc_id", "index", "left", "node", "right"])


def ngrams(tokens_by_doc: Mapping[str, Sequence[str]], n: int = 2, *, min_freq: int = 2,
           stopwords: frozenset[str] = frozenset()) -> pd.DataFrame:
    """Frequencies of word n-grams that do not cross punctuation.

    A run of countable tokens between punctuation marks is a clause; n-grams
    are taken within clauses, so ``发展，推动`` is never a bigram. An n-gram that
    starts or ends with a stopword is skipped.

    Returns
    -------
    pandas.DataFrame
        ``ngram, freq, doc_freq`` (``ngram`` joined without spaces, as Chinese
        is written), by freq (descending) then ngram.
    """
    totals: Counter[str] = Counter()
    doc_freq: Counter[str] = Counter()
    for tokens in tokens_by_doc.values():
        seen = Counter()
        clause: list[str] = []
        for token in [*tokens, "。"]:
            if is_countable(token):
                clause.append(token)
                continue
            for i in range(len(clause) - n + 1):
                gram = clause[i:i + n]
                if gram[0] in stopwords or gram[-1] in stopwords:
                    continue
                seen["".join(gram)] += 1
            clause = []
        totals.update(seen)
        doc_freq.update(seen.keys())
    rows = [(g, f, doc_freq[g]) for g, f in totals.items() if f >= min_freq]
    frame = pd.DataFrame(rows, columns=["ngram", "freq", "doc_freq"])
    return frame.sort_values(["freq", "ngram"], ascending=[False, True], kind="stable").reset_index(drop=True)
