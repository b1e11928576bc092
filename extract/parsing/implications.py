"""A report's implications: 'Finance – None' lines, or known headings each over its paragraph.

Split from the report parser: implications are read from a section of the report or from an
appendix of their own, with the headings from the vocabulary [implication_headings].
"""

from __future__ import annotations

import re
from functools import cache

from extract.parsing.report_sections import looks_like_heading
from extract.text.lines import SourceText
from extract.base.vocabulary import canonical, phrase_alternation, vocabulary

@cache
def _implication_line() -> re.Pattern[str]:
    headings = vocabulary().implication_headings.headings
    return re.compile(r"^(?P<heading>" + phrase_alternation(headings) + r")\s*[-–—:]\s*(?P<text>\S.*)$", re.IGNORECASE)


def _implication_key(text: str) -> str:
    return re.sub(r"(?<!\s)\s*/\s*", "/", canonical(text))


@cache
def _implication_heading_set() -> frozenset[str]:
    return frozenset(_implication_key(h) for h in vocabulary().implication_headings.headings)


def parse_implications(source: SourceText, first: int, last: int) -> dict[str, str]:
    """'Finance – None' lines, or known headings each followed by their paragraph.

    The list ends at the first other heading after it: an implications appendix is often
    followed, without a heading of its own, by the rest of the pack.
    """
    implications: dict[str, str] = {}
    heading: str | None = None
    for index in range(first, last + 1):
        text = source.plain_lines()[index]
        if not text:
            continue
        inline = _implication_line().match(text)
        if inline:
            implications[inline["heading"]] = inline["text"]
            heading = None
        elif _implication_key(text) in _implication_heading_set():
            heading = text.rstrip(":")
            implications.setdefault(heading, "")
        elif looks_like_heading(text) and implications and (heading is None or implications.get(heading)):
            break
        elif heading is not None:
            joined = implications[heading]
            implications[heading] = f"{joined}\n{text}" if joined else text
    return {k: v for k, v in implications.items() if v}
