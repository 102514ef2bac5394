"""The numbered skeleton of a speech: enumeration markers built into a tree.

Officials speak in numbered lists whose markers form a hierarchy:
一、 (sections) > （一） > 第一， > 一方面/首先 > 一是/一要. :func:`find_markers`
finds every marker on a word boundary; :func:`build_outline` assigns them to
lists with a stack — a marker continues an open list of a compatible family
when its ordinal is the next one (gaps are tolerated and reported), starts a
new list when its ordinal is 1, and nests under the open item of a higher-
ranked family. A list needs at least two items, so a lone 一是 inside an
ordinary sentence, or a lone 一方面, is not a list. Lists of clause markers
(一是, 一要, 一方面, 首先) end with their paragraph; section markers (一、,
第一，) run until a sibling or an ancestor's sibling.

Announcements of how many points follow (七点要求, 以下四点, 四个方面) and
numbered formulae that a list spells out (四突出四切实 → 一要突出…四要突出…) are
linked to the list that follows them, and announced vs realised counts are
reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from corpus_utils.numbered import find_numbered

_N = "一二三四五六七八九十"
#: Where a marker may start: paragraph start, or after punctuation.
_BOUNDARY = r"(?:(?<=^)|(?<=[\n。！？；：，、”’）)!?;:,]))"

#: family -> (rank: smaller is higher in the hierarchy, compiled pattern, block-scoped?)
FAMILIES: dict[str, tuple[float, re.Pattern, bool]] = {
    "section": (1, re.compile(f"{_BOUNDARY}(?P<num>[{_N}]{{1,3}})、", re.M), True),
    "paren": (2, re.compile(f"[（(](?P<num>[{_N}]{{1,3}}|\\d{{1,2}})[)）]"), True),
    "digit": (2.5, re.compile(r"(?m)^(?P<num>\d{1,2})[、.．](?!\d)"), True),
    "diyi": (3, re.compile(f"第(?P<num>[{_N}]{{1,3}})[，,、：:]"), True),
    "pair": (4, re.compile(r"(?P<word>另一方面|一方面|另一个是|一个是)"), False),
    "sequence": (4, re.compile(f"{_BOUNDARY}(?P<word>首先|其次|再次|最后)"), False),
    "yishi": (5, re.compile(f"{_BOUNDARY}(?P<num>[{_N}]{{1,2}})是"), False),
    "yiyao": (5, re.compile(f"{_BOUNDARY}(?P<num>[{_N}]{{1,2}})要"), False),
}
#: Families a list may continue with (首先…其次…三要…四要).
COMPATIBLE = {"sequence": {"sequence", "yiyao", "yishi"}}
_DIGITS = {c: i for i, c in enumerate(_N, start=1)} | {"两": 2}


#: One example of each marker family, for teaching.
EXAMPLES = {"section": "一、二、三、", "paren": "（一）（二）", "digit": "1. 2.", "diyi": "第一，第二，",
            "pair": "一方面…另一方面", "sequence": "首先…其次…最后", "yishi": "一是…二是…", "yiyao": "一要…二要…"}


def marker_families() -> pd.DataFrame:
    """The marker families, highest in the hierarchy first: family, rank,
    example, and whether a list of them ends with its paragraph."""
    rows = [(family, rank, EXAMPLES[family], "no" if block else "yes")
            for family, (rank, _, block) in sorted(FAMILIES.items(), key=lambda kv: kv[1][0])]
    return pd.DataFrame(rows, columns=["family", "rank", "example", "ends with paragraph"])


def chinese_number(text: str) -> int:
    """一 -> 1, 十四 -> 14, 二十 -> 20, 两 -> 2; Arabic digits too."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, units = text.partition("十")
        return (_DIGITS.get(tens, 1) if tens else 1) * 10 + (_DIGITS.get(units, 0) if units else 0)
    return _DIGITS.get(text, 0)


@dataclass
class Marker:
    """An enumeration marker in a text."""

    family: str
    text: str
    ordinal: int
    start: int
    end: int
    paragraph: int
    paragraph_initial: bool

    @property
    def rank(self) -> float:
        return FAMILIES[self.family][0]


def _ordinal(family: str, match: re.Match) -> int:
    if family == "pair":
        return 1 if match["word"] in ("一方面", "一个是") else 2
    if family == "sequence":
        return {"首先": 1, "其次": 2, "再次": 2, "最后": 99}[match["word"]]
    return chinese_number(match["num"])


