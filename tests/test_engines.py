"""Engines: local and Dask give the same bytes; dead workers and killed runs lose nothing."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from extract.batch.ingest import run_ingest
from extract.storing.manifest import MANIFEST_NAME, read_manifest
from tests import worker_faults
from tests.helpers import CORPUS, DOCUMENTS, ROOT, store_rows

FATAL_DOCUMENT = "2017-10-31"  # a seed agenda pack, in the middle of the corpus's order


def _outputs(out):
    """Every output file but the manifest (a log of timings and workers), as bytes."""
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.json"))}


@pytest.fixture(scope="module")
def local_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("local")
    result = run_ingest([CORPUS, DOCUMENTS], out, jobs=2, engine="local")
    assert result.report.totals["failed"] == 0
    return out


def test_dask_gives_byte_identical_outputs_to_local(local_run, tmp_path):
    result = run_ingest([CORPUS, DOCUMENTS], tmp_path, jobs=2, engine="dask")
    assert result.changed == len(_outputs(local_run)) - 2  # every document but the report and people
    assert _outputs(tmp_path) == _outputs(local_run)
    assert store_rows(tmp_path) == store_rows(local_run)
    workers = {line["worker"] for line in read_manifest(tmp_path / MANIFEST_NAME).values()}
    assert all(worker.startswith("tcp://") for worker in workers) and len(workers) == 2


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_worker_killed_mid_document_is_retried_and_nothing_is_lost(engine, local_run, tmp_path, monkeypatch):
    monkeypatch.setenv(worker_faults.FATAL, FATAL_DOCUMENT)
    monkeypatch.setenv(worker_faults.ONCE, str(tmp_path / "died"))
    out = tmp_path / "out"
    result = run_ingest([CORPUS, DOCUMENTS], out, jobs=2, engine=engine, parse=worker_faults.dies_once)
    assert (tmp_path / "died").exists()  # a worker really died
    assert result.report.totals["failed"] == 0
    assert _outputs(out) == _outputs(local_run)


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_document_that_always_kills_its_worker_fails_alone_after_bounded_tries(engine, tmp_path, monkeypatch):
    monkeypatch.setenv(worker_faults.FATAL, FATAL_DOCUMENT)
    result = run_ingest([CORPUS], tmp_path, jobs=2, engine=engine, parse=worker_faults.always_dies)
    failed = [o for o in result.report.documents if o.status == "failed"]
    assert [FATAL_DOCUMENT in o.source for o in failed] == [True]
    assert "died 3 times" in failed[0].reasons[0]
    assert result.report.totals["ok"] == len(result.report.documents) - 1
    line = read_manifest(tmp_path / MANIFEST_NAME)[failed[0].source]
    assert line["status"] == "failed" and line["attempts"] == 3


KILLED_RUN = """
import sys
from pathlib import Path
import extract.batch.ingest as ingest
from extract.batch.ingest import run_ingest
from tests.worker_faults import dies_once
ingest.COMMIT_SECONDS = 0  # each paper committed as it comes: those before the fatal one are finished
run_ingest([Path(p) for p in sys.argv[2:]], Path(sys.argv[1]), jobs=1, parse=dies_once)
"""


def test_a_killed_run_is_finished_by_the_next_without_redoing_finished_documents(local_run, tmp_path):
    out = tmp_path / "out"
    env = {"PYTHONPATH": str(ROOT), worker_faults.FATAL: FATAL_DOCUMENT, worker_faults.ONCE: str(tmp_path / "died"),
           "PATH": "/usr/bin:/bin"}
    command = [sys.executable, "-c", KILLED_RUN, str(out), str(CORPUS), str(DOCUMENTS)]
    first = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 9, first.stderr  # killed mid-document, with --jobs 1: the run itself died
    finished = {json.loads(line)["source"] for line in (out / MANIFEST_NAME).read_text().splitlines()}
    assert finished and not any(FATAL_DOCUMENT in source for source in finished)
    assert not (out / "ingest-report.json").exists()

    second = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stderr
    manifest = read_manifest(out / MANIFEST_NAME)
    runs = {line["run"] for line in manifest.values()}
    assert len(runs) == 2
    redone = {source for source, line in manifest.items() if line["run"] == max(runs)}
    assert redone.isdisjoint(finished) and redone | finished == set(manifest)
    assert len(manifest) == len(_outputs(local_run)) - 2
    assert _outputs(out) == _outputs(local_run)


def test_batches_keep_the_papers_in_order_and_shrink_to_single_papers_at_the_end():
    """Ninety-six papers over two workers (bench_pdf's --jobs figure): batches of several at first,
    cheap to send, and of one paper each at the end, so neither worker is left running several
    while the other idles; a long run's batches are capped at 64."""
    from extract.batch.engines import batched

    papers = [str(path) for path in sorted(CORPUS.glob("*.txt"))] * 20
    batches = batched(papers, 2)
    assert [paper for batch in batches for paper in batch] == papers
    sizes = [len(batch) for batch in batches]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] > 1
    assert sizes[-4:] == [1, 1, 1, 1]
    assert max(len(batch) for batch in batched(papers * 100, 2)) == 64


