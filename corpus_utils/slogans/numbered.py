"""Numbered expressions: numbered formulae, count announcements and counting.

A numbered formula (数字式提法) packs a list, programme or doctrine into a
number and a frame: 四个意识, 两个维护, 三大攻坚战, 六稳, 四突出四切实, 一岗双责,
十四五. The same surface shape also announces how many points follow (七点要求,
四个方面 — those belong to rhetoric structure) or simply counts (一个区域,
15个课题, 两大目标, 三省一市). The module has two parts.

:func:`find_formulae` finds the formulae themselves, strictly, in one pass over
the numbers of a text: a form known from the slogan lexicon or quoted as a
formula elsewhere in the corpus (on word boundaries, longest form first, never
inside a number, date or ordinal); by grammar alone only what cannot be a count:
a compound of numbered members (三去一降一补, 两免一补, 一岗双责), a five-year
plan (十一五), a quoted head (三个“必然要求”), a counted label that the
segmenter's dictionaries keep as one word (三大攻坚战), an honour title (五好家庭).
:func:`formula_shape` tells whether a quoted expression is a numbered label
(a quote is evidence of a label, so 四大显著成效 counts, 两大目标 unquoted not).

:func:`classify` and :func:`find_numbered` triage every numbered expression on
token boundaries for rhetoric structure (:mod:`corpus_utils.rhetoric.outline`):

* ``announcement``: frame 点 (七点要求, 以下四点) or 方面 (四个方面);
* ``formula``: a compound of two or more numbered units (四突出四切实,
  三去一降一补, 五位一体); a five-year-plan name (十四五); a number quantifying
  a verb or adjective (六稳, 三个增强, 两个维护, 六个进一步); the frame 大
  (三大攻坚战); an abbreviation the dictionary knows as one word (三农, 六保);
* ``counting``: everything else — a number quantifying a concrete noun
  (一个区域, 两个重点专业), the number 一 alone, Arabic digits, dates such
  as 五四.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from corpus_utils import constants as P
from corpus_utils.terms.segment import reference_dictionary

#: jieba part-of-speech tags of verbs, adjectives and adverbs: a number
#: directly quantifying one of these is a formula, not a count.
VERBAL_TAGS = frozenset({"v", "vd", "vi", "a", "ad", "d", "l", "i"})
#: Tags of a whole numeral+character word that is a lexicalised formula.
LEXICALISED_TAGS = frozenset({"j", "nz", "l", "i", "a", "v", "vn"})



@dataclass(frozen=True)
class NumberedExpression:
    """One numbered expression found in a text."""

    text: str
    start: int
    end: int
    role: str
    rule: str


@lru_cache(maxsize=1)
def _lexicon_words() -> frozenset[str]:
    """The words of the packaged formulation lexicon (the segmenter keeps them whole)."""
    from corpus_utils.terms.lexicon import formulation_words

    return frozenset(formulation_words())


def _tags(text: str) -> list[tuple[str, str]]:
    return reference_dictionary().tag(text)


def _valid_number(num: str) -> bool:
    return bool(num) and bool(P.CHINESE_NUMBER.match(num)) and num != ""


def _without_quotes(expression: str) -> str:
    """``expression`` without its quotation marks (“” and ‘’)."""
    return expression.replace("“", "").replace("”", "").replace("‘", "").replace("’", "")


def _is_numbered_candidate(expression: str, plain: str) -> bool:
    """Whether ``expression`` (``plain`` without its quotes) can be a numbered
    expression: it starts with a numeral, ends on a letter or digit, is no list
    marker and does not end on a closing quote that was never opened."""
    if not plain or plain[0] not in P.NUMERALS or not plain[-1].isalnum() or P.FORMULA_LIST_MARKER.match(plain):
        return False
    closing = expression[-1]
    opening = "“" if closing == "”" else "‘"
    return not (closing in "”’" and expression.count(closing) > expression.count(opening))


def _is_compound_of_numbers(plain: str) -> bool:
    """Whether unquoted ``plain`` is a compound of numbered units (四突出四切实,
    三去一降一补), not a count of occasions, time or people."""
    if not P.FORMULA_COMPOUND.match(plain) or "个" in plain or "又" in plain:
        return False
    first_num = P.FORMULA_NUMERALS_AT.match(plain).group(0)
    return _valid_number(first_num) and plain[len(first_num)] not in "届次年月日号天岁名人家批场轮"


def _classify_framed(framed: re.Match) -> tuple[str, str]:
    """Role and rule of a number with a frame (个, 大, 项, …) and a head."""
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


def _classify_bare(plain: str, number: str) -> tuple[str, str]:
    """Role and rule of a number written right before its head (六稳, 三农)."""
    if number == "一" or number[0] in "百千":
        return "counting", "number 一/百/千"
    tags = _tags(plain)
    if len(tags) == 1:
        if tags[0][1] in LEXICALISED_TAGS:
            return "formula", "lexicalised"
        return "counting", f"word tagged {tags[0][1]}"
    if len(tags) == 2 and tags[0][1] == "m" and tags[1][1] in VERBAL_TAGS - {"d"}:
        return "formula", "number + verb/adjective"
    return "counting", "number + noun"


def classify(expression: str, *, known: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """Role and rule of one candidate string, or ``None`` when it is not a
    numbered expression at all.

    Returns
    -------
    (role, rule)
        ``role`` is ``formula``, ``announcement`` or ``counting``; ``rule``
        names the grammar rule that decided it.
    """
    plain = _without_quotes(expression)
    if P.COUNT_ANNOUNCEMENT.match(plain):
        return "announcement", "frame 点/方面"
    if not _is_numbered_candidate(expression, plain):
        return None
    quoted_inside = plain != expression
    if not quoted_inside and (plain in known or plain.replace("、", "").replace("·", "") in known):
        return "formula", "known"
    if P.PLAN_CODE.match(plain):
        return "formula", "plan name"
    if not quoted_inside and _is_compound_of_numbers(plain):
        return "formula", "compound"
    framed = P.FORMULA_FRAMED.match(expression)
    if framed and _valid_number(framed["num"]):
        return _classify_framed(framed)
    bare = None if quoted_inside else P.FORMULA_BARE.match(plain)
    if bare and _valid_number(bare["num"]):
        return _classify_bare(plain, bare["num"])
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
        :meth:`corpus_utils.terms.segment.Segmenter.tokens`.
    known
        Formulae known from lexicons or quoted elsewhere.
    """
    if "".join(tokens) != text:
        raise ValueError("tokens must concatenate to the text")
    spans = _token_spans(tokens)
    starts = [start for start, _ in spans]
    found, i = [], 0
    while i < len(tokens):
        if not tokens[i] or tokens[i][0] not in P.NUMERALS or (i > 0 and tokens[i - 1] in ("第", "初", "周")):
            i += 1
            continue
        best = None
        for j in range(min(len(tokens), i + max_tokens), i, -1):
            candidate = text[spans[i][0]:spans[j - 1][1]]
            if not P.FORMULA_CANDIDATE.fullmatch(candidate):
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
    """The canonical form of a numbered formula or slogan: quotation marks and
    the separators between members (、，；· and spaces) removed (三落实、三确保 ->
    三落实三确保; 一个国家，两种制度 -> 一个国家两种制度)."""
    return P.FORMULA_MARKS.sub("", expression)


