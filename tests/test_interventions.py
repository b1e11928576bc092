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
    from extract.parsing.speakers import MeetingContext, parse_subject

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
    from extract.parsing.nlp import promises

    assert promises(text) == []


# --- real sentences of other councils' minutes (the gold convention of /work/shared/eval) ---

def turns(text, members=(), others=()):
    """(speaker, kind) of each intervention read from text as one minutes item."""
    from extract.parsing.interventions import MeetingContext, read_interventions
    from extract.parsing.roster import to_person
    from extract.parsing.names import parse_name
    from extract.reading.decode import read_text

    source = read_text(text.encode("utf-8"), "item.txt")
    context = MeetingContext()
    for printed in (*members, *others):
        person = to_person(parse_name(printed))
        context.people.append(person)
        if printed in members:
            context.members.add(person.id)
    found, _ = read_interventions(source, 0, len(source.lines) - 1, set(), context)
    return [(speaker_name(i), i.kind) for i in found]


def test_lettered_sub_paragraphs_fold_and_a_numbered_paragraph_starts_a_turn():
    # kent_cpp_2024-10-29_minutes.pdf, item 4: 'b.' labels, 'Furthermore, Ms Carpenter', 'In response to a question ...,'
    text = """1. Joanne Carpenter, Participation and Engagement Manager, introduced the
report. She highlighted a few key areas:
a. Ms Carpenter shared that the recruitment of six apprentices had taken
place over the summer.
b. Furthermore, Ms Carpenter shared that positive feedback had been
received from events that had taken place over the summer.

2. The Chair and Members shared their congratulations for the nominees and
winners of the awards.

3. In response to a question surrounding children who do not participate in the
events, Ms Carpenter shared that:
a. Mental health had been a contributing factor.

4. A Member questioned the timeline for outcomes of the Big Listen
Consultation. Joanne Carpenter offered to follow up with Members when the
results become available.
"""
    assert turns(text) == [("Joanne Carpenter", "presentation"), ("Chair", "comment"), ("Joanne Carpenter", "response"),
                           ("Member", "question"), ("Joanne Carpenter", "response")]


def test_answers_under_in_response_to_comments_and_questions_it_was_said():
    # kent_cpp_2024-10-29_minutes.pdf, item 7
    text = """2. In response to comments and questions asked it was said:
a. The Chair shared that she had been a member of the Youth Justice
Board and therefore had seen the challenges present at HMYOI
Cookham Wood.
b. A Member asked for confirmation as to within which stage of the Oasis
Restore School were Kent youth offenders to be placed. Mr Read
shared that the placement of youth offenders had been set to take
place in stage two.
e. Mr Read advised that children in care were a priority group. He
added that Outcome 22 was available to all children.
"""
    assert turns(text) == [("Chair", "comment"), ("Member", "question"), ("Read", "response")]


def test_co_subjects_each_take_a_turn_and_an_introduced_report_is_a_presentation():
    # kent_cpp_2024-10-29_minutes.pdf, items 10 and 11; kent_cc_2025-02-13_printed_minutes_budget_votes.pdf, 291 (5), (26)
    assert turns("""1. Christy Holden, Head of Children’s Commissioning and Robin Cahill, Senior
Commissioner (Children’s) introduced the Sufficiency Strategy.""", others=["Christy Holden", "Robin Cahill"]) == [
        ("Christy Holden", "presentation"), ("Robin Cahill", "presentation")]
    assert turns("""(5) Mr Brady (Leader of the Opposition), Mr Hook (Leader of the Liberal
Democrat Group) and Mr Lehmann (Leader of the Green & Independent Group) gave
their responses to the recommendations.""", members=["Mr Brady", "Mr Hook", "Mr Lehmann"]) == [
        ("Brady", "comment"), ("Hook", "comment"), ("Lehmann", "comment")]
    assert turns("(26) Mr Gough and Mr Oakford summarised the debate.", members=["Mr Gough", "Mr Oakford"]) == [
        ("Gough", "comment"), ("Oakford", "comment")]


def test_one_post_whose_title_holds_and_and_commas_is_one_speaker():
    # kent_cc_2025-02-13_printed_minutes_budget_votes.pdf, 291 (13) and (22); durham 2024 pack item 9
    assert turns("""(13) The Cabinet Member for Highways and Transport, the Cabinet Member for
Environment, the Cabinet Member for Community and Regulatory Services
and the Cabinet Member for Economic Development introduced the budget.""") == [
        ("Cabinet Member for Highways and Transport", "presentation"), ("Cabinet Member for Environment", "presentation"),
        ("Cabinet Member for Community and Regulatory Services", "presentation"),
        ("Cabinet Member for Economic Development", "presentation")]
    assert turns("""(22) The Deputy Leader and Cabinet Member for Finance, Corporate and
Traded Services introduced the budget.""") == [
        ("Deputy Leader and Cabinet Member for Finance, Corporate and Traded Services", "presentation")]
    assert turns("T Gorman, Corporate Policy and Performance Manager reviewed the key highlights of the report.") == [
        ("T Gorman", "presentation")]


