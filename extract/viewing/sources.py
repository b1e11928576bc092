"""Where a record came from: its row's provenance, the source file found where the store says it
was read (and checked to be the same bytes), and the span's verbatim text page by page.

A moved, missing or changed file is a SourceProblem with a sentence for the page, never a crash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extract.base.errors import MinutebookError
from extract.pipeline import read_source
from extract.reading.decode import is_pdf
from extract.text.lines import SourceText

CONTEXT_LINES = 3  # lines shown above and below a span in a text source


class SourceProblem(MinutebookError):
    """The source of a record cannot be shown: a sentence naming the file and what is wrong."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """A record's place in its source, as the store holds it."""

    table: str
    id: str
    sha256: str
    source: str
    page: int | None
    printed_page: str | None
    ocr: bool
    line_start: int
    line_end: int
    char_start: int
    char_end: int
    text: str | None  # verbatim, where the record keeps it (not on containers)

    @classmethod
    def of_row(cls, table: str, row: dict, table_row: int | None = None) -> Provenance:
        """The provenance of a store row, or of one row of a stored table (its row_spans)."""
        record = json.loads(row["record"]) if row.get("record") else {}
        span = record.get("span") or {}
        if table_row is not None:
            spans = record.get("row_spans") or []
            if not 0 <= table_row < len(spans):
                raise SourceProblem(f"{row['id']}: the table has no row {table_row + 1}")
            span = spans[table_row]
        return cls(table, row["id"], row["document_sha256"], row["source"], span.get("page", row.get("page")),
                   span.get("printed_page"), bool(span.get("ocr")), span.get("line_start", row["line_start"]),
                   span.get("line_end", row["line_end"]), span.get("char_start", row["char_start"]),
                   span.get("char_end", row["char_end"]), span.get("text"))


def file_sha256(path: Path) -> str:
    return _hash_of(str(path), *_stamp(path))


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


@lru_cache(maxsize=256)
def _hash_of(path: str, mtime_ns: int, size: int) -> str:
    """A file's SHA-256, computed once per version of it (its modification time and size)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def source_file(provenance: Provenance) -> Path:
    """The file the record was read from, where the store says it is, with the bytes it had."""
    path = Path(provenance.source)
    if not path.is_file():
        raise SourceProblem(f"{provenance.source}: the source file is not where it was read (moved or deleted); "
                            "ingest it from its new place to see its records on the page")
    try:
        found = file_sha256(path)
    except OSError as error:
        raise SourceProblem(f"{provenance.source}: the source file cannot be read ({error.strerror or error})") from None
    if found != provenance.sha256:
        raise SourceProblem(f"{provenance.source}: the source file has changed since it was read (its SHA-256 is "
                            f"{found[:12]}…, the store's {provenance.sha256[:12]}…); ingest it again")
    return path


def is_pdf_file(path: Path) -> bool:
    with open(path, "rb") as handle:
        return is_pdf(handle.read(1024), str(path))


def read_again(path: Path, sha256: str, ocr: bool = False) -> SourceText:
    """The source read again through the pipeline's reader, as at ingest (kept for the next look)."""
    return _read_cached(str(path), sha256, ocr)


@lru_cache(maxsize=8)
def _read_cached(path: str, sha256: str, ocr: bool) -> SourceText:
    return read_source(Path(path).read_bytes(), path, ocr)


def span_text(provenance: Provenance, source: SourceText | None) -> str:
    """The span's verbatim text: the record's own, or the re-read source's characters."""
    if provenance.text is not None:
        return provenance.text
    if source is None:
        raise ValueError("a span without its text needs the source read again")
    return source.raw[provenance.char_start:provenance.char_end]


@dataclass(frozen=True, slots=True)
class PagePiece:
    """The part of a span that lies on one page, and the reader's text of that page before it (when known)."""

    page: int
    text: str
    before: str | None


def page_pieces(provenance: Provenance, text: str, source: SourceText | None) -> list[PagePiece]:
    """A span's text cut at its page breaks (form feeds): a piece per page it lies on."""
    first_page = provenance.page or 1
    before = _text_before(provenance, source)
    return [PagePiece(first_page + index, piece, before if index == 0 else "")
            for index, piece in enumerate(text.split("\f")) if piece.strip()]


def _text_before(provenance: Provenance, source: SourceText | None) -> str | None:
    """The reader's text of the span's first page up to the span (later pages' pieces start them)."""
    if source is None:
        return None
    return source.raw[source.raw.rfind("\f", 0, provenance.char_start) + 1:provenance.char_start]


@dataclass(frozen=True, slots=True)
class MarkedLine:
    """A line of a text source shown around a span: its number and its text cut where the span is."""

    number: int
    before: str
    marked: str
    after: str


def lines_around(source: SourceText, provenance: Provenance, context: int = CONTEXT_LINES) -> list[MarkedLine]:
    """The span's lines and a few either side, the span's characters set apart on each."""
    indexes = source.indexes_of(_Chars(provenance.char_start, provenance.char_end))
    first, last = max(indexes.start - context, 0), min(indexes.stop - 1 + context, len(source.lines) - 1)
    shown = []
    for line in source.lines[first:last + 1]:
        raw = source.raw[line.start:line.start + len(line.text)]
        begin = min(max(provenance.char_start - line.start, 0), len(raw))
        end = min(max(provenance.char_end - line.start, 0), len(raw))
        shown.append(MarkedLine(line.number, raw[:begin], raw[begin:end], raw[end:]))
    return shown


@dataclass(frozen=True, slots=True)
class _Chars:
    """The character range SourceText.indexes_of reads from a span."""

    char_start: int
    char_end: int
