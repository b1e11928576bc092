"""How the store performs at scale: a synthetic store of N resolutions, its ingest rate, and the
latency of representative searches, newest first and ranked.

Resolutions are made from templates with the genre's phrasing and topics, spread over fifteen
years and twelve bodies, so common words ("noted", "report") match most rows as they do in life.
"""

from __future__ import annotations

import calendar
import random
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from extract.querying.search import search
from extract.storing.store import Store

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

    def render(self) -> str:
        def line(name, times):
            ms = sorted(t * 1000 for t in times)
            p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
            return f"{name}: p50 {statistics.median(ms):.2f} ms, p95 {p95:.2f} ms, max {ms[-1]:.2f} ms ({len(ms)} queries)"
        return "\n".join([
            f"store: {self.rows:,} resolutions, {self.size_mb:.0f} MB on disk",
            f"ingest into the store: {self.rows / self.insert_seconds:,.0f} rows/s ({self.insert_seconds:.1f} s, FTS triggers included)",
            line("newest first (default)", self.newest),
            line("newest first with --since/--body filters", self.filtered),
            line("ranked (bm25 over the newest 20,000 matches, the default)", self.ranked),
            line("ranked (bm25 over every match, --rank-window 0)", self.exact),
        ])


def synthetic_rows(count: int, seed: int = 7):
    rng = random.Random(seed)
    for n in range(count):
        year = rng.randint(2010, 2025)
        month = rng.randint(1, 12)
        day = rng.randint(1, 28)
        date = f"{year}-{month:02d}-{day:02d}"
        text = rng.choice(TEMPLATES).format(topic=rng.choice(TOPICS), month=rng.choice(MONTHS), year=year + 1,
                                            day=rng.randint(1, 28))
        body = rng.choice(BODIES)
        yield "resolutions", {
            "id": f"synthetic/{n}", "item": f"synthetic/{n // 3}", "meeting": f"synthetic/{n // 30}", "label": None,
            "text": text, "preamble": None, "item_number": str(n % 20 + 1), "item_title": rng.choice(TOPICS).title(),
            "body": body, "date": date, "people": "", "document_sha256": "0" * 64, "source": f"synthetic/{n // 300}.txt",
            "page": None, "line_start": 1, "line_end": 1, "char_start": 0, "char_end": len(text), "record": "{}",
        }


def _timed(db, queries, repeat=3, **options) -> list[float]:
    times = []
    for query in queries:
        best = []
        for _ in range(repeat):
            started = time.perf_counter()
            search(db, query, ["resolutions"], limit=20, **options)
            best.append(time.perf_counter() - started)
        times.append(statistics.median(best))
    return times


def run_store_bench(rows: int) -> StoreBench:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite"
        store = Store(path)
        started = time.perf_counter()
        batch = []
        for row in synthetic_rows(rows):
            batch.append(row)
            if len(batch) == 20_000:
                with store.transaction():
                    store.insert_rows(batch)
                batch = []
        with store.transaction():
            store.insert_rows(batch)
        insert_seconds = time.perf_counter() - started
        store.db.execute("INSERT INTO resolutions_fts(resolutions_fts) VALUES('optimize')")
        db = store
        newest = _timed(db, NEWEST_QUERIES)
        filtered = _timed(db, NEWEST_QUERIES, since="2020-01-01", body="Scrutiny")
        ranked = _timed(db, RANKED_QUERIES, ranked=True)
        exact = _timed(db, RANKED_QUERIES, repeat=1, ranked=True, rank_window=0)
        store.close()
        size = sum(p.stat().st_size for p in Path(folder).iterdir()) / 1e6
    return StoreBench(rows, insert_seconds, newest, ranked, filtered, size, exact)
