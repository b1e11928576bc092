"""The search and audit store: outputs/minutebook.sqlite, one row per record, full-text indexed.

The Store owns the connection and every statement that writes or reads it (schema.py says what
the tables are, rows.py what goes in them, reader.py what a query asks of them).

A document is stored in one transaction: its old rows go and its new rows come together, so a
run killed part-way leaves the store as it was before that document. Papers stored together (an
ingest's) share transactions, each paper still whole: a kill leaves the store as it was before the
open transaction's first paper, and a failed commit takes back that transaction's papers alone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path

from extract.normalising.identities import FIELDS as SIGHTING_FIELDS
from extract.storing.reader import STORE_NAME, StoreReader  # noqa: F401 (the name is the reader's; writers import it here)
from extract.storing.rows import StoredDocument
from extract.storing.schema import STORE_VERSION, TABLES, fts_settings, id_range, paper_key, rowid_for, schema_statements
from extract.text.lines import SourceText
from schemas import Document, DocumentWarning


CACHE_KIB = 64 * 1024  # the writer's page cache: rows land at random places in a large store (rowids go by date)
_ROWID = itemgetter(1)  # of a placed row: (table, rowid, row)
_FTS_COLUMNS = {table: fts for table, (_, fts) in TABLES.items()}
TOGETHER_ROWS = 20_000  # rows of papers stored together that one transaction holds before it commits


@cache
def _fts_insert_sql(table: str) -> str:
    """The INSERT of a row's entry in its table's full-text index."""
    names = ", ".join(f"[{c}]" for c in TABLES[table][1])
    return f"INSERT INTO [{table}_fts] (rowid, {names}) VALUES (?, {', '.join('?' * len(TABLES[table][1]))})"


# A paper's rows: those whose ids begin with its key (a range of the id index: schema.id_range), of
# its source. The ids find them, so no index on source is kept up at every insert.
_OF_PAPER = "id >= ? AND id < ? AND source = ?"


@cache
def _fts_delete_sql(table: str) -> str:
    """The full-text entries of a paper's rows taken out, in rowid order, before the rows go (an
    external-content index is told the words it forgets)."""
    names = ", ".join(f"[{c}]" for c in TABLES[table][1])
    return (f"INSERT INTO [{table}_fts] ([{table}_fts], rowid, {names}) "
            f"SELECT 'delete', rowid, {names} FROM [{table}] WHERE {_OF_PAPER} ORDER BY rowid")


@cache
def _insert_sql(table: str, columns: tuple[str, ...], conflict: str = "") -> str:
    """The INSERT for a table's row shape, made once: the one writer runs it for every row."""
    return (f"INSERT {conflict} INTO [{table}] (rowid, {', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' * (len(columns) + 1))})")


@dataclass(frozen=True, slots=True)
class StoredRow:
    """A document's row in the store: enough to report it again without reading it."""

    sha256: str
    output: str | None
    kind: str | None
    status: str | None
    counts: dict
    warnings: list[DocumentWarning]

    @classmethod
    def of(cls, row: tuple) -> "StoredRow":
        """From the documents table's (sha256, output, kind, status, counts, warnings)."""
        return cls(row[0], row[1], row[2], row[3], json.loads(row[4] or "{}"),
                   [DocumentWarning.model_validate(warning) for warning in json.loads(row[5] or "[]")])


def _check_ids(stored: StoredDocument) -> None:
    """Refuse rows whose ids do not begin with their paper's key: _delete finds a paper's rows by
    it, so such a row could never be replaced or removed."""
    start = id_range(paper_key(stored.sha256, stored.source))[0]
    for table, row in stored.rows:
        if not row["id"].startswith(start) or row.get("source") != stored.source:
            raise ValueError(f"{stored.source}: row {row['id']!r} of {table} is not of this paper (ids begin with {start!r})")


