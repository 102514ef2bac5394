"""Slogans and numbered formulae: extraction with evidence.

Four sources feed one tidy table (:func:`extract_slogans`), and ``source``
says which one found each row:

1. ``quoted``: expressions in “…”, ‘…’, 「…」, 『…』 and titles in 《…》
   (``title``), classified as ``numbered_formula``, ``slogan`` (watchwords,
   formulations, campaign names), ``idiom`` (idioms, proverbs, sayings and
   words quoted for emphasis or as metaphor), ``citation`` (quoted speech or
   writing) or ``title``;
2. ``lexicon``: entries of the packaged slogan lexicon (``data/slogans.csv``:
   level, English gloss, first year and source) found unquoted; numbered
   formulae only on word boundaries, longest form first
   (:func:`corpus_utils.slogans.numbered.find_formulae`);
3. ``corpus``: a numbered formula quoted in another document of the corpus,
   found unquoted here;
4. ``grammar``: a numbered formula by its form alone (三去一降一补, 十一五,
   三个“必然要求”, 三大攻坚战, 五好家庭), never a number with a noun or verb
   that may be a count (两大目标, 两种可能).

Variants are merged under a canonical form (三落实、三确保 = 三落实三确保;
“三个代表”重要思想 = 三个代表); the count is the number of occurrences of the
canonical form in the document, as :meth:`str.count` counts them, separators
allowed between members (so quoted and unquoted uses both count), in two
passes over the text whatever the number of forms.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import pandas as pd

from corpus_utils import constants as P
from corpus_utils.slogans.numbered import (
    GENERIC_HEADS,
    FormulaIndex,
    NumberedExpression,
    find_formulae,
    formula_shape,
    members_of,
    normalise,
    strip_generic_head,
)
from corpus_utils.terms.lexicon import formulation_lexicon, formulation_words
from corpus_utils.terms.segment import reference_dictionary

KINDS = ("numbered_formula", "slogan", "idiom", "citation", "title")
SENTENCE_FINAL = "。！？!?…"
#: A quotation longer than this (Han characters) with clause punctuation is a citation.
CITATION_MIN_HAN = 20


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
    """Read a slogan lexicon CSV (columns :data:`SLOGAN_COLUMNS`, in any
    encoding :func:`corpus_utils.corpus.encoding.decode_bytes` reads), keyed
    by canonical form.

    Raises
    ------
    CorpusError
        A file that is missing, cannot be decoded or is empty; a missing
        column, no slogan at all, an empty slogan, a kind other than
        numbered_formula or slogan, a level other than central or local, a
        first year that is not four digits, or a slogan listed twice.
    """
    import io
    from pathlib import Path

    from corpus_utils.corpus.encoding import read_text_file
    from corpus_utils.errors import CorpusError

    path = Path(str(path))
    text = read_text_file(path).text
    if not text.strip():
        raise CorpusError(path, f"is empty; a slogan list is a CSV file with the header {','.join(SLOGAN_COLUMNS)}")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in SLOGAN_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CorpusError(path, f"lacks the column(s) {', '.join(missing)}; the header must be "
                                f"{','.join(SLOGAN_COLUMNS)}")
    entries: dict[str, KnownSlogan] = {}
    for line_no, row in enumerate(reader, start=2):
        entry = _slogan_row(row, path=path, where=f"line {line_no}")
        if entry.slogan in entries:
            raise CorpusError(path, f"line {line_no}: '{row['slogan']}' is listed twice; keep one line")
        entries[entry.slogan] = entry
    if not entries:
        raise CorpusError(path, "holds a header but no slogan; add one slogan a line")
    return entries


def _slogan_row(row: dict, *, path, where: str) -> KnownSlogan:
    """One checked row of a slogan lexicon (see :func:`read_slogan_lexicon`)."""
    from corpus_utils.errors import CorpusError

    row = {column: row.get(column) or "" for column in SLOGAN_COLUMNS}
    form = normalise(row["slogan"])
    if not form:
        raise CorpusError(path, f"{where}: the slogan is empty; fill it in or delete the line")
    if row["kind"] not in ("numbered_formula", "slogan"):
        raise CorpusError(path, f"{where}: kind '{row['kind']}' must be numbered_formula or slogan")
    if row["level"] not in ("central", "local"):
        raise CorpusError(path, f"{where}: level '{row['level']}' must be central or local")
    if row["first_year"] and not P.YEAR.fullmatch(row["first_year"]):
        raise CorpusError(path, f"{where}: first_year '{row['first_year']}' must be a year such as 2016, or empty")
    return KnownSlogan(form, row["kind"], row["level"], row["gloss_en"], row["first_year"], row["source"])


@lru_cache(maxsize=1)
def slogan_lexicon() -> dict[str, KnownSlogan]:
    """The packaged slogan lexicon (``data/slogans.csv``), keyed by canonical form."""
    return read_slogan_lexicon(resources.files("corpus_utils") / "data" / "slogans.csv")


@lru_cache(maxsize=16)
def slogan_entries(custom_slogans: tuple[KnownSlogan, ...] = ()) -> dict[str, KnownSlogan]:
    """The packaged slogan lexicon (:func:`slogan_lexicon`) with
    ``custom_slogans`` joined, keyed by canonical form; a custom entry
    replaces a packaged one of the same form. Do not modify the result."""
    if not custom_slogans:
        return slogan_lexicon()
    return {**slogan_lexicon(), **{entry.slogan: entry for entry in custom_slogans}}


@lru_cache(maxsize=16)
def known_formulae(*, custom_slogans: tuple[KnownSlogan, ...] = ()) -> frozenset[str]:
    """Numbered formulae known from the slogan lexicon (with
    ``custom_slogans``: :func:`slogan_entries`), plus the formulation
    lexicon's numbered entries (tagged ``nz``) that have a formula's shape,
    each without a generic head (十四五规划 -> 十四五, 两山理念 -> 两山): congress
    names (十九大), dates (七一), ordinals and words such as 一把手 are not
    formulae."""
    lexicon = slogan_entries(custom_slogans)
    from_slogans = {k for k, v in lexicon.items() if v.kind == "numbered_formula"}
    from_slogans |= {bare for form in from_slogans if (bare := _bare_label(form))}
    from_lexicon = set()
    for entry in formulation_lexicon():
        if entry.tag == "nz" and P.FORMULA_START.match(entry.word) and entry.word not in lexicon:
            form = strip_generic_head(entry.word, from_slogans)
            if formula_shape(form) in ("compound", "label", "plan name") and not form.startswith("一"):
                from_lexicon.add(form)
    return frozenset(from_slogans | from_lexicon)


def _bare_label(form: str) -> str:
    """The two-character label of a lexicon formula with a generic head, as it
    is quoted on its own (双百方针 -> 双百, 二为方向 -> 二为, 两山理论 -> 两山);
    '' for a number (六五计划, 八八战略) or a count (千人计划)."""
    for head in GENERIC_HEADS:
        rest = form[:-len(head)]
        if (form.endswith(head) and len(rest) == 2 and not P.NUMERAL_ONLY.fullmatch(rest)
                and not P.COUNT_HEAD.search(rest)):
            return rest
    return ""


@lru_cache(maxsize=16)
def _members(known: frozenset[str]) -> frozenset[str]:
    """The members of the known compound formulae (一国 and 两制 of 一国两制):
    quoted on their own, they are formulae."""
    found = set()
    for form in known:
        end, members = members_of(form)
        if end == len(form) and len(members) >= 2:
            found.update(m.number + m.frame + m.head for m in members)
    return frozenset(found - known)


@lru_cache(maxsize=16)
def _formula_index(known: frozenset[str], lexicon: frozenset[str]) -> FormulaIndex:
    return FormulaIndex({form: "lexicon" if form in lexicon else "corpus" for form in known})


@lru_cache(maxsize=1)
def _formulation_words() -> frozenset[str]:
    return frozenset(formulation_words())


def _dictionary_word(expression: str) -> bool:
    """True when jieba's default dictionary holds ``expression`` as one word."""
    return reference_dictionary().has_word(expression)


