"""Recorded votes in full-council minutes, and the warning when a count disagrees with its names."""

from __future__ import annotations

import pytest

from extract.parsing.votes import find_votes
from extract.reading.decode import read_text
from tests.helpers import parsed

MIDSHIRE = "tests/documents/midshire_county_council_budget_minutes_2025-02-13.txt"


def names(people):
    return [p.name for p in people]


def test_amendment_and_substantive_motion_with_wrapped_name_lists():
    items = parsed(MIDSHIRE).meetings[0].items
    amendment, motion = items[0].votes
    assert (amendment.motion, amendment.mover.name, amendment.seconder.name, amendment.result) == ("Amendment", "A Booth", "C Bell", "lost")
    assert names(amendment.for_) == ["A Booth", "C Bell", "M Baldock"]
    assert names(amendment.against) == ["P Bartlett", "Paul Carter", "D Beaney", "S Hohler", "J Wright", "P Stockell"]
    assert amendment.abstain == [] and amendment.counts == {"for": 3, "against": 5, "abstain": 0}
    assert (motion.mover.name, motion.seconder.title, motion.seconder.name, motion.result) == ("P Bartlett", "Sir", "Paul Carter", "carried")
    assert len(motion.for_) == motion.counts["for"] == 6
    (unanimous,) = items[1].votes
    assert (unanimous.mover.name, unanimous.seconder.name, unanimous.result) == ("J Wright", "S Hohler", "agreed")


def test_a_count_that_disagrees_with_its_list_is_kept_as_printed_and_warned_about():
    document = parsed(MIDSHIRE)
    assert document.meetings[0].items[0].votes[0].counts["against"] == 5
    assert [w.message for w in document.warnings if w.code == "vote-count-mismatch"] == [
        "minutes of County Council (2025-02-13), item 45: against printed as 5 but 6 name(s) are listed"]


def test_vote_lists_are_not_read_as_speech():
    item = parsed(MIDSHIRE).meetings[0].items[0]
    assert all("For (3)" not in i.text for i in item.interventions)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cllr Jones moved approval, seconded by Cllr O'Brien.\nAyes: Councillors Knox, Oddie and Vella – 3.\nNoes: None.\nMotion carried.\n",
         ("approval", "Jones", "O'Brien", "carried", ["Knox", "Oddie", "Vella"], {"for": 3})),
        ("The motion was moved by Councillor A Patel and seconded by Councillor B Singh.\n\nOn being put to the vote the motion was lost.\n",
         ("The motion", "Patel", "Singh", "lost", [], {})),
    ],
)
def test_other_styles(text, expected):
    source = read_text(text.encode(), "v.txt")
    (vote,) = find_votes(source, 0, len(source.lines) - 1)
    assert (vote.motion, vote.mover.surname, vote.seconder.surname, vote.result,
            [p.surname for p in vote.for_], vote.counts) == expected


@pytest.mark.parametrize("line", [
    # an all-capitals heading from a real agenda pack, and a line of Kent's budget-vote minutes
    # (shared/realdocs): each once made the mover pattern backtrack exponentially
    "LICENSING SUB COMMITTEE ANNUAL REVIEW REPORT (Agenda item 6)",
    "To amend the budget proposed by the Administration in line with the" + " proposals of the Group" * 8,
])
def test_a_long_run_of_capitalised_words_is_not_read_as_a_mover_and_does_not_hang(line):
    import signal

    def too_slow(*_):
        raise TimeoutError(line)

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(5)
    try:
        source = read_text(f"Minutes\n{line}\n".encode(), "hang.txt")
        assert find_votes(source, 0, len(source.lines) - 1) == []
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def votes_in(text: str):
    source = read_text(text.encode(), "v.txt")
    return find_votes(source, 0, len(source.lines) - 1)


def surnames(people):
    return [p.surname for p in people]


# kent_cc_2025-02-13_printed_minutes_budget_votes.pdf (shared/realdocs), minute 290, as its text
# layer reads: each side's heading on a line of its own, its names in the next paragraph wrapping
# between 'Mr' and the surname, a side with no votes printed as its heading alone, the result
# right after the last name.
KENT_DIVISION = """(2) Mr Oakford proposed, and Mr Gough seconded the motion that:

“Pursuant to section 25 of the Local Government Act, County Council is
asked to consider and note this report.”
(3) The Chairman put the motion set out in paragraph 2 to the vote and the
voting was as follows:

For (7)

Mr Baker, Mr Baldock, Mr Bartlett, Miss Carey, Sir Paul Carter, CBE, Mrs
Chandler, Mr Hill, OBE

Against (0)

Abstain (2)

Mr B Lewis, Mr D Ross
Motion carried.
"""