def test_the_heavier_half_of_the_last_papers_goes_out_first_and_the_rest_keep_their_order():
    """The papers batched sends one by one at the end: a big one among them, sent in its turn,
    would run alone while the other worker idles; sent first of them it runs beside the small."""
    from extract.batch.engines import batched, tail_first
    from extract.batch.ingest import file_size

    papers = [str(path) for path in sorted(CORPUS.glob("*.txt"))] * 20
    order = tail_first(papers, 2, file_size)
    tail = sum(1 for batch in batched(papers, 2) if len(batch) == 1)
    start = len(papers) - tail
    assert sorted(order) == list(range(len(papers)))
    assert order[:start] == list(range(start))
    heavy, rest = order[start:start + tail // 2], order[start + tail // 2:]
    assert [file_size(papers[i]) for i in heavy] == sorted((file_size(papers[i]) for i in heavy), reverse=True)
    assert min(file_size(papers[i]) for i in heavy) >= max(file_size(papers[i]) for i in rest)
    assert rest == sorted(rest)


def test_results_sent_out_of_order_come_back_in_the_papers_order():
    """parse_local with a weight sends the last papers heaviest first; the writer still gets
    every result in the papers' order, the same in every run."""
    from extract.batch.engines import parse_local, tail_first

    papers = ["x" * size for size in (3, 9, 1, 7, 2, 8, 5, 4, 6, 10)]
    assert tail_first(papers, 2, len) != list(range(len(papers)))  # sent out of order
    results = list(parse_local(len, papers, 2, timeout=30, weight=len))
    assert [parsed.source for parsed in results] == papers
    assert [parsed.result for parsed in results] == [len(paper) for paper in papers]


def test_results_held_for_their_turn_are_given_as_soon_as_those_before_them_are():
    """A result is held only until the ones before it have come: the writer is never kept
    waiting for a result that has no bearing on its turn."""
    from extract.batch.engines import Parsed, in_given_order

    order = [2, 0, 1, 4, 3]
    pulled = []

    def results():
        for index in order:
            pulled.append(index)
            yield Parsed(str(index), index, 0.0, "")

    given = [(parsed.result, len(pulled)) for parsed in in_given_order(order, results())]
    assert given == [(0, 2), (1, 3), (2, 3), (3, 5), (4, 5)]


def test_the_workers_are_kept_in_work_by_papers_not_only_by_batches():
    """Four batches a worker wait for the writer while batches are big; the last batches are
    single papers, four of which are less work than one commit of the writer, so then the
    papers count: another goes out until sixteen a worker wait."""
    from collections import deque

    from extract.batch.engines import has_room

    def pending(sizes):
        return deque((["paper"] * size, None) for size in sizes)

    assert not has_room(pending([6] * 8), 2)
    assert has_room(pending([6] * 7), 2)
    assert has_room(pending([1] * 8), 2)
    assert not has_room(pending([1] * 32), 2)
