"""A Meeting record from the header its part opens with and the records parsed from the part."""

from __future__ import annotations

import re

from extract.segmenting.header import MAX_BODY_CHARS, MAX_VENUE_CHARS, Header, bounded
from extract.text.lines import SourceText
from schemas import Meeting, MeetingRole


def meeting_id(body: str | None, date: str | None, fallback: str) -> str:
    """A stable id: the body's slug and the date ('planning-committee-2024-03-05')."""
    slug = re.sub(r"[^a-z0-9]+", "-", (body or "meeting").lower()).strip("-")
    return f"{slug}-{date or fallback}"


def build_meeting(source: SourceText, role: MeetingRole, header: Header, body: str | None,
                  first: int, last: int, **records) -> Meeting:
    """A Meeting from its header and records, spanning lines first..last of the source."""
    body = bounded(body, MAX_BODY_CHARS)
    return Meeting(
        id=meeting_id(body, header.date, source.sha256[:12]),
        role=role,
        body=body,
        date=header.date,
        time=header.time,
        venue=bounded(header.venue, MAX_VENUE_CHARS),
        span=source.span(first, last, verbatim=False),
        **records,
    )
