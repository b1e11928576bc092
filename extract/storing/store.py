"""The search and audit store: outputs/minutebook.sqlite, one row per record, full-text indexed.

Conventions are sqlite-utils' so Datasette offers search out of the box: an FTS5 table
`<table>_fts` with content="<table>" kept in step by triggers `<table>_ai/_ad/_au`.

Each row keeps its record as JSON (`record`) beside flat columns to query and its provenance
(document sha256, source, page, line and character span). A searchable row's rowid is made from
its date, YYYYMMDD * 10^7 + a hash of its id, so "newest first" is FTS5's own reverse rowid walk
(no sort over every match) and date filters are rowid ranges.

A document is stored in one transaction: its old rows go and its new rows come together, so a
run killed part-way leaves the store as it was before that document.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.normalising.identities import FIELDS as SIGHTING_FIELDS
from extract.normalising.identities import sightings
from extract.text.lines import SourceText
from schemas import Document

STORE_NAME = "minutebook.sqlite"
# Raised when the tables change shape: an older store is emptied, and the next run fills it again.
STORE_VERSION = 5  # 4: a document's source is its resolved path, its JSON named by it; 5: reports' text, authors, contacts searchable
ROWID_SPAN = 10**7
PROVENANCE = ("document_sha256", "source", "page", "line_start", "line_end", "char_start", "char_end")

# table -> (flat columns, full-text columns)
TABLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "meetings": (("meeting_id", "role", "body", "date", "time", "venue"), ()),
    "agenda_items": (("meeting", "number", "title", "part", "pages_start", "pages_end", "body", "date"), ()),
    "attendance": (("meeting", "person_id", "name", "title", "status", "role", "category", "body", "date"), ()),
    "items": (("meeting", "number", "title", "text", "agenda_item", "body", "date", "people"), ("title", "text")),
    "resolutions": (("item", "meeting", "label", "text", "preamble", "item_number", "item_title", "body", "date", "people"),
                    ("text", "preamble", "item_title")),
    "interventions": (("item", "meeting", "position", "speaker_id", "speaker", "role_title", "kind", "text", "responds_to",
                       "item_number", "item_title", "body", "date", "people"), ("text", "speaker", "role_title")),
    "actions": (("item", "meeting", "by_id", "by_name", "what", "to_whom", "text", "item_number", "item_title", "body",
                 "date", "people"), ("text", "what")),
    "votes": (("item", "meeting", "motion", "result", "mover", "seconder", "for_count", "against_count", "abstain_count",
               "body", "date"), ()),
    "reports": (("title", "body", "date", "author", "author_role", "purpose", "executive_summary", "recommendations_text",
                 "agenda_item", "people", "authors", "contacts", "text"),
                ("title", "purpose", "executive_summary", "recommendations_text", "authors", "contacts", "text")),
    "recommendations": (("report", "label", "text", "preamble", "report_title", "body", "date", "people"), ("text", "report_title")),
    "tables": (("report_title", "kind", "syntax", "columns", "row_count"), ()),
}
SEARCHABLE = [name for name, (_, fts) in TABLES.items() if fts]


def rowid_for(row_id: str, date: str | None) -> int:
    """A rowid ordered by date: YYYYMMDD * 10^7 plus a stable hash of the row's id."""
    day = int(date.replace("-", "")) if date and len(date) == 10 else 0
    return day * ROWID_SPAN + zlib.crc32(row_id.encode()) % ROWID_SPAN


def date_bounds(since: str | None, until: str | None) -> tuple[int | None, int | None]:
    low = int(since.replace("-", "")) * ROWID_SPAN if since else None
    high = int(until.replace("-", "")) * ROWID_SPAN + ROWID_SPAN - 1 if until else None
    return low, high


