"""The numbered skeleton of a speech: enumeration markers built into a tree.

Officials speak in numbered lists whose markers form a hierarchy:
一、 (sections) > （一） > 1. > （1） > 第一， > 一方面/首先 > 一是/一要.
:func:`find_markers` finds every marker on a word boundary; :func:`build_outline`
assigns them to lists with a stack — a marker continues an open list of a
compatible family when its ordinal is the next one (gaps are tolerated and
reported), starts a new list when its ordinal is 1, and nests under the open
item it stands in. A list needs at least two items, so a lone 一是 inside an
ordinary sentence, or a lone 一方面, is not a list (the outline is rebuilt
without such markers).

When an open item ends decides what nests in it:

* lists of clause markers (一是, 一要, 一方面, 首先), and lists written inside a
  paragraph, end with their paragraph (or the next one, if they go on there);
* lists of paragraph-initial markers (一、 headings, （一）, 1. headlines,
  第一，) run until a sibling or an ancestor's sibling, but the last item ends
  once it is much longer than any other item of the list (counted in the
  paragraphs of its own, not those of its sub-items), so the body of a
  newscast is not read as part of its last headline;
* a new list nests in the open item of a list of higher rank; one of the
  same or a higher rank closes it, except that a list written inside the
  running text of a heading's item nests in it (（一）… with an inline
  一、…二、… in it), and that a list of parts, whose items run over several
  paragraphs, holds lists of any type (（一）当前的经济形势 … 一、…二、…);
* a closed heading list that goes on later with its very next number was
  open all along: what began in between nests in its last item (一、…四、,
  then 一、二、三 points, then 五、…);
* a list introduced by a sentence of its own after the last item of a list
  written inside the same paragraph is that list's sibling;
* a list whose first marker starts a paragraph right after a colon that ends
  the open item's text (…提出以下几点：⏎一、…) nests in that item, whatever
  its marker type.

Announcements of how many points follow (七点要求, 以下四点, 四个方面, 4点建议)
and numbered formulae that a list spells out (四突出四切实 → 一要…四要) are
linked to the list that follows them when they stand in the clause that
introduces it; an explicit announcement (…点, 以下…) is linked whatever its
number, so a mismatch shows, every other count only when it equals the
number of items. A table of contents written inside a sentence (（1）关于…；
（2）关于…) that a list of headings then spells out is not a list of its own;
its announcement goes to the headings.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate, pairwise
from statistics import median_high

import pandas as pd

from corpus_utils import constants as P
from corpus_utils.corpus.documents import analyse_each
from corpus_utils.plotting import wrap_label

_N = P.OUTLINE_DIGITS

#: family -> (rank: smaller is higher in the hierarchy, compiled pattern, block-scoped?)
FAMILIES: dict[str, tuple[float, re.Pattern, bool]] = {
    "section": (1, P.OUTLINE_SECTION, True),
    "paren": (2, P.OUTLINE_PAREN, True),
    "digit": (2.5, P.OUTLINE_DIGIT, True),
    "paren_arabic": (2.7, P.OUTLINE_PAREN_ARABIC, True),
    "diyi": (3, P.OUTLINE_DIYI, True),
    "step": (3, P.OUTLINE_STEP, True),
    "pair": (4, P.OUTLINE_PAIR, False),
    "sequence": (4, P.OUTLINE_SEQUENCE, False),
    "yishi": (5, P.OUTLINE_YISHI, False),
    "yiyao": (5, P.OUTLINE_YIYAO, False),
}
#: Families a list may continue with (首先…其次…三要…四要; 首先…第二…第三).
COMPATIBLE = {"sequence": {"sequence", "yiyao", "yishi", "diyi"}}
_DIGITS = {c: i for i, c in enumerate(_N, start=1)} | {"两": 2}
#: The last item of a list of paragraph-initial markers ends once its own
#: paragraphs outnumber this many times those of a typical other item (the
#: median; once they outnumber them, when the other items are one paragraph).
LAST_ITEM_FACTOR = 2
#: Families from this rank on number points in running text; 一、 and （一）
#: are section headings even when a scrape glued them into a paragraph.
RUNNING_RANK = 2.5
#: A count that is not an explicit announcement (三件事, 四个方面, 两个确保)
#: must end its clause within this many characters.
COUNT_TAIL = 10
#: A heading list whose items have this many paragraphs of their own is a list
#: of parts: lists of any marker type start inside its open item.
SECTION_PARAGRAPHS = 3
#: How far before its last clause the sentence introducing a list may start (in characters).
SENTENCE_WINDOW = 120
#: How many closed heading lists may be reopened (see :func:`_resume`).
SUSPENDED = 8
#: How many times the outline is rebuilt without markers that made no list.
_REBUILDS = 4

#: One example of each marker family, for teaching.
EXAMPLES = {"section": "一、二、三、", "paren": "（一）（二）", "digit": "1. 2.", "paren_arabic": "（1）（2）",
            "diyi": "第一，第二，", "step": "第一步，第二步，", "pair": "一方面…另一方面",
            "sequence": "首先…其次…最后", "yishi": "一是…二是…", "yiyao": "一要…二要…"}


def marker_families() -> pd.DataFrame:
    """The marker families, highest in the hierarchy first: family, rank,
    example, and whether a list of them ends with its paragraph."""
    rows = [(family, rank, EXAMPLES[family], "no" if block else "yes")
            for family, (rank, _, block) in sorted(FAMILIES.items(), key=lambda kv: kv[1][0])]
    return pd.DataFrame(rows, columns=["family", "rank", "example", "ends with paragraph"])


def chinese_number(text: str) -> int:
    """一 -> 1, 十四 -> 14, 二十 -> 20, 两 -> 2; Arabic digits too; 0 for
    anything that is not a number (十一五, 五四, an empty string)."""
    if text.isascii() and text.isdigit():
        return int(text)
    if not P.OUTLINE_VALID_NUMBER.match(text) or not text:
        return 0
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(units, 0) if units else 0)
    return _DIGITS.get(text, 0)


@dataclass
class Marker:
    """An enumeration marker in a text (``glued``: a headline number the
    scrape glued to the previous line, which only continues an open list)."""

    family: str
    text: str
    ordinal: int
    start: int
    end: int
    paragraph: int
    paragraph_initial: bool
    glued: bool = False

    @property
    def rank(self) -> float:
        return FAMILIES[self.family][0]


def _ordinal(family: str, match: re.Match) -> int:
    if family == "pair":
        return 2 if match["word"].startswith("另") else 1
    if family == "sequence":
        return {"首先": 1, "其次": 2, "再次": 2, "最后": 99}[match["word"]]
    number = next(match[g] for g in ("num", "bare", "glued", "digits") if g in match.re.groupindex and match[g])
    return chinese_number(number)


def _pair_key(word: str) -> str:
    """The "one" form of a pair marker: 另一头是 -> 一头是, 另方面 -> 一方面."""
    return "一方面" if word == "另方面" else word.removeprefix("另")


def _next_in_pair(first: Marker, last: Marker, marker: Marker, n_items: int) -> int | None:
    """The ordinal of ``marker`` after a pair list's items: 另一X closes a
    pair (一方面…另一方面); a repeated 一X (一头是…一头是, 一条是 three times)
    continues in the same paragraph, but not 一个是 (其中一个是…，一个是…
    describes two things; 一个是…另一个是 lists them)."""
    if _pair_key(marker.text) != _pair_key(first.text) or first.ordinal != 1:
        return None
    if marker.ordinal == 2:
        return 2 if n_items == 1 else None
    if marker.text == "一个是" or last.text != first.text or marker.paragraph != last.paragraph:
        return None
    return n_items + 1


def find_markers(text: str) -> list[Marker]:
    """Every enumeration marker of ``text``, in order (a marker inside a
    longer one, such as 一方面 in 另一方面, is dropped)."""
    paragraph_starts = [0] + [m.end() for m in P.NEWLINE.finditer(text)]
    first_char: dict[int, int] = {}

    def initial(paragraph: int, start: int) -> bool:
        if paragraph not in first_char:
            found = P.OUTLINE_NON_SPACE.search(text, paragraph_starts[paragraph])
            first_char[paragraph] = found.start() if found else len(text)
        return first_char[paragraph] >= start

    found = []
    for family, (_, pattern, _) in FAMILIES.items():
        for match in pattern.finditer(text):
            raw = match.group(0)
            start = match.start() + len(raw) - len(raw.lstrip())
            paragraph = bisect_right(paragraph_starts, start) - 1
            glued = "glued" in pattern.groupindex and (match["glued"] or match["digits"]) is not None
            found.append(Marker(family, raw.strip(), _ordinal(family, match), start, match.end(), paragraph,
                                initial(paragraph, start), glued))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept, last_end = [], -1
    for marker in found:
        if marker.start >= last_end:
            kept.append(marker)
            last_end = marker.end
    return kept


@dataclass(eq=False)
class Item:
    """One item of a list."""

    marker: Marker
    children: list[EnumeratedList] = field(default_factory=list)
    end: int = -1


@dataclass(eq=False)
class EnumeratedList:
    """A list of items sharing a marker family."""

    family: str
    items: list[Item]
    parent: Item | None = None
    announcement: str = ""
    announced_count: int | None = None
    announcement_start: int = -1
    #: Where the clause introducing the list ends (the first marker, or a
    #: table of contents that announced it).
    anchor: int = -1

    @property
    def rank(self) -> float:
        return FAMILIES[self.family][0]

    @property
    def block(self) -> bool:
        return FAMILIES[self.family][2] or all(i.marker.paragraph_initial for i in self.items)

    @property
    def headed(self) -> bool:
        """A list of a block family with items that start paragraphs (headings, headlines)."""
        return FAMILIES[self.family][2] and any(i.marker.paragraph_initial for i in self.items)

    def next_ordinal(self, marker: Marker) -> int | None:
        """The ordinal ``marker`` has as this list's next item, or ``None``
        when it does not continue the list."""
        last = self.items[-1].marker
        families = COMPATIBLE.get(self.family, {self.family})
        if marker.family not in families:
            return None
        if marker.family == "pair":
            return _next_in_pair(self.items[0].marker, last, marker, len(self.items))
        if marker.family == "yishi" and marker.text == last.text == "一是":
            # 一是…一是 ("one is … the other is"), a pair in one paragraph
            return 2 if len(self.items) == 1 and marker.paragraph == last.paragraph else None
        if marker.family == "sequence" and marker.text == "最后":
            return 99
        if marker.family == "sequence" and marker.text == "再次" and last.ordinal in (1, 2):
            return last.ordinal + 1
        if marker.ordinal <= last.ordinal or marker.ordinal - last.ordinal > 2:
            return None
        return marker.ordinal

    def continues_with(self, marker: Marker) -> bool:
        return self.next_ordinal(marker) is not None


class _Layout:
    """Positions in a text the assignment looks up (each in logarithmic
    time): paragraph starts, sentence ends, and which paragraphs start with a
    marker: the paragraphs of an item that do not are its own text (the
    others belong to its sub-items)."""

    def __init__(self, text: str, markers: list[Marker]) -> None:
        self.text = text
        self.paragraph_starts = [0] + [m.end() for m in P.NEWLINE.finditer(text)]
        self.initial = sorted({m.paragraph for m in markers if m.paragraph_initial})
        self.sentence_ends = [m.start() for m in P.OUTLINE_SENTENCE_END.finditer(text)]
        self._lengths: dict[int, list[int]] = {}

    def paragraph_of(self, position: int) -> int:
        return bisect_right(self.paragraph_starts, position) - 1

    def paragraph_end(self, position: int) -> int:
        """Where the paragraph holding ``position`` ends (its line break, or the text's end)."""
        following = self.paragraph_of(position) + 1
        return self.paragraph_starts[following] - 1 if following < len(self.paragraph_starts) else len(self.text)

    def sentence_end_between(self, start: int, stop: int) -> bool:
        return bisect_left(self.sentence_ends, start) < bisect_left(self.sentence_ends, stop)

    def own(self, first: int, stop: int) -> int:
        """Paragraphs ``first`` (the item's) to ``stop - 1`` that are the item's own."""
        if stop <= first:
            return 1
        inner = bisect_left(self.initial, stop) - bisect_right(self.initial, first)
        return stop - first - inner

    def _item_lengths(self, lst: EnumeratedList) -> list[int]:
        """How many paragraphs of its own each item of ``lst`` but the last has."""
        cached = self._lengths.get(id(lst))
        if cached is None or len(cached) != len(lst.items) - 1:
            cached = [self.own(a.marker.paragraph, b.marker.paragraph) for a, b in pairwise(lst.items)]
            self._lengths[id(lst)] = cached
        return cached

    def longest(self, lst: EnumeratedList) -> int:
        """The most paragraphs of its own an item of ``lst`` but the last has."""
        return max(self._item_lengths(lst))

    def typical_length(self, lst: EnumeratedList) -> int:
        """How many paragraphs of its own an item of ``lst`` but the last
        typically has (the upper median)."""
        return median_high(self._item_lengths(lst))

    def _limit(self, lst: EnumeratedList) -> int:
        """How many paragraphs of its own the last item of ``lst`` may have."""
        typical = self.typical_length(lst)
        return typical if typical <= 1 else LAST_ITEM_FACTOR * typical

    def beyond_last_item(self, lst: EnumeratedList, paragraph: int, *, counted: bool = True) -> bool:
        """Whether ``paragraph`` lies past the end of the last item of a list
        of paragraph-initial markers (see the module docstring); ``counted``:
        whether the paragraph itself would be the item's own text (it is not
        when it starts with a marker)."""
        if len(lst.items) < 2:
            return False
        return self.own(lst.items[-1].marker.paragraph, paragraph + counted) > self._limit(lst)

    def last_item_end(self, lst: EnumeratedList) -> int:
        """Where the last item of a heading list ends by its length (the text's end if it does not)."""
        if len(lst.items) < 2:
            return len(self.text)
        first = lst.items[-1].marker.paragraph
        low, high = first + 1, len(self.paragraph_starts)
        while low < high:  # the first paragraph beyond the item (own() grows with the paragraph)
            middle = (low + high) // 2
            if self.beyond_last_item(lst, middle):
                high = middle
            else:
                low = middle + 1
        return len(self.text) if low >= len(self.paragraph_starts) else self.paragraph_starts[low] - 1


def _expired(lst: EnumeratedList, marker: Marker, layout: _Layout) -> bool:
    """Whether ``lst`` is over when ``marker`` comes."""
    last = lst.items[-1].marker
    if marker.paragraph == last.paragraph:
        return False
    if lst.continues_with(marker) and (marker.paragraph - last.paragraph <= 1
                                       or (lst.block and marker.paragraph_initial)):
        return False
    if not (lst.headed or (lst.block and len(lst.items) >= 2)):
        return True  # clause markers and lists inside a paragraph end with it (not 一是… that start paragraphs)
    return layout.beyond_last_item(lst, marker.paragraph, counted=not marker.paragraph_initial)


def _exact(lst: EnumeratedList, marker: Marker) -> bool:
    """Whether ``marker`` continues ``lst`` with the very next ordinal."""
    ordinal = lst.next_ordinal(marker)
    return ordinal is not None and ordinal in (lst.items[-1].marker.ordinal + 1, 99)


def _continued(stack: list[EnumeratedList], marker: Marker) -> int | None:
    """The open list ``marker`` continues: the innermost one, preferring one
    it continues with the very next ordinal, then one whose last marker is
    laid out like it (both starting a paragraph, or both inside one)."""
    candidates = [i for i in range(len(stack) - 1, -1, -1) if stack[i].continues_with(marker)]
    if not candidates:
        return None

    def preference(i: int) -> tuple[bool, bool]:
        same_layout = stack[i].items[-1].marker.paragraph_initial == marker.paragraph_initial
        return not _exact(stack[i], marker), not same_layout

    return min(candidates, key=lambda i: (*preference(i), candidates.index(i)))


def _introduced_after(layout: _Layout, lst: EnumeratedList, marker: Marker) -> bool:
    """Whether ``marker`` starts a list introduced by a sentence of its own
    (…四项措施：一要) after the last item of ``lst``, written inside the same
    paragraph."""
    last = lst.items[-1].marker
    if lst.rank < RUNNING_RANK or last.paragraph != marker.paragraph or (last.paragraph_initial and lst.headed):
        return False
    before = layout.text[max(last.end, marker.start - 8):marker.start].rstrip()
    return before.endswith(("：", ":")) and layout.sentence_end_between(last.end, marker.start)


def _announced_by_colon(layout: _Layout, top: EnumeratedList, marker: Marker) -> bool:
    """Whether ``marker`` starts a paragraph right after a colon that ends the
    text of the open item of ``top`` (…提出以下几点：⏎一、…): the item announces
    the list, so it nests there, even with the marker type of a higher list."""
    if not marker.paragraph_initial or marker.paragraph == top.items[-1].marker.paragraph:
        return False
    return layout.text[max(0, marker.start - 4):marker.start].rstrip().endswith(("：", ":"))


def _closes(layout: _Layout, top: EnumeratedList, marker: Marker) -> bool:
    """Whether a new list starting with ``marker`` is not nested in the open
    item of ``top`` (so ``top`` is closed first)."""
    if _introduced_after(layout, top, marker):
        return True
    if top.rank < marker.rank or _announced_by_colon(layout, top, marker):
        return False
    in_heading = top.headed and top.items[-1].marker.paragraph_initial
    if in_heading and not marker.paragraph_initial:
        return False  # a list written inside the running text of a heading's item nests in it
    if top.family == marker.family:
        return True  # the same marker type, laid out alike, restarts: a sibling
    # a part of several paragraphs holds lists of any marker type (（一）关于经济形势 … 一、… 二、…)
    return not (in_heading and len(top.items) >= 2 and layout.longest(top) >= SECTION_PARAGRAPHS)


def _resumable(suspended: list[EnumeratedList], stack: list[EnumeratedList], marker: Marker,
               owner: dict[int, EnumeratedList]) -> EnumeratedList | None:
    """A heading list closed by a new list that ``marker`` continues with the
    very next ordinal, laid out alike, inside the same open item."""
    for lst in reversed(suspended[-SUSPENDED:]):
        if (_exact(lst, marker) and lst.items[-1].marker.paragraph_initial == marker.paragraph_initial
                and (lst.parent is None or any(s is owner[id(lst.parent)] for s in stack))):
            return lst
    return None


def _resume(lst: EnumeratedList, lists: list[EnumeratedList], stack: list[EnumeratedList],
            owner: dict[int, EnumeratedList]) -> None:
    """Reopen ``lst``: the lists begun since its last item, outside it, were
    inside that item after all."""
    last = lst.items[-1]
    for other in reversed(lists):
        if other.items[0].marker.start <= last.marker.start:
            break
        if other is not lst and (other.parent is None or other.parent.marker.start < last.marker.start):
            other.parent = last
    if lst.parent is None:
        stack.clear()
    else:
        parent_list = owner[id(lst.parent)]
        del stack[next(i for i, s in enumerate(stack) if s is parent_list) + 1:]
    stack.append(lst)


def _assign(layout: _Layout, markers: list[Marker]) -> list[EnumeratedList]:
    lists: list[EnumeratedList] = []
    stack: list[EnumeratedList] = []
    suspended: list[EnumeratedList] = []
    owner: dict[int, EnumeratedList] = {}
    for marker in markers:
        while stack and _expired(stack[-1], marker, layout):
            stack.pop()
        continued = _continued(stack, marker)
        if continued is None or not _exact(stack[continued], marker):
            resumed = _resumable(suspended, stack, marker, owner)
            if resumed is not None:
                suspended.remove(resumed)
                _resume(resumed, lists, stack, owner)
                continued = len(stack) - 1
        if continued is not None:
            del stack[continued + 1:]
            lst = stack[-1]
            marker.ordinal = lst.next_ordinal(marker)
            lst.items.append(Item(marker))
            owner[id(lst.items[-1])] = lst
            continue
        if marker.glued or marker.ordinal != 1:
            continue
        while stack and _closes(layout, stack[-1], marker):
            closed = stack.pop()
            if closed.headed and closed.items[-1].marker.paragraph_initial:
                suspended.append(closed)
        new = EnumeratedList(marker.family, [Item(marker)], parent=stack[-1].items[-1] if stack else None,
                             anchor=marker.start)
        owner[id(new.items[0])] = new
        lists.append(new)
        stack.append(new)
    return lists


def _build_lists(text: str, markers: list[Marker]) -> list[EnumeratedList]:
    """The lists of at least two items. A marker that makes no list (一方面
    alone, 一是 in a sentence) is an ordinary word: the lists are rebuilt
    without it, so it closes nothing."""
    for _ in range(_REBUILDS):
        original = {id(m): m.ordinal for m in markers}
        lists = _assign(_Layout(text, markers), markers)
        lone = {id(lst.items[0].marker) for lst in lists if len(lst.items) < 2}
        if not lone:
            return lists
        markers = [m for m in markers if id(m) not in lone]
        for m in markers:
            m.ordinal = original[id(m)]
    return _drop_single_items(lists)


def _drop_single_items(lists: list[EnumeratedList]) -> list[EnumeratedList]:
    """Drop lists of one item and lift their children to their parent."""
    kept = [lst for lst in lists if len(lst.items) >= 2]
    kept_items = {id(item) for lst in kept for item in lst.items}
    dropped_parent = {id(lst.items[0]): lst.parent for lst in lists if len(lst.items) < 2}
    for lst in kept:
        while lst.parent is not None and id(lst.parent) not in kept_items:
            lst.parent = dropped_parent.get(id(lst.parent))
    return kept


def _own_line(text: str, item: Item, limit: int = 40) -> str:
    """The start of an item's first line after its marker (of the next line
    for a marker alone on its line), without punctuation at the ends."""
    start = item.marker.end
    line = text[start:start + limit].split("\n", 1)[0].strip()
    if not line:
        following = text.find("\n", start)
        line = text[following + 1:following + 1 + limit].split("\n", 1)[0].strip() if following >= 0 else ""
    return line.strip("，,；;。：:、 ")


def _heading_lists_by_length(lists: list[EnumeratedList]) -> dict[int, list[EnumeratedList]]:
    """Lists whose every marker starts a paragraph, in text order, grouped by
    their number of items."""
    headings: dict[int, list[EnumeratedList]] = {}
    for lst in sorted(lists, key=lambda x: x.items[0].marker.start):
        if all(item.marker.paragraph_initial for item in lst.items):
            headings.setdefault(len(lst.items), []).append(lst)
    return headings


def _within_one_sentence(layout: _Layout, markers: list[Marker]) -> bool:
    """Whether ``markers`` all stand inside the running text of one paragraph
    (none starts it) and no sentence ends between the first and the last."""
    if any(m.paragraph_initial or m.paragraph != markers[0].paragraph for m in markers):
        return False
    return not layout.sentence_end_between(markers[0].start, markers[-1].start)


def _contents_entries(text: str, markers: list[Marker]) -> list[str]:
    """The entry each marker of an inline list introduces: its text up to the
    next marker (at most 40 characters), cut at the first entry end."""
    entries = [text[a.end:min(b.start if b else len(text), a.end + 40)] for a, b in
               zip(markers, [*markers[1:], None], strict=True)]
    return [P.OUTLINE_ENTRY_END.split(e.strip(), maxsplit=1)[0].strip() for e in entries]


def _entries_repeated(entries: list[str], lines: list[str]) -> bool:
    """Whether each heading line repeats its entry (either starts with the
    other's first six characters), both at least two characters long."""
    return all(min(len(entry), len(line)) >= 2 and (line.startswith(entry[:6]) or entry.startswith(line[:6]))
               for entry, line in zip(entries, lines, strict=True))


def _spelled_out_by(layout: _Layout, lst: EnumeratedList, headings: dict[int, list[EnumeratedList]],
                    heading_starts: dict[int, list[int]]) -> EnumeratedList | None:
    """The list of headings that spells out ``lst`` as its table of contents
    (the next heading list of the same length after it, repeating its
    entries item by item), or ``None``."""
    text = layout.text
    markers = [item.marker for item in lst.items]
    if len(markers) not in headings or not _within_one_sentence(layout, markers):
        return None
    entries = _contents_entries(text, markers)
    if any(len(e) < 2 for e in entries):
        return None
    k = bisect_right(heading_starts[len(markers)], markers[-1].start)
    if k == len(headings[len(markers)]):
        return None
    later = headings[len(markers)][k]
    lines = [P.OUTLINE_ENTRY_LEAD.sub("", _own_line(text, item)) for item in later.items]
    entries = [P.OUTLINE_ENTRY_LEAD.sub("", entry) for entry in entries]
    return later if _entries_repeated(entries, lines) else None


def _reparent_past_dropped(lists: list[EnumeratedList], kept: list[EnumeratedList]) -> None:
    """Move each kept list whose parent item belonged to a dropped list up to
    the nearest ancestor item that was kept (or to the top)."""
    kept_items = {id(item) for lst in kept for item in lst.items}
    parent_of = {id(item): lst.parent for lst in lists for item in lst.items}
    for lst in kept:
        while lst.parent is not None and id(lst.parent) not in kept_items:
            lst.parent = parent_of.get(id(lst.parent))


def _drop_tables_of_contents(layout: _Layout, lists: list[EnumeratedList]) -> list[EnumeratedList]:
    """A list written inside one sentence whose items the next list of
    headings of the same length repeats, item by item, is that list's table
    of contents: drop it and let the headings take its introducing clause
    (and so its announcement)."""
    headings = _heading_lists_by_length(lists)
    heading_starts = {n: [h.items[0].marker.start for h in group] for n, group in headings.items()}
    dropped: set[int] = set()
    for lst in lists:
        later = _spelled_out_by(layout, lst, headings, heading_starts)
        if later is not None:
            dropped.add(id(lst))
            later.anchor = min(later.anchor, lst.anchor)
    if not dropped:
        return lists
    kept = [lst for lst in lists if id(lst) not in dropped]
    _reparent_past_dropped(lists, kept)
    return kept


def _set_ends(layout: _Layout, lists: list[EnumeratedList]) -> None:
    """Where each item ends: at the next item; the last item at its
    paragraph's end (clause lists), at the bound of a heading list's last
    item, at the next sibling list or at its parent item's end; an item also
    extends over the lists nested in it."""
    text = layout.text
    siblings: dict[int, list[EnumeratedList]] = {}
    for lst in lists:
        siblings.setdefault(id(lst.parent), []).append(lst)
    next_sibling: dict[int, int] = {}
    for group in siblings.values():
        group.sort(key=lambda x: x.items[0].marker.start)
        for a, b in pairwise(group):
            next_sibling[id(a)] = b.items[0].marker.start
    for lst in sorted(lists, key=lambda x: x.items[0].marker.start):
        for i, item in enumerate(lst.items[:-1]):
            item.end = lst.items[i + 1].marker.start
        last = lst.items[-1]
        limit = next_sibling.get(id(lst), len(text))
        if lst.parent is not None and lst.parent.end > last.marker.start:
            limit = min(limit, lst.parent.end)
        if not lst.headed:
            limit = min(limit, layout.paragraph_end(last.marker.start))
        else:
            limit = min(limit, layout.last_item_end(lst))
        last.end = max(limit, last.marker.end)
    for lst in sorted(lists, key=lambda x: -x.items[-1].marker.start):
        if lst.parent is not None:
            lst.parent.end = max(lst.parent.end, lst.items[-1].end)


def _introducing_clause(text: str, anchor: int, window: int) -> tuple[int, int]:
    """``(start, end)`` of the clause right before ``anchor``, without the
    punctuation and quotes that close it."""
    head = text[max(0, anchor - window):anchor]
    trail = P.OUTLINE_CLAUSE_TRAIL.search(head)
    end = anchor - (len(head) - trail.start() if trail else 0)
    clause = text[max(0, anchor - window):end]
    ends = [m.end() for m in P.OUTLINE_CLAUSE_END.finditer(clause)]
    return end - len(clause) + (ends[-1] if ends else 0), end


@dataclass(frozen=True)
class _Count:
    """A number that may announce a list: its text, where it starts, its value."""

    text: str
    start: int
    number: int
    explicit: bool  # linked whatever its number


def _counts(text: str, start: int, end: int) -> list[_Count]:
    """Count announcements in ``text[start:end]``."""
    clause = text[start:end]
    found = []
    for match in P.OUTLINE_COUNT.finditer(clause):
        number = chinese_number(match["num"])
        if number < 2 or P.OUTLINE_FRACTION.match(clause, match.end("num")):
            continue
        rest = clause[match.end():]
        unit = match["unit"]
        if unit == "点" and match["num"].isascii() and not (match["lead"] or P.OUTLINE_COUNT_HEAD.match(rest)):
            continue
        if unit == "点" or unit.endswith(("方面", "部分")):  # 四点要求, 四个方面工作, 这四个主要方面
            head = P.OUTLINE_COUNT_HEAD.match(rest)
            tail = head.end() if head else 0
        else:  # 三件事, 三个值得特别注意的地方
            tail = min(len(rest), COUNT_TAIL)
        words = clause[match.start():match.end() + tail]
        explicit = bool(match["lead"]) or unit == "点"
        if not explicit and len(rest) > COUNT_TAIL:
            continue
        found.append(_Count(words, start + match.start(), number, explicit))
    return found


def _formulae(text: str, start: int, end: int, tokens: list[str], offsets: list[int]) -> list[_Count]:
    """Numbered formulae (四突出、四切实, 两手抓) in ``text[start:end]``
    (``tokens``: the text's, starting at ``offsets``): a compound anywhere in
    the clause, any other one only at its end."""
    from corpus_utils.slogans.numbered import find_numbered

    clause = text[start:end]
    tokens = _clip_tokens(tokens, offsets, start, end)
    found = []
    for expression in find_numbered(clause, tokens):
        if expression.role != "formula" or expression.rule == "plan name":
            continue
        if P.OUTLINE_FRACTION.search(expression.text):
            continue
        digits = P.OUTLINE_NUMERAL_RUN.match(expression.text.lstrip("“‘"))
        number = chinese_number(digits.group(0)) if digits else 0
        at_end = not clause[expression.end:].strip("”’\"' ")
        if number >= 2 and (expression.rule == "compound" or at_end):
            found.append(_Count(expression.text, start + expression.start, number, False))
    return found


def _aspect_counts(text: str, clause_start: int) -> list[_Count]:
    """Counts of aspects or parts (四个方面, 这四个主要方面) in the earlier
    clauses of the sentence that introduces a list (…这四个主要方面，概括地论述了…。
    第一，…): linked, like other counts, only when they equal the number of items."""
    head = text[max(0, clause_start - SENTENCE_WINDOW):clause_start]
    breaks = [m.end() for m in P.OUTLINE_SENTENCE_BREAK.finditer(head)]
    start = clause_start - len(head) + (breaks[-1] if breaks else 0)
    return [count for count in _counts(text, start, clause_start)
            if count.explicit or P.OUTLINE_ASPECT.search(count.text)]


def _link(lst: EnumeratedList, counts: list[_Count], used: set[int]) -> bool:
    """Link ``lst`` to the last count that announces it (see the module docstring)."""
    for count in sorted(counts, key=lambda c: -c.start):
        if count.start in used or (not count.explicit and count.number != len(lst.items)):
            continue
        lst.announcement, lst.announced_count, lst.announcement_start = count.text, count.number, count.start
        used.add(count.start)
        return True
    return False


def _clip_tokens(tokens: list[str], offsets: list[int], start: int, end: int) -> list[str]:
    """The tokens of ``text[start:end]`` (tokens cut at the edges);
    ``offsets``: where each token starts."""
    clipped = []
    for i in range(max(0, bisect_right(offsets, start) - 1), len(tokens)):
        position = offsets[i]
        if position >= end:
            break
        following = position + len(tokens[i])
        if following > start:
            clipped.append(tokens[i][max(0, start - position):len(tokens[i]) - max(0, following - end)])
    return clipped


def _segmented(text: str, tokens: list[str] | None, offsets: list[int]) -> tuple[list[str], list[int]]:
    """``text``'s tokens (segmented here if not given) and where each starts
    (computed here if not yet known)."""
    if tokens is None:
        from corpus_utils.terms.segment import shared_segmenter

        tokens = shared_segmenter("rjieba").tokens(text)  # built once per process
    if not offsets:
        offsets = list(accumulate((len(t) for t in tokens[:-1]), initial=0))
    return tokens, offsets


def _nest_under_announcing_item(layout: _Layout, lst: EnumeratedList,
                                item_starts: list[tuple[int, int, Item]], positions: list[int]) -> None:
    """Nest a top-level ``lst`` announced in an earlier paragraph under the
    item of another list that holds its announcement, when that item starts
    in the announcement's paragraph (``item_starts``: every item as
    ``(start, id of its list, item)``, sorted; ``positions``: their starts)."""
    announced_in = layout.paragraph_of(lst.announcement_start)
    if lst.parent is not None or lst.announcement_start < 0 or announced_in >= lst.items[0].marker.paragraph:
        return
    k = bisect_left(positions, lst.announcement_start) - 1
    if k < 0:
        return
    _, owner, host = item_starts[k]
    if owner != id(lst) and host.marker.paragraph == announced_in:
        lst.parent = host


def _link_announcements(layout: _Layout, tokens: list[str] | None, lists: list[EnumeratedList], window: int
                        ) -> None:
    """Link each list to the count announcement or numbered formula of the
    clause that introduces it (see the module docstring). A list announced
    inside an item of another list, and following in the next paragraphs,
    is nested under that item."""
    text = layout.text
    if tokens is not None and "".join(tokens) != text:
        tokens = None
    offsets: list[int] = []
    item_starts = sorted((item.marker.start, id(lst), item) for lst in lists for item in lst.items)
    positions = [s for s, _, _ in item_starts]
    used: set[int] = set()
    for lst in sorted(lists, key=lambda x: x.items[0].marker.start):
        start, end = _introducing_clause(text, lst.anchor, window)
        if end <= start:
            continue
        counts = _counts(text, start, end)
        if P.OUTLINE_HAS_NUMERAL.search(text, start, end):
            tokens, offsets = _segmented(text, tokens, offsets)
            counts += _formulae(text, start, end, tokens, offsets)
        if not _link(lst, counts, used):
            _link(lst, _aspect_counts(text, start), used)
        _nest_under_announcing_item(layout, lst, item_starts, positions)


def build_outline(text: str, *, tokens: list[str] | None = None, window: int = 160) -> list[EnumeratedList]:
    """The lists of ``text`` as a forest (each list knows its parent item).

    Parameters
    ----------
    text
        A cleaned text.
    tokens
        Its tokens (:meth:`corpus_utils.terms.segment.Segmenter.tokens`), used to
        read numbered formulae that announce a list; segmented here if not given.
    window
        How far before a list (in characters) its introducing clause may start.
    """
    markers = find_markers(text)
    lists = _build_lists(text, markers)
    layout = _Layout(text, [item.marker for lst in lists for item in lst.items])
    lists = _drop_tables_of_contents(layout, lists)
    _link_announcements(layout, tokens, lists, window)
    _set_ends(layout, lists)
    for lst in lists:
        if lst.parent is not None:
            lst.parent.children.append(lst)
    return lists


def _level(lst: EnumeratedList, by_item: dict[int, EnumeratedList]) -> int:
    level, parent = 1, lst.parent
    while parent is not None:
        level += 1
        parent = by_item[id(parent)].parent
    return level


def _items_depth_first(lists: list[EnumeratedList]) -> Iterator[tuple[EnumeratedList, Item]]:
    """``(list, item)`` pairs in reading order of the tree: each item, then
    the lists nested in it."""
    def visit(lst: EnumeratedList):
        for item in lst.items:
            yield lst, item
            for child in sorted(item.children, key=lambda c: c.items[0].marker.start):
                yield from visit(child)

    for root in (lst for lst in lists if lst.parent is None):
        yield from visit(root)


OUTLINE_COLUMNS = ["doc_id", "list_id", "parent_list_id", "parent_item", "level", "family", "marker", "ordinal",
                   "item_start", "item_text", "start", "end", "length", "announcement", "announced_count",
                   "realised_count"]


def outline_table(text: str, *, doc_id: str = "", tokens: list[str] | None = None, preview: int = 24
                  ) -> pd.DataFrame:
    """The outline of one text as a tidy table, one row per item.

    Returns
    -------
    pandas.DataFrame
        ``doc_id, list_id, parent_list_id, parent_item, level, family, marker,
        ordinal, item_start, item_text, start, end, length, announcement,
        announced_count, realised_count`` in text order of the lists.
    """
    lists = sorted(build_outline(text, tokens=tokens), key=lambda x: x.items[0].marker.start)
    ids = {id(lst): f"L{i}" for i, lst in enumerate(lists, start=1)}
    by_item = {id(item): lst for lst in lists for item in lst.items}
    position = {id(item): i for lst in lists for i, item in enumerate(lst.items, start=1)}
    rows = []
    for lst, item in _items_depth_first(lists):
        parent_list = by_item[id(lst.parent)] if lst.parent is not None else None
        shown = min(item.end, item.marker.end + 4 * preview + 48)  # enough text for the preview
        body = " ".join(text[item.marker.end:shown].split())
        rows.append({
            "doc_id": doc_id, "list_id": ids[id(lst)],
            "parent_list_id": ids[id(parent_list)] if parent_list else "",
            "parent_item": position[id(lst.parent)] if parent_list else 0,
            "level": _level(lst, by_item), "family": lst.family, "marker": item.marker.text,
            "ordinal": item.marker.ordinal if item.marker.ordinal != 99 else position[id(item)],
            "item_start": body[:12], "item_text": body[:preview] + ("…" if len(body) > preview or shown < item.end else ""),
            "start": item.marker.start, "end": item.end, "length": item.end - item.marker.start,
            "announcement": lst.announcement, "announced_count": lst.announced_count or 0,
            "realised_count": len(lst.items),
        })
    return pd.DataFrame(rows, columns=OUTLINE_COLUMNS)


def corpus_outlines(corpus: pd.DataFrame, *, segmenter=None) -> pd.DataFrame:
    """:func:`outline_table` of every document of a loaded corpus, one table.

    A document whose analysis fails is left out with one
    :class:`~corpus_utils.errors.CorpusWarning` naming its ``doc_id`` and the
    cause; the other documents are analysed.

    Parameters
    ----------
    corpus
        A corpus table with ``doc_id`` and ``text`` (:func:`corpus_utils.load_corpus`).
    segmenter
        A :class:`corpus_utils.terms.segment.Segmenter` for the announcements'
        formulae (:func:`corpus_utils.terms.segment.corpus_segmenter` of the corpus if not given).
    """
    if segmenter is None:
        from corpus_utils.terms.segment import corpus_segmenter

        segmenter = corpus_segmenter(corpus)
    return analyse_each(corpus, lambda doc_id, text: outline_table(text, doc_id=doc_id, tokens=segmenter.tokens(text)),
                        name="outline", columns=OUTLINE_COLUMNS)


def announcements(table: pd.DataFrame) -> pd.DataFrame:
    """One row per list: its announcement, announced and realised counts and
    whether they agree."""
    lists = table.drop_duplicates(["doc_id", "list_id"])[
        ["doc_id", "list_id", "level", "family", "announcement", "announced_count", "realised_count"]]
    lists = lists.assign(markers=table.groupby(["doc_id", "list_id"], sort=False)["marker"].agg(
        lambda m: "…".join([m.iloc[0].rstrip("，,、：:"), m.iloc[-1].rstrip("，,、：:")])).to_numpy())
    return lists.assign(agrees=[(a == r) if a else pd.NA for a, r in
                                zip(lists["announced_count"], lists["realised_count"], strict=True)]
                        ).reset_index(drop=True)


def render_tree(table: pd.DataFrame, *, width: int = 30) -> str:
    """The outline as an indented tree, one line per item."""
    lines = []
    for doc_id, doc in table.groupby("doc_id", sort=False):
        if doc_id:
            lines.append(doc_id)
        announced = set()
        for row in doc.itertuples():
            indent = "  " * row.level
            if row.announcement and row.list_id not in announced:
                lines.append(f"{indent}[{row.announcement}: {row.announced_count} announced, "
                             f"{row.realised_count} realised]")
                announced.add(row.list_id)
            text = row.item_text if len(row.item_text) <= width else row.item_text[:width] + "…"
            lines.append(f"{indent}{row.marker.rstrip('，,：:')} {text}  ({row.length} chars)")
    return "\n".join(lines)


#: Where an item's first phrase ends (its label in :func:`plot_outline`).
_PHRASE_ENDS = frozenset("，。；：！？,;:!?")
_PHRASE_BREAKS = frozenset("、 ")
_LEVEL_COLOURS = {1: "#0072B2", 2: "#56B4E9", 3: "#A6D6F2", 4: "#D5ECF9"}


def _item_label(marker: str, item_text: str) -> str:
    """The marker and the item's first phrase (up to the first clause mark),
    whole; a preview that ends before the phrase does stops at its last
    、 or space, marked with …."""
    text = item_text.lstrip("".join(sorted(_PHRASE_ENDS | _PHRASE_BREAKS)))
    ends = [k for k, ch in enumerate(text) if ch in _PHRASE_ENDS]
    if ends:
        phrase = text[:ends[0]]
    elif text.endswith("…"):
        breaks = [k for k, ch in enumerate(text) if ch in _PHRASE_BREAKS]
        phrase = text[:breaks[-1]] + "…" if breaks else text
    else:
        phrase = text
    return f"{marker.rstrip('，,：:')} {phrase}".strip()


def _split_columns(heights: list[int]) -> int:
    """How many documents (in order) go to the left column so the two columns
    are as even as can be."""
    total = sum(heights)
    best = min(range(1, len(heights) + 1), key=lambda k: (abs(2 * sum(heights[:k]) - total), k))
    return best if len(heights) > 1 else 1


def _label_lines(rows: pd.DataFrame, width: int) -> int:
    """How many text lines the wrapped labels of ``rows`` take."""
    return sum(wrap_label(_item_label(m, t), width=width).count("\n") + 1
               for m, t in zip(rows["marker"], rows["item_text"], strict=True))


def _draw_outline_panel(ax, rows: pd.DataFrame, *, indent: float, width: int) -> None:
    labels = [wrap_label(_item_label(m, t), width=width) for m, t in zip(rows["marker"], rows["item_text"], strict=True)]
    lines = [label.count("\n") + 1 for label in labels]
    tops = [sum(lines[:k]) for k in range(len(lines))]
    ys = [top + n / 2 for top, n in zip(tops, lines, strict=True)]
    for y, level, length in zip(ys, rows["level"], rows["length"], strict=True):
        ax.barh(y, length, left=(level - 1) * indent, color=_LEVEL_COLOURS.get(level, "#e6e6e6"), height=0.75)
    ax.set_yticks(ys, labels)
    ax.set_ylim(sum(lines), 0)
    ax.tick_params(axis="y", length=0, labelsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def plot_outline(table: pd.DataFrame, *, labels: dict[str, str] | None = None, line_chars: int = 15):
    """The skeleton of each document: one panel per document, one bar per
    item (its length in characters), indented and coloured by nesting level.

    Each item is labelled with its marker and its first phrase (up to the
    first clause mark), wrapped on lines of ``line_chars`` characters, never
    shortened. The panels fill two columns of a page-wide figure
    (:data:`corpus_utils.plotting.PAGE_WIDTH`), in document order, with a
    shared length axis.
    """
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import PAGE_WIDTH, empty_figure, fit_height

    docs = list(dict.fromkeys(table["doc_id"]))
    if not docs:
        return empty_figure("no numbered lists to show")
    by_doc = {d: table[table["doc_id"] == d].reset_index(drop=True) for d in docs}
    lines = {d: _label_lines(rows, line_chars) for d, rows in by_doc.items()}
    split = _split_columns([lines[d] for d in docs])
    columns = [docs[:split], docs[split:]] if split < len(docs) else [docs]
    tallest = max(sum(lines[d] for d in col) * 0.155 + 0.4 * len(col) for col in columns)
    fig = plt.figure(figsize=(PAGE_WIDTH, fit_height(tallest + 0.75)), layout="constrained")
    longest = max(table["length"].max(), 1)
    indent = longest * 0.06
    axes = []
    for sub, col in zip(fig.subfigures(1, len(columns), squeeze=False)[0], columns, strict=True):
        panels = sub.subplots(len(col), 1, squeeze=False,
                              gridspec_kw={"height_ratios": [lines[d] + 1.2 for d in col]})[:, 0]
        for ax, doc in zip(panels, col, strict=True):
            _draw_outline_panel(ax, by_doc[doc], indent=indent, width=line_chars)
            ax.set_title((labels or {}).get(doc, doc), loc="left", fontsize=8)
        panels[-1].set_xlabel("item length in characters")
        axes.extend(panels)
    first = axes[0]
    for ax in axes[1:]:
        ax.sharex(first)
    first.set_xlim(0, longest + indent * (table["level"].max() - 1) + longest * 0.02)
    levels = sorted(set(table["level"]))
    handles = [plt.Rectangle((0, 0), 1, 1, color=_LEVEL_COLOURS.get(lv, "#e6e6e6")) for lv in levels]
    fig.legend(handles, [f"level {lv}" for lv in levels], loc="outside lower center", ncols=len(levels),
               frameon=False, title="nesting level (bars indented by level)")
    return fig
