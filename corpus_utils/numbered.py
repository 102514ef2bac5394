"""Numbered expressions: numbered formulae, count announcements and counting.

A numbered formula (数字式提法) packs a list into a number and a frame:
四个意识, 两个维护, 三大攻坚战, 六稳, 四突出四切实, 一岗双责, 十四五. The same
surface shape also announces how many points follow (七点要求, 四个方面 — those
belong to rhetoric structure) or simply counts (一个区域, 15个课题). This
module finds every numbered expression that starts and ends on a token
boundary and gives it one of three roles, by grammar rather than by list:

* ``announcement``: frame 点 (七点要求, 以下四点) or 方面 (四个方面);
* ``formula``: a compound of two or more numbered units (四突出四切实,
  三去一降一补, 五位一体); a five-year-plan name (十四五); a number quantifying
  a verb or adjective, which cannot be counting (六稳, 三个增强, 两个维护,
  六个进一步); the frame 大 (三大攻坚战); an abbreviation the dictionary
  knows as one word (三农, 六保); or an expression known from the slogan or
  formulation lexicon, or quoted as a formula elsewhere in the corpus;
* ``counting``: everything else — a number quantifying a concrete noun
  (一个区域, 两个重点专业), the number 一 alone, Arabic digits, dates such
  as 五四.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

NUMERALS = "一二两三四五六七八九十百千"
#: Frames (classifiers and 大) between a number and its head.
FRAMES = "个大项种条位维类句字"
#: Heads that make a count announcement.
ANNOUNCEMENT_HEADS = ("点", "个方面", "方面")
#: jieba part-of-speech tags of verbs, adjectives and adverbs: a number
#: directly quantifying one of these is a formula, not a count.
VERBAL_TAGS = frozenset({"v", "vd", "vi", "a", "ad", "d", "l", "i"})
#: Tags of a whole numeral+character word that is a lexicalised formula.
LEXICALISED_TAGS = frozenset({"j", "nz", "l", "i", "a", "v", "vn"})
#: Tags that make a numeral+character word a quantity or a time.
QUANTITY_TAGS = frozenset({"m", "mq", "q", "t", "tg", "f", "s", "ns", "nr", "nt"})

_NUM = f"[{NUMERALS}]{{1,3}}"
_HAN = f"[^{NUMERALS}\\W\\d]"
_UNIT_NUM = f"[{NUMERALS}双]"
COMPOUND = re.compile(f"^{_NUM}{_HAN}{{1,2}}(?:[、·]?{_UNIT_NUM}{_HAN}{{0,2}})+$")
PLAN = re.compile(f"^十[{NUMERALS[:9]}]五$")
FRAMED = re.compile(f"^(?P<num>{_NUM})(?P<frame>[{FRAMES}])(?P<head>[“‘]?{_HAN}[^\\W\\d]{{0,3}}[”’]?)$")
BARE = re.compile(f"^(?P<num>{_NUM})(?P<head>{_HAN}{{1,2}})$")
#: The number 一 never announces a count (一方面 is a connective, 一点 "a little").
ANNOUNCEMENT = re.compile(f"^(?:以下)?(?!一[点个方])[{NUMERALS}]{{1,3}}(?:点|个?方面)(?:要求|希望|建议|意见|措施|举措|体会|工作)?$")
#: Enumeration markers (一是, 二要, 三则, 一方面): rhetoric structure, not numbered expressions.
LIST_MARKER = re.compile(f"^{_NUM}(?:是|要|则|来|者|为|方面|曰)")
#: Single numerals and valid Chinese numbers (十, 十四, 二十, 两百); runs that
#: are not numbers (五四, 一二三) are dates or enumerations, not formulae.
VALID_NUMBER = re.compile(r"^(?:[一二两三四五六七八九]?百)?(?:[一二三四五六七八九]?十)?[一二两三四五六七八九]?$")


@dataclass(frozen=True)
class NumberedExpression:
    """One numbered expression found in a text."""

    text: str
    start: int
    end: int
    role: str
    rule: str


@lru_cache(maxsize=1)
def _dictionary():
    """jieba-rs with its default dictionary only: part-of-speech tags and
    word knowledge independent of the project's lexicon."""
    import rjieba

    return rjieba.Jieba()


def _tags(text: str) -> list[tuple[str, str]]:
    return _dictionary().tag(text)


def _valid_number(num: str) -> bool:
    return bool(num) and bool(VALID_NUMBER.match(num)) and num != ""


