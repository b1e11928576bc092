"""Who came, who sent apologies and who substituted for whom, in a meeting's minutes.

The attendance block under "Present:" gives the present and those in attendance; the
"Apologies for Absence" and "Substitute Members" items add sentences such as "Apologies for
absence were received from Councillors A, B and C" and "Councillor X substituted for
Councillor Y".
"""

from __future__ import annotations

import re
from functools import cache

from extract.text.blocks import block, paragraph_end
from extract.parsing.roster import read_roster, to_person
from extract.parsing.names import Name, is_councillor, parse_name, parse_name_list
from extract.text.lines import SourceText
from extract.text.clean import blank_markup
from extract.text.tables import RawTable
from extract.base.vocabulary import canonical, canonical_words, lookup, phrase_alternation, vocabulary
from schemas import Attendance

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.(?:\s+(?=[A-Z])|\s*$)")


# an item number may stand before the opener, where the item runs its heading into its text
# ('1 **Apologies**. District Councillor Colin Sampson and ...', '70/17 Apologies for absence ...')
_ITEM_NUMBER = r"(?:\d{1,4}(?:[./]\d{1,4})?[.)]?\s+)?"


@cache
def _apology_opener() -> re.Pattern[str]:
    return re.compile(
        _ITEM_NUMBER + r"(?:" + phrase_alternation(vocabulary().apologies.sentence_openers) + r")\b\s*[:\-–—.]?\s*",
        re.IGNORECASE,
    )


@cache
def _apologies_from() -> re.Pattern[str]:
    """'... reported apologies from', 'APOLOGIES FOR ABSENCE These were accepted from': the
    names follow. The words between are bounded, so the pattern cannot run away."""
    return re.compile(r"\bapologies\b(?:\s+[\w’']+){0,6}?\s+(?:" + phrase_alternation(vocabulary().apologies.list_openers)
                      + r")\s+", re.IGNORECASE)


@cache
def _apologies_sent() -> re.Pattern[str]:
    return re.compile(r"(?<!\s)\s+(?:" + phrase_alternation(vocabulary().apologies.subject_phrases) + r")\b", re.IGNORECASE)


@cache
def _substitution_verb() -> re.Pattern[str]:
    return re.compile(r"(?<!\s)\s+" + phrase_alternation(vocabulary().substitution.sentence_verbs) + r"\s+", re.IGNORECASE)


@cache
def _presiding_verb() -> re.Pattern[str]:
    return re.compile(r"(?<!\s)\s+" + phrase_alternation(vocabulary().attendance_lists.presiding_verbs) + r"\b", re.IGNORECASE)


@cache
def _presided_by() -> re.Pattern[str]:
    return re.compile(r"\b" + phrase_alternation(vocabulary().attendance_lists.presided_by) + r"\s+", re.IGNORECASE)


@cache
def _presiding_title() -> re.Pattern[str]:
    """A presiding officer's title and a name of one to three words after it, at the end."""
    titles = phrase_alternation(vocabulary().attendance_lists.presiding_titles + vocabulary().attendance_lists.roll_call_titles)
    return re.compile(r"\b(?P<title>" + titles + r")\s+(?=[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2}\s*$)")


def is_attendance_item(title: str) -> bool:
    """Whether a minutes item is where apologies and substitutes are recorded."""
    return canonical(title) in canonical_words("apologies", "item_titles")


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
    """Attendance entries from the block under 'Present:' (lines first..last), and apologies
    stated as sentences there ('70/17 Apologies for absence Apologies had been received from
    Tom Foy (TF) ...', where the minutes run their first items into the block)."""
    listed, _ = read_roster(source, first, last, heading=None, stop_on_prose=False)
    entries = []
    for entry in listed:
        status = entry.heading.status
        if status is None:
            continue
        name = entry.name
        if name.substitute_for is not None:
            status = "substitute"
        elif status == "present" and _is_officer(name):
            status = "in attendance"  # 'PRESENT: ..., Mrs N Cooper (Clerk)': the clerk attends, is not a member
        category = entry.heading.category
        if category is None and status in ("present", "apologies", "substitute"):
            category = _default_category(name)
        entries.append(_entry(name, status, category, entry.span, name.substitute_for))
    return entries + attendance_sentences(source, first, last)  # a name in both is merged later


