"""The provenance viewer's pieces (issue 15): a record's words found and boxed on its PDF page, the
lines of a text source marked, a moved or changed file said plainly, `minutebook show --png`.

The PDF is a seed's minutes printed at test time (tests/test_pdf.py's render), so its text layer
is real and its pages break where a printed pack's do.
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3

import pytest

from extract.batch.ingest import run_ingest
from extract.storing.store import STORE_NAME
from extract.viewing.boxes import Box, find_span, word_boxes
from extract.viewing.render import cache_folder, ocr_words, tsv_words
from extract.viewing.sources import Provenance
from extract.viewing.view import source_view
from tests.helpers import CORPUS, run_cli

pdfium = pytest.importorskip("pypdfium2")
MINUTES = CORPUS / "durham_safer-stronger-communities-osc_2017-10-31_agenda-pack.txt"


@pytest.fixture(scope="module")
def viewer_store(tmp_path_factory):
    """A store of the seed corpus and one seed's minutes printed to PDF, read from a folder of its own."""
    from tests.test_pdf import latin1, render

    papers = tmp_path_factory.mktemp("papers")
    for paper in CORPUS.glob("*.txt"):
        shutil.copy(paper, papers / paper.name)
    (papers / "printed-minutes.pdf").write_bytes(render(latin1(MINUTES.read_text(encoding="utf-8"))))
    out = tmp_path_factory.mktemp("store")
    run_ingest([papers], out)
    return papers, out


def rows(out, table: str, where: str = "1") -> list[dict]:
    db = sqlite3.connect(out / STORE_NAME)
    try:
        cursor = db.execute(f"SELECT * FROM [{table}] WHERE {where} ORDER BY id")
        return [dict(zip([d[0] for d in cursor.description], row)) for row in cursor]
    finally:
        db.close()


def pdf_rows(out, table: str) -> list[dict]:
    return rows(out, table, "source LIKE '%.pdf'")


def occurrences(path, page: int, words: str) -> list[list[Box]]:
    """pdfium's boxes of the characters of each place the page says words (pdfium's own search)."""
    document = pdfium.PdfDocument(str(path))
    try:
        pdf_page = document[page - 1]
        textpage = pdf_page.get_textpage()
        search = textpage.search(words, match_case=True)
        _, top = pdf_page.get_size()
        found = []
        while (match := search.get_next()) is not None:
            start, count = match
            boxes = [textpage.get_charbox(index) for index in range(start, start + count)]
            found.append([Box(x0, top - y1, x1, top - y0) for x0, y0, x1, y1 in boxes if x1 > x0])
        assert found, f"{words!r} is not on page {page}"
        return found
    finally:
        document.close()


def covered(chars: list[Box], boxes: list[Box], slack: float = 0.5) -> bool:
    """Whether every character's centre lies inside one of the boxes."""
    def centre(c: Box) -> Box:
        x, y = (c.left + c.right) / 2, (c.top + c.bottom) / 2
        return Box(x, y, x, y)
    return all(any(box.contains(centre(c), slack) for box in boxes) for c in chars)


def opening(text: str) -> str:
    """A resolution's first three words on its first line, as pdfium's search finds them."""
    return " ".join(text.split("\f")[0].split("\n")[0].split()[:3])


def test_a_resolutions_highlight_lies_over_its_characters(viewer_store):
    papers, out = viewer_store
    resolutions = [r for r in pdf_rows(out, "resolutions") if len(r["text"].split()) >= 4]
    assert resolutions
    for row in resolutions:
        view = source_view(Provenance.of_row("resolutions", row), cache_folder(out / STORE_NAME))
        assert view.problem is None and view.pages, row["id"]
        shown = view.pages[0]
        assert shown.page == row["page"] and shown.boxes
        places = occurrences(papers / "printed-minutes.pdf", row["page"], opening(row["text"]))
        assert any(all(any(box.contains(c) for box in shown.boxes) for c in chars) for chars in places), row["id"]


def test_a_span_over_a_page_break_is_shown_on_both_pages(viewer_store):
    _, out = viewer_store
    crossing = [r for r in pdf_rows(out, "items") + pdf_rows(out, "resolutions")
                if "\f" in (json.loads(r["record"])["span"].get("text") or "\f")]  # containers keep no text
    views = [source_view(Provenance.of_row("items" if "/r" not in r["id"] else "resolutions", r),
                         cache_folder(out / STORE_NAME)) for r in crossing]
    two_pages = [v for v in views if len(v.pages) >= 2]
    assert two_pages, "no record of the printed minutes runs over a page break"
    for view in two_pages:
        assert [p.page for p in view.pages] == list(range(view.pages[0].page, view.pages[0].page + len(view.pages)))
        assert all(p.boxes for p in view.pages)


def test_a_text_source_shows_the_lines_around_the_span_marked(viewer_store):
    _, out = viewer_store
    row = next(r for r in rows(out, "resolutions", "source LIKE '%.txt'") if r["line_start"] > 5)
    view = source_view(Provenance.of_row("resolutions", row), cache_folder(out / STORE_NAME))
    assert view.problem is None and not view.pages
    numbers = [line.number for line in view.lines]
    assert numbers[0] < row["line_start"] and numbers[-1] > row["line_end"]
    assert "".join(line.marked for line in view.lines) == row["text"].replace("\n", "").replace("\r", "")
    assert all(not line.marked for line in view.lines if not row["line_start"] <= line.number <= row["line_end"])


