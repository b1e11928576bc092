"""A worker that dies mid-document, for testing that a run survives it (fork inherits PARENT)."""

from __future__ import annotations

import os

from extract.ingest import parse_file

PARENT = os.getpid()
DIES_ON = "2017-10-31"


def dies_in_a_worker(source: str):
    if os.getpid() != PARENT and DIES_ON in source:
        os._exit(9)  # as if killed mid-document
    return parse_file(source)
