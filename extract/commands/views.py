"""Rich renderings of records for people: the clerk's one-screen view of a pack."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:  # names for the annotations only: search's results table must not load the parsers
    from extract.normalising.checks import PackCheck
    from schemas import Document


def said_table(title: str, rows) -> Table:
    """What someone said or promised: date, body, item, kind, the verbatim text, and where."""
    table = Table(title=title, title_justify="left", show_lines=True, expand=True)
    for column, ratio in (("date", 1), ("body", 2), ("item", 2), ("kind", 1), ("verbatim", 6), ("where", 2)):
        table.add_column(column, ratio=ratio, overflow="fold")
    for row in rows:
        table.add_row(row.date or "", row.body or "", row.item, row.kind, row.text,
                      _where(row.source, row.span.page, row.span.line_start))
    return table


def _where(source: str, page: int | None, line: int) -> str:
    """File, page where there are pages, and line: enough to open the paper at the place."""
    return f"{Path(source).name}{f' page {page}' if page else ''} line {line}"


def person_panel(person) -> Panel:
    lines = [Text(person.name, style="bold"), Text(f"id {person.id}" + ("  (unresolved)" if person.unresolved else ""), style="dim"),
             Text("printed as: " + "; ".join(person.variants))]
    for role in person.roles:
        lines.append(Text(f"role: {role.role}" + (f", {role.body}" if role.body else "") + (f", {role.date}" if role.date else "")))
    for meeting in person.meetings:
        lines.append(Text(f"{meeting.date or 'undated'}  {meeting.body or ''}: {meeting.status}"))
    lines.append(Text(f"{person.interventions} interventions, {person.actions} promised actions", style="dim"))
    return Panel(Group(*lines), title=person.name, title_align="left")


MAX_SHOWN = 200  # characters of one field in the clerk's view: a longer one is cut, marked with '…'


def _short(text: str | None) -> str:
    return text if text is None or len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 1] + "…"


def _pages(item) -> str:
    return f"{item.pages.start}-{item.pages.end}" if item.pages else ""


def pack_view(document: Document, check: PackCheck) -> Group:
    """Meeting, agenda items with what the pack holds for each, minutes, and every warning."""
    parts = []
    agenda = check.agenda
    if agenda is not None:
        heading = Text.assemble((_short(agenda.body) or "unnamed body", "bold"), f"\n{agenda.date or 'no date'}",
                                f" at {agenda.time}" if agenda.time else "", f"\n{_short(agenda.venue) or 'no venue'}")
        parts.append(Panel(heading, title=document.source, title_align="left"))
        table = Table(show_lines=False, expand=True)
        for column, style in (("item", "bold"), ("title", ""), ("pages", ""), ("part", ""), ("in this pack", "")):
            table.add_column(column, style=style, overflow="fold")
        for entry in check.items:
            holds = Text(entry.holds or "", style="green") if entry.holds else Text("")
            if entry.problem:
                holds = Text("no report found", style="bold red")
            table.add_row(_short(entry.item.number), _short(entry.item.title), _pages(entry.item), entry.item.part, holds)
        parts.append(table)
        parts.append(Text(f"membership: {len(agenda.membership)} people", style="dim"))
    else:
        parts.append(Panel(Text(f"{document.kind}: no agenda found"), title=document.source, title_align="left"))
    for meeting in check.minutes:
        resolutions = sum(len(item.resolutions) for item in meeting.items)
        counts = {status: sum(1 for a in meeting.attendance if a.status == status)
                  for status in ("present", "apologies", "substitute", "in attendance")}
        parts.append(Text(
            f"minutes of {meeting.body or 'unnamed body'}, {meeting.date or 'undated'}: {len(meeting.items)} items, "
            f"{resolutions} resolutions; " + ", ".join(f"{n} {status}" for status, n in counts.items() if n)))
    if document.reports:
        parts.append(Text(f"reports: {len(document.reports)}; tables: {len(document.tables)}", style="dim"))
    warnings = document.warnings
    if warnings:
        parts.append(Text(f"{len(warnings)} warning(s):", style="bold yellow"))
        parts.extend(Text(f"  ! {_short(warning.message)}", style="yellow") for warning in warnings)
    else:
        parts.append(Text("no warnings", style="bold green"))
    return Group(*parts)
