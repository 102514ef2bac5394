"""The lesson website (``make book``) works in a real browser.

The site is built once into a temporary folder with the Makefile's own
command (``make book BOOK_OUT=…``), served with ``http.server`` on a free
loopback port, and every page is opened in headless chromium with every
request off the loopback refused, as if offline. On every page: each local
link answers 200 and its anchor exists, each image is drawn, no script fails,
and nothing was fetched from the web. On the notebook pages: the Binder and
Colab buttons point at the repository of CITATION.cff, and cells tagged
``hide-cell``/``hide-input``/``hide-output`` are folded behind a toggle. The
landing page and notebook 02 are opened again from ``file://`` and
photographed.

Chinese is checked two ways on notebook 02, in chromium's own terms:

* the DevTools call ``CSS.getPlatformFontsForNode`` names the fonts chromium
  actually used to draw a paragraph's text and how many glyphs each drew; the
  Han characters must have been drawn by a CJK font (Noto Sans CJK here);
* three different characters drawn on a canvas in the paragraph's font give
  three different, non-blank pictures. Missing glyphs ("tofu") are all the
  same box, so tofu fails this whatever font a machine falls back to.

``document.fonts.check`` is not used: it answers true for any locally
installed or unknown font that needs no loading, so it cannot see tofu.

Skipped without ``/usr/bin/chromium`` or Playwright, unless
``CORPUS_UTILS_REQUIRE_BROWSER=1`` (see lab.py).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import lab
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
BUILD_SECONDS = 240
PAGE_MS = 60_000
HIDE_TAGS = ("hide-cell", "hide-input", "hide-output")
HAN = re.compile(r"[\u4e00-\u9fff]")
#: Font families that carry Chinese glyphs (the CSS asks for these, in this order).
CJK_FONT = re.compile(r"CJK|Source Han|PingFang|Hiragino Sans GB|YaHei|WenQuanYi|Droid Sans Fallback", re.I)

#: Every link, image and script error of the page; images are first made to load now (not lazily).
PAGE_FACTS = """async () => {
  const images = Array.from(document.images);
  images.forEach(img => { img.loading = "eager"; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return {
    links: Array.from(document.querySelectorAll("a[href]"), a => a.href),
    images: images.map(img => ({src: img.currentSrc || img.src, width: img.naturalWidth})),
  };
}"""

#: Marks the first element of the article whose own text holds 8+ Han characters; returns that text.
MARK_CHINESE = """() => {
  const han = /[\\u4e00-\\u9fff]/g;
  for (const el of document.querySelectorAll("article p, article li, article td")) {
    const own = Array.from(el.childNodes).filter(n => n.nodeType === 3).map(n => n.data).join("");
    if ((own.match(han) || []).length >= 8) { el.setAttribute("data-cjk-probe", ""); return own; }
  }
  return null;
}"""

#: The probe's font drawn on a canvas: one picture (as a data URL) per character, and whether it has ink.
DRAW_GLYPHS = """async (chars) => {
  await document.fonts.ready;
  const style = getComputedStyle(document.querySelector("[data-cjk-probe]"));
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 64;
  const ctx = canvas.getContext("2d");
  return chars.map(ch => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = `48px ${style.fontFamily}`;
    ctx.textBaseline = "top";
    ctx.fillText(ch, 4, 4);
    const ink = ctx.getImageData(0, 0, 64, 64).data.some((v, i) => i % 4 === 3 && v > 0);
    return {picture: canvas.toDataURL(), ink};
  });
}"""


# --- fixtures: the built site, its server and the browser ------------------------------------------

@pytest.fixture(scope="module")
def chromium_path() -> Path:
    """Debian's chromium, or a skip (a failure under CORPUS_UTILS_REQUIRE_BROWSER=1)."""
    return lab.chromium_or_skip()


@pytest.fixture(scope="module")
def site(tmp_path_factory, chromium_path) -> Path:
    """The site's HTML folder, built by ``make book`` into a temporary folder
    with this interpreter's environment (the venv is not reinstalled)."""
    out = tmp_path_factory.mktemp("book")
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "book",
               f"BOOK_OUT={out}", f"BIN={Path(sys.executable).parent}"]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=BUILD_SECONDS, check=False)
    assert done.returncode == 0, f"make book failed:\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
    assert "WARNING" not in done.stdout + done.stderr, done.stdout + done.stderr
    return out / "_build" / "html"


