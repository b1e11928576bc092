"""Who wrote a report: 'Report of Jane Doe, Head of Finance', an 'Author:' label, and their roles.

Split from the report parser: reading a name and a post from an author line is shared by the
report's header and its contact details (extract.parsing.contacts).
"""

from __future__ import annotations

import re
from functools import cache

from extract.text.blocks import block, paragraph_end
from extract.parsing.report_sections import known_heading
from extract.parsing.roster import to_person
from extract.parsing.names import parse_name
from extract.text.lines import SourceText
from extract.segmenting.segment import Segment, is_date_line
from extract.text.clean import blank_markup, plain
from extract.base.vocabulary import canonical, canonical_words, phrase_alternation, vocabulary
from schemas import Author

MAX_AUTHOR_PARAGRAPHS = 6


@cache
def role_start() -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + phrase_alternation(vocabulary().author_roles.starts) + r"(?![\w])")


def parse_author(text: str) -> tuple[object | None, str | None, int, int]:
    """(Name or None, role, name start, name end) from 'Jane Doe, Head of Finance' and its kin."""
    text = plain(text).rstrip(".")
    if re.match(r"^the\s", text, re.IGNORECASE):
        return None, text[4:].strip(), 0, 0
    comma = text.find(",")
    name_part = text if comma < 0 else text[:comma]
    role_match = role_start().search(name_part)
    if role_match:
        name_part = name_part[: role_match.start()].strip()
    name = parse_name(name_part) if name_part else None
    if name is None or (not name.title and not name.given):
        return None, text, 0, 0
    role = text[len(name_part):].strip(" ,") or None
    return name, role, name.start, name.end


def find_authors(source: SourceText, segment_: Segment, stop: int) -> list[Author]:
    authors = []
    opener_pattern = re.compile(r"^(?:joint\s+)?report\s+(?:of|by|from)\s+", re.IGNORECASE)
    index = segment_.opener
    paragraphs = 0
    while index is not None and index <= stop and paragraphs < MAX_AUTHOR_PARAGRAPHS:
        if not source.lines[index].text.strip():
            index += 1
            continue
        end = paragraph_end(source, index, stop + 1)
        paragraph = block(source, index, end)
        # markup blanked, not removed: offsets into text are offsets into the paragraph
        text = blank_markup(paragraph.text)
        lead = len(text) - len(text.lstrip())
        skip = opener_pattern.match(text[lead:])
        if skip is None and index == segment_.opener:
            skip = re.match(r"report\s+\w+\s+", text[lead:], re.IGNORECASE)
        offset = lead + (skip.end() if skip else 0)
        flat = plain(text)
        if index != segment_.opener and (is_date_line(flat) or known_heading(flat.rstrip(":"))):
            break
        name, role, _, _ = parse_author(plain(text[offset:]))
        if name is not None or index == segment_.opener or (role and role_start().search(role)):
            span = paragraph.span(source, offset, len(text.rstrip()))
            authors.append(Author(person=to_person(name, span) if name else None, role=role, span=span))
        paragraphs += 1
        index = end + 1
    return authors


def known_author_heading(text: str) -> bool:
    return canonical(text) in canonical_words("report_sections", "author_labels")


def labelled_author(source: SourceText, value: str, index: int) -> Author:
    line = source.lines[index].text
    start = line.find(value[:20]) if value[:20] in line else 0
    span = source.span(index, index, start)
    name, role, _, _ = parse_author(value)
    return Author(person=to_person(name, span) if name else None, role=role, span=span)
