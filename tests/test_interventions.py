"""Who asked what: interventions measured against hand annotations, and their behaviours."""

from __future__ import annotations

import difflib
import json

import pytest

from tests.helpers import GOLDEN, parsed

ANNOTATIONS = json.loads((GOLDEN / "interventions" / "annotations.json").read_text(encoding="utf-8"))["items"]


def item(source, meeting_date, number):
    document = parsed(source)
    meeting = next(m for m in document.meetings if m.date == meeting_date)
    return next(i for i in meeting.items if i.number == number)


def speaker_name(intervention):
    return intervention.speaker.name if intervention.speaker else intervention.role_title


def measure():
    """Align found and expected interventions by speaker; count matches, kinds right, totals."""
    found_total = expected_total = matched = kinds_right = 0
    for case in ANNOTATIONS:
        found = [(speaker_name(i), i.kind) for i in item(case["source"], case["meeting"], case["item"]).interventions]
        expected = [tuple(e) for e in case["interventions"]]
        found_total += len(found)
        expected_total += len(expected)
        matcher = difflib.SequenceMatcher(None, [e[0] for e in expected], [f[0] for f in found], autojunk=False)
        for block in matcher.get_matching_blocks():
            for offset in range(block.size):
                matched += 1
                kinds_right += expected[block.a + offset][1] == found[block.b + offset][1]
    return found_total, expected_total, matched, kinds_right


def test_speakers_and_kinds_against_hand_annotations(capsys):
    found, expected, matched, kinds_right = measure()
    precision, recall = matched / found, matched / expected
    with capsys.disabled():
        print(f"\ninterventions: {expected} annotated, {found} found, {matched} with the right speaker; "
              f"precision {precision:.3f}, recall {recall:.3f}, kind right {kinds_right}/{matched} = {kinds_right / matched:.3f}")
    assert expected >= 80 and len(ANNOTATIONS) >= 6
    assert precision >= 0.9 and recall >= 0.9
    assert kinds_right / matched >= 0.8


PACK_2024 = "corpus/durham_safer-stronger-communities-osc_2024-04-16_agenda-pack.txt"
PACK_2017 = "corpus/durham_safer-stronger-communities-osc_2017-10-31_agenda-pack.txt"
EASTSHIRE = "tests/documents/eastshire_scrutiny_minutes_2024-06-10.txt"


def test_a_role_introduced_with_a_name_resolves_to_that_person_later():
    interventions = item(PACK_2024, "2024-02-26", "6").interventions
    sunter = [i for i in interventions if i.role_title and "PH Strategic Manager" in i.role_title]
    assert len(sunter) >= 10
    assert {i.speaker.name for i in sunter} == {"J Sunter"} and all(i.speaker_resolved for i in sunter)
    assert interventions[0].role_title == "PH Strategic Manager (L,AW)" and interventions[0].kind == "presentation"


def test_the_chairman_is_the_meetings_chair():
    chairman = [i for i in item(PACK_2017, "2017-09-22", "8").interventions if i.role_title == "Chairman"]
    assert chairman and all(i.speaker.name == "D Boyes" for i in chairman)


def test_an_anonymous_member_and_an_officer_named_then_referred_to_by_role():
    interventions = item(EASTSHIRE, "2024-06-10", "OS/14").interventions
    member = interventions[1]
    assert (member.speaker, member.role_title, member.speaker_is_member, member.kind) == (None, "Member", True, "question")
    assert member.text == "A Member asked how many households were currently on the housing register."
    reply = interventions[2]
    assert (reply.role_title, reply.speaker.name, reply.kind, reply.responds_to) == ("Head of Housing", "Sarah Vaughan", "response", 1)


def test_an_unresolvable_role_keeps_its_title_and_is_marked_unresolved():
    from extract.parse.interventions import MeetingContext, parse_subject

    speaker = parse_subject("The Senior Transport Planner", MeetingContext())
    assert (speaker.person, speaker.role, speaker.resolved, speaker.member) == (None, "Senior Transport Planner", False, False)


def test_in_response_to_a_question_asked_by_makes_the_question_and_its_answer():
    first = item(PACK_2017, "2017-09-22", "3").interventions
    assert [(speaker_name(i), i.kind, i.responds_to) for i in first] == [
        ("Jonathan Slee", "comment", None), ("B Avery", "question", None), ("Jonathan Slee", "response", 1)]
    assert first[1].text.startswith("In response to a question asked by Councillor Avery on underage drinking")


def test_each_intervention_cites_its_verbatim_sentences():
    for intervention in item(PACK_2024, "2024-02-26", "9").interventions:
        assert intervention.span.text.split()[:3] == intervention.text.split()[:3]
        assert intervention.span.line_start >= 250


def test_promised_actions():
    actions = item(PACK_2024, "2024-02-26", "6").actions
    found = [(a.by.name if a.by else a.by_role, a.what, a.to_whom) for a in actions]
    assert ("J Sunter", "agreed to provide a more formal response", None) in found
    assert ("J Sunter", "agreed to circulate the details to committee members for information", "committee members") in found
    keane = [a for a in item(PACK_2017, "2017-09-22", "8").actions if a.by and a.by.name == "Alfie Keane"]
    assert [(a.what, a.to_whom) for a in keane] == [
        ("would obtain this information and respond to Members of the Committee", "Members of the Committee")]
    health = item(EASTSHIRE, "2024-06-10", "OS/15").actions
    assert [(a.by.name, a.to_whom) for a in health] == [("Tom Wright", "the Committee")]


@pytest.mark.parametrize("text", [
    "This would be reciprocated from other police forces.",
    "Further information would provide knowledge on the impact of effective intervention.",
    "Members agreed to note the report.",
])
def test_hypotheticals_are_not_promises(text):
    from extract.nlp import promises

    assert promises(text) == []