def classify_quote(content: str, *, bracket: str = "“", known: frozenset[str] | None = None, after: str = "",
                   custom_slogans: tuple[KnownSlogan, ...] = ()) -> str:
    """The kind of one quoted expression (see the module docstring).

    Rules, in order: 《》 is a title; a slogan of the lexicon keeps its kind;
    a numbered label (:func:`corpus_utils.slogans.numbered.formula_shape`: 四个意识,
    三农, 十四五, 一个国家，两种制度, or a member of a known formula such as 一国)
    is a numbered formula; a quotation ending a sentence, or longer than
    :data:`CITATION_MIN_HAN` Han characters with clause punctuation, is a
    citation; a short one with clause punctuation is a saying (idiom); a
    composite (parts joined by 、 · + or space) is a slogan; up to three
    characters, or one word of jieba's general dictionary, is an idiom (a
    metaphor or a word quoted for emphasis: 垫脚石, 硬骨头); anything longer is a
    slogan.

    A code of Chinese numerals (“八七”) is a numbered formula when the words
    after the quote name a programme (扶贫攻坚计划, 工程, 规划).

    Parameters
    ----------
    known
        Known numbered formulae; default :func:`known_formulae`.
    after
        The text right after the closing quote (a few characters suffice).
    custom_slogans
        Slogan-lexicon entries to know besides the packaged ones (:func:`slogan_entries`).
    """
    if bracket == "《":
        return "title"
    known = known_formulae(custom_slogans=custom_slogans) if known is None else known
    return _classify(content, known=known, after=after, lexicon=slogan_entries(custom_slogans))


