"""Where documents are parsed: this machine's process pool, or a Dask cluster.

Parsing is one document at a time and pure, so an engine only has to send sources out and bring
results back in their order; the caller stays the one writer of JSON, store and manifest. Both
engines survive a worker that dies mid-document: the document is tried again a bounded number of
times, then comes back as a failure with its reason, and the run goes on.
"""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

ENGINES = ("local", "dask")
AHEAD = 4  # batches queued per worker in front of the writer
ATTEMPTS = 3  # tries per document before a worker death is the document's failure
DASK_MISSING = ("--engine dask needs Dask's distributed scheduler, an optional extra: "
                "pip install 'minutebook[dask]'")


@dataclass(frozen=True, slots=True)
class Parsed:
    """One document's result (a StoredDocument, or the reason it failed) and how it was made."""

    source: str
    result: object
    seconds: float
    worker: str
    attempts: int = 1


def worker_name() -> str:
    """The Dask worker's address inside a Dask task, else host:pid.

    Looks for distributed only where it is already imported (every Dask worker), so a local
    worker pays no import, nor a failed one per document where the extra is not installed.
    """
    distributed = sys.modules.get("distributed")
    if distributed is not None:
        try:
            return distributed.get_worker().address
        except ValueError:  # imported, but not running in a Dask task
            pass
    return f"{socket.gethostname()}:{os.getpid()}"


def timed(parse: Callable[[str], object], source: str) -> Parsed:
    started = time.perf_counter()
    result = parse(source)
    return Parsed(source, result, round(time.perf_counter() - started, 4), worker_name())


def timed_batch(parse: Callable[[str], object], sources: list[str]) -> list[Parsed]:
    return [timed(parse, source) for source in sources]


def died(source: str, attempts: int, why: str) -> Parsed:
    return Parsed(source, f"the worker parsing it died {attempts} times ({why}); not retried further",
                  0.0, "", attempts)


def quit_on_interrupt() -> None:
    """In a worker: Ctrl-C (sent to the whole process group) ends it at once and silently; the
    parent says "interrupted" once, where an idle worker would print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def parse_local(parse: Callable[[str], object], sources: list[str], jobs: int) -> Iterator[Parsed]:
    """parse over sources in order, in `jobs` forked processes (1: in this process).

    Batches go out at most AHEAD per worker in front of the writer, so results never pile up in
    memory when workers outrun it. A dead worker breaks a ProcessPoolExecutor for good: the
    batches that were running when it broke (the oldest unfinished, at most one per worker) are
    tried a document at a time, each in a pool of its own with bounded tries, so the one that
    killed it fails alone; a fresh pool takes the rest at full speed.
    """
    if jobs <= 1 or len(sources) <= 1:
        yield from (timed(parse, source) for source in sources)
        return
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    from extract.nlp import pipeline

    pipeline()  # built once here, inherited by every forked worker instead of built in each
    context = get_context("fork")
    size = _chunk(len(sources), jobs)
    batches = deque(sources[i:i + size] for i in range(0, len(sources), size))
    while batches:
        pending: deque = deque()
        try:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=quit_on_interrupt) as pool:
                while batches or pending:
                    while batches and len(pending) < jobs * AHEAD:
                        future = pool.submit(timed_batch, parse, batches[0])  # raises if broken: keep the batch
                        pending.append((batches.popleft(), future))
                    yield from pending[0][1].result()
                    pending.popleft()
            return
        except BrokenProcessPool:
            unfinished = [batch for batch, _ in pending]
            for batch in unfinished[:jobs]:
                for source in batch:
                    yield _alone(parse, source, context)
            batches.extendleft(reversed(unfinished[jobs:]))


def _alone(parse: Callable[[str], object], source: str, context) -> Parsed:
    """One document in a pool of its own, tried up to ATTEMPTS times if its worker dies."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    for attempt in range(1, ATTEMPTS + 1):
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=context, initializer=quit_on_interrupt) as pool:
                parsed = pool.submit(timed, parse, source).result()
            return Parsed(parsed.source, parsed.result, parsed.seconds, parsed.worker, attempt)
        except BrokenProcessPool as error:
            reason = str(error) or type(error).__name__
    return died(source, ATTEMPTS, reason)


def _chunk(count: int, workers: int) -> int:
    """Batches small enough to keep every worker busy to the end, big enough to cost little to send."""
    return max(1, min(64, count // (workers * 8)))


def parse_dask(parse: Callable[[str], object], sources: list[str], jobs: int,
               scheduler: str | None = None) -> Iterator[Parsed]:
    """parse over sources in order on a Dask cluster: `scheduler`'s, or a LocalCluster of `jobs`
    single-threaded process workers.

    Batches go out a few per worker ahead of the results (memory stays flat at any corpus size).
    A batch whose worker dies is retried by Dask; if it still fails, its documents go one by one,
    so one poisonous document fails alone.
    """
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise RuntimeError(DASK_MISSING) from error
    with dask.config.set({"distributed.scheduler.allowed-failures": ATTEMPTS - 1}):
        cluster = None if scheduler else LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0")
        try:
            with Client(scheduler or cluster) as client:
                workers = max(1, len(client.scheduler_info()["workers"]) or jobs)
                size = _chunk(len(sources), workers)
                batches = [sources[i:i + size] for i in range(0, len(sources), size)]
                pending: deque = deque()
                ahead = workers * AHEAD
                for batch in batches:
                    pending.append((batch, client.submit(timed_batch, parse, batch, pure=False)))
                    if len(pending) >= ahead:
                        yield from _collect(client, parse, *pending.popleft())
                while pending:
                    yield from _collect(client, parse, *pending.popleft())
        finally:
            if cluster is not None:
                cluster.close()


def _collect(client, parse: Callable[[str], object], batch: list[str], future) -> Iterator[Parsed]:
    try:
        yield from future.result()
        return
    except Exception as error:  # KilledWorker, or a worker lost: now each document on its own
        why = type(error).__name__
    for source in batch:
        try:
            parsed = client.submit(timed, parse, source, pure=False).result()
            yield Parsed(parsed.source, parsed.result, parsed.seconds, parsed.worker, ATTEMPTS)
        except Exception as error:
            yield died(source, ATTEMPTS, f"{why}, then {type(error).__name__}")
