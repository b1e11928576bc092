"""Reading the store: every question the commands ask of it, as named methods over one connection.

Queries (who-asked, person, search, export) open the store read-only; the writing Store is a
reader too, so an ingest can count what it wrote. The statements live here and not with the
questions (extract/querying/) so that the store alone knows its tables' shape.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.base.errors import StoreError
from extract.storing.schema import TABLES, id_range

STORE_NAME = "minutebook.sqlite"  # in the ingest output folder
SNIPPET_WORDS = 24
# What each table shows as its "item" column in search results, and as its "who".
_CONTEXT = {"resolutions": "t.item_number || ' ' || t.item_title", "interventions": "t.item_number || ' ' || t.item_title",
            "actions": "t.item_number || ' ' || t.item_title", "items": "t.number || ' ' || t.title", "reports": "t.title",
            "recommendations": "t.report_title"}
_WHO = {"interventions": "t.speaker", "actions": "t.by_name", "reports": "t.author"}


class UnreadableQuery(Exception):
    """FTS5 could not parse a full-text query (a plain SQL error, whose only variable part is the
    query); its message is SQLite's."""


def _like_literal(text: str) -> str:
    """Text for LIKE ... ESCAPE '\\' that matches itself: % and _ are not wildcards here."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class StoreReader:
    """Questions asked of a store's connection; none of them writes."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def person_ids(self, table: str, column: str) -> list[str]:
        """The distinct person ids in a table's person column (indexed), in no particular order."""
        return [i for (i,) in self.db.execute(f"SELECT DISTINCT [{column}] FROM [{table}] WHERE [{column}] IS NOT NULL")]

    def rows_of_people(self, table: str, column: str, ids: list[str]) -> Iterator[tuple]:
        """(date, body, item_number, item_title, source, record) of a table's rows whose person
        column is one of ids, in rowid order."""
        if not ids:
            return iter(())
        query = (f"SELECT date, body, item_number, item_title, source, record FROM [{table}] "
                 f"WHERE [{column}] IN ({', '.join('?' * len(ids))}) ORDER BY rowid")
        return iter(self.db.execute(query, ids).fetchall())

    def printed_names(self, slug: str) -> list[tuple]:
        """(base_id, surname, initials) of every sighting whose id is the slug or ends in -slug."""
        return self.db.execute("SELECT DISTINCT base_id, surname, initials FROM sightings WHERE base_id = ? OR base_id LIKE ?",
                               (slug, "%-" + slug)).fetchall()  # a slug is letters, digits and hyphens: no LIKE wildcard

    def people_records(self, surname: str) -> list[str]:
        """The JSON records of people.json's identities with this surname (any case), by id."""
        return [record for (record,) in self.db.execute("SELECT record FROM people WHERE lower(surname) = ? ORDER BY id",
                                                        (surname.lower(),))]

    def distinct_people(self) -> int:
        """Distinct people on membership lists and attendance across the store."""
        return self.db.execute("SELECT count(DISTINCT person_id) FROM attendance").fetchone()[0]

    def table_rows(self, table: str) -> tuple[list[str], Iterator[tuple]]:
        """A table's column names and its rows in rowid order, read as they are iterated."""
        cursor = self.db.execute(f"SELECT * FROM [{table}] ORDER BY rowid")
        return [d[0] for d in cursor.description], cursor

    def table_names(self) -> list[str]:
        """Every table but the full-text indexes and their shadows."""
        return [name for (name,) in self.db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'")]

    def matches(self, table: str, match: str, low: int | None, high: int | None, body: str | None,
                people: list[str] | None, limit: int, ranked: bool, rank_window: int) -> tuple[list[tuple], bool]:
        """A searchable table's rows matching an FTS5 query, newest first or by bm25, and whether
        ranking was confined to the newest rank_window matches. Each row is (id, date, body, item,
        who, snippet, source, page, line_start, line_end, score).

        Without a body or person filter the matches are windowed and ranked in the full-text
        index alone, and only the rows shown are read from the table: reading the table's row of
        every match (20,000 in a full window) cost ten times the ranking."""
        fts = f"[{table}_fts]"
        where = [f"{fts} MATCH ?"]
        params: list = [match]
        if low is not None:
            where.append(f"{fts}.rowid >= ?")
            params.append(low)
        if high is not None:
            where.append(f"{fts}.rowid <= ?")
            params.append(high)
        filtered = bool(body) or people is not None
        if body:
            where.append("t.body LIKE ? ESCAPE '\\'")
            params.append(f"%{_like_literal(body)}%")
        if people is not None:
            where.append("(" + " OR ".join(["t.people LIKE ? ESCAPE '\\'"] * len(people)) + ")")
            params.extend(f"% {_like_literal(i)} %" for i in people)
        joined = f"FROM {fts} JOIN [{table}] t ON t.rowid = {fts}.rowid"
        matching = joined if filtered else f"FROM {fts}"  # the table is read for every match only to filter
        full = False
        try:
            if ranked and rank_window > 0:
                floor, count = self.db.execute(f"SELECT min(r), count(*) FROM (SELECT {fts}.rowid AS r {matching} "
                                               f"WHERE {' AND '.join(where)} ORDER BY {fts}.rowid DESC LIMIT ?)",
                                               [*params, rank_window]).fetchone()
                full = count >= rank_window
                if full:
                    where.append(f"{fts}.rowid >= ?")
                    params.append(floor)
            if ranked and not filtered:
                best = self.db.execute(f"SELECT {fts}.rowid, bm25({fts}) {matching} WHERE {' AND '.join(where)} "
                                       f"ORDER BY bm25({fts}) LIMIT ?", [*params, limit]).fetchall()
                return self._shown(table, match, best), full
            order = f"bm25({fts})" if ranked else f"{fts}.rowid DESC"
            sql = (f"SELECT {_shown_columns(table)}, {'bm25(' + fts + ')' if ranked else 'NULL'} {joined} "
                   f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?")
            rows = self.db.execute(sql, [*params, limit]).fetchall()
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode != sqlite3.SQLITE_ERROR:  # the store's fault (locked, read-only, ...), not the query's
                raise
            raise UnreadableQuery(str(error)) from None
        return rows, full

    def row_by_id(self, table: str, row_id: str) -> dict | None:
        """One row of a record table by its id, as a dict of its columns, or None (the provenance
        viewer's look-up: a record with its source, sha256, page, lines and span)."""
        if table not in TABLES:
            return None
        cursor = self.db.execute(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
        row = cursor.fetchone()
        return dict(zip([d[0] for d in cursor.description], row)) if row else None

    def record_table(self, row_id: str) -> str | None:
        """The record table that holds a row with this id (ids are unique across the store)."""
        for table in TABLES:
            if self.db.execute(f"SELECT 1 FROM [{table}] WHERE id = ?", (row_id,)).fetchone():
                return table
        return None

    def source_of_sha256(self, sha256: str) -> str | None:
        """The source path of a stored document with these bytes (the first by path), or None."""
        found = self.db.execute("SELECT source FROM documents WHERE sha256 = ? ORDER BY source LIMIT 1", (sha256,)).fetchone()
        return found[0] if found else None

    def meeting_rows(self, meeting: str, source: str) -> dict[str, list[dict]]:
        """Every row that belongs to one meeting (its store id) of a source, table by table: agenda
        items, attendance, items and what each holds, for the viewer's meeting page. Found by their
        ids, which begin with the meeting's (schema.id_range)."""
        found: dict[str, list[dict]] = {}
        for table, (columns, _) in TABLES.items():
            if "meeting" not in columns:
                continue
            cursor = self.db.execute(f"SELECT * FROM [{table}] WHERE id >= ? AND id < ? AND source = ? AND meeting = ?",
                                     (*id_range(meeting), source, meeting))
            names = [d[0] for d in cursor.description]
            found[table] = [dict(zip(names, row)) for row in cursor]
        return found

    def _shown(self, table: str, match: str, ranked: list[tuple]) -> list[tuple]:
        """The rows to show of ranked (rowid, score) pairs, in their order, each read from the
        table with its snippet (which needs the match). One walk of the matches between the
        lowest and highest shown rowid reads them all: a query for each rowid would set the match
        up again for each, and a prefix of a length without an index (schema.PREFIX_LENGTHS) sets up by
        reading every word it begins."""
        if not ranked:
            return []
        fts = f"[{table}_fts]"
        rowids = [rowid for rowid, _ in ranked]
        sql = (f"SELECT {fts}.rowid, {_shown_columns(table)} FROM {fts} JOIN [{table}] t ON t.rowid = {fts}.rowid "
               f"WHERE {fts} MATCH ? AND {fts}.rowid BETWEEN ? AND ? AND +{fts}.rowid IN ({', '.join('?' * len(rowids))})")
        shown = {row[0]: row[1:] for row in self.db.execute(sql, (match, min(rowids), max(rowids), *rowids))}
        return [(*shown[rowid], score) for rowid, score in ranked if rowid in shown]  # one gone since it was ranked: left out


def _shown_columns(table: str) -> str:
    """What a search shows of a row of table, but its score: (id, date, body, item, who, snippet,
    source, page, line_start, line_end); in a query over the table as t and its full-text index."""
    fts = f"[{table}_fts]"
    return (f"t.id, t.date, t.body, {_CONTEXT[table]}, {_WHO.get(table, 'NULL')}, "
            f"snippet({fts}, -1, '[', ']', '…', {SNIPPET_WORDS}), t.source, t.page, t.line_start, t.line_end")


@contextmanager
def open_read_only(path: Path) -> Iterator[StoreReader]:
    """The store at path, open read-only for a query; any SQLite error while it is read is a
    StoreError naming the store file."""
    if not path.is_file():
        raise StoreError(path, "no store here; run `minutebook ingest` first")
    db = _connect_read_only(path)
    try:
        yield StoreReader(db)
    except sqlite3.Error as error:
        raise StoreError.of(path, error) from error
    finally:
        db.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection, tried at once so a bad file fails here and not in the query.

    A store in WAL mode is read beside a -shm file SQLite makes in the store's folder; where it
    cannot (a read-only folder or medium, which no minutebook can be writing either) the file is
    read as immutable instead.
    """
    uri = path.resolve().as_uri()
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        db = sqlite3.connect(f"{uri}?{flags}", uri=True)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.Error as error:
            db.close()
            failed = error
            if error.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN):
                break
    raise StoreError.of(path, failed) from failed
