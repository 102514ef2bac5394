"""Renders are byte-stable: re-executing a notebook as `make figures` does
gives the committed notebook file and figures byte for byte, and nothing
committed holds a path of this machine."""

import re
import shutil

import nbformat
import pytest
from conftest import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "00_corpus_overview.ipynb"
FIGURES = ("00_cleaning_rules", "00_lengths", "00_composition")


def _execute(path, workdir):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, kernel_name="python3", record_timing=False, timeout=600,
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return nbformat.writes(notebook) + "\n"  # as nbconvert writes it


def _without_python_version(text: str) -> str:
    return re.sub(r'("name": "python",\n\s*"nbconvert_exporter".*?"version": )"[0-9.]+"', r'\1"X"', text, flags=re.S)


def test_notebook_and_figures_are_byte_identical(tmp_path, monkeypatch):
    figures = tmp_path / "figures"
    monkeypatch.setenv("CORPUS_UTILS_FIGURES", str(figures))
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    first = _execute(NOTEBOOK, ROOT / "notebooks")
    first_figures = {p.name: p.read_bytes() for p in sorted(figures.iterdir())}
    shutil.rmtree(figures)
    second = _execute(NOTEBOOK, ROOT / "notebooks")
    assert first == second
    assert {p.name: p.read_bytes() for p in sorted(figures.iterdir())} == first_figures
    committed = NOTEBOOK.read_text(encoding="utf-8")
    # the interpreter's patch version is recorded in the notebook; it is the
    # one field that may legitimately differ on another machine
    assert _without_python_version(first) == _without_python_version(committed), \
        "run `make figures` and commit the notebook"
    for name in FIGURES:
        for suffix in (".png", ".svg"):
            assert first_figures[name + suffix] == (ROOT / "figures" / (name + suffix)).read_bytes(), name + suffix


@pytest.mark.parametrize("path", sorted((ROOT / "figures").glob("*.svg")) + sorted((ROOT / "notebooks").glob("*.ipynb")),
                         ids=lambda p: p.name)
def test_no_machine_paths_in_committed_outputs(path):
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"(/home/|/root/|/tmp/|/work/|/Users/|[A-Z]:\\\\)", text)
    assert "<dc:date>" not in text
