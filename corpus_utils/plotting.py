"""Journal-ready figures that render Chinese and save to stable bytes.

One style for every figure. :func:`setup_plotting` picks one CJK font for
matplotlib and word clouds: by default Noto Sans CJK SC shipped by the
pinned ``mplfonts`` package, so every machine that installs the project
draws with the same font; the environment variable ``CORPUS_UTILS_FONT``
(a path to a .ttf/.otf/.ttc file) overrides it. It also sets print sizes
(fonts of 7 pt and more), the Okabe–Ito colour cycle, perceptually uniform
sequential maps and a constrained layout, so every ``plot_*`` function
returns a figure exactly :data:`COLUMN_WIDTH` or :data:`PAGE_WIDTH` wide.

:func:`save_figure` writes PNG (300 dpi), SVG and PDF with no timestamps:

* SVG keeps text as ``<text>`` (a journal can edit the labels) and names the
  CJK font with fallbacks (:data:`SVG_FONT_FAMILIES`);
* PDF embeds subsets of the fonts as TrueType (CIDFontType2, ``FontFile2``),
  never Type 3. The packaged Noto Sans CJK SC has PostScript (CFF) outlines,
  which matplotlib would write, unconverted, into a TrueType slot; so while a
  PDF is written, each subset of a CFF font (only the glyphs the figure uses)
  is converted to TrueType outlines with fontTools (cubic to quadratic curves,
  within 1 font unit) before it is embedded (:func:`cff_to_truetype`).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from functools import lru_cache
from importlib import resources
from pathlib import Path

from corpus_utils.errors import FontError
from corpus_utils.paths import figures_dir, is_inside

FONT_ENV = "CORPUS_UTILS_FONT"
_DEFAULT_FONT = ("mplfonts", "fonts/NotoSansCJKsc-Regular.otf")
#: Raised as errors once plotting is set up: a missing glyph is a tofu box.
MISSING_GLYPH_WARNING = r"Glyph \d+ .*missing from"
#: A fixed salt keeps SVG element ids the same from run to run.
SVG_HASH_SALT = "corpus_utils"
#: The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"), safe for
#: the common colour-vision deficiencies; every figure draws from it.
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
#: Perceptually uniform sequential map for heat maps (readable in grey and by
#: readers with a colour-vision deficiency).
SEQUENTIAL_CMAP = "cividis"
#: Width of one journal column, in inches.
COLUMN_WIDTH = 3.5
#: Width of a full journal page (two columns), in inches.
PAGE_WIDTH = 7.0
#: The tallest figure that fits a page with its caption, in inches.
MAX_HEIGHT = 9.5
#: Resolution of the PNG files (print quality).
PNG_DPI = 300
#: Formats :func:`save_figure` writes unless told otherwise.
DEFAULT_FORMATS = ("png", "svg", "pdf")
#: Fonts an SVG asks for after the one the figure was drawn in, so an editor
#: without Noto Sans CJK SC still shows Chinese.
SVG_FONT_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "SimHei")
#: Font sizes in points: legible at print size (7 pt at least).
FONT_SIZES = {"font.size": 8.0, "axes.titlesize": 9.0, "axes.labelsize": 8.0, "xtick.labelsize": 7.5,
              "ytick.labelsize": 7.5, "legend.fontsize": 7.5, "legend.title_fontsize": 7.5,
              "figure.titlesize": 9.5}
#: What :func:`save_figure` always saves with, even before :func:`setup_plotting`.
SAVE_RC = {"savefig.dpi": PNG_DPI, "savefig.bbox": None, "svg.fonttype": "none", "svg.hashsalt": SVG_HASH_SALT,
           "pdf.fonttype": 42, "ps.fonttype": 42}
_METADATA = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None},
             "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None}}


def font_path() -> Path:
    """The CJK font file: ``$CORPUS_UTILS_FONT`` or the packaged Noto Sans CJK SC.

    Raises
    ------
    FontError
        The variable names a file that does not exist, or no font is installed.
    """
    override = os.environ.get(FONT_ENV)
    if override:
        path = Path(override)
        if not path.is_file():
            raise FontError(f"{FONT_ENV}={override}: no such font file; point it at a .ttf/.otf/.ttc CJK font "
                            f"or unset it to use the packaged Noto Sans CJK SC")
        return path
    package, name = _DEFAULT_FONT
    try:
        path = Path(str(resources.files(package) / name))
    except ModuleNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise FontError(f"no CJK font: the '{package}' package is not installed; run `make figures` "
                        f"(or `pip install {package}`), or set {FONT_ENV} to a CJK font file")
    return path


@lru_cache(maxsize=4)
def _register(path: str) -> str:
    from matplotlib import font_manager

    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path).get_name()


def setup_plotting(*, strict: bool = True) -> str:
    """Configure matplotlib for journal figures with Chinese text.

    Sets the CJK font first in the sans-serif list (then the
    :data:`SVG_FONT_FAMILIES` an SVG falls back to), print font sizes
    (:data:`FONT_SIZES`), the Okabe–Ito colour cycle, :data:`SEQUENTIAL_CMAP`
    for images, a constrained layout, a proper minus sign, a fixed SVG hash
    salt, SVG text kept as text, PNG at :data:`PNG_DPI` and PDF/PS fonts
    embedded as TrueType (Type 42), never Type 3. Figures are saved at their
    exact size (no tight bounding box), so a figure made
    :data:`PAGE_WIDTH` wide is that wide in print. With ``strict`` a
    missing-glyph warning becomes an error.

    Returns
    -------
    str
        The font family name in use.
    """
    import matplotlib as mpl
    from cycler import cycler

    family = _register(str(font_path()))
    mpl.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": list(dict.fromkeys([family, *SVG_FONT_FAMILIES])),
        **FONT_SIZES,
        "axes.unicode_minus": False,
        "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
        "axes.spines.top": False,
        "axes.spines.right": False,
        "image.cmap": SEQUENTIAL_CMAP,
        "figure.figsize": (PAGE_WIDTH, 4.3),
        "figure.dpi": 100,
        "figure.constrained_layout.use": True,
        "savefig.dpi": PNG_DPI,
        "savefig.bbox": None,
        "svg.hashsalt": SVG_HASH_SALT,
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
    })
    if strict:
        warnings.filterwarnings("error", message=MISSING_GLYPH_WARNING, category=UserWarning)
    return family


def fit_height(height: float) -> float:
    """``height`` in inches kept between 1.6 and :data:`MAX_HEIGHT`."""
    return round(min(max(height, 1.6), MAX_HEIGHT), 2)


def wrap_label(text: str, *, width: int) -> str:
    """``text`` on lines of at most ``width`` characters, never shortened.

    Lines are made as even as possible (no one-character last line); a line
    breaks after a space or a closing mark, or before an opening mark, when
    one falls in its second half, else after its length in characters; a line never begins with a
    closing mark (，。、 …) nor ends with an opening one (“ 《 …). Every character of ``text`` is kept (runs of
    spaces become one).

    Examples
    --------
    >>> print(wrap_label("坚持党的全面领导，推动高质量发展", width=10))
    坚持党的全面领导，
    推动高质量发展
    """
    flat = " ".join(str(text).split())
    n_lines = len(_wrapped(flat, width))
    for target in range(-(-len(flat) // n_lines), width + 1):
        lines = _wrapped(flat, target)
        if len(lines) == n_lines:
            return "\n".join(lines)
    return "\n".join(_wrapped(flat, width))


def _wrapped(text: str, width: int) -> list[str]:
    lines = []
    while len(text) > width:
        cut = _break_point(text, width)
        lines.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*lines, text]


#: Marks that may not begin a line (they close what comes before).
_NO_LINE_START = frozenset("，、；：。！？,;:)）》」』”’…")
#: Marks that may not end a line (they open what follows).
_NO_LINE_END = frozenset("“‘（(《「『【")


def _break_point(text: str, width: int) -> int:
    for i in range(width, width // 2, -1):
        if text[i - 1] == " " or text[i - 1] in _NO_LINE_START or text[i] in _NO_LINE_END:
            return i
    for i in range(width, 0, -1):
        if text[i] not in _NO_LINE_START and text[i - 1] not in _NO_LINE_END:
            return i
    return width


def draw_count_heatmap(ax, values, *, fontsize: float = 7.5, zeros: bool = True) -> None:
    """Draw a table of counts on ``ax``: a cell with a count is shaded on
    :data:`SEQUENTIAL_CMAP` (reversed, light for few; log scale), an empty
    cell stays white; every cell shows its count (a zero in grey, or
    nothing when ``zeros`` is false)."""
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.colors import LogNorm

    grid = np.asarray(values, dtype=float)
    top = max(float(grid.max()) if grid.size else 1.0, 2.0)
    norm = LogNorm(vmin=1, vmax=top * 1.6)
    cmap = colormaps[SEQUENTIAL_CMAP + "_r"].with_extremes(bad="white")
    ax.imshow(np.ma.masked_less(grid, 1), cmap=cmap, norm=norm, aspect="auto", interpolation="nearest")
    for (i, j), value in np.ndenumerate(grid):
        if not value and not zeros:
            continue
        dark = value >= 1 and norm(value) > 0.55
        ax.text(j, i, f"{value:g}", ha="center", va="center", fontsize=fontsize,
                color="white" if dark else ("black" if value else "#999999"))
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)


def empty_figure(message: str, *, title: str = ""):
    """A small figure, :data:`COLUMN_WIDTH` wide, that says there is nothing
    to draw (``message``), for a figure function given an empty table
    (message and title wrapped to fit)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH, 1.6), layout="constrained")
    ax.axis("off")
    ax.text(0.5, 0.5, wrap_label(message, width=48), ha="center", va="center")
    ax.set_title(wrap_label(title, width=48) if title else "")
    return fig


