"""The agenda on a front sheet: numbered items, their page ranges, Part A/B, and sub-items.

"7. Progress of recommendations ...: (Pages 9 - 18)" followed by " - (i) Report of ..." is one
item with two sub-items; unnumbered lines printed straight under an item are its description;
"Part B" (or "Part II", "Exempt items") makes the items after it exempt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.text.blocks import block
from extract.text.lines import SourceText
from extract.base.vocabulary import phrase_alternation, vocabulary
from schemas import AgendaItem, PageRange, Part, SubItem

ITEM = re.compile(r"^[-•*]?\s*(?:" + phrase_alternation(vocabulary().agenda.item_labels) + r"\s+)?(?P<number>\d{1,3}[A-Za-z]?)[.)]?\s+(?P<title>[\"'‘“(]?[A-Z0-9].*)$")
SUB_ITEM = re.compile(r"^[-•*]?\s*\(?(?P<label>[ivx]{1,4}|[a-h])[.)]\s+(?P<title>\S.*)$")
PAGES = re.compile(r"\(?\s*\bPages?\s+(?P<start>\d+)(?:\s*(?:-|–|—|to)\s*(?P<end>\d+))?\s*\)?", re.IGNORECASE)
MAX_NUMBER_GAP = 3  # agenda items run 1, 2, 3 ...; a bigger jump is not the next item


@cache
def _part_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    agenda = vocabulary().agenda
    make = lambda words: re.compile(r"^" + phrase_alternation(words) + r"(?:\s*[:\-–—].*)?$", re.IGNORECASE)
    return make(agenda.part_open), make(agenda.part_exempt)


def part_marker(text: str) -> Part | None:
    """Part.A or Part.B when a line opens open or exempt business."""
    open_part, exempt_part = _part_patterns()
    if exempt_part.match(text):
        return Part.B
    if open_part.match(text):
        return Part.A
    return None


def split_pages(title: str) -> tuple[str, PageRange | None]:
    """A title without its '(Pages 9 - 18)', and the range."""
    match = PAGES.search(title)
    if not match:
        return title.strip().rstrip(":").strip(), None
    start = int(match["start"])
    end = int(match["end"]) if match["end"] else start
    cleaned = (title[: match.start()] + title[match.end():]).strip().rstrip(":").strip()
    return cleaned, PageRange(start=start, end=end)


@cache
def _presenter() -> re.Pattern[str]:
    openers = vocabulary().agenda.sub_item_openers
    return re.compile(r"(?<!\s)\s+[-–—]\s+(?=" + phrase_alternation(openers) + r"\b)", re.IGNORECASE)


def split_presenter(title: str) -> tuple[str, str | None]:
    """'Road Safety - Report of the Director' -> ('Road Safety', 'Report of the Director')."""
    match = _presenter().search(title)
    if not match:
        return title, None
    return title[: match.start()].strip(), title[match.end():].strip()


_DIGITS = re.compile(r"\d+")


def _number_key(number: str) -> tuple[int, str]:
    digits = _DIGITS.match(number)
    return int(digits.group()), number[len(digits.group()):].lower()


def _follows(previous: str | None, number: str) -> bool:
    if previous is None:
        return _number_key(number)[0] <= 3
    (prev_n, prev_s), (n, s) = _number_key(previous), _number_key(number)
    return (n == prev_n and s > prev_s) or prev_n < n <= prev_n + MAX_NUMBER_GAP


@dataclass(slots=True)
class _Draft:
    number: str
    title: str
    part: Part
    first: int
    last: int
    sub_items: list[SubItem] = field(default_factory=list)
    description: list[str] = field(default_factory=list)


def parse_agenda(source: SourceText, first: int, last: int) -> list[AgendaItem]:
    """Agenda items in lines first..last (0-based, inclusive)."""
    from extract.base.dates import parse_date

    part = Part.A
    drafts: list[_Draft] = []
    previous_blank = True
    attached = False  # the line before belongs to the current item (no blank line between)
    for index in range(first, last + 1):
        text = source.plain_lines()[index]
        if not text:
            previous_blank, attached = True, False
            continue
        marker = part_marker(text)
        item = ITEM.match(text)
        sub = SUB_ITEM.match(text)
        if marker:
            part, attached = marker, False
        elif item and not parse_date(text) and _follows(drafts[-1].number if drafts else None, item["number"]):
            drafts.append(_Draft(item["number"], item["title"], part, index, index))
            attached = True
        elif sub and drafts:
            span = source.span(index, index)
            title, _ = split_pages(sub["title"])
            drafts[-1].sub_items.append(SubItem(label=sub["label"], title=title, span=span))
            drafts[-1].last, attached = index, True
        elif attached and drafts and not previous_blank and drafts[-1].last == index - 1 \
                and not drafts[-1].sub_items and not drafts[-1].description \
                and (text[:1].islower() or (PAGES.search(f"{drafts[-1].title} {text}") and not PAGES.search(drafts[-1].title))):
            drafts[-1].title += " " + text  # the title wrapped onto this line
            drafts[-1].last = index
        elif attached and drafts and not previous_blank:
            drafts[-1].description.append(text)
            drafts[-1].last = index
        previous_blank = False
    items = []
    for draft in drafts:
        title, pages = split_pages(draft.title)
        title, presenter = split_presenter(title)
        description = " ".join(([presenter] if presenter else []) + draft.description) or None
        if pages is None and description:
            description, pages = split_pages(description)
        items.append(
            AgendaItem(
                number=draft.number,
                title=title,
                pages=pages,
                part=draft.part,
                sub_items=draft.sub_items,
                description=description or None,
                span=block(source, draft.first, draft.last).span(source),
            )
        )
    return items
