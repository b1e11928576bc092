"""SourceText to Segments: the front sheet, each meeting's minutes, each report and its appendices.

Boundaries come from the genre's cues (vocabulary [segments] and [meeting_openers]):
"At a Meeting of ... held in ..." opens minutes; a "Report of ..." line followed soon by a
report heading ("Purpose of the Report") opens a report, whose header (committee, date, title)
is the run of short heading lines just above it; "Appendix N" headings and content after
"This page is intentionally left blank" inside a report are its attachments.
"""

from __future__ import annotations

import re
import statistics
import threading
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from extract.base.dates import find_date, parse_date
from extract.segmenting.header import Header, parse_title_line, read_labelled_line
from extract.text.headings import AGENDA_REFERENCE_LINE, split_heading
from extract.text.lines import SourceText, is_bulleted
from extract.base.vocabulary import phrase_alternation, vocabulary

REPORT_SECTION_WINDOW = 40  # lines after "Report of" within which a report heading must appear
HEADER_MAX_LINES = 12  # heading lines a report header may have above its "Report of" line
MINUTES_HEADER_MAX_LINES = 4
# '(Item 3)' alone on the line under a minutes heading: the agenda item it minutes (ModernGov).


@dataclass(frozen=True, slots=True)
class Segment:
    """A part of a document: lines first..last (0-based, inclusive). Frozen: segment() gives the
    final parts, and later stages put what they learn into their own records."""

    kind: str  # a PartKind value
    first: int
    last: int
    title: str | None = None
    parent: int | None = None
    children: tuple[Segment, ...] = ()
    opener: int | None = None  # the line that opened it ("Report of ...", "At a Meeting of ...")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    segments = vocabulary().segments
    meeting_openers = vocabulary().meeting_openers
    return {
        "minutes": re.compile(r"^" + phrase_alternation(meeting_openers.minutes) + r"\b", re.IGNORECASE),
        "report": re.compile(r"^" + phrase_alternation(segments.report_openers) + r"\b", re.IGNORECASE),
        "report_section": re.compile(
            r"^(?:\d+\.?\s+)?" + phrase_alternation(segments.report_sections) + r"\s*:?$", re.IGNORECASE
        ),
        "appendix": re.compile(
            r"^" + phrase_alternation(segments.appendix_openers) + r"\s+(?:\d+|[A-Z])\b(?!\s*[.,]\s*\w)", re.IGNORECASE
        ),
        "blank_page": re.compile(r"^" + phrase_alternation(segments.blank_page) + r"\.?$", re.IGNORECASE),
        "body_word": re.compile(r"\b" + phrase_alternation(segments.body_words) + r"\b", re.IGNORECASE),
    }


def is_date_line(text: str) -> bool:
    return bool(text) and len(text) <= 40 and parse_date(text) is not None


def _is_heading_like(text: str) -> bool:
    """A short line that could be part of a header: no sentence punctuation, no table cells."""
    if is_date_line(text):
        return True
    if not text or len(text) > 120 or "\t" in text or "|" in text:
        return False
    if text[-1] in ".:;,?" or re.match(r"^\d+[.)]?\s", text):
        return False
    return ":" not in text


def title_above(texts: list[str], index: int) -> list[str]:
    """The heading lines just above line `index` (up to MINUTES_HEADER_MAX_LINES), nearest last.

    ModernGov minutes print the date in the title ('CORPORATE PARENTING PANEL – 29 October
    2024') and leave it out of the sentence under it ('MINUTES of the meeting held in ...').
    """
    above: list[str] = []
    cursor = index - 1
    while cursor >= 0 and len(above) < MINUTES_HEADER_MAX_LINES:
        text = texts[cursor]
        if text:
            if not _is_heading_like(text):
                break
            above.append(text)
        cursor -= 1
    return above[::-1]


def _names_an_item(texts: list[str], index: int) -> bool:
    """A heading followed by '(Item N)' is a minutes item ('Minutes of the meeting held on ...')."""
    following = next((t for t in texts[index + 1 : index + 4] if t), "")
    return bool(AGENDA_REFERENCE_LINE.fullmatch(following))


