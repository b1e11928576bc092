"""A front sheet to the Meeting it summons: header, agenda and membership."""

from __future__ import annotations

import re
from functools import cache

from extract.text.blocks import block, paragraph_end
from extract.parsing.agenda import ITEM, parse_agenda
from extract.parsing.meeting import build_meeting
from extract.segmenting.header import (
    Header,
    apply_labelled_line,
    is_body_name,
    parse_meeting_sentence,
    read_labelled_line,
    venue_word,
)
from extract.parsing.roster import read_roster, to_person
from extract.text.headings import Heading
from extract.segmenting.segment import Segment
from extract.text.lines import SourceText
from extract.text.clean import plain
from extract.base.vocabulary import Vocabulary, phrase_alternation, vocabulary
from schemas import Meeting, MeetingRole, Membership


@cache
def _membership_opener() -> re.Pattern[str]:
    return re.compile(r"^(?:" + phrase_alternation(vocabulary().membership.openers) + r")\s*:\s*(?P<rest>.*)$", re.IGNORECASE)


@cache
def _body_prefix() -> re.Pattern[str]:
    return re.compile(r"^(?:" + phrase_alternation(vocabulary().membership.body_prefixes) + r")\s+", re.IGNORECASE)


def read_header(source: SourceText, first: int, last: int, limit: int = 60) -> Header:
    """Labelled lines and any 'meeting of X held ...' sentence in the first lines of a part."""
    header = Header()
    index = first
    end = min(last, first + limit)
    while index <= end:
        text = source.lines[index].text
        if not text.strip():
            index += 1
            continue
        labelled = read_labelled_line(text)
        if labelled:
            apply_labelled_line(header, *labelled)
            header.cover(index)
            index += 1
            continue
        stop = paragraph_end(source, index, last + 1)
        sentence = parse_meeting_sentence(block(source, index, stop).text) if "held" in plain(
            block(source, index, stop).text).lower() else None
        if sentence and not ITEM.match(plain(text)):
            header.body = header.body or sentence.body
            header.date = header.date or sentence.date
            header.time = header.time or sentence.time
            header.venue = header.venue or sentence.venue
            header.cover(index)
            header.cover(stop)
        index = stop + 1
    return header


def body_above(source: SourceText, first: int, index: int) -> str | None:
    """The committee named by the heading paragraph nearest above line `index`."""
    cursor = index - 1
    while cursor >= first:
        if source.lines[cursor].text.strip():
            top = cursor
            while top - 1 >= first and source.lines[top - 1].text.strip():
                top -= 1
            text = plain(block(source, top, cursor).text)
            if is_body_name(text) and len(text) <= 150:
                return text
            cursor = top
        cursor -= 1
    return None


def find_membership(source: SourceText, first: int, last: int) -> tuple[int | None, str | None, bool]:
    """The line that opens the membership list, the body it names ('To: Members of X'), and
    whether names follow on the opener line itself ('Membership: Councillors A, B and C')."""
    for index in range(first, last + 1):
        match = _membership_opener().match(source.plain_lines()[index])
        if match:
            rest = match["rest"].strip()
            named = _body_prefix().match(rest)
            if named:
                return index, rest[named.end():].strip(), False
            return index, None, bool(rest)
    return None, None, False


def parse_membership(source: SourceText, opener: int, last: int, names_on_opener: bool) -> list[Membership]:
    first = opener if names_on_opener else opener + 1
    listed, _ = read_roster(source, first, last, heading=Heading("present", "member"), skip_label=names_on_opener)
    members: list[Membership] = []
    for entry in listed:
        members.append(
            Membership(
                person=to_person(entry.name, entry.span),
                role=entry.name.role,
                category=entry.name.category or entry.heading.category or "member",
                span=entry.span,
            )
        )
    return members


def dated_line_header(source: SourceText, first: int, last: int, header: Header, limit: int = 30) -> None:
    """An unlabelled front sheet: a line opening with the date ('Thursday, 13th March, 2025, at
    3.00 pm') gives date and time, and the nearest address-like paragraph after it the venue."""
    from extract.base.dates import find_date, find_time

    seen = 0
    for index in range(first, last + 1):
        text = source.plain_lines()[index]
        if not text:
            continue
        seen += 1
        if seen > limit:
            return
        found = find_date(text)
        if found is None or found[1] > 15:
            continue
        header.date = found[0].isoformat()
        clock = find_time(text[found[2]:])
        header.time = header.time or (clock[0] if clock else None)
        header.cover(index)
        cursor = paragraph_end(source, index, last + 1) + 1
        for _ in range(3):  # the venue is one of the next few paragraphs
            while cursor <= last and not source.plain_lines()[cursor]:
                cursor += 1
            if cursor > last:
                return
            end = paragraph_end(source, cursor, last + 1)
            labelled = next((i for i in range(cursor, end + 1) if ":" in source.plain_lines()[i]), end + 1)
            paragraph = plain(block(source, cursor, labelled - 1).text) if labelled > cursor else ""
            if paragraph and venue_word().search(paragraph) and len(paragraph) <= 160:
                header.venue = header.venue or paragraph.rstrip(" ,.")
                return
            cursor = end + 1
        return


def parse_front_sheet(source: SourceText, segment_: Segment, vocabulary: Vocabulary) -> Meeting | None:
    """The forthcoming meeting a pack summons, or None when the part holds no agenda."""
    first, last = segment_.first, segment_.last
    header = read_header(source, first, last)
    undated = header.date is None
    if undated:
        dated_line_header(source, first, last, header)
    opener, named_body, names_on_opener = find_membership(source, first, last)
    agenda_end = opener - 1 if opener is not None else last
    agenda = parse_agenda(source, first, agenda_end)
    body = header.body
    if body is None and header.first is not None:
        body = body_above(source, first, header.first)
    body = body or named_body
    if undated and header.date is not None and body is None:
        return None  # a date on a line of its own, with no committee above it, is a letter's date
    if header.date is None and body is None:
        return None  # numbered lines with no meeting named or dated are not an agenda
    if not agenda and header.date is None:
        return None
    membership = parse_membership(source, opener, last, names_on_opener) if opener is not None else []
    return build_meeting(source, MeetingRole.agenda, header, body, first, last,
                         agenda_items=agenda, membership=membership)
