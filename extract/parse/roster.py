"""Lists of people under headings: a front sheet's membership, a minutes' attendance block.

Both are runs of lines where a heading ("Co-opted Members:", "Present:", "In Attendance:")
says what the names after it are, and the names come one per line or many per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.people import Name, parse_name_list
from extract.read import SourceText
from extract.textclean import blank_markup
from extract.vocabulary import lookup, phrase_alternation, section
from schemas import Person, Span


@dataclass(slots=True)
class Heading:
    status: str | None
    category: str | None


@dataclass(slots=True)
class ListedName:
    name: Name
    heading: Heading
    span: Span


@cache
def _heading_pattern() -> re.Pattern[str]:
    headings = section("attendance_headings")
    return re.compile(
        r"^(?P<heading>" + phrase_alternation(headings) + r")\s*(?:[:\-–—]\s*(?P<rest>.*)|$)",
        re.IGNORECASE,
    )


def split_heading(text: str) -> tuple[Heading | None, str, int]:
    """The heading a line opens with (if any), the rest of the line, and where the rest starts."""
    match = _heading_pattern().match(text)
    if not match:
        return None, text, 0
    entry = lookup(section("attendance_headings"), match["heading"])
    rest = match["rest"] or ""
    start = match.start("rest") if match["rest"] is not None else len(text)
    return Heading(entry["status"], entry["category"] or None), rest, start


def to_person(name: Name, span: Span | None = None) -> Person:
    return Person(
        id=name.id,
        name=name.name,
        title=name.title,
        given=name.given,
        initials=name.initials,
        surname=name.surname,
        span=span,
    )


def read_roster(
    source: SourceText, first: int, last: int, heading: Heading | None = None, stop_on_prose: bool = True,
    skip_label: bool = False,
) -> tuple[list[ListedName], int]:
    """Names in lines first..last under their headings; also the last line index read.

    With stop_on_prose, the first line that is neither a heading nor a list of names ends the
    roster (a membership list ends where the contact details begin).
    """
    found: list[ListedName] = []
    last_read = first - 1
    for index in range(first, last + 1):
        line = blank_markup(source.lines[index].text)
        if not line.strip():
            continue
        new_heading, rest, offset = split_heading(line.strip())
        lead = len(line) - len(line.lstrip())
        if new_heading is not None:
            heading, lead = new_heading, lead + offset
        elif skip_label and index == first:  # "Membership: Councillors ...": names after the label
            lead = line.index(":") + 1
        text = line[lead:]
        if not text.strip():
            last_read = index
            continue
        names = parse_name_list(text, default_category=heading.category if heading else None)
        names = [n for n in names if n.title or n.given]
        if not names:
            if stop_on_prose:
                break
            continue
        last_read = index
        for name in names:
            span = source.span(index, index, lead + name.start, lead + name.end)
            found.append(ListedName(name, heading or Heading(None, None), span))
    return found, last_read