TITLE_BLOCK_MAX_LINES = 8
MAX_DATE_LINE = 60  # a line this short that holds a date belongs to a title even with a full stop
ATTENDANCE_WITHIN_LINES = 15  # non-blank lines after a title block within which 'Present:' comes


@cache
def _wrapped_after_joiner() -> re.Pattern[str]:
    """The piece break after a title line that ends in a joining word: the line wrapped there."""
    return re.compile(r"(?i)\b(" + phrase_alternation(vocabulary().segments.title_joiners) + r") – ")


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """The heading lines that open a document ('EAST PALO ALTO' / 'PLANNING COMMISSION' /
    'REGULAR MEETING MINUTES' / 'January 27, 2020, 7:00 p.m.'), up to the group with the date."""

    lines: tuple[str, ...]
    last: int  # index of its last line

    @property
    def text(self) -> str:
        # each printed line a piece of its own, but for a line that wraps after a linking word
        # ('REGULAR PUBLIC MEETING OF THE BOARD OF' / 'EDUCATION')
        return _wrapped_after_joiner().sub(r"\1 ", " – ".join(self.lines))


@cache
def _running_head() -> re.Pattern[str]:
    stamps = vocabulary().furniture.page_stamps
    return re.compile(r"\b" + phrase_alternation(stamps) + r"\s+\d+(?:\s+of\s+\d+)?\s*$", re.IGNORECASE)


@lru_cache(maxsize=8192)  # title_block judges each line again for every blank line above it
def _is_title_line(text: str) -> bool:
    """A line of a title: heading-cased (a wrapped sentence is not), or a short line with a date."""
    if len(text) > 150 or re.match(r"^(?:\(?\w{1,4}[.)]\s|\(\*?\d)", text) or _running_head().search(text):
        return False  # a numbered line is an item, 'Minutes – 2 October 2018 – Page 2' a running head
    if len(text) <= MAX_DATE_LINE and find_date(text) is not None:
        return True
    return not text.endswith((".", ";", ":")) and _is_heading_cased(text)


def _date_above(texts: list[str], index: int) -> str | None:
    """A date alone on the line above a title, a blank line apart: printed beside the title
    ('January 30, 2001' left of 'MINUTES'), it comes out of a page's columns above it."""
    above = index - 2
    if above < 0 or texts[index - 1] or not is_date_line(texts[above]):
        return None
    return None if above and texts[above - 1] and _is_title_line(texts[above - 1]) else texts[above]


@lru_cache(maxsize=8192)
def _has_date(line: str) -> bool:
    """find_date finds a date in the line (asked of the same title lines for every blank line above them)."""
    return find_date(line) is not None


class _PerDocument(threading.local):
    """What segmenting works out once for a document's lines (a thread's own). title_block and
    is_title_block_opener are asked at every line: from each line of a blank run they walked
    the rest of the run (quadratic in its length: a 1,476-line run in a 130-page pack took
    1.3 s) and judged the same title below it again. Kept only for a tuple of lines, which
    cannot change under it."""

    texts: tuple[str, ...] | None = None
    next_text: list[int] = []  # for each line, the first line at or after it that has text
    verdicts: dict[TitleBlock, bool | None] = {}  # _title_verdict's answers

    def of(self, texts: tuple[str, ...] | list[str]) -> _PerDocument | None:
        if not isinstance(texts, tuple):
            return None  # a list may change between calls: no memory of it
        if texts is not self.texts:
            next_text = [len(texts)] * (len(texts) + 1)
            for i in range(len(texts) - 1, -1, -1):
                next_text[i] = i if texts[i] else next_text[i + 1]
            self.texts, self.next_text, self.verdicts = texts, next_text, {}
        return self


_PER_DOCUMENT = _PerDocument()


def _next_text(texts: tuple[str, ...] | list[str], index: int) -> int:
    """The first line at or after `index` that has text (len(texts) if none)."""
    known = _PER_DOCUMENT.of(texts)
    if known is None:
        return next((i for i in range(index, len(texts)) if texts[i]), len(texts))
    return known.next_text[index]


