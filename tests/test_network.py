"""Collocation networks: edges carry collocates()'s statistics, second order adds the right edges,
builds and layouts are deterministic, figures render Chinese."""

import math
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from corpus_utils.plotting import save_figure, setup_plotting
from corpus_utils.terms.collocation import collocates
from corpus_utils.terms.lexicon import stopwords
from corpus_utils.terms.network import collocation_network, network_layout, network_table, plot_collocation_network

#: Window of one word each side. Frequencies: 党建 3, 引领 2, 发展 2, 创新 1, 改革 1.
TINY = {"a": ["党建", "引领", "发展", "党建", "引领"], "b": ["发展", "党建", "创新", "改革"]}
WINDOW = {"left": 1, "right": 1, "min_count": 1}
#: 14 + log2(2·2/(3+2)): 党建 with 引领 or 发展 (O11 = 2 each).
LD_2_OF_3_2 = 14 + math.log2(4 / 5)


def test_first_order_edges_by_hand():
    # 党建 at a0 sees 引领; at a3 发展, 引领; at b1 发展, 创新 → O11 引领 2, 发展 2, 创新 1.
    graph = collocation_network(TINY, "党建", top=3, **WINDOW)
    assert sorted(graph.nodes) == ["党建", "创新", "发展", "引领"]
    assert graph.edges["党建", "引领"]["logDice"] == pytest.approx(13.678071905112638)
    assert graph.edges["党建", "发展"]["logDice"] == pytest.approx(LD_2_OF_3_2)
    assert graph.edges["党建", "创新"]["logDice"] == pytest.approx(13.0)  # 14 + log2(2·1/(3+1))
    assert [graph.edges["党建", w]["O11"] for w in ("引领", "发展", "创新")] == [2, 2, 1]
    assert dict(graph.nodes(data="kind")) == {"党建": "node", "创新": "collocate", "发展": "collocate",
                                              "引领": "collocate"}
    assert dict(graph.nodes(data="freq")) == {"党建": 3, "创新": 1, "发展": 2, "引领": 2}


def test_top_keeps_the_strongest_with_ties_broken_by_word():
    graph = collocation_network(TINY, "党建", top=2, **WINDOW)
    assert sorted(graph.edges) == [("党建", "发展"), ("党建", "引领")]


def test_second_order_adds_each_collocates_own_collocates():
    graph = collocation_network(TINY, "党建", top=3, second_order=True, **WINDOW)
    # 创新 (b2) sees 党建, 改革 → 改革 is new, logDice 14 + log2(2·1/(1+1)) = 14;
    # 发展 (a2, b0) sees 引领 once → 发展–引领, 14 + log2(2·1/(2+2)) = 13; 引领 adds nothing new.
    expected = pd.DataFrame({"source": ["创新", "党建", "党建", "党建", "发展"],
                             "target": ["改革", "发展", "引领", "创新", "引领"],
                             "logDice": [14.0, LD_2_OF_3_2, LD_2_OF_3_2, 13.0, 13.0],
                             "O11": [1, 2, 2, 1, 1]}).astype({"source": object, "target": object})
    pd.testing.assert_frame_equal(network_table(graph), expected)
    assert dict(graph.nodes(data="order")) == {"党建": 0, "创新": 1, "发展": 1, "引领": 1, "改革": 2}
    assert graph.edges["创新", "改革"]["order"] == 2 and graph.edges["党建", "创新"]["order"] == 1
    first = collocation_network(TINY, "党建", top=3, **WINDOW)
    assert set(map(frozenset, graph.edges)) - set(map(frozenset, first.edges)) == {
        frozenset({"创新", "改革"}), frozenset({"发展", "引领"})}


def test_network_table_of_first_order_by_hand():
    expected = pd.DataFrame({"source": ["党建", "党建", "党建"], "target": ["发展", "引领", "创新"],
                             "logDice": [LD_2_OF_3_2, LD_2_OF_3_2, 13.0], "O11": [2, 2, 1]}
                            ).astype({"source": object, "target": object})
    pd.testing.assert_frame_equal(network_table(collocation_network(TINY, "党建", top=3, **WINDOW)), expected)


def test_two_node_words_link_each_other_as_nodes():
    graph = collocation_network(TINY, ["发展", "党建"], top=1, **WINDOW)
    assert graph.graph["nodes"] == ("党建", "发展")
    assert dict(graph.nodes(data="kind")) == {"党建": "node", "发展": "node"}
    assert list(graph.edges) == [("党建", "发展")] and graph.edges["党建", "发展"]["source"] == "党建"


def test_min_count_and_exclude_are_passed_on():
    assert sorted(collocation_network(TINY, "党建", top=5, left=1, right=1, min_count=2).nodes) == [
        "党建", "发展", "引领"]
    graph = collocation_network(TINY, "党建", top=5, exclude=frozenset({"引领"}), **WINDOW)
    assert sorted(graph.nodes) == ["党建", "创新", "发展"]