def explain(expressions: list[str], *, known: frozenset[str] = frozenset()):
    """How the grammar reads each expression: a table of ``expression, role,
    rule, quoted, unquoted``. ``role`` and ``rule`` are the triage of
    :func:`classify` (role ``not numbered`` when it does not apply);
    ``quoted`` is the shape that makes the expression a formula when it is
    quoted (:func:`formula_shape`), ``unquoted`` the evidence that makes it one
    in running text (:func:`find_formulae`: ``known`` when it is in ``known``,
    a grammar rule, or ``—``: a count unless known or quoted)."""
    import pandas as pd

    index = FormulaIndex(dict.fromkeys(known, "known"))
    rows = []
    for expression in expressions:
        verdict = classify(expression, known=known)
        found = find_formulae(expression, index=index)
        unquoted = found[0].rule if found and found[0].start == 0 and found[0].end == len(expression) else "—"
        rows.append((expression, *(verdict or ("not numbered", "—")), formula_shape(expression, known=known) or "—",
                     unquoted))
    return pd.DataFrame(rows, columns=["expression", "role", "rule", "quoted", "unquoted"])


# --- numbered formulae in running text ----------------------------------------
# The role triage above (classify, find_numbered) serves rhetoric structure:
# it tells a count announcement from a formula or a count. What follows finds
# the numbered formulae themselves, strictly: unquoted, a numbered expression
# is a formula only with evidence that it is a label, never because it merely
# has the shape of one (two, three or four of something is usually a count).

#: Characters of Chinese numbers: a formula never starts right after one (八五 in 一九八五年).
NUMBER_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿")
#: Characters before a number that make it an ordinal, a date, a distributive or a part of a word
#: (第三世界, 周一, 每一个中国人, 之一, 星期五).
ORDINAL_BEFORE = frozenset("第初周每其之期拜.．")
#: More characters before a number that make it a count: 这两个, 前两个, 近三年, 翻两番 (the grammar only:
#: 这三面红旗 is the known formula).
COUNT_BEFORE = frozenset("这那哪几另前后头近约逾超仅只各数共计达占成翻排名列逐单唯统专万")
#: Heads that count time, quantities, people or occasions: 三年, 两次, 五人, 一代一代 are counts.
UNIT_HEADS = frozenset("年月日天周时分秒岁届次回遍倍成元角块吨斤亩米里尺寸升人名口代辈期号点位万亿千百批场轮番级层股份件间户只头"
                       "片根套张台座辆架艘所家班季步些银铜")