def title_block(texts: list[str], index: int) -> TitleBlock | None:
    """The title block that starts at `index`: groups of title lines, a blank line apart, up to
    and including the group that holds a date (or only the first group, where a date alone
    stands above it: that date is the block's, given last)."""
    if index and texts[index - 1]:
        return None
    lines: list[str] = []
    cursor, last = index, index
    dated_above = _date_above(texts, index) if index >= 2 else None
    while cursor < len(texts) and len(lines) < TITLE_BLOCK_MAX_LINES:
        if not texts[cursor]:
            if any(map(_has_date, lines)):
                break
            if dated_above and lines:
                lines.append(dated_above)
                break
            cursor = _next_text(texts, cursor)  # the rest of a blank run would be judged alike
            continue
        if not _is_title_line(texts[cursor]):
            break
        lines.append(texts[cursor])
        last = cursor
        cursor += 1
    if not lines or not any(map(_has_date, lines)):
        return None
    return TitleBlock(tuple(lines), last)


def _attendance_start(texts: list[str], index: int) -> int:
    """The 'Present:' line soon after an opener at `index`, else the line after the opener."""
    seen = 0
    for cursor in range(index + 1, min(len(texts), index + 1 + 4 * ATTENDANCE_WITHIN_LINES)):
        if texts[cursor]:
            if split_heading(texts[cursor])[0] is not None:
                return cursor
            seen += 1
            if seen >= ATTENDANCE_WITHIN_LINES:
                break
    return index + 1


def _records_attendance(texts: list[str], index: int) -> bool:
    return _attendance_start(texts, index) != index + 1 or bool(
        index + 1 < len(texts) and split_heading(texts[index + 1])[0] is not None)


# 'MINUTES' heads minutes; 'APPROVAL OF MINUTES' over 'Regular Meeting, January 9, 2001.' is an
# item about other minutes
@cache
def _minutes_title() -> re.Pattern[str]:
    spaced = (r"\s".join(map(re.escape, words.split())) for words in vocabulary().segments.minutes_of)
    return re.compile("".join(r"(?<!\b" + words + r"\s)" for words in spaced) + r"\bminutes\b", re.IGNORECASE)


def is_title_block_opener(texts: list[str], index: int) -> bool:
    """A title naming the body and the date, followed soon by 'Present:': the minutes' own
    header where no 'held on' sentence opens them ('X Parish Council – Ordinary Meeting Tuesday
    2nd October 2018, 7.30pm', '5th Meeting of the X Committee' over 'April 10, 2025')."""
    title = title_block(texts, index)
    if title is None:
        return False
    verdict = _title_verdict(texts, title)
    return _records_attendance(texts, index) if verdict is None else verdict


def _title_verdict(texts: tuple[str, ...] | list[str], title: TitleBlock) -> bool | None:
    """Whether a title block opens minutes by itself: True for a minutes heading ('REGULAR
    MEETING MINUTES' over its date) that names no agenda item, False for a title that names no
    body and date; None for one that does, where 'Present:' soon after it decides."""
    known = _PER_DOCUMENT.of(texts)
    answers = known.verdicts if known is not None else {}
    if title not in answers:
        if any(_is_heading_cased(line) and _minutes_title().search(line) for line in title.lines):
            answers[title] = not _names_an_item(texts, title.last)
        else:
            answers[title] = None if parse_title_line(title.text) is not None else False
    return answers[title]


def _is_heading_cased(text: str) -> bool:
    """Capitals, or every word of four letters or more capitalised: a heading, not a sentence."""
    words = _LETTERS.findall(text)
    return bool(words) and all(w[0].isupper() for w in words if len(w) >= 4)


_MINUTES_LABEL = re.compile(r"minutes(?:\s+of\s+(?:the|a)\s+meeting)?:?", re.IGNORECASE)
_LETTERS = re.compile(r"[^\W\d_]+")
_FULL_STOP = re.compile(r"(?<=[a-z)])\.\s")
_FINITE_VERB = re.compile(r"\b(?:were|was|be|been|are|is|had|has|have)\b", re.IGNORECASE)


