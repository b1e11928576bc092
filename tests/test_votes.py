"""Recorded votes in full-council minutes, and the warning when a count disagrees with its names."""

from __future__ import annotations

import pytest

from extract.parse.votes import find_votes
from extract.read import read_text
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
    assert [w for w in document.warnings if "printed as" in w] == [
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
