"""PDF bytes to SourceText: pypdfium2's text layer, page by page, with the page furniture removed.

pypdfium2 reads the text layer with character boxes at hundreds of pages a second (pdfplumber
parses every page in pure Python at about a tenth of that). Each page is closed after use, so
memory stays flat on a long pack. This module opens the PDF, reads each page (its text layer,
or Tesseract's reading of it) into a PdfPage, and joins the pages into one text:

- lines in reading order with paragraph gaps restored (extract.reading.pdf_lines), words broken
  at a line end joined (extract.reading.hyphenation), ruled tables found and placed over their
  lines (extract.reading.ruled_tables);
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

from extract.base.errors import UnreadableDocument
from extract.reading.hyphenation import repair_hyphenation
from extract.reading.pdf_chars import PageChars, path_objects
from extract.reading.pdf_lines import MIN_PAGE_CHARS, MIN_READABLE_SHARE, page_lines, readable_share, surely_readable
from extract.reading.pdf_page import PageLine, PdfPage, Reading, numbers
from extract.reading.ruled_tables import keep_tables_out_of_prose, may_hold_table, page_tables, ruled_tables
from extract.text.furniture import page_furniture
from extract.text.lines import SourceText, split_lines
from extract.text.paragraphs import breaks_between, full_width
from schemas import DocumentWarning

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


def _ocr_lines(page) -> list[str]:
    from extract.reading.ocr import ocr_page

    lines = [line.rstrip() for line in ocr_page(page).replace("\f", "").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def _read_by_ocr(page, read: PdfPage, source: str) -> PdfPage:
    """The page's lines as Tesseract reads them; a page OCR fails on is reported and left empty."""
    from extract.reading.ocr import OcrUnavailable

    try:
        lines = _ocr_lines(page)
    except OcrUnavailable as error:
        raise UnreadableDocument(source, str(error)) from None
    except Exception as error:  # one bad page must not lose the rest
        read.reading, read.ocr_error = Reading.NO_TEXT, str(error)
        return read
    read.lines = [PageLine(line) for line in lines]
    return read


def _read_text_layer(page, textpage, text: str, read: PdfPage, after_ruled: bool) -> PdfPage:
    """The page's lines from its text layer, words broken at line ends joined, its ruled tables."""
    chars = PageChars(textpage)
    lines = page_lines(chars, text)
    repaired = repair_hyphenation([line.text for line in lines])
    read.lines = [PageLine(text, line.top) for text, line in zip(repaired, lines)]
    paths = path_objects(page)
    if may_hold_table(paths, after_ruled):
        read.ruled = True
        read.found = ruled_tables(page, chars, paths)
    return read


def _read_page(page, textpage, number: int, ocr: bool, source: str, after_ruled: bool) -> PdfPage:
    """One page, read the way its text layer allows: as text, by OCR, or not at all."""
    text = textpage.get_text_range()
    height = page.get_height()
    blank = len(text.strip()) < MIN_PAGE_CHARS
    readable = 1.0 if blank or surely_readable(text) else readable_share(text)
    unreadable = None if readable >= MIN_READABLE_SHARE else round(1 - readable, 2)
    if (blank or unreadable is not None) and ocr:
        # a text layer of unmapped glyphs is no better than none: the page is read as a scan
        return _read_by_ocr(page, PdfPage(number, height, Reading.OCR, unreadable=unreadable), source)
    if blank:
        return PdfPage(number, height, Reading.NO_TEXT)
    if unreadable is not None:
        return PdfPage(number, height, Reading.UNMAPPED, unreadable=unreadable)
    return _read_text_layer(page, textpage, text, PdfPage(number, height, Reading.TEXT_LAYER), after_ruled)


def read_pages(data: bytes, source: str, ocr: bool = False) -> list[PdfPage]:
    """Every page of the PDF, furniture removed and a blank line where a page ends a paragraph."""
    pdf = _open(data, source)
    pages: list[PdfPage] = []
    try:
        if len(pdf) == 0:
            raise UnreadableDocument(source, "PDF has no pages")
        for index in range(len(pdf)):
            page = pdf[index]
            if page.get_rotation():  # a page turned for display reads in its own direction (in memory only)
                page.set_rotation(0)
            textpage = page.get_textpage()
            try:
                after_ruled = bool(pages) and pages[-1].ruled
                pages.append(_read_page(page, textpage, index + 1, ocr, source, after_ruled))
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    _remove_furniture(pages)
    _break_between_pages(pages)
    return pages


