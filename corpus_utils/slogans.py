"""Slogans and numbered formulae: extraction with evidence.

Three sources feed one tidy table (:func:`extract_slogans`):

1. **Quoted expressions** in “…”, ‘…’, 「…」, 『…』 and titles in 《…》,
   classified as ``numbered_formula``, ``slogan`` (watchwords, formulations,
   campaign names), ``idiom`` (idioms, proverbs, sayings and words quoted
   for emphasis or as metaphor), ``citation`` (quoted speech or writing) or
   ``title``;
2. **Numbered formulae** found by the grammar of :mod:`corpus_utils.numbered`,
   quoted or not;
3. **Known slogans**: entries of the packaged slogan lexicon
   (``data/slogans.csv``: level, English gloss, first year known) found
   unquoted.

Variants are merged under a canonical form (三落实、三确保 = 三落实三确保); the
count is the number of occurrences of the canonical form in the document,
separators allowed (so quoted and unquoted uses both count).
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from corpus_utils.lexicon import formulation_lexicon
from corpus_utils.numbered import NUMERALS, classify, find_numbered, normalise

KINDS = ("numbered_formula", "slogan", "idiom", "citation", "title")
QUOTE_PATTERNS = (
    re.compile(r"“([^“”\n]{1,300})”"),
    re.compile(r"‘([^‘’\n]{1,200})’"),
    re.compile(r"「([^「」\n]{1,300})」"),
    re.compile(r"『([^『』\n]{1,200})』"),
)
TITLE_PATTERN = re.compile(r"《([^《》\n]{1,60})》")
CLAUSE_PUNCT = re.compile(r"[，；：,;:]")
SENTENCE_FINAL = "。！？!?…"
HAN = re.compile(r"[\u3400-\u9fff]")
#: A quotation longer than this (Han characters) with clause punctuation is a citation.
CITATION_MIN_HAN = 20
#: Composite watchwords: parts joined by 、 · + or a space (时限更快、价格更优…).
COMPOSITE_SEPARATOR = re.compile(r"[、·•+＋ ]")
NUMBERED_START = re.compile(f"^[{NUMERALS}]+(?:个|大|项|种|条|位|维|方面)?[^\\W\\d]")


@dataclass(frozen=True)
class KnownSlogan:
    """An entry of the slogan lexicon."""

    slogan: str
    kind: str
    level: str
    gloss_en: str
    first_year: str
    source: str


SLOGAN_COLUMNS = ("slogan", "kind", "level", "gloss_en", "first_year", "source")


def read_slogan_lexicon(path) -> dict[str, KnownSlogan]:
    """Read a slogan lexicon CSV (columns :data:`SLOGAN_COLUMNS`), keyed by
    canonical form.

    Raises
    ------
    CorpusError
        A missing column, an empty slogan, a kind other than numbered_formula
        or slogan, a level other than central or local, a first year that is
        not four digits, or a slogan listed twice.
    """
    from pathlib import Path

    from corpus_utils.errors import CorpusError

    path = Path(str(path))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in SLOGAN_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CorpusError(path, f"lacks the column(s) {', '.join(missing)}; the header must be "
                                    f"{','.join(SLOGAN_COLUMNS)}")
        entries: dict[str, KnownSlogan] = {}
        for line_no, row in enumerate(reader, start=2):
            where = f"line {line_no}"
            form = normalise(row["slogan"] or "")
            if not form:
                raise CorpusError(path, f"{where}: the slogan is empty; fill it in or delete the line")
            if row["kind"] not in ("numbered_formula", "slogan"):
                raise CorpusError(path, f"{where}: kind '{row['kind']}' must be numbered_formula or slogan")
            if row["level"] not in ("central", "local"):
                raise CorpusError(path, f"{where}: level '{row['level']}' must be central or local")
            if row["first_year"] and not re.fullmatch(r"\d{4}", row["first_year"]):
                raise CorpusError(path, f"{where}: first_year '{row['first_year']}' must be a year such as 2016, "
                                        "or empty")
            if form in entries:
                raise CorpusError(path, f"{where}: '{row['slogan']}' is listed twice; keep one line")
            entries[form] = KnownSlogan(form, row["kind"], row["level"], row["gloss_en"], row["first_year"],
                                        row["source"])
    return entries


@lru_cache(maxsize=1)
def slogan_lexicon() -> dict[str, KnownSlogan]:
    """The packaged slogan lexicon (``data/slogans.csv``), keyed by canonical form."""
    return read_slogan_lexicon(resources.files("corpus_utils") / "data" / "slogans.csv")


@lru_cache(maxsize=1)
def known_formulae() -> frozenset[str]:
    """Numbered formulae known from the slogan and formulation lexicons."""
    from_slogans = {k for k, v in slogan_lexicon().items() if v.kind == "numbered_formula"}
    # formulation-lexicon entries count only when they have the grammar's
    # shape: 十九届五中全会 or 五一劳动奖章 are names, not formulae
    from_lexicon = {e.word for e in formulation_lexicon() if e.word[0] in NUMERALS and classify(e.word) is not None}
    return frozenset(from_slogans | from_lexicon)


@lru_cache(maxsize=1)
def _formulation_words() -> frozenset[str]:
    return frozenset(e.word for e in formulation_lexicon())


def _dictionary_word(expression: str) -> bool:
    """True when jieba's default dictionary holds ``expression`` as one word."""
    from corpus_utils.numbered import _dictionary

    return _dictionary().has_word(expression)


