"""Minute numbers in the styles councils print them: the count may sit before or after the year."""

from __future__ import annotations

import pytest

from extract.base.vocabulary import vocabulary
from extract.parsing.minutes import find_headings
from extract.reading.decode import read_text

BODY = "The Committee considered the report.\n\nRESOLVED – that the report be noted.\n\n"


def headings(numbers):
    text = "".join(f"{number} {title}\n\n{BODY}" for number, title in numbers)
    source = read_text(text.encode(), "m.txt")
    return [(h.number, h.title) for h in find_headings(source, 0, len(source.lines) - 1)]


@pytest.mark.parametrize("numbers", [
    [("23/40", "Apologies for Absence"), ("23/41", "Declarations of Interest"), ("23/42", "Budget Monitoring")],
    [("16/25", "Apologies for Absence"), ("17/25", "Declarations of Interest"), ("19/25", "Budget Monitoring")],
    [("Minute 45", "Apologies"), ("Minute 46", "Minutes"), ("Minute 47", "Local Plan")],
    [("CAB 12", "Leader's Announcements"), ("CAB 13", "Treasury Management"), ("CAB 14", "Housing")],
    [("5.", "Apologies"), ("6.", "Minutes of the last meeting"), ("7.", "Air Quality Action Plan")],
])
def test_every_heading_of_a_numbered_sequence_is_found(numbers):
    assert headings(numbers) == [(n.removeprefix("Minute ").rstrip("."), t) for n, t in numbers]


def test_a_number_that_jumps_or_changes_two_parts_is_not_a_heading():
    found = headings([("16/25", "Apologies"), ("17/25", "Minutes"), ("40/26", "Not a heading"), ("18/25", "Housing")])
    assert [number for number, _ in found] == ["16/25", "17/25", "18/25"]


def test_a_parent_numbered_n_point_0_counts_as_n():
    # wereham-pc_2014-07-08_minutes.md: '1.0 Welcome, ...', its sub-item '1.1', then '2.0', '3.0'
    found = headings([("1.0", "Welcome, Introductions and apologies"), ("1.1", "JB welcomed all"),
                      ("2.0", "Minutes of Previous Meeting"), ("3.0", "Resignation of Cllr Phil Norris")])
    assert [number for number, _ in found] == ["1.0", "1.1", "2.0", "3.0"]


@pytest.mark.parametrize("label", vocabulary().minutes_items.number_labels)
@pytest.mark.parametrize("abbreviation", ["", *(f"{word}. " for word in vocabulary().minutes_items.number_abbreviations)])
def test_every_number_label_of_the_vocabulary_opens_a_heading(label, abbreviation):
    numbers = [(f"{label} {abbreviation}{n}", title) for n, title in [(45, "Apologies"), (46, "Minutes"), (47, "Local Plan")]]
    assert headings(numbers) == [(str(n), t) for n, t in [(45, "Apologies"), (46, "Minutes"), (47, "Local Plan")]]
