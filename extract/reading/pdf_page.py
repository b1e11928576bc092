"""One PDF page as the reader saw it: its lines with their tops, how they were read, its ruled
tables and its printed number. The document's facts (pages read by OCR, pages left unread) are
read off the pages, so no list of page numbers can fall out of step with the pages themselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class PageLine(NamedTuple):
    """A line of a page and its top in PDF units from the page's bottom (None: blank, or OCR'd)."""

    text: str
    top: float | None = None


class FoundTable(NamedTuple):
    """A ruled table's rows and the band of tops (PDF units from the bottom) it covers."""

    low: float
    high: float
    rows: list[list[str]]


class Reading(Enum):
    """How a page's lines were read."""

    TEXT_LAYER = "text layer"
    OCR = "ocr"
    NO_TEXT = "no text layer"  # a scan not OCR'd, or a page OCR failed on: no lines
    UNMAPPED = "unmapped font"  # a text layer of glyphs without a Unicode map, left out: no lines


@dataclass
class PdfPage:
    """What one page gave, before the pages become one text."""

    number: int  # 1-based, the PDF's own
    height: float
    reading: Reading
    lines: list[PageLine] = field(default_factory=list)
    unreadable: float | None = None  # share of the text layer's characters unreadable, when mostly so
    ocr_error: str | None = None
    ruled: bool = False  # draws enough lines to hold a ruled table
    found: list[FoundTable] = field(default_factory=list)
    printed: str | None = None  # the page number it prints
    furniture: list[str] = field(default_factory=list)  # the stamps and running lines taken out

    @property
    def texts(self) -> list[str]:
        return [line.text for line in self.lines]

    @property
    def unread(self) -> bool:
        """No line of the page could be read: the document is partial."""
        return self.reading in (Reading.NO_TEXT, Reading.UNMAPPED)

    @property
    def ocr_for_unmapped_font(self) -> bool:
        """Sent to OCR because its text layer was unreadable, not because it had none."""
        return self.unreadable is not None and self.reading is not Reading.UNMAPPED


def numbers(pages: list[PdfPage], reading: Reading) -> list[int]:
    """The numbers of the pages read this way, in page order."""
    return [page.number for page in pages if page.reading is reading]