def save_figure(fig, name: str, *, directory: str | Path | None = None, formats: tuple[str, ...] = DEFAULT_FORMATS
                ) -> list[Path]:
    """Save ``fig`` as ``<folder>/<name>.<format>`` with stable bytes.

    Name figures after the notebook that makes them (``01_keyness``).
    PNG at :data:`PNG_DPI`, SVG with editable text, PDF with embedded
    TrueType font subsets (see the module notes). No creation date or
    software version is written into the files, so the same figure saved
    twice is byte-identical (the layout is fixed at the first save:
    :func:`freeze_layout`). The figure keeps its size: call
    :func:`setup_plotting` first and draw it :data:`COLUMN_WIDTH` or
    :data:`PAGE_WIDTH` wide.

    The folder, first rule that applies (:func:`corpus_utils.paths.figures_dir`):

    1. ``directory``, if given;
    2. ``$CORPUS_UTILS_FIGURES``, if set;
    3. ``$CORPUS_UTILS_HOME/figures``, if ``CORPUS_UTILS_HOME`` is set;
    4. this project's ``figures/``, only when the working directory is inside
       the project checkout (the notebooks run from ``notebooks/``);
    5. ``figures/`` in the working directory.

    The folder is created if needed.

    Returns
    -------
    list of pathlib.Path
        The files written, in the order of ``formats``: relative to the
        working directory when they lie below it, else absolute.
    """
    folder = Path(directory) if directory is not None else figures_dir()
    folder.mkdir(parents=True, exist_ok=True)
    import matplotlib as mpl

    written = []
    freeze_layout(fig)
    with mpl.rc_context(SAVE_RC):
        for fmt in formats:
            path = folder / f"{name}.{fmt}"
            with truetype_outlines_in_pdf() if fmt == "pdf" else nullcontext():
                fig.savefig(path, format=fmt, metadata=_METADATA.get(fmt, {}))
            written.append(relative_to_cwd(path))
    return written