def classify(expression: str, *, known: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """Role and rule of one candidate string, or ``None`` when it is not a
    numbered expression at all.

    Returns
    -------
    (role, rule)
        ``role`` is ``formula``, ``announcement`` or ``counting``; ``rule``
        names the grammar rule that decided it.
    """
    plain = expression.replace("“", "").replace("”", "").replace("‘", "").replace("’", "")
    if ANNOUNCEMENT.match(plain):
        return "announcement", "frame 点/方面"
    if not plain or plain[0] not in NUMERALS or not plain[-1].isalnum() or LIST_MARKER.match(plain):
        return None
    if expression[-1] in "”’" and expression.count(expression[-1]) > expression.count("“" if expression[-1] == "”" else "‘"):
        return None
    quoted_inside = plain != expression
    if ANNOUNCEMENT.match(plain):
        return "announcement", "frame 点/方面"
    if not quoted_inside and (plain in known or plain.replace("、", "").replace("·", "") in known):
        return "formula", "known"
    if PLAN.match(plain):
        return "formula", "plan name"
    if not quoted_inside and COMPOUND.match(plain) and "个" not in plain and "又" not in plain:
        first_num = re.match(_NUM, plain).group(0)
        if _valid_number(first_num) and plain[len(first_num)] not in "届次年月日号天岁名人家批场轮":
            return "formula", "compound"
    framed = FRAMED.match(expression)
    if framed and _valid_number(framed["num"]):
        head = framed["head"].strip("“”‘’")
        if framed["frame"] == "大":
            return "formula", "frame 大"
        if framed["num"] == "一":
            return "counting", "number 一"
        head_tags = _tags(head)
        if (len(head_tags) == 1 and head_tags[0][1] in VERBAL_TAGS) or head_tags[0][1] in {"v", "d", "l"}:
            return "formula", "number + verb/adjective"
        if framed["head"] != head:
            return "formula", "quoted head"
        return "counting", "number + noun"
    bare = None if quoted_inside else BARE.match(plain)
    if bare and _valid_number(bare["num"]):
        if bare["num"] == "一" or bare["num"][0] in "百千":
            return "counting", "number 一/百/千"
        tags = _tags(plain)
        if len(tags) == 1:
            if tags[0][1] in LEXICALISED_TAGS:
                return "formula", "lexicalised"
            return "counting", f"word tagged {tags[0][1]}"
        if len(tags) == 2 and tags[0][1] == "m" and tags[1][1] in VERBAL_TAGS - {"d"}:
            return "formula", "number + verb/adjective"
        return "counting", "number + noun"
    return None


def _token_spans(tokens: list[str]) -> list[tuple[int, int]]:
    spans, start = [], 0
    for token in tokens:
        spans.append((start, start + len(token)))
        start += len(token)
    return spans


def find_numbered(text: str, tokens: list[str], *, known: frozenset[str] = frozenset(), max_tokens: int = 4
                  ) -> list[NumberedExpression]:
    """Every numbered expression of ``text`` that starts and ends on token
    boundaries (so 一反三 inside 举一反三 is never one), longest first at each
    start, non-overlapping.

    Parameters
    ----------
    text
        The cleaned text.
    tokens
        Its tokens (their concatenation must be ``text``), from
        :meth:`corpus_utils.segment.Segmenter.tokens`.
    known
        Formulae known from lexicons or quoted elsewhere.
    """
    if "".join(tokens) != text:
        raise ValueError("tokens must concatenate to the text")
    spans = _token_spans(tokens)
    starts = [start for start, _ in spans]
    found, i = [], 0
    while i < len(tokens):
        if not tokens[i] or tokens[i][0] not in NUMERALS or (i > 0 and tokens[i - 1] in ("第", "初", "周")):
            i += 1
            continue
        best = None
        for j in range(min(len(tokens), i + max_tokens), i, -1):
            candidate = text[spans[i][0]:spans[j - 1][1]]
            if not re.fullmatch(f"[{NUMERALS}双\\w“”‘’、·]+", candidate):
                continue
            verdict = classify(candidate, known=known)
            if verdict is None:
                continue
            expression = NumberedExpression(candidate, spans[i][0], spans[j - 1][1], *verdict)
            if verdict[0] != "counting":
                best = expression
                break
            best = best or expression
        if best:
            found.append(best)
            i = bisect_left(starts, best.end, lo=i + 1)  # the first token at or after its end
        else:
            i += 1
    return found


def normalise(expression: str) -> str:
    """The canonical form of a numbered formula or slogan: quotation marks,
    enumeration commas, middle dots and spaces removed (三落实、三确保 ->
    三落实三确保)."""
    return re.sub(r"[“”‘’「」『』、·•\s]", "", expression)


def explain(expressions: list[str], *, known: frozenset[str] = frozenset()):
    """How the grammar reads each expression: a table of ``expression, role,
    rule`` (role ``not numbered`` when the grammar does not apply)."""
    import pandas as pd

    rows = []
    for expression in expressions:
        verdict = classify(expression, known=known)
        rows.append((expression, *(verdict or ("not numbered", "—"))))
    return pd.DataFrame(rows, columns=["expression", "role", "rule"])
