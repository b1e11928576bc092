"""A report's headed sections: which lines are headings, and which field each heading names.

Split from the report parser so that finding sections (a known heading from the vocabulary
[report_sections], 'Background Papers: None' with its value inline, or a short title-like line
after a blank one) is one job that the contents, contacts and implications readers share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.text.lines import SourceText, is_bulleted
from extract.text.clean import plain
from extract.base.vocabulary import canonical, phrase_alternation, vocabulary

PARAGRAPH_NUMBER = re.compile(r"^[-•*]?\s*(?:\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,2})?(?=\s+[A-Z]))\s+")
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
MAX_HEADING_WORDS = 8


@dataclass(slots=True)
class ReportSection:
    name: str | None  # a vocabulary key, or None for any other heading
    heading: str
    index: int  # the heading line
    end: int  # the last line of its content
    inline: str | None = None  # a value printed after the heading: 'Background Papers: None'


@cache
def _section_keys() -> dict[str, str]:
    """Canonical heading -> field name."""
    keys = {}
    for name, headings in vocabulary().report_sections:
        if name in ("contact_labels", "author_labels"):
            continue
        for heading in headings:
            keys[canonical(heading)] = name
    return keys


@cache
def label_pattern(key: str) -> re.Pattern[str]:
    """'Contact:' and its kin: a label from [report_sections] that a value follows on its line."""
    words = getattr(vocabulary().report_sections, key)
    return re.compile(r"^(?:" + phrase_alternation(words) + r")\s*:\s*", re.IGNORECASE)


def unpipe(text: str) -> str:
    """A pipe-table row read as a line ('| Contact: | Jane Doe |' -> 'Contact: Jane Doe')."""
    if _is_pipe_row(text):
        return " ".join(cell.strip() for cell in text.strip().strip("|").split("|") if cell.strip())
    return text


def _is_pipe_row(text: str) -> bool:
    """Whether a line is a pipe-table row, the one kind of line unpipe changes."""
    stripped = text.strip()
    return stripped.startswith("|") and stripped.endswith("|")


def row_text(source: SourceText, index: int) -> str:
    """A line as plain text, a pipe-table row read as a line: the text's shared plain view
    wherever the line is not a pipe row."""
    text = source.lines[index].text
    return plain(unpipe(text)) if _is_pipe_row(text) else source.plain_lines()[index]


def known_heading(text: str) -> str | None:
    """The field a heading names ('2. RECOMMENDATIONS' -> 'recommendations'), or None."""
    return _section_keys().get(canonical(SECTION_NUMBER.sub("", text)))


def inline_heading(text: str) -> tuple[str, str] | None:
    """('background_papers', 'None') for 'Background Papers: None'."""
    head, colon, value = text.partition(":")
    if colon and value.strip():
        known = known_heading(head)
        if known:
            return known, value.strip()
    return None


def looks_like_heading(text: str) -> bool:
    """A short title-like line; a section number before it is allowed ('3. BACKGROUND')."""
    bare = SECTION_NUMBER.sub("", text)
    words = bare.split()
    return (0 < len(words) <= MAX_HEADING_WORDS and len(bare) <= 70 and bare[0].isupper()
            and bare[-1] not in ".,;" and (bare == text or not PARAGRAPH_NUMBER.match(bare))
            and "\t" not in text and "|" not in text)


def _first_content(texts: tuple[str, ...], previous_heading: int | None, index: int) -> bool:
    """Whether line `index` is the first with text under the heading at `previous_heading`."""
    return previous_heading is not None and all(not texts[i] for i in range(previous_heading + 1, index))


def find_sections(source: SourceText, first: int, last: int) -> list[ReportSection]:
    """Headed sections: a known report heading, or a short title-like line after a blank line."""
    texts, plain_texts = source.clean_lines(), source.plain_lines()
    headings: list[tuple[int, str | None, str, str | None]] = []
    previous_heading = None
    for index in range(first, last + 1):
        text = texts[index]
        if not text:
            continue
        blank_before = index == first or not texts[index - 1]
        known = known_heading(text.rstrip(":"))
        inline = None if known else inline_heading(text)
        generic = (blank_before and not is_bulleted(plain_texts[index]) and looks_like_heading(text)
                   and not _first_content(texts, previous_heading, index))
        if known or inline or generic:
            name = known or (inline[0] if inline else None)
            headings.append((index, name, text.rstrip(":"), inline[1] if inline else None))
            previous_heading = index
    sections = []
    for position, (index, name, heading, value) in enumerate(headings):
        end = headings[position + 1][0] - 1 if position + 1 < len(headings) else last
        sections.append(ReportSection(name, heading, index, end, value))
    return sections
