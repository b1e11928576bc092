"""Full-text search over the store: newest first by default, by relevance (bm25) on request.

Newest first is FTS5's reverse rowid walk (rowids are ordered by date): it reads only as many
matches as it returns. Scoring is not so cheap: bm25 costs about 2 microseconds a match, so a
word in one resolution in ten of a million takes a fifth of a second. Ranked search therefore
scores the newest RANK_WINDOW matches (a rowid range FTS5 iterates alone) and says when that
window was full; rank_window=0 scores every match, at that cost.

FTS5 query syntax is the user's where they write it: "exact phrases", prefix*, AND / OR / NOT,
NEAR(), parentheses. Every other word is searched as words, punctuation and all (see prepare).
A query FTS5 still cannot parse (an unbalanced parenthesis, a dangling AND) is a SearchError
with one line saying so, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
import datetime

from extract.base.errors import MinutebookError
from extract.storing.reader import StoreReader, UnreadableQuery
from extract.storing.schema import SEARCHABLE, date_bounds

RANK_WINDOW = 20_000


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


# A quoted phrase (an unclosed one runs to the end, for FTS5 to refuse), NEAR( , a parenthesis
# or comma, or a run of anything else up to white space.
_TOKENS = re.compile(r'"[^"]*"?|NEAR\s*\(|[(),]|[^\s"(),]+')
_OPERATORS = {"AND", "OR", "NOT"}


def prepare(query: str) -> str:
    """The query as FTS5 wants it, FTS5's syntax kept only where it is deliberate.

    Quoted phrases, AND / OR / NOT in capitals, NEAR(...), parentheses and a trailing * are
    FTS5's. Any other word is searched as the words it holds, as a phrase: O'Donnell, 2023/24,
    S.106, fly-tipping. Punctuation on its own ('&', a comma outside NEAR) is not searched for.
    """
    pieces: list[str] = []
    groups: list[bool] = []  # open parentheses, innermost last: True for NEAR's, where commas count
    for token in _TOKENS.findall(query):
        if token.startswith("NEAR"):
            groups.append(True)
            pieces.append("NEAR(")
        elif token == "(":
            groups.append(False)
            pieces.append(token)
        elif token == ")":
            if groups:
                groups.pop()
            pieces.append(token)
        elif token == ",":
            if groups and groups[-1]:
                pieces.append(token)
        elif token.startswith('"') or token in _OPERATORS:
            pieces.append(token)
        else:
            pieces.extend(_word(token))
    return " ".join(pieces)


def _word(token: str) -> list[str]:
    """A word of the query as FTS5 reads it: bare when it is letters and digits, else a phrase;
    a trailing * makes its last word a prefix."""
    stem = token.rstrip("*")
    star = "*" if stem != token else ""
    if not re.search(r"\w", stem):
        return []
    return [stem + star if re.fullmatch(r"\w+", stem) else f'"{stem}"{star}']


def _check_date(value: str | None, flag: str) -> None:
    """A real calendar date, so 2024-02-30 is said to be wrong rather than searched for."""
    if value is None:
        return
    try:
        valid = re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and datetime.date.fromisoformat(value)
    except ValueError:
        valid = False
    if not valid:
        raise SearchError(f"{flag} takes a date as YYYY-MM-DD, not {value!r}")


def search(store: StoreReader, query: str, tables: list[str] | None = None, body: str | None = None,
           since: str | None = None, until: str | None = None, person: str | None = None, limit: int = 20,
           ranked: bool = False, rank_window: int = RANK_WINDOW) -> Results:
    """Matching rows of the searchable tables, newest first (or best first when ranked)."""
    if not query.strip():
        raise SearchError("the query is empty")
    if person is not None and not person.split():
        raise SearchError("--person needs a name, not an empty one")
    match = prepare(query)
    if not match:
        raise SearchError(f"the query {query!r} has no words to search for")
    _check_date(since, "--since")
    _check_date(until, "--until")
    filters = _filters(store, since, until, body, person)
    if filters is None:
        return Results()
    hits: list[Hit] = []
    windowed = []
    for table in tables or SEARCHABLE:
        found, full = _search_table(store, table, query, match, filters, limit, ranked, rank_window)
        hits.extend(found)
        if full:
            windowed.append(table)
    if ranked:
        hits.sort(key=lambda h: (h.score, h.table, h.id))
    else:
        hits.sort(key=lambda h: (h.date or "", h.table, h.id), reverse=True)
    return Results(hits[:limit], windowed)


@dataclass(frozen=True, slots=True)
class Filters:
    """What narrows a search besides the query: a rowid (date) range, words of the body, and the
    person ids one of which a row must print (None: anyone)."""

    low: int | None
    high: int | None
    body: str | None
    people: list[str] | None


def _filters(store: StoreReader, since, until, body, person) -> Filters | None:
    """The date, body and person filters; None when the person is nobody the store has printed,
    so nothing can match."""
    people = None
    if person is not None:
        from extract.querying.queries import Wanted, printed_ids  # reading a name loads the parsers' vocabulary

        people = printed_ids(Wanted.parse(person), store)
        if not people:
            return None
    return Filters(*date_bounds(since, until), body, people)


def _search_table(store, table, query, match, filters, limit, ranked, rank_window) -> tuple[list[Hit], bool]:
    try:
        rows, full = store.matches(table, match, filters.low, filters.high, filters.body, filters.people, limit,
                                   ranked, rank_window)
    except UnreadableQuery as error:
        raise SearchError(f"cannot read the query {query!r}: {error} "
                          "(write \"exact phrases\", prefix*, a AND b, a OR b, a NOT b)") from None
    return [Hit(table, *row) for row in rows], full
