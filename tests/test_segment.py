"""A pack's parts: front sheet, minutes, reports and their appendices and presentations."""

from __future__ import annotations

import time

import pytest

from extract.reading.decode import read_text
from extract.segmenting.segment import segment
from tests.helpers import ROOT, parsed


def kinds_and_titles(relative):
    return [(p.kind, p.title) for p in parsed(relative).parts if p.parent is None]


def test_the_2017_pack_is_front_sheet_minutes_and_three_reports():
    parts = kinds_and_titles("corpus/durham_safer-stronger-communities-osc_2017-10-31_agenda-pack.txt")
    assert [kind for kind, _ in parts] == ["front_sheet", "minutes", "report", "report", "report"]
    assert [title for kind, title in parts if kind == "report"] == [
        "Progress of Recommendations following the Overview and Scrutiny Review of Organised Crime",
        "Safe Durham Partnership Strategic Assessment 2017 and Safe Durham Partnership Plan 2018-21 priorities",
        "Progress of Recommendations following the Overview and Scrutiny Review of Home Safety – Safe and Wellbeing Visits",
    ]


def test_the_2024_pack_has_five_reports_with_appendices_and_presentations():
    document = parsed("corpus/durham_safer-stronger-communities-osc_2024-04-16_agenda-pack.txt")
    reports = [p for p in document.parts if p.kind == "report"]
    assert [p.title for p in reports] == [
        "Draft Safe Durham Partnership Strategy 2024-29",
        "Road Safety",
        "Anti-social Behaviour (ASB) Strategic Group Update – ASB Delivery Plan 2024-2025",
        "Quarter Three, 2023/24 Performance Management Report",
        "Probation Service",
    ]
    children = [(p.kind, document.parts[p.parent].title) for p in document.parts if p.parent is not None]
    assert ("presentation", "Road Safety") in children
    assert ("appendix", "Road Safety") in children
    assert sum(kind == "blank" for kind, _ in children) >= 3


@pytest.mark.parametrize(
    ("relative", "title"),
    [
        ("corpus/durham_corporate-osmb_2017-06-23_report_partnership-update.txt", "County Durham Partnership Update"),
        ("corpus/durham_safer-stronger-communities-scrutiny_2014-02-25_report_sdp-update.txt", "Safe Durham Partnership Update"),
        ("corpus/durham_safer-stronger-communities-osc_2014-04-03_report_work-programme.txt",
         "Council Plan 2014-2017- Refresh of the Work Programme"),
    ],
)
def test_standalone_reports(relative, title):
    document = parsed(relative)
    assert document.kind == "report"
    assert kinds_and_titles(relative) == [("report", title)]
    assert document.meetings == []


def test_a_report_of_line_in_an_agenda_is_not_a_report_without_report_headings():
    text = "AGENDA\n\n1. Budget\nReport of the Treasurer\n\n2. Any other business\n"
    assert [s.kind for s in segment(read_text(text.encode(), "a.txt"))] == ["front_sheet"]


def test_a_sentence_about_earlier_minutes_does_not_open_minutes():
    text = ("Report of the Clerk\n\nPurpose of the Report\n\n"
            "Minutes of the meeting held on 5 March 2024 were approved by the Board.\n")
    assert [s.kind for s in segment(read_text(text.encode(), "r.txt"))] == ["report"]


# alameda_pension_board_2012-07-30_minutes_scanned.pdf (OCR): page 2 opens with the meeting's
# running header, the same board and date as the title of page 1.
PENSION_BOARD_PAGES = (
    "MINUTES OF THE REGULAR MEETING\nOF THE\nPENSION BOARD OF THE CITY OF ALAMEDA\nHELD 3:30 P.M., JULY 30, 2012\n"
    "ALAMEDA CITY HALL\n\nThe meeting was called to order by Chair Marie Gilmore at 4:30 p.m.\n\n"
    "There were no oral communications.\n\f City of Alameda\n\nMinutes of the Regular Meeting of the\n"
    "Pension Board — Monday, July 30, 2012\nPage 2\n\n7. ADJOURNMENT:\n"
    "There being no further business to come before the board, the meeting was adjourned at 4:35 p.m.\n"
)


def test_a_running_header_that_repeats_the_meeting_opens_no_second_meeting():
    source = read_text(PENSION_BOARD_PAGES.encode(), "minutes.txt")
    assert [part.kind for part in segment(source)] == ["minutes"]


def test_a_title_of_another_body_on_the_same_date_still_opens_a_meeting():
    other = PENSION_BOARD_PAGES.replace("Pension Board —", "Golf Commission —")
    source = read_text(other.encode(), "minutes.txt")
    assert [part.kind for part in segment(source)] == ["minutes", "minutes"]