def classify_quote(content: str, *, bracket: str = "“") -> str:
    """The kind of one quoted expression (see the module docstring).

    Rules, in order: 《》 is a title; a quotation ending a sentence, or longer
    than :data:`CITATION_MIN_HAN` Han characters with clause punctuation, is a
    citation; a short one with clause punctuation is a saying (idiom); a
    numbered expression is a numbered formula; a known slogan keeps its
    lexicon kind; a composite (parts joined by 、 · + or space) is a slogan;
    up to three characters, or one word of jieba's general dictionary, is an
    idiom (a metaphor or a word quoted for emphasis: 垫脚石, 硬骨头); anything
    longer is a slogan.
    """
    if bracket == "《":
        return "title"
    text = content.strip()
    han = len(HAN.findall(text))
    if text[-1:] in SENTENCE_FINAL or (CLAUSE_PUNCT.search(text) and han > CITATION_MIN_HAN):
        return "citation"
    if CLAUSE_PUNCT.search(text):
        return "idiom"
    key = normalise(text)
    known = slogan_lexicon().get(key)
    if known:
        return known.kind
    verdict = classify(key, known=known_formulae())
    if (verdict and verdict[0] == "formula") or (verdict and NUMBERED_START.match(key) and not key.startswith("一")):
        return "numbered_formula"
    if key in _formulation_words() or COMPOSITE_SEPARATOR.search(text):
        return "slogan"
    if han <= 3 or _dictionary_word(key):
        return "idiom"
    return "slogan"


def quoted_expressions(text: str) -> list[tuple[int, str, str]]:
    """``(position, bracket, content)`` of every quoted expression and title,
    nested ones included, in text order."""
    found = []
    for pattern in QUOTE_PATTERNS:
        found += [(m.start(), m.group(0)[0], m.group(1)) for m in pattern.finditer(text)]
    found += [(m.start(), "《", m.group(1)) for m in TITLE_PATTERN.finditer(text)]
    return sorted(found)


def canonical(expression: str, kind: str) -> str:
    """Canonical form: separators removed for slogans and formulae; idioms
    and citations keep their punctuation, final 。 dropped."""
    text = expression.strip()
    if kind in ("numbered_formula", "slogan"):
        return normalise(text)
    return re.sub(r"[“”‘’「」『』]", "", text).rstrip("。！？!?…").strip()


def _occurrences(text: str, form: str) -> list[int]:
    """Start positions of ``form`` in ``text``, allowing 、 · and spaces (not
    quotation marks) between its characters for slogans."""
    if len(form) > 40 or CLAUSE_PUNCT.search(form):
        return [m.start() for m in re.finditer(re.escape(form), text)]
    gap = r"[、·•\s]?"
    pattern = gap.join(re.escape(c) for c in form)
    return [m.start() for m in re.finditer(pattern, text)]


def _context(text: str, position: int, length: int, width: int = 15) -> str:
    left = text[max(0, position - width):position]
    right = text[position + length:position + length + width]
    return f"{left}【{text[position:position + length]}】{right}".replace("\n", " ")


