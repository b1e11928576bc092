"""The search and audit store: searches, round trips, incremental ingest, crashes, Datasette."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.commands.cli import main
from extract.batch.ingest import run_ingest
from extract.pipeline import process_path
from extract.querying.search import SearchError, search
from extract.storing.store import STORE_NAME, Store, rowid_for
from schemas import Action, Document, Intervention, Meeting, MinutesItem, Person, Resolution, Span
from tests.helpers import CORPUS, ROOT


def test_the_dame_carol_black_resolution_of_26_february_2024(db):
    hits = search(db, '"Dame Carol Black"', ["resolutions"])
    assert [(h.date, h.table) for h in hits] == [("2024-02-26", "resolutions")]
    assert "[Dame Carol Black] funded workstreams" in hits[0].snippet


def test_road_safety_finds_the_road_safety_report_of_april_2024(db):
    hits = search(db, "road safety", ["reports"])
    assert ("Road Safety", "2024-04-16") in [(h.item, h.date) for h in hits]


def test_since_returns_only_records_from_then_on_newest_first(db):
    hits = search(db, "noted", since="2024-01-01", limit=200)
    assert hits and all(h.date >= "2024-01-01" for h in hits)
    everything = search(db, "noted", limit=200)
    assert any(h.date < "2024-01-01" for h in everything)
    assert [h.date for h in everything] == sorted((h.date for h in everything), reverse=True)


def test_phrases_prefixes_boolean_person_body_and_rank(db):
    assert search(db, "licen*", ["interventions"])
    assert [h.who for h in search(db, "Sutton-Lloyd", ["interventions"], limit=50)].count("D Sutton-Lloyd") >= 1
    both = search(db, "police AND schools", ["interventions"], limit=100)
    assert all("police" in h.snippet.lower() or "schools" in h.snippet.lower() for h in both)
    green = search(db, "police NOT crime", ["interventions"], person="Green", limit=100)
    assert green and {h.who for h in green} == {"A Green"}
    assert search(db, "noted", body="Nothing Like This") == []
    ranked = search(db, "safety", ranked=True, limit=10)
    assert [h.score for h in ranked] == sorted(h.score for h in ranked)
    assert ranked.windowed == []  # the seeds have far fewer matches than the window


def test_ranking_is_confined_to_the_newest_matches_when_the_window_fills_and_says_so(db):
    exact = search(db, "noted", ["resolutions"], ranked=True, limit=100, rank_window=0)
    windowed = search(db, "noted", ["resolutions"], ranked=True, limit=100, rank_window=5)
    newest_five = {h.id for h in search(db, "noted", ["resolutions"], limit=5)}
    assert windowed.windowed and not exact.windowed
    assert {h.id for h in windowed} <= newest_five and len(exact) > len(windowed)


@pytest.mark.parametrize("query", ['"unclosed', "AND", "a NOT", "(", "NEAR(a b"])
def test_a_malformed_query_is_one_line_not_a_traceback(db, query, store_dir, capsys):
    with pytest.raises(SearchError):
        search(db, query)
    assert main(["search", query, "--out", str(store_dir)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("minutebook: search: cannot read the query")


def test_bad_dates_and_missing_store(store_dir, tmp_path, capsys):
    assert main(["search", "noted", "--since", "last year", "--out", str(store_dir)]) == 2
    assert main(["search", "noted", "--out", str(tmp_path)]) == 1
    assert "run `minutebook ingest` first" in capsys.readouterr().err


def test_export_jsonl_and_csv(store_dir, capsysbinary):
    assert main(["export", "--table", "resolutions", "--out", str(store_dir)]) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    rows = [json.loads(line) for line in lines]
    assert len(rows) == 14 and all(Resolution.model_validate(r["record"]) for r in rows)
    assert main(["export", "--table", "interventions", "--format", "csv", "--out", str(store_dir)]) == 0
    csv_lines = capsysbinary.readouterr().out.decode().splitlines()
    assert csv_lines[0].startswith("rowid,id,item,meeting,position,speaker_id")


def test_every_stored_document_round_trips_to_the_same_records(db, store_dir):
    store = Store(store_dir / STORE_NAME)
    sources = store.sources()
    assert len(sources) == len(list(CORPUS.glob("*.txt")))
    for source in sources:
        document = store.document(source)
        assert document == process_path(Path(source), source)
        stored = [Resolution.model_validate_json(r) for (r,) in
                  db.db.execute("SELECT record FROM resolutions WHERE document_sha256 = ? ORDER BY id", (document.sha256,))]
        expected = [r for m in document.meetings for i in m.items for r in i.resolutions]
        assert sorted(stored, key=lambda r: r.span.char_start) == sorted(expected, key=lambda r: r.span.char_start)
    store.close()


# -- property: any records go into the store and come back the same -----------------------------------------

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
DATES = st.dates().map(lambda d: d.isoformat())


@st.composite
def spans(draw):
    start = draw(st.integers(0, 10_000))
    line = draw(st.integers(1, 500))
    return Span(page=draw(st.none() | st.integers(1, 300)), line_start=line, line_end=line + draw(st.integers(0, 5)),
                char_start=start, char_end=start + draw(st.integers(0, 400)), text=draw(st.none() | TEXT))


PEOPLE = st.builds(Person, id=TEXT, name=TEXT, title=st.none() | TEXT, given=st.none() | TEXT, initials=st.none() | TEXT,
                   surname=TEXT, span=st.none() | spans())
RESOLUTIONS = st.builds(Resolution, label=st.none() | TEXT, text=TEXT, preamble=st.none() | TEXT, span=spans())
INTERVENTIONS = st.builds(Intervention, index=st.integers(0, 50), speaker=st.none() | PEOPLE, role_title=st.none() | TEXT,
                          speaker_as_printed=st.none() | TEXT, speaker_resolved=st.booleans(), speaker_is_member=st.booleans(),
                          kind=st.sampled_from(["question", "comment", "request", "response", "presentation"]), text=TEXT,
                          responds_to=st.none() | st.integers(0, 50), span=spans())
ACTIONS = st.builds(Action, by=st.none() | PEOPLE, by_role=st.none() | TEXT, what=TEXT, to_whom=st.none() | TEXT,
                    intervention=st.none() | st.integers(0, 9), text=TEXT, span=spans())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(resolutions=st.lists(RESOLUTIONS, max_size=5), interventions=st.lists(INTERVENTIONS, max_size=5),
       actions=st.lists(ACTIONS, max_size=3), date=st.none() | DATES, body=st.none() | TEXT, sha=st.text("0123456789abcdef", min_size=64, max_size=64))
def test_records_round_trip_through_the_store(tmp_path, resolutions, interventions, actions, date, body, sha):
    interventions = [i.model_copy(update={"index": n}) for n, i in enumerate(interventions)]
    item = MinutesItem(number="1", title="Item", text="text", resolutions=resolutions, interventions=interventions,
                       actions=actions, span=Span(line_start=1, line_end=1, char_start=0, char_end=4))
    meeting = Meeting(id="m", role="minutes", body=body, date=date, items=[item],
                      span=Span(line_start=1, line_end=1, char_start=0, char_end=4))
    document = Document(source="doc.txt", sha256=sha, kind="minutes", meetings=[meeting])
    store = Store(tmp_path / f"{sha[:8]}.sqlite")
    try:
        store.put(document)
        store.put(document)  # storing again replaces, never duplicates
        back = {}
        for table, model in (("resolutions", Resolution), ("interventions", Intervention), ("actions", Action)):
            back[table] = [model.model_validate_json(r) for (r,) in store.db.execute(f"SELECT record FROM {table}")]
        assert sorted(back["resolutions"], key=lambda r: r.model_dump_json()) == sorted(resolutions, key=lambda r: r.model_dump_json())
        assert sorted(back["interventions"], key=lambda r: r.index) == interventions
        assert sorted(back["actions"], key=lambda r: r.model_dump_json()) == sorted(actions, key=lambda r: r.model_dump_json())
    finally:
        store.close()


def test_rowids_order_by_date():
    assert rowid_for("a", "2024-02-26") > rowid_for("z", "2023-12-31") > rowid_for("b", None)


# -- incremental ingest -----------------------------------------------------------------------------------------

def test_an_unchanged_corpus_is_not_read_again_and_an_edited_file_alone_is(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    first = run_ingest([corpus], out)
    report_before = (out / "ingest-report.json").read_bytes()
    second = run_ingest([corpus], out)
    assert (first.changed, second.changed, second.unchanged) == (5, 0, 5)
    assert (out / "ingest-report.json").read_bytes() == report_before
    edited = next(corpus.glob("*2017-10-31*"))
    edited.write_text(edited.read_text(encoding="utf-8").replace("Media Relations", "Media and Communications"), encoding="utf-8")
    third = run_ingest([corpus], out)
    assert (third.changed, third.unchanged) == (1, 4)
    db = sqlite3.connect(out / STORE_NAME)
    titles = [r[0] for r in db.execute("SELECT title FROM agenda_items WHERE title LIKE 'Media%'")]
    assert titles == ["Media and Communications"]  # old rows replaced, not kept beside the new
    edited.unlink()
    fourth = run_ingest([corpus], out, prune_missing=True)
    assert fourth.pruned == [str(edited)]
    assert db.execute("SELECT count(*) FROM documents WHERE source = ?", (str(edited),)).fetchone() == (0,)
    assert db.execute("SELECT count(*) FROM agenda_items WHERE source = ?", (str(edited),)).fetchone() == (0,)
    db.close()


def test_a_run_killed_part_way_leaves_the_store_consistent_and_the_next_run_completes_it(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    copies = 16  # distinct bytes, so each copy is its own document; several seconds' work, several commits
    for copy in range(copies):
        for seed in sorted(CORPUS.glob("*.txt")):
            (corpus / f"{copy:02d}-{seed.name}").write_text(seed.read_text(encoding="utf-8") + f"\n{copy}\n", encoding="utf-8")
    out = tmp_path / "out"
    process = subprocess.Popen([sys.executable, "-m", "extract", "ingest", str(corpus), "--out", str(out), "--quiet"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / "ingest-manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None and not (manifest.is_file() and manifest.read_text()):
        time.sleep(0.02)  # a paper's line is written once its transaction has committed
    process.send_signal(signal.SIGKILL)
    process.wait()
    told = {line["source"] for line in map(json.loads, manifest.read_text().splitlines()) if line["status"] == "ok"}
    db = sqlite3.connect(out / STORE_NAME)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    stored = dict(db.execute("SELECT source, output FROM documents").fetchall())
    assert 0 < len(stored) < 5 * copies, "the run must be killed part-way"
    assert told <= set(stored)  # no paper is said to be stored that the kill took back
    written = {path.name for path in out.glob("*.json")}
    for source, output in stored.items():
        document = Document.model_validate_json((out / output).read_text(encoding="utf-8"))
        expected = sum(len(i.resolutions) for m in document.meetings for i in m.items)
        assert db.execute("SELECT count(*) FROM resolutions WHERE source = ?", (source,)).fetchone()[0] == expected
    db.close()
    result = run_ingest([corpus], out)
    # a paper whose JSON was written but whose transaction the kill took back is read again
    assert written - set(stored.values()) <= {Path(o.output).name for o in result.outcomes if o.source not in stored}
    assert result.report.totals["ok"] == 5 * copies
    assert (result.unchanged, result.changed) == (len(stored), 5 * copies - len(stored))
    db = sqlite3.connect(out / STORE_NAME)
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (5 * copies,)
    assert db.execute("SELECT count(*) FROM resolutions").fetchone() == (copies * 14,)
    db.close()


class _CommitFailing:
    """A connection whose `fail_at`-th COMMIT fails as a full disk would, the rest as SQLite's."""

    def __init__(self, db: sqlite3.Connection, fail_at: int):
        self._db, self._commits, self._fail_at = db, 0, fail_at

    def __getattr__(self, name):
        return getattr(self._db, name)

    def execute(self, sql, *args):
        if sql == "COMMIT":
            self._commits += 1
            if self._commits == self._fail_at:
                raise sqlite3.OperationalError("database or disk is full")
        return self._db.execute(sql, *args)


