"""The full-text indexes the Store writes itself (no triggers): they hold exactly the words of the
rows beside them after documents are stored, changed and removed, and ranked search, which ranks
in the index alone, finds what ranking every joined row finds."""

from __future__ import annotations

import dataclasses
import re
import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest

from extract.batch.ingest import run_ingest
from extract.querying.search import search
from extract.storing.schema import FTS_SETTINGS, PREFIX_LENGTHS, SEARCHABLE, paper_key
from extract.storing.store import STORE_NAME, Store, rowid_for
from tests.helpers import CORPUS, ROOT


def _integrity_problems(store: Store) -> list[str]:
    """FTS5's own check of each index against its content table (rank 1: the content is compared)."""
    problems = []
    for table in SEARCHABLE:
        try:
            store.db.execute(f"INSERT INTO [{table}_fts] ([{table}_fts], rank) VALUES ('integrity-check', 1)")
        except Exception as error:  # SQLITE_CORRUPT_VTAB: the index and the rows disagree
            problems.append(f"{table}: {error}")
    return problems


def test_indexes_match_their_rows_after_papers_change_and_go(tmp_path):
    papers = tmp_path / "papers"
    shutil.copytree(CORPUS, papers)
    out = tmp_path / "out"
    run_ingest([papers], out)
    changed = sorted(papers.glob("*agenda-pack.txt"))[0]
    changed.write_text(re.sub("(?i)council", "Kouncil", changed.read_text(encoding="utf-8")), encoding="utf-8")
    sorted(papers.glob("*report*.txt"))[0].unlink()
    run_ingest([papers], out, prune_missing=True)
    store = Store(out / STORE_NAME)
    try:
        assert _integrity_problems(store) == []
        assert search(store, "Kouncil")
        assert all(hit.source != str(changed) for hit in search(store, "Council", limit=1000))
    finally:
        store.close()


@pytest.mark.parametrize("query", ["council", "report", "safety OR housing", '"community safety"', "counc*"])
def test_ranked_hits_are_the_best_scored_matches(db, query):
    for table in SEARCHABLE:
        hits = search(db, query, [table], ranked=True, rank_window=0, limit=5)
        scores = sorted(score for (score,) in db.db.execute(
            f"SELECT bm25([{table}_fts]) FROM [{table}_fts] WHERE [{table}_fts] MATCH ?", (query,)))
        assert [hit.score for hit in hits] == scores[:5]
        for hit in hits:
            assert "[" in hit.snippet and hit.source and hit.id


def _prefix_lengths(db, table: str) -> tuple[int, ...]:
    """The prefix lengths FTS5 keeps an index of for a table, as its CREATE statement says."""
    (sql,) = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (f"{table}_fts",)).fetchone()
    found = re.search(r'prefix="([\d ]*)"', sql)
    return tuple(int(n) for n in found[1].split()) if found else ()


def _words_beginning(db, table: str, prefix: str) -> list[str]:
    """Every word of a table's full-text index (its main index, not a prefix index) that begins with prefix."""
    db.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.[{table}_words] USING fts5vocab(main, [{table}_fts], 'row')")
    return [term for (term,) in db.execute(f"SELECT term FROM temp.[{table}_words] WHERE term >= ? AND term < ?",
                                           (prefix, prefix + "\uffff"))]


@pytest.mark.parametrize("length", PREFIX_LENGTHS)
def test_a_prefix_of_an_indexed_length_is_read_from_its_index_and_finds_every_word_it_begins(db, length):
    """A newest-first prefix query of one of these lengths reads a prefix index lazily (without one,
    FTS5 merges the rows of every word the prefix begins across the store before the first hit);
    the index finds what the words themselves find, in the same order."""
    for table in ("resolutions", "reports", "interventions"):
        assert _prefix_lengths(db.db, table) == PREFIX_LENGTHS
        prefix = next(word[:length] for word in ("community", "council", "recommendations", "report") if len(word) >= length)
        words = _words_beginning(db.db, table, prefix)
        assert words, (table, prefix)
        by_prefix = search(db, f"{prefix}*", [table], limit=1000)
        by_words = search(db, " OR ".join(words), [table], limit=1000)
        assert [hit.id for hit in by_prefix] == [hit.id for hit in by_words]
        assert by_prefix


