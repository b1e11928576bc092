"""Ruled tables in a PDF: the ruling lines a page draws, pdfplumber's grid algorithm over them,
and each table placed over the lines of text it covers.

pdfplumber's table finder (ported in extract.reading.ruling_grid) is run on the lines pdfium
reads, so no page is parsed twice and pdfplumber is never imported (the same tables as
pdfplumber.find_tables, many times faster). A table that runs on over pages under its
repeated heading is one table; its lines are blanked in the view parsers read, because a
table's cells are its rows, not sentences.
"""

from __future__ import annotations

from extract.reading.pdf_chars import PageChars, object_bounds
from extract.reading.pdf_page import FoundTable, PdfPage
from extract.reading.ruling_grid import Edge, grid_tables
from extract.text.lines import Line
from extract.text.tables import RawRow, RawTable, continue_table

RULED_PAGE_PATHS = 8  # a page drawing this many paths may hold a ruled table: its grid is read
RULED_TAIL_PATHS = 4  # after such a page, this many may be the table's last rows
MAX_HEADING_ROWS = 3  # rows under the column names that may repeat on each page (units, sub-headings)


def may_hold_table(paths: list, after_ruled: bool) -> bool:
    """Whether a page drawing these paths may hold a ruled table (fewer after a page that did: its
    tail): ruled tables draw many, prose pages few."""
    return len(paths) >= (RULED_TAIL_PATHS if after_ruled else RULED_PAGE_PATHS)


def _page_edges(paths: list, height: float) -> tuple[list[Edge], list[Edge]]:
    """(vertical, horizontal) ruling lines from the page's drawn paths, in pdfplumber's top-down
    coordinates and the order it sees them: a thin path is a line, any other box gives its four
    sides (as pdfplumber treats rectangles)."""
    vertical: list[Edge] = []
    horizontal: list[Edge] = []
    for path in paths:
        left, bottom, right, top = object_bounds(path)
        y_top, y_bottom = height - top, height - bottom
        width, tall = right - left, top - bottom
        if tall <= 2 < width:
            middle = (y_top + y_bottom) / 2
            horizontal.append((left, middle, right, middle, right - left))
        elif width <= 2 < tall:
            middle = (left + right) / 2
            vertical.append((middle, y_top, middle, y_bottom, y_bottom - y_top))
        elif width > 2 and tall > 2:
            horizontal += [(left, y_top, right, y_top, right - left), (left, y_bottom, right, y_bottom, right - left)]
            vertical += [(left, y_top, left, y_bottom, y_bottom - y_top), (right, y_top, right, y_bottom, y_bottom - y_top)]
    return vertical, horizontal


def _cell_text(chars: PageChars, cell: tuple[float, float, float, float] | None, height: float) -> str:
    """A cell's text, whitespace made single spaces. pdfium scans the page's characters for each
    cell in C (about 50 ns a character): cheaper, on every table measured, than reading each
    character's box into Python (a microsecond or more a call) to sort them into cells."""
    if cell is None:
        return ""
    x0, top, x1, bottom = cell
    return " ".join(chars.text_in(x0, height - bottom, x1, height - top).split())


def ruled_tables(page, chars: PageChars, paths: list) -> list[FoundTable]:
    """Each ruled table on a page: pdfplumber's grid algorithm (extract.reading.ruling_grid) over
    edges read by pdfium, each cell's text read by pdfium. No pdfminer parse of the page."""
    height = page.get_height()
    found = []
    for table in grid_tables(*_page_edges(paths, height)):
        if len(table.rows) >= 2 and len(table.rows[0]) >= 2:  # a table of one row or column is not kept: its cells go unread
            rows = [[_cell_text(chars, cell, height) for cell in row] for row in table.rows]
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
