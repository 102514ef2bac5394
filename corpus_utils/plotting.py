"""Figures that render Chinese and save to stable bytes.

:func:`setup_plotting` picks one CJK font for matplotlib and word clouds:
by default Noto Sans CJK SC shipped by the pinned ``mplfonts`` package, so
every machine that installs the project draws with the same font; the
environment variable ``CORPUS_UTILS_FONT`` (a path to a .ttf/.otf/.ttc file)
overrides it. :func:`save_figure` writes PNG and SVG with no timestamps.
"""

from __future__ import annotations

import os
import warnings
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
    """Configure matplotlib for publication figures with Chinese text.

    Sets the CJK font as the default family, a proper minus sign, a fixed SVG
    hash salt and SVG text as paths (figures look the same without the
    font). With ``strict`` a missing-glyph warning becomes an error.

    Returns
    -------
    str
        The font family name in use.
    """
    import matplotlib as mpl

    family = _register(str(font_path()))
    mpl.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [family],
        "axes.unicode_minus": False,
        "svg.hashsalt": SVG_HASH_SALT,
        "svg.fonttype": "path",
        "figure.dpi": 100,
        "savefig.dpi": 150,
        "savefig.bbox": "tight",
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    if strict:
        warnings.filterwarnings("error", message=MISSING_GLYPH_WARNING, category=UserWarning)
    return family


def empty_figure(message: str, *, title: str = ""):
    """A small figure that says there is nothing to draw (``message``),
    for a figure function given an empty table."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 2), layout="constrained")
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")
    ax.set_title(title)
    return fig


def save_figure(fig, name: str, *, directory: str | Path | None = None, formats: tuple[str, ...] = ("png", "svg")
                ) -> list[Path]:
    """Save ``fig`` as ``<folder>/<name>.<format>`` with stable bytes.

    Name figures after the notebook that makes them (``01_keyness``).
    No creation date or software version is written into the files, so the
    same figure saved twice is byte-identical.

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
    written = []
    metadata = {"png": {"Software": None}, "svg": {"Date": None, "Creator": None}}
    for fmt in formats:
        path = folder / f"{name}.{fmt}"
        fig.savefig(path, format=fmt, metadata=metadata.get(fmt, {}))
        written.append(relative_to_cwd(path))
    return written


def relative_to_cwd(path: Path) -> Path:
    """``path`` relative to the working directory when it lies below it, else absolute."""
    absolute = path.resolve()
    here = Path.cwd().resolve()
    return absolute.relative_to(here) if is_inside(absolute, here) else absolute
