"""Full-text search over the store: newest first by default, by relevance (bm25) on request.

FTS5 query syntax is the user's: "exact phrases", prefix*, AND / OR / NOT, NEAR(). A query
FTS5 cannot parse is a SearchError with one line saying so, never a traceback.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import asdict, dataclass

from extract.errors import MinutebookError
from extract.store import SEARCHABLE, TABLES, date_bounds

SNIPPET_WORDS = 24
# What each table shows as its "item" column in results.
_CONTEXT = {"resolutions": "t.item_number || ' ' || t.item_title", "interventions": "t.item_number || ' ' || t.item_title",
            "actions": "t.item_number || ' ' || t.item_title", "items": "t.number || ' ' || t.title", "reports": "t.title",
            "recommendations": "t.report_title"}
_WHO = {"interventions": "t.speaker", "actions": "t.by_name", "reports": "t.author"}


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
           ranked: bool = False) -> list[Hit]:
    """Matching rows of the searchable tables, newest first (or best first when ranked)."""
    if not query.strip():
        raise SearchError("the query is empty")
    _check_date(since, "--since")
    _check_date(until, "--until")
    tables = tables or SEARCHABLE
    low, high = date_bounds(since, until)
    hits: list[Hit] = []
    for table in tables:
        hits.extend(_search_table(db, table, query, body, low, high, person, limit, ranked))
    if ranked:
        hits.sort(key=lambda h: (h.score, h.table, h.id))
    else:
        hits.sort(key=lambda h: (h.date or "", h.table, h.id), reverse=True)
    return hits[:limit]


def _search_table(db, table, query, body, low, high, person, limit, ranked) -> list[Hit]:
    fts = f"[{table}_fts]"
    first_column = TABLES[table][1][0]
    column_index = TABLES[table][1].index(first_column)
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
    sql = (f"SELECT t.id, t.date, t.body, {_CONTEXT[table]}, {_WHO.get(table, 'NULL')}, "
           f"snippet({fts}, {column_index}, '[', ']', '…', {SNIPPET_WORDS}), t.source, t.page, t.line_start, t.line_end, "
           f"{'bm25(' + fts + ')' if ranked else 'NULL'} "
           f"FROM {fts} JOIN [{table}] t ON t.rowid = {fts}.rowid WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?")
    try:
        rows = db.execute(sql, [*params, limit]).fetchall()
    except sqlite3.OperationalError as error:  # the only variable part of the statement is the query
        raise SearchError(f"cannot read the query {query!r}: {error} "
                          "(write \"exact phrases\", prefix*, a AND b, a OR b, a NOT b)") from None
    return [Hit(table, *row) for row in rows]