class Store(StoreReader):
    """The SQLite store: open it, put documents in, ask it questions."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        super().__init__(sqlite3.connect(path, isolation_level=None))
        self._waiting: list[tuple[str, int, dict]] | None = None  # full-text entries to write, when papers go together
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("PRAGMA foreign_keys=OFF")
        self.db.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        with self.transaction():
            made = self.db.execute("PRAGMA user_version").fetchone()[0] != STORE_VERSION
            if made:
                self._drop_everything()
            for statement in schema_statements():
                self.db.execute(statement)
            if made:  # FTS5 keeps its settings in the store: set once, as the indexes are made
                for statement in fts_settings():
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
        """One unit of work, all or nothing: a transaction of its own, or a savepoint in the open
        transaction of papers stored together (opened by the first of them; its full-text entries
        waiting go with it)."""
        if self._waiting is not None:
            if not self.db.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")
            waiting, mark = self._waiting, len(self._waiting)
            self.db.execute("SAVEPOINT unit")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK TO unit")
                self.db.execute("RELEASE unit")
                del waiting[mark:]
                self._waiting = waiting  # the list as the unit found it (_forget_waiting makes a new one)
                raise
            self.db.execute("RELEASE unit")
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def together(self):
        """Papers put in this block share a transaction, each paper still all or nothing (a
        savepoint), until the caller commits (when is_full says so, or sooner); the full-text
        entries of a transaction's papers are written together in rowid order just before it
        commits: one FTS5 segment for thousands of rows where a paper at a time wrote (and later
        merged) one each. A kill loses the papers of the open transaction, whole. Leaving the
        block commits the papers put since the last commit, even when it is left by an error.
        Until they commit, the full-text indexes lack the waiting papers."""
        self._waiting = []
        try:
            yield self
        finally:
            try:
                self.commit()
            finally:
                self._waiting = None

    def is_full(self) -> bool:
        """Whether the open transaction of papers stored together holds TOGETHER_ROWS rows."""
        return self._waiting is not None and len(self._waiting) >= TOGETHER_ROWS

    def commit(self) -> None:
        """Commit the papers stored together since the last commit, their waiting full-text
        entries written first. Should either fail, the transaction is rolled back whole, as a
        kill would leave it (rows must not commit without their entries), and the error raised:
        none of its papers is stored. The next paper opens a new transaction."""
        if not self.db.in_transaction:
            return
        waiting = self._waiting or []
        if self._waiting is not None:
            self._waiting = []
        try:
            self._index_words(waiting, now=True)
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise

    def _forget_waiting(self, source: str) -> bool:
        """Take a source's rows' full-text entries out of those waiting; whether it had any. A
        source's rows are put at once, so either all their entries wait or the index holds them
        all: waiting ones are never written, rather than written and then deleted."""
        if not self._waiting:
            return False
        kept = [entry for entry in self._waiting if entry[2].get("source") != source]
        if len(kept) == len(self._waiting):
            return False
        self._waiting = kept  # a new list, so a unit rolled back can go back to the old one
        return True

    def _holds(self, source: str | None) -> bool:
        """Whether a source is stored: its documents row goes in and out with its rows."""
        return source is not None and self.db.execute("SELECT 1 FROM documents WHERE source = ?", (source,)).fetchone() is not None

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
        """A source's rows out, and their full-text entries (the index's, or those waiting). Its
        rows are found by their ids (put_rows sees that they begin with the paper's key); a source
        without a documents row has none."""
        indexed = not self._forget_waiting(source)
        held = self.db.execute("SELECT sha256 FROM documents WHERE source = ?", (source,)).fetchone()
        if held:
            paper = (*id_range(paper_key(held[0], source)), source)
            for table, (_, fts) in TABLES.items():
                if fts and indexed:
                    self.db.execute(_fts_delete_sql(table), paper)
                self.db.execute(f"DELETE FROM [{table}] WHERE {_OF_PAPER}", paper)
        self.db.execute("DELETE FROM sightings WHERE source = ?", (source,))
        self.db.execute("DELETE FROM documents WHERE source = ?", (source,))

    def put(self, document: Document, output: str | None = None, status: str = "ok", counts: dict | None = None,
            source: SourceText | None = None) -> None:
        """Replace everything stored for this document's source, in one transaction."""
        self.put_rows(StoredDocument.of(document, counts or {}, status, source), output)

    def put_rows(self, stored: "StoredDocument", output: str | None, replaces: str | None = None) -> None:
        """Replace everything stored for a source with rows already made (in a worker, say), and
        for the source it `replaces` (a moved paper's old path), in one transaction. Only a
        source stored already has rows to delete (a new paper, most of a batch, has none)."""
        _check_ids(stored)
        held = [source for source in dict.fromkeys((stored.source, replaces)) if self._holds(source)]
        with self.transaction():
            for source in held:
                self._delete(source)
            self.insert_rows(stored.rows)
            self.db.executemany(f"INSERT INTO sightings VALUES ({', '.join('?' * (len(SIGHTING_FIELDS) + 1))})",
                                [(*seen, seq) for seq, seen in enumerate(stored.sightings)])
            self.db.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
                            (stored.source, stored.sha256, stored.kind, output, stored.status,
                             json.dumps(stored.counts), json.dumps([w.model_dump() for w in stored.warnings])))

    def insert_rows(self, rows: Iterable[tuple[str, dict]]) -> None:
        """Rows into their tables, then their full-text entries, each index's in rowid order: FTS5
        buffers entries that come in rising rowid order and writes a new segment whenever one
        comes lower, so in the rows' own order (by hash) it would write one almost every row.

        The rows go in a statement per table, at their own rowids; only when one of those is taken
        (two rows of a day hashed alike) or a row is refused are they put in again one by one, in
        their order, as _insert_row does: the rowids are the same either way."""
        rows = list(rows)
        self.db.execute("SAVEPOINT insert_rows")
        placed = self._insert_at_own_rowids(rows)
        if placed is None:
            self.db.execute("ROLLBACK TO insert_rows")
            placed = [(table, self._insert_row(table, row), row) for table, row in rows]
        self.db.execute("RELEASE insert_rows")
        self._index_words(placed)

    def _insert_at_own_rowids(self, rows: list[tuple[str, dict]]) -> list[tuple[str, int, dict]] | None:
        """The rows in, each table's in rowid order (neighbours share B-tree pages), every one at
        its rowid_for; None (and the caller rolls back) when any of them was not put in."""
        placed = sorted([(table, rowid_for(row["id"], row.get("date")), row) for table, row in rows], key=_ROWID)
        shapes: dict[tuple[str, tuple[str, ...]], list[tuple]] = {}
        for table, rowid, row in placed:
            shape = (table, tuple(row))
            values = shapes.get(shape)
            if values is None:
                values = shapes[shape] = []
            values.append((rowid, *row.values()))
        before = self.db.total_changes
        for (table, columns), values in shapes.items():
            self.db.executemany(_insert_sql(table, columns, "OR IGNORE"), values)
        return placed if self.db.total_changes - before == len(rows) else None

    def _index_words(self, placed: list[tuple[str, int, dict]], now: bool = False) -> None:
        """The full-text entries of rows put in, each index's in rowid order; when papers are
        stored together, kept to be written with the others before the commit."""
        if self._waiting is not None and not now:
            self._waiting.extend(placed)
            return
        entries: dict[str, list[tuple]] = {}
        for table, rowid, row in sorted(placed, key=_ROWID):
            fts = _FTS_COLUMNS[table]
            if fts:
                entries.setdefault(table, []).append((rowid, *map(row.get, fts)))
        for table, values in entries.items():
            self.db.executemany(_fts_insert_sql(table), values)

    def _insert_row(self, table: str, row: dict) -> int:
        """One row into its table; its rowid: rowid_for's, or the next free number after it."""
        rowid = rowid_for(row["id"], row.get("date"))
        sql = _insert_sql(table, tuple(row))
        values = list(row.values())
        while True:
            try:
                self.db.execute(sql, [rowid, *values])
                return rowid
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

    def sighted_names(self) -> list[tuple]:
        """(base_id, surname, initials, title) of every distinct printed name, sorted: what the
        people index plans its identities from."""
        return self.db.execute("SELECT DISTINCT base_id, surname, initials, title FROM sightings ORDER BY 1, 2, 3, 4").fetchall()

    def sightings_by_identity(self, joins: dict[str, str]) -> Iterator[tuple]:
        """(identity id, *sighting fields) for every sighting, each printed id mapped through joins
        (base id -> identity id), in identity order; within one, its own sightings before those
        that join it, each in output-file and document order. Rows are read as they are iterated."""
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS joins (base_id TEXT PRIMARY KEY, identity TEXT NOT NULL)")
        self.db.execute("DELETE FROM temp.joins")
        self.db.executemany("INSERT INTO temp.joins VALUES (?, ?)", sorted(joins.items()))
        columns = ", ".join(f"s.[{name}]" for name in SIGHTING_FIELDS)
        return self.db.execute(
            f"SELECT coalesce(j.identity, s.base_id) AS identity, {columns} FROM sightings s "
            "JOIN documents d ON d.source = s.source LEFT JOIN temp.joins j ON j.base_id = s.base_id "
            "ORDER BY identity, j.identity IS NOT NULL, d.output, s.source, s.seq")

    def clear_people(self) -> None:
        self.db.execute("DELETE FROM people")

    def add_person(self, identity) -> None:
        """A PersonIdentity into the people table, its record as compact JSON."""
        self.db.execute("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)",
                        (identity.id, identity.name, identity.surname, identity.initials,
                         json.dumps(identity.variants), identity.model_dump_json()))
