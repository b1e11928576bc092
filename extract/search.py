"""Full-text search over the store: newest first by default, by relevance (bm25) on request.

Newest first is FTS5's reverse rowid walk (rowids are ordered by date): it reads only as many
matches as it returns. Scoring is not so cheap: bm25 costs about 2 microseconds a match, so a
word in one resolution in ten of a million takes a fifth of a second. Ranked search therefore
scores the newest RANK_WINDOW matches (a rowid range FTS5 iterates alone) and says when that
window was full; rank_window=0 scores every match, at that cost.

FTS5 query syntax is the user's: "exact phrases", prefix*, AND / OR / NOT, NEAR(). A query
FTS5 cannot parse is a SearchError with one line saying so, never a traceback.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass

from extract.errors import MinutebookError
from extract.store import SEARCHABLE, date_bounds

SNIPPET_WORDS = 24
RANK_WINDOW = 20_000
# What each table shows as its "item" column in results.
_CONTEXT = {"resolutions": "t.item_number || ' ' || t.item_title", "interventions": "t.item_number || ' ' || t.item_title",
            "actions": "t.item_number || ' ' || t.item_title", "items": "t.number || ' ' || t.title", "reports": "t.title",
            "recommendations": "t.report_title"}
_WHO = {"interventions": "t.speaker", "actions": "t.by_name", "reports": "t.author"}


class Results(list):
    """Hits, and the tables where ranking was confined to the newest RANK_WINDOW matches."""

    windowed: list[str]

    def __init__(self, hits=(), windowed=None):
        super().__init__(hits)
        self.windowed = windowed or []


class SearchError(MinutebookError):
    """A query the store cannot answer, said in one line."""


@dataclass(frozen=True, slots=True)
class Hit:
    table: str
    id: str
    date: str | None
    body: str | None
    item: str | None
    who: str | None
    snippet: str
    source: str
    page: int | None
    line_start: int
    line_end: int
    score: float | None

    def as_dict(self) -> dict:
        return asdict(self)


_HYPHENATED = re.compile(r'"[^"]*"|(?<![\w"])(\w+(?:-\w+)+)(?![\w"])')


def prepare(query: str) -> str:
    """The query as FTS5 wants it: hyphenated words ('fly-tipping', 'Sutton-Lloyd') as phrases."""
    return _HYPHENATED.sub(lambda m: f'"{m.group(1)}"' if m.group(1) else m.group(0), query)


def _check_date(value: str | None, flag: str) -> None:
    if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise SearchError(f"{flag} takes a date as YYYY-MM-DD, not {value!r}")


def search(db: sqlite3.Connection, query: str, tables: list[str] | None = None, body: str | None = None,
           since: str | None = None, until: str | None = None, person: str | None = None, limit: int = 20,
           ranked: bool = False, rank_window: int = RANK_WINDOW) -> Results:
    """Matching rows of the searchable tables, newest first (or best first when ranked)."""
    if not query.strip():
        raise SearchError("the query is empty")
    if person is not None and not person.split():
        raise SearchError("--person needs a name, not an empty one")
    _check_date(since, "--since")
    _check_date(until, "--until")
    tables = tables or SEARCHABLE
    low, high = date_bounds(since, until)
    hits: list[Hit] = []
    windowed = []
    for table in tables:
        found, full = _search_table(db, table, query, body, low, high, person, limit, ranked, rank_window)
        hits.extend(found)
        if full:
            windowed.append(table)
    if ranked:
        hits.sort(key=lambda h: (h.score, h.table, h.id))
    else:
        hits.sort(key=lambda h: (h.date or "", h.table, h.id), reverse=True)
    return Results(hits[:limit], windowed)


def _search_table(db, table, query, body, low, high, person, limit, ranked, rank_window) -> tuple[list[Hit], bool]:
    fts = f"[{table}_fts]"
    where = [f"{fts} MATCH ?"]
    params: list = [prepare(query)]
    if low is not None:
        where.append(f"{fts}.rowid >= ?")
        params.append(low)
    if high is not None:
        where.append(f"{fts}.rowid <= ?")
        params.append(high)
    if body:
        where.append("t.body LIKE ?")
        params.append(f"%{body}%")
    if person:
        words = person.lower().split()
        where.append("t.people LIKE ?")
        params.append(f"% {words[-1]} %" if len(words) == 1 else f"% {words[0][0]}%-{words[-1]} %")
    order = f"bm25({fts})" if ranked else f"{fts}.rowid DESC"
    joined = f"FROM {fts} JOIN [{table}] t ON t.rowid = {fts}.rowid WHERE {' AND '.join(where)}"
    full = False
    try:
        if ranked and rank_window > 0:
            floor, count = db.execute(f"SELECT min(r), count(*) FROM (SELECT {fts}.rowid AS r {joined} "
                                      f"ORDER BY {fts}.rowid DESC LIMIT ?)", [*params, rank_window]).fetchone()
            full = count >= rank_window
            if full:
                joined += f" AND {fts}.rowid >= ?"
                params.append(floor)
        sql = (f"SELECT t.id, t.date, t.body, {_CONTEXT[table]}, {_WHO.get(table, 'NULL')}, "
               f"snippet({fts}, 0, '[', ']', '…', {SNIPPET_WORDS}), t.source, t.page, t.line_start, "
               f"t.line_end, {'bm25(' + fts + ')' if ranked else 'NULL'} {joined} ORDER BY {order} LIMIT ?")
        rows = db.execute(sql, [*params, limit]).fetchall()
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode != sqlite3.SQLITE_ERROR:  # the store's fault (locked, read-only, ...), not the query's
            raise
        # a plain SQL error: the only variable part of the statement is the query
        raise SearchError(f"cannot read the query {query!r}: {error} "
                          "(write \"exact phrases\", prefix*, a AND b, a OR b, a NOT b)") from None
    return [Hit(table, *row) for row in rows], full
