"""An interactive corpus explorer for JupyterLab: type a query, see its
concordance, distribution, collocates and trend at once.

As in AntConc, Voyant, Wordless or LancsBox, one query drives several views:

* **Concordance**: the KWIC lines of
  :func:`corpus_utils.terms.concordance.concordance` (the first
  :data:`~corpus_utils.interactive.render.SHOWN_LINES`), under the line
  ``N hits in M of K documents`` (K: the documents the ``where`` box keeps);
* **Distribution**: AntConc's concordance plot
  (:func:`~corpus_utils.terms.concordance.plot_concordance`) and the hits per
  10,000 characters of each document
  (:func:`~corpus_utils.terms.concordance.hits_per_document`,
  ``per_10k_chars = 10,000 · hits / n_chars``);
* **Collocates**: for a ``substring`` or ``token`` query, the top
  :data:`~corpus_utils.interactive.render.SHOWN_COLLOCATES` collocates by
  logDice = 14 + log2(2 · O11 / (R1 + C1)) (Rychlý 2008) in a window of 5
  words each side (:func:`corpus_utils.terms.collocation.collocates`,
  stopwords excluded). A substring query's node is every token that contains
  it (:func:`~corpus_utils.terms.collocation.node_family`);
* **Trends** (a corpus with a ``year`` and at least two distinct years): the
  hits of the query per year (or per decade beyond
  :data:`YEARLY_PERIODS_AT_MOST` years) per 10,000 characters, with an
  interval (:func:`corpus_utils.change.trends.trends_from_counts`: Garwood's
  exact Poisson interval by year, the percentile bootstrap over documents by
  decade). The counts are the concordance's own hits, so every query kind has
  a trend; for a substring query they are the counts of
  :func:`~corpus_utils.change.trends.term_trends`.

The segmenter and the tokens are built once per explorer, on first need,
never per query. A query that cannot run (a bad regular expression, a
condition on an unknown column) shows as one red line, never a traceback.

Where no widget frontend runs (nbconvert, nbval, GitHub, a terminal), the
explorer shows a static HTML snapshot of its current query: its
``_repr_mimebundle_`` holds the widget view *and* ``text/html`` and
``text/plain``, and each frontend renders the richest type it knows.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pandas as pd

from corpus_utils.constants import EXPLORER_CONDITION_SEPARATOR
from corpus_utils.interactive import render

#: The sort choices of the explorer: (label, sort key); ``""`` is corpus order.
SORT_CHOICES = (("corpus order", ""), ("L1", "L1"), ("L2", "L2"), ("R1", "R1"), ("R2", "R2"))
#: Query kinds where an empty query means every match (every formula, every formulation).
ALL_WHEN_EMPTY = ("numbered_formula", "formulation")
#: Query kinds that have collocates (a single string: the token, or every token containing the substring).
COLLOCATE_KINDS = ("substring", "token")
#: Trends are per year up to this many distinct years, per decade beyond.
YEARLY_PERIODS_AT_MOST = 20
#: Concordance lines in the static snapshot.
SNAPSHOT_LINES = 20
#: The tabs, in order (Trends only for a dated corpus).
TABS = ("Concordance", "Distribution", "Collocates", "Trends")
#: The summary before any query.
PROMPT = "Type a query and press Enter."


def is_dated(corpus: pd.DataFrame) -> bool:
    """True when ``corpus`` has a ``year`` column with at least two distinct years."""
    return "year" in corpus and corpus["year"].dropna().nunique() >= 2


def parse_where(text: str) -> list[str]:
    """The conditions typed in the where box, separated by ``;`` (``level=central; year>=2000``)."""
    return [part.strip() for part in EXPLORER_CONDITION_SEPARATOR.split(text or "") if part.strip()]


def check_settings(kind: str, sort: str) -> None:
    """Raise a ValueError naming the valid values for an unknown query ``kind`` or ``sort`` key."""
    from corpus_utils.terms.concordance import QUERY_KINDS

    if kind not in QUERY_KINDS:
        raise ValueError(f"unknown query kind {kind!r}; use one of {', '.join(QUERY_KINDS)}")
    keys = [key for _, key in SORT_CHOICES]
    if sort not in keys:
        raise ValueError(f"unknown sort {sort!r}; use one of {', '.join(repr(k) for k in keys)}")


def empty_lines() -> pd.DataFrame:
    """A concordance with no lines (its columns, no rows)."""
    from corpus_utils.terms.concordance import CONCORDANCE_COLUMNS

    return pd.DataFrame({column: [] for column in CONCORDANCE_COLUMNS})


class Explorer:
    """The explorer of one corpus: its widget, its current query and results.

    Attributes
    ----------
    corpus : pandas.DataFrame
        The loaded corpus it explores.
    lines : pandas.DataFrame
        The concordance of the current query (columns of
        :data:`corpus_utils.terms.concordance.CONCORDANCE_COLUMNS`); empty
        before a query and after an error.
    hits : pandas.DataFrame
        :func:`~corpus_utils.terms.concordance.hits_per_document` of the
        current query over the selected documents.
    summary : str
        ``"N hits in M of K documents"`` (or the prompt, or ``""`` after an error).
    error : str
        The one-line error of the current query, ``""`` when it ran.
    panes : dict[str, str]
        The HTML of each tab.
    trends : pandas.DataFrame or None
        The trend table of the current query
        (:func:`corpus_utils.change.trends.trends_from_counts`), None when
        there is none.
    collocates : pandas.DataFrame or None
        The collocates shown (:func:`corpus_utils.terms.collocation.collocates`,
        the top rows), None when there are none.
    widget : ipywidgets.VBox
        The user interface.
    controls : dict[str, ipywidgets.Widget]
        Its controls: ``query``, ``kind``, ``sort``, ``where`` (inputs),
        ``search`` (the button), ``status`` (the summary or error line).
    """

    def __init__(self, corpus: pd.DataFrame, *, query: str = "", kind: str = "substring", width: int = 20) -> None:
        missing = [c for c in ("doc_id", "text", "n_chars") if c not in corpus]
        if missing:
            raise ValueError(f"the corpus lacks the column(s) {', '.join(missing)}; load it with corpus_utils.load_corpus")
        if isinstance(width, bool) or not isinstance(width, int) or width < 1:
            raise ValueError(f"width must be a positive number of characters, not {width!r}")
        self.corpus = corpus.reset_index(drop=True)
        self.width = width
        self.dated = is_dated(self.corpus)
        check_settings(kind, "")
        self.query, self.kind, self.sort, self.where = "", kind, "", ""
        self._segmenter = None
        self._tokens: dict[str, list[str]] | None = None
        self._quiet = False
        self._last: tuple[str, str, str, str] | None = None
        self._reset(self.corpus, PROMPT)
        self.widget = self._build_widget()
        self.search(query)

    # --- built once, on first need --------------------------------------------------------------------------

    @property
    def segmenter(self):
        """The corpus's segmenter (:func:`corpus_utils.terms.segment.corpus_segmenter`), built once."""
        if self._segmenter is None:
            from corpus_utils.terms.segment import corpus_segmenter

            self._segmenter = corpus_segmenter(self.corpus)
        return self._segmenter

    @property
    def tokens(self) -> dict[str, list[str]]:
        """Countable tokens of every document (:func:`corpus_utils.terms.segment.countable_by_doc`), built once."""
        if self._tokens is None:
            from corpus_utils.terms.segment import countable_by_doc

            self._tokens = countable_by_doc(self.corpus, self.segmenter)
        return self._tokens

    # --- searching ------------------------------------------------------------------------------------------

    def search(self, query: str, *, kind: str | None = None, sort: str | None = None,
               where: str | None = None) -> pd.DataFrame:
        """Run ``query`` and show its results; return its concordance lines.

        Parameters
        ----------
        query
            What to look for, read as ``kind`` says (outer spaces are dropped).
            Empty: no lines, except for the kinds ``numbered_formula`` and
            ``formulation``, where it means all of them.
        kind
            One of :data:`corpus_utils.terms.concordance.QUERY_KINDS`.
        sort
            ``"L1"``, ``"L2"``, ``"R1"``, ``"R2"``, or ``""`` for corpus order.
        where
            Conditions on document variables separated by ``;``
            (``level=central; year>=2020``, see
            :mod:`corpus_utils.corpus.selection`), ``""`` for every document.

        ``None`` keeps the explorer's current setting (its dropdowns and
        where box).

        Returns
        -------
        pandas.DataFrame
            :attr:`lines`. A query that cannot run leaves it empty and sets
            :attr:`error` (shown as one red line) instead of raising.

        Raises
        ------
        ValueError
            An unknown ``kind`` or ``sort`` (these cannot come from the widget).
        """
        kind = self.kind if kind is None else kind
        sort = self.sort if sort is None else sort
        check_settings(kind, sort)
        self.query, self.kind, self.sort = str(query).strip(), kind, sort
        self.where = self.where if where is None else str(where).strip()
        try:
            self._compute()
        except ValueError as err:
            self._fail(str(err))
        self._last = self._settings()
        self._show()
        return self.lines

    def _settings(self) -> tuple[str, str, str, str]:
        return self.query, self.kind, self.sort, self.where

    def _selected(self) -> pd.DataFrame:
        from corpus_utils.corpus.selection import select_documents

        conditions = parse_where(self.where)
        return select_documents(self.corpus, conditions) if conditions else self.corpus

    def _reset(self, selected: pd.DataFrame, summary: str) -> None:
        from corpus_utils.terms.concordance import hits_per_document

        self.lines = empty_lines()
        self.hits = hits_per_document(self.lines, selected)
        self.summary, self.error = summary, ""
        self.collocates, self.trends = None, None
        self.panes = dict.fromkeys(self._tab_names(), "")

    def _fail(self, message: str) -> None:
        self._reset(self.corpus.iloc[:0], "")
        self.error = render.one_line(message) or "the query failed"

    def _compute(self) -> None:
        from corpus_utils.terms.concordance import concordance, hits_per_document

        selected = self._selected()
        if not self.query and self.kind not in ALL_WHEN_EMPTY:
            self._reset(selected, PROMPT)
            return
        lines = concordance(selected, self.query or None, kind=self.kind, width=self.width, sort=self.sort or None,
                            segmenter=self.segmenter).reset_index(drop=True)
        hits = hits_per_document(lines, selected)
        collocated, collocates_note = self._collocates_of(selected)
        trends, trends_note = self._trends_of(selected, hits) if self.dated else (None, "")
        panes = {"Concordance": render.kwic_html(lines),
                 "Distribution": self._distribution_pane(lines, selected, hits),
                 "Collocates": self._collocates_pane(collocated, collocates_note)}
        if self.dated:
            panes["Trends"] = self._trends_pane(trends, trends_note)
        self.lines, self.hits, self.panes, self.error = lines, hits, panes, ""
        self.collocates, self.trends = collocated, trends
        self.summary = render.summary_text(len(lines), int((hits["hits"] > 0).sum()), len(hits))

    def _label(self) -> str:
        return self.query or f"every {self.kind.replace('_', ' ')}"

    # --- the analyses ---------------------------------------------------------------------------------------

    def _collocates_of(self, selected: pd.DataFrame) -> tuple[pd.DataFrame | None, str]:
        """The top collocates of the query in the selected documents, and a
        line that says what the node is (or why there are none)."""
        from corpus_utils.terms.collocation import collocates, node_family
        from corpus_utils.terms.lexicon import stopwords

        if self.kind not in COLLOCATE_KINDS:
            return None, "Collocates are computed for a substring or token query."
        tokens = {doc_id: self.tokens[doc_id] for doc_id in selected["doc_id"]}
        node = node_family(tokens, self.query) if self.kind == "substring" else [self.query]
        found = sorted({t for words in tokens.values() for t in words}.intersection(node))
        if not found:
            return None, f"No token is or contains {self.query} (the query spans several tokens): no collocates."
        frame = collocates(tokens, found, exclude=stopwords()).head(render.SHOWN_COLLOCATES)
        shown = ", ".join(found[:10]) + (f" and {len(found) - 10} more" if len(found) > 10 else "")
        return frame, f"Node: {shown}. Window 5 words each side; top {render.SHOWN_COLLOCATES} by logDice."

    def _trends_of(self, selected: pd.DataFrame, hits: pd.DataFrame) -> tuple[pd.DataFrame | None, str]:
        """The trend of the query's hits in the selected documents, and a line
        on the documents left out (or why there is no trend)."""
        from corpus_utils.change.trends import trends_from_counts

        dated = selected[selected["year"].notna()]
        if dated["year"].nunique() < 2:
            return None, "Trends need documents of at least two different years."
        by = "year" if dated["year"].nunique() <= YEARLY_PERIODS_AT_MOST else "decade"
        counts = hits.set_index("doc_id").loc[dated["doc_id"], ["hits"]].set_axis([self._label()], axis=1)
        trends = trends_from_counts(counts, dated.set_index("doc_id")[["n_chars", "year"]], by=by,
                                    interval="poisson" if by == "year" else "bootstrap", random_state=0)
        undated = len(selected) - len(dated)
        return trends, f"{render.plural(undated, 'document')} without a year left out." if undated else ""

    # --- the views ------------------------------------------------------------------------------------------

    def _distribution_pane(self, lines: pd.DataFrame, selected: pd.DataFrame, hits: pd.DataFrame) -> str:
        from corpus_utils.corpus.overview import doc_labels
        from corpus_utils.plotting import setup_plotting
        from corpus_utils.terms.concordance import plot_concordance

        setup_plotting()
        fig = plot_concordance(lines, selected, labels=doc_labels(selected), title=f"Concordance plot: {self._label()}")
        bars = render.bar_html(hits, label="doc_id", value="per_10k_chars", css_class="cu-explorer-bars")
        return (render.figure_html(fig, alt=f"concordance plot of {self._label()}", css_class="cu-explorer-plot")
                + render.note_html("Hits per 10,000 characters of each document:") + bars)

    @staticmethod
    def _collocates_pane(frame: pd.DataFrame | None, note: str) -> str:
        head = render.note_html(note)
        if frame is None:
            return head
        if frame.empty:
            return head + render.note_html("No word occurs twice near the node.")
        columns = ["collocate", "O11", "C1", "logDice", "MI", "t_score", "left", "right"]
        return head + render.table_html(frame[columns], css_class="cu-explorer-collocates")

    def _trends_pane(self, trends: pd.DataFrame | None, note: str) -> str:
        from corpus_utils.change.trends import plot_trends

        if trends is None:
            return render.note_html(note)
        by = trends.attrs.get("by", "period")
        fig = plot_trends(trends, title=f"{self._label()}: hits per 10,000 characters by {by}")
        columns = ["period", "freq", "n_docs", "n_chars", "per_10k_chars", "ci_low", "ci_high"]
        table = render.table_html(trends[columns].astype({"period": str}), css_class="cu-explorer-trends")
        return (render.figure_html(fig, alt=f"trend of {self._label()}", css_class="cu-explorer-trend-plot") + table
                + (render.note_html(note) if note else ""))

    # --- the widget -----------------------------------------------------------------------------------------

    def _tab_names(self) -> tuple[str, ...]:
        return TABS if self.dated else TABS[:-1]

    def _build_widget(self):
        import ipywidgets as widgets

        box, style = widgets.Layout, {"description_width": "initial"}
        self.controls = {
            "query": widgets.Text(placeholder="a query, e.g. 高质量发展, then Enter", continuous_update=False,
                                  description="Query", style=style, layout=box(width="20em")),
            "kind": widgets.Dropdown(options=self._kinds(), description="Kind", style=style, layout=box(width="13em")),
            "sort": widgets.Dropdown(options=SORT_CHOICES, description="Sort", style=style, layout=box(width="11em")),
            "where": widgets.Text(placeholder="level=central; year>=2020", continuous_update=False,
                                  description="Where", style=style, layout=box(width="17em")),
            "search": widgets.Button(description="Search", icon="search", layout=box(width="auto")),
            "status": widgets.HTML(),
        }
        self._panes = {name: widgets.HTML() for name in self._tab_names()}
        tabs = widgets.Tab(children=list(self._panes.values()), titles=list(self._panes))
        tabs.add_class("cu-explorer-tabs")
        for name, control in self.controls.items():
            control.add_class(f"cu-explorer-{name}")
        for name in ("query", "kind", "sort", "where"):
            self.controls[name].observe(self._on_change, names="value")
        self.controls["search"].on_click(self._on_change)
        inputs = widgets.HBox([self.controls[name] for name in ("query", "kind", "sort", "where", "search")])
        ui = widgets.VBox([inputs, self.controls["status"], tabs])
        ui.add_class("cu-explorer")
        return ui

    @staticmethod
    def _kinds() -> list[str]:
        from corpus_utils.terms.concordance import QUERY_KINDS

        return list(QUERY_KINDS)

    @contextlib.contextmanager
    def _quietly(self) -> Iterator[None]:
        """Set widget values without running a search for each."""
        self._quiet = True
        try:
            yield
        finally:
            self._quiet = False

    def _show(self) -> None:
        with self._quietly():
            self.controls["query"].value = self.query
            self.controls["kind"].value = self.kind
            self.controls["sort"].value = self.sort
            self.controls["where"].value = self.where
        self.controls["status"].value = self.status_html()
        for name, pane in self._panes.items():
            pane.value = self.panes.get(name, "")

    def _on_change(self, _event) -> None:
        """A control changed (Enter in a box, a dropdown, the button): search
        with the controls' settings, unless they are those already shown."""
        if self._quiet:
            return
        settings = (self.controls["query"].value.strip(), self.controls["kind"].value, self.controls["sort"].value,
                    self.controls["where"].value.strip())
        if settings == self._last:
            return
        self.controls["status"].value = render.note_html("Searching …")
        try:
            self.search(settings[0], kind=settings[1], sort=settings[2], where=settings[3])
        except Exception as err:  # an unforeseen failure shows as one line in the widget, not a traceback
            self._last = None
            self.controls["status"].value = render.error_html(f"{type(err).__name__}: {err}")

    # --- display --------------------------------------------------------------------------------------------

    def status_html(self) -> str:
        """The summary line of the current query, or its error as one red line."""
        if self.error:
            return render.error_html(self.error)
        return render.summary_html(self.summary, query=self.query, kind=self.kind)

    def text(self) -> str:
        """A one-line description of the explorer and its current query."""
        state = f"error: {self.error}" if self.error else self.summary
        query = f"{self.query!r} ({self.kind})" if self.query or self.kind in ALL_WHEN_EMPTY else "no query"
        return f"Explorer of {render.plural(len(self.corpus), 'document')}, {query}: {state}"

    def html(self) -> str:
        """The static snapshot: the summary line and the first
        :data:`SNAPSHOT_LINES` concordance lines, in ``div.cu-explorer-static``."""
        head = render.note_html("Corpus explorer (a static snapshot; run the notebook in JupyterLab to search).")
        lines = render.kwic_html(self.lines, limit=SNAPSHOT_LINES)
        return f'<div class="cu-explorer-static">{head}{self.status_html()}{lines}</div>'

    def snapshot(self):
        """The static snapshot (:meth:`html`) as an object that notebooks
        display: what a page without widgets shows, the same on every run."""
        from IPython.display import HTML

        return HTML(self.html())

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """The widget view plus ``text/html`` (the snapshot) and ``text/plain``
        (:meth:`text`): JupyterLab shows the widget, static renderers the HTML."""
        widget_bundle = getattr(self.widget, "_repr_mimebundle_", None)
        bundle = dict(widget_bundle(include=include, exclude=exclude) or {}) if callable(widget_bundle) else {}
        bundle["text/html"] = self.html()
        bundle["text/plain"] = self.text()
        return bundle

    def __repr__(self) -> str:
        return self.text()


def explore(corpus: pd.DataFrame, *, query: str = "", kind: str = "substring", width: int = 20) -> Explorer:
    """An interactive explorer of ``corpus``: a query box over its concordance,
    distribution, collocates and (for a dated corpus) trend.

    Parameters
    ----------
    corpus
        A loaded corpus (:func:`corpus_utils.load_corpus`).
    query, kind
        A first query to run, and its kind
        (:data:`corpus_utils.terms.concordance.QUERY_KINDS`).
    width
        Characters of context on each side of a concordance line.

    Returns
    -------
    Explorer
        Shown as a widget in JupyterLab, as a static HTML snapshot elsewhere;
        :meth:`Explorer.search` runs a query from code.

    Examples
    --------
    >>> import corpus_utils as cu  # doctest: +SKIP
    >>> cu.explore(cu.datasets.work_reports(), query="改革开放")  # doctest: +SKIP
    """
    return Explorer(corpus, query=query, kind=kind, width=width)