def _remove_furniture(pages: list[PdfPage]) -> None:
    for page, (drop, printed) in zip(pages, page_furniture([page.texts for page in pages])):
        page.furniture = [page.lines[i].text.strip() for i in sorted(drop)]
        page.printed = printed
        page.lines = [line for i, line in enumerate(page.lines) if i not in drop]


def _break_between_pages(pages: list[PdfPage]) -> None:
    """A blank line after a page whose last line ends a paragraph that the next page does not go on.

    The gap between two pages measures nothing, so the text decides, by the rule an extraction
    without blank lines is given (extract.text.paragraphs.breaks_between): the PDF and its extracted
    text then read the same (a new meeting's title at the top of a page starts a block).
    """
    width = full_width([line.text for page in pages for line in page.lines])
    before = None  # the last page so far with text
    for page in pages:
        if not any(line.text.strip() for line in page.lines):
            continue
        if before is not None and before.lines[-1].text.strip() and page.lines[0].text.strip() \
                and breaks_between(before.lines[-1].text.strip(), page.lines[0].text.strip(), width):
            before.lines.append(PageLine(""))
        before = page


def read_pdf(data: bytes, source: str, ocr: bool = False) -> SourceText:
    """Bytes of a PDF to SourceText (pages separated by form feeds); with ocr, scans are read too."""
    pages = read_pages(data, source, ocr)
    raw = "\n\f".join("\n".join(page.texts) for page in pages) + "\n"  # a page's last line ends before the break
    lines, _, _ = split_lines(raw, paged=True)
    tables = page_tables(pages)
    lines = keep_tables_out_of_prose(lines, tables)
    warnings = _warnings(pages, ocr)
    if not any(line.text.strip() for line in lines):
        warnings.append(DocumentWarning(code="no-readable-text", message="no readable text on any page"))
    return SourceText(source=source, sha256=hashlib.sha256(data).hexdigest(), encoding="pdf", raw=raw, lines=lines,
                      pages=len(pages), printed_pages=[page.printed for page in pages],
                      ocr_pages=numbers(pages, Reading.OCR), warnings=warnings, pdf_tables=tables,
                      unread_pages=[page.number for page in pages if page.unread])


def _warnings(pages: list[PdfPage], ocr: bool) -> list[DocumentWarning]:
    """What the reader could not read, or read only by OCR, page by page."""
    warnings: list[DocumentWarning] = []
    if by_ocr := numbers(pages, Reading.OCR):
        warnings.append(DocumentWarning(code="ocr-pages", message=f"pages read by OCR (check them): {_ranges(by_ocr)}"))
    if unmapped := [page.number for page in pages if page.ocr_for_unmapped_font]:
        warnings.append(DocumentWarning(code="unmapped-font-ocr",
                                        message="pages whose text layer is unreadable (a font without a Unicode map), "
                                                f"read by OCR: {_ranges(unmapped)}"))
    for page in pages:
        if page.ocr_error is not None:
            warnings.append(DocumentWarning(code="ocr-failed", message=f"page {page.number}: OCR failed: {page.ocr_error}"))
    if no_text := numbers(pages, Reading.NO_TEXT):
        hint = "" if ocr else "; --ocr reads them"
        warnings.append(DocumentWarning(code="no-text-layer",
                                        message=f"pages with no text layer (scanned?): {_ranges(no_text)}{hint}"))
    for page in pages:
        if page.reading is Reading.UNMAPPED:
            warnings.append(DocumentWarning(code="unmapped-font",
                                            message=f"page {page.number}: {page.unreadable:.0%} of characters "
                                                    "unreadable (a font without a Unicode map); left out"))
    return warnings


def _ranges(page_numbers: list[int]) -> str:
    """'1-3, 7': page numbers in ascending order as runs."""
    spans, start = [], page_numbers[0]
    for previous, current in zip(page_numbers, page_numbers[1:] + [None]):
        if current != previous + 1:
            spans.append(f"{start}" if start == previous else f"{start}-{previous}")
            start = current
    return ", ".join(spans)
