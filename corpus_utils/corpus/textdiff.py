"""Where two versions of a text differ, in time that grows with the text.

The cleaning audit compares each rule's input and output. A general
character-level diff (:class:`difflib.SequenceMatcher`) is quadratic: a long
report with thousands of scattered changes took minutes. Cleaning rules
change text locally and never reorder it, so a greedy walk finds the same
spans in linear time:

1. the common prefix and suffix are set aside (binary search on slices);
2. the middle is walked line by line; after a difference the walk
   resynchronises on the nearest non-blank line the two sides share again;
3. each block of lines that differs is walked character by character:
   position by position when both sides have the same length (a
   one-for-one substitution such as script conversion), else comparing
   :data:`STRIDE` characters at a time and, after a difference,
   resynchronising on the nearest common :data:`ANCHOR`-character string
   (``str.find`` within :data:`WINDOW` characters). A span so found that
   is short (at most :data:`REFINE` characters a side) is split into its
   minimal edits by :class:`difflib.SequenceMatcher` (``的(de)員(yuán)``
   gives two removals, not one). Where no anchor is found, the rest of the
   block is one span.

Every span comes from the two texts themselves, never from what a rule says
it did.
"""

from __future__ import annotations

import difflib
from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate

#: Characters compared at once while both sides agree.
STRIDE = 64
#: Length of the common string that ends a difference.
ANCHOR = 8
#: How far ahead (characters, each side) a resynchronising anchor is looked for:
#: first within NEAR, then within WINDOW.
NEAR = 48
WINDOW = 4_000
#: Lines compared at once while both sides agree.
LINE_STRIDE = 16
#: Spans up to this long (characters, each side) are split into minimal edits.
REFINE = 200


def _common_prefix(a: str, b: str) -> int:
    n = min(len(a), len(b))
    lo, hi = 0, n
    while lo < hi:  # binary search on slice equality: C-speed comparisons
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    lo, hi = 0, min(len(a), len(b)) - limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _positional_spans(a: str, b: str) -> list[tuple[int, int]]:
    """Runs of positions where two equally long strings differ (agreeing
    stretches are skipped :data:`STRIDE` characters at a time)."""
    spans, start, k = [], None, 0
    while k < len(a):
        if start is None and a[k:k + STRIDE] == b[k:k + STRIDE]:
            k += STRIDE
            continue
        if a[k] != b[k]:
            if start is None:
                start = k
        elif start is not None:
            spans.append((start, k))
            start = None
        k += 1
    if start is not None:
        spans.append((start, len(a)))
    return spans