@pytest.fixture(scope="module")
def server(site):
    served = lab.FolderServer(site)
    try:
        yield served
    finally:
        served.stop()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(chromium_path), args=lab.CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


class OfflinePage:
    """A page whose requests off the loopback and off ``file://`` are refused
    (and listed in ``refused``), and whose script errors are listed in ``errors``."""

    def __init__(self, browser) -> None:
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1300, "height": 900})
        self.context.route(re.compile(r"^(?!file:|http://127\.0\.0\.1:)"), self.refuse)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda err: self.errors.append(f"{self.page.url}: {err}"))

    def refuse(self, route) -> None:
        self.refused.append(route.request.url)
        route.abort()

    def open(self, url: str) -> dict:
        """Go to ``url`` (and on to where a redirect page sends it); its links and images (:data:`PAGE_FACTS`)."""
        self.page.goto(url, wait_until="load", timeout=PAGE_MS)
        refresh = self.page.locator('meta[http-equiv="Refresh" i]')
        if refresh.count():
            target = refresh.get_attribute("content").split("url=", 1)[1].strip()
            self.page.wait_for_url(urllib.parse.urljoin(url, target), wait_until="load", timeout=PAGE_MS)
        return self.page.evaluate(PAGE_FACTS)


@pytest.fixture
def offline(browser):
    opened = OfflinePage(browser)
    try:
        yield opened
    finally:
        opened.context.close()


# --- what the site should contain --------------------------------------------------------------------

def pages(site: Path) -> list[str]:
    """Every HTML page of the site, as a path relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not {"_static", "_sources"} & set(p.relative_to(site).parts))


def repository() -> str:
    """The ``repository-code`` of CITATION.cff, as ``OWNER/NAME``."""
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    return urllib.parse.urlsplit(citation["repository-code"]).path.strip("/")


def hidden_cells(notebook: Path) -> dict[str, int]:
    """How many code cells of the notebook carry each ``hide-*`` tag."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    tags = [tag for cell in cells for tag in cell.get("metadata", {}).get("tags", [])]
    return {tag: tags.count(tag) for tag in HIDE_TAGS}


