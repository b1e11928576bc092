"""The one place the stages are chained: read -> segment -> parse -> check -> Document."""

from __future__ import annotations

from pathlib import Path

from extract.normalising.checks import document_warnings
from extract.normalising.linking import link_reports
from extract.parsing.front_sheet import parse_front_sheet
from extract.parsing.minutes import parse_minutes
from extract.parsing.report import parse_report
from extract.parsing.table_records import table_kind, typed_records
from extract.parsing.names import spelled_given_name
from extract.parsing.people_match import same_person
from extract.reading.decode import is_pdf, read_bytes, read_text
from extract.text.lines import SourceText
from extract.segmenting.segment import Segment, segment
from extract.text.tables import find_tables
from schemas import Attendance, Document, DocumentKind, DocumentPart, Meeting, Membership, Person, Report, Span, Table


def parts_of(source: SourceText, segments: list[Segment]) -> list[DocumentPart]:
    """Segments flattened in reading order, children pointing at their parent's index."""
    parts: list[DocumentPart] = []
    for segment_ in segments:
        parent = len(parts)
        parts.append(DocumentPart(kind=segment_.kind, title=segment_.title, span=source.span(segment_.first, segment_.last, verbatim=False)))
        for child in segment_.children:
            parts.append(
                DocumentPart(kind=child.kind, title=child.title, parent=parent, span=source.span(child.first, child.last, verbatim=False))
            )
    return parts


def fill_categories(meetings: list[Meeting]) -> None:
    """Give attendance entries with no category the one a membership list of the body gives."""
    rolls: dict[str, list[Membership]] = {}
    for meeting in meetings:
        if meeting.body and meeting.membership:
            rolls.setdefault(meeting.body.lower(), []).extend(meeting.membership)
    for meeting in meetings:
        roll = rolls.get((meeting.body or "").lower(), [])
        filled: list[Attendance] = []
        for entry in meeting.attendance:
            if entry.category is None:
                matches = {m.category for m in roll if same_person(m.person, entry.person)}
                if len(matches) == 1:
                    entry = entry.model_copy(update={"category": matches.pop()})
            filled.append(entry)
        meeting.attendance = filled


def tables_of(source: SourceText, segments: list[Segment]) -> list[Table]:
    """Every table in the document, typed where its columns say what it holds."""
    reports = [s for s in segments if s.kind == "report"]
    tables = []
    for raw in find_tables(source) + source.pdf_tables:
        kind = table_kind(raw.columns)
        # the last report that starts before the table (a table at a report's end is trimmed off it)
        owner = next((r for r in reversed(reports) if r.first <= raw.first), None)
        tables.append(Table(
            columns=raw.columns,
            rows=[row.cells for row in raw.rows],
            kind=kind,
            syntax=raw.syntax,
            report_title=owner.title if owner else None,
            records=typed_records(raw, kind),
            row_spans=[source.span(row.first, row.last, verbatim=False) for row in raw.rows if row.first < len(source.lines)],
            span=source.span(raw.first, raw.last, verbatim=False),
        ))
    return tables


def _people_in(node) -> list[Person]:
    """Every Person in a record tree."""
    if isinstance(node, Person):
        return [node]
    if isinstance(node, (Span, str)) or node is None:
        return []
    if isinstance(node, list):
        return [p for value in node for p in _people_in(value)]
    if hasattr(node, "__pydantic_fields__"):
        return [p for name in type(node).model_fields for p in _people_in(getattr(node, name))]
    return []


def separate_namesakes(document: Document) -> None:
    """Give different spelled-out given names that share initials and surname their own ids.

    'Jane Smith' and 'John Smith' would both be 'j-smith'; within one document they become
    'j-smith-jane' and 'j-smith-john' (the ids people.json gives them), and 'J Smith' stays.
    """
    people = _people_in(document)
    given: dict[str, set[str]] = {}
    for person in people:
        if spelled := spelled_given_name(person.given):
            given.setdefault(person.id, set()).add(spelled)
    for person in people:
        names = given.get(person.id, set())
        if len(names) > 1 and person.given and person.given.split()[0].lower() in names:
            person.id = f"{person.id}-{person.given.split()[0].lower()}"


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
    meetings: list[Meeting] = []
    for segment_ in segments:
        if segment_.kind == "front_sheet":
            meeting = parse_front_sheet(source, segment_.first, segment_.last)
            if meeting is None:
                segment_.kind = "other"
                continue
        elif segment_.kind == "minutes":
            meeting = parse_minutes(source, segment_.first, segment_.last)
        else:
            continue
        meetings.append(meeting)
        segment_.title = ", ".join(part for part in (meeting.body, meeting.date) if part) or segment_.title
    fill_categories(meetings)
    reports: list[Report] = []
    for segment_ in segments:
        if segment_.kind == "report":
            reports.append(parse_report(source, segment_))
            segment_.title = reports[-1].title or segment_.title
    agenda = next((m for m in meetings if m.role == "agenda"), None)
    if agenda is not None:
        link_reports(agenda, reports)
    document = Document(
        source=source.source,
        sha256=source.sha256,
        kind=document_kind(meetings, segments),
        encoding=source.encoding,
        pages=source.pages,
        unread_pages=source.unread_pages,
        parts=parts_of(source, segments),
        meetings=meetings,
        reports=reports,
        tables=tables_of(source, segments),
    )
    separate_namesakes(document)
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
