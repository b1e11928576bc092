"""How the store performs at scale: `python -m tests.bench_store [--rows N] [--against CHECKOUT]`.

A synthetic store of N resolutions (default 1,000,000), its ingest rate (the store's work only:
making the synthetic rows is not timed), and the latency of representative searches, newest first
and ranked. The resolutions come in papers, as an ingest stores them: each paper one meeting's
(one date, one body), stored together as `minutebook ingest` stores them (Store.together, a
transaction committed whenever Store.is_full; a checkout whose together commits by itself is left
to); with --one-by-one, a paper a transaction (as ingest stored them before). With --against, another checkout of minutebook (say main's) is measured in the same
run, alternately with this one (--rounds times each), each in a process of its own, and the
figures are printed side by side with whether both found the same results in the same order.

Resolutions are made from templates with the genre's phrasing and topics, their papers spread
over fifteen years and twelve bodies, so common words ("noted", "report") match most rows as they do in life.
"""

from __future__ import annotations

import argparse
import calendar
import contextlib
import hashlib
import itertools
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

from extract.querying.search import search
from extract.storing.rows import StoredDocument
from extract.storing.store import Store

ROOT = Path(__file__).resolve().parent.parent

BODIES = ["Cabinet", "County Council", "Planning Committee", "Licensing Committee", "Audit Committee",
          "Health and Wellbeing Board", "Safer Communities Scrutiny Committee", "Children's Scrutiny Committee",
          "Economy and Enterprise Scrutiny Committee", "Environment Scrutiny Committee", "Pension Fund Committee",
          "Corporate Scrutiny Management Board"]
TOPICS = ["road safety", "housing allocations", "budget monitoring", "anti-social behaviour", "climate emergency",
          "school transport", "adult social care", "selective licensing", "waste collection", "library services",
          "domestic abuse", "youth justice", "flood risk", "bus services", "council tax", "treasury management",
          "local plan", "air quality", "public health", "digital inclusion", "taxi licensing", "fly-tipping",
          "homelessness", "mental health", "special educational needs", "highways maintenance", "leisure centres",
          "town centre regeneration", "carbon reduction", "fraud prevention"]
TEMPLATES = ["That the report be noted.", "That the {topic} update be noted.", "That the {topic} strategy be approved.",
             "That the comments of the Committee on {topic} be forwarded to Cabinet.",
             "That a further report on {topic} be brought to the Committee in {month} {year}.",
             "That the Corporate Director be authorised to consult on {topic}.",
             "That the recommendations of the {topic} review be endorsed.",
             "That the {topic} action plan be agreed, subject to the amendments set out in the report.",
             "That the Committee receive an update on {topic} in six months.",
             "That the minutes of the meeting held on {day} {month} {year} be confirmed as a correct record."]
MONTHS = list(calendar.month_name)[1:]
NEWEST_QUERIES = ['"road safety"', "noted", "homelessness", '"council tax"', "flood*", "taxi AND licensing",
                  "housing NOT allocations", '"special educational needs"', "approved", "Cabinet",
                  "fly-tipping", '"air quality" OR "carbon reduction"', "consult*", "endorsed", "minutes",
                  '"youth justice"', "regeneration", "leisure", "fraud", '"mental health"']
RANKED_QUERIES = NEWEST_QUERIES


@dataclass
class StoreBench:
    rows: int
    insert_seconds: float
    newest: list[float]
    ranked: list[float]
    filtered: list[float]
    size_mb: float
    exact: list[float]
    results: str = ""  # a digest of every search's hits, in order: old and new must agree

    def render(self) -> str:
        def line(name, times):
            ms = sorted(t * 1000 for t in times)
            p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
            return f"{name}: p50 {statistics.median(ms):.2f} ms, p95 {p95:.2f} ms, max {ms[-1]:.2f} ms ({len(ms)} queries)"
        return "\n".join([
            f"store: {self.rows:,} resolutions, {self.size_mb:.0f} MB on disk",
            f"ingest into the store: {self.rows / self.insert_seconds:,.0f} rows/s ({self.insert_seconds:.1f} s, full-text index included)",
            line("newest first (default)", self.newest),
            line("newest first with --since/--body filters", self.filtered),
            line("ranked (bm25 over the newest 20,000 matches, the default)", self.ranked),
            line("ranked (bm25 over every match, --rank-window 0)", self.exact),
        ])


def synthetic_papers(rows: int, seed: int = 7):
    """Papers of minutes as an ingest stores them: each one meeting's resolutions (5 to 60), of one
    date and body, `rows` resolutions in all."""
    rng = random.Random(seed)
    made = 0
    for paper in itertools.count():
        if made >= rows:
            return
        count = min(rng.randint(5, 60), rows - made)
        made += count
        yield _paper(rng, paper, count)