def extract_from_text(text: str, tokens: list[str], *, doc_id: str = "", known: frozenset[str] | None = None,
                      use_lexicon: bool = True) -> pd.DataFrame:
    """Slogans, numbered formulae, idioms, citations and titles of one text.

    Parameters
    ----------
    text
        Cleaned text.
    tokens
        Its tokens (:meth:`corpus_utils.segment.Segmenter.tokens`).
    known
        Numbered formulae to accept without further evidence; default the
        lexicons' (:func:`known_formulae`).
    use_lexicon
        Also report known slogans found unquoted (default). ``False`` uses
        quotes and grammar only: what the extractor finds with no prior
        knowledge.

    Returns
    -------
    pandas.DataFrame
        See :func:`extract_slogans`.
    """
    known = known_formulae() if known is None else known
    found: dict[str, dict] = {}

    def add(form: str, kind: str, source: str, surface: str) -> None:
        if len(form) < 2 or form in found:
            if form in found and found[form]["kind"] == "idiom" and kind in ("slogan", "numbered_formula"):
                found[form]["kind"] = kind
            return
        found[form] = {"kind": kind, "source": source, "surface": surface}

    quotes = quoted_expressions(text)
    numbered = find_numbered(text, tokens, known=known)
    formula_spans = sorted((n.start, n.end) for n in numbered if n.role == "formula")
    formula_starts = [start for start, _ in formula_spans]
    for position, bracket, content in quotes:
        if len(HAN.findall(content)) < 2:
            continue
        # inside a formula found by the grammar (四个“必然要求”): the formula speaks for it
        k = bisect_right(formula_starts, position) - 1
        if k >= 0 and position + len(content) + 2 <= formula_spans[k][1] + 1:
            continue
        kind = classify_quote(content, bracket=bracket)
        add(canonical(content, kind), kind, "quoted" if bracket != "《" else "title", content)
    for expression in numbered:
        if expression.role == "formula":
            add(normalise(expression.text), "numbered_formula", "grammar", expression.text)
    for form, entry in (slogan_lexicon() if use_lexicon else {}).items():
        if form not in found and _occurrences(text, form):
            add(form, entry.kind, "lexicon", form)
    rows = []
    for form, info in found.items():
        positions = _occurrences(text, form) if info["kind"] != "title" else [m.start() for m in re.finditer(
            re.escape(form), text)]
        if not positions:
            positions = [text.find(info["surface"])]
        count = len(positions) if positions[0] >= 0 else 1
        first = min(p for p in positions if p >= 0) if any(p >= 0 for p in positions) else -1
        entry = slogan_lexicon().get(form)
        rows.append({
            "doc_id": doc_id, "slogan": form, "kind": info["kind"], "count": count, "first_position": first,
            "context": _context(text, first, len(info["surface"])) if first >= 0 else "",
            "source": info["source"],
            "origin": entry.level if entry else ("new" if info["kind"] in ("slogan", "numbered_formula") else ""),
            "gloss_en": entry.gloss_en if entry else "", "first_year": entry.first_year if entry else "",
        })
    frame = pd.DataFrame(rows, columns=["doc_id", "slogan", "kind", "count", "first_position", "context", "source",
                                        "origin", "gloss_en", "first_year"])
    return frame.sort_values(["first_position", "slogan"], kind="stable").reset_index(drop=True)


def extract_slogans(corpus: pd.DataFrame, *, segmenter=None, kinds: tuple[str, ...] | None = None,
                    use_lexicon: bool = True) -> pd.DataFrame:
    """Extract from every document of a loaded corpus.

    A numbered expression quoted as a formula in any document is accepted
    unquoted in every document (corpus-level evidence).

    Returns
    -------
    pandas.DataFrame
        One row per (document, canonical expression): ``doc_id, slogan, kind,
        count, first_position, context, source, origin, gloss_en, first_year``.
        ``source`` says how it was found (quoted, title, grammar, lexicon);
        ``origin`` is ``central``/``local`` from the slogan lexicon, or ``new``
        for a slogan or formula the lexicon does not know.
    """
    from corpus_utils.segment import corpus_segmenter

    segmenter = segmenter or corpus_segmenter(corpus)
    tokens = {d: segmenter.tokens(t) for d, t in zip(corpus["doc_id"], corpus["text"], strict=True)}
    known = (known_formulae() if use_lexicon else frozenset()) | quoted_formulae(corpus["text"])
    frames = [extract_from_text(t, tokens[d], doc_id=d, known=known, use_lexicon=use_lexicon)
              for d, t in zip(corpus["doc_id"], corpus["text"], strict=True)]
    return filter_kinds(pd.concat(frames, ignore_index=True), kinds)


def quoted_formulae(texts) -> frozenset[str]:
    """Numbered formulae quoted anywhere in ``texts``: corpus-level evidence
    that lets the grammar accept the same expression unquoted."""
    return frozenset(normalise(content) for text in texts for _, bracket, content in quoted_expressions(text)
                     if bracket != "《" and classify_quote(content, bracket=bracket) == "numbered_formula")


def filter_kinds(table: pd.DataFrame, kinds: tuple[str, ...] | None) -> pd.DataFrame:
    """Rows of the given kinds (all rows when ``kinds`` is empty)."""
    if not kinds:
        return table
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kind(s) {', '.join(sorted(unknown))}; choose from {', '.join(KINDS)}")
    return table[table["kind"].isin(kinds)].reset_index(drop=True)
