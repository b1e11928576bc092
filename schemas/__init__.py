"""Pydantic records and the exported JSON Schema that is minutebook's output contract."""

from schemas.records import (
    AgendaItem,
    Attendance,
    AttendanceStatus,
    ChairRole,
    Document,
    DocumentKind,
    DocumentOutcome,
    DocumentPart,
    DocumentStatus,
    IngestReport,
    Meeting,
    MeetingRole,
    MemberCategory,
    Membership,
    MinutesItem,
    PageRange,
    Part,
    PartKind,
    Person,
    Resolution,
    Span,
    SubItem,
)

__all__ = [
    "AgendaItem", "Attendance", "AttendanceStatus", "ChairRole", "Document", "DocumentKind",
    "DocumentOutcome", "DocumentPart", "DocumentStatus", "IngestReport", "Meeting", "MeetingRole",
    "MemberCategory", "Membership", "MinutesItem", "PageRange", "Part", "PartKind", "Person",
    "Resolution", "Span", "SubItem",
]
