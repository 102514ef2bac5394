"""The explorer works in a real JupyterLab, in a real browser: a notebook that
calls ``cu.explore(cu.load_corpus())`` is run in JupyterLab, a query is typed
in the widget, and the summary line it shows matches the concordance computed
here. The server and browser are in tests/browser/lab.py."""

from __future__ import annotations

import re
from pathlib import Path

import lab
import pytest

import corpus_utils as cu
from corpus_utils.terms.concordance import concordance

QUERY = "党建"
#: Playwright waits, in milliseconds: loading JupyterLab, starting the kernel and
#: importing the package, then one search (the first builds the segmenter).
LOAD_MS, KERNEL_MS, SEARCH_MS = 60_000, 90_000, 60_000
#: How long the widget may follow a stderr output (a warning) before the test fails.
STDERR_GRACE_MS = 20_000
#: A cell's stderr output in JupyterLab (a traceback, a warning).
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'
SUMMARY = re.compile(r"^(\d+) hits? in (\d+) of (\d+) documents?$")


# --- fixtures: the server and the browser, stopped at teardown ---------------------------------------

@pytest.fixture
def chromium_path() -> Path:
    """Debian's chromium, or a skip (a failure under CORPUS_UTILS_REQUIRE_BROWSER=1)."""
    return lab.chromium_or_skip()


@pytest.fixture
def lab_server(tmp_path_factory, chromium_path) -> lab.LabServer:
    """A JupyterLab server whose root folder is an empty temporary folder
    (write the notebook into ``server.root``); stopped at teardown."""
    server = lab.LabServer(tmp_path_factory.mktemp("lab_root"), tmp_path_factory.mktemp("lab_home"))
    try:
        server.wait_until_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture
def write_notebook():
    """``write_notebook(path, sources)``: a notebook of code cells (no outputs) using the ``python3`` kernel."""
    return lab.write_notebook_file


@pytest.fixture
def page(chromium_path):
    """A Playwright page in headless chromium; browser closed at teardown."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium_path), args=lab.CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            yield context.new_page()
        finally:
            browser.close()


def explore_cells() -> list[str]:
    """The notebook's cells: ``cu.explore`` of the default corpus (the seeds)."""
    return ["import corpus_utils as cu", "cu.explore(cu.load_corpus())"]


def run_all_cells(page) -> None:
    """Run → Run All Cells, through JupyterLab's menu bar."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu .lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()


def search_in_browser(page, server, query: str) -> str:
    """Open the notebook, run it, type ``query`` in the explorer and press
    Enter; the summary line it shows."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout  # imported once chromium_path found it

    page.goto(server.notebook_url("explore.ipynb"), timeout=LOAD_MS)
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=LOAD_MS)
    # Run All before the kernel is connected does nothing, or opens the "Select Kernel" dialog.
    server.wait_for_connected_kernel(KERNEL_MS / 1000)
    page.locator('.jp-NotebookPanel .jp-Notebook-ExecutionIndicator[data-status="idle"]').wait_for(timeout=KERNEL_MS)
    run_all_cells(page)
    box = page.locator(".cu-explorer-query input")
    box.or_(page.locator(ERROR_OUTPUT)).first.wait_for(timeout=KERNEL_MS)
    if not box.count():  # stderr came first: a traceback, or a warning before the widget
        try:
            box.wait_for(timeout=STDERR_GRACE_MS)
        except PlaywrightTimeout:
            pytest.fail("the notebook shows no explorer, but:\n" + "\n".join(page.locator(ERROR_OUTPUT).all_inner_texts()))
    box.fill(query)
    box.press("Enter")
    summary = page.locator(f'.cu-explorer-summary[data-query="{query}"]')
    summary.wait_for(timeout=SEARCH_MS)
    return summary.inner_text().strip()


def test_a_query_typed_in_jupyterlab_shows_the_concordance_counts(lab_server, page, write_notebook, tmp_path):
    write_notebook(lab_server.root / "explore.ipynb", explore_cells())
    corpus = cu.load_corpus()
    lines = concordance(corpus, QUERY)
    expected = (len(lines), lines["doc_id"].nunique(), len(corpus))
    screenshot = tmp_path / "explorer.png"
    try:
        shown = search_in_browser(page, lab_server, QUERY)
        rows = page.locator(".cu-kwic tr").count()
        page.locator(".cu-explorer-tabs .lm-TabBar-tab", has_text="Distribution").click()
        page.locator("img.cu-explorer-plot").wait_for(timeout=SEARCH_MS)
    except Exception as err:  # keep the evidence: what the page showed and what the server logged
        page.screenshot(path=str(screenshot), full_page=True)
        pytest.fail(f"{type(err).__name__}: {err}\nscreenshot: {screenshot}\nserver log:\n{lab_server.log_tail()}")
    page.screenshot(path=str(screenshot), full_page=True)
    found = SUMMARY.match(shown)
    assert found, f"summary {shown!r} is not 'N hits in M of K documents'"
    assert tuple(int(n) for n in found.groups()) == expected
    assert rows == min(expected[0], 200)
    assert expected[0] > 0 and screenshot.stat().st_size > 0
