"""PDF bytes to SourceText: pypdfium2's text layer, page by page, with the page furniture removed.

pypdfium2 reads the text layer with character boxes at hundreds of pages a second (pdfplumber
parses every page in pure Python at about a tenth of that). Each page is closed after use, so
memory stays flat on a long pack. Ruled tables are found by pdfplumber's grid algorithm run on
the lines pdfium reads, so pdfplumber never has to parse a page itself.

What a page gives:
- lines in reading order, with a blank line restored wherever the gap above a line is clearly
  larger than the page's usual line spacing: the text layer has no blank lines, and paragraphs
  are how every parser here tells one thing from the next;
- no furniture: "Page 12" / "Agenda Item 3" stamps and running headers or footers repeated on
  many pages are taken out, and each page's printed number is remembered;
- no garbage: a page whose text is mostly not letters (a font without a Unicode map) is left
  out and reported with the share of unreadable characters; a page with no text layer (a scan)
  is reported too. Either makes the document's status partial. With --ocr both are read by
  Tesseract instead: an unreadable text layer is no better than none.

Character offsets in spans index this extracted text, in which pages are separated by form
feeds: the page of a record is the PDF's own page number.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from extract.base.errors import UnreadableDocument
from extract.text.lines import Line, SourceText, split_lines
from extract.text.furniture import page_furniture
from schemas import DocumentWarning

MIN_PAGE_CHARS = 20  # fewer on a page: it has no text layer worth the name
MIN_READABLE_SHARE = 0.5  # below this share of characters in words or numbers, a page is garbage
_WORD = re.compile(r"[(\[\"'‘“]*[^\W\d_][\w'’.,;:!?&/–-]*[)\]\"'’”.,;:!?%]*")
_NUMBER = re.compile(r"[(£$€-]*\d[\d.,]*%?[)kmb]*[.,;:]?", re.IGNORECASE)
BLANK_GAP_FACTOR = 1.5  # a gap this many times the usual line spacing is a paragraph break
LINE_SPACING_IN_GLYPHS = 2.2  # normal line spacing is about twice a capital letter's height
RULED_PAGE_PATHS = 8  # a page drawing this many paths may hold a ruled table: its grid is read
RULED_TAIL_PATHS = 4  # after such a page, this many may be the table's last rows
_LIGATURES = str.maketrans({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)})


@dataclass
class PdfPages:
    """What the PDF's pages gave, before they become one text."""

    lines: list[list[str]] = field(default_factory=list)
    tops: list[list[float | None]] = field(default_factory=list)  # each line's top, PDF units from the bottom
    heights: list[float] = field(default_factory=list)
    ruled: list[int] = field(default_factory=list)  # 0-based pages with enough drawn lines for a table
    found: list[tuple[int, float, float, list[list[str]]]] = field(default_factory=list)  # page, low, high, rows
    tables: list[tuple[int, int, int, list[list[str]]]] = field(default_factory=list)  # page, first, last, rows
    printed: list[str | None] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)  # 1-based page numbers
    ocr: list[int] = field(default_factory=list)  # 1-based pages read by OCR
    ocr_failed: dict[int, str] = field(default_factory=dict)
    garbled: dict[int, float] = field(default_factory=dict)  # page -> share of unreadable characters
    unmapped: list[int] = field(default_factory=list)  # 1-based pages OCR'd for an unreadable text layer
    furniture: list[str] = field(default_factory=list)


