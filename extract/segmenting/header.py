"""A meeting's body, date, time and venue, from labelled lines or from the opening sentence.

Two shapes cover the genre: labelled lines ("Date Tuesday 31 October 2017", "Venue: Council
Chamber") and a sentence ("At a Meeting of X held in Y on Z at T", "Minutes of the meeting of
the X held on Z at T in Y", "A meeting of X will be held at Y on Z").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.base.dates import find_date, find_time, parse_date, parse_time
from extract.text.clean import plain
from extract.base.vocabulary import canonical, phrase_alternation, vocabulary


@dataclass(slots=True)
class Header:
    body: str | None = None
    date: str | None = None
    time: str | None = None
    venue: str | None = None
    first: int | None = None  # the lines it was read from (0-based, inclusive)
    last: int | None = None

    def cover(self, index: int) -> None:
        self.first = index if self.first is None else min(self.first, index)
        self.last = index if self.last is None else max(self.last, index)


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = vocabulary().header_labels
    groups = "|".join(f"(?P<{key}>{phrase_alternation(words)})" for key, words in labels)
    return re.compile(r"^(?:" + groups + r")(?:\s+and\s+time)?\s*[:\-–]?\s+(?P<value>\S.*)$", re.IGNORECASE)


_SENTENCE = re.compile(
    r"\bmeeting(?:\s+of\s+(?:the\s+)?(?P<body>.+?))?\s+"
    r"(?:(?:which\s+)?(?:is\s+)?(?:to\s+be|will\s+be|was|to\s+be)?\s*)held\b(?P<rest>.*)$",
    re.IGNORECASE,
)
_LEADING_PREPOSITION = re.compile(r"^(?:(?:in|at|within)\s+(?:the\s+)?)", re.IGNORECASE)
_TRAILING_LINK = re.compile(r"(?<!\s)\s*(?:,|\bon|\bat|\bfrom|\bcommencing(?:\s+at)?|\bstarting(?:\s+at)?|\band)\s*$", re.IGNORECASE)


def read_labelled_line(text: str) -> tuple[str, str] | None:
    """('date'|'time'|'venue', value) for a labelled header line whose value fits its label."""
    match = _label_pattern().match(plain(text))
    if not match:
        return None
    value = match["value"].strip()
    if match["date"]:
        return ("date", value) if find_date(value) or parse_date(value) else None
    if match["time"]:
        return ("time", value) if parse_time(value) else None
    if len(value) <= 200:
        return ("venue", value)
    return None


def apply_labelled_line(header: Header, key: str, value: str) -> None:
    if key == "date":
        found = find_date(value)
        day = found[0] if found else parse_date(value)
        header.date = header.date or (day.isoformat() if day else None)
        header.time = header.time or parse_time(value[found[2]:] if found else value)
    elif key == "time":
        header.time = header.time or parse_time(value)
    elif key == "venue":
        header.venue = header.venue or value.rstrip(".")


_BODY_BEFORE_MEETING = re.compile(
    r"\bminutes\s+of\s+(?:the|a)\s+(?P<body>.+?)\s+meeting\s+held\b(?P<rest>.*)$", re.IGNORECASE
)


# A body's name, a venue and the sentence that names a meeting are short in every paper; a longer
# "match" is text that never broke into lines (a 5 MB one-line file), not a meeting.
MAX_BODY_CHARS = 150
MAX_VENUE_CHARS = 200
MAX_MEETING_SENTENCE_CHARS = 1000


def bounded(value: str | None, limit: int) -> str | None:
    return value if value is not None and len(value) <= limit else None


def parse_meeting_sentence(text: str, dated: bool = True) -> Header | None:
    """Body, date, time and venue from one sentence that says where and when a meeting is held.

    `dated=False` accepts a sentence without a date ('MINUTES of the meeting held in the Darent
    Room, ...'), whose date a title line above gives.
    """
    text = plain(text)
    if len(text) > MAX_MEETING_SENTENCE_CHARS:
        return None
    match = _BODY_BEFORE_MEETING.search(text) or _SENTENCE.search(text)
    if not match:
        return None
    rest = match["rest"]
    found_date = find_date(rest) or (None if dated else (None, len(rest), len(rest)))
    if not found_date:
        return None
    cuts = [(found_date[1], found_date[2])]
    found_time = find_time(rest[found_date[2]:])
    if found_time:
        cuts.append((found_date[2] + found_time[1], found_date[2] + found_time[2]))
    else:
        found_time = find_time(rest[: found_date[1]])
        if found_time:
            cuts.append((found_time[1], found_time[2]))
    pieces, position = [], 0
    for start, end in sorted(cuts):
        pieces.append(rest[position:start])
        position = end
    pieces.append(rest[position:])
    venues, introduced = [], []
    for piece in pieces:
        piece = piece.strip(" ,.;")
        opens_with_place = bool(_LEADING_PREPOSITION.match(piece))
        while True:
            trimmed = _TRAILING_LINK.sub("", piece).strip(" ,.;")
            if trimmed == piece:
                break
            piece = trimmed
        piece = re.sub(r"^(?:on|at)\s*$", "", piece, flags=re.IGNORECASE)
        piece = _LEADING_PREPOSITION.sub("", piece).strip(" ,.;")
        if piece and not re.fullmatch(r"(?:on|at|and|in)", piece, re.IGNORECASE):
            venues.append(piece)
            if opens_with_place:
                introduced.append(piece)
    body = match["body"].strip(" ,") if match["body"] else None
    clock = None
    if found_time:
        clock = found_time[0]
    return Header(
        body=body,
        date=found_date[0].isoformat() if found_date[0] else None,
        time=clock,
        venue=introduced[0] if introduced else max(venues, key=len, default=None),
    )


@cache
def _meeting_kind() -> re.Pattern[str]:
    kinds = phrase_alternation(vocabulary().meeting_openers.kinds)
    return re.compile(r"(?:^|\s)(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?" + kinds + r"(?:\s+of(?:\s+the)?)?(?=\s|$)", re.IGNORECASE)


_DASH = re.compile(r"\s*[–—-]\s*|\s*,\s*")


def parse_title_line(text: str) -> Header | None:
    """Body, date, time and venue from a title that names the body and the date.

    'CORPORATE PARENTING PANEL– 29 October 2024', 'X Parish Council – Ordinary Meeting Tuesday
    2nd October 2018, 7.30pm X Village Hall', '5th Meeting of the X Committee April 10, 2025,
    at 1:00 PM': the body is what names a body once the kind of meeting is taken out.
    """
    text = plain(text)
    found = find_date(text)
    if not found or len(text) > 250:
        return None
    bodies = [piece for piece in (_meeting_kind().sub(" ", p).strip(" ,.;:–—-") for p in _DASH.split(text[: found[1]]) if p)
              if is_body_name(piece)]
    after = _meeting_kind().sub(" ", text[found[2]:]).strip(" ,.;:–—-")
    # the body nearest the date: 'KENT COUNTY COUNCIL' / 'CABINET' is a meeting of the Cabinet
    body = bodies[-1] if bodies else (after if is_body_name(after) else None)
    if body is None:
        return None
    rest = text[found[2]:]
    clock = find_time(rest)
    venue = rest[clock[2]:] if clock else rest
    venue = venue.strip(" ,.;:–—-")
    return Header(body=body, date=found[0].isoformat(), time=clock[0] if clock else None,
                  venue=venue if venue_word().search(venue) and len(venue) <= MAX_VENUE_CHARS else None)


@cache
def venue_word() -> re.Pattern[str]:
    """A word a venue holds ('Chamber', 'Village Hall'), capitalised as a place name is."""
    return re.compile(r"\b" + phrase_alternation(vocabulary().venue_words.words) + r"\b")


def is_body_name(text: str) -> bool:
    """A heading that names a committee ('Cabinet', 'Planning Committee'), not 'Agenda'."""
    text = plain(text).strip()
    if not text or len(text) > 150 or text[-1] in ".;,?:" or len(text.split()) > 12:
        return False
    not_body, body_word = _body_words()
    return canonical(text) not in not_body and bool(body_word.search(text))


@cache
def _body_words() -> tuple[frozenset[str], re.Pattern[str]]:
    """The headings that name no body ('Agenda'), and a word a body's name holds ('Committee')."""
    segments = vocabulary().segments
    return (frozenset(canonical(word) for word in segments.not_body),
            re.compile(r"\b" + phrase_alternation(segments.body_words) + r"\b", re.IGNORECASE))
