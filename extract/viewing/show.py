"""`minutebook show RECORD_ID`: a record on its source for people who do not run Datasette: where it
is, its verbatim text or the lines around it marked, and the page image with the words
highlighted written to a PNG file (one per page the span lies on)."""

from __future__ import annotations

from pathlib import Path

from extract.storing.reader import open_read_only
from extract.viewing.render import cache_folder, draw_highlight, page_png, write_bytes_atomic
from extract.viewing.sources import Provenance
from extract.viewing.view import SourceView, find_row, source_view


def view_record(store: Path, record_id: str) -> SourceView:
    """The record with this id on its source (its table found from the id)."""
    with open_read_only(store) as reader:
        table, row = find_row(reader, record_id)
    return source_view(Provenance.of_row(table, row), cache_folder(store))


def png_files(target: Path, pages: int) -> list[Path]:
    """Where each page's image goes: the file asked for, then FILE-2.png, FILE-3.png for later pages."""
    return [target if n == 0 else target.with_name(f"{target.stem}-{n + 1}{target.suffix or '.png'}")
            for n in range(pages)]


def write_pngs(view: SourceView, target: Path, store: Path) -> list[Path]:
    """The page image(s) with the highlight painted on, written whole; the files written."""
    written = []
    for shown, path in zip(view.pages, png_files(target, len(view.pages))):
        png = page_png(view.pdf, view.provenance.sha256, shown.page, cache_folder(store))
        write_bytes_atomic(path, draw_highlight(png, shown.boxes))
        written.append(path)
    return written


def describe(view: SourceView) -> list[str]:
    """The record on its source, as lines of plain text for a terminal."""
    p = view.provenance
    where = ", ".join(x for x in (f"page {p.page}" if p.page else None,
                                  f"printed page {p.printed_page}" if p.printed_page else None,
                                  f"lines {p.line_start}-{p.line_end}", "read by OCR" if p.ocr else None) if x)
    out = [f"{p.table} {p.id}", f"{p.source} ({where})"]
    if view.problem:
        out.append(f"! {view.problem}")
    if view.lines:
        out += [f"{line.number:>6}  {line.before}{'»' + line.marked + '«' if line.marked else ''}{line.after}"
                for line in view.lines]
    elif view.text:
        out += ["", view.text]
    for shown in view.pages:
        if not shown.boxes:
            out.append(f"! page {shown.page}: the words were not found on the page's text")
    return out
