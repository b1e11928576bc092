"""Finding the item headings of printed minutes: a minute number then a title ("7 Youth Justice
Plan", "23/45 Budget Monitoring", "Minute 292 Planning Applications"), a title over an
"(Item N)" line, an item id in brackets, a number run in mid-line after a sentence, and the
unnumbered headings the numbering leaves room for; then the lines cut where a heading starts
inside one, so that every item is a run of whole lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from extract.text.blocks import paragraph_end
from extract.parsing.minute_numbers import follows, is_outline
from extract.parsing.minute_titles import (MAX_TITLE_WORDS, MIN_RUN_IN_TITLE_LETTERS, capitalised_share,
                                           every_word_capitalised, is_capitals, is_title, lead_title,
                                           run_in_title, whole_title, without_empty_mark)
from extract.parsing.resolutions import RESOLUTION_NUMBER
from extract.parsing.names import split_title
from extract.text.lines import Line, SourceText
from extract.text.clean import blank_markup
from extract.base.vocabulary import canonical, phrase_alternation, vocabulary
from extract.text.headings import AGENDA_REFERENCE_LINE, split_heading


@cache
def _minute_number() -> str:
    """A minute number, perhaps after its label: '7', '23/45', 'Minute No. 292', 'Item 8'."""
    minutes_items = vocabulary().minutes_items
    label = (r"(?:" + phrase_alternation(minutes_items.number_labels) + r"\s+(?:"
             + phrase_alternation(minutes_items.number_abbreviations) + r"\.?\s*)?)?")
    return label + r"(?P<number>(?:[A-Z]{1,4}[./\s]?)?\d{1,4}(?:[/.]\d{1,4})?[a-z]?)[.):]?"


@cache
def _heading() -> re.Pattern[str]:
    """A numbered heading: a title opens with a capital, or with a number before a capitalised
    word ('1st Report of ...', '3095 Bostwick Road (OZ-25018)')."""
    return re.compile(r"^" + _minute_number() + r"\s+(?:[–-]\s+)?(?P<title>[\"'‘“(]?(?:[A-Z]|\d[\w/-]*\s+[A-Z]).*)$")


@cache
def _number_alone() -> re.Pattern[str]:
    """PDF-to-text output often puts the minute number on a line of its own, the title on the next."""
    return re.compile(r"^" + _minute_number() + r"$")


MAX_SPLIT_TITLE_WORDS = 15
AGENDA_REFERENCE = re.compile(AGENDA_REFERENCE_LINE.pattern + "$", re.IGNORECASE)


@dataclass(slots=True)
class _Heading:
    index: int
    number: str
    title: str
    agenda_item: str | None
    body_start: int
    column: int = 0  # where on its line the heading starts: a minute number run in mid-paragraph


def _next_line(source: SourceText, index: int, last: int) -> int | None:
    """The next non-blank line after index, within two lines."""
    for following in range(index + 1, min(index + 3, last) + 1):
        if source.plain_lines()[following]:
            return following
    return None


# a council's resolution number opening a paragraph ('R2018-162'): the resolution is the item
RESOLUTION_HEADING = re.compile(r"^(?P<number>" + RESOLUTION_NUMBER + r")\s+\S")


# a paragraph opening with its item's id in brackets: '(19-013) Resolution No. ...', '(*19-010)'
# (the asterisk marks a consent item), '(19-004 CC/19-05 SACIC)'
_BRACKET_ID = r"\d{1,4}-\d{1,4}(?:\s?[A-Z]{2,6})?"
BRACKETED_HEADING = re.compile(r"^\(\*?(?P<number>" + _BRACKET_ID + r"(?:/" + _BRACKET_ID + r")?)\)\s+(?P<rest>\S.*)$")
MAX_BRACKETED_TITLE_LINES = 12
MIN_TITLE_CAPITALS = 0.6


@cache
def _outcome_end() -> re.Pattern[str]:
    return re.compile(r"\s*\b" + phrase_alternation(vocabulary().minutes_items.outcomes) + r"[.;]?$")


def _title_paragraph_end(source: SourceText, index: int, last: int) -> int:
    """The last line of the sentence that opens at index: a PDF may leave blank lines inside it."""
    lines = source.plain_lines()
    end, cursor = index, index
    while cursor <= min(last, index + MAX_BRACKETED_TITLE_LINES):
        if lines[cursor]:
            end = cursor
            if re.search(r"[.;][\"'”’)]*$", lines[cursor]):
                break
        cursor += 1
    return end


def _bracketed_heading(source: SourceText, index: int, last: int) -> tuple[str, str, int, bool] | None:
    """A paragraph opening with an item id in brackets. Its title is the paragraph, without the
    outcome word, where it reads as a title; a paragraph that is a sentence ('(19-005) Paul
    Medved, Alameda, discussed ...') is the item's text, and the item has no title."""
    match = BRACKETED_HEADING.match(source.plain_lines()[index])
    if not match:
        return None
    end = _title_paragraph_end(source, index, last)
    text = " ".join([match["rest"], *(line for line in source.plain_lines()[index + 1 : end + 1] if line)])
    title = _outcome_end().sub("", text).rstrip(" .;")
    if not title[:1].isupper() or capitalised_share(title) < MIN_TITLE_CAPITALS:
        return match["number"], "", index, True
    return match["number"], title, end, False


def _standalone_heading(source: SourceText, index: int, last: int) -> str | None:
    """An unnumbered heading: a short heading-cased line standing alone ('Internal Audit',
    'CONSENT CALENDAR'), not a date, a person, an attendance label or a part of the agenda
    ('UNRESTRICTED ITEMS'), nor set in italics (a sub-heading)."""
    lines = source.plain_lines()
    text = lines[index]
    if not text or (index > 0 and lines[index - 1]) or (index < len(lines) - 1 and lines[index + 1]):
        return None
    title = without_empty_mark(text.rstrip(":"))
    if not every_word_capitalised(title) or not _is_bare_heading(title) or _is_italic(source.lines[index].text) \
            or _decision_label().match(title) or ": " in title or _LIST_LABEL.match(title):
        return None
    following = next((i for i in range(index + 1, last + 1) if lines[i]), None)
    if following is None or not _ends_sentence(lines, following, paragraph_end(source, following, last + 1)):
        return None  # a heading heads prose; a line over a list or a table is a label in it
    return title


_LIST_LABEL = re.compile(r"^(?:[A-Za-z]|[ivx]{1,4}|\d{1,3})[.)]\s")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_BRACKETED_NOTE = re.compile(r"^\([^()]+\)$")


def _ends_sentence(lines: list[str], first: int, end: int) -> bool:
    """The paragraph first..end is prose: it ends a sentence, or a sentence then a note in brackets
    on a line of its own ('... Compact.' / '(Councilmember Oddie)': who raised it)."""
    if end > first and _BRACKETED_NOTE.match(lines[end]):
        end -= 1
    return bool(_SENTENCE_END.search(lines[end]))


@cache
def _decision_label() -> re.Pattern[str]:
    """'Resolved', 'Moved by S. Lewis', 'Motion Passed (5 to 0)': the parts of a decision, not
    headings of business."""
    markers, votes = vocabulary().resolution_markers, vocabulary().votes
    words = [*markers.strong, *markers.weak, *votes.mover_keys, *votes.seconder_keys,
             *votes.result_keys, *votes.motions, *votes.for_, *votes.against, *votes.abstain]
    return re.compile(phrase_alternation(words) + r"\b", re.IGNORECASE)


MAX_UNNUMBERED_WORDS = 10


@cache
def _part_headings() -> frozenset[str]:
    agenda = vocabulary().agenda
    return frozenset(canonical(p) for p in [*agenda.part_open, *agenda.part_exempt])


def _is_bare_heading(title: str) -> bool:
    """Words that can head an item on their own: short, no sentence punctuation, not a date, a
    person, an attendance label or a part heading."""
    words = title.split()
    return 0 < len(words) <= MAX_UNNUMBERED_WORDS and sum(c.isalpha() for c in title) >= MIN_RUN_IN_TITLE_LETTERS \
        and not re.search(r"[.;]$", title) and is_title(title) and split_heading(title + ":")[0] is None \
        and split_title(title)[0] is None and canonical(title) not in _part_headings()


def _is_italic(line: str) -> bool:
    """A line set wholly in italics ('_Parish Clerk_', '**_Dog Fouling._**')."""
    stripped = line.strip().strip("*#").strip()
    return len(stripped) > 2 and stripped[0] == "_" and stripped[-1] == "_"


# 'Disclosure of pecuniary interest: None.', 'Staff Reports:' opening a paragraph
LABEL_HEADING = re.compile(r"^(?P<title>[A-Z][\w’' ,&/-]{2,60}?):(?:\s+(?P<rest>\S.*))?$")
MAX_LABEL_WORDS = 6


def _label_heading(source: SourceText, index: int) -> tuple[str, bool] | None:
    """(title, whether text follows on the line) of a section opened by a label and a colon."""
    lines = source.plain_lines()
    match = LABEL_HEADING.match(lines[index])
    if not match or (index > 0 and lines[index - 1]) or len(match["title"].split()) > MAX_LABEL_WORDS:
        return None
    title, rest = match["title"], match["rest"] or ""
    if not _is_bare_heading(title) or rest.count(",") >= 2:  # 'Those Attending: A, B, C' is attendance
        return None
    if rest and not _ends_sentence(lines, index, paragraph_end(source, index, len(lines))):
        return None  # 'Public Members: 3 number (Including ...,' is a note, not a section
    if not rest and not (index + 1 < len(lines) and lines[index + 1]):
        return None
    return title, bool(rest)


_SENTENCE_INSIDE = re.compile(r"[a-z]{3}\.\s+[A-Z]")


_BROKEN_AT_END = re.compile(r"\w-$")  # a word or number the line end broke, that the next line goes on with


def _heading_at(source: SourceText, index: int, last: int) -> tuple[str, str, int, bool] | None:
    """(number, title, index of the title's line, whether the text runs on in the same line)
    when a minutes item heading starts here."""
    text = source.plain_lines()[index]
    above = source.plain_lines()[index - 1] if index > 0 else ""
    if "-" in above[-2:] and _BROKEN_AT_END.search(above):  # the search is slow on a long line: '-' ends a match
        return None  # '... [paragraph no. 19-' / '003 CC/19-03 SACIC] would return': the rest of a number
    match = _heading().match(text)
    if match and is_title(match["title"]):
        if _SENTENCE_INSIDE.search(match["title"]) and (lead := lead_title(match["title"])):
            return match["number"], lead, index, True  # '1 Apologies. District Councillor C Sampson'
        capitals = run_in_title(match["title"])
        if capitals and re.match(r"\s*[–:-]\s", match["title"][len(capitals):]):
            return match["number"], capitals, index, True  # '11. ANNUAL RISK ASSESSMENT – this will be ...'
        return match["number"], without_empty_mark(match["title"]), index, False
    if match and (run_in := run_in_title(match["title"]) or lead_title(match["title"])):
        return match["number"], run_in, index, True
    bracketed = _bracketed_heading(source, index, last)
    if bracketed:
        return bracketed
    numbered = RESOLUTION_HEADING.match(text)
    if numbered:  # 'R2018-162  L. Smith, T. Marchant:  That ...': the resolution is the item
        return numbered["number"], "", index, True
    alone = _number_alone().match(text)
    if alone and re.search(r"\d", text):
        title_line = _next_line(source, index, last)
        if title_line is not None:
            title = source.plain_lines()[title_line]
            if title[:1].isupper() and len(title.split()) <= MAX_SPLIT_TITLE_WORDS and not title.endswith(".") \
                    and is_title(title) and not _heading().match(title):
                return alone["number"], title, title_line, False
    return None


def _wrapped_title_line(source: SourceText, title_line: int, last: int) -> int | None:
    """The next line, when it ends the heading's paragraph and is a short tail of its title (not
    after a title that ends its sentence: '(Councilmember Oddie)' under it is a note)."""
    following = title_line + 1
    if following + 1 > last or not source.plain_lines()[following] or _SENTENCE_END.search(
            source.plain_lines()[title_line]):
        return None
    tail = source.plain_lines()[following]
    if source.plain_lines()[following + 1] or len(tail.split()) > 6 or tail.endswith((".", ":")):
        return None
    if _heading().match(tail) or AGENDA_REFERENCE.fullmatch(tail):
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
    numbered = _heading().match(title)
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


@dataclass(frozen=True, slots=True)
class _Unnumbered:
    """Where a heading without a number opens an item. Above the first numbered heading any may
    ('Election of Chair' before minute 283). Below it, where the numbering is the meeting's own
    (it starts at 1, no '(Item N)'), a heading-cased line is an item ('Internal Audit' between
    '2. Matters Arising' and '3. Planning'); where it runs on from past meetings (283, 70/17) or
    carries '(Item N)', such a line is a sub-heading inside an item. A line in capitals is a
    section ('CONSENT CALENDAR') unless the numbered titles are themselves in capitals."""

    before: int
    mixed_case: bool
    capitals: bool

    @classmethod
    def of(cls, numbered: list[_Heading], anchored: bool, last: int) -> _Unnumbered:
        if not numbered:
            return cls(last + 1, True, True)
        starts_at_one = 1 in map(int, re.findall(r"\d+", numbered[0].number))
        nested = any(is_outline(h.number) and "." in h.number.rstrip(".") for h in numbered)
        titled = [h.title for h in numbered if h.title]
        in_capitals = sum(1 for t in titled if is_capitals(t)) * 2 > len(titled)
        numbers_every_item = anchored or nested
        return cls(numbered[0].index, starts_at_one and not numbers_every_item, not (in_capitals or numbers_every_item))

    def allows(self, index: int, title: str) -> bool:
        if index < self.before:
            return True
        return self.capitals if is_capitals(title) else self.mixed_case


def find_headings(source: SourceText, first: int, last: int) -> list[_Heading]:
    """Minutes item headings: by their '(Item N)' lines where the minutes print them (then a
    numbered paragraph inside an item is never an item), else by numbers that run forward; then
    the unnumbered headings that the numbering leaves room for (_Unnumbered)."""
    anchored = _anchored_headings(source, first, last)
    if len(anchored) < 2:
        anchored = []
    found_at: dict[int, tuple[str, str, int, bool] | None] = {}  # _heading_at by line, shared by both passes
    numbered = _find_headings(source, first, last, list(anchored), None, found_at)
    return _find_headings(source, first, last, anchored, _Unnumbered.of(numbered, bool(anchored), last), found_at)


def _find_headings(source: SourceText, first: int, last: int, anchored: list[_Heading],
                   unnumbered: _Unnumbered | None, found_at: dict) -> list[_Heading]:
    headings: list[_Heading] = []
    numbers: list[str] = []  # the numbers taken so far, in order
    for index in range(first, last + 1):
        while anchored and anchored[0].index <= index:
            numbers.append(anchored[0].number)
            headings.append(anchored.pop(0))
        if index not in found_at:
            found_at[index] = _heading_at(source, index, last)
        heading = _numbered_heading(source, index, found_at[index], last, headings, numbers, anchored)
        if heading is None and unnumbered is not None and not (headings and index < headings[-1].body_start):
            heading = _unnumbered_heading(source, index, unnumbered)
        if heading is not None:
            headings.append(heading)
            if heading.number:
                numbers.append(heading.number)
        if numbers and headings and index >= headings[-1].body_start:
            for run_in in _headings_run_in(source, index, numbers[-1], headings[-1]):
                headings.append(run_in)
                numbers.append(run_in.number)
    return headings + anchored


def _numbered_heading(source: SourceText, index: int, found: tuple[str, str, int, bool] | None, last: int,
                      headings: list[_Heading], numbers: list[str], anchored: list[_Heading]) -> _Heading | None:
    """The numbered heading at the start of line index (found there by _heading_at), if it can come next."""
    if not found:
        return None
    number, title, title_line, run_in = found
    bracketed = BRACKETED_HEADING.match(source.plain_lines()[index]) is not None
    if numbers and not bracketed and not follows(numbers[-1], number):
        number = _sub_item_number(headings, numbers, number, title)
        if number is None:
            return None
    if anchored and not follows(number, anchored[0].number):
        return None  # a numbered paragraph, not a heading between two that carry '(Item N)'
    if headings and index <= headings[-1].body_start - 1:
        return None  # the title line of a heading already taken
    if run_in:  # the item's text starts on its heading line
        return _Heading(index, number, title, None, index)
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
    return _Heading(index, number, title.strip(), agenda_item, body_start)


def _sub_item_number(headings: list[_Heading], numbers: list[str], number: str, title: str) -> str | None:
    """'4.1' for a '1.' printed under the section '4. APPROVAL OF CONSENT CALENDAR': sections in
    capitals whose sub-items, in ordinary case, number from 1 again."""
    if not number.isdigit() or is_capitals(title):
        return None
    section_ = next((h for h in reversed(headings) if h.number and "." not in h.number), None)
    if section_ is None or not is_capitals(section_.title) or not section_.number.isdigit():
        return None
    composite = f"{section_.number}.{number}"
    return composite if follows(numbers[-1], composite) else None


def _unnumbered_heading(source: SourceText, index: int, unnumbered: _Unnumbered) -> _Heading | None:
    """A heading with no number that opens an item here: a line standing alone, or (above the
    first numbered heading) a label opening a paragraph ('Staff Reports:')."""
    title = _standalone_heading(source, index, len(source.lines) - 1)
    if title is not None and unnumbered.allows(index, title):
        return _Heading(index, "", title, None, index + 1)
    label = _label_heading(source, index) if index < unnumbered.before else None
    if label is not None:
        title, run_in = label
        return _Heading(index, "", title, None, index if run_in else index + 1)
    return None


# a minute number run in after the end of the last sentence: '... at work. 71/17 Declaration of
# Interest on agenda items No declarations were made.', '... No new requests. 22. AGREE DATE ...'
RUN_IN_NUMBER = re.compile(
    r"(?<=[.!?;”’\")])\s+(?P<number>\d{1,4}(?:/\d{1,4})?)(?P<stop>[.):]?)\s+(?:[–-]\s+)?(?=[A-Z“\"‘'(])")
_RUN_IN_NUMBER_CORE = re.compile(r"[.!?;”’\")]\s+\d")  # what every RUN_IN_NUMBER match holds
MAX_RUN_IN_GAP = 2


def _headings_run_in(source: SourceText, index: int, previous: str, current: _Heading) -> list[_Heading]:
    """Headings that start inside line index, each the next minute number after the last."""
    text = source.plain_lines()[index]
    start = _plain_column(source, index, current.column) if current.index == index else 0
    if not _RUN_IN_NUMBER_CORE.search(text, max(start - 1, 0)):
        return []  # no sentence end before a number: searched in C, without the look-behind at every character
    found: list[_Heading] = []
    for match in RUN_IN_NUMBER.finditer(text, start):
        number = match["number"]
        if ("/" in number) != ("/" in previous) or ("/" not in number and not match["stop"]):
            continue
        gap = int(re.findall(r"\d+", number)[0]) - int(re.findall(r"\d+", previous)[0])
        if not follows(previous, number) or gap > MAX_RUN_IN_GAP and "/" not in number:
            continue
        rest = text[match.end():]
        title = run_in_title(rest) or lead_title(rest, numbered_run_in=True) or whole_title(rest)
        if title is None:
            continue
        column = _text_column(source.lines[index].text, match.start("number"))
        found.append(_Heading(index, number, title, None, index, column))
        previous = number
    return found


def _plain_column(source: SourceText, index: int, column: int) -> int:
    """The offset in the plain line of the character at column of the line as read."""
    solid = sum(1 for c in blank_markup(source.lines[index].text)[:column] if not c.isspace())
    plain_text = source.plain_lines()[index]
    seen = 0
    for offset, char in enumerate(plain_text):
        if seen == solid:
            return offset
        seen += not char.isspace()
    return len(plain_text)


def _text_column(line: str, plain_offset: int) -> int:
    """The column in the line as read of the character at plain_offset of its plain form (markup
    blanked, white space folded): the same characters, less spaces and emphasis marks."""
    plain_text = " ".join(blank_markup(line).split())
    solid = sum(1 for c in plain_text[:plain_offset] if not c.isspace())
    seen = 0
    for column, char in enumerate(blank_markup(line)):
        if not char.isspace():
            if seen == solid:
                return column
            seen += 1
    return len(line)


def cut_at_headings(source: SourceText, headings: list[_Heading], last: int) -> tuple[SourceText, list[_Heading], int]:
    """The source with each line cut where a heading starts inside it, so that every item is a
    run of whole lines; the headings and `last` re-indexed to it. Each piece keeps its offset
    and line number (as extract.text.paragraphs cuts lines at form feeds), so spans stay exact."""
    cuts: dict[int, list[int]] = {}
    for heading in headings:
        if heading.column:
            cuts.setdefault(heading.index, []).append(heading.column)
    if not cuts:
        return source, headings, last
    lines: list[Line] = []
    new_index: dict[tuple[int, int], int] = {}
    for index, line in enumerate(source.lines):
        begin = 0
        for column in [*sorted(cuts.get(index, [])), len(line.text)]:
            new_index[(index, begin)] = len(lines)
            if column > begin or begin == 0:
                lines.append(Line(line.number, line.page, line.start + begin, line.text[begin:column]))
            begin = column
    split = replace(source, lines=lines)

    def moved(index: int, column: int = 0) -> int:
        if index >= len(source.lines):  # one past the end
            return len(lines) + index - len(source.lines)
        return new_index[(index, column)]

    moved_headings = [replace(h, index=moved(h.index, h.column), column=0,
                              body_start=moved(h.body_start, h.column if h.body_start == h.index else 0))
                      for h in headings]
    return split, moved_headings, moved(last) + len(cuts.get(last, []))