def _schema_sql() -> list[str]:
    statements = [
        "CREATE TABLE IF NOT EXISTS documents (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, kind TEXT, output TEXT, "
        "status TEXT, counts TEXT, warnings TEXT)",
        "CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256)",  # a moved paper is found by its bytes
        "CREATE TABLE IF NOT EXISTS people (id TEXT PRIMARY KEY, name TEXT, surname TEXT, initials TEXT, "
        "variants TEXT, record TEXT NOT NULL)",
        # every place a person is printed, in document order: people.json is built from these
        "CREATE TABLE IF NOT EXISTS sightings ("
        + ", ".join(f"[{name}]" for name in SIGHTING_FIELDS) + ", seq INTEGER NOT NULL, PRIMARY KEY (source, seq))",
    ]
    for table, (columns, fts) in TABLES.items():
        cols = ", ".join(f"[{c}]" for c in ("id",) + columns + PROVENANCE + ("record",))
        statements.append(f"CREATE TABLE IF NOT EXISTS [{table}] (rowid INTEGER PRIMARY KEY, "
                          + cols.replace("[id]", "[id] TEXT UNIQUE NOT NULL", 1) + ")")
        statements.append(f"CREATE INDEX IF NOT EXISTS [{table}_source] ON [{table}] (source)")
        for person_column in ("speaker_id", "by_id", "person_id"):  # who-asked and person look people up
            if person_column in columns:
                statements.append(f"CREATE INDEX IF NOT EXISTS [{table}_{person_column}] ON [{table}] ([{person_column}])")
        if "date" in columns:
            statements.append(f"CREATE INDEX IF NOT EXISTS [{table}_date] ON [{table}] (date)")
        if fts:
            names = ", ".join(f"[{c}]" for c in fts)
            new = ", ".join(f"new.[{c}]" for c in fts)
            old = ", ".join(f"old.[{c}]" for c in fts)
            statements += [
                f'CREATE VIRTUAL TABLE IF NOT EXISTS [{table}_fts] USING FTS5 ({names}, content="{table}", content_rowid="rowid")',
                f"CREATE TRIGGER IF NOT EXISTS [{table}_ai] AFTER INSERT ON [{table}] BEGIN "
                f"INSERT INTO [{table}_fts] (rowid, {names}) VALUES (new.rowid, {new}); END",
                f"CREATE TRIGGER IF NOT EXISTS [{table}_ad] AFTER DELETE ON [{table}] BEGIN "
                f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {names}) VALUES('delete', old.rowid, {old}); END",
                f"CREATE TRIGGER IF NOT EXISTS [{table}_au] AFTER UPDATE ON [{table}] BEGIN "
                f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {names}) VALUES('delete', old.rowid, {old}); "
                f"INSERT INTO [{table}_fts] (rowid, {names}) VALUES (new.rowid, {new}); END",
            ]
    return statements


def _provenance(document: Document, span) -> dict:
    return {"document_sha256": document.sha256, "source": document.source, "page": span.page,
            "line_start": span.line_start, "line_end": span.line_end, "char_start": span.char_start,
            "char_end": span.char_end}


def _people_words(*persons) -> str:
    """Names to filter by person: ids and lower-case surnames, space separated."""
    words = set()
    for person in persons:
        if person is not None:
            words.update({person.id, person.surname.lower()})
    return " " + " ".join(sorted(words)) + " " if words else ""


def _listed(*fields: str | None) -> str:
    """The fields a person or contact has, comma separated, for full-text search."""
    return ", ".join(field for field in fields if field)


def _report_text(source: SourceText | None, report) -> str | None:
    """A report's words for full-text search (its record keeps only its span): its lines without
    markup, blank ones left out."""
    if source is None:
        return None
    lines = source.plain_lines()[report.span.line_start - 1:report.span.line_end]
    return "\n".join(line for line in lines if line)


