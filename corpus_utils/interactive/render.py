"""The HTML the explorer shows: summary line, KWIC table, bar tables, figures.

Every piece of text that comes from the corpus or the user (document ids,
context, queries, error messages) goes through :func:`html.escape`, so a
document that contains ``<script>`` shows it as text. The output is
deterministic: no timestamps, no random ids; a figure becomes a PNG written
without the software metadata. Elements carry stable CSS classes
(``cu-explorer-summary``, ``cu-kwic``, ``cu-explorer-error`` …) so that tests
and style sheets can find them.
"""

from __future__ import annotations

import base64
import html
import io

import pandas as pd

#: Concordance lines shown in the KWIC table (and in the static snapshot).
SHOWN_LINES = 200
#: Collocates shown in the collocates table.
SHOWN_COLLOCATES = 20
#: Width in pixels of the longest bar of a bar table.
BAR_PIXELS = 240

_CELL = "padding:1px 6px;white-space:nowrap;"
_ERROR_STYLE = "color:#c00;font-weight:bold;"


def escape(value: object) -> str:
    """``value`` as text, escaped for HTML content and attribute values (quotes included)."""
    return html.escape(str(value), quote=True)


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (newlines included) made one space."""
    return " ".join(str(text).split())


def plural(count: int, noun: str) -> str:
    """``"1 hit"``, ``"2 hits"``: the count and the noun, plural unless the count is 1."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def summary_text(n_hits: int, n_docs_hit: int, n_docs: int) -> str:
    """The summary line: ``"N hits in M of K documents"``."""
    return f"{plural(n_hits, 'hit')} in {n_docs_hit} of {plural(n_docs, 'document')}"


def summary_html(text: str, *, query: str, kind: str) -> str:
    """The summary line as a ``div.cu-explorer-summary`` whose ``data-query``
    and ``data-kind`` attributes name the search it summarises."""
    return (f'<div class="cu-explorer-summary" data-query="{escape(query)}" data-kind="{escape(kind)}">'
            f"{escape(text)}</div>")


def error_html(message: str) -> str:
    """One red line, ``div.cu-explorer-error``, with ``message`` on a single line."""
    return f'<div class="cu-explorer-error" style="{_ERROR_STYLE}">{escape(one_line(message))}</div>'


def note_html(message: str) -> str:
    """A plain line of explanation, ``div.cu-explorer-note``."""
    return f'<div class="cu-explorer-note">{escape(message)}</div>'


def kwic_html(lines: pd.DataFrame, *, limit: int = SHOWN_LINES) -> str:
    """The first ``limit`` concordance lines as ``table.cu-kwic``: line number,
    document, left context (right-aligned), the match (bold), right context.

    ``lines`` has the columns ``doc_id, left, match, right`` of
    :func:`corpus_utils.terms.concordance.concordance`. A line says how many
    are left out when there are more than ``limit``.
    """
    rows = []
    for number, (doc_id, left, match, right) in enumerate(
            lines[["doc_id", "left", "match", "right"]].head(limit).itertuples(index=False, name=None), start=1):
        rows.append(f'<tr><td class="cu-kwic-n" style="{_CELL}">{number}</td>'
                    f'<td class="cu-kwic-doc" style="{_CELL}">{escape(doc_id)}</td>'
                    f'<td class="cu-kwic-left" style="{_CELL}text-align:right">{escape(one_line(left))}</td>'
                    f'<td class="cu-kwic-match" style="{_CELL}font-weight:bold;color:#0072B2">{escape(one_line(match))}</td>'
                    f'<td class="cu-kwic-right" style="{_CELL}text-align:left">{escape(one_line(right))}</td></tr>')
    table = f'<table class="cu-kwic">{"".join(rows)}</table>' if rows else ""
    more = len(lines) - limit
    return table + (note_html(f"The first {limit} of {len(lines)} lines are shown ({more} more).") if more > 0 else "")


def table_html(frame: pd.DataFrame, *, css_class: str, digits: int = 2) -> str:
    """A small table (header and rows), numbers rounded to ``digits``, as ``table.<css_class>``."""
    head = "".join(f'<th style="{_CELL}">{escape(c)}</th>' for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False, name=None):
        cells = (f"{v:.{digits}f}" if isinstance(v, float) else v for v in row)
        body.append("<tr>" + "".join(f'<td style="{_CELL}">{escape(v)}</td>' for v in cells) + "</tr>")
    return f'<table class="{escape(css_class)}"><tr>{head}</tr>{"".join(body)}</table>'


def bar_html(frame: pd.DataFrame, *, label: str, value: str, css_class: str, digits: int = 2) -> str:
    """One row per row of ``frame``: its ``label``, a bar as long as its
    ``value`` relative to the largest, and the value; ``table.<css_class>``."""
    values = pd.to_numeric(frame[value], errors="coerce").fillna(0.0)
    top = float(values.max()) if len(values) else 0.0
    rows = []
    for name, number in zip(frame[label], values, strict=True):
        width = round(BAR_PIXELS * number / top) if top > 0 else 0
        bar = f'<div style="background:#0072B2;height:0.8em;width:{width}px"></div>'
        rows.append(f'<tr><td style="{_CELL}">{escape(name)}</td><td style="{_CELL}">{bar}</td>'
                    f'<td style="{_CELL}text-align:right">{number:.{digits}f}</td></tr>')
    return f'<table class="{escape(css_class)}">{"".join(rows)}</table>'


def figure_html(fig, *, alt: str, css_class: str, dpi: int = 80) -> str:
    """``fig`` as an inline PNG ``img.<css_class>``; the figure is closed
    (so that a notebook's inline backend does not draw it a second time)."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    finally:
        plt.close(fig)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img class="{escape(css_class)}" alt="{escape(alt)}" src="data:image/png;base64,{data}"/>'
