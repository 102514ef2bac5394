"""Collocation networks: node words linked to their strongest collocates.

A network draws what a collocate table lists: each node word is joined to
its ``top`` collocates by logDice, and with ``second_order`` each of those
collocates to its own ``top`` collocates, so that words shared by several
nodes or collocates appear as hubs (GraphColl; Brezina, McEnery & Wattam
2015, "Collocations in context", *International Journal of Corpus
Linguistics* 20(2), 139–173).

The statistics are those of :func:`corpus_utils.terms.collocation.collocates`
(window counting, Evert 2008): O11 the co-occurrences within ``left``
tokens before and ``right`` tokens after the word whose collocates are
listed, R1 and C1 the two words' frequencies, and

    logDice = 14 + log2(2 · O11 / (R1 + C1))     (Rychlý 2008),

which does not depend on corpus size. Collocates are ranked by logDice,
then O11 (descending), then the word, so ties are broken the same way on
every run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from corpus_utils.terms.collocation import collocates

if TYPE_CHECKING:
    import networkx
    from matplotlib.figure import Figure

#: Columns of :func:`network_table`.
TABLE_COLUMNS = ["source", "target", "logDice", "O11"]
#: Node colours by order: node words, first-order, second-order collocates.
ORDER_COLOURS = {0: "#b2182b", 1: "#2166ac", 2: "#92c5de"}
ORDER_LABELS = {0: "node word", 1: "collocate", 2: "collocate of a collocate"}
#: Width in points of the edge with the highest logDice.
MAX_EDGE_WIDTH = 4.0
#: Width of an edge whose logDice is zero or below (still visible).
MIN_EDGE_WIDTH = 0.3


def node_words(nodes: str | Sequence[str]) -> tuple[str, ...]:
    """The node words, sorted and without repeats; one word may be given as a string.

    Raises
    ------
    ValueError
        No word, or a word that is not a non-empty string.
    """
    words = [nodes] if isinstance(nodes, str) else list(nodes)
    bad = [w for w in words if not isinstance(w, str) or not w]
    if bad or not words:
        raise ValueError(f"nodes must be one or more non-empty strings, got {nodes!r}")
    return tuple(sorted(set(words)))


def check_options(*, left: int, right: int, min_count: int, top: int) -> None:
    """One clear line for a window, threshold or ``top`` that cannot work."""
    if min(left, right) < 0 or left + right == 0:
        raise ValueError(f"the window needs left, right ≥ 0 and left + right ≥ 1, got left={left}, right={right}")
    if min_count < 1:
        raise ValueError(f"min_count must be at least 1, got {min_count}")
    if top < 1:
        raise ValueError(f"top must be at least 1, got {top}")


def token_frequencies(tokens_by_doc: Mapping[str, Sequence[str]]) -> Counter[str]:
    """Frequency of every token over all documents.

    Raises
    ------
    ValueError
        A document given as one string instead of a list of tokens.
    """
    freq: Counter[str] = Counter()
    for doc_id, tokens in tokens_by_doc.items():
        if isinstance(tokens, str):
            raise ValueError(f"document {doc_id!r}: expected a list of tokens, got a string; "
                             f"segment it first (corpus_utils.terms.segment.countable_by_doc)")
        freq.update(tokens)
    return freq


def top_links(tokens_by_doc: Mapping[str, Sequence[str]], word: str, *, top: int, **options) -> list[tuple]:
    """``(word, collocate, logDice, O11)`` for the ``top`` collocates of ``word``
    as :func:`~corpus_utils.terms.collocation.collocates` ranks them."""
    table = collocates(tokens_by_doc, word, **options).head(top)
    return [(word, c, float(ld), int(o11))
            for c, ld, o11 in zip(table["collocate"], table["logDice"], table["O11"], strict=True)]


def add_links(edges: dict[tuple[str, str], dict], links: list[tuple], order: int) -> list[str]:
    """Record ``links`` not yet in ``edges`` (the first statistics of a pair win);
    return the collocates reached."""
    for source, target, ld, o11 in links:
        key = (min(source, target), max(source, target))
        edges.setdefault(key, {"logDice": ld, "O11": o11, "source": source, "order": order})
    return [target for _, target, _, _ in links]


def collocation_network(tokens_by_doc: Mapping[str, Sequence[str]], nodes: str | Sequence[str], *,
                        left: int = 5, right: int = 5, min_count: int = 3, top: int = 10,
                        second_order: bool = False, exclude: frozenset[str] = frozenset()) -> networkx.Graph:
    """A graph of node words and their strongest collocates by logDice.

    Parameters
    ----------
    tokens_by_doc
        Countable tokens per document (punctuation removed, stopwords kept),
        as :func:`corpus_utils.terms.segment.countable_by_doc` gives them.
    nodes
        One node word or several; each is linked to its own collocates.
    left, right, min_count, exclude
        As in :func:`corpus_utils.terms.collocation.collocates` (window,
        smallest O11 kept, words never reported as collocates).
    top
        Collocates kept per word, by logDice then O11 then the word.
    second_order
        Also link every first-order collocate (that is not a node word) to
        its own ``top`` collocates (GraphColl, Brezina et al. 2015).

    Returns
    -------
    networkx.Graph
        Nodes carry ``kind`` (``"node"`` for the node words, ``"collocate"``
        otherwise), ``freq`` (token frequency) and ``order`` (0 node word, 1
        collocate of a node, 2 collocate of a collocate). Edges carry
        ``logDice`` and ``O11`` as computed for ``source`` (the word whose
        collocates were listed) and ``order`` (1 or 2). A pair reached twice
        keeps its first statistics: node words first, then collocates, each
        in sorted order (with a symmetric window both are the same). Nodes and
        edges are inserted in sorted order. ``graph.graph`` records the
        options and ``missing``, the node words that never occur. Node words
        that never occur are left out; if none occurs the graph is empty.
    """
    words = node_words(nodes)
    check_options(left=left, right=right, min_count=min_count, top=top)
    freq = token_frequencies(tokens_by_doc)
    options = {"left": left, "right": right, "min_count": min_count, "exclude": exclude, "top": top}
    present = [w for w in words if freq[w]]
    edges: dict[tuple[str, str], dict] = {}
    orders = dict.fromkeys(present, 0)
    for word in present:
        for target in add_links(edges, top_links(tokens_by_doc, word, **options), 1):
            orders.setdefault(target, 1)
    if second_order:
        for word in sorted(w for w, o in orders.items() if o == 1):
            for target in add_links(edges, top_links(tokens_by_doc, word, **options), 2):
                orders.setdefault(target, 2)
    return build_graph(orders, edges, freq, words=words, graph_attributes={
        "nodes": words, "missing": tuple(w for w in words if not freq[w]), "left": left, "right": right,
        "min_count": min_count, "top": top, "second_order": second_order})


def build_graph(orders: Mapping[str, int], edges: Mapping[tuple[str, str], dict], freq: Mapping[str, int], *,
                words: Sequence[str], graph_attributes: Mapping) -> networkx.Graph:
    """The graph, nodes and edges inserted in sorted order."""
    import networkx as nx

    graph = nx.Graph(**graph_attributes)
    for word in sorted(orders):
        graph.add_node(word, kind="node" if word in words else "collocate", freq=int(freq[word]),
                       order=orders[word])
    for (u, v) in sorted(edges):
        graph.add_edge(u, v, **edges[(u, v)])
    return graph


def network_table(graph: networkx.Graph) -> pd.DataFrame:
    """The edges of a collocation network as a table.

    Returns
    -------
    pandas.DataFrame
        ``source, target, logDice, O11``: ``source`` is the word whose
        collocates were listed, ``target`` the collocate. Sorted by logDice
        and O11 (descending), then source and target. An empty graph gives
        an empty table with these columns.
    """
    rows = [(data["source"], v if data["source"] == u else u, float(data["logDice"]), int(data["O11"]))
            for u, v, data in graph.edges(data=True)]
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS).astype({"source": object, "target": object,
                                                              "logDice": float, "O11": int})
    return table.sort_values(["logDice", "O11", "source", "target"], ascending=[False, False, True, True],
                             kind="stable").reset_index(drop=True)


def network_layout(graph: networkx.Graph, *, seed: int = 0) -> dict[str, tuple[float, float]]:
    """Node positions: :func:`networkx.spring_layout` (Fruchterman–Reingold)
    with a fixed ``seed``, unweighted, so the same graph always gets the same
    coordinates. Distances show which words are linked, not how strongly
    (edge widths do that)."""
    import networkx as nx

    positions = nx.spring_layout(graph, seed=seed, weight=None)
    return {word: (float(x), float(y)) for word, (x, y) in positions.items()}


def edge_widths(graph: networkx.Graph) -> list[float]:
    """Edge widths in points, proportional to logDice: ``MAX_EDGE_WIDTH · logDice /
    max logDice``, at least ``MIN_EDGE_WIDTH``; in the order of ``graph.edges``."""
    values = [d["logDice"] for _, _, d in graph.edges(data=True)]
    highest = max(values, default=0.0)
    if highest <= 0:
        return [MIN_EDGE_WIDTH] * len(values)
    return [max(MAX_EDGE_WIDTH * v / highest, MIN_EDGE_WIDTH) for v in values]


def default_title(graph: networkx.Graph) -> str:
    """``Collocation network of 党建 (top 10 by logDice, window 5L/5R)``."""
    info = graph.graph
    words = "、".join(info.get("nodes", ())) or "the node words"
    order = ", second order" if info.get("second_order") else ""
    return (f"Collocation network of {words} (top {info.get('top', '?')} by logDice, "
            f"window {info.get('left', '?')}L/{info.get('right', '?')}R{order})")


def empty_message(graph: networkx.Graph) -> str:
    """Why there is nothing to draw: the node words do not occur, or have no collocates."""
    info = graph.graph
    words = "、".join(info.get("nodes", ()))
    if graph.number_of_nodes() == 0:
        return f"{words or 'the node words'}: not found in the tokens"
    return f"no collocate of {words} with O11 ≥ {info.get('min_count', '?')}"


def plot_collocation_network(graph: networkx.Graph, *, title: str = "", seed: int = 0) -> Figure:
    """Draw a collocation network.

    Layout: :func:`network_layout` (``networkx.spring_layout`` with ``seed``).
    Edge width is proportional to logDice (:func:`edge_widths`); node words
    are red, their collocates dark blue, collocates of collocates light blue;
    node area grows with the square root of the word's frequency. Words are
    drawn in the font :func:`corpus_utils.plotting.setup_plotting` sets (call
    it first, or Chinese words lose their glyphs). A graph without edges gives
    :func:`corpus_utils.plotting.empty_figure` saying why.
    """
    from corpus_utils.plotting import empty_figure

    title = title or default_title(graph)
    if graph.number_of_edges() == 0:
        return empty_figure(empty_message(graph), title=title)
    return draw_network(graph, network_layout(graph, seed=seed), title=title)


def draw_network(graph: networkx.Graph, positions: Mapping[str, tuple[float, float]], *, title: str) -> Figure:
    """The drawing of :func:`plot_collocation_network` at given positions."""
    import matplotlib.pyplot as plt
    import networkx as nx
    from matplotlib.lines import Line2D

    from corpus_utils.plotting import PAGE_WIDTH

    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, 5.6), layout="constrained")
    nx.draw_networkx_edges(graph, positions, ax=ax, width=edge_widths(graph), edge_color="#9a9a9a", alpha=0.8)
    words = list(graph.nodes)
    highest = max(graph.nodes[w]["freq"] for w in words)
    sizes = [90 + 700 * (graph.nodes[w]["freq"] / highest) ** 0.5 for w in words]
    colours = [ORDER_COLOURS[graph.nodes[w]["order"]] for w in words]
    nx.draw_networkx_nodes(graph, positions, ax=ax, node_size=sizes, node_color=colours, alpha=0.35,
                           linewidths=0)
    for word in words:
        is_node = graph.nodes[word]["kind"] == "node"
        ax.text(*positions[word], word, ha="center", va="center", fontsize=10 if is_node else 8,
                color=ORDER_COLOURS[0] if is_node else "black")
    shown = sorted({graph.nodes[w]["order"] for w in words})
    handles = [Line2D([], [], marker="o", linestyle="", markersize=8, color=ORDER_COLOURS[o], alpha=0.6,
                      label=ORDER_LABELS[o]) for o in shown]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles) + 1, frameon=False,
               title="edge width ∝ logDice")
    ax.set_title(title)
    ax.axis("off")
    return fig
