"""The store's shape: its tables and their full-text indexes.

Conventions are sqlite-utils' so Datasette offers search out of the box: an FTS5 table
`<table>_fts` with content="<table>". The Store writes a row's full-text entry itself, in the
same transaction as the row (no triggers): a document's entries go in together, in rowid order,
which FTS5 indexes at the speed of a rebuild, where a trigger's one entry at a time in hash
order flushed FTS5's buffer at almost every row.

A searchable row's rowid is made from its date, YYYYMMDD * 10^7 + a hash of its id, so "newest
first" is FTS5's own reverse rowid walk (no sort over every match) and date filters are rowid
ranges.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

# Raised when the tables change shape: an older store is emptied, and the next run fills it again.
STORE_VERSION = 10  # 4: a document's source is its resolved path, its JSON named by it; 5: reports' text, authors, contacts searchable;
# 6: a document's warnings are records (code, message, span); 7: full-text entries written by the Store, no triggers;
# 8: no index on date (rowids go by date: a date range is a rowid range); 9: prefix indexes (PREFIX_LENGTHS);
# 10: no index on source (a paper's rows are found by their ids: paper_key), FTS_SETTINGS
ROWID_SPAN = 10**7
# FTS5 prefix indexes, by the prefix's length in characters. A prefix query (consult*) of one of
# these lengths reads one index entry's rows, lazily, as a word does; of any other length FTS5
# first merges the rows of every word the prefix begins, over the whole store (7 ms for one word
# in a tenth of a million rows, before the newest 20 are found). Each length costs ingest speed
# and store size: 3 to 8 covers the prefixes people type (bus*, licen*, consult*, environm*).
PREFIX_LENGTHS = (3, 4, 5, 6, 7, 8)
# FTS5's settings, stored in each index's _config table as the store is made. hashsize: the words
# an index holds in memory before it writes them out as a segment (default 1 MB). With the prefix
# indexes each word makes seven entries, so 1 MB filled every few hundred rows, and each of those
# small segments was merged again and again: 16 MB writes one every few thousand. automerge and
# crisismerge: how many segments of a level are merged into one of the next (default 4, and 16 at
# most before a merge is forced): 16 and 32 rewrite each entry fewer times as a store grows (a
# sixth less written at 300,000 rows), and the searches that read the extra segments were not
# measurably slower (bench_store: newest first and ranked, a million rows).
FTS_SETTINGS = {"hashsize": 16 * 1024 * 1024, "automerge": 16, "crisismerge": 32}
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
    return _first_rowid(date) + zlib.crc32(row_id.encode()) % ROWID_SPAN


@lru_cache(maxsize=4096)
def _first_rowid(date: str | None) -> int:
    """The lowest rowid of a day (0 for no date): a paper's rows share theirs, so it is worked out once."""
    return int(date.replace("-", "")) * ROWID_SPAN if date and len(date) == 10 else 0


def paper_key(sha256: str, source: str) -> str:
    """What every row id of a paper begins with (then a "/"): its bytes' hash and its source's. The
    source is part of the key: the same bytes saved under two names are two documents."""
    return f"{sha256[:12]}-{zlib.crc32(source.encode()):08x}"


def id_range(prefix: str) -> tuple[str, str]:
    """The ids that begin with prefix + "/", as a range of the id index (from prefix + "/" up to,
    not including, prefix + "0", "0" being the character after "/"): a paper's rows, or a meeting's."""
    return prefix + "/", prefix + "0"


def date_bounds(since: str | None, until: str | None) -> tuple[int | None, int | None]:
    """The rowid range of the days from since to until, either end open."""
    low = int(since.replace("-", "")) * ROWID_SPAN if since else None
    high = int(until.replace("-", "")) * ROWID_SPAN + ROWID_SPAN - 1 if until else None
    return low, high


def fts_settings() -> list[str]:
    """The statements that give each full-text index FTS_SETTINGS."""
    return [f"INSERT INTO [{table}_fts] ([{table}_fts], rank) VALUES ('{name}', {value})"
            for table in SEARCHABLE for name, value in FTS_SETTINGS.items()]


def schema_statements() -> list[str]:
    from extract.normalising.identities import FIELDS as SIGHTING_FIELDS  # here, so a query does not load the parsers

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
        for person_column in ("speaker_id", "by_id", "person_id"):  # who-asked and person look people up
            if person_column in columns:
                statements.append(f"CREATE INDEX IF NOT EXISTS [{table}_{person_column}] ON [{table}] ([{person_column}])")
        if fts:
            names = ", ".join(f"[{c}]" for c in fts)
            prefix = " ".join(map(str, PREFIX_LENGTHS))
            statements.append(f'CREATE VIRTUAL TABLE IF NOT EXISTS [{table}_fts] USING FTS5 ({names}, content="{table}", '
                              f'content_rowid="rowid", prefix="{prefix}")')
    return statements
