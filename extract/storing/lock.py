"""One writer per output folder: an OS lock on DIR/ingest.lock, held for the whole of an ingest.

The lock is the kernel's (flock), so a holder that is killed, even with kill -9, releases it by
dying: there is never a stale lock to clear by hand. The file itself stays; it holds the pid of
the last holder, to name it to whoever is kept waiting.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from extract.base.errors import MinutebookError

LOCK_NAME = "ingest.lock"
POLL_SECONDS = 0.1
_held: set[int] = set()  # descriptors of locks this process holds, closed in forked children


class OutputBusy(MinutebookError):
    """Another ingest is writing the same output folder."""

    def __init__(self, out_dir: Path, pid: str):
        super().__init__(f"{out_dir} is being written by another ingest (pid {pid or 'unknown'}); "
                         "try again when it ends")


def _close_in_child() -> None:
    """A forked worker must not keep its parent's lock alive: flock belongs to the open file, which
    a fork shares, so a worker outliving a killed parent would otherwise hold it."""
    for descriptor in _held:
        os.close(descriptor)
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)


@contextmanager
def hold_out(out_dir: Path, wait: float) -> Iterator[None]:
    """Hold out_dir's lock for the block, waiting up to `wait` seconds for another holder to end;
    OutputBusy if it does not."""
    out_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    try:
        _acquire(descriptor, out_dir, time.monotonic() + wait)
        _held.add(descriptor)
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        _held.discard(descriptor)
        os.close(descriptor)  # releases the lock


def _acquire(descriptor: int, out_dir: Path, deadline: float) -> None:
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise OutputBusy(out_dir, os.pread(descriptor, 32, 0).decode(errors="replace").strip()) from None
            time.sleep(POLL_SECONDS)