def _classify(content: str, *, known: frozenset[str], after: str, lexicon: dict[str, KnownSlogan]) -> str:
    """:func:`classify_quote` of a quotation that is not a title, with the lexicon resolved."""
    text = content.strip()
    key = normalise(text)
    return _known_kind(text, key, known=known, after=after, lexicon=lexicon) or _written_kind(text, key)


def _known_kind(text: str, key: str, *, known: frozenset[str], after: str, lexicon: dict[str, KnownSlogan]) -> str:
    """``numbered_formula`` or ``slogan`` for a quotation named by what is
    known (a programme code before a programme, a slogan of the lexicon, a
    numbered label or a member of a known formula); ``''`` otherwise."""
    if P.PROGRAMME_CODE.fullmatch(key) and P.PROGRAMME_HEAD.match(after):
        return "numbered_formula"
    entry = lexicon.get(key)
    if entry and entry.kind == "slogan":
        return "slogan"
    if formula_shape(text, known=known, members=_members(known)):
        return "numbered_formula"
    return ""


def _written_kind(text: str, key: str) -> str:
    """``citation``, ``idiom`` or ``slogan`` for a quotation by how it is
    written: its punctuation, its length, its parts."""
    han = len(P.HAN_CHAR.findall(text))
    if text[-1:] in SENTENCE_FINAL or (P.CLAUSE_PUNCT.search(text) and han > CITATION_MIN_HAN):
        return "citation"
    if P.CLAUSE_PUNCT.search(text):
        return "idiom"
    if key in _formulation_words() or P.COMPOSITE_SEPARATOR.search(text):
        return "slogan"
    if han <= 3 or _dictionary_word(key):
        return "idiom"
    return "slogan"


def quoted_expressions(text: str) -> list[tuple[int, str, str]]:
    """``(position, bracket, content)`` of every quoted expression and title,
    nested ones included, in text order."""
    found = []
    for pattern in P.QUOTE_PATTERNS:
        found += [(m.start(), m.group(0)[0], m.group(1)) for m in pattern.finditer(text)]
    found += [(m.start(), "《", m.group(1)) for m in P.TITLE_PATTERN.finditer(text)]
    return sorted(found)


def canonical(expression: str, kind: str, *, custom_slogans: tuple[KnownSlogan, ...] = ()) -> str:
    """Canonical form: separators removed for slogans and formulae (a
    formula's generic head too, when the bare label is known, with
    ``custom_slogans``); idioms and citations keep their punctuation, final 。
    dropped."""
    return _canonical(expression, kind, known_formulae(custom_slogans=custom_slogans))


