"""The PDF reader's fast paths give exactly what the slow calls they replace give.

The reader calls pdfium's C API directly (extract.reading.pdf_chars), finds table cells with its
own search of pdfplumber's intersections (ruled_tables._grid_tables) and judges readability with
one regex over a page: each is checked here against the pypdfium2 / pdfplumber / per-token call
it stands in for, on every page of real PDFs (the seeds rendered with ruled tables, tests'
PDFs, and shared/realdocs where it is beside the checkout).
"""

from __future__ import annotations

import random

import pytest

from tests.helpers import CORPUS, ROOT

fpdf = pytest.importorskip("fpdf")
pdfium = pytest.importorskip("pypdfium2")

from extract.reading.pdf_chars import PageChars, object_bounds, path_objects  # noqa: E402
from extract.reading.pdf_lines import _NUMBER, _WORD, readable_share  # noqa: E402
from extract.reading.ruled_tables import _page_edges  # noqa: E402
from extract.reading.ruling_grid import grid_tables  # noqa: E402
from tests.test_pdf import latin1, render  # noqa: E402

REALDOCS = ROOT.parent / "shared" / "realdocs"


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> list:
    """Every PDF at hand: the seeds rendered with ruled tables, the tests' own, the real ones."""
    folder = tmp_path_factory.mktemp("rendered")
    paths = []
    for seed in sorted(CORPUS.glob("*.txt")):
        path = folder / f"{seed.stem}.pdf"
        path.write_bytes(render(latin1(seed.read_text(encoding="utf-8")), tables=True))
        paths.append(path)
    paths += sorted((ROOT / "tests").rglob("*.pdf"))
    if REALDOCS.is_dir():
        paths += sorted(REALDOCS.glob("*.pdf"))
    return paths


def pages(paths):
    """(page, textpage) of every page, each closed after use."""
    for path in paths:
        pdf = pdfium.PdfDocument(str(path))
        try:
            for index in range(len(pdf)):
                page = pdf[index]
                textpage = page.get_textpage()
                yield page, textpage
                textpage.close()
                page.close()
        finally:
            pdf.close()


def test_path_objects_are_the_paths_get_objects_walks(pdfs):
    compared = 0
    for page, _ in pages(pdfs):
        expected = [obj.get_bounds() for obj in page.get_objects(max_depth=2)
                    if obj.type == pdfium.raw.FPDF_PAGEOBJ_PATH]
        assert [object_bounds(handle) for handle in path_objects(page)] == expected
        compared += len(expected)
    assert compared > 1000  # the rendered tables alone draw this many


def test_char_boxes_are_get_charbox_s_and_none_past_the_end(pdfs):
    for page, textpage in pages(pdfs):
        chars, count = PageChars(textpage), textpage.count_chars()
        for index in list(range(min(count, 300))) + [count, count + 5]:
            try:
                expected = textpage.get_charbox(index)
            except pdfium.PdfiumError:
                expected = None
            assert chars.box(index) == expected


def tallest_by_get_charbox(textpage, indexes):
    """(top, height) of the first of the tallest characters, each box read by get_charbox."""
    best = None
    for index in indexes:
        try:
            left, bottom, right, top = textpage.get_charbox(index)
        except pdfium.PdfiumError:
            continue
        if best is None or top - bottom > best[1]:
            best = (top, top - bottom)
    return best


def test_tallest_of_characters_is_the_tallest_get_charbox_box(pdfs):
    """Runs of a line's opening characters, runs past the page's end, and no characters at all."""
    rng, compared = random.Random(14), 0
    for _, textpage in pages(pdfs):
        chars, count = PageChars(textpage), textpage.count_chars()
        runs = [[], [count, count + 1]] + [sorted(rng.sample(range(count + 3), min(8, count + 3))) for _ in range(10)]
        for indexes in runs:
            assert chars.tallest(indexes) == tallest_by_get_charbox(textpage, indexes)
            compared += 1
    assert compared > 1000


def test_text_in_a_rectangle_is_what_get_text_bounded_reads(pdfs):
    """Every cell of every ruled table, and rectangles anywhere on the page (some upside down)."""
    rng, compared = random.Random(14), 0
    for page, textpage in pages(pdfs):
        chars, width, height = PageChars(textpage), page.get_width(), page.get_height()
        rects = [(rng.uniform(-10, width), rng.uniform(-10, height), rng.uniform(0, width + 10),
                  rng.uniform(0, height + 10)) for _ in range(4)]
        for table in grid_tables(*_page_edges(path_objects(page), height)):
            rects += [(x0, height - bottom, x1, height - top) for x0, top, x1, bottom in table.cells]
        for left, bottom, right, top in rects:
            expected = textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
            assert chars.text_in(left, bottom, right, top) == expected
            compared += bool(expected)
    assert compared > 500