def is_minutes_opener(texts: list[str], index: int) -> bool:
    """'At a Meeting of X held ... on <date>', a 'MINUTES' heading over a labelled date line, or
    a title block naming body and date over an attendance list."""
    text = texts[index]
    if is_title_block_opener(texts, index):
        return True
    if _MINUTES_LABEL.fullmatch(text):
        following = [t for t in texts[index + 1 : index + 12] if t][:6]
        return any(read_labelled_line(t) and read_labelled_line(t)[0] == "date" for t in following)
    if not _patterns()["minutes"].match(text) or "(Page" in text or _names_an_item(texts, index):
        return False
    sentence = " ".join(texts[index : index + 4])
    found = find_date(sentence) or find_date(" ".join(title_above(texts, index)))
    if not found or " held" not in sentence.lower():
        return False
    # An opener names a meeting; a sentence about one ("... were approved") has a finite verb.
    first_sentence = _FULL_STOP.split(sentence, maxsplit=1)[0]
    return not _FINITE_VERB.search(first_sentence)


_MEMO_FROM = re.compile(r"^" + phrase_alternation(vocabulary().segments.memo_from) + r"\s*:\s*\S", re.IGNORECASE)
_MEMO_SUBJECT = re.compile(r"^" + phrase_alternation(vocabulary().segments.memo_subject) + r"\s*:\s*\S", re.IGNORECASE)


def _is_report_opener(texts: list[str], index: int) -> bool:
    if _MEMO_FROM.match(texts[index]):  # a memo header: "From: ... / To: ... / Subject: ..."
        following = [t for t in texts[index + 1 : index + 10] if t][:4]
        if any(_MEMO_SUBJECT.match(t) for t in following):
            return True
    if not _patterns()["report"].match(texts[index]):
        return False
    section_heading = _patterns()["report_section"]
    window = texts[index + 1 : index + 1 + REPORT_SECTION_WINDOW]
    return any(section_heading.match(text) for text in window)


def _walk_back(source: SourceText, texts: list[str], index: int, floor: int, limit: int, accept) -> int:
    """The first line of the header above `index`: heading lines accepted by `accept`.

    A bulleted line is list content, never part of a header.
    """
    start, taken, cursor = index, 0, index - 1
    while cursor >= floor and taken < limit:
        text = texts[cursor]
        if not text:
            cursor -= 1
            continue
        if is_bulleted(source.plain_lines()[cursor]) or _patterns()["blank_page"].match(text) or not accept(text):
            break
        start, taken = cursor, taken + 1
        cursor -= 1
    return start


def _is_minutes_heading(text: str) -> bool:
    if not _is_heading_like(text) or is_date_line(text):
        return False
    letters = [c for c in text if c.isalpha()]
    shouting = letters and all(c.isupper() for c in letters)
    return bool(shouting or _patterns()["body_word"].search(text))


@cache
def _furniture() -> re.Pattern[str]:
    stamps = vocabulary().furniture.page_stamps
    return re.compile(r"^" + phrase_alternation(stamps) + r"\s+\d+[a-z]?$", re.IGNORECASE)


def is_furniture(text: str) -> bool:
    """A page stamp ('Page 49', 'Agenda Item 7'): part of the page, not of the paper."""
    return bool(_furniture().match(text))


def report_title(texts: list[str], first: int, opener: int) -> str | None:
    """The title in a report header: after the last date line, else the last group before it."""
    groups: list[list[str]] = []
    current: list[str] = []
    dated_groups: list[bool] = []
    for text in [t for t in texts[first:opener] if not is_furniture(t)] + [""]:
        if text and not is_date_line(text):
            current.append(text)
            continue
        if current:
            groups.append(current)
            dated_groups.append(False)
            current = []
        if text:
            groups.append([text])
            dated_groups.append(True)
    last_date = max((i for i, dated in enumerate(dated_groups) if dated), default=None)
    candidates = [g for i, g in enumerate(groups) if not dated_groups[i]]
    if last_date is not None:
        after = [g for i, g in enumerate(groups) if i > last_date and not dated_groups[i]]
        if after:
            return " ".join(after[0])
        before = [g for i, g in enumerate(groups) if i < last_date and not dated_groups[i]]
        if len(before) > 1:
            return " ".join(before[-1])
    return " ".join(candidates[-1]) if candidates else None


