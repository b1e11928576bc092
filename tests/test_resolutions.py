"""The shapes of a decision in minutes, each clause its own record."""

from __future__ import annotations

import pytest

from extract.parsing.resolutions import find_resolutions
from extract.reading.decode import read_text


def clauses(text):
    source = read_text(text.encode(), "r.txt")
    found = find_resolutions(source, 0, len(source.lines) - 1)
    for resolution in found:  # every clause cites its verbatim source
        assert source.raw[resolution.span.char_start : resolution.span.char_end] == resolution.span.text
    return [(r.label, r.text, r.preamble) for r in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Resolved:\n\nThat the report be noted.\n", [(None, "That the report be noted.", None)]),
        ("RESOLVED – that the report be noted.\n", [(None, "that the report be noted.", None)]),
        ("RESOLVED: That the minutes be confirmed.\n", [(None, "That the minutes be confirmed.", None)]),
        ("Resolved that the budget be approved.\n", [(None, "the budget be approved.", None)]
         if False else [(None, "that the budget be approved.", None)]),
        ("It was RESOLVED:\n\nThat the answers be published.\n", [(None, "That the answers be published.", None)]),
        ("Resolved:\n\n- (i) That the report be noted.\n- (ii) That Members receive an update in 6 months.\n",
         [("i", "That the report be noted.", None), ("ii", "That Members receive an update in 6 months.", None)]),
        ("Resolved - that (a) the Council Tax Requirement be approved; and (b) the Band D charge be set.\n",
         [("a", "the Council Tax Requirement be approved; and", None), ("b", "the Band D charge be set.", None)]),
        ("RESOLVED that:\n(a) the draft budget be recommended;\n(b) the schedule be approved.\n",
         [("a", "the draft budget be recommended;", "that:"), ("b", "the schedule be approved.", "that:")]),
        ("AGREED:\n1. That the payments list be approved.\n2. That the reconciliation be noted.\n",
         [("1", "That the payments list be approved.", None), ("2", "That the reconciliation be noted.", None)]),
        ("Resolved:\n\nThat the report be noted and\nthat officers report back in June.\n",
         [(None, "That the report be noted and that officers report back in June.", None)]),
        ("UNANIMOUSLY RESOLVED - that the motion be carried.\n", [(None, "that the motion be carried.", None)]),
    ],
)
def test_resolution_shapes(text, expected):
    assert clauses(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She agreed to circulate the details to committee members.\n",
        "Members agreed that the visit had been useful.\n",
        "The resolution of the issue was discussed.\n",
        "Resolved issues were listed in the appendix.\n",
    ],
)
def test_prose_is_not_a_resolution(text):
    assert clauses(text) == []


def test_narrative_after_a_resolution_is_not_part_of_it():
    text = "Resolved:\n\nThat the report be noted.\n\nThe Chairman thanked the officers for attending.\n"
    assert clauses(text) == [(None, "That the report be noted.", None)]


# City of London (Ontario) committee minutes (eScribe, shared/realdocs/london-on-*.md), as read
LONDON_MOTIONS = """Moved by E. Peloza

Seconded by C. Rahman

That the following actions be taken with respect to the Submission:

a) the Civic Administration BE DIRECTED to review the contracted services; and

b) Civic Administration BE DIRECTED to review and report back on potential efficiency improvements.

it being noted that the Committee received a communication dated January 27, 2025 with respect to this matter.

Motion Passed (12 to 0)

Moved by S. Trosow

Seconded by A. Hopkins

That the appointment of a consultant BE REFERRED to a future meeting.

Motion Failed (4 to 8)
"""


def test_a_motion_that_passed_is_one_decision_with_its_clauses_and_closing_note():
    found = clauses(LONDON_MOTIONS)
    assert [text for _, text, _ in found] == [
        "That the following actions be taken with respect to the Submission: a) the Civic Administration BE DIRECTED "
        "to review the contracted services; and b) Civic Administration BE DIRECTED to review and report back on "
        "potential efficiency improvements. it being noted that the Committee received a communication dated "
        "January 27, 2025 with respect to this matter."]  # the referral failed: no decision


@pytest.mark.parametrize(("text", "expected"), [
    # Township of Nipissing minutes (shared/realdocs/nipissing-township-council_2018-10-02_minutes.html)
    ("R2018-162\tL. Smith, T. Marchant:  That the minutes of the meeting held September 18, 2018 be adopted as published.  Carried.\n",
     ["That the minutes of the meeting held September 18, 2018 be adopted as published."]),
    ("R2018-167\tL. Andersen, L. Smith:  That we resume to an open public meeting.  Time:  7:45 p.m.  Carried.\n",
     ["That we resume to an open public meeting."]),
    # a decision in the BE-form with no vote printed (London, item 1 of every committee)
    ("That it BE NOTED that no pecuniary interests were disclosed.\n",
     ["That it BE NOTED that no pecuniary interests were disclosed."]),
    # a 'That' sentence with neither an outcome nor a BE-form decision is not a decision
    ("That the matter was discussed at length.\n", []),
])
def test_numbered_and_be_form_motions(text, expected):
    assert [found for _, found, _ in clauses(text)] == expected
