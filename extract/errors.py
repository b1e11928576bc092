"""Typed errors. Each names the file and the reason; the CLI turns them into one line."""

from __future__ import annotations


class MinutebookError(Exception):
    """Base class: something about one input that a user can understand and act on."""


class UnreadableDocument(MinutebookError):
    """An input that cannot be read as a committee paper (empty, binary, bad encoding, ...)."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