def _is_slides(texts: list[str]) -> bool:
    """Text from presentation slides: many short lines that are not sentences."""
    lines = [t for t in texts if t]
    if len(lines) < 20:
        return False
    sentences = sum(1 for t in lines if t.endswith("."))
    return statistics.median(len(t) for t in lines) < 50 and sentences / len(lines) < 0.3


def _children(texts: list[str], report: Segment) -> tuple[Segment, ...]:
    """Appendices of a report, and content that follows a blank page inside it."""
    patterns = _patterns()
    starts: list[tuple[int, str | None]] = []
    after_blank = False
    for index in range(report.first + 1, report.last + 1):
        text = texts[index]
        if not text:
            continue
        if patterns["blank_page"].match(text):
            after_blank = True
            starts.append((index, None))
            continue
        is_appendix = patterns["appendix"].match(text) and len(text) <= 100 and not text.endswith(".")
        if is_appendix or after_blank:  # an appendix heading, or whatever follows a blank page
            starts.append((index, text))
        after_blank = False
    children: list[Segment] = []
    for position, (begin, title) in enumerate(starts):
        end = starts[position + 1][0] - 1 if position + 1 < len(starts) else report.last
        if title is None:
            children.append(Segment("blank", begin, begin))
            continue
        kind = "presentation" if _is_slides(texts[begin : end + 1]) else "appendix"
        children.append(Segment(kind, begin, end, title=title[:200]))
    return tuple(children)


PAGE_EDGE_LINES = 4  # a running header or footer sits within this many printed lines of a page's edge


def _opener_header(texts: list[str], index: int) -> Header | None:
    """Body and date of the title an opener heads."""
    title = title_block(texts, index)
    return parse_title_line(" ".join(title.lines) if title else texts[index])


def _at_page_edge(source: SourceText, index: int) -> bool:
    """A line among the first or last few printed lines of its page."""
    page = source.lines[index].page
    if page is None:
        return False
    printed = [i for i, line in enumerate(source.lines) if line.page == page and line.text.strip()]
    return index in printed[:PAGE_EDGE_LINES] or index in printed[-PAGE_EDGE_LINES:]


def _running_header(source: SourceText, texts: list[str], opener: int, index: int) -> bool:
    """An opener at a page's edge that repeats the meeting already open ('Golf Commission Minutes
    —Tuesday, December 13, 2011' under 'ALAMEDA GOLF COMMISSION / MINUTES OF REGULAR MEETING /
    Tuesday, December 13, 2011'): the same date, and a body whose words are the first one's."""
    title = title_block(texts, index)
    if not _at_page_edge(source, title.last if title else index):
        return False
    first, again = _opener_header(texts, opener), _opener_header(texts, index)
    if not first or not again or not first.body or not again.body or first.date != again.date:
        return False
    words = lambda body: set(re.findall(r"[a-z]+", body.lower()))  # noqa: E731
    return bool(words(again.body)) and words(again.body) <= words(first.body)


def _title_date(texts: list[str], index: int) -> str | None:
    """The date an opener's title (or its opening sentence) gives."""
    title = title_block(texts, index)
    found = find_date(title.text if title else " ".join(texts[index : index + 4]))
    return found[0].isoformat() if found and found[0] else None


def _repeated_heading(texts: list[str], opener: int, index: int) -> bool:
    """A minutes heading that names no body and carries the open meeting's date ('MINUTES' /
    '| January 30, 2001' on every page): a running header, wherever OCR or a page's columns put
    it on the page, not a new meeting."""
    title = title_block(texts, index)
    if title is None or (parse_title_line(title.text) or Header()).body:
        return False
    date = _title_date(texts, index)
    return date is not None and date == _title_date(texts, opener)


@cache
def _opening_words() -> re.Pattern[str]:
    """Any of the line-start cues that is_minutes_opener and _is_report_opener try (a match of
    one of them is a match of this), in one pattern."""
    cues = (_patterns()["minutes"], _MINUTES_LABEL, _patterns()["report"], _MEMO_FROM)
    return re.compile("|".join(f"(?:{cue.pattern})" for cue in cues), re.IGNORECASE)