@pytest.mark.parametrize("query", ["counc*", "report", "safety OR housing"])
def test_ranked_hits_show_each_row_as_newest_first_shows_it(db, query):
    """The rows ranked are read with their snippets in one walk: each as the newest-first search
    reads it."""
    for table in SEARCHABLE:
        newest = {hit.id: hit for hit in search(db, query, [table], limit=100_000)}
        for hit in search(db, query, [table], ranked=True, limit=10):
            assert dataclasses.replace(hit, score=None) == newest[hit.id]


def _colliding_ids() -> tuple[str, str]:
    """Two row ids whose rowids on one day are the same (their hashes agree modulo the day's span)."""
    seen: dict[int, str] = {}
    n = 0
    while True:
        row_id = f"collide/{n}"
        rowid = rowid_for(row_id, "2024-05-01")
        if rowid in seen:
            return seen[rowid], row_id
        seen[rowid] = row_id
        n += 1


def _resolution(row_id: str, text: str, date: str = "2024-05-01") -> tuple[str, dict]:
    return "resolutions", {"id": row_id, "text": text, "date": date, "source": "collide.txt", "record": "{}"}


@pytest.mark.parametrize("together", [True, False])
def test_rows_of_a_day_that_hash_alike_take_the_next_rowid_in_the_order_they_come(tmp_path, together):
    first, second = _colliding_ids()
    store = Store(tmp_path / STORE_NAME)
    try:
        rows = [_resolution(first, "noted alpha"), _resolution(second, "noted beta"), _resolution("other/1", "noted gamma")]
        batches = [rows] if together else [rows[:1], rows[1:]]
        for batch in batches:
            with store.transaction():
                store.insert_rows(batch)
        rowids = dict(store.db.execute("SELECT id, rowid FROM resolutions").fetchall())
        assert rowids[first] == rowid_for(first, "2024-05-01")
        assert rowids[second] == rowids[first] + 1
        assert rowids["other/1"] == rowid_for("other/1", "2024-05-01")
        assert _integrity_problems(store) == []
        assert [hit.id for hit in search(store, "beta")] == [second]
    finally:
        store.close()


def test_a_row_whose_id_is_taken_is_refused_and_its_batch_leaves_nothing(tmp_path):
    store = Store(tmp_path / STORE_NAME)
    try:
        with store.transaction():
            store.insert_rows([_resolution("taken/1", "noted alpha")])
        with pytest.raises(sqlite3.IntegrityError), store.transaction():
            store.insert_rows([_resolution("new/1", "noted beta"), _resolution("taken/1", "noted gamma", "2023-01-01")])
        assert store.db.execute("SELECT id FROM resolutions").fetchall() == [("taken/1",)]
        assert _integrity_problems(store) == []
    finally:
        store.close()


# -- papers stored together (a batch ingest's path) ---------------------------------------------------------------

def _papers(rows: int) -> list:
    from tests.bench_store import synthetic_papers

    return list(synthetic_papers(rows))


def _contents(store: Store) -> tuple:
    """Everything a search depends on: the rows with their rowids, the documents, and what the
    index finds for a few words, newest first and ranked."""
    rows = store.db.execute("SELECT rowid, id, source, text FROM resolutions ORDER BY rowid").fetchall()
    documents = store.db.execute("SELECT source, sha256, output FROM documents ORDER BY source").fetchall()
    found = [[hit.as_dict() for hit in search(store, query, ["resolutions"], limit=50, ranked=ranked)]
             for query in ("noted", '"road safety"', "consult*", "housing NOT allocations") for ranked in (False, True)]
    return rows, documents, found


