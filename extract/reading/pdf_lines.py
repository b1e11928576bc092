"""A page's lines from pdfium's text layer: whether the layer is readable at all, and where a
paragraph ends.

The text layer has no blank lines, and paragraphs are how every parser here tells one thing from
the next: a blank line is restored wherever the gap above a line, measured on the character
boxes, is clearly larger than the page's usual line spacing. A layer whose text is mostly not
words or numbers is set in a font without a Unicode map, and is no better than none.
"""

from __future__ import annotations

import re
import unicodedata

from extract.reading.pdf_chars import PageChars
from extract.reading.pdf_page import PageLine

MIN_PAGE_CHARS = 20  # fewer on a page: it has no text layer worth the name
MIN_READABLE_SHARE = 0.5  # below this share of characters in words or numbers, a page is garbage
_WORD = re.compile(r"[(\[\"'‘“]*[^\W\d_][\w'’.,;:!?&/–-]*[)\]\"'’”.,;:!?%]*")
_NUMBER = re.compile(r"[(£$€-]*\d[\d.,]*%?[)kmb]*[.,;:]?", re.IGNORECASE)
# a whole whitespace-delimited token that is a word or a number: one scan of a page finds them all
_READABLE_TOKEN = re.compile(rf"(?<!\S)(?:{_WORD.pattern}|(?i:{_NUMBER.pattern}))(?!\S)")
BLANK_GAP_FACTOR = 1.5  # a gap this many times the usual line spacing is a paragraph break
LINE_SPACING_IN_GLYPHS = 2.2  # normal line spacing is about twice a capital letter's height
_LIGATURES = str.maketrans({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)})
_LIGATURE = re.compile("[\uFB00-\uFB06]")


def readable_share(text: str) -> float:
    """Share of characters in tokens that are words or numbers; an unmapped font yields neither."""
    total = len("".join(text.split()))
    readable = sum(map(len, _READABLE_TOKEN.findall(text)))
    return readable / total if total else 1.0


def surely_readable(text: str) -> bool:
    """Whether the page's tokens of letters alone make up the readable share: each is a word, so
    readable_share is at least theirs, and most pages need not be matched token by token."""
    tokens = text.split()
    letters = sum([len(token) for token in tokens if token.isalpha()])
    return letters >= MIN_READABLE_SHARE * sum(map(len, tokens))


def _opening(stripped: str, first: int) -> range | list[int]:
    """The indexes of the characters other than whitespace among a line's first eight (from its
    first that is not whitespace, at index `first`). Whitespace other than the space is not
    printable, so a printable opening without a space is one run: most lines' openings."""
    opening = stripped[:8]
    if opening.isprintable() and " " not in opening:
        return range(first, first + len(opening))
    return [first + offset for offset, char in enumerate(opening) if not char.isspace()]


def _usual_spacing(tops: list[float | None], heights: list[float]) -> float | None:
    """The page's usual line spacing: the smallest real gap between tops. On a page of one-line
    paragraphs every gap is a paragraph break, so the spacing a line of this type size would have
    caps it."""
    glyph = sorted(heights)[len(heights) // 2] if heights else 0
    gaps = [a - b for a, b in zip(tops, tops[1:]) if a is not None and b is not None and a - b > 1.2 * glyph]
    return min(min(gaps), LINE_SPACING_IN_GLYPHS * glyph) if gaps and glyph else None


def page_lines(chars: PageChars, text: str) -> list[PageLine]:
    """The page's lines (blank where the vertical gap says a paragraph ends), each with its top."""
    separator = 2 if "\r\n" in text else 1  # pdfium ends lines with \r\n
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    tops: list[float | None] = []
    heights: list[float] = []
    position = 0
    tallest = chars.tallest
    for line in lines:
        stripped = line.lstrip()
        # (top, height) of a line's tallest first character: a line opening with '-' or '.' would
        # otherwise be measured by a mark half a line high; None when no character has a box
        measured = tallest(_opening(stripped, position + len(line) - len(stripped))) if stripped else None
        tops.append(measured[0] if measured else None)
        if measured:
            heights.append(measured[1])
        position += len(line) + separator
    usual = _usual_spacing(tops, heights)
    ligatures = _LIGATURE.search(text) is not None  # most pages have none: no line need be translated
    out: list[PageLine] = []
    previous_top = None
    for line, top in zip(lines, tops):
        if not line.strip():
            continue
        if usual and previous_top is not None and top is not None and previous_top - top > BLANK_GAP_FACTOR * usual:
            out.append(PageLine(""))
        line = line.rstrip()
        out.append(PageLine(line.translate(_LIGATURES) if ligatures else line, top))  # "ﬁ" -> "fi": matched as letters
        previous_top = top
    return out
