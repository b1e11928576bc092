"""Ruled tables in a PDF: the ruling lines a page draws, pdfplumber's grid algorithm over them,
and each table placed over the lines of text it covers.

pdfplumber's TableFinder is run on the lines pdfium reads, so pdfplumber never has to parse a
page itself (the same tables as pdfplumber.find_tables, about twelve times faster). A table that
runs on over pages under its repeated heading is one table; its lines are blanked in the view
parsers read, because a table's cells are its rows, not sentences.
"""

from __future__ import annotations

from extract.reading.pdf_page import FoundTable, PdfPage
from extract.text.lines import Line
from extract.text.tables import RawRow, RawTable, continue_table

RULED_PAGE_PATHS = 8  # a page drawing this many paths may hold a ruled table: its grid is read
RULED_TAIL_PATHS = 4  # after such a page, this many may be the table's last rows
MAX_HEADING_ROWS = 3  # rows under the column names that may repeat on each page (units, sub-headings)


def may_hold_table(page, after_ruled: bool) -> bool:
    """Whether a page draws enough lines for a ruled table (fewer after a page that did: its tail)."""
    return _drawn_paths(page) >= (RULED_TAIL_PATHS if after_ruled else RULED_PAGE_PATHS)


def _drawn_paths(page) -> int:
    """How many path objects a page draws: ruled tables draw many, prose pages few."""
    import pypdfium2.raw as pdfium_c

    return sum(1 for obj in page.get_objects(max_depth=2) if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH)


class _EdgePage:
    """What pdfplumber's TableFinder reads of a page: its edges and its box. Nothing else."""

    def __init__(self, edges: list[dict], width: float, height: float):
        self.edges = edges
        self.bbox = (0, 0, width, height)


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


def _page_edges(page, height: float) -> list[dict]:
    """Ruling lines from the page's drawn paths, in pdfplumber's top-down coordinates: a thin
    path is a line, any other box gives its four sides (as pdfplumber treats rectangles)."""
    import pypdfium2.raw as pdfium_c

    edges = []
    for obj in page.get_objects(max_depth=2):
        if obj.type != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        left, bottom, right, top = obj.get_bounds()
        y_top, y_bottom = height - top, height - bottom
        width, tall = right - left, top - bottom
        if tall <= 2 < width:
            edges.append(_edge(left, right, (y_top + y_bottom) / 2, (y_top + y_bottom) / 2, "h"))
        elif width <= 2 < tall:
            edges.append(_edge((left + right) / 2, (left + right) / 2, y_top, y_bottom, "v"))
        elif width > 2 and tall > 2:
            edges += [_edge(left, right, y_top, y_top, "h"), _edge(left, right, y_bottom, y_bottom, "h"),
                      _edge(left, left, y_top, y_bottom, "v"), _edge(right, right, y_top, y_bottom, "v")]
    return edges


def ruled_tables(page, textpage) -> list[FoundTable]:
    """Each ruled table on a page: pdfplumber's grid algorithm (TableFinder) over edges read by
    pdfium, each cell's text read by pdfium. No pdfminer parse of the page."""
    from pdfplumber.table import TableFinder

    height = page.get_height()
    found = []
    for table in TableFinder(_EdgePage(_page_edges(page, height), page.get_width(), height)).tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if cell is None:
                    cells.append("")
                    continue
                x0, top, x1, bottom = cell
                text = textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top)
                cells.append(" ".join(text.split()))
            rows.append(cells)
        if len(rows) >= 2 and len(rows[0]) >= 2:
            found.append(FoundTable(height - table.bbox[3] - 2, height - table.bbox[1] + 2, rows))
    return found


def _placed(page: PdfPage) -> list[tuple[int, int, list[list[str]]]]:
    """(first, last, rows): each table found on the page over the page's lines it covers."""
    placed = []
    for low, high, rows in page.found:
        inside = [i for i, line in enumerate(page.lines) if line.top is not None and low <= line.top <= high]
        if inside:
            placed.append((inside[0], inside[-1], rows))
    return placed


def page_tables(pages: list[PdfPage]) -> list[RawTable]:
    """Ruled tables as RawTables over source lines, one table where it runs on under its heading."""
    starts, position = [], 0
    for page in pages:
        starts.append(position)
        position += max(len(page.lines), 1)  # an empty page still gives one (empty) line
    tables: list[RawTable] = []
    opening: list[list[list[str]]] = []  # each table's first rows, to recognise them repeated
    previous_page = None
    for index, page in enumerate(pages):
        for first, last, rows in _placed(page):
            first, last = starts[index] + first, starts[index] + last
            if tables and previous_page in (index - 1, index) and rows[0] == tables[-1].columns:
                repeated = 1
                while (repeated < len(rows) and repeated - 1 < min(MAX_HEADING_ROWS, len(opening[-1]))
                       and rows[repeated] == opening[-1][repeated - 1]):
                    repeated += 1
                continue_table(tables[-1], [RawRow(row, first, last) for row in rows[repeated:]])
                tables[-1].last = last
            else:
                tables.append(RawTable("pdf", rows[0], [RawRow(row, first, last) for row in rows[1:]], first, last))
                opening.append(rows[1:1 + MAX_HEADING_ROWS])
            previous_page = index
    return tables


def keep_tables_out_of_prose(lines: list[Line], tables: list[RawTable]) -> list[Line]:
    """The lines with those a ruled table occupies blanked, in the view parsers read (same length,
    so spans and offsets hold; the raw text keeps them): a table's cells are its rows, not sentences."""
    lines = list(lines)
    for table in tables:
        for index in range(table.first, min(table.last, len(lines) - 1) + 1):
            line = lines[index]
            lines[index] = Line(line.number, line.page, line.start, " " * len(line.text))
    return lines
