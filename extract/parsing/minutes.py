"""Printed minutes to a Meeting: header, attendance, and numbered items with their resolutions,
interventions, promised actions and recorded votes. Item headings are found by
minutes_headings, the header above the business by minutes_header."""

from __future__ import annotations

from extract.text.blocks import block, paragraph_end
from extract.parsing.attendance import attendance_block, attendance_sentences, is_attendance_item, merge_attendance
from extract.parsing.front_sheet import body_above, read_header
from extract.parsing.meeting import build_meeting
from extract.parsing.interventions import MeetingContext, read_interventions
from extract.parsing.minutes_header import attendance_heading, business_start, header_from_title, roll_call_block
from extract.parsing.minutes_headings import cut_at_headings, find_headings
from extract.parsing.resolutions import read_resolutions
from extract.parsing.votes import find_votes
from extract.text.lines import SourceText
from extract.base.vocabulary import Vocabulary
from extract.segmenting.segment import Segment, title_block
from schemas import Meeting, MeetingRole, MinutesItem


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


def parse_minutes(source: SourceText, segment_: Segment, vocabulary: Vocabulary) -> Meeting:
    """The meeting whose minutes a minutes segment prints, opened where segmenting found its opener."""
    first, last = segment_.first, segment_.last
    opener = segment_.opener if segment_.opener is not None else first
    texts = source.clean_lines()
    title = title_block(texts, opener)
    opener_end = max(paragraph_end(source, opener, last + 1), title.last if title else opener)
    headings = find_headings(source, opener_end + 1, last)
    source, headings, last = cut_at_headings(source, headings, last)
    texts = source.clean_lines()
    header_last = headings[0].index - 1 if headings else last
    # the meeting is named above its attendance list; a sentence below it ('That the minutes of
    # the meeting held on ... be adopted') is business
    header = read_header(source, first, attendance_heading(texts, opener_end + 1, header_last) - 1)
    titled = header_from_title(source, texts, first, opener, header_last)
    if header.date is None and titled is not None:  # the date in the title above the opening sentence
        header = titled
    body = header.body or (titled.body if titled else None) or body_above(source, first, opener)

    attendance = attendance_block(source, opener_end + 1, business_start(texts, opener_end + 1, header_last) - 1)
    attendance.extend(roll_call_block(source, texts, opener_end + 1, last))
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
