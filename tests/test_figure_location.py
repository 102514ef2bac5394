"""save_figure writes where the user says, never into this project's figures/ from another folder."""

import hashlib
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pytest
from conftest import ROOT

from corpus_utils.paths import figures_dir
from corpus_utils.plotting import save_figure, setup_plotting

NAME = "zz_test_figure_location"


@pytest.fixture()
def figure():
    setup_plotting()
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.bar(["党建", "数字化"], [3, 5])
    yield fig
    plt.close(fig)


@pytest.fixture()
def clean_env(monkeypatch):
    monkeypatch.delenv("CORPUS_UTILS_FIGURES", raising=False)
    monkeypatch.delenv("CORPUS_UTILS_HOME", raising=False)
    return monkeypatch


def _project_files():
    return sorted(p.name for p in (ROOT / "figures").glob(f"{NAME}*"))


def test_directory_given_wins_over_everything(figure, clean_env, tmp_path):
    clean_env.setenv("CORPUS_UTILS_FIGURES", str(tmp_path / "env"))
    clean_env.chdir(tmp_path)
    written = save_figure(figure, NAME, directory=tmp_path / "mine")
    assert written == [Path("mine") / f"{NAME}.{fmt}" for fmt in ("png", "svg", "pdf")]
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == [f"{NAME}.pdf", f"{NAME}.png", f"{NAME}.svg"]
    assert not (tmp_path / "env").exists() and not (tmp_path / "figures").exists()


def test_environment_variable_names_the_folder(figure, clean_env, tmp_path):
    target = tmp_path / "env_figures"
    clean_env.setenv("CORPUS_UTILS_FIGURES", str(target))
    clean_env.chdir(ROOT / "notebooks")
    assert figures_dir() == target
    written = save_figure(figure, NAME, formats=("png",))
    assert written == [target / f"{NAME}.png"]  # outside the working directory: absolute
    assert [p.name for p in target.iterdir()] == [f"{NAME}.png"]
    assert _project_files() == []


def test_home_variable_names_the_project(figure, clean_env, tmp_path):
    clean_env.setenv("CORPUS_UTILS_HOME", str(tmp_path / "project"))
    clean_env.chdir(tmp_path)
    assert figures_dir() == tmp_path / "project" / "figures"
    written = save_figure(figure, NAME, formats=("svg",))
    assert written == [Path("project") / "figures" / f"{NAME}.svg"]
    assert (tmp_path / "project" / "figures" / f"{NAME}.svg").is_file()
    assert _project_files() == []


def test_inside_the_checkout_figures_go_to_its_figures_folder(figure, clean_env):
    clean_env.chdir(ROOT / "notebooks")
    assert figures_dir() == ROOT / "figures"
    try:
        written = save_figure(figure, NAME, formats=("png",))
        assert written == [(ROOT / "figures" / f"{NAME}.png").resolve()]
        assert _project_files() == [f"{NAME}.png"]
        assert not (ROOT / "notebooks" / "figures").exists()
    finally:
        for path in (ROOT / "figures").glob(f"{NAME}*"):
            path.unlink()
    clean_env.chdir(ROOT)
    assert figures_dir() == ROOT / "figures"


def test_outside_the_checkout_figures_go_to_the_working_directory(figure, clean_env, tmp_path):
    clean_env.chdir(tmp_path)
    assert figures_dir() == tmp_path / "figures"
    written = save_figure(figure, NAME)
    assert written == [Path("figures") / f"{NAME}.{fmt}" for fmt in ("png", "svg", "pdf")]
    assert sorted(p.name for p in (tmp_path / "figures").iterdir()) == [f"{NAME}.pdf", f"{NAME}.png", f"{NAME}.svg"]
    assert _project_files() == []


def test_same_figure_saved_twice_is_byte_identical(figure, clean_env, tmp_path):
    clean_env.chdir(tmp_path)
    first = [hashlib.sha256(p.read_bytes()).hexdigest() for p in save_figure(figure, NAME)]
    second = [hashlib.sha256(p.read_bytes()).hexdigest() for p in save_figure(figure, NAME)]
    assert first == second and len(first) == 3
