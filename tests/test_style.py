"""The code base keeps to its own rules: ruff-clean (notebooks included)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean_on_code_and_notebooks():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "corpus_utils", "tests", "benchmarks", "validation",
                             "notebooks"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
