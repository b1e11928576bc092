"""Where documents are parsed: this machine's process pool, or a Dask cluster.

Parsing is one document at a time and pure, so an engine only has to send sources out and bring
results back in their order; the caller stays the one writer of JSON, store and manifest. Both
engines survive a worker that dies mid-document: the document is tried again a bounded number of
times, then comes back as a failure with its reason, and the run goes on.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

ENGINES = ("local", "dask")
AHEAD = 4  # batches queued per worker in front of the writer
AHEAD_PAPERS = 16  # ... or papers, when those batches are small: the last ones are single papers
ATTEMPTS = 3  # tries per document before a worker death is the document's failure
GRACE = 5  # seconds of CPU past the time limit before a worker stuck in C code is killed outright
PR_SET_PDEATHSIG = 1  # linux/prctl.h
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
    return f"{os.uname().nodename}:{os.getpid()}"


class TookTooLong(BaseException):
    """Raised in a worker when a document's time is up; a BaseException so that no parser's
    `except Exception` can swallow it."""


def took_too_long(seconds: float) -> str:
    return f"took longer than {seconds:g} s"


@contextlib.contextmanager
def time_limit(seconds: float | None):
    """Stop the block after `seconds`: an alarm raises TookTooLong at the next Python step; a
    block stuck inside C code (a regex, a PDF library) is killed by the kernel once it has also
    used `seconds` + GRACE of CPU (SIGPROF's default action), which its pool sees as a death.

    Only where signals can be set (a worker's main thread); elsewhere the block runs unbounded.
    """
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise TookTooLong(took_too_long(seconds))

    previous = signal.signal(signal.SIGALRM, expire)
    signal.signal(signal.SIGPROF, signal.SIG_DFL)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    signal.setitimer(signal.ITIMER_PROF, seconds + GRACE)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def timed(parse: Callable[[str], object], source: str, timeout: float | None = None) -> Parsed:
    """parse(source), timed, within `timeout` seconds (a failure saying so when it is exceeded)."""
    started = time.perf_counter()
    try:
        with time_limit(timeout):
            result = parse(source)
    except TookTooLong as error:
        result = str(error)
    return Parsed(source, result, round(time.perf_counter() - started, 4), worker_name())


def timed_batch(parse: Callable[[str], object], sources: list[str], timeout: float | None = None) -> list[Parsed]:
    return [timed(parse, source, timeout) for source in sources]


def start_worker(parent: int) -> None:
    """Pool initializer: a worker dies with its parent and is silent on Ctrl-C."""
    quit_on_interrupt()
    die_with_parent(parent)


def quit_on_interrupt() -> None:
    """In a worker: Ctrl-C (sent to the whole process group) ends it at once and silently; the
    parent says "interrupted" once, where an idle worker would print a traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def die_with_parent(parent: int) -> None:
    """A worker ends when the ingest that started it ends, even by kill -9.

    Linux: the kernel sends SIGKILL when the parent dies (prctl PR_SET_PDEATHSIG); elsewhere a
    thread watches the parent's pid. Either way no orphan keeps its memory after the run.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        try:
            if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
                if os.getppid() != parent:  # the parent died before prctl took effect
                    os._exit(1)
                return
        except (OSError, AttributeError):
            pass
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def _pool(workers: int, context):
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=start_worker,
                               initargs=(os.getpid(),))


def died(source: str, attempts: int, why: str) -> Parsed:
    return Parsed(source, f"the worker parsing it died {attempts} times ({why}); not retried further",
                  0.0, "", attempts)


def parse_local(parse: Callable[[str], object], sources: list[str], jobs: int,
                timeout: float | None = None, weight: Callable[[str], int] | None = None) -> Iterator[Parsed]:
    """parse over sources, results in their order, in `jobs` forked processes (1 without a
    timeout: in this process), each document within `timeout` seconds.

    With a `weight` (a paper's likely cost: its size, say) and several workers, the last papers
    go out in tail_first's order, so that a big one is not left to run alone at the very end.

    Batches go out a few per worker in front of the writer (has_room), so results never pile up
    in memory when workers outrun it. A dead worker breaks a ProcessPoolExecutor for good: the
    batches that were running when it broke (the oldest unfinished, at most one per worker) are
    tried a document at a time, each in a pool of its own with bounded tries, so the one that
    killed it fails alone; a fresh pool takes the rest at full speed.
    """
    if timeout is None and (jobs <= 1 or len(sources) <= 1):
        yield from (timed(parse, source) for source in sources)
        return
    if weight is None or jobs <= 1:
        yield from _parse_pooled(parse, sources, jobs, timeout)
        return
    order = tail_first(sources, jobs, weight)
    yield from in_given_order(order, _parse_pooled(parse, [sources[i] for i in order], jobs, timeout))


def _parse_pooled(parse: Callable[[str], object], sources: list[str], jobs: int,
                  timeout: float | None = None) -> Iterator[Parsed]:
    """parse_local's pool: parse over sources in order, in `jobs` forked processes."""
    from concurrent.futures.process import BrokenProcessPool
    from multiprocessing import get_context

    from extract.parsing.nlp import matchers

    matchers()  # built once here, inherited by every forked worker instead of built in each
    context = get_context("fork")
    batches = deque(batched(sources, jobs))
    while batches:
        pending: deque = deque()
        try:
            with _pool(jobs, context) as pool:
                while batches or pending:
                    while batches and has_room(pending, jobs):
                        future = pool.submit(timed_batch, parse, batches[0], timeout)  # raises if broken: keep the batch
                        pending.append((batches.popleft(), future))
                    yield from pending[0][1].result()
                    pending.popleft()
            return
        except BrokenProcessPool:
            unfinished = [batch for batch, _ in pending]
            for batch in unfinished[:jobs]:
                for source in batch:
                    yield _alone(parse, source, context, timeout)
            batches.extendleft(reversed(unfinished[jobs:]))


def has_room(pending: deque, jobs: int) -> bool:
    """Whether another batch may go out to the workers: fewer than AHEAD batches per worker wait
    for the writer, or fewer than AHEAD_PAPERS papers. Four single papers a worker, the last
    ones, are less work than a commit of the writer takes: counted in batches alone, the workers
    would stand idle while it commits."""
    return len(pending) < jobs * AHEAD or sum(len(batch) for batch, _ in pending) < jobs * AHEAD_PAPERS


def _alone(parse: Callable[[str], object], source: str, context, timeout: float | None = None) -> Parsed:
    """One document in a pool of its own, tried up to ATTEMPTS times if its worker dies; not
    again when it died at its time limit (killed stuck in C code: it would only be stuck again)."""
    from concurrent.futures.process import BrokenProcessPool

    for attempt in range(1, ATTEMPTS + 1):
        started = time.perf_counter()
        try:
            with _pool(1, context) as pool:
                parsed = pool.submit(timed, parse, source, timeout).result()
            return Parsed(parsed.source, parsed.result, parsed.seconds, parsed.worker, attempt)
        except BrokenProcessPool as error:
            seconds = time.perf_counter() - started
            if timeout is not None and seconds >= timeout:
                return Parsed(source, took_too_long(timeout), round(seconds, 4), "", attempt)
            reason = str(error) or type(error).__name__
    return died(source, ATTEMPTS, reason)


def tail_first(sources: list[str], workers: int, weight: Callable[[str], int]) -> list[int]:
    """The order to send sources in, as their indexes: in order, but of the last papers (those
    batched sends one by one) the heavier half first, heaviest first, then the rest in order.

    At the end of a run a worker that takes a big paper late runs it alone while the others
    idle; sent first among the last ones, it runs beside the small ones. Only the heavy half
    moves: the rest keep their order, so the writer (who takes results in order) is not left
    with the whole tail to write after the last parse, and it holds at most that half waiting.
    """
    tail = sum(1 for _ in itertools.takewhile(lambda batch: len(batch) == 1, reversed(batched(sources, workers))))
    start = len(sources) - tail
    heavy = sorted(range(start, len(sources)), key=lambda index: (-weight(sources[index]), index))[:tail // 2]
    chosen = set(heavy)
    return [*range(start), *heavy, *(index for index in range(start, len(sources)) if index not in chosen)]


def in_given_order(order: list[int], results: Iterable[Parsed]) -> Iterator[Parsed]:
    """results, which come in `order` (indexes of the papers they are of), in the papers' own
    order: each is held only until the ones before it have come."""
    held: dict[int, Parsed] = {}
    wanted = 0
    for index, parsed in zip(order, results):
        held[index] = parsed
        while wanted in held:
            yield held.pop(wanted)
            wanted += 1


def batched(sources: list[str], workers: int) -> list[list[str]]:
    """sources in order, in batches big enough to cost little to send and shrinking as the work
    left does (an eighth of a worker's share of it, at most 64), down to one document: the last
    batches are single papers, so no worker runs a batch of several while the others stand idle."""
    batches, start = [], 0
    while start < len(sources):
        size = max(1, min(64, (len(sources) - start) // (workers * 8)))
        batches.append(sources[start:start + size])
        start += size
    return batches


def parse_dask(parse: Callable[[str], object], sources: list[str], jobs: int,
               scheduler: str | None = None, timeout: float | None = None) -> Iterator[Parsed]:
    """parse over sources in order on a Dask cluster: `scheduler`'s, or a LocalCluster of `jobs`
    single-threaded process workers.

    Batches go out a few per worker ahead of the results, as has_room says (memory stays flat at
    any corpus size).
    A batch whose worker dies is retried by Dask; if it still fails, its documents go one by one,
    so one poisonous document fails alone.

    A Dask task runs in a worker thread, where no alarm can be set and no thread killed: the
    time limit is kept here, by waiting at most `timeout` seconds a document; a document past
    it is failed, but its task goes on holding its worker thread until it ends.
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
                batches = batched(sources, workers)
                pending: deque = deque()
                for batch in batches:
                    pending.append((batch, client.submit(timed_batch, parse, batch, timeout, pure=False)))
                    if not has_room(pending, workers):
                        yield from _collect(client, parse, *pending.popleft(), timeout)
                while pending:
                    yield from _collect(client, parse, *pending.popleft(), timeout)
        finally:
            if cluster is not None:
                cluster.close()


def _collect(client, parse: Callable[[str], object], batch: list[str], future,
             timeout: float | None = None) -> Iterator[Parsed]:
    from distributed import TimeoutError as DaskTimeout

    wait = None if timeout is None else len(batch) * timeout + GRACE
    try:
        yield from future.result(timeout=wait)
        return
    except Exception as error:  # KilledWorker, a worker lost, or too slow: now each document on its own
        why = type(error).__name__
        future.cancel()
    for source in batch:
        started = time.perf_counter()
        try:
            parsed = client.submit(timed, parse, source, pure=False).result(timeout=timeout)
            yield Parsed(parsed.source, parsed.result, parsed.seconds, parsed.worker, ATTEMPTS)
        except (DaskTimeout, TimeoutError):
            yield Parsed(source, took_too_long(timeout), round(time.perf_counter() - started, 4), "", ATTEMPTS)
        except Exception as error:
            yield died(source, ATTEMPTS, f"{why}, then {type(error).__name__}")
