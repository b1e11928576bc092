"""The top of printed minutes, above their business: the meeting named by the minutes' title,
where the attendance heading stands, the roll call under the call to order, and where business
begins."""

from __future__ import annotations

import re
from functools import cache

from extract.text.blocks import block, paragraph_end
from extract.parsing.attendance import attendance_block
from extract.segmenting.header import Header, parse_meeting_sentence, parse_title_line
from extract.parsing.names import split_title
from extract.text.lines import SourceText
from extract.base.vocabulary import phrase_alternation, vocabulary
from extract.text.headings import split_heading
from extract.segmenting.segment import title_above, title_block
from schemas import Attendance


MAX_ROLL_CALL_LINE = 60  # a roll call comes straight after the call to order, near the top


@cache
def _roll_call_label() -> re.Pattern[str]:
    labels = phrase_alternation(vocabulary().attendance_lists.roll_call_labels)
    return re.compile(r"^(?:\d{1,3}(?:[-.]?[A-Za-z])?\.?\s+)?" + labels + r"\s*:?$", re.IGNORECASE)


def roll_call_block(source: SourceText, texts: list[str], first: int, last: int) -> list[Attendance]:
    """The 'Present:' / 'Absent:' / 'Staff:' paragraphs under a roll call label below the call to
    order ('ROLL CALL:', '1-A ROLL CALL'), up to the first paragraph that opens with no such heading."""
    label = next((i for i in range(first, min(last, first + MAX_ROLL_CALL_LINE) + 1)
                  if _roll_call_label().match(texts[i])), None)
    if label is None:
        return []
    end, index = label, label + 1
    while index <= last:
        if not texts[index]:
            index += 1
            continue
        if split_heading(texts[index])[0] is None:
            break
        end = paragraph_end(source, index, last + 1)
        index = end + 1
    return attendance_block(source, label + 1, end) if end > label else []


def business_start(texts: list[str], first: int, last: int) -> int:
    """Where business begins after the attendance: the first heading in capitals that is not an
    attendance heading ('AGENDA CHANGES', 'UNRESTRICTED ITEMS'), else last + 1."""
    for index in range(first, last + 1):
        text = texts[index]
        letters = [c for c in text if c.isalpha()]
        if len(letters) >= 4 and all(c.isupper() for c in letters) and len(text.split()) <= 8 \
                and not re.search(r"[,.;]", text) and split_heading(text)[0] is None and split_title(text)[0] is None:
            return index
    return last + 1


def attendance_heading(texts: list[str], first: int, last: int) -> int:
    """The first 'Present:' line in first..last, else last + 1."""
    return next((i for i in range(first, last + 1) if texts[i] and split_heading(texts[i])[0] is not None), last + 1)


def header_from_title(source: SourceText, texts: list[str], first: int, opener: int, last: int) -> Header | None:
    """Body, date and time from the minutes' title (the opener's own title block, or the title
    over an undated opening sentence), the venue from a 'held in ...' sentence under it."""
    block_ = title_block(texts, opener)
    title = parse_title_line(block_.text if block_ else "") or parse_title_line(
        " ".join(title_above(texts[first : opener + 1], opener - first)))
    if title is None:
        return None
    for index in range(opener, last + 1):
        if texts[index] and "held" in texts[index].lower():
            sentence = parse_meeting_sentence(block(source, index, paragraph_end(source, index, last + 1)).text, dated=False)
            if sentence is not None:
                title.venue = title.venue or sentence.venue
                title.time = title.time or sentence.time
            break
    return title