class EdgePage:
    """What pdfplumber's TableFinder reads of a page: its edges (as pdfplumber's dicts) and its box."""

    def __init__(self, vertical: list, horizontal: list, width: float, height: float):
        self.edges = [self.edge(edge, "v") for edge in vertical] + [self.edge(edge, "h") for edge in horizontal]
        self.bbox = (0, 0, width, height)

    @staticmethod
    def edge(edge: tuple, orientation: str) -> dict:
        x0, top, x1, bottom, _ = edge
        return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
                "height": bottom - top, "orientation": orientation, "object_type": "line"}


def test_tables_are_the_ones_pdfplumber_s_table_finder_finds(pdfs):
    """The port of pdfplumber's table finder: the same cells, boxes and rows, float for float."""
    from pdfplumber.table import TableFinder

    found = 0
    for page, _ in pages(pdfs):
        paths = path_objects(page)
        if not paths:
            continue
        edges = _page_edges(paths, page.get_height())
        expected = [(t.cells, t.bbox, [row.cells for row in t.rows])
                    for t in TableFinder(EdgePage(*edges, page.get_width(), page.get_height())).tables]
        assert [(t.cells, t.bbox, t.rows) for t in grid_tables(*edges)] == expected
        found += len(expected)
    assert found >= 5


@pytest.mark.parametrize("vertical, horizontal", [
    ([], []),
    ([(10.0, 10.0, 10.0, 50.0, 40.0), (60.0, 10.0, 60.0, 50.0, 40.0)], [(10.0, 10.0, 60.0, 10.0, 50.0)]),
    # a grid of two by two, its lines broken, nearly meeting, off by fractions of a unit
    ([(10.0, 10.0, 10.0, 30.0, 20.0), (10.4, 31.5, 10.4, 50.0, 18.5), (35.2, 10.0, 35.2, 50.0, 40.0),
      (60.1, 9.0, 60.1, 51.0, 42.0), (61.9, 12.0, 61.9, 13.0, 1.0), (80.0, 0.5, 80.0, 2.0, 1.5)],
     [(10.0, 10.0, 40.0, 10.0, 30.0), (41.0, 10.3, 60.0, 10.3, 19.0), (9.5, 29.9, 60.0, 29.9, 50.5),
      (10.0, 50.2, 61.0, 50.2, 51.0), (100.0, 70.0, 102.0, 70.0, 2.0)]),
    # two tables side by side, and a lone crossing that makes no cell
    ([(0.0, 0.0, 0.0, 20.0, 20.0), (10.0, 0.0, 10.0, 20.0, 20.0), (20.0, 0.0, 20.0, 20.0, 20.0),
      (50.0, 0.0, 50.0, 20.0, 20.0), (70.0, 0.0, 70.0, 20.0, 20.0), (90.0, 100.0, 90.0, 120.0, 20.0)],
     [(0.0, 0.0, 20.0, 0.0, 20.0), (0.0, 20.0, 20.0, 20.0, 20.0), (50.0, 0.0, 70.0, 0.0, 20.0),
      (50.0, 10.0, 70.0, 10.0, 20.0), (50.0, 20.0, 70.0, 20.0, 20.0), (80.0, 110.0, 100.0, 110.0, 20.0)]),
])
def test_table_grid_of_made_up_edges_is_pdfplumber_s(vertical, horizontal):
    """Snapping, joining, short edges dropped, tables apart: edges no page at hand may draw."""
    from pdfplumber.table import TableFinder

    expected = [(t.cells, t.bbox, [row.cells for row in t.rows])
                for t in TableFinder(EdgePage(vertical, horizontal, 200, 200)).tables]
    assert [(t.cells, t.bbox, t.rows) for t in grid_tables(vertical, horizontal)] == expected


