"""Every figure in figures/ is ready for a journal, and save_figure makes them so.

For each figure the notebooks (and the benchmark) commit: the PNG is 300 dpi
and a journal column (3.5 in) or page (7 in) wide; the SVG keeps its text as
text and names the CJK font with fallbacks; the PDF embeds every font and
none is Type 3. Word clouds are raster: PNG (and PDF if one is there).
"""

from __future__ import annotations

import hashlib
import io
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from PIL import Image
from pypdf import PdfReader

from corpus_utils.plotting import (
    COLUMN_WIDTH,
    DEFAULT_FORMATS,
    MAX_HEIGHT,
    PAGE_WIDTH,
    PNG_DPI,
    SVG_FONT_FAMILIES,
    save_figure,
    setup_plotting,
    wrap_label,
)

FIGURES = ROOT / "figures"
NAMES = sorted({p.stem for p in FIGURES.glob("*.png")} | {p.stem for p in FIGURES.glob("*.svg")}
               | {p.stem for p in FIGURES.glob("*.pdf")})
TRUETYPE_MAGIC = (b"\x00\x01\x00\x00", b"true")


def _raster_only(name: str) -> bool:
    return "wordcloud" in name


def _png_checks(data: bytes) -> tuple[float, float, float]:
    """(dpi, width in inches, height in inches) of a PNG."""
    image = Image.open(io.BytesIO(data))
    dpi_x, dpi_y = image.info["dpi"]
    assert dpi_x == pytest.approx(dpi_y)
    return dpi_x, image.width / dpi_x, image.height / dpi_y


def _fonts(resources, seen: set[int]) -> list:
    """Every font dictionary under a /Resources dictionary, Form XObjects included."""
    resources = resources.get_object() if resources is not None else {}
    found = []
    for ref in (resources.get("/Font") or {}).values():
        found.append(ref.get_object())
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        key = id(xobject)
        if xobject.get("/Subtype") == "/Form" and key not in seen:
            seen.add(key)
            found.extend(_fonts(xobject.get("/Resources"), seen))
    return found


def pdf_fonts(data: bytes) -> list[dict]:
    """Each font of a PDF: its name, type, descendant type and font-file key."""
    reader = PdfReader(io.BytesIO(data))
    fonts = []
    for page in reader.pages:
        for font in _fonts(page.get("/Resources"), set()):
            faces = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
            for face in faces:
                descriptor = (face.get("/FontDescriptor") or {})
                descriptor = descriptor.get_object() if descriptor else {}
                files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
                program = descriptor[files[0]].get_object().get_data() if files else b""
                fonts.append({"name": str(font.get("/BaseFont")), "type": str(font["/Subtype"]),
                              "face": str(face["/Subtype"]), "files": files, "program": program[:4]})
    return fonts