def _canonical(expression: str, kind: str, formulae: frozenset[str]) -> str:
    text = expression.strip()
    if kind == "numbered_formula":
        return strip_generic_head(normalise(text), formulae)
    if kind == "slogan":
        return normalise(text)
    return P.QUOTE_MARKS.sub("", text).rstrip("。！？!?…").strip()


def _written(form: str, kind: str) -> str:
    """How a form is counted (see :func:`count_forms`): titles and long or
    punctuated quotations as written, slogans and formulae of six
    characters or more (two members or more: 三落实、三确保) also across a
    comma, the rest with enumeration separators only."""
    if kind == "title" or len(form) > 40 or P.CLAUSE_PUNCT.search(form):
        return "as written"
    return "members" if kind in ("numbered_formula", "slogan") and len(form) >= 6 else "enumeration"


def _squeezed(text: str, separators: re.Pattern) -> tuple[str, list[int], list[int]]:
    """``text`` without ``separators``, with what maps a position in it back:
    the squeezed positions where separators were cut and the number of
    characters cut up to each."""
    cuts, shifts, removed = [], [], 0
    for match in separators.finditer(text):
        cuts.append(match.start() - removed)
        removed += match.end() - match.start()
        shifts.append(removed)
    return separators.sub("", text), cuts, shifts


def _positions(text: str, keys) -> dict[str, list[int]]:
    """Where each key of ``keys`` starts in ``text``, as :meth:`str.count`
    finds them (left to right, an occurrence never overlapping the previous
    one of the same key; nested in other keys they count): one Aho-Corasick
    pass, linear in the text plus the occurrences."""
    import ahocorasick

    positions: dict[str, list[int]] = {key: [] for key in keys}
    if not positions or not text:
        return positions
    automaton = ahocorasick.Automaton()
    for key in positions:
        automaton.add_word(key, key)
    automaton.make_automaton()
    free_from: dict[str, int] = dict.fromkeys(positions, 0)
    for end, key in automaton.iter(text):
        start = end - len(key) + 1
        if start >= free_from[key]:
            positions[key].append(start)
            free_from[key] = end + 1
    return positions


def _inside_a_number(text: str, start: int, end: int) -> bool:
    """Whether the numerals ``text[start:end]`` go on into a longer number,
    date, ordinal or congress (一九六五年, 第十五, 十五大)."""
    return bool(P.NUMBER_GOES_ON_BEFORE.search(text, max(0, start - 1), start)
                or P.NUMBER_GOES_ON_AFTER.match(text, end))


