"""The full-text indexes the Store writes itself (no triggers): they hold exactly the words of the
rows beside them after documents are stored, changed and removed, and ranked search, which ranks
in the index alone, finds what ranking every joined row finds."""

from __future__ import annotations

import re
import shutil

import pytest

from extract.batch.ingest import run_ingest
from extract.querying.search import search
from extract.storing.schema import SEARCHABLE
from extract.storing.store import STORE_NAME, Store
from tests.helpers import CORPUS


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


@pytest.mark.parametrize("query", ["council", "report", "safety OR housing", '"community safety"'])
def test_ranked_hits_are_the_best_scored_matches(db, query):
    for table in SEARCHABLE:
        hits = search(db, query, [table], ranked=True, rank_window=0, limit=5)
        scores = sorted(score for (score,) in db.db.execute(
            f"SELECT bm25([{table}_fts]) FROM [{table}_fts] WHERE [{table}_fts] MATCH ?", (query,)))
        assert [hit.score for hit in hits] == scores[:5]
        for hit in hits:
            assert "[" in hit.snippet and hit.source and hit.id
