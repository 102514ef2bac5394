"""The code base keeps to its own rules: ruff-clean (notebooks included), no function above cyclomatic
complexity 15 (radon)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ruff_is_clean_on_code_and_notebooks():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "corpus_utils", "tests", "benchmarks", "validation",
                             "notebooks"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def _blocks(blocks):
    """Functions, methods and closures, flattened."""
    for block in blocks:
        yield block
        yield from _blocks(getattr(block, "methods", []))
        yield from _blocks(getattr(block, "closures", []))


def test_no_function_is_too_branchy():
    """radon: every function, method and closure of the package has cyclomatic complexity 15 or less."""
    from radon.complexity import cc_visit

    too_branchy = [f"{path.relative_to(ROOT)}:{block.lineno} {block.name} ({block.complexity})"
                   for path in sorted((ROOT / "corpus_utils").rglob("*.py"))
                   for block in _blocks(cc_visit(path.read_text(encoding="utf-8"))) if block.complexity > 15]
    assert too_branchy == []