def test_a_failed_commit_fails_its_papers_alone_with_the_store_named_and_the_batch_goes_on(tmp_path, monkeypatch):
    import extract.storing.store as store_module

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    out = tmp_path / "out"
    monkeypatch.setattr(store_module, "TOGETHER_ROWS", 1)  # a transaction a paper, so the failed one is known
    connect = sqlite3.connect  # commits: the Store's set-up, then one a paper; the second paper's fails
    monkeypatch.setattr(store_module.sqlite3, "connect", lambda *a, **k: _CommitFailing(connect(*a, **k), fail_at=3))
    result = run_ingest([corpus], out)
    monkeypatch.undo()
    papers = sorted(str(path.resolve()) for path in corpus.glob("*.txt"))
    failed = {o.source: o for o in result.outcomes if o.status == "failed"}
    assert list(failed) == [papers[1]] and result.changed == 4
    output = failed[papers[1]].output
    assert failed[papers[1]].reasons == [f"written to {output} but not stored in {STORE_NAME}: database or disk is full"]
    line = [json.loads(raw) for raw in (out / "ingest-manifest.jsonl").read_text().splitlines()
            if json.loads(raw)["source"] == papers[1]]
    assert [(entry["status"], entry["reasons"]) for entry in line] == [("failed", failed[papers[1]].reasons)]
    store = Store(out / STORE_NAME)
    assert store.stored(papers[1]) is None and {source for source, _ in store.all_stored()} == set(papers) - {papers[1]}
    store.close()
    assert (out / output).is_file()  # its JSON was written: the next run reads the paper again all the same
    again = run_ingest([corpus], out)
    assert (again.changed, again.unchanged, again.totals["failed"]) == (1, 4, 0)


