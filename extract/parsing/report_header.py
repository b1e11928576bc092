"""What a report's header says: the committee and meeting date above its title, and
'Report to: Cabinet' style labelled lines.

Split from the report parser: the header is read before the report's sections are found.
"""

from __future__ import annotations

import re
from functools import cache

from extract.text.blocks import block, paragraph_end
from extract.base.dates import parse_date
from extract.segmenting.header import is_body_name
from extract.text.lines import SourceText
from extract.segmenting.segment import Segment, is_date_line
from extract.text.clean import plain
from extract.base.vocabulary import phrase_alternation, vocabulary

def meeting_header(source: SourceText, segment_: Segment, title: str | None) -> tuple[str | None, str | None]:
    """The committee and the meeting date printed above the report's title."""
    texts = source.clean_lines()
    body, date = None, None
    stop = segment_.opener if segment_.opener is not None else segment_.first
    for index in range(segment_.first, stop):
        text = texts[index]
        if not text:
            continue
        if date is None and is_date_line(text):
            found = parse_date(text)
            date = found.isoformat() if found else None
        elif body is None and date is None and is_body_name(text) and (not title or text not in title):
            top = index
            while top > segment_.first and texts[top - 1]:
                top -= 1
            body = plain(block(source, top, paragraph_end(source, index, stop)).text)
    return body, date


@cache
def _report_label() -> re.Pattern[str]:
    labels = vocabulary().report_labels
    groups = "|".join(f"(?P<{key}>{phrase_alternation(words)})" for key, words in labels)
    return re.compile(r"^(?:" + groups + r")\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)


def labelled_header(source: SourceText, first: int, last: int) -> dict[str, tuple[str, int]]:
    """'Report to: Cabinet' style header lines: field -> (value, line index)."""
    found: dict[str, tuple[str, int]] = {}
    for index in range(first, last + 1):
        match = _report_label().match(source.plain_lines()[index])
        if match:
            key = next(k for k, _ in vocabulary().report_labels if match[k])
            found.setdefault(key, (match["value"].strip(), index))
    return found