def test_collective_and_impersonal_subjects_and_motions_are_not_turns():
    # kent_cpp_2024-10-29_minutes.pdf item 8; kent_cabinet_2025-01-09_minutes.pdf 83; alameda_city_council_2019-01-02
    assert turns("""3. In response to comments and questions asked it was said:
a. Members referred to the statistics and asked what KCC planned to do
to improve the ones in the red.
b. Sarah Hammond noted that court delays were often caused lengthy timeframes.""") == [("Sarah Hammond", "response")]
    assert turns("a. The Deputy Prime Minister stated that care leavers were among the group.") == []
    assert turns("Mr Love suggested and the Leader and Cabinet agreed to the following amendment:") == []
    assert turns("(6) Following a general debate, the Chairman called for cross-directorate amendments.") == []
    assert turns("Councilmember Vella seconded the motion; requested input from the Interim City Attorney.",
                 members=["Councilmember Vella"]) == [("Vella", "request")]


def test_a_question_and_its_answer_in_one_sentence():
    # alameda_city_council_2019-01-02_minutes.pdf, 19-016
    assert turns("Under discussion, the City Clerk inquired about the time of the meeting, to which Mayor Ezzy Ashcraft "
                 "responded 6:00pm.", members=["Mayor Ezzy Ashcraft"]) == [("City Clerk", "question"), ("Ezzy Ashcraft", "response")]
    assert turns("In response to Mayor Ezzy Ashcraft's inquiry regarding the deadline, the Interim City Attorney stated "
                 "the deadline is in March.", members=["Mayor Ezzy Ashcraft"]) == [
        ("Ezzy Ashcraft", "question"), ("Interim City Attorney", "response")]


def test_initials_resolve_through_the_attendance_and_a_heading_before_a_dash_is_not_the_speaker():
    # west-dereham-pc_2017-06-01_minutes.md 75/17; stoke-ferry-pc_2011-05-18_minutes.md Matters Arising
    text = """a) Farm Tenancy Agreement – CC noted that the Farm Tenancy would be available from October 2017.

c) Goalpost Design – CC asked the Parish Clerk to chase Bonnets of Stoke Ferry for a Design.

PK raised the question of such vehicles travelling through the village.
"""
    assert turns(text, members=["Claire Cann", "Paula Kellingray", "Pam Bullas"]) == [
        ("Claire Cann", "comment"), ("Claire Cann", "request"), ("Paula Kellingray", "question")]
    grit_bins = turns("a) Grit Bins - Cllr Mrs Leamon asked whether the Clerk still had the grit bins in her possession.")
    assert [(name.split()[-1], kind) for name, kind in grit_bins] == [("Leamon", "question")]


def test_a_meeting_remembers_who_a_subject_names_and_answers_as_named_person():
    from extract.parsing.speakers import MeetingContext, named_person

    context = MeetingContext()
    for text in ["Councillor D Nicholls", "He", "The Chair", "Jonathan Slee", "Councillor D Nicholls"]:
        assert context.named(text) == named_person(text)
    assert list(context.names) == ["Councillor D Nicholls", "He", "The Chair", "Jonathan Slee"]
    assert context.named("Councillor D Nicholls") is context.names["Councillor D Nicholls"]


def test_the_comma_and_separators_outside_brackets():
    from extract.parsing.speakers import _SEPARATOR, _comma_outside_brackets, _top_level

    text = "The PH Strategic Manager (L, AW), J Sunter"
    assert _comma_outside_brackets(text) == text.index("),") + 1
    assert _comma_outside_brackets("J Sunter, Manager") == 8
    assert _comma_outside_brackets("(a, b)") is None and _comma_outside_brackets("Councillor Smith") is None
    assert [m.start() for m in _top_level(_SEPARATOR, "Mr A (X, Y) and Mr B, Mr C")] == [11, 20]


def test_initials_are_looked_up_again_once_the_meeting_knows_more_people():
    from extract.parsing.names import parse_name
    from extract.parsing.roster import to_person
    from extract.parsing.speakers import MeetingContext

    context = MeetingContext()
    assert context.by_initials("JS") is None
    context.learn(to_person(parse_name("Councillor Jane Smith")), None)
    assert context.by_initials("JS").surname == "Smith"
    context.learn(to_person(parse_name("Councillor John Sutton")), None)
    assert context.by_initials("JS") is None  # two people fit: nobody


def test_a_person_is_found_by_surname_among_people_added_after_the_last_search():
    from extract.parsing.names import parse_name
    from extract.parsing.roster import to_person
    from extract.parsing.speakers import MeetingContext

    context = MeetingContext()
    assert context.find(parse_name("Councillor J Miller")) is None
    context.people.append(to_person(parse_name("Councillor Jane Miller")))  # as from_attendance adds them
    assert context.find(parse_name("Councillor J Miller")).given == "Jane"
    assert context.find(parse_name("Councillor P Smith")) is None
    context.learn(to_person(parse_name("Councillor Paul Smith")), None)
    assert context.find(parse_name("Councillor P Smith")).given == "Paul"
