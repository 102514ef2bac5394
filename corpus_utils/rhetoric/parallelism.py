"""Parallelism (排比): runs of three or more clauses on a shared frame.

Each run also gets a ``kind``: ``paibi`` when its members predicate
something — verb phrases, clauses, adjectival phrases (坚持A，坚持B，坚持C;
稳增长、调结构、防风险; 数量不够、质量不高、品种不多) — the rhetorical figure;
``enumeration`` when they are nouns or noun phrases joined by 、 or 和, even on a
shared frame (现代农业、现代工业、现代国防; 政治意识、大局意识、核心意识). A
member predicates when jieba's part-of-speech tags show a verb, adjective,
adverb or set phrase (v, a, d, i, l …) before its last word, or a verb,
adjective or 的 as its last word; a run is ``paibi`` when at least
:data:`PREDICATIVE_SHARE` of its members predicate.

A sentence is split into members at ``，、；：`` (and at 和/与/及 between two
members of three characters or more: 政治领悟力和政治执行力). A run of at least
:data:`MIN_MEMBERS` adjacent members is a parallelism when they share

* a **repeat** pattern: AA再A (代理代理再代理、叠加叠加再叠加、赋能赋能再赋能);
* a **prefix** (遵循A，遵循B，遵循C; 学史明理、学史增信…), possibly
  discontinuous (从…到, 在…中);
* a **suffix** (发现问题之器、探索规律之器…; 政治判断力、政治领悟力、政治执行力);
* an **infix**: a word inside every member (形成整改清单、确定整改任务…);
* a **shape**: no shared word, but items of a 、-list with the same length (3
  to 8 characters) that are not names (时限更快、价格更优、丢损更少；学党史、悟思想、办实事).

A one-character frame counts only for short members (:data:`SHORT_MEMBER`
characters or fewer), so two clauses that happen to start with 要 are not a
parallelism. Frames are compared on the text without quotation marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import pandas as pd

from corpus_utils import constants as P
from corpus_utils.corpus.documents import analyse_each
from corpus_utils.terms.segment import reference_dictionary

MIN_MEMBERS = 3
#: Share of predicating members that makes a run rhetorical parallelism rather than an enumeration.
PREDICATIVE_SHARE = 2 / 3
#: Longest member in which a one-character infix (不, 更) frames 排比.
SINGLE_INFIX_MEMBER = 4
#: Tags of a word that makes a member predicative before its last word, and as its last word.
_PREDICATIVE_TAGS = frozenset({"v", "vd", "vi", "a", "ad", "d", "i"})
_PREDICATIVE_LAST_TAGS = frozenset({"a", "ad", "d", "i", "uj", "z"})
_VERB_TAGS = frozenset({"v", "vd", "vi"})
#: First characters of a negated or graded verb (不够, 没有, 更好).
_GRADING_CHARS = frozenset("不没未更很最")
#: Longest member for which a one-character frame counts.
SHORT_MEMBER = 8
#: Longest member considered at all (longer clauses are prose, not a run).
LONG_MEMBER = 40
#: Characters too common to frame a parallelism on their own.
_FUNCTION_CHARS = frozenset("的了是在和与及之也要为对把将有不一这那其而")
_NAME_TAGS = frozenset({"ns", "nr", "nt", "nz", "m", "t"})
#: Units and number words that a series of figures shares (亿元, 万套, %).
_UNIT_CHARS = frozenset("万亿千百十元角分套个件户人名次吨斤亩米里公顷度倍%％")


@dataclass(frozen=True)
class Parallelism:
    """One run of parallel members."""

    frame_type: str
    frame: str
    members: tuple[str, ...]
    start: int
    end: int

    @property
    def kind(self) -> str:
        """``paibi`` or ``enumeration`` (see the module docstring)."""
        return run_kind(self.members, frame_type=self.frame_type, frame=self.frame)


def _dictionary_tags(member: str) -> list[tuple[str, str]]:
    return reference_dictionary().tag(P.QUOTE_MARKS.sub("", member))


def _tags(member: str) -> list[str]:
    return [tag for _, tag in _dictionary_tags(member)]


def predicates(member: str) -> bool:
    """True when a member is a verb phrase, a clause or an adjectival phrase
    rather than a noun phrase (by jieba's part-of-speech tags): a verb,
    adjective or adverb before its last word (坚持社会主义道路, 稳增长), an
    adjective, adverb, 的 or idiom as its last word (特殊的, 解放思想), or a
    last verb that is negated or graded (质量不高) or not preceded by a noun
    (a noun + verb pair is a nominal compound: 经济联合, 药品流通). Before a
    last word that is a noun an adjective does not count: it modifies the
    noun (廉洁政府, 新技术 are noun phrases)."""
    tagged = _dictionary_tags(member)
    if not tagged:
        return False
    words, tags = zip(*tagged, strict=True)
    # before a noun, an adjective modifies it (廉洁政府, 新技术); a verb or adverb makes a predicate (发展经济, 不扣帽子)
    before_last = _PREDICATIVE_TAGS - {"a"} if tags[-1].startswith("n") else _PREDICATIVE_TAGS
    if any(tag in before_last for tag in tags[:-1]):
        return True
    if tags[-1] in _PREDICATIVE_LAST_TAGS:
        return True
    if tags[-1] in _VERB_TAGS:
        return words[-1][0] in _GRADING_CHARS or len(tags) == 1 or not tags[-2].startswith("n")
    return False


def _core_members(members: tuple[str, ...]) -> tuple[str, ...]:
    """The members without an edge member that carries more than the others:
    a governing verb before the first (维护人民的工作秩序|生产秩序|生活秩序) or a
    predicate after the last."""
    if len(members) <= MIN_MEMBERS:
        inner = sorted(len(m) for m in members)[len(members) // 2]
        return tuple(m for i, m in enumerate(members)
                     if not ((i == 0 or i == len(members) - 1) and len(m) > inner + 1)) or members
    inner = max(len(m) for m in members[1:-1])
    return tuple(m for i, m in enumerate(members) if 0 < i < len(members) - 1 or len(m) <= inner)


def _without_governing_verb(members: tuple[str, ...]) -> tuple[str, ...]:
    """The members with a verb that opens only the first of them left out:
    it governs the whole series (加强江河湖海水污染、水污染源、农业面源污染治理)."""
    first_words = [_dictionary_tags(member)[:1] for member in members]
    if not all(first_words) or first_words[0][0][1] not in _VERB_TAGS or len(_dictionary_tags(members[0])) < 2:
        return members
    if any(words[0][1] in _VERB_TAGS | {"vn", "d", "ad"} for words in first_words[1:]):
        return members  # a verb (服务 vn may be one) or adverb opens another member: no series of nouns
    return (P.QUOTE_MARKS.sub("", members[0])[len(first_words[0][0][0]):], *members[1:])


def run_kind(members: tuple[str, ...], *, frame_type: str = "", frame: str = "") -> str:
    """``paibi`` when at least :data:`PREDICATIVE_SHARE` of the members
    predicate (edge members carrying a governing word left out), or the
    frame is a repetition (AA再A), else ``enumeration``. A one-character
    infix frame makes 排比 only in members of at most
    :data:`SINGLE_INFIX_MEMBER` characters (数量不够、质量不高、品种不多)."""
    if frame_type == "repeat":
        return "paibi"
    if frame_type == "infix" and len(frame) == 1 and any(len(member) > SINGLE_INFIX_MEMBER for member in members):
        return "enumeration"  # one shared character inside longer members: a coincidence of words, no frame
    core = _without_governing_verb(_core_members(members))
    share = sum(predicates(member) for member in core) / len(core)
    if share < PREDICATIVE_SHARE:
        return "enumeration"
    return "paibi"




def _split_at_conjunctions(part: str) -> list[str]:
    """``part`` cut at 和/与/及 between two members of three characters or
    more, where the segmenter reads it as a word of its own (not 和 of 和平)."""
    cuts, position = [], 0
    for word in reference_dictionary().cut(part):
        if len(word) == 1 and P.LIST_CONJUNCTION.match(part, position):
            cuts.append(position)
        position += len(word)
    bounds = [0, *cuts, len(part)]
    return [part[a + (a > 0):b] for a, b in pairwise(bounds)]


def _split(text: str, offset: int, pattern: re.Pattern, *, conjunctions: bool) -> list[tuple[str, int]]:
    pieces, position = [], 0
    for part in pattern.split(text):
        subs = _split_at_conjunctions(part) if conjunctions else [part]
        for sub in subs:
            start = text.find(sub, position)
            stripped = sub.strip("。！？!? ")
            if stripped:
                pieces.append((stripped, offset + start + sub.find(stripped)))
            position = start + len(sub)
    return pieces


def _common_prefix(words: list[str]) -> str:
    """Longest string every word starts with (character by character)."""
    first = min(words, key=len)
    size = next((i for i, c in enumerate(first) if any(w[i] != c for w in words)), len(first))
    return first[:size]


def _common_suffix(words: list[str]) -> str:
    return _common_prefix([w[::-1] for w in words])[::-1]


def _common_infix(words: list[str]) -> str:
    shortest = min(words, key=len)
    for size in range(len(shortest), 0, -1):
        for i in range(len(shortest) - size + 1):
            piece = shortest[i:i + size]
            if all(piece in w for w in words):
                return piece
    return ""


@lru_cache(maxsize=4096)
def _is_name(member: str) -> bool:
    """True for a member that is one proper noun or number (a place, person
    or organisation): lists of names are enumerations, not parallelism."""
    tags = reference_dictionary().tag(member)
    return len(tags) == 1 and tags[0][1] in _NAME_TAGS


@lru_cache(maxsize=4096)
def _word_ends(member: str) -> frozenset[int]:
    """Positions in ``member`` between two words (and both ends), the parts
    of compounds included: jieba's search mode gives 产品 and 数量 inside
    产品数量; a position counts where one of its words ends and another starts
    (not 利于 inside 有利于)."""
    spans = reference_dictionary().tokenize(member, "search")
    ends, starts = {end for _, _, end in spans}, {start for _, start, _ in spans}
    return frozenset({0, len(member)} | (ends & starts))


def _keep_end(member: str, size: int, *, exact: bool = True) -> str:
    """The last ``size`` characters of ``member``, or ``''`` when that cuts a
    word (社会责任感 -> 会责任感 is no member); not ``exact``: the longest end
    of at most ``size`` characters (and at least 2) that starts a word
    (充分发挥邮政商流 -> 商流); never at a particle (战胜了特殊困难 -> not 了特殊困难)."""
    ends = _word_ends(member)
    for length in range(size, size - 1 if exact else 1, -1):
        if len(member) - length in ends and not _starts_with_particle(member[-length:]):
            return member[-length:]
    return ""


def _starts_with_particle(member: str) -> bool:
    """了特殊困难 (cut from 战胜了特殊困难): a member never starts with a particle."""
    tagged = _dictionary_tags(member)
    return bool(tagged) and tagged[0][1].startswith("u")


def _keep_start(member: str, size: int, *, exact: bool = True) -> str:
    """The first ``size`` characters of ``member``, or ``''`` when that cuts a
    word; not ``exact``: the longest beginning of at most ``size`` characters
    (and at least 2) that ends a word."""
    ends = _word_ends(member)
    for length in range(size, size - 1 if exact else 1, -1):
        if length in ends:
            return member[:length]
    return ""


def _trimmed(members: list[str], *, between_words: bool = True) -> list[str]:
    """Edge members cut to at most the length of the inner ones, between two
    words: the first keeps its end, the last its beginning (加快国有企业数字化
    -> 数字化; 充分发挥邮政商流 -> 商流); an edge that cannot be cut so is kept
    whole. Not ``between_words``: cut at exactly that length."""
    inner = max(len(m) for m in members[1:-1])
    first, last = members[0], members[-1]
    if not between_words:
        return [first[-inner:], *members[1:-1], last[:inner]]
    return [(_keep_end(first, inner, exact=False) or first) if len(first) > inner else first, *members[1:-1],
            _keep_start(last, inner, exact=False) or last]


def frame_of(members: list[str], *, shape: bool = True) -> tuple[str, str, list[str]] | None:
    """``(frame_type, frame, members)`` shared by all ``members`` — as given, or
    with the edge members trimmed to the inner members' length — or ``None``."""
    if sum(bool(P.PARALLEL_LIST_MARKER.match(m)) for m in members) >= 2:
        return None
    plain = [P.QUOTE_MARKS.sub("", m) for m in members]
    found = _frame(plain, shape=shape)
    if found:
        return (*found, members)
    if len(plain) < MIN_MEMBERS:
        return None
    found = _trimmed_frame(plain)
    if found or not shape:
        return found
    return _governed_first_shape(plain) or _governed_edges_shape(plain)


def _trimmed_frame(plain: list[str]) -> tuple[str, str, list[str]] | None:
    """A literal frame (no shape) of ``plain`` with its edge members trimmed,
    and the trimmed members; ``None`` when there is none."""
    # trimming makes any lengths equal: no shapes. Cut between words first; then, for a literal
    # frame, at the inner members' length (jieba's 生态|化为 in 产业体系生态化为特征)
    for trimmed in (_trimmed(plain), _trimmed(plain, between_words=False)):
        found = _frame(trimmed, shape=False, strict=True)
        if found:
            return (*found, trimmed)
    return None


def _shape_only(members: list[str]) -> tuple[str, str, list[str]] | None:
    """The shape frame of ``members`` and the members, or ``None`` when they
    have no frame or a frame other than a shape."""
    found = _frame(members, shape=True, strict=True)
    if found and found[0] == "shape":
        return (*found, members)
    return None


def _governed_first_shape(plain: list[str]) -> tuple[str, str, list[str]] | None:
    """A shape with a governing word before the first member, the first
    member cut to the others' length."""
    # shape with a governing word before the first member (增强科学把握形势变化、精准识别现象本质…):
    # all other members untrimmed and of one length
    rest = plain[1:]
    if len({len(m) for m in rest}) != 1 or len(plain[0]) <= len(rest[0]):
        return None
    first = _keep_end(plain[0], len(rest[0]))
    return _shape_only([first, *rest]) if first else None


def _governed_edges_shape(plain: list[str]) -> tuple[str, str, list[str]] | None:
    """A shape with governing words before the first member and after the
    last, both edges cut to the inner members' common length."""
    # ... or before the first and after the last, when two or more inner members agree
    inner = plain[1:-1]
    if len(inner) < 2 or len({len(m) for m in inner}) != 1:
        return None
    size = len(inner[0])
    first, last = _keep_end(plain[0], size), _keep_start(plain[-1], size)
    return _shape_only([first, *inner, last]) if first and last else None


def _quantity_frame(plain: list[str], frame: str) -> bool:
    """A frame of units shared by figures (…1700亿元, …580万套): a table
    of numbers in prose, not a figure of speech."""
    return all(P.DIGITS.search(m) for m in plain) and all(c in _UNIT_CHARS or c.isdigit() or c == "." for c in frame)


def _frame(plain: list[str], *, shape: bool, strict: bool = False) -> tuple[str, str] | None:
    """``(frame_type, frame)`` shared by the members ``plain`` (without
    quotation marks), tried in order: repeat, prefix or suffix, discontinuous
    prefix, infix, one-character infix, shape (only with ``shape``); ``None``
    when they share none. ``strict`` (trimmed members): no loose infix."""
    if not _comparable(plain):
        return None
    if all(P.REDUPLICATION.match(m) for m in plain):
        return "repeat", "AA再A"
    short = all(len(m) <= SHORT_MEMBER for m in plain)
    return (_edge_frame(plain, short=short) or _infix_frame(plain, short=short, strict=strict)
            or _single_char_frame(plain, strict=strict) or (_shape_frame(plain) if shape else None))


def _comparable(plain: list[str]) -> bool:
    """True when the members are all different and each of 2 to
    :data:`LONG_MEMBER` characters."""
    return len(set(plain)) == len(plain) and all(2 <= len(m) <= LONG_MEMBER for m in plain)


def _han_only(piece: str) -> str:
    """``piece`` when it holds a Han character, else ``''``."""
    return piece if P.HAN_CHAR.search(piece) else ""


def _edge_frame(plain: list[str], *, short: bool) -> tuple[str, str] | None:
    """The longer of a shared prefix and suffix (the prefix on a tie): two
    characters or more, or one in ``short`` members, and not units of
    figures; else a discontinuous prefix."""
    prefix, suffix = _han_only(_common_prefix(plain)), _han_only(_common_suffix(plain))
    candidates = [(frame_type, frame) for frame_type, frame in (("prefix", prefix), ("suffix", suffix))
                  if (len(frame) >= 2 or (frame and short)) and not _quantity_frame(plain, frame)]
    if candidates:
        return max(candidates, key=lambda c: len(c[1]))
    return _discontinuous_prefix(plain, prefix)


def _discontinuous_prefix(plain: list[str], prefix: str) -> tuple[str, str] | None:
    """``prefix…second``: a one-character ``prefix`` that is a word of its
    own, and a piece shared by the rest of every member."""
    if len(prefix) != 1 or not all(1 in _word_ends(m) for m in plain):
        return None
    # a discontinuous frame on a word of its own: 从…到, 在…中, 是…的 (not 中 of 中国, 中美)
    second = _common_infix([m[1:] for m in plain])
    if second and P.HAN_CHAR.search(second):
        return "prefix", f"{prefix}…{second}"
    return None


def _infix_frame(plain: list[str], *, short: bool, strict: bool) -> tuple[str, str] | None:
    """A word inside every member (of at most 12 characters): at the same
    offset (two characters or more, or one in ``short`` members), three
    characters or more anywhere, or — not ``strict`` — two anywhere in
    members of at most 10 characters."""
    infix = _usable_infix(plain)
    if not infix:
        return None
    same_offset = len({m.find(infix) for m in plain}) == 1
    if ((same_offset and (len(infix) >= 2 or short)) or len(infix) >= 3
            or (not strict and len(infix) >= 2 and all(len(m) <= 10 for m in plain))):
        return "infix", infix
    return None


def _usable_infix(plain: list[str]) -> str:
    """The longest piece inside every member when it may frame them: it
    holds a Han character, is no run of placeholders, is not units of
    figures, and no member is longer than 12 characters; else ``''``."""
    infix = _common_infix(plain)
    usable = (infix and P.HAN_CHAR.search(infix) and not P.PLACEHOLDER_RUN.fullmatch(infix)
              and all(len(m) <= 12 for m in plain) and not _quantity_frame(plain, infix))
    return infix if usable else ""


def _single_char_frame(plain: list[str], *, strict: bool) -> tuple[str, str] | None:
    """A one-character infix (not a function character) in members of at
    most 6 characters; never ``strict``."""
    if strict or not all(len(m) <= 6 for m in plain):
        return None
    # a one-character frame word inside short members (队伍更壮大、能力更强、动力更足)
    single = next((c for c in dict.fromkeys(plain[0]) if P.HAN_CHAR.match(c) and c not in _FUNCTION_CHARS
                   and all(c in m for m in plain)), "")
    return ("infix", single) if single else None


def _shape_frame(plain: list[str]) -> tuple[str, str] | None:
    """Members of one length, 3 to :data:`SHORT_MEMBER` characters, none of
    them a name."""
    if len({len(m) for m in plain}) == 1 and 3 <= len(plain[0]) <= SHORT_MEMBER and not any(_is_name(m) for m in plain):
        return "shape", f"{len(plain[0])} characters each"
    return None


def _runs(members: list[tuple[str, int]], *, shape: bool) -> list[Parallelism]:
    """Maximal runs of at least :data:`MIN_MEMBERS` members sharing a frame."""
    found, i = [], 0
    while i <= len(members) - MIN_MEMBERS:
        best = None
        for j in range(i + MIN_MEMBERS, len(members) + 1):
            frame = frame_of([m for m, _ in members[i:j]], shape=shape)
            if frame is None:
                if best:
                    break
                continue
            best = (j, frame)
        if best:
            j, (kind, frame, shown) = best
            found.append(Parallelism(kind, frame, tuple(shown), members[i][1],
                                     members[j - 1][1] + len(members[j - 1][0])))
            # a trimmed last member may open the next run (…智能化转型升级的承载者、推动者、实践者)
            i = j - 1 if len(shown[-1]) < len(P.QUOTE_MARKS.sub("", members[j - 1][0])) else j
        else:
            i += 1
    return found


def find_parallelisms(text: str) -> list[Parallelism]:
    """Runs of parallel members in every sentence of ``text``: first among
    clauses (split at ，；：), then among the items of each clause (split at
    、 and at 和/与/及); shapes only among items."""
    from corpus_utils.corpus.sentences import split_sentences

    found, cursor = [], 0
    for sentence in split_sentences(text):
        start = text.find(sentence, cursor)
        cursor = start + len(sentence)
        clauses = _split(sentence, start, P.PARALLEL_CLAUSE_SPLIT, conjunctions=False)
        runs = _runs(clauses, shape=False)
        for clause, offset in clauses:
            items = _split(clause, offset, P.PARALLEL_ITEM_SPLIT, conjunctions=True)
            if len(items) >= MIN_MEMBERS:
                runs += [r for r in _runs(items, shape=True)
                         if not any(o.start <= r.start and r.end <= o.end and set(r.members) <= set(o.members)
                                    for o in runs)]
        found += sorted(runs, key=lambda r: r.start)
    return found


PARALLELISM_COLUMNS = ["doc_id", "kind", "frame_type", "frame", "members", "n_members", "start", "end"]


def parallelism_table(text: str, *, doc_id: str = "") -> pd.DataFrame:
    """:func:`find_parallelisms` as a table: ``doc_id, kind, frame_type,
    frame, members`` (joined by ``|``), ``n_members, start, end``; ``kind``
    is ``paibi`` or ``enumeration``."""
    rows = [(doc_id, p.kind, p.frame_type, p.frame, "|".join(p.members), len(p.members), p.start, p.end)
            for p in find_parallelisms(text)]
    return pd.DataFrame(rows, columns=PARALLELISM_COLUMNS)


def corpus_parallelisms(corpus: pd.DataFrame) -> pd.DataFrame:
    """:func:`parallelism_table` of every document of a loaded corpus, one
    table; a document whose analysis fails is left out with one
    :class:`~corpus_utils.errors.CorpusWarning` naming it."""
    return analyse_each(corpus, lambda doc_id, text: parallelism_table(text, doc_id=doc_id), name="parallelism",
                        columns=PARALLELISM_COLUMNS)
