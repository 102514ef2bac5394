"""Paragraphs and sentences of a cleaned Chinese text.

Sentences end at ``。！？…`` (and ASCII ``!?``). A sentence end inside
quotation marks does not end the sentence; one directly before a closing
quote ends it after the quote (``他说：“……。”``). A quotation mark that is
never closed in its paragraph (common in scraped text) is treated as an
ordinary character, so it cannot swallow the rest of the paragraph.
"""

from __future__ import annotations

from corpus_utils import constants as P


def split_paragraphs(text: str) -> list[str]:
    """Non-empty lines of a cleaned text (cleaning puts one paragraph a line)."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def _unclosed_quotes(paragraph: str) -> set[int]:
    """Positions of opening quotes that are never closed."""
    stack: list[tuple[int, str]] = []
    for i, char in enumerate(paragraph):
        if char in P.OPENING_QUOTES:
            stack.append((i, P.OPENING_QUOTES[char]))
        elif stack and char == stack[-1][1]:
            stack.pop()
        elif any(char == closing for _, closing in stack):
            while stack and stack[-1][1] != char:
                stack.pop()
            if stack:
                stack.pop()
    return {i for i, _ in stack}


def _end_run(paragraph: str, i: int) -> int:
    """Where the run of sentence-end characters starting at ``i`` ends
    (``。。。``, ``？！`` end one sentence)."""
    end = i + 1
    while end < len(paragraph) and paragraph[end] in P.SENTENCE_END:
        end += 1
    return end


def _sentence_close(paragraph: str, end: int, closing_expected: list[str]) -> int | None:
    """Where the sentence whose end run stops at ``end`` closes: outside
    quotes, after the closing characters that follow the run; inside one
    quotation, after the closing quote that directly follows it (which it
    pops from ``closing_expected``); ``None`` when the run does not end the
    sentence (it stands inside quotes)."""
    if not closing_expected:
        while end < len(paragraph) and paragraph[end] in P.CLOSING_AFTER_END:
            end += 1
        return end
    if len(closing_expected) == 1 and end < len(paragraph) and paragraph[end] == closing_expected[-1]:
        closing_expected.pop()
        return end + 1
    return None


def _split_paragraph(paragraph: str) -> list[str]:
    """Sentences of one paragraph (see the module docstring)."""
    ignored = _unclosed_quotes(paragraph)
    sentences, start, i = [], 0, 0
    closing_expected: list[str] = []  # the closing quote of each open quotation, innermost last
    while i < len(paragraph):
        char = paragraph[i]
        if char in P.OPENING_QUOTES and i not in ignored:
            closing_expected.append(P.OPENING_QUOTES[char])
        elif closing_expected and char == closing_expected[-1]:
            closing_expected.pop()
        elif char in P.SENTENCE_END:
            i = _end_run(paragraph, i)
            close = _sentence_close(paragraph, i, closing_expected)
            if close is not None:
                sentences.append(paragraph[start:close])
                start = i = close
            continue
        i += 1
    if start < len(paragraph):
        sentences.append(paragraph[start:])
    return [s.strip() for s in sentences if s.strip()]


def split_sentences(text: str) -> list[str]:
    """Sentences of a cleaned text, in order, never crossing a paragraph."""
    return [s for paragraph in split_paragraphs(text) for s in _split_paragraph(paragraph)]


def sentence_lengths(corpus) -> dict[str, list[int]]:
    """``{doc_id: [characters of each sentence]}`` of a loaded corpus, in
    corpus and text order (see :func:`split_sentences`)."""
    from corpus_utils.corpus.documents import documents

    return {doc_id: [len(s) for s in split_sentences(text)] for doc_id, text in documents(corpus)}
