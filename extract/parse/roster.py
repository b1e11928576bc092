"""Lists of people under headings: a front sheet's membership, a minutes' attendance block.

Both are runs of lines where a heading ("Co-opted Members:", "Present:", "In Attendance:")
says what the names after it are, and the names come one per line or many per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.blocks import block
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
    for run in _logical_lines(source, first, last):
        line_block = block(source, run[0], run[-1])
        text = blank_markup(line_block.text)
        new_heading, rest, offset = split_heading(text)
        lead = 0
        if new_heading is not None:
            heading, lead = new_heading, offset
        elif skip_label and run[0] == first:  # "Membership: Councillors ...": names after the label
            lead = text.index(":") + 1
        body = text[lead:]
        if not body.strip():
            last_read = run[-1]
            continue
        names = parse_name_list(body, default_category=heading.category if heading else None)
        names = [n for n in names if n.title or n.given]
        if not names:
            if stop_on_prose:
                break
            continue
        last_read = run[-1]
        for name in names:
            span = line_block.span(source, lead + name.start, lead + name.end)
            found.append(ListedName(name, heading or Heading(None, None), span))
    return found, last_read


def _starts_entry(text: str) -> bool:
    """A line that opens a new roster entry: a heading, a title ('Councillor'), a category."""
    from extract.people import split_title

    text = blank_markup(text).strip()
    heading, _, _ = split_heading(text)
    return heading is not None or split_title(text)[0] is not None or bool(_category_start().match(text))


@cache
def _category_start() -> re.Pattern[str]:
    return re.compile(r"^" + phrase_alternation(section("honorifics")["category_prefixes"]) + r"\b", re.IGNORECASE)


_UNFINISHED = re.compile(r"(?:,|\band|&|\b[A-Z]\.?|\(\s*[^)]*)$")


def _unfinished(line: str) -> bool:
    """A line that stops mid-entry: at a comma, 'and', a lone initial, or inside brackets."""
    line = blank_markup(line).rstrip()
    return bool(_UNFINISHED.search(line)) or line.count("(") > line.count(")")


def _logical_lines(source: SourceText, first: int, last: int) -> list[list[int]]:
    """Lines joined where printing wrapped them: a line that opens no new entry, straight after a
    line that stopped mid-entry, carries it on."""
    runs: list[list[int]] = []
    previous_blank = True
    for index in range(first, last + 1):
        text = source.lines[index].text.strip()
        if not text:
            previous_blank = True
            continue
        prior = source.lines[runs[-1][-1]].text.rstrip() if runs else ""
        if runs and not previous_blank and _unfinished(prior) and not _starts_entry(text):
            runs[-1].append(index)
        else:
            runs.append([index])
        previous_blank = False
    return runs