def _open(data: bytes, source: str):
    import pypdfium2 as pdfium

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableDocument(source, "not a PDF despite the name (no %PDF header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message or "security" in message:
            raise UnreadableDocument(source, "encrypted PDF: it needs a password to open") from None
        raise UnreadableDocument(source, f"corrupt or truncated PDF ({error})") from None


def _page_lines(textpage, text: str) -> tuple[list[str], list[float | None]]:
    """The page's lines (blank where the vertical gap says a paragraph ends) and each line's top."""
    separator = 2 if "\r\n" in text else 1  # pdfium ends lines with \r\n
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tops: list[float | None] = []
    heights: list[float] = []
    position = 0
    for line in lines:
        top = None
        if line.strip():
            # the tallest of the first characters: a line opening with '-' or '.' would otherwise
            # be measured by a mark half a line high
            first = position + len(line) - len(line.lstrip())
            boxes = []
            for offset in range(first, min(first + 8, position + len(line))):
                if not line[offset - position].isspace():
                    try:
                        boxes.append(textpage.get_charbox(offset))
                    except Exception:  # a generated character has no box
                        continue
            if boxes:
                tallest = max(boxes, key=lambda box: box[3] - box[1])
                top = tallest[3]
                heights.append(tallest[3] - tallest[1])
        tops.append(top)
        position += len(line) + separator
    glyph = sorted(heights)[len(heights) // 2] if heights else 0
    gaps = [a - b for a, b in zip(tops, tops[1:]) if a is not None and b is not None and a - b > 1.2 * glyph]
    # The usual spacing is the smallest real gap; on a page of one-line paragraphs every gap is a
    # paragraph break, so the spacing a line of this type size would have caps it.
    usual = min(min(gaps), LINE_SPACING_IN_GLYPHS * glyph) if gaps and glyph else None
    out: list[str] = []
    out_tops: list[float | None] = []
    previous_top = None
    for line, top in zip(lines, tops):
        if not line.strip():
            continue
        if usual and previous_top is not None and top is not None and previous_top - top > BLANK_GAP_FACTOR * usual:
            out.append("")
            out_tops.append(None)
        out.append(line.rstrip().translate(_LIGATURES))  # "ﬁ" -> "fi": ligatures matched as letters
        out_tops.append(top)
        previous_top = top
    return out, out_tops


_BROKEN_WORD = re.compile(r"(?<![\w-])([a-z]{2,})-$")
_WORD_START = re.compile(r"^([a-z]+)([.,;:!?)]*)(\s+|$)")


def repair_hyphenation(lines: list[str]) -> list[str]:
    """Join words the printer broke at a line end ('pro-' / 'gramme' -> 'programme').

    Only a lower-case fragment before a line that starts lower case is a broken word; a fragment
    that English hyphenates on purpose ('anti-', 'cross-', vocabulary [hyphenation]) keeps its
    hyphen. The rest of the word moves up to its start; the lines stay where they were.
    """
    from extract.base.vocabulary import vocabulary

    keep = set(vocabulary().hyphenation.keep_after)
    out = list(lines)
    for index in range(len(out) - 1):
        broken = _BROKEN_WORD.search(out[index])
        following = _WORD_START.match(out[index + 1].lstrip()) if broken else None
        if not (broken and following):
            continue
        hyphen = "-" if broken.group(1) in keep else ""
        out[index] = out[index][: broken.end(1)] + hyphen + following.group(1) + following.group(2)
        out[index + 1] = out[index + 1].lstrip()[following.end():]
    return out


def _readable_share(text: str) -> float:
    """Share of characters in tokens that are words or numbers; an unmapped font yields neither."""
    tokens = text.split()
    total = sum(len(t) for t in tokens)
    readable = sum(len(t) for t in tokens if _WORD.fullmatch(t) or _NUMBER.fullmatch(t))
    return readable / total if total else 1.0


def _ocr_lines(page) -> list[str]:
    from extract.reading.ocr import ocr_page

    lines = [line.rstrip() for line in ocr_page(page).replace("\f", "").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _read_by_ocr(page, number: int, pages: PdfPages, source: str) -> list[str]:
    """The page's lines as Tesseract reads them; a page OCR fails on is reported and left empty."""
    from extract.reading.ocr import OcrUnavailable

    try:
        lines = _ocr_lines(page)
    except OcrUnavailable as error:
        raise UnreadableDocument(source, str(error)) from None
    except Exception as error:  # one bad page must not lose the rest
        pages.ocr_failed[number] = str(error)
        pages.no_text.append(number)
        return []
    pages.ocr.append(number)
    return lines


def read_pages(data: bytes, source: str, ocr: bool = False) -> PdfPages:
    pdf = _open(data, source)
    pages = PdfPages()
    try:
        if len(pdf) == 0:
            raise UnreadableDocument(source, "PDF has no pages")
        for index in range(len(pdf)):
            page = pdf[index]
            if page.get_rotation():  # a page turned for display reads in its own direction (in memory only)
                page.set_rotation(0)
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                number = index + 1
                pages.heights.append(page.get_height())
                blank = len(text.strip()) < MIN_PAGE_CHARS
                readable = 1.0 if blank else _readable_share(text)
                if (blank or readable < MIN_READABLE_SHARE) and ocr:
                    # a text layer of unmapped glyphs is no better than none: the page is read as a scan
                    if not blank:
                        pages.unmapped.append(number)
                    lines = _read_by_ocr(page, number, pages, source)
                    pages.lines.append(lines)
                    pages.tops.append([None] * len(lines))
                elif blank:
                    pages.no_text.append(number)
                    pages.lines.append([])
                    pages.tops.append([])
                elif readable < MIN_READABLE_SHARE:
                    pages.garbled[number] = round(1 - readable, 2)
                    pages.lines.append([])
                    pages.tops.append([])
                else:
                    lines, tops = _page_lines(textpage, text)
                    pages.lines.append(repair_hyphenation(lines))
                    pages.tops.append(tops)
                    after_ruled = bool(pages.ruled) and pages.ruled[-1] == index - 1
                    if _drawn_paths(page) >= (RULED_TAIL_PATHS if after_ruled else RULED_PAGE_PATHS):
                        pages.ruled.append(index)
                        pages.found += [(index, low, high, rows) for low, high, rows in _ruled_tables(page, textpage)]
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    _remove_furniture(pages)
    _place_tables(pages)
    _break_between_pages(pages)
    return pages


def _break_between_pages(pages: PdfPages) -> None:
    """A blank line after a page whose last line ends a paragraph that the next page does not go on.

    The gap between two pages measures nothing, so the text decides, by the rule an extraction
    without blank lines is given (extract.text.paragraphs.breaks_between): the PDF and its extracted
    text then read the same (a new meeting's title at the top of a page starts a block).
    """
    from extract.text.paragraphs import breaks_between, full_width

    width = full_width([line for lines in pages.lines for line in lines])
    before = None  # the last page so far with text
    for page, lines in enumerate(pages.lines):
        if not any(line.strip() for line in lines):
            continue
        if before is not None and pages.lines[before][-1].strip() and lines[0].strip() \
                and breaks_between(pages.lines[before][-1].strip(), lines[0].strip(), width):
            pages.lines[before].append("")
            pages.tops[before].append(None)
        before = page


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


def _ruled_tables(page, textpage) -> list[tuple[float, float, list[list[str]]]]:
    """(low, high, rows) of each ruled table on a page: pdfplumber's grid algorithm (TableFinder)
    over edges read by pdfium, each cell's text read by pdfium. No pdfminer parse of the page:
    the same tables as pdfplumber.find_tables, about twelve times faster."""
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
            found.append((height - table.bbox[3] - 2, height - table.bbox[1] + 2, rows))
    return found


def _place_tables(pages: PdfPages) -> None:
    """Each table found on a page placed over the lines it covers (after furniture is removed)."""
    for index, low, high, rows in pages.found:
        inside = [i for i, top in enumerate(pages.tops[index]) if top is not None and low <= top <= high]
        if inside:
            pages.tables.append((index, inside[0], inside[-1], rows))


def _remove_furniture(pages: PdfPages) -> None:
    for p, (drop, printed) in enumerate(page_furniture(pages.lines)):
        lines = pages.lines[p]
        pages.furniture += [lines[i].strip() for i in sorted(drop)]
        pages.printed.append(printed)
        pages.lines[p] = [line for i, line in enumerate(lines) if i not in drop]
        pages.tops[p] = [top for i, top in enumerate(pages.tops[p]) if i not in drop]


def read_pdf(data: bytes, source: str, ocr: bool = False) -> SourceText:
    """Bytes of a PDF to SourceText (pages separated by form feeds); with ocr, scans are read too."""
    pages = read_pages(data, source, ocr)
    raw = "\n\f".join("\n".join(lines) for lines in pages.lines) + "\n"  # a page's last line ends before the break
    lines, _, _ = split_lines(raw, paged=True)
    tables = _page_tables(pages)
    lines = _keep_tables_out_of_prose(lines, tables)
    warnings: list[DocumentWarning] = []
    if pages.ocr:
        warnings.append(DocumentWarning(code="ocr-pages", message=f"pages read by OCR (check them): {_ranges(pages.ocr)}"))
    if pages.unmapped:
        warnings.append(DocumentWarning(code="unmapped-font-ocr",
                                        message="pages whose text layer is unreadable (a font without a Unicode map), "
                                                f"read by OCR: {_ranges(pages.unmapped)}"))
    for page, reason in pages.ocr_failed.items():
        warnings.append(DocumentWarning(code="ocr-failed", message=f"page {page}: OCR failed: {reason}"))
    if pages.no_text:
        hint = "" if ocr else "; --ocr reads them"
        warnings.append(DocumentWarning(code="no-text-layer",
                                        message=f"pages with no text layer (scanned?): {_ranges(pages.no_text)}{hint}"))
    for page, share in pages.garbled.items():
        warnings.append(DocumentWarning(code="unmapped-font", message=f"page {page}: {share:.0%} of characters unreadable "
                                                                     "(a font without a Unicode map); left out"))
    if not any(line.text.strip() for line in lines):
        warnings.append(DocumentWarning(code="no-readable-text", message="no readable text on any page"))
    return SourceText(source=source, sha256=hashlib.sha256(data).hexdigest(), encoding="pdf", raw=raw, lines=lines,
                      pages=len(pages.lines), printed_pages=pages.printed, ocr_pages=pages.ocr, warnings=warnings,
                      pdf_tables=tables, unread_pages=sorted(pages.no_text + list(pages.garbled)))


MAX_HEADING_ROWS = 3  # rows under the column names that may repeat on each page (units, sub-headings)


def _page_tables(pages: PdfPages) -> list:
    """Ruled tables as RawTables over source lines, one table where it runs on under its heading."""
    from extract.text.tables import RawRow, RawTable, continue_table

    starts, position = [], 0
    for lines in pages.lines:
        starts.append(position)
        position += max(len(lines), 1)  # an empty page still gives one (empty) line
    tables: list[RawTable] = []
    opening: list[list[list[str]]] = []  # each table's first rows, to recognise them repeated
    previous_page = None
    for page, first, last, rows in pages.tables:
        first, last = starts[page] + first, starts[page] + last
        if tables and previous_page in (page - 1, page) and rows[0] == tables[-1].columns:
            repeated = 1
            while (repeated < len(rows) and repeated - 1 < min(MAX_HEADING_ROWS, len(opening[-1]))
                   and rows[repeated] == opening[-1][repeated - 1]):
                repeated += 1
            continue_table(tables[-1], [RawRow(row, first, last) for row in rows[repeated:]])
            tables[-1].last = last
        else:
            tables.append(RawTable("pdf", rows[0], [RawRow(row, first, last) for row in rows[1:]], first, last))
            opening.append(rows[1:1 + MAX_HEADING_ROWS])
        previous_page = page
    return tables


def _keep_tables_out_of_prose(lines: list[Line], tables: list) -> list[Line]:
    """The lines with those a ruled table occupies blanked, in the view parsers read (same length,
    so spans and offsets hold; the raw text keeps them): a table's cells are its rows, not sentences."""
    lines = list(lines)
    for table in tables:
        for index in range(table.first, min(table.last, len(lines) - 1) + 1):
            line = lines[index]
            lines[index] = Line(line.number, line.page, line.start, " " * len(line.text))
    return lines


def _ranges(numbers: list[int]) -> str:
    spans, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current != previous + 1:
            spans.append(f"{start}" if start == previous else f"{start}-{previous}")
            start = current
    return ", ".join(spans)
