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
    from corpus_utils.terms.lexicon import formulation_lexicon

    return frozenset(entry.word for entry in formulation_lexicon())


def _tags(text: str) -> list[tuple[str, str]]:
    return reference_dictionary().tag(text)


def _valid_number(num: str) -> bool:
    return bool(num) and bool(P.CHINESE_NUMBER.match(num)) and num != ""


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
    if P.COUNT_ANNOUNCEMENT.match(plain):
        return "announcement", "frame 点/方面"
    if not plain or plain[0] not in P.NUMERALS or not plain[-1].isalnum() or P.FORMULA_LIST_MARKER.match(plain):
        return None
    if expression[-1] in "”’" and expression.count(expression[-1]) > expression.count("“" if expression[-1] == "”" else "‘"):
        return None
    quoted_inside = plain != expression
    if P.COUNT_ANNOUNCEMENT.match(plain):
        return "announcement", "frame 点/方面"
    if not quoted_inside and (plain in known or plain.replace("、", "").replace("·", "") in known):
        return "formula", "known"
    if P.PLAN_CODE.match(plain):
        return "formula", "plan name"
    if not quoted_inside and P.FORMULA_COMPOUND.match(plain) and "个" not in plain and "又" not in plain:
        first_num = re.match(P.FORMULA_NUMERAL_RUN, plain).group(0)
        if _valid_number(first_num) and plain[len(first_num)] not in "届次年月日号天岁名人家批场轮":
            return "formula", "compound"
    framed = P.FORMULA_FRAMED.match(expression)
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
    bare = None if quoted_inside else P.FORMULA_BARE.match(plain)
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
            if not re.fullmatch(f"[{P.NUMERALS}双\\w“”‘’、·]+", candidate):
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
    return re.sub(r"[“”‘’「」『』、，,；;·•\s]", "", expression)


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
    i, n = start, len(text)
    while len(members) < 8:
        number = P.FORMULA_NUMBER.match(text, i)
        if number is None or (members and not (boundary(i) or inside(i, start))):
            break
        j = number.end()
        frame = text[j] if j < n and text[j] in MEMBER_FRAMES else ""
        j += len(frame)
        k = j
        while k < n and k - j < 3 and _is_head_char(text[k]):
            k += 1
        run = text[j:k]
        if not run:
            break
        following = k + 1 if k < n and text[k] in "、·" else k
        if len(run) <= 2 and following < n and P.FORMULA_NUMBER.match(text, following):
            members.append(Member(number.group(), frame, run))
            i = following
            continue
        if not members:
            return start, []
        previous = len(members[-1].head)
        for length in sorted({previous, 1, 2}, key=lambda length: length != previous):
            if length <= len(run) and boundary(j + length):
                members.append(Member(number.group(), frame, run[:length]))
                return j + length, members
        return start, []
    if len(members) >= 2:  # the next number does not start a member: the members so far
        end = i - (1 if text[i - 1] in "、·" else 0)
        return (end, members) if boundary(end) else (start, [])
    return start, []