def test_there_are_figures():
    assert any(name.startswith("00_") for name in NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_every_format_is_there(name):
    wanted = {"png"} if _raster_only(name) else set(DEFAULT_FORMATS)
    present = {fmt for fmt in DEFAULT_FORMATS if (FIGURES / f"{name}.{fmt}").is_file()}
    assert wanted <= present, f"{name}: missing {sorted(wanted - present)}"


@pytest.mark.parametrize("name", NAMES)
def test_png_is_300_dpi_and_a_column_or_page_wide(name):
    dpi, width, height = _png_checks((FIGURES / f"{name}.png").read_bytes())
    assert dpi == pytest.approx(PNG_DPI, abs=0.5)
    assert min(abs(width - COLUMN_WIDTH), abs(width - PAGE_WIDTH)) <= 0.05, f"{name}: {width:.2f} in wide"
    assert height <= MAX_HEIGHT + 0.05, f"{name}: {height:.2f} in tall"


@pytest.mark.parametrize("name", [n for n in NAMES if (FIGURES / f"{n}.svg").is_file()])
def test_svg_keeps_text_in_the_cjk_font_at_7_pt_or_more(name):
    svg = (FIGURES / f"{name}.svg").read_text(encoding="utf-8")
    assert len(re.findall(r"<text\b", svg)) >= 3
    families = re.findall(r"font-family: ([^;\"]+)", svg)
    assert families
    for family in families:
        assert all(f"'{font}'" in family for font in SVG_FONT_FAMILIES), family
        assert family.rstrip().endswith("sans-serif")
    sizes = [float(size) for size in re.findall(r"font-size: ([\d.]+)px", svg)]  # SVG px at 72 dpi: points
    assert sizes and min(sizes) >= 7, f"{name}: text smaller than 7 pt"


@pytest.mark.parametrize("name", [n for n in NAMES if (FIGURES / f"{n}.pdf").is_file()])
def test_pdf_fonts_are_embedded_and_none_is_type3(name):
    fonts = pdf_fonts((FIGURES / f"{name}.pdf").read_bytes())
    assert fonts or _raster_only(name)
    for font in fonts:
        assert font["type"] != "/Type3" and font["face"] != "/Type3", font
        assert font["files"] in (["/FontFile2"], ["/FontFile3"]), font
        if font["files"] == ["/FontFile2"]:
            assert font["program"] in TRUETYPE_MAGIC, font  # real TrueType, not CFF in a TrueType slot


# --- save_figure and the style ------------------------------------------------------------------------------


def _figure():
    setup_plotting()
    fig, (left, right) = plt.subplots(1, 2, figsize=(PAGE_WIDTH, 2.5), layout="constrained")
    left.bar(["党建", "数字化", "高质量发展"], [3, 5, 2], label="出现次数")
    left.legend()
    left.set_title("党的建设 −1")
    image = right.imshow(np.arange(12).reshape(3, 4))
    fig.colorbar(image, ax=right, label="计数")
    return fig


def test_save_figure_writes_png_svg_and_pdf_by_default(tmp_path):
    fig = _figure()
    written = save_figure(fig, "style", directory=tmp_path)
    plt.close(fig)
    assert [p.name for p in written] == ["style.png", "style.svg", "style.pdf"]
    dpi, width, height = _png_checks((tmp_path / "style.png").read_bytes())
    assert (dpi, width, height) == (pytest.approx(300, abs=0.5), pytest.approx(7.0, abs=0.01), pytest.approx(2.5, abs=0.01))
    svg = (tmp_path / "style.svg").read_text(encoding="utf-8")
    assert "党的建设" in svg and "<dc:date>" not in svg and "Matplotlib" not in svg
    pdf = (tmp_path / "style.pdf").read_bytes()
    assert b"/CreationDate" not in pdf and b"/ModDate" not in pdf and b"/Producer" not in pdf
    fonts = pdf_fonts(pdf)
    assert {(f["type"], f["face"], f["files"][0], f["program"]) for f in fonts} == {
        ("/Type0", "/CIDFontType2", "/FontFile2", b"\x00\x01\x00\x00")}
    assert any("NotoSansCJKsc" in f["name"] for f in fonts)


def test_the_same_figure_saved_twice_is_byte_identical(tmp_path):
    fig = _figure()
    first = {p.suffix: hashlib.sha256(p.read_bytes()).hexdigest() for p in save_figure(fig, "a", directory=tmp_path)}
    second = {p.suffix: hashlib.sha256(p.read_bytes()).hexdigest() for p in save_figure(fig, "a", directory=tmp_path)}
    plt.close(fig)
    assert set(first) == {".png", ".svg", ".pdf"}
    assert first == second
    png = Image.open(tmp_path / "a.png")
    assert "Software" not in png.info


def test_style_uses_okabe_ito_and_print_sizes():
    setup_plotting()
    from corpus_utils.plotting import OKABE_ITO

    colours = [c["color"] for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert colours == list(OKABE_ITO)
    assert matplotlib.rcParams["image.cmap"] in ("cividis", "viridis")
    sizes = [matplotlib.rcParams[k] for k in ("font.size", "axes.titlesize", "axes.labelsize", "xtick.labelsize",
                                               "ytick.labelsize", "legend.fontsize")]
    assert min(sizes) >= 7
    assert (matplotlib.rcParams["pdf.fonttype"], matplotlib.rcParams["svg.fonttype"]) == (42, "none")


def test_wrap_label_keeps_every_character():
    text = "进一步推动党史学习教育与中心工作同频共振、相互促进"
    wrapped = wrap_label(text, width=10)
    assert wrapped.replace("\n", "") == text
    assert wrapped.split("\n") == ["进一步推动党史学习", "教育与中心工作同频", "共振、相互促进"]  # even lines
    assert wrap_label("坚持党的全面领导，推动高质量发展", width=10) == "坚持党的全面领导，\n推动高质量发展"
    assert wrap_label("短句", width=10) == "短句"
    assert wrap_label("一二三四五六七，八九十一二", width=12) == "一二三四五六\n七，八九十一二"  # no line starts with ，
    assert wrap_label("第一 XX电信是“网络强国”的主导者", width=15) == "第一 XX电信是\n“网络强国”的主导者"


def test_outline_labels_are_whole_phrases_wrapped_not_cut():
    from corpus_utils.rhetoric.outline import plot_outline

    setup_plotting()
    long_phrase = "始终把党的政治建设摆在首位并且持续推进全面从严治党向纵深发展"
    table = pd.DataFrame({
        "doc_id": ["d1", "d1", "d2"], "level": [1, 2, 1], "marker": ["一要", "一是", "二要"],
        "item_text": [long_phrase + "，另起一句…", "要突出重点，着力抓好", "进一步推动党史学习教育与中心工作同频共振、相互促…"],
        "length": [300, 40, 120]})
    fig = plot_outline(table, labels={"d1": "文件一", "d2": "文件二"})
    labels = [t.get_text().replace("\n", "") for ax in fig.axes for t in ax.get_yticklabels()]
    width, height = fig.get_size_inches()
    plt.close(fig)
    assert labels == ["一要 " + long_phrase, "一是 要突出重点", "二要 进一步推动党史学习教育与中心工作同频共振…"]
    assert width == PAGE_WIDTH and height <= MAX_HEIGHT


def test_overview_and_empty_figures_are_a_page_or_a_column_wide(corpus):
    from corpus_utils.corpus.audit import cleaning_report
    from corpus_utils.corpus.overview import plot_cleaning, plot_composition, plot_lengths
    from corpus_utils.plotting import empty_figure

    setup_plotting()
    figures = [plot_lengths(corpus), plot_composition(corpus), plot_cleaning(cleaning_report(corpus, only_changed=False)),
               empty_figure("nothing to draw", title="Collocation network of 党建 (top 6 by logDice, window 5L/5R)")]
    sizes = [tuple(fig.get_size_inches()) for fig in figures]
    legends = [len(fig.legends) for fig in figures[:2]]
    title = figures[3].axes[0].get_title()
    for fig in figures:
        plt.close(fig)
    assert [w for w, _ in sizes] == [PAGE_WIDTH, PAGE_WIDTH, PAGE_WIDTH, COLUMN_WIDTH]
    assert all(h <= MAX_HEIGHT for _, h in sizes)
    assert legends == [1, 1]  # below the axes, never over the bars
    assert title.replace("\n", " ") == "Collocation network of 党建 (top 6 by logDice, window 5L/5R)"


def test_long_labels_stay_inside_the_saved_figure(tmp_path):
    """The layout is computed with the text extents of the saved resolution:
    no tick label is pushed past the figure's edge at 300 dpi."""
    setup_plotting()
    fig, ax = plt.subplots(figsize=(PAGE_WIDTH, 2.5), layout="constrained")
    labels = ["002 · provincial branch · 中国邮政集团有限公司辽宁省分公司", "003 · institute · 国投集团电子院"]
    ax.barh(labels, [3, 5])
    save_figure(fig, "long_labels", directory=tmp_path, formats=("png",))
    fig.set_dpi(300)
    renderer = fig.canvas.get_renderer()
    width = fig.get_figwidth() * 300
    for label in ax.get_yticklabels():
        extent = label.get_window_extent(renderer)
        assert 0 <= extent.x0 and extent.x1 <= width, label.get_text()
    plt.close(fig)