def test_a_named_division_with_headings_over_paragraphs_of_names():
    (vote,) = votes_in(KENT_DIVISION)
    assert (vote.mover.surname, vote.seconder.surname, vote.result) == ("Oakford", "Gough", "carried")
    assert surnames(vote.for_) == ["Baker", "Baldock", "Bartlett", "Carey", "Carter", "Chandler", "Hill"]
    assert vote.against == [] and surnames(vote.abstain) == ["Lewis", "Ross"]
    assert vote.counts == {"for": 7, "against": 0, "abstain": 2}


def test_an_amendment_decided_without_a_division_then_one_with_lists_are_two_votes():
    # kent_cc_2025-01-09_printed_minutes.pdf, minute 285 paragraphs 15-18 (abridged)
    text = ("15) Mr Streatfeild proposed and Mr Sole seconded the following amendment to\n"
            "the motion set out in paragraph 5:\n\n“County Council is asked to note.”\nAmendment carried.\n\n"
            "17) Mr Hood proposed and Mr Baldock seconded the following amendment to\nthe substantive motion:\n\n"
            "18) Following the debate, the Chairman put the amendment set out in\nparagraph 17 to the vote and the voting was as follows:\n\n"
            "For (2)\n\nMr Baldock, Mr Brady\n\nAgainst (1)\n\nMr Baker\n\nAbstain (0)\n\nAmendment lost.\n")
    carried, lost = votes_in(text)
    assert (carried.mover.surname, carried.result, carried.for_) == ("Streatfeild", "carried", [])
    assert (lost.mover.surname, lost.seconder.surname, lost.result) == ("Hood", "Baldock", "lost")
    assert (surnames(lost.for_), surnames(lost.against), lost.counts) == (
        ["Baldock", "Brady"], ["Baker"], {"for": 2, "against": 1, "abstain": 0})


def test_a_motion_never_decided_before_the_next_is_moved_is_no_vote():
    # kent_cc_2025-02-13: the substantive motion moved in (4) is voted on after six amendments
    text = ("(4) Mr Oakford proposed and Mr Gough Seconded the motion.\n\n"
            "(7) Mr Brady proposed, and Ms Meade seconded the following amendment:\n\n"
            "For (1)\n\nMr Brady\n\nAgainst (1)\n\nMr Baker\nAmendment lost.\n")
    (vote,) = votes_in(text)
    assert (vote.mover.surname, vote.result) == ("Brady", "lost")


# london-on-community-protective-services-cttee_2025-04-07_minutes.md (shared/realdocs) as
# extract/reading/decode.py gives it: 'Moved by' and 'Seconded by' lines, the callout's table of names.
LONDON_TABLE = """  Moved by J. Pribil

  Seconded by P. Cuddy

That the motion be amended by adding a new part which reads as follows:

               Vote:
  |Yeas:|Nays:|
  |-|-|
  |H. McAlister|D. Ferreira|
  |P. Cuddy||
  |J. Pribil||
  |S. Trosow||

  **Motion Passed (4 to 1)**
"""


def test_a_table_of_names_under_yeas_and_nays_with_the_count_in_the_result():
    (vote,) = votes_in(LONDON_TABLE)
    assert (vote.mover.surname, vote.seconder.surname, vote.result) == ("Pribil", "Cuddy", "carried")
    assert surnames(vote.for_) == ["McAlister", "Cuddy", "Pribil", "Trosow"]
    assert surnames(vote.against) == ["Ferreira"] and vote.counts == {"for": 4, "against": 1}


def test_an_empty_first_cell_keeps_its_column():
    # london-on-strategic-priorities-policy-cttee_2025-04-10_minutes.md: the Nays column is longer
    text = "|Yeas:|Nays:|Absent:|\n|-|-|-|\n|C. Rahman|S. Hillier||\n||E. Peloza||\n\n**Motion Failed (1 to 2)**\n"
    (vote,) = votes_in(text)
    assert (surnames(vote.for_), surnames(vote.against), vote.result) == (["Rahman"], ["Hillier", "Peloza"], "lost")


def test_a_result_that_names_its_motion_is_a_vote_without_a_mover():
    # london-on-community-protective-services-cttee_2025-04-07: the adjournment
    (vote,) = votes_in("That the meeting BE ADJOURNED.\n\n  **Motion Passed**\n")
    assert (vote.mover, vote.result) == (None, "carried")


