"""Printed minutes to a Meeting: header, attendance, and numbered items with their resolutions,
interventions, promised actions and recorded votes.

Item headings are a minute number then a title ("7 Youth Justice Plan", "23/45 Budget
Monitoring", "Minute 292 Planning Applications"); numbers must run forward, which keeps
numbered paragraphs and resolution clauses from being read as headings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.blocks import block, paragraph_end
from extract.dates import parse_date
from extract.parse.attendance import attendance_block, attendance_sentences, is_attendance_item, merge_attendance
from extract.parse.front_sheet import body_above, read_header
from extract.parse.header import Header, build_meeting, parse_meeting_sentence, parse_title_line
from extract.parse.interventions import MeetingContext, read_interventions
from extract.parse.resolutions import RESOLUTION_NUMBER, read_resolutions
from extract.parse.roster import split_heading
from extract.people import split_title
from extract.parse.votes import find_votes
from extract.read import SourceText
from extract.segment import AGENDA_REFERENCE_LINE, clean_texts, is_minutes_opener, title_above, title_block
from schemas import Meeting, MeetingRole, MinutesItem

_NUMBER = r"(?:Minute\s+(?:No\.?\s*)?|Item\s+)?(?P<number>(?:[A-Z]{1,4}[./\s]?)?\d{1,4}(?:[/.]\d{1,4})?[a-z]?)[.):]?"
# a title opens with a capital, or with a number before a capitalised word ('1st Report of ...',
# '3095 Bostwick Road (OZ-25018)')
HEADING = re.compile(r"^" + _NUMBER + r"\s+(?P<title>[\"'‘“(]?(?:[A-Z]|\d[\w/-]*\s+[A-Z]).*)$")
# PDF-to-text output often puts the minute number on a line of its own, the title on the next.
NUMBER_ALONE = re.compile(r"^" + _NUMBER + r"$")
MAX_SPLIT_TITLE_WORDS = 15
AGENDA_REFERENCE = re.compile(AGENDA_REFERENCE_LINE.pattern + "$", re.IGNORECASE)
MAX_MINUTE_GAP = 15  # minutes skip numbers (exempt items, withdrawn business), but not by much
MAX_TITLE_WORDS = 30


@dataclass(slots=True)
class _Heading:
    index: int
    number: str
    title: str
    agenda_item: str | None
    body_start: int


def _follows(previous: str, number: str) -> bool:
    """Whether a minute number can come next: one of its numbers steps forward (by at most
    MAX_MINUTE_GAP) while any other stays put. Councils write the year on either side
    ("23/45": minute 45 of 2023; "45/23": the same), so neither side is assumed to be the count.
    """
    before, after = (list(map(int, re.findall(r"\d+", n))) for n in (previous, number))
    if _is_outline(previous) and _is_outline(number):
        return _outline_follows(before, after)
    if len(before) != len(after):
        return 0 < after[-1] - before[-1] <= MAX_MINUTE_GAP
    moved = [(a - b) for a, b in zip(after, before) if a != b]
    return len(moved) == 1 and 0 < moved[0] <= MAX_MINUTE_GAP


_OUTLINE = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")
MAX_FIRST_CHILD = 1


def _is_outline(number: str) -> bool:
    """'2', '2.1', '18.11.3': outline numbering, where items nest ('2 Consent', '2.1 ...')."""
    return bool(_OUTLINE.fullmatch(number))


def _outline_follows(before: list[int], after: list[int]) -> bool:
    """After '2': its first child '2.1', or the next at any level above ('3'); after '2.1':
    '2.2', '2.1.1' or '3'. Gaps of up to MAX_MINUTE_GAP, as with plain numbers."""
    if len(after) == len(before) + 1 and after[:-1] == before:
        return 0 < after[-1] <= MAX_FIRST_CHILD
    if not after or len(after) > len(before):
        return False
    return after[:-1] == before[: len(after) - 1] and 0 < after[-1] - before[len(after) - 1] <= MAX_MINUTE_GAP


def _is_title(title: str) -> bool:
    words = title.split()
    if not words or len(words) > MAX_TITLE_WORDS or title.lower().startswith("that "):
        return False
    if title.endswith(".") and len(words) > 12:
        return False
    return not parse_date(title)


def _next_line(source: SourceText, index: int, last: int) -> int | None:
    """The next non-blank line after index, within two lines."""
    for following in range(index + 1, min(index + 3, last) + 1):
        if source.plain_lines()[following]:
            return following
    return None


# a council's resolution number opening a paragraph ('R2018-162'): the resolution is the item
RESOLUTION_HEADING = re.compile(r"^(?P<number>" + RESOLUTION_NUMBER + r")\s+\S")
_RUN_IN_TITLE = re.compile(
    r"^(?P<title>[\"'‘“(]?[A-Z0-9][A-Z0-9’'&/,()\-–]*(?:\s+[\"'‘“(]?[A-Z0-9][A-Z0-9’'&/,()\-–.]*)*)(?=\s+[A-Z]?[a-z])")
MIN_RUN_IN_TITLE_LETTERS = 4


def _run_in_title(text: str) -> str | None:
    """The capitals that open a paragraph as its heading: '1. PUBLIC FORUM (15 MINUTES) Item 8
    was brought forward ...' is item 1, 'PUBLIC FORUM (15 MINUTES)', its text on the same line."""
    match = _RUN_IN_TITLE.match(text)
    if not match:
        return None
    title = match["title"].rstrip(" ,:–-")
    if sum(c.isalpha() for c in title) < MIN_RUN_IN_TITLE_LETTERS or not _is_title(title):
        return None
    return title


