"""Ruled tables in a PDF: the ruling lines a page draws, pdfplumber's grid algorithm over them,
and each table placed over the lines of text it covers.

pdfplumber's TableFinder is run on the lines pdfium reads, so pdfplumber never has to parse a
page itself (the same tables as pdfplumber.find_tables, about twelve times faster). A table that
runs on over pages under its repeated heading is one table; its lines are blanked in the view
parsers read, because a table's cells are its rows, not sentences.
"""

from __future__ import annotations

from extract.reading.pdf_chars import PageChars, object_bounds
from extract.reading.pdf_page import FoundTable, PdfPage
from extract.text.lines import Line
from extract.text.tables import RawRow, RawTable, continue_table

RULED_PAGE_PATHS = 8  # a page drawing this many paths may hold a ruled table: its grid is read
RULED_TAIL_PATHS = 4  # after such a page, this many may be the table's last rows
MAX_HEADING_ROWS = 3  # rows under the column names that may repeat on each page (units, sub-headings)


def may_hold_table(paths: list, after_ruled: bool) -> bool:
    """Whether a page drawing these paths may hold a ruled table (fewer after a page that did: its
    tail): ruled tables draw many, prose pages few."""
    return len(paths) >= (RULED_TAIL_PATHS if after_ruled else RULED_PAGE_PATHS)


class _EdgePage:
    """What pdfplumber's TableFinder reads of a page: its edges and its box. Nothing else."""

    def __init__(self, edges: list[dict], width: float, height: float):
        self.edges = edges
        self.bbox = (0, 0, width, height)


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict:
    return {"x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top, "width": x1 - x0,
            "height": bottom - top, "orientation": orientation, "object_type": "line"}


def _page_edges(paths: list, height: float) -> list[dict]:
    """Ruling lines from the page's drawn paths, in pdfplumber's top-down coordinates: a thin
    path is a line, any other box gives its four sides (as pdfplumber treats rectangles)."""
    edges = []
    for path in paths:
        left, bottom, right, top = object_bounds(path)
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


def _grid_cells(intersections: dict) -> list[tuple[float, float, float, float]]:
    """pdfplumber's intersections_to_cells, the same cells in the same order, made faster: each
    point's edges are made a set once, and the points below and right of it are looked up,
    where pdfplumber rebuilds both for every pair of points it tries."""
    points = sorted(intersections)
    vertical = {point: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in intersections[point]["v"]} for point in points}
    horizontal = {point: {(e["x0"], e["top"], e["x1"], e["bottom"]) for e in intersections[point]["h"]} for point in points}

    def connects(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return (a[0] == b[0] and not vertical[a].isdisjoint(vertical[b])) or \
            (a[1] == b[1] and not horizontal[a].isdisjoint(horizontal[b]))

    columns: dict[float, list] = {}  # the points of each x, top to bottom
    rows: dict[float, list] = {}  # the points of each top, left to right
    for point in points:
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    cells = []
    for point in points:
        below = columns[point[0]][columns[point[0]].index(point) + 1:]
        right = rows[point[1]][rows[point[1]].index(point) + 1:]
        cell = _smallest_cell(point, below, right, intersections, connects)
        if cell is not None:
            cells.append(cell)
    return cells


def _smallest_cell(point, below: list, right: list, intersections: dict, connects) -> tuple | None:
    """The first cell (pdfplumber's order) whose top-left corner is `point`, or None."""
    for below_point in below:
        if not connects(point, below_point):
            continue
        for right_point in right:
            if not connects(point, right_point):
                continue
            corner = (right_point[0], below_point[1])
            if corner in intersections and connects(corner, right_point) and connects(corner, below_point):
                return point[0], point[1], corner[0], corner[1]
    return None


def _grid_tables(page: _EdgePage) -> list:
    """pdfplumber's TableFinder(page).tables, with its cells found by _grid_cells."""
    from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections

    finder = TableFinder.__new__(TableFinder)  # its edge merging, without its __init__'s slow cell search
    finder.page, finder.settings = page, TableSettings.resolve(None)
    settings = finder.settings
    intersections = edges_to_intersections(finder.get_edges(), settings.intersection_x_tolerance,
                                           settings.intersection_y_tolerance)
    return [Table(page, group) for group in cells_to_tables(_grid_cells(intersections))]


def _cell_text(chars: PageChars, cell: tuple[float, float, float, float] | None, height: float) -> str:
    """A cell's text, whitespace made single spaces. pdfium scans the page's characters for each
    cell in C (about 50 ns a character): cheaper, on every table measured, than reading each
    character's box into Python (a microsecond or more a call) to sort them into cells."""
    if cell is None:
        return ""
    x0, top, x1, bottom = cell
    return " ".join(chars.text_in(x0, height - bottom, x1, height - top).split())


def ruled_tables(page, chars: PageChars, paths: list) -> list[FoundTable]:
    """Each ruled table on a page: pdfplumber's grid algorithm (TableFinder) over edges read by
    pdfium, each cell's text read by pdfium. No pdfminer parse of the page."""
    height = page.get_height()
    found = []
    for table in _grid_tables(_EdgePage(_page_edges(paths, height), page.get_width(), height)):
        rows = [[_cell_text(chars, cell, height) for cell in row.cells] for row in table.rows]
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