@cache
def _officer_posts() -> re.Pattern[str]:
    return re.compile(r"^(?:" + phrase_alternation(vocabulary().honorifics.officer_posts) + r")$", re.IGNORECASE)


def _is_officer(name: Name) -> bool:
    """A name printed with a staff post and no councillor's title ('Mrs C Hardy (Clerk)')."""
    if not name.position or is_councillor(name.title):
        return False
    return any(_officer_posts().match(post.strip()) for post in re.split(r"[;/]", name.position))


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def attendance_sentences(source: SourceText, first: int, last: int) -> list[Attendance]:
    """Apologies and substitutions stated as sentences in lines first..last, and a roll call
    printed there as a table (a PDF's ruled table, or its rows as lines of text)."""
    entries = _stated(source, first, last) + roll_call_lines(source, first, last)
    for table in source.pdf_tables:
        if _within(source, table.first, first, last):
            entries += roll_call_table(source, table)
    return entries


def _within(source: SourceText, line: int, first: int, last: int) -> bool:
    """Whether line is in first..last, or after it with only blank lines between: a PDF's ruled
    table leaves its lines blank in the text, so an item's lines stop short of it."""
    if line < first:
        return False
    return line <= last or not any(source.lines[i].text.strip() for i in range(last + 1, min(line, len(source.lines))))


def _stated(source: SourceText, first: int, last: int) -> list[Attendance]:
    """Apologies and substitutions stated as sentences in lines first..last."""
    entries: list[Attendance] = []
    index = first
    while index <= last:
        if not source.lines[index].text.strip():
            index += 1
            continue
        stop = _apologies_run_on(source, index, paragraph_end(source, index, last + 1), last)
        paragraph = block(source, index, stop)
        text = blank_markup(paragraph.text)
        for start, end in _sentences(text):
            sentence = text[start:end]
            offset = _apologies_start(sentence)
            if offset is not None:
                if not re.match(r"\s*(?:none|n/a)\b", sentence[offset:], re.IGNORECASE):
                    entries.extend(_apologies(source, paragraph, text, start + offset, end))
                continue
            sent = _apologies_sent().search(sentence)
            if sent:  # 'Ms Grehan had given her formal apologies but was attending the meeting virtually.'
                entries.extend(_apologies(source, paragraph, text, start, start + sent.start()))
                continue
            presiding = _presiding(source, paragraph, sentence, start)
            if presiding is not None:
                entries.append(presiding)
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


def _presiding(source: SourceText, paragraph, sentence: str, start: int) -> Attendance | None:
    """'President Braun called the meeting to order at 5:05 p.m.', 'The meeting was called to
    order by Chair Marie Gilmore at 4:30 p.m.': whoever opened or chaired the meeting was there,
    where a roll call's names are lost (printed sideways over a grid)."""
    verb = _presiding_verb().search(sentence)
    by = _presided_by().search(sentence)
    if verb is not None:
        offset, phrase = 0, sentence[: verb.start()].rstrip()
    elif by is not None:  # the name runs from 'by' to 'at 4:30', a comma or the sentence's end
        rest = sentence[by.end():]
        offset, phrase = by.end(), rest[: re.search(r"\s+(?:at|on|in|with)\s|[,;(]|$", rest).start()]
    else:
        return None
    name = _presiding_name(phrase)
    if name is None:
        return None  # 'The meeting was called to order at 1:00 PM' names nobody
    span = paragraph.span(source, start + offset + name.start, start + offset + name.end)
    return _entry(name, "present", _default_category(name) or "member", span)


def _presiding_name(phrase: str) -> Name | None:
    """The name that ends `phrase`, its presiding title ('President Braun') taken as a title,
    not as his first name."""
    titled = _presiding_title().search(phrase)
    if titled is None:
        names = parse_name_list(phrase)
        return names[-1] if names and not phrase[names[-1].end:].strip() else None
    name = parse_name(phrase[titled.end():].strip(), default_title=titled["title"], lone=True)
    if name is not None:
        name.title = name.title or titled["title"]
        name.start, name.end = titled.start(), len(phrase.rstrip())
    return name