def _heading_at(source: SourceText, index: int, last: int) -> tuple[str, str, int, bool] | None:
    """(number, title, index of the title's line, whether the text runs on in the same line)
    when a minutes item heading starts here."""
    text = source.plain_lines()[index]
    match = HEADING.match(text)
    if match and _is_title(match["title"]):
        return match["number"], match["title"], index, False
    if match and (run_in := _run_in_title(match["title"])):
        return match["number"], run_in, index, True
    numbered = RESOLUTION_HEADING.match(text)
    if numbered:  # 'R2018-162  L. Smith, T. Marchant:  That ...': the resolution is the item
        return numbered["number"], "", index, True
    alone = NUMBER_ALONE.match(text)
    if alone and re.search(r"\d", text):
        title_line = _next_line(source, index, last)
        if title_line is not None:
            title = source.plain_lines()[title_line]
            if title[:1].isupper() and len(title.split()) <= MAX_SPLIT_TITLE_WORDS and not title.endswith(".") \
                    and _is_title(title) and not HEADING.match(title):
                return alone["number"], title, title_line, False
    return None


def _wrapped_title_line(source: SourceText, title_line: int, last: int) -> int | None:
    """The next line, when it ends the heading's paragraph and is a short tail of its title."""
    following = title_line + 1
    if following + 1 > last or not source.plain_lines()[following]:
        return None
    tail = source.plain_lines()[following]
    if source.plain_lines()[following + 1] or len(tail.split()) > 6 or tail.endswith((".", ":")):
        return None
    if HEADING.match(tail) or AGENDA_REFERENCE.fullmatch(tail):
        return None
    return following


MAX_ANCHORED_TITLE_LINES = 3


def _anchored_heading(source: SourceText, reference: int, floor: int) -> _Heading | None:
    """The heading over an '(Item N)' line: the title lines just above it, with any minute number.

    The title is the run of lines above (a title wraps; blank lines may stand between it and
    the reference) that do not end a sentence: 'record of the meeting.' above a title is the
    last item's text, printed with no blank line between.
    """
    lines = source.plain_lines()
    cursor = reference - 1
    while cursor >= floor and not lines[cursor]:
        cursor -= 1
    taken: list[int] = []
    while cursor >= floor and lines[cursor] and len(taken) < MAX_ANCHORED_TITLE_LINES:
        text = lines[cursor]
        if text.endswith((".", ":", ";")) or len(text.split()) > MAX_TITLE_WORDS or AGENDA_REFERENCE_LINE.fullmatch(text):
            break
        taken.append(cursor)
        cursor -= 1
    if not taken:
        return None
    top = min(taken)
    title = " ".join(lines[i] for i in sorted(taken))
    item = AGENDA_REFERENCE_LINE.fullmatch(lines[reference])["item"]
    numbered = HEADING.match(title)
    number, title = (numbered["number"], numbered["title"]) if numbered else (item, title)
    return _Heading(top, number, title.strip(), item, reference + 1)


def _anchored_headings(source: SourceText, first: int, last: int) -> list[_Heading]:
    """Headings found by the '(Item N)' line each carries, where the minutes print them."""
    references = [i for i in range(first, last + 1) if AGENDA_REFERENCE_LINE.fullmatch(source.plain_lines()[i])]
    headings: list[_Heading] = []
    for reference in references:
        floor = headings[-1].body_start if headings else first
        heading = _anchored_heading(source, reference, floor)
        if heading is not None:
            headings.append(heading)
    return headings


def find_headings(source: SourceText, first: int, last: int) -> list[_Heading]:
    """Minutes item headings: by their '(Item N)' lines where the minutes print them (then a
    numbered paragraph inside an item is never an item), else by numbers that run forward."""
    anchored = _anchored_headings(source, first, last)
    if len(anchored) < 2:
        anchored = []
    headings: list[_Heading] = []
    for index in range(first, last + 1):
        while anchored and anchored[0].index <= index:
            headings.append(anchored.pop(0))
        found = _heading_at(source, index, last)
        if not found:
            continue
        number, title, title_line, run_in = found
        if headings and not _follows(headings[-1].number, number):
            continue
        if anchored and not _follows(number, anchored[0].number):
            continue  # a numbered paragraph, not a heading between two that carry '(Item N)'
        if headings and index <= headings[-1].body_start - 1:
            continue  # the title line of a heading already taken
        if run_in:  # the item's text starts on its heading line
            headings.append(_Heading(index, number, title, None, index))
            continue
        agenda_item, body_start = None, title_line + 1
        wrapped = _wrapped_title_line(source, title_line, last)
        if wrapped is not None:
            title, body_start, title_line = f"{title} {source.plain_lines()[wrapped]}", wrapped + 1, wrapped
        inline = AGENDA_REFERENCE.search(title)
        if inline:
            title, agenda_item = title[: inline.start()].strip(), inline["item"]
        else:
            following = title_line + 1
            while following <= last and not source.lines[following].text.strip():
                following += 1
            if following <= last:
                reference = AGENDA_REFERENCE.fullmatch(source.plain_lines()[following])
                if reference:
                    agenda_item, body_start = reference["item"], following + 1
        headings.append(_Heading(index, number, title.strip(), agenda_item, body_start))
    return headings + anchored


