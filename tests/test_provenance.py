"""Every record points at its source: line numbers, character offsets and verbatim text agree."""

from __future__ import annotations

import pytest

from extract.reading.decode import read_path
from extract.text.clean import plain
from tests.helpers import CORPUS, DOCUMENTS, ROOT, parsed

PAPERS = [str(p.relative_to(ROOT)) for p in sorted(CORPUS.glob("*.txt")) + sorted(DOCUMENTS.iterdir())]


def spans(node):
    """Every span in a record tree."""
    if isinstance(node, dict):
        if {"line_start", "char_start"} <= node.keys():
            yield node
        for value in node.values():
            yield from spans(value)
    elif isinstance(node, list):
        for value in node:
            yield from spans(value)


def _cuts_a_word(raw: str, start: int, end: int) -> bool:
    """Whether raw[start:end] begins or ends inside a word ('f Alan Patrickson' of 'Report of')."""
    if start >= end:
        return False
    begins_inside = start > 0 and raw[start - 1].isalnum() and raw[start].isalnum()
    ends_inside = end < len(raw) and raw[end - 1].isalnum() and raw[end].isalnum()
    return begins_inside or ends_inside


@pytest.mark.parametrize("relative", PAPERS)
def test_every_span_matches_the_source(relative):
    document = parsed(relative)
    source = read_path(ROOT / relative)
    found = list(spans(document.model_dump()))
    assert found
    for span in found:
        assert 0 <= span["char_start"] <= span["char_end"] <= len(source.raw)
        assert span["line_start"] <= span["line_end"]
        first, last = source.lines[span["line_start"] - 1], source.lines[span["line_end"] - 1]
        assert first.start <= span["char_start"] <= first.start + len(first.text)
        assert last.start <= span["char_end"] <= last.start + len(last.text)
        if span["text"] is not None:
            assert source.raw[span["char_start"]:span["char_end"]] == span["text"]
            assert not _cuts_a_word(source.raw, span["char_start"], span["char_end"]), span["text"]
        assert span["page"] == first.page


@pytest.mark.parametrize("relative", PAPERS)
def test_leaf_records_carry_their_verbatim_text(relative):
    document = parsed(relative)
    for meeting in document.meetings:
        for entry in meeting.membership + meeting.attendance:
            assert entry.person.surname in entry.span.text
        for item in meeting.items:
            for resolution in item.resolutions:
                assert resolution.span.text.split()[-1] in resolution.text
        for agenda_item in meeting.agenda_items:
            assert agenda_item.number in agenda_item.span.text
    for report in document.reports:
        for author in report.authors:
            printed = plain(author.span.text)
            assert (author.person.name if author.person else author.role) in printed


def test_pages_come_from_form_feeds():
    document = parsed("tests/documents/little_wickham_parish_minutes_2024-01-08.txt")
    assert document.pages == 2
    items = document.meetings[0].items
    assert [item.span.page for item in items] == [1, 1, 2, 2]
