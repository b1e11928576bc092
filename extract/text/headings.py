"""Heading lines every stage recognises: an attendance heading ('Present:', 'Apologies for
absence:'), which says what the names after it are, and a reference to an agenda item under a
minutes heading ('(Item 4)'). They live with the text because segmenting, paragraph restoring
and parsing all read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.base.vocabulary import lookup, phrase_alternation, vocabulary

# '(Item 4)', '(Agenda Item No. 7.1)' on the line under a minutes heading
AGENDA_REFERENCE_LINE = re.compile(
    r"\(\s*" + phrase_alternation(vocabulary().minutes_items.reference_labels) + r"\s+(?:"
    + phrase_alternation(vocabulary().minutes_items.number_abbreviations) + r"\.?\s*)?(?P<item>[\w.]+)\s*\)\.?", re.IGNORECASE)


@dataclass(slots=True)
class Heading:
    status: str | None
    category: str | None


# a count in brackets may follow a heading: 'PRESENT (six Councillors): - Pam Bullas (PB), ...'
AFTER_HEADING = r"(?:[ \t]{0,3}\([^()]{0,40}\))?"


@cache
def heading_pattern() -> re.Pattern[str]:
    headings = vocabulary().attendance_headings
    return re.compile(
        r"^(?P<heading>" + phrase_alternation(headings) + r")" + AFTER_HEADING
        + r"\s*(?:[:\-–—]\s*(?:[\-–—]\s+)?(?P<rest>.*)|$)",
        re.IGNORECASE,
    )


@cache
def inner_heading_pattern() -> re.Pattern[str]:
    """A heading inside a line, which must end in a colon: '... Claire Williams (CW). Parish
    Clerk: Peter King In attendance: four members of the public.'"""
    headings = vocabulary().attendance_headings
    return re.compile(r"(?<=[\s.;,])(?P<heading>" + phrase_alternation(headings) + r")" + AFTER_HEADING + r"\s*:",
                      re.IGNORECASE)


def heading_of(phrase: str) -> Heading:
    entry = lookup(vocabulary().attendance_headings, phrase)
    return Heading(entry.status, entry.category or None)


def split_heading(text: str) -> tuple[Heading | None, str, int]:
    """The heading a line opens with (if any), the rest of the line, and where the rest starts."""
    match = heading_pattern().match(text)
    if not match:
        return None, text, 0
    rest = match["rest"] or ""
    start = match.start("rest") if match["rest"] is not None else len(text)
    return heading_of(match["heading"]), rest, start