class Anchors(HTMLParser):
    """The ``id`` and ``name`` values of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.found: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.found.update(value for key, value in attrs if key in ("id", "name") and value)


def anchors(site: Path, page: str, cache: dict[str, set[str]]) -> set[str]:
    if page not in cache:
        parser = Anchors()
        parser.feed((site / page).read_text(encoding="utf-8"))
        cache[page] = parser.found
    return cache[page]


def broken_links(site: Path, server, page: str, links: list[str], cache: dict) -> list[str]:
    """The local links of ``page`` whose page does not answer 200 or whose anchor is missing."""
    broken = []
    for link in sorted(set(links)):
        parts = urllib.parse.urlsplit(link)
        if not link.startswith(server.url):
            continue
        target = urllib.parse.unquote(parts.path).lstrip("/") or "index.html"
        if server.status(f"{server.url}{parts.path}") != 200:
            broken.append(f"{page} → {link} (HTTP)")
        elif parts.fragment and target.endswith(".html") and \
                urllib.parse.unquote(parts.fragment) not in anchors(site, target, cache):
            broken.append(f"{page} → {link} (no anchor)")
    return broken


def broken_images(server, page: str, images: list[dict]) -> list[str]:
    """The images of ``page`` that were not drawn, or whose local file does not answer 200."""
    broken = [f"{page}: {img['src']} (not drawn)" for img in images if img["width"] <= 0]
    return broken + [f"{page}: {img['src']} (HTTP)" for img in images
                     if img["src"].startswith(server.url) and server.status(img["src"]) != 200]


# --- the tests ---------------------------------------------------------------------------------------

def test_every_page_opens_offline_with_working_links_and_images(site, server, offline):
    found = pages(site)
    assert {"book/intro.html", "book/reference.html", "index.html"} <= set(found)
    assert sum(p.startswith("notebooks/") for p in found) == len(list((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
    cache: dict[str, set[str]] = {}
    links, images, drawn = [], [], 0
    for page in found:
        facts = offline.open(f"{server.url}/{page}")
        links += broken_links(site, server, page, facts["links"], cache)
        images += broken_images(server, page, facts["images"])
        drawn += sum(img["width"] > 0 for img in facts["images"] if page.startswith("notebooks/"))
    assert not links, "\n".join(links)
    assert not images, "\n".join(images)
    assert drawn >= 6, "the notebook pages show fewer figures than there are notebooks"
    assert offline.page.url.startswith(server.url)
    assert not offline.errors, "\n".join(offline.errors)
    assert not offline.refused, "pages fetch from the web:\n" + "\n".join(sorted(set(offline.refused)))


def test_the_landing_page_redirects_and_links_every_lesson(server, offline):
    offline.open(f"{server.url}/index.html")
    offline.page.wait_for_url(re.compile(r"book/intro\.html$"), timeout=PAGE_MS)
    lessons = offline.page.locator("article table a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    expected = [f"../notebooks/{p.stem}.html" for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]
    assert lessons == expected
    launch = offline.page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    owner_name = repository()
    assert f"https://mybinder.org/v2/gh/{owner_name}/main?urlpath=lab/tree/notebooks" in launch
    assert f"https://colab.research.google.com/github/{owner_name}/blob/main/notebooks/00_corpus_overview.ipynb" in launch


@pytest.mark.parametrize("notebook", sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")), ids=lambda p: p.stem)
def test_a_notebook_page_has_launch_buttons_and_folded_cells(notebook, server, offline):
    offline.open(f"{server.url}/notebooks/{notebook.stem}.html")
    path = f"notebooks/{notebook.name}"
    owner_name = repository()
    binder = offline.page.locator('a[href^="https://mybinder.org/"]').get_attribute("href")
    colab = offline.page.locator('a[href^="https://colab.research.google.com/"]').get_attribute("href")
    assert binder == f"https://mybinder.org/v2/gh/{owner_name}/main?urlpath=lab/tree/{path}"
    assert colab == f"https://colab.research.google.com/github/{owner_name}/blob/main/{path}"
    for tag, count in hidden_cells(notebook).items():
        folded = offline.page.locator(f"div.cell.tag_{tag} > details.hide")
        assert folded.count() == count, tag
        for i in range(count):
            toggle = folded.nth(i)
            assert toggle.get_attribute("open") is None
            toggle.locator("summary").click()
            assert toggle.get_attribute("open") is not None


def test_chinese_is_drawn_with_a_cjk_font(server, offline):
    offline.open(f"{server.url}/notebooks/02_slogan_comparison.html")
    text = offline.page.evaluate(MARK_CHINESE)
    assert text, "notebook 02 shows no paragraph of Chinese"
    cdp = offline.context.new_cdp_session(offline.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "[data-cjk-probe]"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cjk_glyphs = sum(font["glyphCount"] for font in fonts if CJK_FONT.search(font["familyName"]))
    assert cjk_glyphs >= len(HAN.findall(text)), fonts
    drawn = offline.page.evaluate(DRAW_GLYPHS, ["中", "国", "党"])
    assert all(glyph["ink"] for glyph in drawn)
    assert len({glyph["picture"] for glyph in drawn}) == 3, "the three characters are drawn alike: missing glyphs"


def test_the_site_reads_from_file_and_is_photographed(site, offline, tmp_path):
    for name, page in (("landing", "book/intro.html"), ("notebook_02", "notebooks/02_slogan_comparison.html")):
        facts = offline.open((site / page).as_uri())
        local = {urllib.parse.urlsplit(link).path for link in facts["links"] if link.startswith("file:")}
        missing = sorted(p for p in local if not Path(urllib.parse.unquote(p)).exists())
        assert not missing, missing
        assert all(img["width"] > 0 for img in facts["images"])
        font = offline.page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "Noto Sans CJK SC" in font, "the site's stylesheet did not load"
        shot = tmp_path / f"{name}.png"
        offline.page.screenshot(path=str(shot), full_page=True)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not offline.refused and not offline.errors