def find_markers(text: str) -> list[Marker]:
    """Every enumeration marker of ``text``, in order (a marker inside a
    longer one, such as 一方面 in 另一方面, is dropped)."""
    paragraph_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    found = []
    for family, (_, pattern, _) in FAMILIES.items():
        for match in pattern.finditer(text):
            start = match.start()
            paragraph = max(i for i, s in enumerate(paragraph_starts) if s <= start)
            found.append(Marker(family, match.group(0), _ordinal(family, match), start, match.end(), paragraph,
                                text[paragraph_starts[paragraph]:start].strip() == ""))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept, last_end = [], -1
    for marker in found:
        if marker.start >= last_end:
            kept.append(marker)
            last_end = marker.end
    return kept


@dataclass
class Item:
    """One item of a list."""

    marker: Marker
    children: list[EnumeratedList] = field(default_factory=list)
    end: int = -1


@dataclass
class EnumeratedList:
    """A list of items sharing a marker family."""

    family: str
    items: list[Item]
    parent: Item | None = None
    announcement: str = ""
    announced_count: int | None = None
    announcement_start: int = -1

    @property
    def rank(self) -> float:
        return FAMILIES[self.family][0]

    @property
    def block(self) -> bool:
        return FAMILIES[self.family][2] or all(i.marker.paragraph_initial for i in self.items)

    def continues_with(self, marker: Marker) -> bool:
        last = self.items[-1].marker
        families = COMPATIBLE.get(self.family, {self.family})
        if marker.family not in families or marker.ordinal <= last.ordinal:
            return False
        if marker.family == "sequence" and marker.ordinal == 99:
            return True
        return marker.ordinal - last.ordinal <= 2


def _expired(lst: EnumeratedList, marker: Marker) -> bool:
    """A clause-level list ends with the paragraph of its last item."""
    if FAMILIES[lst.family][2]:
        return False
    return marker.paragraph > lst.items[-1].marker.paragraph and not (
        lst.block and marker.paragraph_initial and lst.continues_with(marker))


def _assign(markers: list[Marker]) -> list[EnumeratedList]:
    lists: list[EnumeratedList] = []
    stack: list[EnumeratedList] = []
    for marker in markers:
        while stack and _expired(stack[-1], marker):
            stack.pop()
        continued = next((i for i in range(len(stack) - 1, -1, -1) if stack[i].continues_with(marker)), None)
        if continued is not None:
            del stack[continued + 1:]
            stack[-1].items.append(Item(marker))
            continue
        if marker.ordinal != 1:
            continue
        while stack and stack[-1].rank >= marker.rank:
            stack.pop()
        new = EnumeratedList(marker.family, [Item(marker)], parent=stack[-1].items[-1] if stack else None)
        lists.append(new)
        stack.append(new)
    return _drop_single_items(lists)


def _drop_single_items(lists: list[EnumeratedList]) -> list[EnumeratedList]:
    """A 'list' of one item is an ordinary word (一方面 alone, 一是 in a
    sentence): drop it and lift its children to its parent."""
    kept = []
    for lst in lists:
        if len(lst.items) >= 2:
            kept.append(lst)
            continue
        for child in lst.items[0].children + [c for c in lists if c.parent is lst.items[0]]:
            child.parent = lst.parent
    for lst in kept:
        while lst.parent is not None and not any(lst.parent in k.items for k in kept):
            lst.parent = None
    return kept


def _paragraph_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _set_ends(text: str, lists: list[EnumeratedList]) -> None:
    starts = sorted((item.marker.start, lst.rank, id(lst)) for lst in lists for item in lst.items)
    for lst in lists:
        for i, item in enumerate(lst.items):
            if i + 1 < len(lst.items):
                item.end = lst.items[i + 1].marker.start
                continue
            # last item: until the next marker of a list at the same or a higher rank, not nested in it
            later = [s for s, rank, ident in starts if s > item.marker.start and rank <= lst.rank and ident != id(lst)]
            limit = min(later) if later else len(text)
            if lst.parent is not None and lst.parent.end > item.marker.start:
                limit = min(limit, lst.parent.end)
            if not FAMILIES[lst.family][2]:
                limit = min(limit, _paragraph_end(text, item.marker.start))
            item.end = limit
    # an item extends over the lists nested in it (a list announced at the
    # end of an item may follow in the next paragraphs)
    for lst in sorted(lists, key=lambda x: -x.items[-1].marker.start):
        if lst.parent is not None:
            lst.parent.end = max(lst.parent.end, lst.items[-1].end)


