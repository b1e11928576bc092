"""The viewer's pages as HTML: a record on its source, and a meeting laid out for reading.

Plain HTML and a little CSS, no script: a highlight is a box placed over the page image in
percentages of the page's size, so it stays on the words at any width.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlencode

from extract.viewing.sources import MarkedLine
from extract.viewing.view import SourceView

STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:62rem;padding:1rem 1.5rem;color:#222}
h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .4rem;border-bottom:1px solid #ddd}
h3{font-size:1rem;margin:1rem 0 .3rem}
.meta{color:#555;font-size:.9rem}.problem{background:#fdecea;border-left:4px solid #c62828;padding:.6rem 1rem}
.verbatim{white-space:pre-wrap;background:#fffbe6;border-left:4px solid #f0b400;padding:.5rem 1rem}
.page{position:relative;display:inline-block;border:1px solid #bbb;margin:.5rem 0;max-width:100%}
.page img{display:block;max-width:100%;height:auto}
.highlight{position:absolute;background:rgba(255,221,0,.35);outline:2px solid rgba(230,120,0,.9);pointer-events:none}
.lines{font:14px/1.45 ui-monospace,monospace;background:#f7f7f7;padding:.5rem;overflow-x:auto}
.lines .n{color:#999;display:inline-block;width:4em;text-align:right;margin-right:1em;user-select:none}
mark{background:#ffe066}a.src{font-size:.8rem;margin-left:.4rem}
ul.plain{list-style:none;padding-left:0}li{margin:.2rem 0}.said{margin:.3rem 0 .3rem 1rem}
.resolution{background:#eef6ee;border-left:4px solid #2e7d32;padding:.3rem .8rem;margin:.3rem 0}
"""
PAD = 1.5  # points around a highlighted line


def page_html(title: str, body: str) -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{STYLE}</style></head><body>{body}</body></html>")


def source_url(base: str, database: str, table: str, row_id: str, row: int | None = None) -> str:
    query = {"db": database, "table": table, "id": row_id} | ({"row": str(row)} if row is not None else {})
    return f"{base}/-/minutebook/source?{urlencode(query)}"


def meeting_url(base: str, database: str, meeting: str) -> str:
    return f"{base}/-/minutebook/meeting?{urlencode({'db': database, 'id': meeting})}"


def image_url(base: str, database: str, sha256: str, page: int) -> str:
    return f"{base}/-/minutebook/page.png?{urlencode({'db': database, 'sha256': sha256, 'page': page})}"


def source_page(view: SourceView, image_for, meeting_link: str | None = None,
                links: list[tuple[str, str]] | None = None) -> str:
    """A record on its source: what and where, the verbatim text, then the page(s) with the words
    highlighted, or the lines around them. image_for(sha256, page) is the URL of a page image;
    links (label, URL) are the parts of the record shown on their own (a table's rows)."""
    p = view.provenance
    where = [f"page {p.page}" if p.page else None, f"printed page {p.printed_page}" if p.printed_page else None,
             f"lines {p.line_start}–{p.line_end}", f"characters {p.char_start}–{p.char_end}",
             "read by OCR" if p.ocr else None]
    parts = [f"<h1>{escape(p.table.rstrip('s').replace('_', ' ').capitalize())} on its source</h1>",
             f"<p class='meta'>{escape(p.source)}<br>{escape(', '.join(w for w in where if w))}<br>"
             f"SHA-256 {escape(p.sha256)}<br>record {escape(p.id)}</p>"]
    if meeting_link:
        parts.append(f"<p><a href='{escape(meeting_link)}'>the meeting</a></p>")
    if links:
        parts.append("<p>" + " · ".join(f"<a href='{escape(url)}'>{escape(label)}</a>" for label, url in links) + "</p>")
    if view.problem:
        parts.append(f"<p class='problem'>{escape(view.problem)}</p>")
    if view.text:
        parts.append(f"<h2>Verbatim</h2><div class='verbatim' id='verbatim'>{escape(view.text)}</div>")
    for shown in view.pages:
        parts.append(f"<h2>Page {shown.page}</h2>" + _page_with_boxes(image_for(p.sha256, shown.page), shown))
        if not shown.boxes:
            parts.append("<p class='problem'>The words were not found on this page's text; the page is shown "
                         "without a highlight.</p>")
    if view.lines:
        parts.append("<h2>In the source</h2>" + _lines_html(view.lines))
    return page_html(f"{p.table} {p.id}", "".join(parts))


def _page_with_boxes(url: str, shown) -> str:
    width, height = shown.size.width, shown.size.height
    boxes = "".join(
        f"<div class='highlight' data-box='{' '.join(str(v) for v in box.as_list())}' style='left:{(box.left - PAD) / width:.4%};"
        f"top:{(box.top - PAD) / height:.4%};width:{(box.right - box.left + 2 * PAD) / width:.4%};"
        f"height:{(box.bottom - box.top + 2 * PAD) / height:.4%}'></div>" for box in shown.boxes)
    return (f"<div class='page' data-page='{shown.page}' data-width='{width}' data-height='{height}'>"
            f"<img src='{escape(url)}' alt='page {shown.page}' width='{round(width * 1.5)}'>{boxes}</div>")