def _apologies_run_on(source: SourceText, first: int, stop: int, last: int) -> int:
    """The last line of a paragraph of apologies, taking in the next paragraph where a PDF's
    text broke the list with a blank line ('... Mrs Trudy Dean, MBE, Ms Jenni Hawkins, Mr Jeremy'
    / '' / 'Kite, MBE, Mr Thomas Mallon, ...')."""
    text = blank_markup(source.lines[stop].text).rstrip()
    if not text[-1:].isalpha() and not text.endswith(","):
        return stop
    if not re.search(r"\bapologies\b", blank_markup(block(source, first, stop).text), re.IGNORECASE):
        return stop
    following = next((i for i in range(stop + 1, last + 1) if source.lines[i].text.strip()), None)
    if following is None or following - stop > 2:
        return stop
    return paragraph_end(source, following, last + 1)


def _apologies_start(sentence: str) -> int | None:
    """Where the names start in a sentence that gives apologies, else None: after an opener
    ('Apologies were received from', repeated after a heading: 'Apologies for absence Apologies
    had been received from ...'), or after 'apologies ... from' inside it."""
    lead = len(sentence) - len(sentence.lstrip())
    opener = _apology_opener().match(sentence, lead)
    if opener:
        offset = opener.end()
        while again := _apology_opener().match(sentence, offset):
            if again.end() == offset:
                break
            offset = again.end()
        return offset
    inside = _apologies_from().search(sentence)
    return inside.end() if inside else None


def _apologies(source: SourceText, paragraph, text: str, start: int, end: int) -> list[Attendance]:
    """Apologies for the names in text[start:end] (those with a title or a given name)."""
    entries = []
    for name in parse_name_list(text[start:end]):
        if name.title or name.given:
            span = paragraph.span(source, start + name.start, start + name.end)
            entries.append(_entry(name, "apologies", _default_category(name), span))
    return entries


def _default_category(name: Name) -> str | None:
    """A councillor of the body is a member; one of another council ('Borough Councillor C
    Sampson', 'Cllr M Storey Norfolk County Council') is not."""
    if name.category:
        return name.category
    if is_councillor(name.title) and not _sits_elsewhere(name):
        return "member"
    return None


def _sits_elsewhere(name: Name) -> bool:
    """'Cllr M Storey Norfolk County Council': a council named beside a councillor is his own."""
    return bool(name.position and re.search(r"\bCouncil\b", name.position))


def merge_attendance(entries: list[Attendance]) -> list[Attendance]:
    """One entry per person and status, first mention kept; a substitute is not also 'present'."""
    substitutes = {e.person.id for e in entries if e.status == "substitute"}
    seen: dict[tuple[str, str, str], set[str]] = {}
    merged = []
    for entry in entries:
        # the printed name is part of the key: Jane Smith and John Smith share initials, not identity
        key = (entry.person.id, entry.person.given.lower() if entry.person.given and len(entry.person.given) > 2 else "",
               entry.status)
        sex = _courtesy_sex(entry.person.title)
        # 'Ms J Meade, Mr J Meade': two people; 'Mr J Meade' and 'Councillor J Meade' may be one
        if key in seen and (not sex or sex in seen[key] or "" in seen[key]):
            continue
        if entry.status == "present" and entry.person.id in substitutes and not key[1]:
            continue
        seen.setdefault(key, set()).add(sex)
        merged.append(entry)
    return merged


def _courtesy_sex(title: str | None) -> str:
    """'m' for Mr, 'f' for Mrs, Ms and Miss, else ''."""
    word = canonical(title or "").split(" ")[-1]
    return {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}.get(word, "")


@cache
def _roll_call_statuses() -> re.Pattern[str]:
    return re.compile(r"(?P<status>" + phrase_alternation(vocabulary().attendance_lists.roll_call_statuses) + r")\b", re.IGNORECASE)


def _column(columns: list[str], words: list[str]) -> int | None:
    """The index of the column whose header is one of the roll call's words for it."""
    wanted = {canonical(word) for word in words}
    return next((i for i, header in enumerate(columns) if canonical(header) in wanted), None)


