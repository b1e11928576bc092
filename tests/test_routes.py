"""One record whatever the route: a PDF and the text extracted from it give the same minutes.

pypdfium2's text has no blank lines between paragraphs, joins pages with a form feed in the
middle of a line and keeps the running headers and footers; extract.text.paragraphs restores what
extract.reading.pdf's reader gives (paragraph breaks, pages, no furniture). The route test reads every
real minutes PDF in ../shared/realdocs (and the copies in tests/accuracy/documents) both ways
and compares the records.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.text.paragraphs import (breaks_between, ends_numbered_title, is_unbroken_extraction, restore_paragraphs,
                                     split_at_form_feeds)
from extract.pipeline import parse_source
from extract.reading.decode import read_text
from extract.text.lines import split_lines
from tests.helpers import ROOT

# ../shared beside the checkout (or beside the folder of worktrees), else the copies tests.accuracy keeps
PLACES = [ROOT.parent / "shared" / "realdocs", ROOT.parent.parent / "shared" / "realdocs",
          ROOT / "tests" / "accuracy" / "documents"]
MINUTES_PDFS = sorted({p.name: p for place in reversed(PLACES) for p in place.glob("*minutes*.pdf")}.values())


def pdf_text(path: Path) -> bytes:
    """The PDF's text as pypdfium2 gives it, pages joined by form feeds, CRLF line endings."""
    from tests.accuracy.__main__ import pdf_as_text

    return pdf_as_text(path)


def record(document) -> dict:
    """What both routes must agree on: meetings, item numbers and titles, attendance, resolutions."""
    return {
        "meetings": [(m.date, m.body) for m in document.meetings],
        "items": [[(i.number, i.title) for i in m.items] for m in document.meetings],
        "attendance": [sorted((a.person.name, a.status) for a in m.attendance) for m in document.meetings],
        "resolutions": [[r.text for i in m.items for r in i.resolutions] for m in document.meetings],
    }


def as_text(path: Path, line_end: bytes = b"\r\n") -> dict:
    data = pdf_text(path).replace(b"\r\n", line_end)
    return record(parse_source(read_text(data, path.with_suffix(".txt").name)))


def _text_lines(text: str) -> list[str]:
    source = read_text(text.encode("utf-8"), "extracted.txt")
    return [line.text.strip() for line in source.lines]


def _paragraphs(lines: list[str]) -> list[str]:
    return [" ".join(p.split("\n")) for p in "\n".join(lines).split("\n\n")]


# Lines as pypdfium2 extracts them (kent_cabinet_2025-01-09_minutes.pdf, page 1), the trailing
# spaces included, padded to a page long enough to count as an extraction.
KENT_CABINET = """KENT COUNTY COUNCIL
CABINET
MINUTES of a meeting of the Cabinet held in the Council Chamber, Sessions 
House, County Hall, Maidstone on Thursday, 9 January 2025.
PRESENT: Mr R W Gough (Chairman), Mr N Baker, Mrs C Bell, Mrs S Chandler, 
Mr D Jeffrey, Mr R C Love, OBE, Mr D Murphy, Mr P J Oakford, Mr D Watkins and 
Mr R J Thomas
IN ATTENDANCE: Dr A Ghosh (Director of Public Health), Mrs S Hammond 
(Corporate Director Children, Young People and Education), Mrs A Beer (Chief 
Executive), Mr D Shipton (Head of Finance Policy, Planning and Strategy), 
UNRESTRICTED ITEMS
76. Apologies 
(Item 1)
No apologies were received.
77. Declarations of Interest 
(Item 2)
No declarations of interest were received
78. Minutes of the Meeting held on 28 November 2024 
(Item 3)
RESOLVED that the minutes of the meeting on 28 November 2024 were a correct 
record and that they be signed by the Chair
79. Cabinet Member Updates 
(Item 4)
Cabinet Member updates were deferred to the next meeting of the Cabinet
"""


def test_an_extraction_without_blank_lines_gets_the_paragraphs_the_pdf_reader_gives():
    paragraphs = _paragraphs(_text_lines(KENT_CABINET))
    assert paragraphs[0] == "KENT COUNTY COUNCIL CABINET"  # a heading in capitals over two lines is one
    assert paragraphs[1].startswith("MINUTES of a meeting") and paragraphs[1].endswith("9 January 2025.")
    assert paragraphs[2].startswith("PRESENT: Mr R W Gough") and paragraphs[2].endswith("Mr R J Thomas")
    assert paragraphs[3].startswith("IN ATTENDANCE:")
    assert "76. Apologies (Item 1)" in paragraphs  # an '(Item N)' line stays with its heading
    assert "No apologies were received." in paragraphs
    assert "RESOLVED that the minutes of the meeting on 28 November 2024 were a correct record and that they be signed by the Chair" in paragraphs


