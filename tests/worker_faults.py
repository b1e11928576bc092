"""Workers that die mid-document, for testing that a run survives them on either engine.

Module-level functions, so they pickle by reference into forked workers and Dask workers alike;
which document is fatal, and the marker that makes a death happen only once, come through the
environment, which every worker inherits.
"""

from __future__ import annotations

import os
from pathlib import Path

from extract.ingest import parse_file

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
