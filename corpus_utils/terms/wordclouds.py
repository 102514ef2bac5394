"""Word clouds with the CJK font and a fixed random state."""

from __future__ import annotations

from collections.abc import Mapping

from corpus_utils.plotting import font_path

#: The same seed on every run: the same layout on every run.
RANDOM_STATE = 42


def make_wordcloud(frequencies: Mapping[str, float], *, width: int = 800, height: int = 450, max_words: int = 100,
                   random_state: int = RANDOM_STATE, colormap: str = "cividis"):
    """A :class:`wordcloud.WordCloud` fitted to ``frequencies``.

    Ties are broken by term, so equal frequencies lay out the same way every
    time; the font is :func:`corpus_utils.plotting.font_path`.
    """
    from wordcloud import WordCloud

    ordered = dict(sorted(frequencies.items(), key=lambda kv: (-kv[1], kv[0]))[:max_words])
    cloud = WordCloud(font_path=str(font_path()), width=width, height=height, max_words=max_words,
                      background_color="white", random_state=random_state, colormap=colormap,
                      prefer_horizontal=1.0, collocations=False, relative_scaling=0.5)
    return cloud.generate_from_frequencies(ordered)


def corpus_and_document_panels(corpus_table, doc_table, labels: dict[str, str] | None = None
                               ) -> dict[str, dict[str, int]]:
    """Frequencies for a word-cloud grid: the whole corpus first, then each
    document (titled by ``labels[doc_id]`` when given)."""
    panels = {"whole corpus": dict(zip(corpus_table["term"], corpus_table["freq"], strict=True))}
    for doc_id, group in doc_table.groupby("doc_id", sort=True):
        title = (labels or {}).get(doc_id, doc_id)
        panels[title] = dict(zip(group["term"], group["freq"], strict=True))
    return panels


def plot_wordclouds(frequencies_by_panel: Mapping[str, Mapping[str, float]], *, columns: int = 2,
                    random_state: int = RANDOM_STATE, max_words: int = 60):
    """A grid of word clouds, one panel per key (a document or the corpus).

    The figure is a page wide (:data:`corpus_utils.plotting.PAGE_WIDTH`);
    each cloud is drawn at print resolution (:data:`corpus_utils.plotting.PNG_DPI`
    pixels per inch of its panel), so the saved PNG is sharp.
    """
    import matplotlib.pyplot as plt

    from corpus_utils.plotting import PAGE_WIDTH, PNG_DPI, fit_height

    panels = list(frequencies_by_panel)
    rows = -(-len(panels) // columns)
    panel_width = PAGE_WIDTH / columns
    fig, axes = plt.subplots(rows, columns, figsize=(PAGE_WIDTH, fit_height(rows * (panel_width * 0.6 + 0.3))),
                             squeeze=False, layout="constrained")
    pixels = (round(panel_width * PNG_DPI), round(panel_width * 0.6 * PNG_DPI))
    for ax, title in zip(axes.flat, panels, strict=False):
        cloud = make_wordcloud(frequencies_by_panel[title], width=pixels[0], height=pixels[1], max_words=max_words,
                               random_state=random_state)
        ax.imshow(cloud.to_array(), interpolation="antialiased")
        ax.set_title(title)
    for ax in axes.flat:
        ax.axis("off")
    return fig