def _link_announcements(text: str, tokens: list[str] | None, lists: list[EnumeratedList], window: int) -> None:
    """Link each list to the nearest count announcement or numbered formula
    before it. An announcement (七点要求) is linked whatever its number, so a
    mismatch shows; a formula (四突出四切实) only when its number equals the
    list's length; a counted noun (两个大脑，一个是…另一个是…) only when its
    number matches and it directly precedes the list. A list announced inside an item of another list is nested
    under that item."""
    if tokens is None:
        from corpus_utils.segment import Segmenter

        tokens = Segmenter().tokens(text)
    candidates = find_numbered(text, tokens)
    used: set[int] = set()
    for lst in sorted(lists, key=lambda x: x.items[0].marker.start):
        first = lst.items[0].marker.start
        before = [n for n in candidates if first - window <= n.start and n.end <= first and n.start not in used]
        for expression in sorted(before, key=lambda n: -n.start):
            digits = re.match(f"(?:以下)?([{_N}两]+)", expression.text)
            if digits is None:  # a number the announcement grammar does not read (百, 千): not a count
                continue
            number = chinese_number(digits.group(1))
            if expression.role != "announcement" and number != len(lst.items):
                continue
            if expression.role == "counting" and first - expression.end > 12:
                continue
            lst.announcement, lst.announced_count = expression.text, number
            lst.announcement_start = expression.start
            used.add(expression.start)
            break
        if lst.parent is None and lst.announcement_start >= 0:
            host = [item for other in lists if other is not lst for item in other.items
                    if item.marker.start < lst.announcement_start < first
                    and text.count("\n", item.marker.start, lst.announcement_start) == 0]
            if host:
                lst.parent = max(host, key=lambda item: item.marker.start)


def build_outline(text: str, *, tokens: list[str] | None = None, window: int = 160) -> list[EnumeratedList]:
    """The lists of ``text`` as a forest (each list knows its parent item)."""
    lists = _assign(find_markers(text))
    _link_announcements(text, tokens, lists, window)
    _set_ends(text, lists)
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


def _items_depth_first(lists: list[EnumeratedList]):
    """``(list, item)`` pairs in reading order of the tree: each item, then
    the lists nested in it."""
    def visit(lst: EnumeratedList):
        for item in lst.items:
            yield lst, item
            for child in sorted(item.children, key=lambda c: c.items[0].marker.start):
                yield from visit(child)

    for root in (lst for lst in lists if lst.parent is None):
        yield from visit(root)


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
    rows = []
    for lst, item in _items_depth_first(lists):
        parent_list = by_item[id(lst.parent)] if lst.parent is not None else None
        body = " ".join(text[item.marker.end:item.end].split())
        rows.append({
            "doc_id": doc_id, "list_id": ids[id(lst)],
            "parent_list_id": ids[id(parent_list)] if parent_list else "",
            "parent_item": parent_list.items.index(lst.parent) + 1 if parent_list else 0,
            "level": _level(lst, by_item), "family": lst.family, "marker": item.marker.text,
            "ordinal": item.marker.ordinal if item.marker.ordinal != 99 else lst.items.index(item) + 1,
            "item_start": body[:12], "item_text": body[:preview] + ("…" if len(body) > preview else ""),
            "start": item.marker.start, "end": item.end, "length": item.end - item.marker.start,
            "announcement": lst.announcement, "announced_count": lst.announced_count or 0,
            "realised_count": len(lst.items),
        })
    return pd.DataFrame(rows, columns=["doc_id", "list_id", "parent_list_id", "parent_item", "level", "family",
                                       "marker", "ordinal", "item_start", "item_text", "start", "end", "length",
                                       "announcement", "announced_count", "realised_count"])


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


def plot_outline(table: pd.DataFrame, *, labels: dict[str, str] | None = None, max_chars: int = 10):
    """The skeleton of each document: one panel per document, one bar per
    item (length in characters), indented by nesting level and coloured by
    level; each label shows the marker and the item's first words."""
    import matplotlib.pyplot as plt

    docs = list(dict.fromkeys(table["doc_id"]))
    heights = [max(len(table[table["doc_id"] == d]), 1) for d in docs]
    fig, axes = plt.subplots(len(docs), 1, figsize=(8.5, 0.24 * sum(heights) + 0.9 * len(docs)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    colors = {1: "#1f4e79", 2: "#4f81b3", 3: "#8fb3d9", 4: "#c6d9ec"}
    longest = table["length"].max() if len(table) else 1
    indent = longest * 0.06
    for ax, doc in zip(axes[:, 0], docs, strict=True):
        rows = table[table["doc_id"] == doc].reset_index(drop=True)
        for i, row in rows.iterrows():
            left = (row["level"] - 1) * indent
            ax.barh(i, row["length"], left=left, color=colors.get(row["level"], "#dddddd"), height=0.75)
            label = f"{row['marker'].rstrip('，,：:')} {row['item_start'][:max_chars]}"
            ax.text(left + row["length"] + longest * 0.01, i, label, va="center", fontsize=7)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_yticks([])
        ax.set_xlim(0, longest * 1.55)
        ax.set_title((labels or {}).get(doc, doc), loc="left", fontsize=10)
        for side in ("left", "top", "right"):
            ax.spines[side].set_visible(False)
    axes[-1, 0].set_xlabel("item length in characters (bars indented by nesting level)")
    fig.tight_layout()
    return fig