def opener_candidates(texts: tuple[str, ...] | list[str]) -> list[int]:
    """The lines, in order, at which a minutes or report opener may start: every other line is
    judged False by both without asking them (most of a document; each asked took several calls).

    A line opens by a line-start cue or by a title block. A title block starts at the first line
    or after a blank one; its lines are title lines among the first TITLE_BLOCK_MAX_LINES lines
    with text from there, and one of them, or the date line two lines above it, holds a date
    (each line's verdicts are cached: title_block asks them again of the lines given)."""
    starts = _opening_words().match
    candidates: list[int] = []
    with_text = 0  # lines with text at or after line i (a line with text: its place from the end)
    next_with_text: int | None = None  # the first line with text at or after line i
    dated_place: int | None = None  # the place of a dated title line reached from line i through title lines
    for i in range(len(texts) - 1, -1, -1):
        text = texts[i]
        if text:
            with_text, next_with_text = with_text + 1, i
            if not _is_title_line(text):
                dated_place = None  # a title block stops at a line that is not a title line
            elif _has_date(text):
                dated_place = with_text
            elif dated_place is not None and with_text - dated_place >= TITLE_BLOCK_MAX_LINES:
                dated_place = None  # out of reach of this line and of every line above it
        if text and starts(text) or (i == 0 or not texts[i - 1]) and (
                dated_place is not None or i >= 2 and next_with_text is not None
                and _is_title_line(texts[next_with_text]) and _has_date(texts[i - 2])):
            candidates.append(i)
    return candidates[::-1]


def segment(source: SourceText) -> list[Segment]:
    """The top-level parts of a document, in order, each with its children (appendices)."""
    texts = source.clean_lines()
    count = len(texts)
    anchors: list[tuple[int, int, str]] = []  # (start, opener line, kind)
    floor = 0
    index = 0
    candidates = opener_candidates(texts)
    while (position := bisect_left(candidates, index)) < len(candidates):
        index = candidates[position]  # the lines between cannot open a part
        if is_minutes_opener(texts, index):
            if anchors and anchors[-1][2] == "minutes" and (
                    _running_header(source, texts, anchors[-1][1], index) or _repeated_heading(texts, anchors[-1][1], index)):
                index += 1
                continue
            start = _walk_back(source, texts, index, floor, MINUTES_HEADER_MAX_LINES, _is_minutes_heading)
            anchors.append((start, index, "minutes"))
            floor = index + 1
            title = title_block(texts, index)
            index = max(_attendance_start(texts, index), title.last + 1 if title else 0)  # 'MINUTES of the meeting held in ...' under a
            continue  # title block is the same header, not another meeting
        elif _is_report_opener(texts, index):
            if anchors and anchors[-1][2] == "report" and index - anchors[-1][1] <= 10:
                index += 1  # "Report to ..." then "Report of ...": one header
                continue
            start = _walk_back(source, texts, index, floor, HEADER_MAX_LINES, _is_heading_like)
            anchors.append((start, index, "report"))
            floor = index + 1
        index += 1
    segments: list[Segment] = []
    first_anchor = anchors[0][0] if anchors else count
    if any(texts[:first_anchor]):
        segments.append(Segment("front_sheet", 0, first_anchor - 1, title=next(t for t in texts if t)[:200]))
    for position, (start, opener, kind) in enumerate(anchors):
        end = anchors[position + 1][0] - 1 if position + 1 < len(anchors) else count - 1
        title = report_title(texts, start, opener) if kind == "report" else texts[opener][:200]
        part = Segment(kind, start, end, title=title, opener=opener)
        if kind == "report":
            part = replace(part, children=_children(texts, part))
        segments.append(part)
    return [_trim(source, s) for s in segments]


def _trim(source: SourceText, part: Segment) -> Segment:
    """The part without blank lines at either end (nor at its children's)."""
    first, last = part.first, part.last
    while last > first and not source.lines[last].text.strip():
        last -= 1
    while first < last and not source.lines[first].text.strip():
        first += 1
    return replace(part, first=first, last=last, children=tuple(_trim(source, child) for child in part.children))
