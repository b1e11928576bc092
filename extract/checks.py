"""What looks wrong in a parsed document: the warnings a clerk should read.

Checks look at records only, never at the text, so they say what the parse produced.
"""

from __future__ import annotations

from schemas import Document


def document_warnings(document: Document) -> list[str]:
    warnings: list[str] = []
    if document.kind == "unknown":
        warnings.append("no meeting, minutes or report recognised in this document")
    for meeting in document.meetings:
        label = f"{meeting.role} of {meeting.body or 'an unnamed body'} ({meeting.date or 'undated'})"
        if meeting.body is None:
            warnings.append(f"{label}: the body (committee) was not found")
        if meeting.date is None:
            warnings.append(f"{label}: the meeting date was not found")
        if meeting.role == "agenda":
            warnings.extend(_agenda_warnings(label, meeting))
        else:
            warnings.extend(_minutes_warnings(label, meeting))
    return warnings


def _agenda_warnings(label: str, meeting) -> list[str]:
    warnings = []
    if not meeting.agenda_items:
        warnings.append(f"{label}: no agenda items found")
    if not meeting.membership:
        warnings.append(f"{label}: no membership list found")
    ranges = [(item.number, item.pages) for item in meeting.agenda_items if item.pages]
    for (number, pages), (next_number, next_pages) in zip(ranges, ranges[1:]):
        if pages.end < pages.start:
            warnings.append(f"{label}: item {number} has pages {pages.start}-{pages.end}, which run backwards")
        if next_pages.start <= pages.end:
            warnings.append(f"{label}: items {number} and {next_number} overlap in pages ({pages.end} >= {next_pages.start})")
    return warnings


def _minutes_warnings(label: str, meeting) -> list[str]:
    warnings = []
    if not meeting.items:
        warnings.append(f"{label}: no minutes items found")
    if not any(entry.status == "present" for entry in meeting.attendance):
        warnings.append(f"{label}: no one recorded as present")
    present = {entry.person.id for entry in meeting.attendance if entry.status == "present"}
    for entry in meeting.attendance:
        if entry.status == "apologies" and entry.person.id in present:
            warnings.append(f"{label}: {entry.person.name} is recorded both present and as giving apologies")
    return warnings