def document_rows(document: Document, source: SourceText | None = None) -> Iterator[tuple[str, dict]]:
    """(table, row) for every record of a document, ids derived from content, source and position.

    The source is part of the key: the same bytes saved under two names are two documents. The
    read text, when given, is where a report's full text comes from.
    """
    key = f"{document.sha256[:12]}-{zlib.crc32(document.source.encode()):08x}"
    for m_index, meeting in enumerate(document.meetings):
        mid = f"{key}/m{m_index}"
        where = {"body": meeting.body, "date": meeting.date}
        yield "meetings", {"id": mid, "meeting_id": meeting.id, "role": meeting.role, "time": meeting.time,
                           "venue": meeting.venue, **where, **_provenance(document, meeting.span),
                           "record": meeting.model_dump_json(exclude={"agenda_items", "membership", "attendance", "items"})}
        for a_index, agenda in enumerate(meeting.agenda_items):
            yield "agenda_items", {"id": f"{mid}/a{a_index}", "meeting": mid, "number": agenda.number, "title": agenda.title,
                                   "part": agenda.part, "pages_start": agenda.pages.start if agenda.pages else None,
                                   "pages_end": agenda.pages.end if agenda.pages else None, **where,
                                   **_provenance(document, agenda.span), "record": agenda.model_dump_json()}
        for p_index, entry in enumerate([*meeting.membership, *meeting.attendance]):
            status = getattr(entry, "status", "member")
            yield "attendance", {"id": f"{mid}/p{p_index}", "meeting": mid, "person_id": entry.person.id,
                                 "name": entry.person.name, "title": entry.person.title, "status": status,
                                 "role": entry.role, "category": entry.category, **where,
                                 **_provenance(document, entry.span), "record": entry.model_dump_json()}
        for i_index, item in enumerate(meeting.items):
            iid = f"{mid}/i{i_index}"
            speakers = _people_words(*(i.speaker for i in item.interventions))
            about = {"item_number": item.number, "item_title": item.title, **where}
            yield "items", {"id": iid, "meeting": mid, "number": item.number, "title": item.title, "text": item.text,
                            "agenda_item": item.agenda_item, "people": speakers, **where,
                            **_provenance(document, item.span),
                            "record": item.model_dump_json(exclude={"resolutions", "interventions", "actions", "votes"})}
            for r_index, resolution in enumerate(item.resolutions):
                yield "resolutions", {"id": f"{iid}/r{r_index}", "item": iid, "meeting": mid, "label": resolution.label,
                                      "text": resolution.text, "preamble": resolution.preamble, "people": speakers,
                                      **about, **_provenance(document, resolution.span), "record": resolution.model_dump_json()}
            for said in item.interventions:
                yield "interventions", {"id": f"{iid}/s{said.index}", "item": iid, "meeting": mid, "position": said.index,
                                        "speaker_id": said.speaker.id if said.speaker else None,
                                        "speaker": said.speaker.name if said.speaker else said.role_title,
                                        "role_title": said.role_title, "kind": said.kind, "text": said.text,
                                        "responds_to": said.responds_to, "people": _people_words(said.speaker), **about,
                                        **_provenance(document, said.span), "record": said.model_dump_json()}
            for x_index, action in enumerate(item.actions):
                yield "actions", {"id": f"{iid}/x{x_index}", "item": iid, "meeting": mid,
                                  "by_id": action.by.id if action.by else None,
                                  "by_name": action.by.name if action.by else action.by_role, "what": action.what,
                                  "to_whom": action.to_whom, "text": action.text, "people": _people_words(action.by),
                                  **about, **_provenance(document, action.span), "record": action.model_dump_json()}
            for v_index, vote in enumerate(item.votes):
                yield "votes", {"id": f"{iid}/v{v_index}", "item": iid, "meeting": mid, "motion": vote.motion,
                                "result": vote.result, "mover": vote.mover.name if vote.mover else None,
                                "seconder": vote.seconder.name if vote.seconder else None,
                                "for_count": len(vote.for_), "against_count": len(vote.against),
                                "abstain_count": len(vote.abstain), **where, **_provenance(document, vote.span),
                                "record": vote.model_dump_json()}
    for r_index, report in enumerate(document.reports):
        rid = f"{key}/r{r_index}"
        author = report.author
        people = _people_words(*(a.person for a in report.authors))
        yield "reports", {"id": rid, "title": report.title, "body": report.body, "date": report.meeting_date,
                          "author": author.person.name if author and author.person else None,
                          "author_role": author.role if author else None, "purpose": report.purpose,
                          "executive_summary": report.executive_summary,
                          "recommendations_text": "\n".join(r.text for r in report.recommendations),
                          "agenda_item": report.agenda_item, "people": people,
                          "authors": "\n".join(_listed(a.person.name if a.person else None, a.role) for a in report.authors),
                          "contacts": "\n".join(_listed(c.name, c.role, c.tel, c.email) for c in report.contacts),
                          "text": _report_text(source, report),
                          **_provenance(document, report.span), "record": report.model_dump_json()}
        for c_index, recommendation in enumerate(report.recommendations):
            yield "recommendations", {"id": f"{rid}/c{c_index}", "report": rid, "label": recommendation.label,
                                      "text": recommendation.text, "preamble": recommendation.preamble,
                                      "report_title": report.title, "body": report.body, "date": report.meeting_date,
                                      "people": people, **_provenance(document, recommendation.span),
                                      "record": recommendation.model_dump_json()}
    for t_index, table in enumerate(document.tables):
        yield "tables", {"id": f"{key}/t{t_index}", "report_title": table.report_title, "kind": table.kind,
                         "syntax": table.syntax, "columns": json.dumps(table.columns), "row_count": len(table.rows),
                         **_provenance(document, table.span), "record": table.model_dump_json()}


@cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """The INSERT for a table's row shape, made once: the one writer runs it for every row."""
    return (f"INSERT INTO [{table}] (rowid, {', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' * (len(columns) + 1))})")


@dataclass(slots=True)
class StoredDocument:
    """A document made ready to write: its JSON text and its store rows, plain and picklable,
    so the work of serialising is done where it was parsed (a worker) and not by the one writer."""

    source: str
    sha256: str
    kind: str
    status: str
    unread_pages: list[int]
    warnings: list[str]
    counts: dict
    json_text: str
    rows: list[tuple[str, dict]]
    sightings: list[tuple]

    @classmethod
    def of(cls, document: Document, counts: dict, status: str, source: SourceText | None = None) -> "StoredDocument":
        from extract.storing.output import record_json

        return cls(document.source, document.sha256, document.kind, status, list(document.unread_pages),
                   list(document.warnings), counts, record_json(document),
                   list(document_rows(document, source)),
                   [tuple(getattr(seen, name) for name in SIGHTING_FIELDS) for seen in sightings(document)])