def _agreeing(a: str, i: int, b: str, j: int, limit: int) -> int:
    """How many characters ``a[i:]`` and ``b[j:]`` share, up to ``limit``
    (binary search on slice equality)."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[i:i + mid] == b[j:j + mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _resync(a: str, b: str, i: int, j: int) -> tuple[int, int] | None:
    """The nearest ``(i', j')`` after a difference at ``a[i]``/``b[j]`` where
    both sides agree again for :data:`ANCHOR` characters, or to their ends
    (fewest characters skipped on both sides); ``None`` if there is none.
    Most edits are a few characters, so a short reach is tried first."""
    for reach in (NEAR, WINDOW):
        best, best_cost = None, None
        for skip_a in range(min(reach, len(a) - i) + 1):
            if best_cost is not None and skip_a >= best_cost:
                break
            start = i + skip_a
            anchor = a[start:start + ANCHOR]
            if len(anchor) < ANCHOR:  # the rest of a: it must end b
                found = len(b) - len(anchor) if b.endswith(anchor) and len(b) - len(anchor) >= j else -1
            else:
                found = b.find(anchor, j, j + reach + ANCHOR)
            if found >= 0 and (best_cost is None or skip_a + found - j < best_cost):
                best, best_cost = (start, found), skip_a + found - j
        if best is not None:
            return best
    return None


def _refine(a: str, b: str, i1: int, i2: int, j1: int, j2: int) -> list[tuple[int, int, int, int]]:
    """Split ``a[i1:i2]`` -> ``b[j1:j2]`` into minimal edits when it is short."""
    if i2 - i1 > REFINE or j2 - j1 > REFINE or i1 == i2 or j1 == j2:
        return [(i1, i2, j1, j2)]
    if i2 - i1 == j2 - j1:
        return [(i1 + x1, i1 + x2, j1 + x1, j1 + x2) for x1, x2 in _positional_spans(a[i1:i2], b[j1:j2])]
    matcher = difflib.SequenceMatcher(None, a[i1:i2], b[j1:j2], autojunk=False)
    return [(i1 + x1, i1 + x2, j1 + y1, j1 + y2) for tag, x1, x2, y1, y2 in matcher.get_opcodes() if tag != "equal"]


def _char_spans(a: str, b: str) -> list[tuple[int, int, int, int]]:
    """Differing spans of two strings, as ``(i1, i2, j1, j2)``."""
    if len(a) == len(b):
        return [(i, k, i, k) for i, k in _positional_spans(a, b)]
    spans, i, j = [], 0, 0
    while i < len(a) and j < len(b):
        if a[i:i + STRIDE] == b[j:j + STRIDE]:
            i, j = i + STRIDE, j + STRIDE
            continue
        same = _agreeing(a, i, b, j, min(STRIDE, len(a) - i, len(b) - j))
        i, j = i + same, j + same
        if i >= len(a) or j >= len(b):
            break
        sync = _resync(a, b, i, j)
        if sync is None:
            break
        spans += _refine(a, b, i, sync[0], j, sync[1])
        i, j = sync
    i, j = min(i, len(a)), min(j, len(b))
    if i < len(a) or j < len(b):
        spans.append((i, len(a), j, len(b)))
    return spans


def _line_positions(lines: list[str]) -> dict[str, list[int]]:
    """``{line: [indices where it occurs]}`` of the non-blank ``lines``, ascending."""
    positions: dict[str, list[int]] = defaultdict(list)
    for k, line in enumerate(lines):
        if line.strip():
            positions[line].append(k)
    return positions


def _nearest_shared_line(a_lines: list[str], i: int, j: int, positions: dict[str, list[int]]
                         ) -> tuple[int, int] | None:
    """The nearest ``(i', j')`` from ``a_lines[i]`` and ``j`` where a
    non-blank line of a recurs on the other side (``positions``: where each of
    its lines occurs), fewest lines skipped on both sides; ``None`` if none."""
    best = None
    for skip_a in range(len(a_lines) - i):
        if best is not None and skip_a >= best[2]:
            break
        found = positions.get(a_lines[i + skip_a])
        if not found:
            continue
        k = bisect_left(found, j)
        if k < len(found) and (best is None or skip_a + found[k] - j < best[2]):
            best = (i + skip_a, found[k], skip_a + found[k] - j)
    return None if best is None else (best[0], best[1])


def _line_blocks(a_lines: list[str], b_lines: list[str]) -> list[tuple[int, int, int, int]]:
    """Blocks of lines that differ, ``(i1, i2, j1, j2)``, by a greedy walk
    that resynchronises on the nearest shared non-blank line."""
    positions: dict[str, list[int]] | None = None
    blocks, i, j = [], 0, 0
    while i < len(a_lines) and j < len(b_lines):
        if a_lines[i:i + LINE_STRIDE] == b_lines[j:j + LINE_STRIDE]:
            i, j = i + LINE_STRIDE, j + LINE_STRIDE
            continue
        if a_lines[i] == b_lines[j]:
            i, j = i + 1, j + 1
            continue
        if positions is None:
            positions = _line_positions(b_lines)
        sync = _nearest_shared_line(a_lines, i, j, positions)
        if sync is None:
            break
        blocks.append((i, sync[0], j, sync[1]))
        i, j = sync
    if i < len(a_lines) or j < len(b_lines):
        blocks.append((i, len(a_lines), j, len(b_lines)))
    return blocks


def diff_spans(before: str, after: str) -> list[tuple[int, int, int, int]]:
    """Spans where ``after`` differs from ``before``.

    Parameters
    ----------
    before, after
        The text before and after one cleaning rule.

    Returns
    -------
    list of tuple
        ``(i1, i2, j1, j2)``: ``before[i1:i2]`` became ``after[j1:j2]``, in
        text order and not overlapping. Empty when the texts are equal.
    """
    if before == after:
        return []
    head = _common_prefix(before, after)
    tail = _common_suffix(before, after, head)
    a, b = before[head:len(before) - tail], after[head:len(after) - tail]
    a_lines, b_lines = a.splitlines(keepends=True), b.splitlines(keepends=True)
    a_starts = [0, *accumulate(len(line) for line in a_lines)]
    b_starts = [0, *accumulate(len(line) for line in b_lines)]
    spans = []
    for i1, i2, j1, j2 in _line_blocks(a_lines, b_lines):
        a0, b0 = a_starts[i1], b_starts[j1]
        if i2 - i1 == j2 - j1:  # as many lines: compare line with line
            pieces = []
            for k in range(i2 - i1):
                da, db = a_starts[i1 + k] - a0, b_starts[j1 + k] - b0
                pieces += [(da + x1, da + x2, db + y1, db + y2)
                           for x1, x2, y1, y2 in _char_spans(a_lines[i1 + k], b_lines[j1 + k])]
        else:
            pieces = _char_spans(a[a0:a_starts[i2]], b[b0:b_starts[j2]])
        spans += [(head + a0 + x1, head + a0 + x2, head + b0 + y1, head + b0 + y2) for x1, x2, y1, y2 in pieces]
    return spans
