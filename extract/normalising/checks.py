"""What looks wrong in a parsed document: the warnings a clerk should read.

Checks look at records only, never at the text, so they say what the parse produced. For an
agenda pack they also say, item by item, what the pack holds for it (`check_pack`), which the
`minutebook check` command shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extract.normalising.linking import is_minutes_item, minutes_item_for
from extract.parsing.people_match import same_person
from schemas import AgendaItem, Document, DocumentWarning, Meeting, Span


@dataclass(slots=True)
class ItemCheck:
    item: AgendaItem
    holds: str | None = None  # what the pack holds for this item
    problem: DocumentWarning | None = None


@dataclass(slots=True)
class PackCheck:
    agenda: Meeting | None
    items: list[ItemCheck] = field(default_factory=list)
    minutes: list[Meeting] = field(default_factory=list)
    warnings: list[DocumentWarning] = field(default_factory=list)


def _label(meeting: Meeting) -> str:
    return f"{meeting.role} of {meeting.body or 'an unnamed body'} ({meeting.date or 'undated'})"


def _item_label(item: AgendaItem) -> str:
    return f'agenda item {item.number} "{item.title}"'


def _warning(code: str, message: str, span: Span | None = None) -> DocumentWarning:
    """A warning about a record carries the record's span, so a clerk can go to the place."""
    return DocumentWarning(code=code, message=message, span=span)


def check_pack(document: Document) -> PackCheck:
    """Item by item, what an agenda pack holds, and every problem found."""
    agenda = next((m for m in document.meetings if m.role == "agenda"), None)
    minutes = [m for m in document.meetings if m.role == "minutes"]
    check = PackCheck(agenda, minutes=minutes)
    if agenda is None:
        return check
    reports = {report.agenda_item: report for report in document.reports if report.agenda_item}
    for item in agenda.agenda_items:
        entry = ItemCheck(item)
        if is_minutes_item(item):
            printed = next((m for m in minutes if minutes_item_for(agenda, m) is item), None)
            if printed:
                entry.holds = f"minutes of {printed.date}: {len(printed.items)} items"
            elif item.pages:
                entry.problem = _warning("minutes-not-in-pack", f"{_item_label(item)}: the minutes it takes are not in the pack",
                                         item.span)
        elif item.number in reports:
            entry.holds = f"report: {reports[item.number].title}"
        elif item.pages and item.part == "B":
            entry.holds = "exempt: not in the public pack"
        elif item.pages:
            entry.problem = _warning("report-not-in-pack", f"{_item_label(item)} has pages {item.pages.start}-{item.pages.end} "
                                                           "but no report was found in the pack", item.span)
        check.items.append(entry)
    check.warnings.extend(entry.problem for entry in check.items if entry.problem)
    check.warnings.extend(_page_warnings(agenda))
    items = {item.number: item for item in agenda.agenda_items}
    for report in document.reports:
        if report.agenda_item is None:
            check.warnings.append(_warning("report-without-item", f'report "{report.title}" matches no agenda item',
                                            report.span))
            continue
        item = items[report.agenda_item]
        printed = report.span.printed_page
        if item.pages and printed and printed.isdigit() and not item.pages.start <= int(printed) <= item.pages.end:
            check.warnings.append(_warning("report-outside-pages", f'report "{report.title}" starts on printed page '
                                           f"{printed}, outside the pages {item.pages.start}-{item.pages.end} "
                                           f"agenda item {item.number} gives", report.span))
    for meeting in minutes:
        check.warnings.extend(_apologies_warnings(agenda, meeting))
    return check