def freeze_layout(fig) -> None:
    """Lay ``fig`` out once and keep that layout from now on.

    A layout engine re-run by every save starts from the positions the last
    run left and can land a rounding error apart, which changes the ids in
    an SVG; one layout for every format and every later save keeps the files
    byte-identical. The layout is computed at the PNG resolution
    (:data:`PNG_DPI`), where text is measured as it is saved. Afterwards the figure has no layout engine (a
    placeholder that keeps colour bars compatible).
    """
    from matplotlib.layout_engine import PlaceHolderLayoutEngine

    engine = fig.get_layout_engine()
    if engine is None or isinstance(engine, PlaceHolderLayoutEngine):
        return
    screen_dpi = fig.get_dpi()
    fig.set_dpi(PNG_DPI)  # lay out with the text extents of the saved resolution, so no label is clipped
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    fig.set_dpi(screen_dpi)


@contextmanager
def truetype_outlines_in_pdf() -> Iterator[None]:
    """While the block runs, the PDF backend embeds CFF font subsets as TrueType.

    matplotlib embeds a Type 42 font as a subset it serialises with
    ``matplotlib.backends._backend_pdf_ps.font_as_file``; this wraps that
    function so a subset with PostScript (CFF) outlines is first converted by
    :func:`cff_to_truetype`. Glyph order and metrics are kept, so the glyph
    ids and widths matplotlib wrote stay right. Not thread-safe: it swaps a
    module attribute for the duration of the block.
    """
    from matplotlib.backends import _backend_pdf_ps as pdf_ps

    original = pdf_ps.font_as_file

    def font_as_truetype_file(font):
        if "CFF " in font:
            cff_to_truetype(font)
        return original(font)

    pdf_ps.font_as_file = font_as_truetype_file
    try:
        yield
    finally:
        pdf_ps.font_as_file = original


def cff_to_truetype(font, *, max_error: float = 1.0) -> None:
    """Convert a :class:`fontTools.ttLib.TTFont` with CFF outlines to
    TrueType (``glyf``) outlines in place.

    Cubic curves become quadratic within ``max_error`` font units (the
    fontTools ``otf2ttf`` recipe); glyph order, advance widths and names are
    kept; hinting is dropped (print does not need it).
    """
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_error, reverse_direction=True))
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        glyf.glyphs[name] = glyph
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        hmtx[name] = (hmtx[name][0], getattr(glyph, "xMin", 0))
    font["maxp"] = _truetype_maxp(font, len(order))
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\x00\x01\x00\x00"


def _truetype_maxp(font, n_glyphs: int):
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = n_glyphs
    maxp.maxZones = 1
    for field in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 0)
    font["maxp"] = maxp
    maxp.recalc(font)
    return maxp


def relative_to_cwd(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it, else absolute."""
    absolute = path.resolve()
    here = Path.cwd().resolve()
    return absolute.relative_to(here) if is_inside(absolute, here) else absolute
