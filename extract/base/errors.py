"""Typed errors. Each names the file and the reason; the CLI turns them into one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class MinutebookError(Exception):
    """Base class: something about one input that a user can understand and act on."""


class UnreadableDocument(MinutebookError):
    """An input that cannot be read as a committee paper (empty, binary, bad encoding, ...)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(MinutebookError):
    """The store cannot be opened, read or written: its file and SQLite's reason, said plainly."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    @classmethod
    def of(cls, path: Path, error: sqlite3.Error) -> StoreError:
        primary = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF  # extended codes share the low byte
        return cls(path, _STORE_REASONS.get(primary, str(error)))


# SQLite's own words where they do not say what to do about it.
_STORE_REASONS = {
    sqlite3.SQLITE_BUSY: "database is locked: another minutebook is writing it; try again when it has finished",
    sqlite3.SQLITE_READONLY: "read-only: this command writes the store, and the file or its folder cannot be written",
    sqlite3.SQLITE_NOTADB: "not a minutebook store (file is not a database)",
    sqlite3.SQLITE_CANTOPEN: "cannot be opened (is its folder readable and writable?)",
    sqlite3.SQLITE_FULL: "disk full",
}
