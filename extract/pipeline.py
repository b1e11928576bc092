"""The one place the stages are chained: read -> segment -> parse -> normalise -> Document."""

from __future__ import annotations

from pathlib import Path

from extract.base.vocabulary import vocabulary
from extract.normalising.checks import document_warnings
from extract.normalising.normalise import normalise
from extract.parsing.front_sheet import parse_front_sheet
from extract.parsing.minutes import parse_minutes
from extract.parsing.report import parse_report
from extract.parsing.table_records import table_kind, typed_records
from extract.reading.decode import is_pdf, read_bytes, read_text
from extract.text.lines import SourceText
from extract.segmenting.segment import Segment, segment
from extract.text.tables import find_tables
from schemas import Document, DocumentKind, DocumentPart, Meeting, Report, Table

PARSERS = {"front_sheet": parse_front_sheet, "minutes": parse_minutes, "report": parse_report}

Record = Meeting | Report | None


def parse_segments(source: SourceText, segments: list[Segment]) -> list[Record]:
    """Each segment's record (None for a part no parser reads, or one that holds none)."""
    words = vocabulary()
    return [PARSERS[s.kind](source, s, words) if s.kind in PARSERS else None for s in segments]


def part_kind(segment_: Segment, record: Record) -> str:
    """A front sheet that holds no agenda is some other part."""
    return "other" if segment_.kind == "front_sheet" and record is None else segment_.kind


def part_title(segment_: Segment, record: Record) -> str | None:
    """A part's title as its record names it: a meeting's body and date, a report's title."""
    if isinstance(record, Meeting):
        return ", ".join(part for part in (record.body, record.date) if part) or segment_.title
    if isinstance(record, Report):
        return record.title or segment_.title
    return segment_.title


def parts_of(source: SourceText, segments: list[Segment], records: list[Record]) -> list[DocumentPart]:
    """Segments flattened in reading order, children pointing at their parent's index."""
    parts: list[DocumentPart] = []
    for segment_, record in zip(segments, records):
        parent = len(parts)
        parts.append(DocumentPart(kind=part_kind(segment_, record), title=part_title(segment_, record),
                                  span=source.span(segment_.first, segment_.last, verbatim=False)))
        for child in segment_.children:
            parts.append(
                DocumentPart(kind=child.kind, title=child.title, parent=parent, span=source.span(child.first, child.last, verbatim=False))
            )
    return parts


def tables_of(source: SourceText, segments: list[Segment], records: list[Record]) -> list[Table]:
    """Every table in the document, typed where its columns say what it holds."""
    reports = [(s, part_title(s, record)) for s, record in zip(segments, records) if s.kind == "report"]
    tables = []
    for raw in find_tables(source) + source.pdf_tables:
        kind = table_kind(raw.columns)
        # the last report that starts before the table (a table at a report's end is trimmed off it)
        owner = next((title for r, title in reversed(reports) if r.first <= raw.first), None)
        tables.append(Table(
            columns=raw.columns,
            rows=[row.cells for row in raw.rows],
            kind=kind,
            syntax=raw.syntax,
            report_title=owner,
            records=typed_records(raw, kind),
            row_spans=[source.span(row.first, row.last, verbatim=False) for row in raw.rows if row.first < len(source.lines)],
            span=source.span(raw.first, raw.last, verbatim=False),
        ))
    return tables


def document_kind(meetings: list[Meeting], segments: list[Segment]) -> DocumentKind:
    if any(m.role == "agenda" for m in meetings):
        return DocumentKind.agenda_pack
    if any(m.role == "minutes" for m in meetings):
        return DocumentKind.minutes
    if any(s.kind == "report" for s in segments):
        return DocumentKind.report
    return DocumentKind.unknown


def parse_source(source: SourceText) -> Document:
    """A read document to its records."""
    segments = segment(source)
    records = parse_segments(source, segments)
    meetings = [r for r in records if isinstance(r, Meeting)]
    document = Document(
        source=source.source,
        sha256=source.sha256,
        kind=document_kind(meetings, segments),
        encoding=source.encoding,
        pages=source.pages,
        unread_pages=source.unread_pages,
        parts=parts_of(source, segments, records),
        meetings=meetings,
        reports=[r for r in records if isinstance(r, Report)],
        tables=tables_of(source, segments, records),
    )
    normalise(document)
    document.warnings = list(source.warnings) + document_warnings(document)
    return document


def read_source(data: bytes, name: str, ocr: bool = False) -> SourceText:
    """Bytes to SourceText by what they are: a PDF (by its header or name) or text."""
    if is_pdf(data, name):
        from extract.reading.pdf import read_pdf

        return read_pdf(data, name, ocr)
    return read_text(data, name)


def process_path(path: Path, source_name: str | None = None, ocr: bool = False) -> Document:
    """Read and parse one file (raises UnreadableDocument for input that is not a paper)."""
    name = source_name or str(path)
    return parse_source(read_source(read_bytes(path, name), name, ocr))
