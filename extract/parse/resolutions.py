"""Decisions in a minutes item: each clause of a "Resolved:" block as its own record.

Shapes covered: "Resolved:" then "That the report be noted."; "Resolved:" then "(i) That ...",
"(ii) That ..."; "RESOLVED – that the report be noted." on one line; "RESOLVED that (a) ...;
and (b) ..." with labels inline; "It was RESOLVED:" and "AGREED:" (only with a colon or dash,
so "agreed to circulate the details" is not a decision).
"""

from __future__ import annotations

import re
from functools import cache

from extract.blocks import block, paragraph_end
from extract.parse.clauses import read_clauses
from extract.read import SourceText
from extract.textclean import blank_markup
from extract.vocabulary import phrase_alternation, section
from schemas import Resolution


@cache
def _marker() -> re.Pattern[str]:
    markers = section("resolution_markers")
    strong = phrase_alternation(markers["strong"])
    weak = phrase_alternation(markers["weak"])
    # a numbered paragraph may open with the decision: "5. RESOLVED that ...", "(2) Resolved:"
    paragraph = r"(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+)?"
    return re.compile(
        rf"^{paragraph}(?:{strong}(?:\s*\([^)]{{1,40}}\))?(?:\s*[:\-–—.]+\s*|\s+(?=that\b|to\b)|\s*$)|{weak}\s*(?:[:\-–—]+\s*|$))",
        re.IGNORECASE,
    )


@cache
def _sentence_marker() -> re.Pattern[str]:
    openers = phrase_alternation(section("resolution_markers")["sentence"])
    return re.compile(rf"(?:^|(?<=[.!?]\s))\W{{0,3}}{openers}\s+that\s+(?P<text>[^.!?]*(?:\.(?=\d)[^.!?]*)*[.!?]?)", re.IGNORECASE)


def sentence_resolutions(source: SourceText, first: int, last: int, taken: set[int]) -> list[Resolution]:
    """Decisions stated as sentences inside paragraphs ('It was unanimously agreed that ...'),
    in lines first..last that a marked decision does not already hold."""
    found: list[Resolution] = []
    index = first
    while index <= last:
        if index in taken or not source.lines[index].text.strip():
            index += 1
            continue
        stop = paragraph_end(source, index, last + 1)
        paragraph = block(source, index, stop)
        text = blank_markup(paragraph.text)
        for match in _sentence_marker().finditer(text):
            clause = match["text"].strip()
            if len(clause.split()) >= 2:
                start = match.start("text")
                found.append(Resolution(text=" ".join(clause.split()),
                                        span=paragraph.span(source, start, start + len(match["text"].rstrip()))))
        index = stop + 1
    return found


def read_resolutions(source: SourceText, first: int, last: int) -> tuple[list[Resolution], set[int]]:
    """Every resolution clause in lines first..last (0-based, inclusive), in order, and the lines
    the decisions occupy (marker lines included), which are not speech."""
    resolutions: list[Resolution] = []
    lines: set[int] = set()
    index = first
    while index <= last:
        line = blank_markup(source.lines[index].text)
        lead = len(line) - len(line.lstrip())
        marker = _marker().match(line.strip())
        if not marker:
            index += 1
            continue
        clauses, cursor = read_clauses(source, index, lead + marker.end(), last,
                                       stop=lambda text: bool(_marker().match(text)))
        resolutions.extend(Resolution(label=c.label, text=c.text, preamble=c.preamble, span=c.span) for c in clauses)
        lines.update(range(index, max(cursor, index + 1)))
        index = max(cursor, index + 1)
    if not resolutions:
        resolutions = sentence_resolutions(source, first, last, lines)
    return resolutions, lines


def find_resolutions(source: SourceText, first: int, last: int) -> list[Resolution]:
    """Every resolution clause in lines first..last (0-based, inclusive), in order."""
    return read_resolutions(source, first, last)[0]