def _paper(rng: random.Random, paper: int, count: int) -> StoredDocument:
    """One paper's resolutions, ids made as rows.document_rows makes them (a hash of the bytes and
    the source, then the meeting, item and resolution)."""
    year = rng.randint(2010, 2025)
    date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body = rng.choice(BODIES)
    source = f"synthetic/{paper}.txt"
    sha256 = hashlib.sha256(source.encode()).hexdigest()
    key = f"{sha256[:12]}-{zlib.crc32(source.encode()):08x}/m0"
    rows = []
    for n in range(count):
        text = rng.choice(TEMPLATES).format(topic=rng.choice(TOPICS), month=rng.choice(MONTHS), year=year + 1,
                                            day=rng.randint(1, 28))
        item = f"{key}/i{n // 3}"
        rows.append(("resolutions", {
            "id": f"{item}/r{n % 3}", "item": item, "meeting": key, "label": None, "text": text, "preamble": None,
            "item_number": str(n // 3 + 1), "item_title": rng.choice(TOPICS).title(), "body": body, "date": date,
            "people": "", "document_sha256": sha256, "source": source, "page": None, "line_start": n + 1,
            "line_end": n + 1, "char_start": 0, "char_end": len(text), "record": "{}",
        }))
    return StoredDocument(source, sha256, "minutes", "ok", [], [], {"resolutions": count}, "", rows, [])


def _timed(db, queries, found: list, repeat=3, **options) -> list[float]:
    """Median seconds of each query (of `repeat` runs); the hits of each appended to found."""
    times = []
    for query in queries:
        best = []
        for _ in range(repeat):
            started = time.perf_counter()
            hits = search(db, query, ["resolutions"], limit=20, **options)
            best.append(time.perf_counter() - started)
        found.append([hit.as_dict() for hit in hits])
        times.append(statistics.median(best))
    return times


def _together(store: Store, together: bool):
    """The store's block of papers stored together where asked for and the checkout has one;
    else a paper a transaction."""
    return store.together() if together and hasattr(store, "together") else contextlib.nullcontext()


def _commit_when_full(store: Store) -> None:
    """Commit the papers stored together once the store says its transaction is full, as ingest
    does (a checkout without is_full commits by itself, or stores a paper a transaction)."""
    if hasattr(store, "is_full") and store.is_full():
        store.commit()


def run_store_bench(rows: int, together: bool = True) -> StoreBench:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        store = Store(path)
        insert_seconds = 0.0
        with _together(store, together):
            for paper in synthetic_papers(rows):
                started = time.perf_counter()
                store.put_rows(paper, output=f"{paper.sha256[:12]}.json")
                _commit_when_full(store)
                insert_seconds += time.perf_counter() - started
            started = time.perf_counter()  # leaving the block commits the last papers
        insert_seconds += time.perf_counter() - started
        db = store  # queried as ingest leaves it: `minutebook ingest` does not optimize the full-text index
        found: list = []
        newest = _timed(db, NEWEST_QUERIES, found)
        filtered = _timed(db, NEWEST_QUERIES, found, since="2020-01-01", body="Scrutiny")
        ranked = _timed(db, RANKED_QUERIES, found, ranked=True)
        exact = _timed(db, RANKED_QUERIES, found, repeat=1, ranked=True, rank_window=0)
        store.close()
        size = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
    digest = hashlib.sha256(json.dumps(found, sort_keys=True).encode()).hexdigest()[:16]
    return StoreBench(rows, insert_seconds, newest, ranked, filtered, size, exact, digest)


def _in_process_of(checkout: Path, rows: int, together: bool) -> StoreBench:
    """run_store_bench in a process of its own, on the minutebook code of checkout."""
    environment = os.environ | {"PYTHONPATH": str(checkout)}
    flags = [] if together else ["--one-by-one"]
    result = subprocess.run([sys.executable, __file__, "--rows", str(rows), "--json", *flags], cwd=checkout, env=environment,
                            check=True, capture_output=True, text=True)
    return StoreBench(**json.loads(result.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--against", type=Path, metavar="CHECKOUT", help="another checkout to measure alternately")
    parser.add_argument("--rounds", type=int, default=1, help="with --against: runs of each (default: 1)")
    parser.add_argument("--one-by-one", dest="together", action="store_false",
                        help="a paper a transaction, not stored together as ingest stores them (Store.together)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one run's figures, for --against
    args = parser.parse_args()
    if args.json:
        print(json.dumps(run_store_bench(args.rows, args.together).__dict__))
        return
    if not args.against:
        print(run_store_bench(args.rows, args.together).render())
        return
    for round_ in range(1, args.rounds + 1):
        for name, checkout in (("against", args.against.resolve()), ("this", ROOT)):
            bench = _in_process_of(checkout, args.rows, args.together)
            print(f"-- round {round_}, {name} ({checkout}), results {bench.results}", flush=True)
            print(bench.render(), flush=True)


if __name__ == "__main__":
    main()