def item_text(source: SourceText, first: int, last: int) -> str:
    """Lines first..last as printed, paragraphs separated by one blank line."""
    paragraphs: list[list[str]] = [[]]
    for index in range(first, last + 1):
        line = source.lines[index].text.strip()
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join("\n".join(p) for p in paragraphs if p)


def _resolve_vote(vote, context: MeetingContext):
    """Movers and voters as the meeting's attendance names them ('Cllr Jones' is B Jones, if present)."""
    def known(person):
        return (context.find(person) or person) if person is not None else None
    return vote.model_copy(update={
        "mover": known(vote.mover), "seconder": known(vote.seconder),
        "for_": [known(p) for p in vote.for_], "against": [known(p) for p in vote.against],
        "abstain": [known(p) for p in vote.abstain]})


def _business_start(texts: list[str], first: int, last: int) -> int:
    """Where business begins after the attendance: the first heading in capitals that is not an
    attendance heading ('AGENDA CHANGES', 'UNRESTRICTED ITEMS'), else last + 1."""
    for index in range(first, last + 1):
        text = texts[index]
        letters = [c for c in text if c.isalpha()]
        if len(letters) >= 4 and all(c.isupper() for c in letters) and len(text.split()) <= 8 \
                and not re.search(r"[,.;]", text) and split_heading(text)[0] is None and split_title(text)[0] is None:
            return index
    return last + 1


def _attendance_heading(texts: list[str], first: int, last: int) -> int:
    """The first 'Present:' line in first..last, else last + 1."""
    return next((i for i in range(first, last + 1) if texts[i] and split_heading(texts[i])[0] is not None), last + 1)


def _header_from_title(source: SourceText, texts: list[str], first: int, opener: int, last: int) -> Header | None:
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


def parse_minutes(source: SourceText, first: int, last: int) -> Meeting:
    """The meeting whose minutes are printed in lines first..last."""
    texts = clean_texts(source)
    opener = next((i for i in range(first, last + 1) if is_minutes_opener(texts, i)), first)
    title = title_block(texts, opener)
    opener_end = max(paragraph_end(source, opener, last + 1), title.last if title else opener)
    headings = find_headings(source, opener_end + 1, last)
    header_last = headings[0].index - 1 if headings else last
    # the meeting is named above its attendance list; a sentence below it ('That the minutes of
    # the meeting held on ... be adopted') is business
    header = read_header(source, first, _attendance_heading(texts, opener_end + 1, header_last) - 1)
    titled = _header_from_title(source, texts, first, opener, header_last)
    if header.date is None and titled is not None:  # the date in the title above the opening sentence
        header = titled
    body = header.body or (titled.body if titled else None) or body_above(source, first, opener)

    attendance = attendance_block(source, opener_end + 1, _business_start(texts, opener_end + 1, header_last) - 1)
    item_ends = []
    for position, heading in enumerate(headings):
        end = headings[position + 1].index - 1 if position + 1 < len(headings) else last
        while end > heading.index and not source.lines[end].text.strip():
            end -= 1
        item_ends.append(end)
        if is_attendance_item(heading.title) or position < 3:
            attendance.extend(attendance_sentences(source, heading.body_start, end))
    attendance = merge_attendance(attendance)
    context = MeetingContext.from_attendance(attendance)
    items: list[MinutesItem] = []
    for heading, end in zip(headings, item_ends):
        votes = [_resolve_vote(vote, context) for vote in find_votes(source, heading.body_start, end)]
        resolutions, decided = read_resolutions(source, heading.body_start, end)
        for vote in votes:
            if vote.for_ or vote.against or vote.abstain:  # name lists are not speech
                decided.update(source.indexes_of(vote.span))
        interventions, actions = read_interventions(source, heading.body_start, end, decided, context)
        items.append(
            MinutesItem(
                number=heading.number,
                agenda_item=heading.agenda_item,
                title=heading.title,
                text=item_text(source, heading.body_start, end),
                resolutions=resolutions,
                interventions=interventions,
                actions=actions,
                votes=votes,
                span=block(source, heading.index, end).span(source, verbatim=False),
            )
        )
    return build_meeting(source, MeetingRole.minutes, header, body, first, last,
                         attendance=attendance, items=items)