def test_absent_node_gives_an_empty_graph_table_and_figure():
    setup_plotting()
    graph = collocation_network(TINY, "不在", **WINDOW)
    assert graph.number_of_nodes() == 0 and graph.graph["missing"] == ("不在",)
    table = network_table(graph)
    assert list(table.columns) == ["source", "target", "logDice", "O11"] and table.empty
    fig = plot_collocation_network(graph, title="党建网络")
    ax = fig.axes[0]
    assert ax.get_title() == "党建网络"
    assert [t.get_text() for t in ax.texts] == ["不在: not found in the tokens"]
    plt.close(fig)
    lonely = plot_collocation_network(collocation_network(TINY, "党建", left=1, right=1, min_count=9))
    assert [t.get_text() for t in lonely.axes[0].texts] == ["no collocate of 党建 with O11 ≥ 9"]
    assert lonely.axes[0].get_title().startswith("Collocation network of 党建")
    plt.close(lonely)


@pytest.mark.parametrize(("options", "message"), [
    ({"nodes": ""}, "non-empty strings"), ({"nodes": []}, "non-empty strings"),
    ({"nodes": "党建", "top": 0}, "top must be"), ({"nodes": "党建", "min_count": 0}, "min_count"),
    ({"nodes": "党建", "left": 0, "right": 0}, "window"), ({"nodes": "党建", "left": -1}, "window")])
def test_bad_options_fail_in_one_line(options, message):
    with pytest.raises(ValueError, match=message):
        collocation_network(TINY, **options)


def test_text_instead_of_tokens_names_the_document():
    with pytest.raises(ValueError, match="document 'x': expected a list of tokens"):
        collocation_network({"x": "党建引领发展"}, "党建")


@pytest.fixture(scope="module")
def seed_tokens():
    from corpus_utils import load_corpus
    from corpus_utils.terms.segment import corpus_segmenter, countable_by_doc

    corpus = load_corpus()
    return countable_by_doc(corpus, corpus_segmenter(corpus))


def test_edges_carry_collocates_statistics_on_the_seeds(seed_tokens):
    graph = collocation_network(seed_tokens, "高质量发展", min_count=2, exclude=stopwords())
    table = collocates(seed_tokens, "高质量发展", min_count=2, exclude=stopwords()).head(10)
    assert len(table) == 10
    got = {v if u == "高质量发展" else u: (d["logDice"], d["O11"]) for u, v, d in graph.edges(data=True)}
    assert got == {c: (ld, o11) for c, ld, o11 in zip(table["collocate"], table["logDice"], table["O11"],
                                                      strict=True)}


def test_party_building_network_on_the_seeds(seed_tokens):
    graph = collocation_network(seed_tokens, "党建", min_count=1, exclude=stopwords())
    assert graph.number_of_edges() > 0 and graph.nodes["党建"]["kind"] == "node"
    assert graph.nodes["党建"]["freq"] == sum(tokens.count("党建") for tokens in seed_tokens.values())
    assert all(graph.has_edge("党建", w) for w in graph.nodes if w != "党建")


def test_builds_and_layouts_are_identical(seed_tokens):
    options = {"min_count": 2, "exclude": stopwords(), "second_order": True}
    first = collocation_network(seed_tokens, ["党建", "高质量发展"], **options)
    second = collocation_network(seed_tokens, ["高质量发展", "党建"], **options)
    assert list(first.nodes(data=True)) == list(second.nodes(data=True))
    assert list(first.edges(data=True)) == list(second.edges(data=True))
    assert list(first.nodes) == sorted(first.nodes)
    assert network_layout(first, seed=3) == network_layout(second, seed=3)
    assert network_layout(first, seed=3) != network_layout(first, seed=4)


def test_figure_draws_every_word_in_the_cjk_font(seed_tokens, tmp_path):
    setup_plotting()
    graph = collocation_network(seed_tokens, "高质量发展", min_count=2, exclude=stopwords(), second_order=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig = plot_collocation_network(graph, seed=1)
        paths = save_figure(fig, "network", directory=tmp_path)
        again = save_figure(plot_collocation_network(graph, seed=1), "network2", directory=tmp_path)
    ax = fig.axes[0]
    assert sorted(t.get_text() for t in ax.texts) == sorted(graph.nodes)
    positions = network_layout(graph, seed=1)
    assert all(t.get_position() == pytest.approx(positions[t.get_text()]) for t in ax.texts)
    widths = list(ax.collections[0].get_linewidths())
    values = [d["logDice"] for _, _, d in graph.edges(data=True)]
    assert widths == pytest.approx([4.0 * v / max(values) for v in values])
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    plt.close("all")