def test_a_boxed_vote_block_restates_the_motion_above_it():
    # epa_planning_commission_2020-01-27_minutes.pdf (shared/realdocs), item 5.1
    text = ("Commissioner Allen Fisk made a motion, seconded by Commissioner Mendez,\n"
            "to postpone the election of Chair and Vice Chair to July 2020, and set motion\n"
            "failed to gather a majority vote as reflected:\n\n"
            "RESULT: FAILED [4-2-1-1]\nMOTION BY: Allen Fisk\nSECOND: Mendez\n"
            "AYES: Sherrard, Allen Fisk, Bello, Mendez\nNAYS: Brown, Mashack\nABSTAIN: Garcia\nABSENT: Hernandez\n")
    (vote,) = votes_in(text)
    assert (vote.mover.surname, vote.seconder.surname, vote.result) == ("Fisk", "Mendez", "lost")
    assert surnames(vote.for_) == ["Sherrard", "Fisk", "Bello", "Mendez"]
    assert (surnames(vote.against), surnames(vote.abstain)) == (["Brown", "Mashack"], ["Garcia"])
    assert vote.counts == {"for": 4, "against": 2, "abstain": 1}


def test_a_boxed_block_alone_is_a_vote():
    # epa_planning_commission_2020-01-27_minutes.pdf, item 2
    text = ("RESULT: APPROVED [UNANIMOUS]\nMOTION BY: Mashack\nSECOND: Brown\n"
            "AYES: Mashack, Brown, Allen Fisk\nABSENT: Hernandez\n")
    (vote,) = votes_in(text)
    assert (vote.mover.surname, vote.result, surnames(vote.for_)) == ("Mashack", "carried", ["Mashack", "Brown", "Fisk"])


def test_prose_ayes_and_noes_wrapping_over_lines():
    # alameda_city_council_2019-01-02_minutes.pdf (shared/realdocs), 19-016
    text = ("Councilmember Oddie moved adoption of the resolution.\n\n"
            "Vice Mayor Knox White seconded the motion.\n\n"
            "On the call for the question, the motion carried by the following voice vote: Ayes:\n"
            "Councilmembers Knox White, Oddie, Vella and Mayor Ezzy Ashcraft – 4. Noes:\n"
            "Councilmember Daysog – 1.\n")
    (vote,) = votes_in(text)
    assert (vote.mover.surname, vote.seconder.surname, vote.result) == ("Oddie", "White", "carried")
    assert surnames(vote.for_) == ["White", "Oddie", "Vella", "Ashcraft"] and surnames(vote.against) == ["Daysog"]
    assert vote.counts == {"for": 4, "against": 1}


def test_a_unanimous_voice_vote_in_the_seconding_sentence():
    # alameda_city_council_2019-01-02_minutes.pdf, the joint meeting's consent calendar
    text = ("Councilmember/Commissioner Oddie moved approval of the remainder of the Consent\nCalendar.\n\n"
            "Councilmember/Commissioner Vella seconded the motion, which carried by unanimous\n"
            "voice vote - 5. [Items so enacted or adopted are indicated by an asterisk.]\n")
    (vote,) = votes_in(text)
    assert (vote.mover.surname, vote.seconder.surname, vote.result, vote.counts) == ("Oddie", "Vella", "carried", {"for": 5})


@pytest.mark.parametrize(("text", "expected"), [
    # nipissing-township-council_2018-10-02_minutes.html: mover and seconder before 'That'
    ("R2018-168\tL. Smith, T. Marchant: That we accept the correspondence as presented. Carried.",
     ("Smith", "Marchant", "carried")),
    # stoke-ferry-pc_2011-05-18_minutes.md
    ("Cllr Mrs Leamon proposed acceptance seconded by Cllr Ryves. Agreed.", ("Leamon", "Ryves", "agreed")),
    # boughton-pc_2014-07-24_minutes.md: a proposal with no seconder and no outcome printed
    ("Peter Agate proposed that the next independent playground safety inspection be moved from January to July.",
     ("Agate", None, None)),
    # cue words in other cases and inside other words ('proposal', 'appropriate'): the prose
    # patterns run only on sentences with their cue, which must not miss these
    ("The proposal to mend the appropriate fence was PROPOSED BY Cllr A Patel and Seconded by Cllr B Singh. Agreed.",
     ("Patel", "Singh", "agreed")),
])
def test_movers_in_parish_and_township_minutes(text, expected):
    (vote,) = votes_in(text + "\n")
    assert (vote.mover.surname, vote.seconder and vote.seconder.surname, vote.result) == expected