@dataclass(frozen=True, slots=True)
class StoredRow:
    """A document's row in the store: enough to report it again without reading it."""

    sha256: str
    output: str | None
    kind: str | None
    status: str | None
    counts: dict
    warnings: list[str]

    @classmethod
    def of(cls, row: tuple) -> "StoredRow":
        """From the documents table's (sha256, output, kind, status, counts, warnings)."""
        return cls(row[0], row[1], row[2], row[3], json.loads(row[4] or "{}"), json.loads(row[5] or "[]"))


class Store:
    """The SQLite store: open it, put documents in, ask it questions."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=OFF")
        with self.transaction():
            if self.db.execute("PRAGMA user_version").fetchone()[0] != STORE_VERSION:
                self._drop_everything()
            for statement in _schema_sql():
                self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {STORE_VERSION}")

    def _drop_everything(self) -> None:
        """Forget a store of another version: it is an index of the JSON, so its documents are
        simply parsed again. Their JSON goes too, so none is left beside its successor under the
        names of another version."""
        if self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
            for (output,) in self.db.execute("SELECT output FROM documents WHERE output IS NOT NULL").fetchall():
                (self.path.parent / Path(output).name).unlink(missing_ok=True)
        for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts_%'").fetchall():
            self.db.execute(f"DROP TABLE IF EXISTS [{name}]")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self):
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def stored(self, source: str) -> StoredRow | None:
        """What the store holds of a document, or None."""
        row = self.db.execute("SELECT sha256, output, kind, status, counts, warnings FROM documents WHERE source = ?",
                              (source,)).fetchone()
        return StoredRow.of(row) if row else None

    def all_stored(self) -> Iterator[tuple[str, StoredRow]]:
        """(source, what the store holds of it) for every document, by source."""
        query = "SELECT source, sha256, output, kind, status, counts, warnings FROM documents ORDER BY source"
        for row in self.db.execute(query).fetchall():
            yield row[0], StoredRow.of(row[1:])

    def sources(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT source FROM documents ORDER BY source")]

    def sources_of(self, sha256: str) -> list[str]:
        """The sources stored with these bytes."""
        return [row[0] for row in self.db.execute("SELECT source FROM documents WHERE sha256 = ? ORDER BY source",
                                                  (sha256,))]

    def is_empty(self) -> bool:
        return self.db.execute("SELECT 1 FROM documents LIMIT 1").fetchone() is None

    def _delete(self, source: str) -> None:
        for table in TABLES:
            self.db.execute(f"DELETE FROM [{table}] WHERE source = ?", (source,))
        self.db.execute("DELETE FROM sightings WHERE source = ?", (source,))
        self.db.execute("DELETE FROM documents WHERE source = ?", (source,))

    def put(self, document: Document, output: str | None = None, status: str = "ok", counts: dict | None = None,
            source: SourceText | None = None) -> None:
        """Replace everything stored for this document's source, in one transaction."""
        self.put_rows(StoredDocument.of(document, counts or {}, status, source), output)

    def put_rows(self, stored: "StoredDocument", output: str | None, replaces: str | None = None) -> None:
        """Replace everything stored for a source with rows already made (in a worker, say), and
        for the source it `replaces` (a moved paper's old path), in one transaction."""
        with self.transaction():
            self._delete(stored.source)
            if replaces is not None:
                self._delete(replaces)
            self.insert_rows(stored.rows)
            self.db.executemany(f"INSERT INTO sightings VALUES ({', '.join('?' * (len(SIGHTING_FIELDS) + 1))})",
                                [(*seen, seq) for seq, seen in enumerate(stored.sightings)])
            self.db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (stored.source, stored.sha256, stored.kind, output, stored.status,
                             json.dumps(stored.counts), json.dumps(stored.warnings)))

    def insert_rows(self, rows: Iterable[tuple[str, dict]]) -> None:
        for table, row in rows:
            rowid = rowid_for(row["id"], row.get("date"))
            sql = _insert_sql(table, tuple(row))
            values = list(row.values())
            while True:
                try:
                    self.db.execute(sql, [rowid, *values])
                    break
                except sqlite3.IntegrityError as error:
                    if "rowid" not in str(error).lower() and "primary key" not in str(error).lower():
                        raise
                    rowid += 1  # two rows of one day hashed alike: the next free number keeps the order

    def remove(self, source: str) -> None:
        with self.transaction():
            self._delete(source)

    def document(self, source: str) -> Document | None:
        """The whole Document for a source, read from its JSON beside the store: the store indexes
        the JSON and does not keep a second copy of it (a quarter of its size, when it did)."""
        row = self.db.execute("SELECT output FROM documents WHERE source = ?", (source,)).fetchone()
        if not (row and row[0]):
            return None
        return Document.model_validate_json((self.path.parent / row[0]).read_text(encoding="utf-8"))