def test_a_text_with_paragraphs_is_left_as_written():
    relative = "tests/documents/borough_planning_minutes_2024-03-05.txt"
    data = (ROOT / relative).read_bytes()
    lines, _, _ = split_lines(data.decode("utf-8"))
    assert not is_unbroken_extraction(lines)
    assert [line.text for line in read_text(data, relative).lines] == [line.text for line in lines]


def test_break_rules_on_real_line_pairs():
    width = 85
    # kent_cc_2025-02-13_printed_minutes_budget_votes.pdf: a decision's lead-in, then its clauses
    assert breaks_between("(27) RESOLVED that:", "County Council, having given due regard to the s25 Report", width)
    assert breaks_between("Substantive Motion Carried.", "(27) RESOLVED that:", width)
    # kent_cabinet_2025-01-09_minutes.pdf: a numbered heading after a paragraph with no full stop
    assert breaks_between("Cabinet Member updates were deferred to the next meeting of the Cabinet",
                          "80. Provisional Local Government Finance Settlement 2025-26", width)
    # an attendance label alone on its line keeps the names under it
    assert not breaks_between("PRESENT:", "Mr R W Gough (Chairman), Mr N Baker, Mrs C Bell", width)
    # kent_cabinet_2025-01-09_minutes.pdf: a sentence that runs on is not broken
    assert not breaks_between("Mr D Jeffrey, Mr R C Love, OBE, Mr D Murphy, Mr P J Oakford, Mr D Watkins and",
                              "Mr R J Thomas", width)
    assert not breaks_between("Government Finance Settlement (PLGFS) 2025-26 which was published on",
                              "18th December 2024. As in recent years the settlement was presented as core", width)
    # alameda_city_council_2019-01-02_minutes.pdf: a short line that ends a sentence ends a paragraph
    assert breaks_between("Councilmember Oddie moved adoption of the resolution.",
                          "Councilmember Vella seconded the motion, which carried by unanimous voice vote – 5.", width)
    assert breaks_between("None.", "ORAL COMMUNICATIONS, NON-AGENDA", width)
    assert breaks_between("ORAL COMMUNICATIONS, NON-AGENDA", "(19-005) Paul Medved, Alameda, discussed sea level rise", width)


def test_a_numbered_heading_ends_on_its_short_last_line():
    width = 85
    # epa_planning_commission_2020-01-27_minutes.pdf: a heading, then the vote box under it
    assert ends_numbered_title(["2. APPROVAL OF THE AGENDA"], "RESULT: APPROVED [UNANIMOUS]", width)
    # a title over two lines, then the recommendation
    title = ["1. June 10, 2019; June 24, 2019; July 8, 2019; and September 23, 2019,", "Planning Commission Minutes"]
    assert not ends_numbered_title(title[:1], title[1], width)  # a line ending in a comma runs on
    assert ends_numbered_title(title, "Adopt the June 10, 2019; June 24, 2019; July 8, 2019; and September 23,", width)
    # a numbered sentence, a line that runs on into lower case, and a paragraph with no number go on
    assert not ends_numbered_title(["1. Mr Shipton introduced the report."], "Members asked about it", width)
    assert not ends_numbered_title(["2. The Chair and Members shared"], "their congratulations", width)
    assert not ends_numbered_title(["Planning Commission Minutes"], "Adopt the minutes of June 10", width)


def test_an_extraction_breaks_under_a_numbered_heading_as_the_pdf_does():
    # epa_planning_commission_2020-01-27_minutes.pdf, lines as pypdfium2 extracts them
    body = ("2. APPROVAL OF THE AGENDA\r\nRESULT: APPROVED [UNANIMOUS]\r\nMOTION BY: Mashack\r\nSECOND: Brown\r\n"
            "4. APPROVAL OF CONSENT CALENDAR\r\n"
            "1. June 10, 2019; June 24, 2019; July 8, 2019; and September 23, 2019, \r\nPlanning Commission Minutes\r\n"
            "Adopt the June 10, 2019; June 24, 2019; July 8, 2019; and September 23, \r\n"
            "2019 Planning Commission minutes.\r\n")
    filler = "".join(f"Line {n} of the discussion that runs on across the page as prose does here.\r\n" for n in range(20))
    paragraphs = _paragraphs(_text_lines(body + filler))
    assert paragraphs[:3] == ["2. APPROVAL OF THE AGENDA", "RESULT: APPROVED [UNANIMOUS]", "MOTION BY: Mashack SECOND: Brown"]
    assert "1. June 10, 2019; June 24, 2019; July 8, 2019; and September 23, 2019, Planning Commission Minutes" in paragraphs