def test_the_same_words_twice_on_a_page_are_found_where_the_span_is():
    page = "Resolved: that the report be noted.\nItem 5\nResolved: that the report be noted.\n"
    second = page.index("Item 5")
    assert find_span(page, "that the report be noted.", before=page[:second])[0] > second
    assert find_span(page, "that the report be noted.")[0] < second


def test_words_joined_across_a_line_end_are_found():
    page = "the Committee RESOLVED to note the perfor-\r\nmance report and ﬁnance update"
    found = find_span(page, "note the performance report and finance update")
    assert page[found[0]:found[-1] + 1] == "note the perfor-\r\nmance report and ﬁnance update"


def test_a_moved_source_is_said_plainly_on_the_page_and_by_show(viewer_store, tmp_path, capsys):
    papers, out = viewer_store
    moved = tmp_path / "moved"
    shutil.copytree(papers, moved)
    store = tmp_path / "store"
    run_ingest([moved / "printed-minutes.pdf"], store)
    row = rows(store, "resolutions")[0]
    (moved / "printed-minutes.pdf").rename(tmp_path / "elsewhere.pdf")
    view = source_view(Provenance.of_row("resolutions", row), cache_folder(store / STORE_NAME))
    assert "printed-minutes.pdf" in view.problem and "not where it was read" in view.problem
    code, _, err = run_cli(["show", row["id"], "--out", store], capsys)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "not where it was read" in err


def test_a_changed_source_is_said_plainly(viewer_store, tmp_path):
    papers, _ = viewer_store
    paper = tmp_path / "minutes.txt"
    shutil.copy(MINUTES, paper)
    store = tmp_path / "store"
    run_ingest([paper], store)
    row = rows(store, "resolutions")[0]
    paper.write_text(MINUTES.read_text(encoding="utf-8") + "\nAdded later.\n", encoding="utf-8")
    view = source_view(Provenance.of_row("resolutions", row), cache_folder(store / STORE_NAME))
    assert "has changed since it was read" in view.problem


def test_show_png_writes_the_page_with_the_words_highlighted(viewer_store, tmp_path, capsys):
    from PIL import Image

    _, out = viewer_store
    row = pdf_rows(out, "resolutions")[0]
    target = tmp_path / "shown.png"
    code, said, _ = run_cli(["show", row["id"], "--out", out, "--png", target], capsys)
    assert code == 0 and f"wrote {target}" in said and row["text"].split()[0] in said
    image = Image.open(io.BytesIO(target.read_bytes())).convert("RGB")
    view = source_view(Provenance.of_row("resolutions", row), cache_folder(out / STORE_NAME))
    box = view.pages[0].boxes[0]
    inside = image.getpixel((int((box.left + 1) * 1.5), int((box.top + box.bottom) / 2 * 1.5)))
    outside = image.getpixel((5, 5))
    assert outside == (255, 255, 255) and inside != outside and inside[2] < inside[0]  # painted yellow


def test_show_of_an_unknown_id_is_one_line(viewer_store, capsys):
    _, out = viewer_store
    code, _, err = run_cli(["show", "no/such/record", "--out", out], capsys)
    assert code == 1 and err.strip() == "minutebook: error: no/such/record: no record with this id in the store"


def test_tesseract_words_are_read_from_its_tsv():
    tsv = ("level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
           "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t\n"
           "5\t1\t1\t1\t1\t1\t300\t600\t150\t60\t96\tResolved\n"
           "5\t1\t1\t1\t1\t2\t480\t600\t90\t60\t95\tthat\n")
    words = tsv_words(tsv, 300 / 72)
    assert [w.text for w in words] == ["Resolved", "that"]
    assert words[0].box == Box(72.0, 144.0, 108.0, 158.4)
    assert [b.as_list() for b in word_boxes(words, "Resolved that")] == [[72.0, 144.0, 136.8, 158.4]]


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed (apt-get install tesseract-ocr)")
def test_ocr_word_boxes_lie_over_the_words(viewer_store, tmp_path):
    """Tesseract's words on the printed page, found for a resolution, cover its characters as the
    text layer places them."""
    papers, out = viewer_store
    row = next(r for r in pdf_rows(out, "resolutions") if len(r["text"].split()) >= 4 and "\f" not in r["text"])
    document = pdfium.PdfDocument(str(papers / "printed-minutes.pdf"))
    try:
        words = ocr_words(document[row["page"] - 1], row["document_sha256"], row["page"], tmp_path)
    finally:
        document.close()
    boxes = word_boxes(words, row["text"])
    assert boxes
    places = occurrences(papers / "printed-minutes.pdf", row["page"], opening(row["text"]))
    assert any(covered(chars, boxes, slack=2) for chars in places), (row["text"], boxes, places)
    assert json.loads(next(tmp_path.rglob("ocr-words-*.json")).read_text())  # kept for the next look
