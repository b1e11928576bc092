"""One record on its source: everything a page (or `minutebook show`) needs to show it, gathered
from the store and the source file. Rendering it (HTML, a PNG) is the job of the modules beside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from extract.storing.reader import StoreReader
from extract.viewing.boxes import folded
from extract.viewing.render import Highlight, highlight
from extract.viewing.sources import (MarkedLine, PagePiece, Provenance, SourceProblem, is_pdf_file, lines_around,
                                     page_pieces, read_again, source_file, span_text)


class UnknownRecord(SourceProblem):
    """No record of the store has this id."""


@dataclass(slots=True)
class SourceView:
    """A record shown on its source: the pages it lies on with its highlight (a PDF), or the lines
    around it with it marked (text), or the sentence saying why the source cannot be shown."""

    provenance: Provenance
    text: str | None = None
    pdf: Path | None = None
    pages: list[Highlight] = field(default_factory=list)
    lines: list[MarkedLine] = field(default_factory=list)
    problem: str | None = None


def find_row(reader: StoreReader, row_id: str, table: str | None = None) -> tuple[str, dict]:
    """A record's table and row by its id (its table looked up when not given)."""
    table = table or reader.record_table(row_id)
    row = reader.row_by_id(table, row_id) if table else None
    if row is None:
        raise UnknownRecord(f"{row_id}: no record with this id in the store")
    return table, row


def source_view(provenance: Provenance, cache: Path) -> SourceView:
    """The record on its source; a source that cannot be shown is a view with a problem."""
    view = SourceView(provenance, text=provenance.text)
    try:
        path = source_file(provenance)
        if is_pdf_file(path):
            _fill_pdf(view, path, cache)
        else:
            source = read_again(path, provenance.sha256)
            view.text = span_text(provenance, source)
            view.lines = lines_around(source, provenance)
    except SourceProblem as problem:
        view.problem = str(problem)
    return view


def _fill_pdf(view: SourceView, path: Path, cache: Path) -> None:
    """The highlight of each page the span lies on."""
    provenance = view.provenance
    source = None if provenance.text is not None else read_again(path, provenance.sha256, provenance.ocr)
    text = span_text(provenance, source)
    pieces = page_pieces(provenance, text, source)
    if source is None and any(_said_twice(path, piece, provenance.ocr) for piece in pieces):
        source = read_again(path, provenance.sha256, provenance.ocr)  # where on the page: the reader's text says
        pieces = page_pieces(provenance, text, source)
    view.text, view.pdf = text, path
    view.pages = [highlight(path, provenance.sha256, piece.page, piece.text, piece.before, provenance.ocr, cache)
                  for piece in pieces]


def _said_twice(path: Path, piece: PagePiece, ocr: bool) -> bool:
    """Whether the page's text layer says the piece's words more than once. A scanned page is not
    asked: reading the paper again would take Tesseract seconds a page, so its first place is taken."""
    if ocr:
        return False
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        if not 1 <= piece.page <= len(document):
            return False
        textpage = document[piece.page - 1].get_textpage()
        page_text = textpage.get_text_range()
    finally:
        document.close()
    page, _ = folded(page_text)
    target, _ = folded(piece.text)
    first = page.find(target)
    return first >= 0 and page.find(target, first + 1) >= 0
