"""The text every stage reads: a document's lines, each cleaned yet exactly as long as the original
line, so a (line, column) is an exact character offset into the decoded source; and the means
to cite any run of them as a Span.
"""

from __future__ import annotations

import bisect
from itertools import accumulate, repeat
from operator import add
from dataclasses import dataclass, field
from typing import NamedTuple

from extract.text.clean import LINE_BREAK, clean_text, plain_all
from schemas import DocumentWarning, Span



class Line(NamedTuple):
    """One line of the source: `text` is cleaned and exactly as long as the original line.

    A named tuple, not a frozen dataclass: a document has thousands of lines, and a tuple is
    made without setting each field through object.__setattr__ (split_lines took twice as long)."""

    number: int  # 1-based, as an editor counts lines
    page: int | None  # 1-based where the source has pages
    start: int  # offset of the line's first character in the decoded source
    text: str


@dataclass(frozen=True, slots=True)
class SourceText:
    """A decoded document and its lines, with the means to cite any run of them.

    Frozen: a reader builds it complete, and every later stage reads the same text. Its views
    (plain lines, clean lines) are computed here, once, never written by another stage.
    """

    source: str
    sha256: str
    encoding: str
    raw: str
    lines: tuple[Line, ...]
    pages: int | None
    repaired_chars: int = 0
    warnings: list[DocumentWarning] = field(default_factory=list)
    printed_pages: list[str | None] | None = None  # the number printed on each page, where a PDF shows one
    unread_pages: list[int] = field(default_factory=list)
    pdf_tables: list = field(default_factory=list)  # ruled tables a PDF draws (extract.text.tables.RawTable)
    ocr_pages: list[int] = field(default_factory=list)  # pages whose text came from OCR
    plain: tuple[str, ...] = field(init=False, repr=False, compare=False)
    clean: tuple[str, ...] = field(init=False, repr=False, compare=False)
    starts: tuple[int, ...] = field(init=False, repr=False, compare=False)  # each line's offset, for indexes_of

    def __post_init__(self) -> None:
        """Hold the lines as a tuple (no stage rewrites them), and compute the views every stage shares."""
        object.__setattr__(self, "lines", tuple(self.lines))
        plain_texts = plain_all([line.text for line in self.lines])
        object.__setattr__(self, "plain", plain_texts)
        object.__setattr__(self, "clean", tuple(text.lstrip("-•* ") for text in plain_texts))
        object.__setattr__(self, "starts", tuple(line.start for line in self.lines))

    def plain_lines(self) -> tuple[str, ...]:
        """Each line without markup, white space folded."""
        return self.plain

    def clean_lines(self) -> tuple[str, ...]:
        """Plain lines without leading bullets: the text segmenting and parsing match cues on."""
        return self.clean

    def span(
        self, first: int, last: int, start_col: int = 0, end_col: int | None = None, verbatim: bool = True
    ) -> Span:
        """The Span of lines[first..last] (0-based, inclusive), optionally from/to a column.

        Containers (a part, a meeting, a minutes item) pass verbatim=False: their text is
        already in the records they contain, and repeating it would triple the output.
        """
        begin, end = self.lines[first], self.lines[last]
        char_start = begin.start + start_col
        char_end = end.start + (len(end.text) if end_col is None else end_col)
        printed = None
        if self.printed_pages and begin.page and begin.page <= len(self.printed_pages):
            printed = self.printed_pages[begin.page - 1]
        return Span(
            page=begin.page,
            printed_page=printed,
            ocr=begin.page in self.ocr_pages if self.ocr_pages else False,
            line_start=begin.number,
            line_end=end.number,
            char_start=char_start,
            char_end=char_end,
            text=self.raw[char_start:char_end] if verbatim else None,
        )


    def indexes_of(self, span: Span) -> range:
        """The indexes into lines of the lines a span covers. Not line numbers minus one: an
        extraction given paragraph breaks (extract.text.paragraphs) has lines left out and added."""
        first = max(bisect.bisect_right(self.starts, span.char_start) - 1, 0)
        last = max(bisect.bisect_right(self.starts, span.char_end) - 1, first)
        return range(first, last + 1)


def is_bulleted(plain_line: str) -> bool:
    """A plain line that opens with a bullet ('- ', '• ', '* '): list content, never a heading."""
    return plain_line[:2] in ("- ", "• ", "* ")


def split_lines(raw: str, paged: bool = False) -> tuple[list[Line], int | None, int]:
    """Lines with page numbers (form feeds), cleaned; also the page count and repairs made.

    `paged` says the source has pages even without a form feed (a one-page PDF). The text is
    cleaned whole (every repair keeps a character's place, and none makes or takes a line break),
    then cut at its line breaks: one pass of each in C, not one per line.
    """
    has_pages = paged or "\f" in raw
    cleaned, repaired = clean_text(raw.replace("\f", " "))
    texts, starts = line_texts(cleaned)
    count = len(texts)
    pages = (_line_pages(raw, count) if "\f" in raw else [1] * count) if has_pages else [None] * count
    lines = list(map(tuple.__new__, repeat(Line), zip(range(1, count + 1), pages, starts, texts)))  # Line(...) is a Python call per line
    page_count = None
    if has_pages:
        page_count = max((line.page for line in lines if line.text.strip()), default=1)
    return lines, page_count, repaired


def line_texts(text: str) -> tuple[list[str], list[int]]:
    """Each line's text (without its line break) and the offset it starts at; a text that ends
    with a line break has no line after it. Where every break is a '\\n' (most text), one
    str.split cuts the lines: the regex split that also finds '\\r\\n' and '\\r' took four
    times as long."""
    if "\r" in text:
        bodies = LINE_BREAK.split(text)  # each line's text, then the break after it, alternately
        if not bodies[-1]:
            bodies.pop()
        texts = bodies[0::2]
        return texts, [0, *accumulate(map(len, bodies))][0:2 * len(texts):2]
    texts = text.split("\n")
    if not texts[-1]:
        texts.pop()
    return texts, list(map(add, [0, *accumulate(map(len, texts))], range(len(texts))))


def _line_pages(raw: str, count: int) -> list[int]:
    """The page of each of the first `count` lines of raw: form feeds before a line's first
    printed character turn the page for it, those after it for the next line."""
    pages, page = [], 1
    for body in line_texts(raw)[0][:count]:
        leading = len(body) - len(body.lstrip("\f \t"))
        page += body.count("\f", 0, leading)
        pages.append(page)
        page += body.count("\f", leading)
    return pages