def _lines_html(lines: list[MarkedLine]) -> str:
    rows = [f"<span class='n'>{line.number}</span>{escape(line.before)}"
            + (f"<mark>{escape(line.marked)}</mark>" if line.marked else "") + escape(line.after) for line in lines]
    return "<pre class='lines'>" + "\n".join(rows) + "</pre>"


def natural_key(row_id: str) -> list:
    """An id's order in its document: m0/i2 before m0/i10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", row_id)]


def meeting_page(rows: dict[str, list[dict]], meeting: dict, link) -> str:
    """A meeting laid out for reading: agenda, attendance, then each item with who spoke, what was
    promised, votes and what was resolved. link(table, row) is the URL of a row's source page."""
    def src(table: str, row: dict) -> str:
        return f"<a class='src' href='{escape(link(table, row))}'>source</a>"

    def ordered(table: str) -> list[dict]:
        return sorted(rows.get(table, []), key=lambda r: natural_key(r["id"]))

    title = " — ".join(x for x in (meeting.get("body"), meeting.get("date")) if x) or meeting["meeting_id"]
    when = ", ".join(x for x in (meeting.get("time"), meeting.get("venue")) if x)
    parts = [f"<h1>{escape(title)}</h1>",
             f"<p class='meta'>{escape(meeting.get('role') or '')} {escape(when)}<br>{escape(meeting['source'])}"
             f"{', page ' + str(meeting['page']) if meeting.get('page') else ''} {src('meetings', meeting)}</p>"]
    agenda = ordered("agenda_items")
    if agenda:
        parts.append("<h2>Agenda</h2><ul class='plain'>" + "".join(
            f"<li><b>{escape(a['number'] or '')}</b> {escape(a['title'] or '')}{_pages(a)} {src('agenda_items', a)}</li>"
            for a in agenda) + "</ul>")
    parts.append(_attendance(ordered("attendance"), src))
    by_item: dict[str, dict[str, list[dict]]] = {}
    for table in ("resolutions", "interventions", "actions", "votes"):
        for row in ordered(table):
            by_item.setdefault(row["item"], {}).setdefault(table, []).append(row)
    items = ordered("items")
    if items:
        parts.append("<h2>Items</h2>")
    for item in items:
        parts.append(f"<h3 id='{escape(item['id'])}'>{escape(item['number'] or '')} {escape(item['title'] or '')} "
                     f"{src('items', item)}</h3>")
        parts.append(_item_contents(by_item.get(item["id"], {}), src))
    return page_html(title, "".join(parts))


def _pages(agenda: dict) -> str:
    if agenda.get("pages_start") is None:
        return ""
    end = agenda.get("pages_end")
    return f" <span class='meta'>(pages {agenda['pages_start']}{'–' + str(end) if end and end != agenda['pages_start'] else ''})</span>"


def _attendance(rows: list[dict], src) -> str:
    if not rows:
        return ""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["status"] or "listed", []).append(row)
    listed = []
    for status, people in groups.items():
        names = ", ".join(f"{escape(' '.join(x for x in (p['title'], p['name']) if x))}"
                          f"{' (' + escape(p['role']) + ')' if p.get('role') else ''} {src('attendance', p)}" for p in people)
        listed.append(f"<li><b>{escape(status.replace('_', ' ').capitalize())}</b>: {names}</li>")
    return "<h2>Attendance</h2><ul class='plain'>" + "".join(listed) + "</ul>"


def _item_contents(held: dict[str, list[dict]], src) -> str:
    parts = []
    for said in held.get("interventions", []):
        parts.append(f"<p class='said'><b>{escape(said['speaker'] or 'Someone')}</b> <i>({escape(said['kind'] or '')})</i>: "
                     f"{escape(said['text'] or '')} {src('interventions', said)}</p>")
    for action in held.get("actions", []):
        parts.append(f"<p class='said'>Promised by <b>{escape(action['by_name'] or 'someone')}</b>: "
                     f"{escape(action['what'] or action['text'] or '')} {src('actions', action)}</p>")
    for vote in held.get("votes", []):
        counts = f"{vote['for_count']} for, {vote['against_count']} against, {vote['abstain_count']} abstaining"
        parts.append(f"<p class='said'>Vote: {escape(vote['motion'] or '')} <b>{escape(vote['result'] or '')}</b> "
                     f"({counts}) {src('votes', vote)}</p>")
    for resolution in held.get("resolutions", []):
        label = f"<b>{escape(resolution['label'])}</b> " if resolution.get("label") else ""
        parts.append(f"<div class='resolution'>{label}{escape(resolution['text'] or '')} {src('resolutions', resolution)}</div>")
    return "".join(parts)
