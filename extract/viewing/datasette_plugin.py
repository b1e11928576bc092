"""The provenance viewer in Datasette: a "source" link on every row that has a span, the page
that shows the record on its source, the meeting page, and the page images they show.

Registered through the `browse` extra's entry point (pyproject's [project.entry-points.datasette]),
so `datasette outputs/minutebook.sqlite -m schemas/datasette-metadata.json` has it. The store is
read through extract/storing/reader.py, read-only, as every query reads it.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from extract.base.errors import MinutebookError
from extract.storing.reader import open_read_only
from extract.storing.schema import TABLES
from extract.viewing.html import image_url, meeting_page, meeting_url, page_html, source_page, source_url
from extract.viewing.render import cache_folder, page_png
from extract.viewing.sources import Provenance, SourceProblem, source_file
from extract.viewing.view import find_row, source_view

MEETING_COLUMNS = {"meeting"}  # a column that names a row's meeting links to the meeting page


@hookimpl
def register_routes():
    return [
        (r"^/-/minutebook/source$", source_route),
        (r"^/-/minutebook/meeting$", meeting_route),
        (r"^/-/minutebook/page\.png$", image_route),
    ]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    """The source path with a link to the record on its source; a meeting id with one to its page."""
    if table not in TABLES or row is None:
        return None
    base = datasette.setting("base_url").rstrip("/") if datasette else ""
    try:
        row_id = row["id"]
    except (KeyError, IndexError):
        return None
    if column == "source" and value:
        return Markup(f"<a href='{escape(source_url(base, database, table, row_id))}'>source</a> {escape(value)}")
    if table == "meetings" and column == "meeting_id":
        return Markup(f"<a href='{escape(meeting_url(base, database, row_id))}'>{escape(value)}</a>")
    if column in MEETING_COLUMNS and value:
        return Markup(f"<a href='{escape(meeting_url(base, database, value))}'>{escape(value)}</a>")
    return None


def _store(datasette, request) -> tuple[str, Path]:
    """The database named by ?db= (else the first one holding a documents table) and its file."""
    name = request.args.get("db")
    names = [name] if name else [n for n in datasette.databases if n != "_internal"]
    for candidate in names:
        database = datasette.databases.get(candidate)
        if database is not None and database.path:
            return candidate, Path(database.path)
    raise SourceProblem(f"{name or 'the store'}: no such database in this Datasette")


def _problem(message: str, status: int) -> Response:
    return Response.html(page_html("minutebook", f"<p class='problem'>{escape(message)}</p>"), status=status)


async def source_route(datasette, request):
    """A record on its source page (?db=&table=&id=[&row=N for a stored table's row])."""
    try:
        name, store = _store(datasette, request)
        table, row_id = request.args.get("table"), request.args.get("id")
        if not row_id or (table and table not in TABLES):
            return _problem("give ?table=<a record table>&id=<its id>", 400)
        number = request.args.get("row")
        html = await asyncio.to_thread(_source_html, datasette, name, store, table, row_id,
                                       int(number) if number and number.isdigit() else None)
    except MinutebookError as problem:  # a missing record, file or store: said on the page
        return _problem(str(problem), 404)
    return Response.html(html)


def _source_html(datasette, name: str, store: Path, table: str | None, row_id: str, table_row: int | None) -> str:
    base = datasette.setting("base_url").rstrip("/")
    with open_read_only(store) as reader:
        table, row = find_row(reader, row_id, table)
    view = source_view(Provenance.of_row(table, row, table_row), cache_folder(store))
    meeting = row["id"] if table == "meetings" else row.get("meeting")
    links = _table_row_links(base, name, row) if table == "tables" and table_row is None else []
    return source_page(view, lambda sha, page: image_url(base, name, sha, page),
                       meeting_url(base, name, meeting) if meeting else None, links)


def _table_row_links(base: str, name: str, row: dict) -> list[tuple[str, str]]:
    spans = json.loads(row["record"]).get("row_spans") or []
    return [(f"row {n + 1}", source_url(base, name, "tables", row["id"], n)) for n in range(len(spans))]


async def meeting_route(datasette, request):
    """A meeting laid out for reading (?db=&id=<meeting's store id>)."""
    try:
        name, store = _store(datasette, request)
        meeting = request.args.get("id")
        if not meeting:
            return _problem("give ?id=<a meeting's id>", 400)
        html = await asyncio.to_thread(_meeting_html, datasette, name, store, meeting)
    except MinutebookError as problem:  # a missing record, file or store: said on the page
        return _problem(str(problem), 404)
    return Response.html(html)


def _meeting_html(datasette, name: str, store: Path, meeting_id: str) -> str:
    base = datasette.setting("base_url").rstrip("/")
    with open_read_only(store) as reader:
        _, meeting = find_row(reader, meeting_id, "meetings")
        rows = reader.meeting_rows(meeting_id, meeting["source"])
    return meeting_page(rows, meeting, lambda table, row: source_url(base, name, table, row["id"]))


async def image_route(datasette, request):
    """A page of a stored source as a PNG (?db=&sha256=&page=), from the cache once rendered."""
    try:
        name, store = _store(datasette, request)
        sha256, page = request.args.get("sha256", ""), request.args.get("page", "")
        if len(sha256) != 64 or not page.isdigit():
            return _problem("give ?sha256=<a document's SHA-256>&page=<a page number>", 400)
        png = await asyncio.to_thread(_image, store, sha256, int(page))
    except MinutebookError as problem:  # a missing record, file or store: said on the page
        return _problem(str(problem), 404)
    return Response(png, content_type="image/png", headers={"Cache-Control": "max-age=3600"})


def _image(store: Path, sha256: str, page: int) -> bytes:
    with open_read_only(store) as reader:
        source = reader.source_of_sha256(sha256)
    if source is None:
        raise SourceProblem(f"{sha256}: no document with these bytes in the store")
    provenance = Provenance("documents", source, sha256, source, page, None, False, 1, 1, 0, 0, None)
    try:
        return page_png(source_file(provenance), sha256, page, cache_folder(store))
    except ValueError as error:
        raise SourceProblem(str(error)) from None
