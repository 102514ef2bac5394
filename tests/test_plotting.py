import hashlib
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest

from corpus_utils import FontError
from corpus_utils.plotting import font_path, save_figure, setup_plotting


def test_default_font_is_the_packaged_noto_cjk():
    assert font_path().name == "NotoSansCJKsc-Regular.otf"
    assert setup_plotting() == "Noto Sans CJK SC"


def test_chinese_renders_without_missing_glyphs(tmp_path):
    setup_plotting()
    fig, ax = plt.subplots()
    ax.set_title("高质量发展 黨員 數字化")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        save_figure(fig, "cjk", directory=tmp_path)
    plt.close(fig)


def test_missing_glyph_is_an_error_after_setup(tmp_path, monkeypatch):
    setup_plotting()
    fig, ax = plt.subplots()
    ax.set_title("高质量发展", fontfamily="DejaVu Sans")
    with pytest.raises(UserWarning, match="missing from"):
        fig.savefig(tmp_path / "tofu.png")
    plt.close(fig)


def test_saved_figures_have_stable_bytes(tmp_path):
    setup_plotting()
    fig, ax = plt.subplots()
    ax.bar(["党建", "数字化"], [3, 5])
    first = [hashlib.sha256(p.read_bytes()).hexdigest() for p in save_figure(fig, "a", directory=tmp_path)]
    second = [hashlib.sha256(p.read_bytes()).hexdigest() for p in save_figure(fig, "a", directory=tmp_path)]
    plt.close(fig)
    assert first == second
    svg = (tmp_path / "a.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and str(tmp_path) not in svg


def test_font_override_and_clear_error(monkeypatch, tmp_path):
    monkeypatch.setenv("CORPUS_UTILS_FONT", str(font_path()))
    assert font_path().name == "NotoSansCJKsc-Regular.otf"
    monkeypatch.setenv("CORPUS_UTILS_FONT", str(tmp_path / "none.otf"))
    with pytest.raises(FontError, match="no such font file"):
        font_path()