#: Heads that name places, states, parties, offices or craft: 三省一市, 两党两国, 三街两巷, 一箭双星 count entities.
ENTITY_HEADS = frozenset("省市县区乡镇村国党方地家部厅局校街巷坊路岸州洲军师团营连排港站场馆厂店箭星船舰舱机车")
#: Function words that never stand inside the head of a member (双方在一些, 双眼和双手).
FUNCTION_CHARS = frozenset("和与及或的地得在了着过是就都也又把被从向对于以而")
#: Frames inside a member of a compound (两个市场、两种资源; 三项政策一项改革).
MEMBER_FRAMES = "个项种"
#: Generic heads after a label that are not part of it ("三农"问题 -> 三农; 十四五规划 -> 十四五).
GENERIC_HEADS = ("重要思想", "战略布局", "总体布局", "奋斗目标", "学习教育", "专题教育", "决策制度", "精神", "规划",
                 "计划", "问题", "工作", "思想", "理念", "理论", "战略", "布局", "教育", "方针", "方向", "经费")
#: Generic heads that a lexicalised word may carry after its label (八项规定精神, 三个代表重要思想).
SUFFIX_HEADS = ("重要思想", "战略布局", "总体布局", "奋斗目标", "学习教育", "专题教育", "决策制度", "精神")
#: Tags of a whole compound that jieba knows as an idiom (一清二楚, 三令五申).
IDIOM_TAGS = frozenset({"i"})
#: Tags of a member that is a word of its own in unquoted text: a place or person (四川, 三亚), a number or
#: time (三维, 一派), an adverb or adjective (一直, 一致, 一起).
MEMBER_WORD_TAGS = frozenset({"ns", "nr", "nrt", "nt", "nz", "m", "mq", "q", "t", "tg", "f", "s", "d", "a", "ad",
                              "c", "p", "r", "u"})
#: Tags of a quoted numbered word that is no label: numbers and times (二线, 三重), places (四海),
#: organisations, directions, idioms.
NOT_LABEL_TAGS = frozenset({"m", "mq", "q", "ns", "nrt", "nt", "f", "s", "i"})


@dataclass(frozen=True)
class Member:
    """One member of a compound formula: number, frame (个/项/种 or empty) and head."""

    number: str
    frame: str
    head: str


def _is_head_char(char: str) -> bool:
    return char not in NUMBER_CHARS and char != "双" and "\u4e00" <= char <= "\u9fff"


def number_value(number: str) -> int:
    """The value of a member's number: 1-99 in Chinese or Arabic digits, 两 and 双 = 2 (0 if unreadable)."""
    if number.isdigit():
        return int(number)
    digits = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" in number:
        tens, _, ones = number.partition("十")
        return digits.get(tens, 1) * 10 + digits.get(ones, 0)
    return digits.get(number, 0)


def _frame_and_heads(text: str, position: int) -> tuple[str, int, str]:
    """What follows a member's number at ``text[position]``: its frame (个/项/种
    or ''), where its head starts and the run of up to three head characters
    there (the head and perhaps the start of what follows)."""
    n = len(text)
    frame = text[position] if position < n and text[position] in MEMBER_FRAMES else ""
    head_start = position + len(frame)
    k = head_start
    while k < n and k - head_start < 3 and _is_head_char(text[k]):
        k += 1
    return frame, head_start, text[head_start:k]


def _next_number_at(text: str, position: int) -> int | None:
    """Where the next member starts when a number follows ``text[position]``
    (after an optional separator 、 or ·), else ``None``."""
    following = position + 1 if position < len(text) and text[position] in "、·" else position
    if following < len(text) and P.FORMULA_NUMBER.match(text, following):
        return following
    return None


def _last_member(members: list[Member], last: Member, head_start: int, *, boundary
                 ) -> tuple[int, list[Member]] | None:
    """Close a run with its ``last`` member, whose head has the length of the
    one before, or the other length, whichever ends on a word boundary:
    ``(end, members)``, or ``None`` when neither does."""
    previous = len(members[-1].head)
    for length in sorted({previous, 1, 2}, key=lambda length: length != previous):
        if length <= len(last.head) and boundary(head_start + length):
            return head_start + length, [*members, Member(last.number, last.frame, last.head[:length])]
    return None


def _members_so_far(text: str, position: int, members: list[Member], *, boundary
                    ) -> tuple[int, list[Member]] | None:
    """The run read up to ``position``, where the next number does not start a
    member: ``(end, members)`` when it has two members or more ending on a word
    boundary, else ``None``."""
    if len(members) < 2:
        return None
    end = position - (1 if text[position - 1] in "、·" else 0)
    return (end, members) if boundary(end) else None


