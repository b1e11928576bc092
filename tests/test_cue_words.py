"""Cue words that patterns once spelt out in code now come from the vocabulary: every word of
each list does its job, so a word added to vocabulary.toml is read without touching the code."""

from __future__ import annotations

import pytest

from extract.base.vocabulary import vocabulary
from extract.parsing.agenda import ITEM
from extract.parsing.resolutions import _TRAILING_OUTCOME
from extract.parsing.votes import _sentences
from extract.segmenting.segment import _MEMO_FROM, _MEMO_SUBJECT
from extract.text.headings import AGENDA_REFERENCE_LINE

WORDS = vocabulary()


@pytest.mark.parametrize("label", WORDS.minutes_items.reference_labels)
@pytest.mark.parametrize("abbreviation", ["", *(f"{word}. " for word in WORDS.minutes_items.number_abbreviations)])
def test_every_reference_label_marks_the_item_under_a_minutes_heading(label, abbreviation):
    assert AGENDA_REFERENCE_LINE.fullmatch(f"({label} {abbreviation}7.1)")["item"] == "7.1"


@pytest.mark.parametrize("label", WORDS.agenda.item_labels)
def test_every_item_label_opens_an_agenda_item(label):
    match = ITEM.match(f"{label} 4 Minutes of the last meeting")
    assert (match["number"], match["title"]) == ("4", "Minutes of the last meeting")


@pytest.mark.parametrize("word", WORDS.sentences.abbreviations)
def test_an_abbreviation_s_full_stop_ends_no_sentence(word):
    assert _sentences(f"The motion was moved by {word}. Avery. It was carried.") == [
        f"The motion was moved by {word}. Avery.", "It was carried."]


@pytest.mark.parametrize("word", WORDS.resolution_markers.trailing_outcomes)
def test_a_trailing_outcome_is_not_part_of_the_resolution(word):
    assert _TRAILING_OUTCOME.sub("", f"That the report be noted. {word}.") == "That the report be noted."


@pytest.mark.parametrize("pattern, labels", [(_MEMO_FROM, WORDS.segments.memo_from),
                                             (_MEMO_SUBJECT, WORDS.segments.memo_subject)])
def test_every_memo_label_opens_a_memo_header_line(pattern, labels):
    assert all(pattern.match(f"{label}: Corporate Director of Place") for label in labels)
    assert not pattern.match("Fromage: a report on cheese")
