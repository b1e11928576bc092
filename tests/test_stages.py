"""The stages' contracts (issue 13): a frozen text every stage reads, frozen segments, one shape
for every parser, and a normalise stage that sees the whole document."""

from __future__ import annotations

import inspect
from dataclasses import FrozenInstanceError, replace
from pathlib import Path

import pytest

from extract.base.vocabulary import vocabulary
from extract.normalising.normalise import normalise
from extract.pipeline import PARSERS, parse_segments, parse_source
from extract.reading.decode import read_text
from extract.segmenting.segment import segment
from schemas import Document

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
PACK = CORPUS / "durham_safer-stronger-communities-osc_2017-10-31_agenda-pack.txt"
NAMESAKES = (
    "Minutes of the meeting of the Licensing Committee held on Monday 4 March 2024 at 10.00 am in Room 1\n\n"
    "Present: Councillors J Charlton and A Smith; Jane Smith (Solicitor) and John Smith (Clerk)\n\n"
    "1 Taxi Policy\n\nThe Solicitor responded that fees were set by law.\n")


def _source(text: str):
    return read_text(text.encode(), "stages.txt")


def test_the_text_is_frozen_and_carries_its_views_from_construction():
    source = _source("Report\n\n- First point\n• Second point\n")
    assert source.clean_lines() == ("Report", "", "First point", "Second point")
    assert source.plain_lines()[2] == "- First point"
    with pytest.raises(FrozenInstanceError):
        source.warnings = []
    with pytest.raises(FrozenInstanceError):
        source.clean = ()
    assert isinstance(source.lines, tuple)


def test_a_text_made_from_another_computes_its_own_views():
    source = _source("- One\n- Two\n")
    shorter = replace(source, lines=source.lines[:1])
    assert shorter.clean_lines() == ("One",) and source.clean_lines() == ("One", "Two")


def test_segments_are_frozen_and_parsing_leaves_them_as_segmenting_gave_them():
    source = read_text(PACK.read_bytes(), PACK.name)
    segments = segment(source)
    before = [(s.kind, s.title, s.first, s.last) for s in segments]
    with pytest.raises(FrozenInstanceError):
        segments[0].kind = "other"
    document = parse_source(source)
    assert [(s.kind, s.title, s.first, s.last) for s in segments] == before
    # the parts carry what parsing learnt: a report part is titled as its report
    report_parts = [p.title for p in document.parts if p.kind == "report"]
    assert report_parts and report_parts == [r.title for r in document.reports]


def test_a_front_sheet_without_an_agenda_is_another_part():
    source = _source("Dear Sir\n\nThank you for your letter about the park.\n\nYours faithfully\n")
    (part,) = segment(source)
    assert part.kind == "front_sheet"
    assert [p.kind for p in parse_source(source).parts] == ["other"]


def test_every_parser_takes_the_text_its_segment_and_the_vocabulary():
    shapes = {kind: list(inspect.signature(parser).parameters) for kind, parser in PARSERS.items()}
    assert set(shapes) == {"front_sheet", "minutes", "report"}
    assert len({tuple(shape) for shape in shapes.values()}) == 1 and len(shapes["minutes"]) == 3


def test_minutes_are_read_from_the_opener_their_segment_records():
    source = _source("LICENSING COMMITTEE\n\n" + NAMESAKES)
    (minutes,) = segment(source)
    assert (minutes.first, minutes.opener) == (0, 2)  # the heading above is the segment's, the sentence opens it
    meeting = PARSERS["minutes"](source, minutes, vocabulary())
    assert (meeting.body, meeting.date) == ("Licensing Committee", "2024-03-04")
    assert meeting.span.line_start == 1


def test_normalise_tells_namesakes_apart_across_the_whole_document():
    source = _source(NAMESAKES)
    segments = segment(source)
    meetings = [r for r in parse_segments(source, segments) if r is not None]
    document = Document(source="stages.txt", sha256=source.sha256, kind="minutes", meetings=meetings)
    smiths = lambda: sorted(a.person.id for a in document.meetings[0].attendance if a.person.surname == "Smith")  # noqa: E731
    assert smiths() == ["a-smith", "j-smith", "j-smith"]
    normalise(document)
    assert smiths() == ["a-smith", "j-smith-jane", "j-smith-john"]
