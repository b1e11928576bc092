"""Runs of lines joined into one string, with a map from string offsets back to the source.

Parsers match sentences that wrap across lines; a Block lets them work on one string and still
cite the exact lines and columns of whatever they found.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from extract.text.lines import SourceText
from schemas import Span


@dataclass(slots=True)
class Block:
    """Lines first..last of a SourceText, each stripped, joined with single spaces."""

    text: str
    offsets: list[int]  # where each piece starts in text
    line_indexes: list[int]  # which source line each piece is
    columns: list[int]  # the column in that line where the piece starts

    @property
    def first(self) -> int:
        return self.line_indexes[0]

    @property
    def last(self) -> int:
        return self.line_indexes[-1]

    def locate(self, offset: int) -> tuple[int, int]:
        """The (line index, column) of a character offset into text."""
        piece = max(bisect.bisect_right(self.offsets, offset) - 1, 0)
        return self.line_indexes[piece], self.columns[piece] + offset - self.offsets[piece]

    def span(self, source: SourceText, start: int = 0, end: int | None = None, verbatim: bool = True) -> Span:
        """The Span of text[start:end] in the source."""
        end = len(self.text) if end is None else end
        while end > start and self.text[end - 1] == " ":
            end -= 1
        first_line, first_col = self.locate(start)
        last_line, last_col = self.locate(max(end - 1, start))
        return source.span(first_line, last_line, first_col, last_col + (1 if end > start else 0), verbatim)


def block(source: SourceText, first: int, last: int) -> Block:
    """Join source lines first..last (inclusive, 0-based), skipping blank ones."""
    pieces: list[str] = []
    offsets: list[int] = []
    indexes: list[int] = []
    columns: list[int] = []
    position = 0
    for index in range(first, last + 1):
        line = source.lines[index].text
        stripped = line.strip()
        if not stripped:
            continue
        if pieces:
            position += 1  # the joining space
        offsets.append(position)
        indexes.append(index)
        columns.append(len(line) - len(line.lstrip()))
        pieces.append(stripped)
        position += len(stripped)
    if not pieces:
        return Block("", [0], [first], [0])
    return Block(" ".join(pieces), offsets, indexes, columns)


def paragraph_end(source: SourceText, first: int, limit: int) -> int:
    """The last index of the run of non-blank lines that starts at `first` (before `limit`)."""
    last = first
    while last + 1 < limit and source.lines[last + 1].text.strip():
        last += 1
    return last
