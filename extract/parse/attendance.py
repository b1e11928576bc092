"""Who came, who sent apologies and who substituted for whom, in a meeting's minutes.

The attendance block under "Present:" gives the present and those in attendance; the
"Apologies for Absence" and "Substitute Members" items add sentences such as "Apologies for
absence were received from Councillors A, B and C" and "Councillor X substituted for
Councillor Y".
"""

from __future__ import annotations

import re
from functools import cache

from extract.blocks import block, paragraph_end
from extract.parse.roster import read_roster, to_person
from extract.people import Name, parse_name_list
from extract.read import SourceText
from extract.textclean import blank_markup
from extract.vocabulary import canonical, phrase_alternation, section
from schemas import Attendance

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.(?:\s+(?=[A-Z])|\s*$)")


@cache
def _apology_opener() -> re.Pattern[str]:
    return re.compile(
        r"^(?:" + phrase_alternation(section("apologies")["sentence_openers"]) + r")\b\s*[:\-–—]?\s*", re.IGNORECASE
    )


@cache
def _substitution_verb() -> re.Pattern[str]:
    return re.compile(r"(?<!\s)\s+" + phrase_alternation(section("substitution")["sentence_verbs"]) + r"\s+", re.IGNORECASE)


def is_attendance_item(title: str) -> bool:
    """Whether a minutes item is where apologies and substitutes are recorded."""
    titles = {canonical(t) for t in section("apologies")["item_titles"]}
    return canonical(title) in titles


def _entry(name: Name, status: str, category: str | None, span, substitute_for=None) -> Attendance:
    """An attendance record. Bracketed words by someone absent are a reason, not a job title."""
    away = status in ("apologies", "absent")
    return Attendance(
        person=to_person(name, span),
        role=name.role,
        status=status,
        category=name.category or category,
        substitute_for=to_person(substitute_for) if substitute_for else None,
        position=None if away else name.position,
        note=name.position if away else None,
        span=span,
    )


def attendance_block(source: SourceText, first: int, last: int) -> list[Attendance]:
    """Attendance entries from the block under 'Present:' (lines first..last)."""
    listed, _ = read_roster(source, first, last, heading=None, stop_on_prose=False)
    entries = []
    for entry in listed:
        status = entry.heading.status
        if status is None:
            continue
        name = entry.name
        if name.substitute_for is not None:
            status = "substitute"
        category = entry.heading.category
        if category is None and status in ("present", "apologies", "substitute") and name.title and \
                canonical(name.title) in {canonical(t) for t in _councillor_titles()}:
            category = "member"
        entries.append(_entry(name, status, category, entry.span, name.substitute_for))
    return entries


@cache
def _councillor_titles() -> tuple[str, ...]:
    honorifics = section("honorifics")
    titles = [t for t in honorifics["titles"] if "councillor" in t.lower() or t.lower().startswith("cl")]
    return tuple(titles + ["Alderman"])


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def attendance_sentences(source: SourceText, first: int, last: int) -> list[Attendance]:
    """Apologies and substitutions stated as sentences in lines first..last."""
    entries: list[Attendance] = []
    index = first
    while index <= last:
        if not source.lines[index].text.strip():
            index += 1
            continue
        stop = paragraph_end(source, index, last + 1)
        paragraph = block(source, index, stop)
        text = blank_markup(paragraph.text)
        for start, end in _sentences(text):
            sentence = text[start:end]
            lead = len(sentence) - len(sentence.lstrip())
            opener = _apology_opener().match(sentence.lstrip())
            if opener and not re.match(r"\s*(?:none|n/a)\b", sentence[lead + opener.end():], re.IGNORECASE):
                offset = start + lead + opener.end()
                for name in parse_name_list(text[offset:end]):
                    if name.title or name.given:
                        span = paragraph.span(source, offset + name.start, offset + name.end)
                        entries.append(_entry(name, "apologies", _default_category(name), span))
                continue
            verb = _substitution_verb().search(sentence)
            if verb:
                left = parse_name_list(sentence[: verb.start()])
                right = parse_name_list(sentence[verb.end():])
                if left and right:
                    name = left[-1]
                    span = paragraph.span(source, start + name.start, start + name.end)
                    entries.append(_entry(name, "substitute", _default_category(name) or "member", span, right[0]))
        index = stop + 1
    return entries


def _default_category(name: Name) -> str | None:
    if name.category:
        return name.category
    if name.title and canonical(name.title) in {canonical(t) for t in _councillor_titles()}:
        return "member"
    return None


def merge_attendance(entries: list[Attendance]) -> list[Attendance]:
    """One entry per person and status, first mention kept; a substitute is not also 'present'."""
    substitutes = {e.person.id for e in entries if e.status == "substitute"}
    seen: set[tuple[str, str, str]] = set()
    merged = []
    for entry in entries:
        # the printed name is part of the key: Jane Smith and John Smith share initials, not identity
        key = (entry.person.id, entry.person.given.lower() if entry.person.given and len(entry.person.given) > 2 else "",
               entry.status)
        if key in seen or (entry.status == "present" and entry.person.id in substitutes and not key[1]):
            continue
        seen.add(key)
        merged.append(entry)
    return merged
