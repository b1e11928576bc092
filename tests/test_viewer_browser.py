"""The provenance viewer in a real browser (issue 15): Playwright drives headless Chromium (Debian's
`chromium`, installed by .ci/run as Tesseract is) against Datasette on a free local port, over a
store of the corpus and one real PDF: a resolution's source page has its highlight over the
resolution's words, and the meeting page links every record to its source.

Skipped with the reason when Chromium, Playwright, Datasette or the real documents are absent.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from extract.batch.ingest import run_ingest
from tests.helpers import CORPUS, ROOT
from tests.test_realdocs_minutes import REALDOCS
from tests.test_viewer import occurrences, opening, pdf_rows

CHROMIUM = Path("/usr/bin/chromium")
REAL_PDF = REALDOCS / "kent_cabinet_2025-01-09_minutes.pdf"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
START_SECONDS = 30  # Datasette starting on a shared machine

pytestmark = [
    pytest.mark.skipif(not CHROMIUM.is_file(), reason="Chromium is not installed (apt-get install chromium)"),
    pytest.mark.skipif(not REAL_PDF.is_file(), reason=f"{REAL_PDF.name} is not in ../shared/realdocs"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytest.importorskip("datasette", reason="Datasette is not installed (pip install 'minutebook[browse]')")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Datasette over a store of the corpus and one real PDF, on a free port: (base URL, store folder)."""
    papers = tmp_path_factory.mktemp("papers")
    for paper in CORPUS.glob("*.txt"):
        shutil.copy(paper, papers / paper.name)
    shutil.copy(REAL_PDF, papers / REAL_PDF.name)
    out = tmp_path_factory.mktemp("store")
    run_ingest([papers], out)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", str(out / "minutebook.sqlite"), "-m",
                               str(ROOT / "schemas" / "datasette-metadata.json"), "-p", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            try:
                urllib.request.urlopen(base + "/-/plugins.json", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail("Datasette did not start")
                time.sleep(0.3)
        yield base, out, papers
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


def test_a_resolution_opens_on_its_page_with_its_words_highlighted(served, browser, tmp_path):
    base, out, papers = served
    row = next(r for r in pdf_rows(out, "resolutions") if len(r["text"].split()) >= 6)
    page = browser.new_page(viewport={"width": 1100, "height": 1400})
    page.goto(f"{base}/minutebook/resolutions?id={row['id']}")
    page.click("a[href*='/-/minutebook/source']")  # the "source" link on the resolution's row
    page.wait_for_selector(".page img")
    page.wait_for_function("document.querySelector('.page img').complete")
    assert row["text"].split()[0] in page.inner_text("#verbatim")
    image = page.locator(".page img").first.bounding_box()
    sheet = page.locator(".page").first
    width, height = float(sheet.get_attribute("data-width")), float(sheet.get_attribute("data-height"))
    shown = [page.locator(".highlight").nth(n).bounding_box() for n in range(page.locator(".highlight").count())]
    assert shown
    places = occurrences(papers / REAL_PDF.name, row["page"], opening(row["text"]))

    def on_screen(char):  # a character's centre, in the browser's pixels
        return (image["x"] + (char.left + char.right) / 2 * image["width"] / width,
                image["y"] + (char.top + char.bottom) / 2 * image["height"] / height)

    def inside(point, box):
        return box["x"] <= point[0] <= box["x"] + box["width"] and box["y"] <= point[1] <= box["y"] + box["height"]

    assert any(all(any(inside(on_screen(c), box) for box in shown) for c in chars) for chars in places)
    page.screenshot(path=str(tmp_path / "source-page.png"), full_page=True)
    assert (tmp_path / "source-page.png").stat().st_size > 10_000

    page.click("a:text-is('the meeting')")
    page.wait_for_selector("h2:text-is('Items')")
    assert "Cabinet" in page.inner_text("h1")
    links = page.locator("a.src")
    assert links.count() >= len(pdf_rows(out, "resolutions"))
    assert row["text"].split("\n")[0][:40] in page.inner_text("body").replace("\n", " ")
    page.screenshot(path=str(tmp_path / "meeting-page.png"), full_page=True)


def test_a_moved_source_is_a_clear_message_not_a_server_error(served, browser):
    base, out, papers = served
    row = next(r for r in pdf_rows(out, "votes") + pdf_rows(out, "resolutions"))
    moved = papers / REAL_PDF.name
    moved.rename(moved.with_suffix(".moved"))
    try:
        page = browser.new_page()
        response = page.goto(f"{base}/-/minutebook/source?db=minutebook&table=resolutions&id={row['id']}")
        assert response.status == 200  # the record is there; its source is said to be gone
        assert "not where it was read" in page.inner_text(".problem")
    finally:
        moved.with_suffix(".moved").rename(moved)
