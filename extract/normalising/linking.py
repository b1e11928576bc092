"""Links inside one pack: each report to the agenda item it serves, the minutes to their item.

Reports are matched by title and in agenda order: a pack prints reports in the order of its
agenda, so each report takes the best-matching item at or after the previous report's item.
"""

from __future__ import annotations

import re

from schemas import AgendaItem, Meeting, Report

MIN_TITLE_SCORE = 0.5
_STOP = {"the", "of", "and", "a", "an", "to", "for", "in", "on", "report", "update", "by", "with", "-", "–"}
_TITLE_WORD = re.compile(r"[a-z0-9]+")
_MINUTES_ITEM = re.compile(r"^(?:to\s+(?:approve|confirm|receive)\s+(?:the\s+)?)?minutes\b", re.IGNORECASE)


def title_words(title: str) -> set[str]:
    return {w for w in _TITLE_WORD.findall(title.lower()) if w not in _STOP}


def title_score(a: str, b: str) -> float:
    """How far two titles name the same thing: shared words over the shorter title's words."""
    left, right = title_words(a), title_words(b)
    if not left or not right:
        return 0.0
    return len(left & right) / min(len(left), len(right))


def is_minutes_item(item: AgendaItem) -> bool:
    return bool(_MINUTES_ITEM.match(item.title))


def link_reports(agenda: Meeting, reports: list[Report]) -> None:
    """Set report.agenda_item (and a missing body or date) from the pack's agenda."""
    items = [item for item in agenda.agenda_items if not is_minutes_item(item)]
    floor = 0
    for report in reports:
        if not report.title:
            continue
        scored = [(title_score(report.title, item.title), -position, position)
                  for position, item in enumerate(items) if position >= floor]
        if not scored:
            continue
        score, _, position = max(scored)
        if score < MIN_TITLE_SCORE:
            continue
        report.agenda_item = items[position].number
        report.body = report.body or agenda.body
        report.meeting_date = report.meeting_date or agenda.date
        floor = position + 1


def minutes_item_for(agenda: Meeting, minutes: Meeting) -> AgendaItem | None:
    """The agenda item that takes the printed minutes: 'Minutes of the Meeting held <date>'."""
    from extract.base.dates import find_date

    for item in agenda.agenda_items:
        if is_minutes_item(item):
            found = find_date(item.title)
            if found is None or minutes.date is None or found[0].isoformat() == minutes.date:
                return item
    return None