def test_reading_a_pdf_does_not_import_pdfplumber(tmp_path):
    """pdfplumber (and pdfminer) cost a quarter of a second to import: the reader does without them."""
    import subprocess
    import sys

    path = tmp_path / "tables.pdf"
    path.write_bytes(render(latin1((CORPUS / "durham_safer-stronger-communities-osc_2024-04-16_agenda-pack.txt")
                                   .read_text(encoding="utf-8")), tables=True))
    code = ("import sys; from extract.pipeline import read_source; "
            f"source = read_source(open({str(path)!r}, 'rb').read(), 'tables.pdf'); "
            "assert source.pdf_tables, 'no table read'; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pdfplumber', 'pdfminer')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def per_token_share(text: str) -> float:
    """readable_share as it was first written: each token matched on its own."""
    tokens = text.split()
    total = sum(len(t) for t in tokens)
    readable = sum(len(t) for t in tokens if _WORD.fullmatch(t) or _NUMBER.fullmatch(t))
    return readable / total if total else 1.0


@pytest.mark.parametrize("text", [
    "", "   \n ", "Minutes of the meeting held on 3 May 2024.", "£1.5m (12%) -3,000 45k 7B",
    "\x01\x02\x03 \x04\x05 abc", "!!! ??? ... ---", "(a) [b] 'c' “d” ‘e’ item-4/5 & more",
    "12:30pm 1.2.3. x\u00a0y\tz\r\nw", "ﬁnance ﬂow ÆØÅ straße", "\u2028line\u2029para 99%",
])
def test_readable_share_counts_what_matching_each_token_counts(text):
    assert readable_share(text) == per_token_share(text)


def test_readable_share_on_every_real_page_is_the_per_token_count(pdfs):
    for _, textpage in pages(pdfs):
        text = textpage.get_text_range()
        assert readable_share(text) == per_token_share(text)


def test_the_space_is_the_only_whitespace_that_prints():
    """A line's opening is read as one run when it is printable and has no space (pdf_lines._opening)."""
    everything = map(chr, range(0x110000))
    assert [char for char in everything if char.isspace() and char.isprintable()] == [" "]


@pytest.mark.parametrize("stripped", ["Minutes", "1. Apologies", "a\tb", "x\u00a0y z", "Item\u20034", "ab", "-",
                                      "verylongword", "a  b  c  d  e", "ﬁnance\u2028x"])
def test_opening_is_the_first_eight_characters_other_than_whitespace(stripped):
    from extract.reading.pdf_lines import _opening

    assert list(_opening(stripped, 40)) == [40 + i for i, char in enumerate(stripped[:8]) if not char.isspace()]


def hyphenation_one_line_at_a_time(lines: list[str]) -> list[str]:
    """repair_hyphenation as it was first written: every line searched for a broken word."""
    from extract.base.vocabulary import vocabulary
    from extract.reading.hyphenation import _BROKEN_WORD, _WORD_START

    keep, out = set(vocabulary().hyphenation.keep_after), list(lines)
    for index in range(len(out) - 1):
        broken = _BROKEN_WORD.search(out[index])
        following = _WORD_START.match(out[index + 1].lstrip()) if broken else None
        if broken and following:
            hyphen = "-" if broken.group(1) in keep else ""
            out[index] = out[index][: broken.end(1)] + hyphen + following.group(1) + following.group(2)
            out[index + 1] = out[index + 1].lstrip()[following.end():]
    return out


@pytest.mark.parametrize("lines", [
    [], ["one line-"], ["the pro-", "gramme was", "agreed"], ["a pro-\n", "gramme\n"], ["anti-", "social"],
    ["x-", "y"], ["co-", "operation-", "al work"], ["ends -", "next"], ["twice pro-", "gramme re-", "viewed"],
])
def test_hyphenation_joins_what_searching_every_line_joins(lines):
    from extract.reading.hyphenation import repair_hyphenation

    assert repair_hyphenation(lines) == hyphenation_one_line_at_a_time(lines)


def test_hyphenation_on_every_real_page_is_what_searching_every_line_gives(pdfs):
    from extract.reading.hyphenation import repair_hyphenation

    for _, textpage in pages(pdfs):
        lines = textpage.get_text_range().replace("\r\n", "\n").split("\n")
        assert repair_hyphenation(lines) == hyphenation_one_line_at_a_time(lines)


@pytest.mark.parametrize("text", [
    "", "Minutes of the meeting", "ÆØÅ straße ﬁnance", "\x01\x02\x03 \x04\x05 abc", "!!! ??? ... --- word",
    "ab 12 (c)", "abc ¬¬¬", "abc ¬¬¬¬", "x_y abc", "Ⅻ abc", "a1 b2 c3",
])
def test_surely_readable_text_is_readable_by_the_token_count(text):
    from extract.reading.pdf_lines import MIN_READABLE_SHARE, surely_readable

    assert not surely_readable(text) or readable_share(text) >= MIN_READABLE_SHARE


def test_surely_readable_pages_are_readable_and_most_pages_are_surely_so(pdfs):
    """The shortcut never passes a page the token count fails, and spares the count on most pages."""
    from extract.reading.pdf_lines import MIN_READABLE_SHARE, surely_readable

    spared = readable = 0
    for _, textpage in pages(pdfs):
        text = textpage.get_text_range()
        share = readable_share(text)
        assert not surely_readable(text) or share >= MIN_READABLE_SHARE
        spared += surely_readable(text)
        readable += share >= MIN_READABLE_SHARE
    assert spared >= 0.9 * readable


def test_a_table_too_small_to_keep_has_no_cell_read(tmp_path):
    """A grid of one row is found but not kept: reading its cells (a page scan each) is wasted."""
    from extract.reading.ruled_tables import ruled_tables

    pdf = fpdf.FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    for left, word in ((20, "Year"), (60, "Total")):
        pdf.rect(left, 20, 40, 10)
        pdf.text(left + 2, 27, word)
    document = pdfium.PdfDocument(bytes(pdf.output()))
    page = document[0]
    textpage = page.get_textpage()

    class Counted(PageChars):
        read = 0

        def text_in(self, *rectangle):
            Counted.read += 1
            return super().text_in(*rectangle)

    paths = path_objects(page)
    assert len(grid_tables(*_page_edges(paths, page.get_height()))[0].rows) == 1
    assert ruled_tables(page, Counted(textpage), paths) == [] and Counted.read == 0
    textpage.close()
    page.close()
    document.close()