def test_an_ingest_stores_its_papers_together_and_a_failed_commit_fails_them_all(tmp_path, monkeypatch):
    import extract.batch.ingest as ingest_module
    import extract.storing.store as store_module

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    monkeypatch.setattr(ingest_module, "COMMIT_SECONDS", 3600.0)  # one transaction for the five papers
    connect, connections = sqlite3.connect, []

    def counted(*args, **kwargs):
        connections.append(_CommitFailing(connect(*args, **kwargs), fail_at=0))
        return connections[-1]

    monkeypatch.setattr(store_module.sqlite3, "connect", counted)
    stored = run_ingest([corpus], tmp_path / "out")
    assert stored.changed == 5 and connections[0]._commits == 3  # set-up, the five papers, people.json
    connections.clear()
    monkeypatch.setattr(store_module.sqlite3, "connect", lambda *a, **k: _CommitFailing(connect(*a, **k), fail_at=2))
    failed = run_ingest([corpus], tmp_path / "failed")
    assert failed.changed == 0 and [o.status for o in failed.outcomes] == ["failed"] * 5
    assert all(o.reasons == [f"written to {o.output} but not stored in {STORE_NAME}: database or disk is full"]
               for o in failed.outcomes)


# -- Datasette ---------------------------------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_datasette_serves_full_text_search_of_resolutions(store_dir):
    pytest.importorskip("datasette")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", str(store_dir / STORE_NAME), "--host", "127.0.0.1",
                               "--port", str(port), "--metadata", str(ROOT / "schemas" / "datasette-metadata.json")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/minutebook/resolutions.json?_search=Carol&_shape=array"
        deadline, body = time.monotonic() + 30, None
        while time.monotonic() < deadline and body is None:
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    body = json.loads(response.read())
            except OSError:
                time.sleep(0.2)
        assert body is not None, "datasette did not answer on loopback within 30 s"
        assert [(row["date"], row["item_number"]) for row in body] == [("2024-02-26", "6")]
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.poll() is None:
            os.kill(server.pid, signal.SIGKILL)


def test_the_same_bytes_under_two_names_are_two_documents(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    seed = next(CORPUS.glob("*2017-10-31*"))
    for name in ("first.txt", "copy.txt"):
        shutil.copy(seed, papers / name)
    result = run_ingest([papers], tmp_path / "out")
    assert result.report.totals["ok"] == 2
    db = sqlite3.connect(tmp_path / "out" / STORE_NAME)
    assert db.execute("SELECT count(DISTINCT source) FROM resolutions").fetchone() == (2,)
    db.close()


def test_a_store_of_another_version_is_emptied_and_every_document_read_again(tmp_path):
    """A store made before its tables changed shape would lack rows the run relies on (people
    are built from its sightings); it is an index of the JSON, so it is rebuilt, not trusted."""
    out = tmp_path / "out"
    first = run_ingest([CORPUS], out)
    people = (out / "people.json").read_bytes()
    db = sqlite3.connect(out / STORE_NAME)
    db.execute("DELETE FROM sightings")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    again = run_ingest([CORPUS], out)
    assert (first.changed, again.changed, again.unchanged) == (5, 5, 0)
    assert (out / "people.json").read_bytes() == people
