"""Workers that die mid-document, for testing that a run survives them on either engine.

Module-level functions, so they pickle by reference into forked workers and Dask workers alike;
which document is fatal, and the marker that makes a death happen only once, come through the
environment, which every worker inherits.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from extract.batch.ingest import parse_file

FATAL = "MINUTEBOOK_TEST_FATAL"  # a substring of the source that kills its worker
ONCE = "MINUTEBOOK_TEST_ONCE"  # a marker file: its absence means the next fatal parse is the first


def dies_once(source: str):
    """Kill the worker the first time the fatal document is parsed anywhere; parse it after that."""
    marker = Path(os.environ[ONCE])
    if os.environ[FATAL] in source and not marker.exists():
        marker.touch()
        os._exit(9)  # as if killed mid-document (out of memory, say)
    return parse_file(source)


def always_dies(source: str):
    """A document that kills every worker that parses it."""
    if os.environ[FATAL] in source:
        os._exit(9)
    return parse_file(source)


SLEEP = "MINUTEBOOK_TEST_SLEEP"  # seconds the fatal document sleeps (default 60)


def sleeps(source: str):
    """A document whose parse takes a long time (in Python, where an alarm can stop it)."""
    if os.environ[FATAL] in source:
        time.sleep(float(os.environ.get(SLEEP, "60")))
    return parse_file(source)


def spins_in_c(source: str):
    """A document whose parse is stuck inside C code, where no Python signal handler runs."""
    if os.environ[FATAL] in source:
        sum(range(10**13))  # one C call: minutes of work that never returns to the interpreter
    return parse_file(source)