def _compound_verdict(members: list[Member], text: str, end: int, *, strict: bool = False) -> str | None:
    """Why a run of members is not a formula (``None`` when it is one).
    ``strict`` adds the checks for unquoted text, where a run of numbers is
    more often a count or a name than a label."""
    if len(members) < 2:
        return "one member"
    if members[0].head[0] in "是要则来者为曰" and not members[0].frame:
        return "enumeration markers (一是, 二要)"
    if all(m.number == "一" for m in members):
        return "distributive or idiom (一…一…)"
    if len({(m.number, m.frame, m.head) for m in members}) == 1:
        return "repetition"
    if any(m.number in ("十",) or number_value(m.number) > 10 for m in members):
        return "a quantity"
    if len({bool(m.frame) for m in members}) > 1:
        return "members of different shapes"
    if any(m.number.isdigit() for m in members):
        return "Arabic digits (2金1银): counts unless quoted or known"
    if len(members) == 2 and members[1] == Member("一", "", "体") and members[0].head == "位":
        return None  # 三位一体, 五位一体: N parts in one
    if any(m.head[0] in UNIT_HEADS for m in members):
        return "counts of time, quantities, people or medals"
    if any(char in FUNCTION_CHARS for m in members for char in m.head):
        return "members joined by a function word (双眼和双手)"
    if all(m.head in ENTITY_HEADS for m in members):
        return "counts of places, states or parties"
    if any(m.head == "中" for m in members) and "全会" in text[end:end + 6]:
        return "plenum names"
    plain = "".join(m.number + m.frame + m.head for m in members)
    if reference_dictionary().has_word(plain):
        tag = _tags(plain)[0][1]
        if tag in IDIOM_TAGS or reference_dictionary().has_word("".join(m.head for m in members)):
            return "an idiom (一清二楚, 七上八下: the heads make a word)"
        if strict and tag not in ("l", "j"):
            return "a word of the general dictionary (五湖四海, 三湘四水)"
    if not strict:
        return None
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
        idiom = any(len(word) >= 4 and tag in IDIOM_TAGS for word, tag in _tags(plain))
        return "compound" if _has_two_numbers(plain) and len(plain) <= 8 and not idiom else None
    if P.COUNT_ANNOUNCEMENT.match(plain) or P.FORMULA_LIST_MARKER.match(plain) or len(P.HAN_CHAR.findall(plain)) > 12:
        return None
    if P.PACKAGE_NICKNAME.fullmatch(plain):
        return "label"
    if P.ONE_AND_MANY.fullmatch(plain) and not reference_dictionary().has_word(plain):
        return "compound"  # 一主多辅, 一核多元: one core, several parts  # 二十条, 四十条: a package of measures named by its count
    if reference_dictionary().has_word(plain) and _tags(plain)[0][1] in NOT_LABEL_TAGS:
        return None  # 二线, 四海, 三重, 二十四节气: words of the language
    if P.ORGANISATION_END.search(plain) or P.ARABIC_DATE_START.match(plain):
        return None
    if plain[0] == "双" and reference_dictionary().has_word(plain):
        return None  # 双方, 双赢, 双城记: words of the language, not formulae
    words = _Words(plain)
    end, found = members_of(plain, boundary=words.boundary, inside=words.inside)
    if plain[0].isdigit():  # 6轴7廊8通道 (quoted), never 1+6 or 2金1银 alone
        return "compound" if end == len(plain) and found and all(m.number.isdigit() for m in found) else None
    if end == len(plain) and found:
        return "compound" if _compound_verdict(found, plain, end) is None else None
    number = P.FORMULA_NUMBER.match(plain)
    if number is None:
        return None
    rest = plain[number.end():]
    if (not rest or (rest[0] in UNIT_HEADS and rest[0] not in "代位级头") or rest[0] in "号届中" or rest[0].isdigit()
            or (rest[0] in NUMBER_CHARS and number.group() != "双")):
        return None
    if number.group() == "二" and not rest.startswith("十"):
        return None  # 二维码, 二线, 二产: 2 in a label is 两
    if number.group() == "一" and (rest[0] not in "个项种条" or len(rest) > 4 or P.NEGATION.search(rest)):
        return None  # 一个中国, not 一个都不能少 or 一个巴掌拍不响
    if rest[0] == "大" and number_value(number.group()) >= 7:
        return None  # 七大 … 二十大: congresses
    if P.PLENUM_OR_TIME_REST.match(rest) or P.QUANTITY_REST.match(rest) or len(rest) > 7:
        return None
    if reference_dictionary().has_word(plain) and _tags(plain)[0][1] == "l":
        return None  # 三级跳: a set phrase of the language
    if plain[0] == "双" and len(rest) == 2 and _tags(rest)[0][1] in ("v", "vi", "vd"):
        return None  # 双提升, 双下降: both rise, both fall
    return "label"


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
    * ``honour title``: 三好学生, 五好战士, 四好连队.

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
        inside_run = start >= 2 and (text[start - 2] in NUMBER_CHARS or text[start - 2] == "双") and _is_head_char(before)
        if expression is None and before not in COUNT_BEFORE and words.boundary(start) and not inside_run:
            expression = _grammar_at(words, start)
        if expression is not None:
            found.append(expression)
            last = expression.end
    return found


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


def _grammar_at(words: _Words, start: int) -> NumberedExpression | None:
    text, tokens, ends = words.text, words.tokens, words.ends
    plan = P.PLAN_SHORTHAND.match(text, start) or P.PLAN_SHORTHAND_AMBIGUOUS.match(text, start)
    if plan:
        return NumberedExpression(plan.group(), start, plan.end(), "formula", "plan name")
    end, members = members_of(text, start, boundary=words.boundary, inside=words.inside)
    if members and _compound_verdict(members, text, end, strict=True) is None:
        return NumberedExpression(text[start:end], start, end, "formula", "compound")
    word = tokens[words.token_at(start)]
    if (len(word) >= 4 and P.LEXICALISED_LABEL.fullmatch(word) and (ends[words.token_at(start)] - len(word)) == start
            and (reference_dictionary().has_word(word) or word in _lexicon_words()) and formula_shape(word) == "label"):
        label = next((word[:-len(h)] for h in SUFFIX_HEADS if word.endswith(h)
                      and P.LEXICALISED_LABEL.fullmatch(word[:-len(h)])), word)  # 八项规定精神 -> 八项规定
        return NumberedExpression(label, start, start + len(label), "formula", "lexicalised")
    quoted = P.QUOTED_HEAD.match(text, start)
    if quoted and 2 <= number_value(quoted["number"]) <= 9:
        return NumberedExpression(quoted.group(), start, quoted.end(), "formula", "quoted head")
    honour = P.HONOUR_TITLE.match(text, start)
    if (honour and words.boundary(honour.end()) and (words.boundary(start + 2) or ends[words.token_at(start)] >= honour.end())
            and (honour.end() >= len(text) or not P.HAN_CHAR.match(text[honour.end()])
                 or text[honour.end()] in "的和与及称评活创")):
        return NumberedExpression(honour.group(), start, honour.end(), "formula", "honour title")
    return None