def members_of(text: str, start: int = 0, *, boundary=None, inside=None) -> tuple[int, list[Member]]:
    """Read a run of numbered members at ``text[start:]`` (三去一降一补,
    两个市场、两种资源, 一岗双责): each member a number, an optional frame
    (个/项/种) and a head of one or two Han characters that ends where the next
    number starts. The last head has the length of the one before, or the other
    length, whichever ends on a word boundary (``boundary(position)``; default
    any position). Each later member must start on a word boundary or inside
    a word that starts with the run (``inside(position, start)``: 一国两制 is
    one word, 进一步 in 三要进一步 is not).

    Returns
    -------
    (end, members)
        Where the run ends and its members (an empty list when there is no
        member of the kind at ``start``).
    """
    boundary = boundary or (lambda position: True)
    inside = inside or (lambda position, first: True)
    members: list[Member] = []
    i = start
    while len(members) < 8:
        number = P.FORMULA_NUMBER.match(text, i)
        if number is None or (members and not (boundary(i) or inside(i, start))):
            break
        frame, head_start, run = _frame_and_heads(text, number.end())
        if not run:
            break
        following = _next_number_at(text, head_start + len(run))
        if len(run) <= 2 and following is not None:
            members.append(Member(number.group(), frame, run))
            i = following
            continue
        if not members:
            return start, []
        return _last_member(members, Member(number.group(), frame, run), head_start, boundary=boundary) or (start, [])
    return _members_so_far(text, i, members, boundary=boundary) or (start, [])


#: A check of a run of members (its members, the text and where the run ends in it).
_RunCheck = Callable[[list[Member], str, int], bool]

#: Why a run of members is no formula, whatever the text: the shape of the run (walked in order).
_RUN_SHAPE_RULES: tuple[tuple[_RunCheck, str], ...] = (
    (lambda members, text, end: len(members) < 2, "one member"),
    (lambda members, text, end: members[0].head[0] in "是要则来者为曰" and not members[0].frame,
     "enumeration markers (一是, 二要)"),
    (lambda members, text, end: all(m.number == "一" for m in members), "distributive or idiom (一…一…)"),
    (lambda members, text, end: len({(m.number, m.frame, m.head) for m in members}) == 1, "repetition"),
    (lambda members, text, end: any(m.number in ("十",) or number_value(m.number) > 10 for m in members),
     "a quantity"),
    (lambda members, text, end: len({bool(m.frame) for m in members}) > 1, "members of different shapes"),
    (lambda members, text, end: any(m.number.isdigit() for m in members),
     "Arabic digits (2金1银): counts unless quoted or known"),
)

#: Why a run of members is no formula, whatever the text: what its heads count (walked in order).
_RUN_HEAD_RULES: tuple[tuple[_RunCheck, str], ...] = (
    (lambda members, text, end: any(m.head[0] in UNIT_HEADS for m in members),
     "counts of time, quantities, people or medals"),
    (lambda members, text, end: any(char in FUNCTION_CHARS for m in members for char in m.head),
     "members joined by a function word (双眼和双手)"),
    (lambda members, text, end: all(m.head in ENTITY_HEADS for m in members), "counts of places, states or parties"),
    (lambda members, text, end: any(m.head == "中" for m in members) and "全会" in text[end:end + 6], "plenum names"),
)


def _first_reason(rules: tuple[tuple[_RunCheck, str], ...], members: list[Member], text: str, end: int
                  ) -> str | None:
    """The reason of the first rule whose check holds for the run (``None`` if none does)."""
    return next((reason for check, reason in rules if check(members, text, end)), None)


def _is_parts_in_one(members: list[Member]) -> bool:
    """三位一体, 五位一体: N parts in one."""
    return len(members) == 2 and members[1] == Member("一", "", "体") and members[0].head == "位"


def _dictionary_reason(members: list[Member], *, strict: bool) -> str | None:
    """Why a run that the dictionary knows as a word is no formula (``None``
    when it is not a word, or a word that may be one)."""
    plain = "".join(m.number + m.frame + m.head for m in members)
    if not reference_dictionary().has_word(plain):
        return None
    tag = _tags(plain)[0][1]
    if tag in IDIOM_TAGS or reference_dictionary().has_word("".join(m.head for m in members)):
        return "an idiom (一清二楚, 七上八下: the heads make a word)"
    if strict and tag not in ("l", "j"):
        return "a word of the general dictionary (五湖四海, 三湘四水)"
    return None


def _strict_reason(members: list[Member]) -> str | None:
    """Why an unquoted run is no formula: it is more often a count or a name
    than a label (``None`` when nothing says so)."""
    if members[0].number != "一" and members[0].head in ENTITY_HEADS:
        return "a count of places, states or parties first (两国一致, 双方一直, 三省一市)"
    values = [number_value(m.number) for m in members]
    if members[0].number == "二" or (values == list(range(1, len(values) + 1)) and members[1].number == "二"):
        return "ordinals (一产、二产、三产)"
    for member in members:
        word = member.number + member.frame + member.head
        if reference_dictionary().has_word(word) and _tags(word)[0][1] in MEMBER_WORD_TAGS:
            return f"a member that is a word ({word}: a name, number or adverb)"
    return None