def _page_warnings(agenda: Meeting) -> list[DocumentWarning]:
    warnings = []
    ranged = [item for item in agenda.agenda_items if item.pages]
    for item in ranged:
        if item.pages.end < item.pages.start:
            warnings.append(_warning("pages-backwards", f"{_item_label(item)}: pages {item.pages.start}-{item.pages.end} run backwards",
                                     item.span))
    for item, following in zip(ranged, ranged[1:]):
        a, b = item.pages, following.pages
        if b.start <= a.end:
            warnings.append(_warning("pages-overlap", f"agenda items {item.number} and {following.number} overlap in pages "
                                                      f"({a.start}-{a.end} and {b.start}-{b.end})", following.span))
        elif b.start > a.end + 1:
            warnings.append(_warning("pages-without-item", f"pages {a.end + 1}-{b.start - 1} between agenda items "
                                                           f"{item.number} and {following.number} belong to no item", following.span))
    return warnings


def _apologies_warnings(agenda: Meeting, minutes: Meeting) -> list[DocumentWarning]:
    """Apologies from people not on the committee, when the pack's membership is the same body's."""
    if not agenda.membership or (agenda.body or "").lower() != (minutes.body or "").lower():
        return []
    members = [m.person for m in agenda.membership]
    return [_warning("apologies-not-member", f"{_label(minutes)}: {entry.person.name} gave apologies but is not on the "
                                             "membership list", entry.span)
            for entry in minutes.attendance
            if entry.status == "apologies" and not any(same_person(entry.person, p) for p in members)]


def document_warnings(document: Document) -> list[DocumentWarning]:
    warnings: list[DocumentWarning] = []
    if document.kind == "unknown":
        warnings.append(_warning("no-meeting", "no meeting, minutes or report recognised in this document"))
    for meeting in document.meetings:
        label = _label(meeting)
        if meeting.body is None:
            warnings.append(_warning("no-body", f"{label}: the body (committee) was not found", meeting.span))
        if meeting.date is None:
            warnings.append(_warning("no-date", f"{label}: the meeting date was not found", meeting.span))
        if meeting.role == "agenda" and not meeting.agenda_items:
            warnings.append(_warning("no-agenda-items", f"{label}: no agenda items found", meeting.span))
        if meeting.role == "agenda" and not meeting.membership:
            warnings.append(_warning("no-membership", f"{label}: no membership list found", meeting.span))
        if meeting.role == "minutes":
            warnings.extend(_minutes_warnings(label, meeting))
    for report in document.reports:
        if not report.recommendations:
            warnings.append(_warning("no-recommendations", f'report "{report.title}": no recommendations found',
                                    report.span))
    return warnings + check_pack(document).warnings


def _vote_warnings(label: str, meeting: Meeting) -> list[DocumentWarning]:
    """Printed counts that disagree with the names listed under them."""
    warnings = []
    for item in meeting.items:
        for vote in item.votes:
            if not (vote.for_ or vote.against or vote.abstain):
                continue  # counts with no names printed ('carried by unanimous voice vote – 5') disagree with nothing
            for side, people in (("for", vote.for_), ("against", vote.against), ("abstain", vote.abstain)):
                printed = vote.counts.get(side)
                if printed is not None and printed != len(people):
                    warnings.append(_warning("vote-count-mismatch", f"{label}, item {item.number}: {side} printed as "
                                                                     f"{printed} but {len(people)} name(s) are listed", vote.span))
    return warnings


def _minutes_warnings(label: str, meeting: Meeting) -> list[DocumentWarning]:
    warnings = _vote_warnings(label, meeting)
    if not meeting.items:
        warnings.append(_warning("no-minutes-items", f"{label}: no minutes items found", meeting.span))
    if not any(entry.status == "present" for entry in meeting.attendance):
        warnings.append(_warning("no-one-present", f"{label}: no one recorded as present", meeting.span))
    present = {entry.person.id for entry in meeting.attendance if entry.status == "present"}
    for entry in meeting.attendance:
        if entry.status == "apologies" and entry.person.id in present:
            warnings.append(_warning("present-and-apologies", f"{label}: {entry.person.name} is recorded both present and as "
                                                                 "giving apologies", entry.span))
    return warnings
