"""What a report's sections say: plain paragraphs, background papers, divisions, recommendations.

Split from the report parser so that reading a section's body is apart from finding the
section (extract.parsing.report_sections) and from assembling the Report.
"""

from __future__ import annotations

import re

from extract.parsing.clauses import read_clauses
from extract.parsing.contacts import starts_contact_details
from extract.parsing.report_sections import (PARAGRAPH_NUMBER, SECTION_NUMBER, ReportSection, inline_heading,
                                             known_heading, label_pattern, looks_like_heading, row_text, unpipe)
from extract.text.lines import SourceText
from extract.text.clean import plain
from schemas import Recommendation

def section_text(source: SourceText, first: int, last: int) -> str | None:
    """Paragraphs of lines first..last, paragraph numbers dropped, markup removed."""
    paragraphs, current = [], []
    for index in range(first, last + 1):
        text = row_text(source, index)
        if text:
            current.append(PARAGRAPH_NUMBER.sub("", text))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) or None


def background_papers(source: SourceText, part: ReportSection) -> list[str]:
    """Background papers, one a line, up to the contact details that often follow them."""
    papers = [part.inline] if part.inline else []
    for index in range(part.index + 1, part.end + 1):
        text = PARAGRAPH_NUMBER.sub("", row_text(source, index)).lstrip("-•* ").strip()
        if starts_contact_details(text):
            break
        if text:
            papers.append(text)
    return papers


def _recommendation_stop(text: str) -> bool:
    text = plain(unpipe(text))
    return bool(label_pattern("contact_labels").match(text) or known_heading(text.rstrip(":")) or inline_heading(text)
                or (SECTION_NUMBER.match(text) and looks_like_heading(text)))


def recommendations(source: SourceText, part: ReportSection) -> list[Recommendation]:
    """The recommendations section's clauses, up to the next heading or contact label."""
    clauses, _ = read_clauses(source, part.index, len(source.lines[part.index].text), part.end,
                              stop=_recommendation_stop)
    return [Recommendation(label=c.label, text=c.text, preamble=c.preamble, span=c.span) for c in clauses]


def divisions(text: str) -> list[str]:
    """'Alpha, Beta and Gamma.' -> ['Alpha', 'Beta', 'Gamma']: the electoral divisions a report affects."""
    return [d.strip() for d in re.split(r",|;|\band\b", text.rstrip(".")) if d.strip()]
