"""A pack's parts: front sheet, minutes, reports and their appendices and presentations."""

from __future__ import annotations

import pytest

from extract.read import read_text
from extract.segment import segment
from tests.helpers import parsed


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
