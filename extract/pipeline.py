"""The one place the stages are chained: read -> segment -> parse -> check -> Document."""

from __future__ import annotations

from pathlib import Path

from extract.checks import document_warnings
from extract.parse.front_sheet import parse_front_sheet
from extract.parse.minutes import parse_minutes
from extract.read import SourceText, read_path
from extract.segment import Segment, segment
from schemas import Attendance, Document, DocumentKind, DocumentPart, Meeting, Membership


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


def _same_person(a, b) -> bool:
    """Same surname and no clash of initials ('S Errington' and 'Stuart Errington')."""
    if a.surname.lower() != b.surname.lower():
        return False
    return not (a.initials and b.initials and not (a.initials.startswith(b.initials) or b.initials.startswith(a.initials)))


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
                matches = {m.category for m in roll if _same_person(m.person, entry.person)}
                if len(matches) == 1:
                    entry = entry.model_copy(update={"category": matches.pop()})
            filled.append(entry)
        meeting.attendance = filled


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
    document = Document(
        source=source.source,
        sha256=source.sha256,
        kind=document_kind(meetings, segments),
        encoding=source.encoding,
        pages=source.pages,
        parts=parts_of(source, segments),
        meetings=meetings,
    )
    document.warnings = list(source.warnings) + document_warnings(document)
    return document


def process_path(path: Path, source_name: str | None = None) -> Document:
    """Read and parse one file (raises UnreadableDocument for input that is not a paper)."""
    return parse_source(read_path(path, source_name))
