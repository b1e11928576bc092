"""Tables in extracted text: tab-separated rows, pipe tables, and HTML fragments inside cells.

A table printed over several pages repeats its header on each page; the repeated header is a
page break, not a row. The first row after it may continue the row before the break: its key
cell is empty or lacks the key the other rows have ("Recommendation Four", "4)"), or it fills
only some cells. Such a row is merged into the one before, cell by cell.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from extract.text.lines import SourceText

MAX_BLANK_GAP = 3  # blank lines a table may span when the next part repeats its header
_PIPE_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-*:?\s*)*\|?$")
_TAG = re.compile(r"<[^>]+>")
_LINE_TAG = re.compile(r"</p>\s*<p[^>]*>|<br\s*/?>|</li>", re.IGNORECASE)  # a tag that ends a line of a cell
_ITEM_TAG = re.compile(r"<li[^>]*>", re.IGNORECASE)
_FIGURE = re.compile(r"[\d.,%£]+")
_INLINE_BULLET = re.compile(r"(?<!\s)\s+•\s+")  # a list item run into the text before it
_KEY = re.compile(r"^(?:\(?\d+[.)]|\(?[a-z][.)]|recommendation\s+\w+|[ivx]+[.)])", re.IGNORECASE)


@dataclass(slots=True)
class RawRow:
    cells: list[str]
    first: int
    last: int


@dataclass(slots=True)
class RawTable:
    syntax: str  # tab | pipe | html
    columns: list[str]
    rows: list[RawRow] = field(default_factory=list)
    first: int = 0
    last: int = 0


def clean_cell(text: str) -> str:
    """A cell as plain text: HTML paragraphs and list items become lines, tags and entities go."""
    if "<" in text:
        text = _LINE_TAG.sub("\n", text)
        text = _ITEM_TAG.sub("\n• ", text)
        text = _TAG.sub(" ", text)
    text = html.unescape(text)
    if "•" in text:
        text = _INLINE_BULLET.sub("\n• ", text)
    if "\n" not in text:
        return " ".join(text.split())  # one line: white space folded
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _cells(line: str) -> tuple[str, list[str]] | None:
    """(syntax, raw cells) for a table line, or None for a line of prose."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.count("|") >= 3:
        if _PIPE_RULE.match(stripped):
            return "rule", []
        return "pipe", [cell for cell in stripped.strip("|").split("|")]
    if "\t" in line.rstrip("\t") or line.count("\t") >= 1 and line.strip():
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) >= 2 and any(cell.strip() for cell in cells):
            return "tab", cells
    return None


def _fit(cells: list[str], width: int) -> list[str]:
    """Cells padded or folded to the table's width (extra trailing cells join the last one)."""
    if len(cells) < width:
        return cells + [""] * (width - len(cells))
    if len(cells) > width:
        return cells[: width - 1] + [" ".join(c for c in cells[width - 1:] if c)]
    return cells


def _is_header_row(cells: list[str]) -> bool:
    """A first row is a header unless it holds figures ('2023', '22') or a page number."""
    filled = [c for c in cells if c]
    return bool(filled) and not any(_FIGURE.fullmatch(c) for c in filled)


def _keyed(rows: list[RawRow]) -> bool:
    keys = [bool(_KEY.match(row.cells[0])) for row in rows if row.cells and row.cells[0]]
    return len(keys) >= 2 and sum(keys) >= 0.6 * len(keys)


def _continues(row: RawRow, keyed: bool) -> bool:
    """Whether the first row after a repeated header carries on the row before it."""
    filled = [bool(cell) for cell in row.cells]
    if not any(filled):
        return False
    if not filled[0]:
        return keyed  # grouped tables leave the first cell empty for a new row of the same group
    if keyed and not _KEY.match(row.cells[0]):
        return True
    return sum(filled) == 1 and len(filled) > 2  # one cell of a wide row: the tail of a wrapped cell


def _merge(rows: list[RawRow], row: RawRow) -> None:
    """Append a continued row's cells to the row before the break, cell by cell.

    A cell that the rows above leave empty (a group name printed once for several rows)
    continues the row that printed it.
    """
    for index, cell in enumerate(row.cells):
        if not cell:
            continue
        target = len(rows) - 1
        while target > 0 and not rows[target].cells[index]:
            target -= 1
        owner = rows[target] if rows[target].cells[index] else rows[-1]
        owner.cells[index] = "\n".join(part for part in (owner.cells[index], cell) if part)
    rows[-1].last = row.last


def continue_table(table: RawTable, rows: list[RawRow]) -> None:
    """Rows from the next page of a table: the first may carry on the last row before the break."""
    keyed = _keyed(table.rows + rows)
    for position, row in enumerate(rows):
        if position == 0 and table.rows and _continues(row, keyed):
            _merge(table.rows, row)
        else:
            table.rows.append(row)


def _blocks(source: SourceText) -> list[tuple[str, list[tuple[int, list[str]]]]]:
    """Runs of table lines of one syntax, allowing short blank gaps (page breaks)."""
    blocks: list[tuple[str, list[tuple[int, list[str]]]]] = []
    current: list[tuple[int, list[str]]] = []
    syntax = None
    gap = 0
    for index, text in enumerate([line.text for line in source.lines]):
        found = _cells(text) if "|" in text or "\t" in text else None  # most lines: prose, without a call
        if found is None:
            if text.strip():
                if current:
                    blocks.append((syntax, current))
                current, syntax = [], None
            else:
                gap += 1
                if current and gap > MAX_BLANK_GAP:
                    blocks.append((syntax, current))
                    current, syntax = [], None
            continue
        kind, cells = found
        if kind == "rule":
            gap = 0
            continue
        width = len(current[0][1]) if current else 0
        same = syntax == kind and len(cells) == width
        repeated = bool(current) and [c.strip() for c in cells] == [c.strip() for c in current[0][1]]
        if current and (not same or (gap and not repeated)):
            blocks.append((syntax, current))
            current = []
        if not current:
            syntax = kind
        current.append((index, cells))
        gap = 0
    if current:
        blocks.append((syntax, current))
    return blocks


def find_tables(source: SourceText) -> list[RawTable]:
    """Every table in a document, rows merged across page breaks."""
    tables: list[RawTable] = []
    for syntax, lines in _blocks(source):
        if len(lines) < 2:
            continue
        header_cells = [c.strip() for c in lines[0][1]]
        width = len(header_cells)
        has_header = _is_header_row([clean_cell(c) for c in header_cells]) or not any(header_cells)
        html_cells = any("<p" in c or "<li" in c or "<ul" in c for _, cells in lines for c in cells)
        table = RawTable("html" if html_cells else syntax,
                         [clean_cell(c) for c in header_cells] if has_header else [""] * width,
                         first=lines[0][0], last=lines[-1][0])
        body = lines[1:] if has_header else lines
        after_break = False
        raw_rows: list[tuple[RawRow, bool]] = []
        for index, cells in body:
            if has_header and [c.strip() for c in cells] == header_cells:
                after_break = True
                continue
            row = RawRow([clean_cell(c) for c in _fit(cells, width)], index, index)
            raw_rows.append((row, after_break))
            after_break = False
        keyed = _keyed([row for row, _ in raw_rows])
        for row, follows_break in raw_rows:
            if follows_break and table.rows and _continues(row, keyed):
                _merge(table.rows, row)
            else:
                table.rows.append(row)
        if table.rows:
            tables.append(table)
    return tables
