"""Where a span's words are on a PDF page: the span's text found in the page's own text (pdfium's
text layer, or Tesseract's words on a scanned page), and the boxes of the characters it covers,
joined into one rectangle a printed line.

Found independently of how the reader made its text: both sides are compared without white
space, hyphens or case, after Unicode compatibility folding (ligatures), so a word the reader
joined across a line end or a line break it moved still matches. Where the page says the span's
words more than once, the match nearest where the span starts in the page's text is taken.
Boxes are in PDF points from the page's top-left corner, as the page is shown.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher

HYPHENS = frozenset("-\u00ad\u2010\u2011\u2012\u2013\u2014")
FUZZY_SHARE = 0.8  # a match made by alignment must cover this share of the span's letters


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle on the page in points, from its top-left corner."""

    left: float
    top: float
    right: float
    bottom: float

    def union(self, other: Box) -> Box:
        return Box(min(self.left, other.left), min(self.top, other.top), max(self.right, other.right),
                   max(self.bottom, other.bottom))

    def contains(self, other: Box, slack: float = 0.5) -> bool:
        return (self.left - slack <= other.left and self.top - slack <= other.top
                and other.right <= self.right + slack and other.bottom <= self.bottom + slack)

    def as_list(self) -> list[float]:
        return [round(self.left, 2), round(self.top, 2), round(self.right, 2), round(self.bottom, 2)]


def folded(text: str) -> tuple[str, list[int]]:
    """Text as compared (no white space or hyphens, lower case, ligatures unfolded) and, for each
    of its characters, the index of the character of text it came from."""
    letters: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for letter in unicodedata.normalize("NFKC", char).lower():
            if not letter.isspace() and letter not in HYPHENS:
                letters.append(letter)
                origin.append(index)
    return "".join(letters), origin


def find_span(page_text: str, wanted: str, before: str | None = None) -> list[int]:
    """The indexes of page_text's characters that say wanted: an exact match (where the page says
    it more than once, the one nearest the end of `before`, the reader's text of the page up to
    the span), else the best alignment, else none."""
    page, origin = folded(page_text)
    target, _ = folded(wanted)
    if not target:
        return []
    starts = _occurrences(page, target)
    if starts:
        expected = len(folded(before)[0]) if before else 0
        start = min(starts, key=lambda s: (abs(s - expected), s))
        return sorted({origin[i] for i in range(start, start + len(target))})
    return _aligned(page, origin, target)


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def _aligned(page: str, origin: list[int], target: str) -> list[int]:
    """The page characters a best alignment pairs with the target's, if it pairs enough of them."""
    matcher = SequenceMatcher(None, page, target, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size >= 3]
    if sum(b.size for b in blocks) < FUZZY_SHARE * len(target):
        return []
    return sorted({origin[b.a + k] for b in blocks for k in range(b.size)})


def line_boxes(boxes: list[Box]) -> list[Box]:
    """Character boxes, in reading order, joined into one box a line: a character that does not
    share most of its height with the line so far starts a new one."""
    lines: list[Box] = []
    for box in boxes:
        if box.right <= box.left and box.bottom <= box.top:
            continue  # a generated character (a line break) has no extent
        if lines and _same_line(lines[-1], box):
            lines[-1] = lines[-1].union(box)
        else:
            lines.append(box)
    return lines


def _same_line(line: Box, box: Box) -> bool:
    overlap = min(line.bottom, box.bottom) - max(line.top, box.top)
    return overlap > 0.5 * min(line.bottom - line.top, box.bottom - box.top) and box.left >= line.left - 2


def text_layer_boxes(page, textpage, wanted: str, before: str | None = None) -> list[Box]:
    """The line boxes of wanted on a page read from its text layer: pdfium's boxes of the
    characters of the match only."""
    text = textpage.get_text_range()
    indexes = find_span(text, wanted, before)
    left, _, _, top = page.get_bbox()  # the page as shown (get_cropbox may answer a default when none is set)
    boxes = []
    for index in indexes:
        x0, y0, x1, y1 = textpage.get_charbox(index)
        boxes.append(Box(x0 - left, top - y1, x1 - left, top - y0))
    return line_boxes(boxes)


@dataclass(frozen=True, slots=True)
class Word:
    """A word Tesseract read, with its box in points."""

    text: str
    box: Box


def word_boxes(words: list[Word], wanted: str, before: str | None = None) -> list[Box]:
    """The line boxes of wanted on a scanned page: the boxes of the OCR words the match covers."""
    text = " ".join(word.text for word in words)
    owner = [i for i, word in enumerate(words) for _ in word.text + " "]
    covered = sorted({owner[index] for index in find_span(text, wanted, before)})
    return line_boxes([words[i].box for i in covered])