def test_papers_stored_together_are_stored_as_one_at_a_time_stores_them(tmp_path, monkeypatch):
    monkeypatch.setattr("extract.storing.store.TOGETHER_ROWS", 150)  # several commits in the block
    papers = _papers(1000)
    alone, together = Store(tmp_path / "alone.sqlite"), Store(tmp_path / "together.sqlite")
    try:
        for paper in papers:
            alone.put_rows(paper, output="x.json")
        with together.together():
            for paper in papers:
                together.put_rows(paper, output="x.json")
                if together.is_full():
                    together.commit()
        assert _integrity_problems(together) == []
        assert _contents(together) == _contents(alone)
    finally:
        alone.close()
        together.close()


def _moved(paper, source: str):
    """A paper's rows as another source's: their ids keyed as document_rows keys that source's."""
    old, new = paper_key(paper.sha256, paper.source), paper_key(paper.sha256, source)
    return dataclasses.replace(paper, source=source, rows=[
        (table, row | {"source": source, "id": new + row["id"].removeprefix(old)}) for table, row in paper.rows])


def test_a_paper_stored_twice_together_keeps_its_second_rows_only(tmp_path):
    first, second = _papers(200)[:2]
    changed = _moved(second, first.source)
    store = Store(tmp_path / STORE_NAME)
    try:
        with store.together():
            store.put_rows(first, output="a.json")
            store.put_rows(changed, output="a.json")  # the same source: its first rows' entries are forgotten
        assert _integrity_problems(store) == []
        assert {row[0] for row in store.db.execute("SELECT id FROM resolutions")} == {row["id"] for _, row in changed.rows}
    finally:
        store.close()


def test_a_paper_that_fails_as_it_replaces_one_waiting_together_leaves_the_first_whole(tmp_path, monkeypatch):
    first, second = _papers(200)[:2]
    changed = _moved(second, first.source)
    store = Store(tmp_path / STORE_NAME)

    def refused(self, rows):
        raise sqlite3.OperationalError("disk I/O error")

    try:
        with store.together():
            store.put_rows(first, output="a.json")
            monkeypatch.setattr(Store, "insert_rows", refused)  # after the first's rows are deleted
            with pytest.raises(sqlite3.OperationalError):
                store.put_rows(changed, output="a.json")
            monkeypatch.undo()
        assert _integrity_problems(store) == []  # the first's waiting entries came back with its rows
        assert {row[0] for row in store.db.execute("SELECT id FROM resolutions")} == {row["id"] for _, row in first.rows}
        assert {hit.source for hit in search(store, first.rows[0][1]["text"].split()[-2], ["resolutions"])} == {first.source}
    finally:
        store.close()


def test_a_paper_that_fails_among_others_stored_together_leaves_nothing_of_itself(tmp_path, monkeypatch):
    papers = _papers(300)
    broken = papers[3]
    store = Store(tmp_path / STORE_NAME)
    insert_rows = Store.insert_rows

    def fails_in_broken(self, rows):
        rows = list(rows)
        insert_rows(self, rows[:2])
        if rows[0][1]["source"] == broken.source:
            raise sqlite3.OperationalError("disk I/O error")
        insert_rows(self, rows[2:])

    monkeypatch.setattr(Store, "insert_rows", fails_in_broken)
    try:
        with store.together():
            for paper in papers:
                try:
                    store.put_rows(paper, output="x.json")
                except sqlite3.OperationalError:
                    assert paper is broken
        assert _integrity_problems(store) == []
        stored = {row[0] for row in store.db.execute("SELECT DISTINCT source FROM resolutions")}
        assert stored == {paper.source for paper in papers} - {broken.source}
        assert store.stored(broken.source) is None
    finally:
        store.close()


KILLED_TOGETHER = """
import os, signal, sys
from pathlib import Path
import extract.storing.store as store_module
from tests.bench_store import synthetic_papers
store_module.TOGETHER_ROWS = 100
store = store_module.Store(Path(sys.argv[1]))
with store.together():
    for number, paper in enumerate(synthetic_papers(2000)):
        store.put_rows(paper, output="x.json")
        if store.is_full():
            store.commit()
        if number == 30:
            os.kill(os.getpid(), signal.SIGKILL)  # mid-transaction, with papers committed before it
"""