def test_a_form_feed_inside_a_line_starts_the_next_page():
    # kent_cabinet_2025-01-09_minutes.pdf: pypdfium2 joins pages 1 and 2 inside a line
    raw = "(Policy, Planning & Strategy) were in attendance for this item \f1. Mr Shipton introduced the report\r\n"
    lines, _, _ = split_lines(raw)
    cut = split_at_form_feeds(raw, lines)
    assert [(line.page, line.text.strip()) for line in cut] == [
        (1, "(Policy, Planning & Strategy) were in attendance for this item"), (2, "1. Mr Shipton introduced the report")]
    assert all(raw[line.start:line.start + len(line.text)].replace("\f", " ") == line.text for line in cut)


def test_virtual_breaks_keep_spans_on_the_original_characters():
    data = KENT_CABINET.replace("\n", "\r\n").encode("utf-8")
    source = read_text(data, "kent_cabinet_extract.txt")
    raw = source.raw
    numbers = {line.number for line in source.lines}
    assert numbers == set(range(1, KENT_CABINET.count("\n") + 1))  # editor line numbers, none invented
    document = parse_source(source)
    meeting = document.meetings[0]
    for entry in meeting.attendance:
        assert raw[entry.span.char_start:entry.span.char_end] == entry.span.text
        assert entry.person.surname in entry.span.text
    for item in meeting.items:
        for resolution in item.resolutions:
            assert raw[resolution.span.char_start:resolution.span.char_end] == resolution.span.text


def test_soft_hyphen_mark_reads_as_a_hyphen():
    # kent_cc_2024-12-19_minutes.pdf: pypdfium2 writes U+FFFE where a line ended in a hyphen
    lines, _, _ = split_lines("Ms Constantine, Mr Crow\ufffeBrown, Mr Manion\n")
    assert lines[0].text == "Ms Constantine, Mr Crow-Brown, Mr Manion"


def test_furniture_is_left_out_of_paged_extractions():
    # epa_planning_commission_2020-01-27_minutes.pdf prints this line at the top of every page
    header = "Planning Commission January 27, 2020 Minutes Page {} of 3"
    body = "\n".join(f"Line {n} of the minutes that runs on for a while." for n in range(12))
    raw = "\f".join(header.format(page) + "\n" + body for page in (1, 2, 3)) + "\n"
    lines, _, _ = split_lines(raw)
    kept, printed = restore_paragraphs(raw, lines)
    assert not any(line.text.startswith("Planning Commission") for line in kept)
    assert printed == ["1", "2", "3"]


@pytest.mark.skipif(not MINUTES_PDFS, reason="no real minutes PDF: ../shared/realdocs is not beside the checkout")
@pytest.mark.parametrize("path", MINUTES_PDFS, ids=lambda p: p.stem)
def test_a_pdf_and_its_extracted_text_give_the_same_minutes(path):
    from extract.reading.pdf import read_pdf

    source = read_pdf(path.read_bytes(), path.name)
    if not any(line.text.strip() for line in source.lines):
        pytest.skip(f"{path.name}: the PDF reader finds no readable text (a scan, or fonts without a Unicode map): nothing to compare")
    from_pdf, from_text = record(parse_source(source)), as_text(path)
    assert from_text == from_pdf
    assert as_text(path, b"\n") == from_text  # LF line endings read as CRLF ones do


def test_a_span_maps_back_to_the_lines_it_covers_when_breaks_were_added():
    source = read_text(KENT_CABINET.replace("\n", "\r\n").encode("utf-8"), "kent_cabinet_extract.txt")
    index = next(i for i, line in enumerate(source.lines) if line.text.startswith("RESOLVED that"))
    assert index != source.lines[index].number - 1  # virtual breaks stand before it
    span = source.span(index, index + 1)
    assert list(source.indexes_of(span))[:2] == [index, index + 1]