# sdusd_board_2001-01-30_regular_minutes.pdf, read by OCR (--ocr): the date printed left of the
# title comes out above 'MINUTES'; each later page's running header ('MINUTES' / '| January 30,
# 2001') comes out mid-page; the minutes of an earlier meeting are approved as an item.
SCHOOL_BOARD_PAGES = (
    "Present\n\nJanuary 30, 2001\n\nMINUTES\nREGULAR PUBLIC MEETING OF THE BOARD OF\nEDUCATION\n"
    "SAN DIEGO UNIFIED SCHOOL DISTRICT\nAUDITORIUM, EUGENE BRUCKER EDUCATION CENTER\n4100 NORMAL STREET\n"
    "SAN DIEGO, CA 92103\n\nAGENDA ITEM\n\nPLEDGE OF ALLEGIANCE\n\n"
    "President Braun called\nthe meeting to order at\n1:30 p.m., with all\nmembers present.\n\n"
    "Motion\nSecond\nAyes\n\nE\n\nMINUTES\n\n| January 30, 2001\n\nAGENDA ITEM\n\nC.\n\n1.\n\n"
    "RECOGNITIONS AND PRESENTATIONS\n\nand the Superintendent concur are routine in nature.\n\n"
    "APPROVAL OF MINUTES\n\nRegular Meeting, January 9, 2001.\n\n417\n\nACTION AUTHORIZED\nBY BOARD\n"
)


def _school_board(text: str = SCHOOL_BOARD_PAGES):
    return segment(read_text(text.encode(), "minutes.txt"))


def test_a_date_alone_above_a_minutes_title_dates_it():
    from extract.segmenting.segment import title_block

    texts = read_text(SCHOOL_BOARD_PAGES.encode(), "minutes.txt").clean_lines()
    title = title_block(texts, texts.index("MINUTES"))
    assert title is not None and title.lines[-1] == "January 30, 2001"
    assert "BOARD OF EDUCATION" in title.text  # a title line wrapped after 'OF' is one piece
    assert [(part.kind, part.first) for part in _school_board()][:2] == [("front_sheet", 0), ("minutes", 4)]


def test_a_date_above_a_title_line_belongs_to_that_title_not_the_next():
    shifted = SCHOOL_BOARD_PAGES.replace("Present\n\n", "PARKS COMMITTEE\n")
    from extract.segmenting.segment import title_block

    texts = read_text(shifted.encode(), "minutes.txt").clean_lines()
    assert title_block(texts, texts.index("MINUTES")) is None


def test_a_repeated_minutes_heading_without_a_body_on_the_same_date_is_a_running_header():
    assert [part.kind for part in _school_board()] == ["front_sheet", "minutes"]


def test_a_repeated_minutes_heading_with_another_date_opens_another_meeting():
    other = SCHOOL_BOARD_PAGES.replace("| January 30, 2001", "| February 6, 2001")
    assert [part.kind for part in _school_board(other)] == ["front_sheet", "minutes", "minutes"]


def test_approval_of_minutes_over_an_earlier_date_is_an_item_not_a_meeting():
    flat = SCHOOL_BOARD_PAGES.replace("| January 30, 2001", "| February 6, 2001")
    titles = [part.title for part in _school_board(flat)]
    assert "APPROVAL OF MINUTES" not in titles


def test_a_long_run_of_blank_lines_is_segmented_as_without_it_and_in_linear_time():
    """Blank pages (scanned, or drawn) leave long runs of blank lines: a 130-page Kent pack has one
    of 1,476. Every line of a run asks for a title block below it; walking the rest of the run
    each time made segmenting quadratic (1.3 s there; this pack's run of 20,000, minutes)."""
    relative = "corpus/durham_safer-stronger-communities-osc_2017-10-31_agenda-pack.txt"
    text = (ROOT / relative).read_text(encoding="utf-8")
    first_line, rest = text.split("\n", 1)
    padded = first_line + "\n" * 20_000 + "\n" + rest

    def parts(content: str):
        return [(p.kind, p.title) for p in segment(read_text(content.encode("utf-8"), relative))]

    started = time.perf_counter()
    assert parts(padded) == parts(text)
    assert time.perf_counter() - started < 30  # a bound on a hang, not a timing: linear takes ~0.5 s


def test_title_verdicts_remembered_per_document_answer_as_judged_afresh():
    """is_title_block_opener remembers a title's verdict for the document's tuple of lines; a
    list of the same lines is judged afresh every time. Both must agree on every line, and a
    second document with the same title text must not get the first one's answers."""
    from extract.segmenting.segment import is_title_block_opener

    paths = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "documents").glob("*.txt"))
    openers = 0
    for path in paths:
        texts = read_text(path.read_bytes(), path.name).clean_lines()
        remembered = [is_title_block_opener(texts, index) for index in range(len(texts))]
        assert remembered == [is_title_block_opener(list(texts), index) for index in range(len(texts))], path.name
        openers += sum(remembered)
    assert openers > 0
    with_present = ("", "", "PLANNING COMMITTEE", "12 March 2024", "", "Present: Councillor A Smith", "")
    without = ("", "", "PLANNING COMMITTEE", "12 March 2024", "", "The committee noted the report.", "")
    assert is_title_block_opener(with_present, 2) and not is_title_block_opener(without, 2)
