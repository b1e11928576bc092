"""PDF bytes to SourceText: pypdfium2's text layer, page by page, with the page furniture removed.

pypdfium2 reads the text layer with character boxes at hundreds of pages a second (pdfplumber
parses every page in pure Python at about a tenth of that). Each page is closed after use, so
memory stays flat on a long pack.

What a page gives:
- lines in reading order, with a blank line restored wherever the gap above a line is clearly
  larger than the page's usual line spacing: the text layer has no blank lines, and paragraphs
  are how every parser here tells one thing from the next;
- no furniture: "Page 12" / "Agenda Item 3" stamps and running headers or footers repeated on
  many pages are taken out, and each page's printed number is remembered;
- no garbage: a page whose text is mostly not letters (a font without a Unicode map) is left
  out and reported with the share of unreadable characters; a page with no text layer (a scan)
  is reported too. Either makes the document's status partial.

Character offsets in spans index this extracted text, in which pages are separated by form
feeds: the page of a record is the PDF's own page number.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from extract.errors import UnreadableDocument
from extract.read import SourceText, split_lines

MIN_PAGE_CHARS = 20  # fewer on a page: it has no text layer worth the name
MIN_READABLE_SHARE = 0.5  # below this share of characters in words or numbers, a page is garbage
_WORD = re.compile(r"[(\[\"'‘“]*[^\W\d_][\w'’.,;:!?&/–-]*[)\]\"'’”.,;:!?%]*")
_NUMBER = re.compile(r"[(£$€-]*\d[\d.,]*%?[)kmb]*[.,;:]?", re.IGNORECASE)
BLANK_GAP_FACTOR = 1.5  # a gap this many times the usual line spacing is a paragraph break
LINE_SPACING_IN_GLYPHS = 2.2  # normal line spacing is about twice a capital letter's height
FURNITURE_SHARE = 0.4  # a top or bottom line on this share of pages (and at least 3) is furniture
_STAMP = re.compile(r"^(?:(?:Page|Agenda Item|Agenda Page|Item)\s+\d+[A-Za-z]?\s*)+$|^\d{1,4}$|^-\s*\d{1,4}\s*-$",
                    re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"(?:^|\s)Page\s+(\d{1,4})\b|^(\d{1,4})$|^-\s*(\d{1,4})\s*-$", re.IGNORECASE)
_LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


@dataclass
class PdfPages:
    """What the PDF's pages gave, before they become one text."""

    lines: list[list[str]] = field(default_factory=list)
    printed: list[str | None] = field(default_factory=list)
    no_text: list[int] = field(default_factory=list)  # 1-based page numbers
    garbled: dict[int, float] = field(default_factory=dict)  # page -> share of unreadable characters
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


def _page_lines(textpage, text: str) -> list[str]:
    """The page's lines, with blank lines where the vertical gap says a paragraph ends."""
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
        position += len(line) + (2 if "\r\n" in text else 1)
    glyph = sorted(heights)[len(heights) // 2] if heights else 0
    gaps = [a - b for a, b in zip(tops, tops[1:]) if a is not None and b is not None and a - b > 1.2 * glyph]
    # The usual spacing is the smallest real gap; on a page of one-line paragraphs every gap is a
    # paragraph break, so the spacing a line of this type size would have caps it.
    usual = min(min(gaps), LINE_SPACING_IN_GLYPHS * glyph) if gaps and glyph else None
    out: list[str] = []
    previous_top = None
    for line, top in zip(lines, tops):
        if not line.strip():
            continue
        if usual and previous_top is not None and top is not None and previous_top - top > BLANK_GAP_FACTOR * usual:
            out.append("")
        out.append(line.rstrip().translate(str.maketrans(_LIGATURES)) if any(c in line for c in _LIGATURES) else line.rstrip())
        previous_top = top
    return out


def _readable_share(text: str) -> float:
    """Share of characters in tokens that are words or numbers; an unmapped font yields neither."""
    tokens = text.split()
    total = sum(len(t) for t in tokens)
    readable = sum(len(t) for t in tokens if _WORD.fullmatch(t) or _NUMBER.fullmatch(t))
    return readable / total if total else 1.0


def read_pages(data: bytes, source: str) -> PdfPages:
    pdf = _open(data, source)
    pages = PdfPages()
    try:
        if len(pdf) == 0:
            raise UnreadableDocument(source, "PDF has no pages")
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                number = index + 1
                if len(text.strip()) < MIN_PAGE_CHARS:
                    pages.no_text.append(number)
                    pages.lines.append([])
                elif _readable_share(text) < MIN_READABLE_SHARE:
                    pages.garbled[number] = round(1 - _readable_share(text), 2)
                    pages.lines.append([])
                else:
                    pages.lines.append(_page_lines(textpage, text))
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    _remove_furniture(pages)
    return pages


def _edge_lines(lines: list[str]) -> list[int]:
    """Indexes of the first two and last two non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:2] + filled[-2:]))


def _remove_furniture(pages: PdfPages) -> None:
    shape = lambda line: re.sub(r"\d+", "#", line.strip().lower())
    edges = [set(_edge_lines(lines)) for lines in pages.lines]
    counts = Counter(shape(lines[i]) for lines, edge in zip(pages.lines, edges) for i in edge)
    inside = Counter(shape(line) for lines, edge in zip(pages.lines, edges)
                     for i, line in enumerate(lines) if i not in edge and line.strip())
    threshold = max(3, FURNITURE_SHARE * sum(1 for lines in pages.lines if lines))
    # furniture repeats at the edges of pages and does not turn up inside them
    repeated = {s for s, n in counts.items() if n >= threshold and s and inside[s] * 4 < n}
    for p, lines in enumerate(pages.lines):
        printed = None
        drop = set()
        for i in _edge_lines(lines):
            text = lines[i].strip()
            if _STAMP.match(text) or shape(text) in repeated:
                drop.add(i)
                number = _PAGE_NUMBER.search(text)
                if number and printed is None:
                    printed = next(g for g in number.groups() if g)
                pages.furniture.append(text)
        pages.printed.append(printed)
        pages.lines[p] = [line for i, line in enumerate(lines) if i not in drop]


def read_pdf(data: bytes, source: str) -> SourceText:
    """Bytes of a PDF to SourceText (pages separated by form feeds)."""
    pages = read_pages(data, source)
    raw = "\n\f".join("\n".join(lines) for lines in pages.lines) + "\n"  # a page's last line ends before the break
    lines, _, _ = split_lines(raw)
    text = SourceText(source=source, sha256=hashlib.sha256(data).hexdigest(), encoding="pdf", raw=raw, lines=lines,
                      pages=len(pages.lines))
    text.printed_pages = pages.printed
    if pages.no_text:
        text.warnings.append(f"pages with no text layer (scanned?): {_ranges(pages.no_text)}")
    for page, share in pages.garbled.items():
        text.warnings.append(f"page {page}: {share:.0%} of characters unreadable (a font without a Unicode map); left out")
    text.unread_pages = sorted(pages.no_text + list(pages.garbled))
    text.incomplete = bool(text.unread_pages)
    if not any(line.text.strip() for line in lines):
        text.warnings.append("no readable text on any page")
    return text


def _ranges(numbers: list[int]) -> str:
    spans, start = [], numbers[0]
    for previous, current in zip(numbers, numbers[1:] + [None]):
        if current != previous + 1:
            spans.append(f"{start}" if start == previous else f"{start}-{previous}")
            start = current
    return ", ".join(spans)