def _compound_verdict(members: list[Member], text: str, end: int, *, strict: bool = False) -> str | None:
    """Why a run of members is not a formula (``None`` when it is one).
    ``strict`` adds the checks for unquoted text, where a run of numbers is
    more often a count or a name than a label."""
    reason = _first_reason(_RUN_SHAPE_RULES, members, text, end)
    if reason is not None or _is_parts_in_one(members):
        return reason
    reason = _first_reason(_RUN_HEAD_RULES, members, text, end) or _dictionary_reason(members, strict=strict)
    if reason is not None or not strict:
        return reason
    return _strict_reason(members)


def strip_generic_head(form: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """A label without a generic head after it: 十四五规划 -> 十四五 when 十四五
    is known; 两山理念 -> 两山 and 三讲教育 -> 三讲 (a label without a frame);
    五大发展理念 stays (五大发展 would be a count)."""
    if form in known:
        return form
    for head in GENERIC_HEADS:
        if form.endswith(head) and len(form) > len(head) + 1:
            rest = form[:-len(head)]
            if rest in known:
                return rest
            end, members = members_of(rest)
            bare = (P.BARE_LABEL.fullmatch(rest) and _is_head_char(rest[-1]) and rest[-1] not in "个项种大条类位面")
            if (end == len(rest) and members and _compound_verdict(members, rest, end) is None) or bare:
                return rest
    return form


def _hundreds_shape(plain: str) -> str | None:
    """The shape of an expression led by 百 or 千: ``compound`` with a second
    number, at most eight characters and no idiom inside, else ``None``."""
    idiom = any(len(word) >= 4 and tag in IDIOM_TAGS for word, tag in _tags(plain))
    return "compound" if _has_two_numbers(plain) and len(plain) <= 8 and not idiom else None


def _is_word_name_or_date(plain: str) -> bool:
    """Whether ``plain`` is a word of the language, the name of an
    organisation or a date, and so no label."""
    if reference_dictionary().has_word(plain) and _tags(plain)[0][1] in NOT_LABEL_TAGS:
        return True  # 二线, 四海, 三重, 二十四节气: words of the language
    if P.ORGANISATION_END.search(plain) or P.ARABIC_DATE_START.match(plain):
        return True
    return plain[0] == "双" and reference_dictionary().has_word(plain)  # 双方, 双赢, 双城记: words, not formulae


def _word_shape(plain: str) -> str | None:
    """The shape of a numbered expression that is neither known nor a plan
    name nor led by 百/千: a package, a compound or a label (``None`` when it is
    a count announcement, a list marker, too long, or a word of the language)."""
    if P.COUNT_ANNOUNCEMENT.match(plain) or P.FORMULA_LIST_MARKER.match(plain) or len(P.HAN_CHAR.findall(plain)) > 12:
        return None
    if P.PACKAGE_NICKNAME.fullmatch(plain):
        return "label"  # 二十条, 四十条: a package of measures named by its count
    if P.ONE_AND_MANY.fullmatch(plain) and not reference_dictionary().has_word(plain):
        return "compound"  # 一主多辅, 一核多元: one core, several parts
    if _is_word_name_or_date(plain):
        return None
    return _members_shape(plain)


def _members_shape(plain: str) -> str | None:
    """The shape of a run of numbered members (``compound``), else of a single
    numbered label (:func:`_label_shape`)."""
    words = _Words(plain)
    end, found = members_of(plain, boundary=words.boundary, inside=words.inside)
    if plain[0].isdigit():  # 6轴7廊8通道 (quoted), never 1+6 or 2金1银 alone
        return "compound" if end == len(plain) and found and all(m.number.isdigit() for m in found) else None
    if end == len(plain) and found:
        return "compound" if _compound_verdict(found, plain, end) is None else None
    return _label_shape(plain)


#: A check of a numbered word (its number, the rest after it and the whole word).
_LabelCheck = Callable[[str, str, str], bool]

#: Why a number and what follows it are no label (walked in order; the first
#: rule makes sure that something follows the number).
_NOT_LABEL_RULES: tuple[_LabelCheck, ...] = (
    # nothing after the number, a unit (三年, 两次; not 代/位/级/头), 号/届/中, a digit or another number
    lambda number, rest, plain: (not rest or (rest[0] in UNIT_HEADS and rest[0] not in "代位级头") or rest[0] in "号届中"
                                 or rest[0].isdigit() or (rest[0] in NUMBER_CHARS and number != "双")),
    # 二维码, 二线, 二产: 2 in a label is 两
    lambda number, rest, plain: number == "二" and not rest.startswith("十"),
    # 一个中国, not 一个都不能少 or 一个巴掌拍不响
    lambda number, rest, plain: number == "一" and (rest[0] not in "个项种条" or len(rest) > 4
                                                  or bool(P.NEGATION.search(rest))),
    # 七大 … 二十大: congresses
    lambda number, rest, plain: rest[0] == "大" and number_value(number) >= 7,
    # a plenum or a time; a quantity; too long for a label
    lambda number, rest, plain: bool(P.PLENUM_OR_TIME_REST.match(rest) or P.QUANTITY_REST.match(rest)) or len(rest) > 7,
    # 三级跳: a set phrase of the language
    lambda number, rest, plain: reference_dictionary().has_word(plain) and _tags(plain)[0][1] == "l",
    # 双提升, 双下降: both rise, both fall
    lambda number, rest, plain: plain[0] == "双" and len(rest) == 2 and _tags(rest)[0][1] in ("v", "vi", "vd"),
)


def _label_shape(plain: str) -> str | None:
    """``label`` when ``plain`` is one number and a label (四个意识, 三农, 双一流), else ``None``."""
    number = P.FORMULA_NUMBER.match(plain)
    if number is None:
        return None
    rest = plain[number.end():]
    if any(rule(number.group(), rest, plain) for rule in _NOT_LABEL_RULES):
        return None
    return "label"


def formula_shape(expression: str, *, known: frozenset[str] = frozenset(), members: frozenset[str] = frozenset()
                  ) -> str | None:
    """The shape that makes a quoted expression a numbered formula, or ``None``.

    A quote is evidence that an expression is a label, so any numbered label
    counts (四个意识, 三农, 十四五, 双一流, 八字宪法, 四大显著成效), but not a
    quantity, date, ordinal, congress, count announcement or idiom; an
    expression starting with 一 only as a compound (一国两制, 一喷三防), with a
    frame (一个中国) or as a member of a known compound (一国 of 一国两制).

    Returns
    -------
    str or None
        ``known``, ``member``, ``plan name``, ``compound``, ``label``.
    """
    plain = P.MEMBER_SEPARATORS.sub("", P.QUOTE_MARKS.sub("", expression))
    if not plain:
        return None
    if plain in known:
        return "known"
    if plain in members:
        return "member"
    if not P.FORMULA_START.match(plain) or P.LATIN_LETTER.search(plain):
        return None  # 双尾蝎D: a name; 1+N is known
    prefix = _known_prefix(plain, known)
    if prefix and not P.FORMULA_NUMBER.match(plain, len(prefix)):
        # 三个代表重要思想 is 三个代表; 八项规定要一以贯之 is a slogan with a formula in it
        return "known" if strip_generic_head(plain, {prefix}) == prefix else None
    if P.PLAN_SHORTHAND.fullmatch(plain) or P.PLAN_SHORTHAND_NUMBER.fullmatch(plain):
        return "plan name"
    if plain[0] in "百千":  # 百城千屏, 千万工程; never 百年大党 or 百花齐放、百家争鸣
        return _hundreds_shape(plain)
    return _word_shape(plain)


@lru_cache(maxsize=16)
def _prefix_index(known: frozenset[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for form in sorted(known, key=lambda f: (-len(f), f)):
        if len(form) >= 2:
            index.setdefault(form[:2], []).append(form)
    return index


def _known_prefix(plain: str, known: frozenset[str]) -> str:
    """The longest known formula that ``plain`` starts with ('' if none)."""
    for form in _prefix_index(frozenset(known)).get(plain[:2], ()):
        if plain.startswith(form):
            return form
    return ""


def _has_two_numbers(plain: str) -> bool:
    """百城千屏, 百日千万: 百 or 千 start a formula only with a second number
    after a head (百万亩造林 is a quantity) and when it is not a word."""
    return len(P.NUMBER_GROUP.findall(plain)) >= 2 and not reference_dictionary().has_word(plain)


class FormulaIndex:
    """Known formulae, looked up by their first two characters.

    Parameters
    ----------
    forms
        Known formulae (canonical forms) and the evidence each one stands
        for: ``{form: evidence}`` (``lexicon``, ``corpus``).
    """

    def __init__(self, forms: dict[str, str]) -> None:
        self.evidence = dict(forms)
        self._by_prefix: dict[str, list[str]] = {}
        for form in sorted(forms, key=lambda f: (-len(f), f)):
            if len(form) >= 2:
                self._by_prefix.setdefault(form[:2], []).append(form)

    def __len__(self) -> int:
        return len(self.evidence)

    def longest_at(self, text: str, start: int) -> tuple[str, int] | None:
        """The longest known form written at ``text[start:]``, a separator
        (、，；· or a space) or an opening quote allowed before each of its
        characters but the second (三落实、三确保; 三个“必然要求”; never
        四、切实, a list marker), never a closing quote (a
        realisation split by a quote is none: “两个奥运”同样精彩): ``(form, end)``."""
        second = start + 1  # no separator right after the number: 四、切实 is a list marker and a word
        if second < len(text) and text[second] in "“‘":
            second += 1
        if second >= len(text):
            return None
        for form in self._by_prefix.get(text[start] + text[second], ()):
            end = _written_at(text, second + 1, form, 2)
            if end >= 0:
                return form, end
        return None


def _written_at(text: str, i: int, form: str, k: int) -> int:
    """Where ``form[k:]`` ends when written at ``text[i:]``, a separator or
    an opening quote allowed before each character; -1 if it is not."""
    n = len(text)
    while k < len(form):
        if i < n and text[i] == form[k]:
            i, k = i + 1, k + 1
            continue
        if i + 1 < n and text[i] in "、，,；;·• “‘" and text[i + 1] == form[k]:
            i += 1
            continue
        return -1
    return i


class _Words:
    """Word boundaries of a text from its tokens."""

    def __init__(self, text: str, tokens: list[str] | None = None) -> None:
        from itertools import accumulate

        self.text = text
        self.tokens = list(reference_dictionary().cut(text)) if tokens is None else tokens
        if "".join(self.tokens) != text:
            raise ValueError("tokens must concatenate to the text")
        self.ends = list(accumulate(len(t) for t in self.tokens))  # token i spans [ends[i-1], ends[i])

    def token_at(self, position: int) -> int:
        """The index of the token holding ``text[position]``."""
        return bisect_left(self.ends, position + 1)

    def start_of(self, i: int) -> int:
        return self.ends[i - 1] if i else 0

    def boundary(self, position: int) -> bool:
        """True between two tokens (and at either end of the text)."""
        if position <= 0 or position >= len(self.text):
            return True
        i = bisect_left(self.ends, position)
        return i < len(self.ends) and self.ends[i] == position

    def inside(self, position: int, first: int) -> bool:
        """True inside a word that starts at ``first`` (一国两制 is one word)."""
        return self.start_of(self.token_at(position)) == first


def find_formulae(text: str, tokens: list[str] | None = None, *, index: FormulaIndex | None = None
                  ) -> list[NumberedExpression]:
    """Every numbered formula written in ``text``, quoted or not, left to
    right, longest first, never overlapping, in one pass over the numbers of
    the text.

    Evidence, in order (``rule`` of each expression):

    * ``lexicon`` / ``corpus``: a form of ``index`` (the slogan lexicon's
      formulae; formulae quoted elsewhere in the corpus), starting on a word
      boundary and not inside a number, date or ordinal (八五 in 一九八五年,
      一个中国 in 每一个中国人);
    * ``compound``: two or more numbered members (三去一降一补, 两免一补,
      一岗双责, 两个市场两种资源), not a count of time, people or places
      (三年两年, 三省一市), not 一…一… (一心一意), not an idiom jieba knows;
    * ``plan name``: 十一五 … 十九五, and 八五, 九五, 十五 before 计划/规划/期间/时期;
    * ``quoted head``: 三个“必然要求”;
    * ``lexicalised``: a number 2-20 with 个/大/项/种 and a head that the
      segmenter keeps as one word of its dictionaries (三大攻坚战 of the
      formulation lexicon, 五项原则 and 三面红旗 of jieba's), not a word its
      HMM made up;
    * ``honour title``: 三好学生, 五好战士, 四好连队;
    * ``doctrine label``: a counted set of principles or guidelines
      (三项原则, 十条方针, 十项经济建设方针, 八字方针), not an announcement
      of points (三条原则：…, 八项原则建议).

    A number with a noun or verb (两个积极性, 两个维护, 三大改造) is a formula
    only with lexicon or corpus evidence (or quoted): by grammar alone it
    cannot be told from a count (两大目标, 两种可能, 三项展览, 四个完成).

    Parameters
    ----------
    text
        Cleaned text.
    tokens
        Its tokens (concatenating to ``text``); default jieba's.
    index
        Known formulae (:class:`FormulaIndex`).
    """
    words = _Words(text, tokens)
    index = index or FormulaIndex({})
    found: list[NumberedExpression] = []
    last = 0
    for match in P.FORMULA_START.finditer(text):
        start = match.start()
        if start < last:
            continue
        before = text[start - 1] if start else ""
        if before in NUMBER_CHARS or before.isdigit() or before in ORDINAL_BEFORE:
            continue
        expression = _known_at(words, start, index)
        if expression is None and _grammar_may_start(words, start):
            expression = _grammar_at(words, start)
        if expression is not None:
            found.append(expression)
            last = expression.end
    return found


def _grammar_may_start(words: _Words, start: int) -> bool:
    """Whether the grammar may read a formula at ``start``: on a word boundary,
    not after a character that makes it a count (这两个, 前两个), and not at
    a later member of a run of numbered members (双责 in 一岗双责)."""
    text = words.text
    before = text[start - 1] if start else ""
    inside_run = start >= 2 and (text[start - 2] in NUMBER_CHARS or text[start - 2] == "双") and _is_head_char(before)
    return before not in COUNT_BEFORE and words.boundary(start) and not inside_run


def _stands_on_words(words: _Words, start: int, end: int) -> bool:
    """Whether a known form at ``[start, end)`` is a word of the text: on word
    boundaries; or the word is the form with more before or after it
    (和平共处五项原则, 八项规定精神, 五保户, not 三公里); or inside a formulation
    of the lexicon that holds it whole (中央八项规定精神)."""
    text, holder = words.text, words.token_at(start)
    if words.ends[holder] >= end and words.tokens[holder] in _lexicon_words():
        return True
    if not words.boundary(start) and words.ends[holder] != end:
        return False
    if words.boundary(end):
        return True
    holder = words.token_at(end - 1)
    word_start = words.start_of(holder)
    word = text[word_start:words.ends[holder]]
    return not (word_start < start or (reference_dictionary().has_word(word) and _tags(word)[0][1] in NOT_LABEL_TAGS))


def _known_at(words: _Words, start: int, index: FormulaIndex) -> NumberedExpression | None:
    text = words.text
    hit = index.longest_at(text, start) if len(index) else None
    if hit is None:
        return None
    form, end = hit
    if not _stands_on_words(words, start, end):
        return None
    if P.COUNTED_FRAME.search(form[:3]) and P.POINTS_AFTER.match(text, end):
        return None
    following = text[end] if end < len(text) else ""
    if form[-1] in NUMBER_CHARS and (following in NUMBER_CHARS or following.isdigit() or following in "年届大岁日号月"):
        return None
    return NumberedExpression(text[start:end], start, end, "formula", index.evidence[form])


def _plan_at(words: _Words, start: int) -> NumberedExpression | None:
    """A five-year plan at ``start`` (十一五; 八五, 九五, 十五 before 计划/规划/期间/时期)."""
    text = words.text
    plan = P.PLAN_SHORTHAND.match(text, start) or P.PLAN_SHORTHAND_AMBIGUOUS.match(text, start)
    if plan:
        return NumberedExpression(plan.group(), start, plan.end(), "formula", "plan name")
    return None


def _compound_at(words: _Words, start: int) -> NumberedExpression | None:
    """A compound of numbered members at ``start`` that passes the strict checks of unquoted text."""
    text = words.text
    end, members = members_of(text, start, boundary=words.boundary, inside=words.inside)
    if members and _compound_verdict(members, text, end, strict=True) is None:
        return NumberedExpression(text[start:end], start, end, "formula", "compound")
    return None


def _is_lexicalised_label(words: _Words, start: int) -> bool:
    """Whether the token at ``start`` starts there and is a numbered label the
    segmenter's dictionaries (or the formulation lexicon) keep as one word."""
    holder = words.token_at(start)
    word = words.tokens[holder]
    return bool(len(word) >= 4 and P.LEXICALISED_LABEL.fullmatch(word) and (words.ends[holder] - len(word)) == start
                and (reference_dictionary().has_word(word) or word in _lexicon_words())
                and formula_shape(word) == "label")


def _lexicalised_at(words: _Words, start: int) -> NumberedExpression | None:
    """A counted label that the dictionaries keep as one word at ``start``
    (三大攻坚战), without a generic head after it (八项规定精神 -> 八项规定)."""
    if not _is_lexicalised_label(words, start):
        return None
    word = words.tokens[words.token_at(start)]
    label = next((word[:-len(h)] for h in SUFFIX_HEADS if word.endswith(h)
                  and P.LEXICALISED_LABEL.fullmatch(word[:-len(h)])), word)  # 八项规定精神 -> 八项规定
    return NumberedExpression(label, start, start + len(label), "formula", "lexicalised")


def _quoted_head_at(words: _Words, start: int) -> NumberedExpression | None:
    """A number 2-9 with a quoted head at ``start`` (三个“必然要求”)."""
    quoted = P.QUOTED_HEAD.match(words.text, start)
    if quoted and 2 <= number_value(quoted["number"]) <= 9:
        return NumberedExpression(quoted.group(), start, quoted.end(), "formula", "quoted head")
    return None


def _honour_title_at(words: _Words, start: int) -> NumberedExpression | None:
    """An honour title at ``start`` (三好学生, 五好战士, 四好连队), a word of its
    own, followed by no Han character but 的和与及称评活创."""
    text = words.text
    honour = P.HONOUR_TITLE.match(text, start)
    if not honour or not words.boundary(honour.end()):
        return None
    if not (words.boundary(start + 2) or words.ends[words.token_at(start)] >= honour.end()):
        return None
    end = honour.end()
    if end >= len(text) or not P.HAN_CHAR.match(text[end]) or text[end] in "的和与及称评活创":
        return NumberedExpression(honour.group(), start, end, "formula", "honour title")
    return None


def _doctrine_label_at(words: _Words, start: int) -> NumberedExpression | None:
    """A counted set of principles or guidelines at ``start`` (三项原则,
    十条方针, 十项经济建设方针, 八字方针): the count names the set, as in
    四项基本原则; not before a colon that announces the points."""
    label = P.DOCTRINE_LABEL.match(words.text, start)
    if label and words.boundary(label.end()):
        return NumberedExpression(label.group(), start, label.end(), "formula", "doctrine label")
    return None


#: The grammar rules of unquoted text, walked in order (see :func:`find_formulae`).
_GRAMMAR_RULES = (_plan_at, _compound_at, _lexicalised_at, _quoted_head_at, _honour_title_at, _doctrine_label_at)


def _grammar_at(words: _Words, start: int) -> NumberedExpression | None:
    """The formula that a grammar rule alone finds at ``start`` (the first rule that finds one)."""
    return next((found for rule in _GRAMMAR_RULES if (found := rule(words, start)) is not None), None)
