"""Notebooks are committed executed top to bottom, with clean outputs.

nbval (strict, run by pytest on notebooks/) checks that re-executing them
reproduces the stored outputs; these tests check how they were stored.
"""

import json
import re

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MACHINE_PATHS = re.compile(r"(/home/|/root/|/tmp/|/work/|[A-Z]:\\\\Users)")


def _code_cells(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in notebook["cells"] if c["cell_type"] == "code" and "".join(c["source"]).strip()]


def test_there_are_notebooks():
    assert [p.name[:2] for p in NOTEBOOKS][:1] == ["00"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom(path):
    counts = [c["execution_count"] for c in _code_cells(path)]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_are_clean(path):
    for cell in _code_cells(path):
        for output in cell["outputs"]:
            assert output["output_type"] != "error"
            assert not (output["output_type"] == "stream" and output["name"] == "stderr"), output["text"]
            text = "".join(output.get("text", "")) + json.dumps(output.get("data", {}).get("text/plain", ""))
            assert not MACHINE_PATHS.search(text), text[:200]
            assert "Glyph" not in text and "Building prefix dict" not in text
        assert "execution" not in cell.get("metadata", {})


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_saved_figure_exists(path):
    source = "".join("".join(c["source"]) for c in _code_cells(path))
    calls = re.findall(r"save_figure\([^,]+,\s*\"([^\"]+)\"(.*)\)", source)
    assert calls
    for name, options in calls:
        formats = re.findall(r"\"(png|svg|pdf)\"", options) or ["png", "svg", "pdf"]
        for fmt in formats:
            assert (ROOT / "figures" / f"{name}.{fmt}").is_file(), f"{name}.{fmt}"