def _filled_columns(table: RawTable) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a table, each without the columns that hold nothing: a PDF's
    ruled table may give its header one cell off its rows ('', 'Attendee Name', '', '', 'Title'
    over 'Andrei Garcia', '', '', 'Commissioner'); the filled columns line up."""
    width = max([len(table.columns)] + [len(row.cells) for row in table.rows])
    rows = [row.cells + [""] * (width - len(row.cells)) for row in table.rows]
    headed = [i for i, header in enumerate(table.columns) if header.strip()]
    filled = [i for i in range(width) if any(cells[i].strip() for cells in rows)]
    keep = filled if len(filled) == len(headed) else headed
    return [table.columns[i] for i in headed], [[cells[i] for i in keep] for cells in rows]


def roll_call_table(source: SourceText, table: RawTable) -> list[Attendance]:
    """Attendance from a roll-call table ('Attendee Name | Title | Status | Arrived'): one entry
    a row whose status cell says present, late, absent or excused. Other tables give nothing."""
    columns, rows = _filled_columns(table)
    attendance_lists = vocabulary().attendance_lists
    name_at, status_at = _column(columns, attendance_lists.name_columns), _column(columns, attendance_lists.status_columns)
    if name_at is None or status_at is None:
        return []
    title_at = _column(columns, attendance_lists.title_columns)
    entries = []
    for row, cells in zip(table.rows, rows):
        status = lookup(attendance_lists.roll_call_statuses, cells[status_at])
        title = cells[title_at].strip() if title_at is not None else ""
        entry = _roll_call_entry(source, cells[name_at], title, status, row.first, row.last)
        if entry is not None:
            entries.append(entry)
    return entries


@cache
def _roll_call_header() -> re.Pattern[str]:
    roll_call = vocabulary().attendance_lists
    return re.compile(r"^(?:" + phrase_alternation(roll_call.name_columns) + r")\s+(?:(?:"
                      + phrase_alternation(roll_call.title_columns) + r")\s+)?(?:"
                      + phrase_alternation(roll_call.status_columns) + r")\b", re.IGNORECASE)


@cache
def _roll_call_row() -> re.Pattern[str]:
    """'Andrei Garcia Commissioner Late 7:08 p.m.': name, title, status (a table's row as text)."""
    roll_call = vocabulary().attendance_lists
    titles = phrase_alternation(roll_call.roll_call_titles + vocabulary().honorifics.titles)
    return re.compile(r"^(?P<name>\S+(?:[ \t]\S+){0,4}?)[ \t]+(?:(?P<title>" + titles + r")[ \t]+)?"
                      + r"(?P<status>" + phrase_alternation(roll_call.roll_call_statuses) + r")\b", re.IGNORECASE)


def roll_call_lines(source: SourceText, first: int, last: int) -> list[Attendance]:
    """A roll-call table whose rows are lines of text, under a header line naming its columns
    ('Attendee Name Title Status Arrived'), as a PDF's text gives a ruled table."""
    lines = source.plain_lines()
    header = next((i for i in range(first, last + 1) if _roll_call_header().match(lines[i])), None)
    if header is None:
        return []
    entries = []
    for index in range(header + 1, last + 1):
        if not lines[index]:
            continue
        row = _roll_call_row().match(lines[index])
        if row is None:
            break
        status = lookup(vocabulary().attendance_lists.roll_call_statuses, row["status"])
        entry = _roll_call_entry(source, row["name"], row["title"] or "", status, index, index)
        if entry is not None:
            entries.append(entry)
    return entries


def _roll_call_entry(source: SourceText, text: str, title: str, status: str | None, first: int, last: int) -> Attendance | None:
    name = parse_name(text.strip(), default_title=title or None, lone=True)
    if name is None or status is None:
        return None
    if title and not name.title:
        name.title = title
    span = source.span(first, last, verbatim=False)
    roll_call_title = canonical(title) in canonical_words("attendance_lists", "roll_call_titles")
    category = _default_category(name) or ("member" if roll_call_title else None)
    return _entry(name, status, category, span)