def count_forms(text: str, forms: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Occurrences of each form in ``text``: ``{form: (count, first
    position)}``, first position -1 when absent. ``forms`` maps each form to
    how it may be written: ``"as written"``; ``"enumeration"`` (、 · and
    spaces allowed between its characters: idioms, 中国 is not in 其中，国家);
    ``"members"`` (also ，；: slogans and formulae, 一个国家，两种制度 =
    一个国家两种制度). Counted as :meth:`str.count` counts, occurrences inside
    longer forms included, except that a form written only in numerals (六五)
    is not counted inside a longer number, ordinal or congress (一九六五年,
    十五大); two Aho-Corasick passes for all forms."""
    result = {form: (0, -1) for form in forms}
    codes = {form for form in forms if P.NUMERAL_ONLY.fullmatch(form)}
    result.update(_count_literal(text, forms, codes=codes))
    squeezable = _squeezable(forms, codes=codes)
    if squeezable:
        result.update(_count_squeezed(text, squeezable))
    return result


def _count_literal(text: str, forms: dict[str, str], *, codes: set[str]) -> dict[str, tuple[int, int]]:
    """``(count, first position)`` of the forms counted as written and of the
    numeral ``codes`` (those not inside a longer number)."""
    literal = [form for form, how in forms.items() if (how == "as written" or form in codes) and form]
    counted = {}
    for form, found in _positions(text, literal).items():
        if form in codes:
            found = [start for start in found if not _inside_a_number(text, start, start + len(form))]
        counted[form] = (len(found), found[0] if found else -1)
    return counted


def _squeezable(forms: dict[str, str], *, codes: set[str]) -> dict[str, list[tuple[str, str]]]:
    """The forms that may be written with separators, as ``(form, how)``
    under their key without separators (numeral ``codes`` and empty keys
    left out)."""
    squeezable: dict[str, list[tuple[str, str]]] = {}
    for form, how in forms.items():
        key = P.MEMBER_SEPARATORS.sub("", form)
        if how != "as written" and key and form not in codes:
            squeezable.setdefault(key, []).append((form, how))
    return squeezable


def _count_squeezed(text: str, squeezable: dict[str, list[tuple[str, str]]]) -> dict[str, tuple[int, int]]:
    """``(count, first position in text)`` of the :func:`_squeezable` forms,
    found in ``text`` without separators; an ``enumeration`` form never
    across a clause separator."""
    squeezed, cuts, shifts = _squeezed(text, P.MEMBER_SEPARATORS)
    counted = {}
    for key, found in _positions(squeezed, list(squeezable)).items():
        for form, how in squeezable[key]:
            valid = found if how == "members" else [
                q for q in found
                if not P.CLAUSE_SEPARATOR.search(text, _original(q, cuts, shifts),
                                                 _original(q + len(key) - 1, cuts, shifts) + 1)]
            counted[form] = (len(valid), _original(valid[0], cuts, shifts) if valid else -1)
    return counted


def _original(position: int, cuts: list[int], shifts: list[int]) -> int:
    """The position in the text of ``position`` in its :func:`_squeezed`
    form."""
    k = bisect_right(cuts, position) - 1
    return position + (shifts[k] if k >= 0 else 0)


def _context(text: str, position: int, length: int, width: int = 15) -> str:
    left = text[max(0, position - width):position]
    right = text[position + length:position + length + width]
    return f"{left}【{text[position:position + length]}】{right}".replace("\n", " ")


#: How each rule of :func:`corpus_utils.slogans.numbered.find_formulae` is reported in ``source``.
FORMULA_SOURCE = {"lexicon": "lexicon", "corpus": "corpus"}


def extract_from_text(text: str, tokens: list[str], *, doc_id: str = "", known: frozenset[str] | None = None,
                      use_lexicon: bool = True, custom_slogans: tuple[KnownSlogan, ...] = ()) -> pd.DataFrame:
    """Slogans, numbered formulae, idioms, citations and titles of one text.

    Parameters
    ----------
    text
        Cleaned text.
    tokens
        Its tokens (:meth:`corpus_utils.terms.segment.Segmenter.tokens`).
    known
        Numbered formulae to accept without further evidence; default the
        lexicons' (:func:`known_formulae`). Those that are not the lexicons'
        are reported with source ``corpus`` (quoted in another document).
    use_lexicon
        Also report known slogans and formulae found unquoted (default).
        ``False`` uses quotes and grammar only (and ``known``): what the
        extractor finds with no prior knowledge.
    custom_slogans
        Slogan-lexicon entries (:class:`KnownSlogan`) known besides the
        packaged ones (:func:`slogan_entries`): with ``use_lexicon`` they are
        found unquoted, and their ``origin``, gloss and first year are
        reported as for the packaged entries.

    Returns
    -------
    pandas.DataFrame
        See :func:`extract_slogans`.
    """
    lexicon = slogan_entries(custom_slogans)
    all_formulae = known_formulae(custom_slogans=custom_slogans)
    lexicon_forms = all_formulae if use_lexicon else frozenset()
    known = lexicon_forms if known is None else frozenset(known)
    found: dict[str, dict] = {}
    formulae = find_formulae(text, tokens, index=_formula_index(known, lexicon_forms))
    _add_quotes(found, text, formulae, known=known, lexicon=lexicon, heads=all_formulae)
    for expression in formulae:
        _add(found, normalise(expression.text), "numbered_formula", FORMULA_SOURCE.get(expression.rule, "grammar"),
             expression.text, expression.start)
    lexicon_slogans = {form: entry for form, entry in lexicon.items()
                       if use_lexicon and entry.kind == "slogan" and form not in found}
    counted = count_forms(text, {**{form: _written(form, info["kind"]) for form, info in found.items()},
                                 **{form: _written(form, "slogan") for form in lexicon_slogans}})
    for form, entry in lexicon_slogans.items():
        count, first = counted[form]
        if count:
            _add(found, form, entry.kind, "lexicon", form, first)
    rows = [_row(text, form, info, counted[form], doc_id=doc_id, lexicon=lexicon) for form, info in found.items()]
    frame = pd.DataFrame(rows, columns=["doc_id", "slogan", "kind", "count", "first_position", "context", "source",
                                        "origin", "gloss_en", "first_year"])
    return frame.sort_values(["first_position", "slogan"], kind="stable").reset_index(drop=True)


def _add(found: dict[str, dict], form: str, kind: str, source: str, surface: str, position: int) -> None:
    """Record ``form`` in ``found`` unless it is shorter than two characters
    or already there; a form already recorded as an idiom takes the kind
    slogan or numbered formula when it comes again as one."""
    if len(form) < 2 or form in found:
        if form in found and found[form]["kind"] == "idiom" and kind in ("slogan", "numbered_formula"):
            found[form]["kind"] = kind
        return
    found[form] = {"kind": kind, "source": source, "surface": surface, "position": position}


def _add_quotes(found: dict[str, dict], text: str, formulae: list[NumberedExpression], *, known: frozenset[str],
                lexicon: dict[str, KnownSlogan], heads: frozenset[str]) -> None:
    """Record every quoted expression and title of ``text`` with two Han
    characters or more, classified (with the slogan ``lexicon``), except
    those inside a formula; formulae lose a generic head after a label of
    ``heads`` (:func:`canonical`)."""
    formula_starts = [f.start for f in formulae]
    for position, bracket, content in quoted_expressions(text):
        if len(P.HAN_CHAR.findall(content)) < 2 or _inside_a_formula(position, content, formulae, formula_starts):
            continue
        after = text[position + len(content) + 2:position + len(content) + 10]
        kind = "title" if bracket == "《" else _classify(content, known=known, after=after, lexicon=lexicon)
        _add(found, _canonical(content, kind, heads), kind, "quoted" if bracket != "《" else "title", content, position + 1)


def _inside_a_formula(position: int, content: str, formulae: list[NumberedExpression], formula_starts: list[int]) -> bool:
    """Whether the quotation of ``content`` at ``position`` lies inside one of
    the ``formulae`` (starting at ``formula_starts``, in order)."""
    # inside a formula (三个“必然要求”): the formula speaks for it
    k = bisect_right(formula_starts, position) - 1
    return k >= 0 and formulae[k].start < position and position + len(content) + 2 <= formulae[k].end + 1


def _row(text: str, form: str, info: dict, counted: tuple[int, int], *, doc_id: str,
         lexicon: dict[str, KnownSlogan]) -> dict:
    """The table row of one form: its count and first position (where it was
    found when the count missed it), context, and what the lexicon says."""
    count, first = counted
    if count == 0:
        count, first = 1, info["position"]
    return {
        "doc_id": doc_id, "slogan": form, "kind": info["kind"], "count": count, "first_position": first,
        "context": _context(text, first, len(info["surface"])) if first >= 0 else "",
        "source": info["source"], **_lexicon_columns(form, info["kind"], lexicon),
    }


def _lexicon_columns(form: str, kind: str, lexicon: dict[str, KnownSlogan]) -> dict[str, str]:
    """``origin, gloss_en, first_year`` of a form from the slogan ``lexicon``;
    origin ``new`` for a slogan or formula the lexicon does not know."""
    entry = lexicon.get(form)
    if entry:
        return {"origin": entry.level, "gloss_en": entry.gloss_en, "first_year": entry.first_year}
    return {"origin": "new" if kind in ("slogan", "numbered_formula") else "", "gloss_en": "", "first_year": ""}


def extract_slogans(corpus: pd.DataFrame, *, segmenter=None, kinds: tuple[str, ...] | None = None,
                    use_lexicon: bool = True, custom=None) -> pd.DataFrame:
    """Extract from every document of a loaded corpus.

    A numbered expression quoted as a formula in any document is accepted
    unquoted in every document (corpus-level evidence, source ``corpus``).

    Parameters
    ----------
    corpus
        From :func:`corpus_utils.load_corpus`.
    segmenter
        Default: :func:`corpus_utils.terms.segment.corpus_segmenter` of the
        corpus (with ``custom``'s words).
    kinds
        Keep only these kinds (:data:`KINDS`); default all.
    use_lexicon
        Also find the slogan lexicon's entries unquoted (see :func:`extract_from_text`).
    custom
        A :class:`corpus_utils.terms.custom.CustomLists`: its ``slogans``
        join the packaged slogan lexicon (``origin`` their CSV ``level``), its
        ``words`` are kept whole by the default segmenter.

    Returns
    -------
    pandas.DataFrame
        One row per (document, canonical expression): ``doc_id, slogan, kind,
        count, first_position, context, source, origin, gloss_en, first_year``.
        ``source`` says how it was found: ``quoted`` (in this document),
        ``title``, ``lexicon`` (a known slogan or formula, unquoted),
        ``corpus`` (a formula quoted in another document of the corpus) or
        ``grammar`` (a numbered formula by its form alone: a compound such as
        三去一降一补, a plan name, a number quantifying a verb such as 两个维护);
        ``origin`` is ``central``/``local`` from the slogan lexicon, or ``new``
        for a slogan or formula the lexicon does not know.
    """
    from corpus_utils.corpus.documents import documents
    from corpus_utils.terms.segment import corpus_segmenter, tokens_by_doc

    slogans = tuple(custom.slogans) if custom is not None else ()
    tokens = tokens_by_doc(corpus, segmenter or corpus_segmenter(corpus, custom=custom))
    known = corpus_formulae(quoted_formulae(corpus["text"], custom_slogans=slogans), use_lexicon=use_lexicon,
                            custom_slogans=slogans)
    frames = [extract_from_text(t, tokens[d], doc_id=d, known=known, use_lexicon=use_lexicon, custom_slogans=slogans)
              for d, t in documents(corpus)]
    return filter_kinds(pd.concat(frames, ignore_index=True), kinds)


def corpus_formulae(quoted: Iterable[str], *, use_lexicon: bool = True,
                    custom_slogans: tuple[KnownSlogan, ...] = ()) -> frozenset[str]:
    """The formulae known when a corpus is analysed: the lexicon's
    (:func:`known_formulae`, with ``custom_slogans``, unless ``use_lexicon``
    is false) and those quoted anywhere in the corpus (:func:`quoted_formulae`)."""
    return (known_formulae(custom_slogans=custom_slogans) if use_lexicon else frozenset()) | frozenset(quoted)


def quoted_formulae(texts, *, custom_slogans: tuple[KnownSlogan, ...] = ()) -> frozenset[str]:
    """Numbered formulae quoted anywhere in ``texts``: corpus-level evidence
    that lets the grammar accept the same expression unquoted. Left out are
    members quoted on their own (“一国”: unquoted, 一国 is usually not the
    member of 一国两制) and two-character forms (“十五”, “两旺”: unquoted
    they are mostly numbers and words). ``custom_slogans``: entries known
    besides the packaged slogan lexicon."""
    known = known_formulae(custom_slogans=custom_slogans)
    members = _members(known)
    lexicon = slogan_entries(custom_slogans)
    return frozenset(key for text in texts for _, bracket, content in quoted_expressions(text)
                     if bracket != "《" and len(key := _canonical(content, "numbered_formula", known)) >= 3
                     and key not in members
                     and _classify(content, known=known, after="", lexicon=lexicon) == "numbered_formula")


def filter_kinds(table: pd.DataFrame, kinds: tuple[str, ...] | None) -> pd.DataFrame:
    """Rows of the given kinds (all rows when ``kinds`` is empty)."""
    if not kinds:
        return table
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown kind(s) {', '.join(sorted(unknown))}; choose from {', '.join(KINDS)}")
    return table[table["kind"].isin(kinds)].reset_index(drop=True)