def test_a_kill_among_papers_stored_together_leaves_whole_papers_and_their_words(tmp_path):
    path = tmp_path / STORE_NAME
    killed = subprocess.run([sys.executable, "-c", KILLED_TOGETHER, str(path)], cwd=ROOT, timeout=120)
    assert killed.returncode == -signal.SIGKILL
    store = Store(path)
    try:
        assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert _integrity_problems(store) == []
        papers = {paper.source: paper for paper in _papers(2000)}
        sources = store.sources()
        assert 0 < len(sources) < 31, "some papers committed, the open transaction's lost"
        for source in sources:
            ids = {row[0] for row in store.db.execute("SELECT id FROM resolutions WHERE source = ?", (source,))}
            assert ids == {row["id"] for _, row in papers[source].rows}
    finally:
        store.close()


# -- a paper's rows found by their ids (no index on source) -----------------------------------------------------------

def _plans(store: Store, sql: str, params: tuple) -> str:
    return " | ".join(row[-1] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}", params))


def test_a_paper_replaced_or_removed_takes_exactly_its_rows_found_through_the_id_index(tmp_path):
    papers = _papers(400)
    store = Store(tmp_path / STORE_NAME)
    try:
        with store.together():
            for paper in papers:
                store.put_rows(paper, output="x.json")
        store.remove(papers[1].source)
        store.put_rows(papers[2], output="x.json")  # stored again: its old rows go, its new rows come
        ids = {row[0] for row in store.db.execute("SELECT id FROM resolutions")}
        assert ids == {row["id"] for paper in papers if paper is not papers[1] for _, row in paper.rows}
        assert _integrity_problems(store) == []
        indexed = {row[0] for table in SEARCHABLE for index in store.db.execute(f"PRAGMA index_list([{table}])")
                   for row in store.db.execute("SELECT name FROM pragma_index_info(?)", (index[1],))}
        assert "source" not in indexed  # no index kept up at every insert for the rare replacement
        plan = _plans(store, "DELETE FROM resolutions WHERE id >= ? AND id < ? AND source = ?", ("a/", "a0", "a"))
        assert "SEARCH" in plan and "SCAN" not in plan
    finally:
        store.close()


def test_rows_whose_ids_are_not_keyed_by_their_paper_are_refused_and_leave_nothing(tmp_path):
    first, second = _papers(200)[:2]
    foreign = dataclasses.replace(second, source=first.source, rows=[
        (table, row | {"source": first.source}) for table, row in second.rows])  # ids keyed by second's source
    store = Store(tmp_path / STORE_NAME)
    try:
        with pytest.raises(ValueError, match="is not of this paper"):
            store.put_rows(foreign, output="x.json")
        assert store.db.execute("SELECT count(*) FROM resolutions").fetchone() == (0,)
        assert store.stored(first.source) is None
    finally:
        store.close()


def test_a_meetings_rows_are_those_of_its_source_and_meeting(db):
    meetings = db.db.execute("SELECT id, source FROM meetings").fetchall()
    assert meetings
    for meeting, source in meetings:
        found = db.meeting_rows(meeting, source)
        for table, rows in found.items():
            expected = db.db.execute(f"SELECT id FROM [{table}] WHERE source = ? AND meeting = ? ORDER BY id",
                                     (source, meeting)).fetchall()
            assert sorted(row["id"] for row in rows) == [row_id for (row_id,) in expected]
        assert any(found.values())


def test_the_full_text_indexes_keep_their_settings_from_when_the_store_was_made(tmp_path):
    store = Store(tmp_path / STORE_NAME)
    store.close()
    store = Store(tmp_path / STORE_NAME)  # opened again: settings are the index's, not the connection's
    try:
        for table in SEARCHABLE:
            kept = dict(store.db.execute(f"SELECT k, v FROM [{table}_fts_config]").fetchall())
            assert {name: kept.get(name) for name in FTS_SETTINGS} == FTS_SETTINGS
    finally:
        store.close()
