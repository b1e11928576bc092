"""Decisions in a minutes item: each clause of a "Resolved:" block as its own record.

Shapes covered: "Resolved:" then "That the report be noted."; "Resolved:" then "(i) That ...",
"(ii) That ..."; "RESOLVED – that the report be noted." on one line; "RESOLVED that (a) ...;
and (b) ..." with labels inline; "It was RESOLVED:" and "AGREED:" (only with a colon or dash,
so "agreed to circulate the details" is not a decision).
"""

from __future__ import annotations

import re
from functools import cache

from extract.text.blocks import block, paragraph_end
from extract.parsing.clauses import read_clauses
from extract.text.lines import SourceText
from extract.text.clean import blank_markup
from extract.base.vocabulary import phrase_alternation, vocabulary
from schemas import Resolution


@cache
def _marker() -> re.Pattern[str]:
    resolution_markers = vocabulary().resolution_markers
    strong = phrase_alternation(resolution_markers.strong)
    weak = phrase_alternation(resolution_markers.weak)
    # a numbered paragraph may open with the decision: "5. RESOLVED that ...", "(2) Resolved:"
    paragraph = r"(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]\s+)?"
    return re.compile(
        rf"^{paragraph}(?:{strong}(?:\s*\([^)]{{1,40}}\))?(?:\s*[:\-–—.]+\s*|\s+(?=that\b|to\b)|\s*$)|{weak}\s*(?:[:\-–—]+\s*|$))",
        re.IGNORECASE,
    )


@cache
def _sentence_marker() -> re.Pattern[str]:
    openers = phrase_alternation(vocabulary().resolution_markers.sentence)
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


# a council's own resolution number and the mover, seconder before the motion ('R2018-162  L. Smith, T. Marchant:')
RESOLUTION_NUMBER = r"[A-Z]{1,3}\d{4}[-/]\d{1,4}"
_TRAILING_OUTCOME = re.compile(r"(?:\s*Time:\s*\d{1,2}[:.]\d{2}\s*[ap]\.?\s*m\.?)?\s*"
                               + phrase_alternation(vocabulary().resolution_markers.trailing_outcomes) + r"\.?\s*$", re.IGNORECASE)


@cache
def _motion() -> re.Pattern[str]:
    openers = phrase_alternation(vocabulary().resolution_markers.motion_openers)
    return re.compile(rf"^(?:{RESOLUTION_NUMBER}\s+(?:[^:]{{1,80}}:\s*)?)?(?={openers}\b)")


@cache
def _outcome() -> re.Pattern[str]:
    votes = vocabulary().votes
    return re.compile(r"\b(?P<passed>" + phrase_alternation(votes.carried) + r")\b|\b(?P<failed>"
                      + phrase_alternation(votes.lost) + r")\b", re.IGNORECASE)


def _motion_failed(source: SourceText, index: int, last: int) -> bool | None:
    """The outcome printed next after line `index`: True when the motion failed, None if none is printed."""
    for cursor in range(index, last + 1):
        text = source.plain_lines()[cursor]
        if cursor > index and _motion().match(text):
            return None  # another motion before any outcome
        found = _outcome().search(text) if len(text) <= 200 or cursor == index else None
        if found:
            return bool(found["failed"])
    return None


def _decided_motion(source: SourceText, index: int, last: int, line: str) -> re.Match | None:
    """A motion paragraph at line `index` that passed: its outcome printed after it, or its
    decision in capitals ('That it BE NOTED ...', 'BE RECEIVED')."""
    motion = _motion().match(line)
    if not motion:
        return None
    failed = _motion_failed(source, index, last)
    if failed is None and not re.search(r"\bBE [A-Z]{4,}\b", line):
        return None
    return None if failed else motion


@cache
def _trailer() -> re.Pattern[str]:
    return re.compile(r"^" + phrase_alternation(vocabulary().resolution_markers.motion_trailers) + r"\b", re.IGNORECASE)


def _with_trailers(source: SourceText, clauses: list, cursor: int, last: int) -> tuple[list, int]:
    """A motion's clauses and the 'it being noted that ...' paragraphs that close it."""
    while True:
        following = cursor
        while following <= last and not source.lines[following].text.strip():
            following += 1
        if following > last or not _trailer().match(source.plain_lines()[following]):
            return clauses, cursor
        more, cursor = read_clauses(source, following, len(source.lines[following].text) - len(source.lines[following].text.lstrip()),
                                    last, stop=lambda text: bool(_marker().match(text) or _motion().match(text)))
        clauses = clauses + more


def _whole_motion(source: SourceText, index: int, column: int, clauses: list) -> Resolution:
    """A motion is one decision, its lead-in and lettered clauses together, as the council
    moved it: one record from its first word to the end of its last clause."""
    start = source.lines[index].start + column
    end = clauses[-1].span.char_end
    last = source.indexes_of(clauses[-1].span)[-1]
    pieces = [source.lines[i].text for i in range(index, last + 1)]
    pieces[-1] = pieces[-1][: end - source.lines[last].start]
    pieces[0] = pieces[0][column:]
    span = clauses[0].span.model_copy(update={"char_start": start, "char_end": end, "line_start": source.lines[index].number,
                                               "line_end": clauses[-1].span.line_end, "text": source.raw[start:end]})
    return Resolution(text=" ".join(" ".join(pieces).split()), span=span)


def _without_outcome(resolution: Resolution) -> Resolution:
    text = _TRAILING_OUTCOME.sub("", resolution.text).strip()
    return resolution if text == resolution.text or not text else resolution.model_copy(update={"text": text})


def read_resolutions(source: SourceText, first: int, last: int) -> tuple[list[Resolution], set[int]]:
    """Every resolution clause in lines first..last (0-based, inclusive), in order, and the lines
    the decisions occupy (marker lines included), which are not speech."""
    resolutions: list[Resolution] = []
    lines: set[int] = set()
    index = first
    while index <= last:
        line = blank_markup(source.lines[index].text)
        lead = len(line) - len(line.lstrip())
        marker = _marker().match(line.strip()) or _decided_motion(source, index, last, line.strip())
        if not marker:
            index += 1
            continue
        clauses, cursor = read_clauses(source, index, lead + marker.end(), last,
                                       stop=lambda text: bool(_marker().match(text)))
        if clauses and marker.re is _motion():
            clauses, cursor = _with_trailers(source, clauses, cursor, last)
            resolutions.append(_without_outcome(_whole_motion(source, index, lead + marker.end(), clauses)))
        else:
            resolutions.extend(Resolution(label=c.label, text=c.text, preamble=c.preamble, span=c.span) for c in clauses)
        lines.update(range(index, max(cursor, index + 1)))
        index = max(cursor, index + 1)
    if not resolutions:
        resolutions = sentence_resolutions(source, first, last, lines)
    return resolutions, lines


def find_resolutions(source: SourceText, first: int, last: int) -> list[Resolution]:
    """Every resolution clause in lines first..last (0-based, inclusive), in order."""
    return read_resolutions(source, first, last)[0]
