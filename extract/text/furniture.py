"""Page furniture: what a page prints at its edges that is not the paper's text. A page stamp
('Page 12', a bare number) or a running header repeated at the edges of many pages. The PDF
reader and the text route (form-feed-paged extractions) read it with this one rule.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from extract.base.vocabulary import phrase_alternation, vocabulary

FURNITURE_SHARE = 0.4  # a top or bottom line on this share of pages (and at least 3) is furniture


@cache
def _stamp() -> re.Pattern[str]:
    """A page stamp at an edge: 'Page 12', 'Agenda Item 7 Page 3', a bare or dashed number."""
    furniture = vocabulary().furniture
    words = phrase_alternation(furniture.page_stamps + furniture.edge_stamps)
    return re.compile(r"^(?:" + words + r"\s+\d+[A-Za-z]?\s*)+$|^\d{1,4}$|^-\s*\d{1,4}\s*-$", re.IGNORECASE)


@cache
def _page_number() -> re.Pattern[str]:
    """The number a page prints: after 'Page', or a bare or dashed number."""
    words = phrase_alternation(vocabulary().furniture.page_number)
    return re.compile(r"(?:^|\s)" + words + r"\s+(\d{1,4})\b|^(\d{1,4})$|^-\s*(\d{1,4})\s*-$", re.IGNORECASE)


def _edge_lines(lines: list[str]) -> list[int]:
    """Indexes of the first two and last two non-blank lines of a page."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:2] + filled[-2:]))


def page_furniture(page_lines: list[list[str]]) -> list[tuple[set[int], str | None]]:
    """For each page, the indexes of its furniture lines and the page number it prints.

    Furniture is a stamp ('Page 12', a bare number) at a page's edge, or an edge line that
    repeats at the edges of many pages and does not turn up inside them (a running header).
    The text route reads form-feed-paged extractions with the same rule (extract.text.paragraphs).
    """
    shape = lambda line: re.sub(r"\d+", "#", line.strip().lower())
    edges = [set(_edge_lines(lines)) for lines in page_lines]
    counts = Counter(shape(lines[i]) for lines, edge in zip(page_lines, edges) for i in edge)
    inside = Counter(shape(line) for lines, edge in zip(page_lines, edges)
                     for i, line in enumerate(lines) if i not in edge and line.strip())
    threshold = max(3, FURNITURE_SHARE * sum(1 for lines in page_lines if lines))
    # furniture repeats at the edges of pages and does not turn up inside them
    repeated = {s for s, n in counts.items() if n >= threshold and s and inside[s] * 4 < n}
    found = []
    for lines in page_lines:
        printed = None
        drop = set()
        for i in _edge_lines(lines):
            text = lines[i].strip()
            if _stamp().match(text) or shape(text) in repeated:
                drop.add(i)
                number = _page_number().search(text)
                if number and printed is None:
                    printed = next(g for g in number.groups() if g)
        found.append((drop, printed))
    return found
