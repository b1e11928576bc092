"""Page stamps are recognised by the vocabulary's [furniture] words, not by words in the code."""

from __future__ import annotations

import pytest

from extract.base.vocabulary import vocabulary
from extract.text.furniture import page_furniture

BODY = ["The Committee considered the report of the Head of Finance.", "RESOLVED that the report be noted."]


@pytest.mark.parametrize("word", [*vocabulary().furniture.page_stamps, *vocabulary().furniture.edge_stamps])
def test_every_stamp_word_at_a_page_edge_is_furniture(word):
    drop, _ = page_furniture([[*BODY, f"{word} 7"]])[0]
    assert drop == {2}


@pytest.mark.parametrize("word", vocabulary().furniture.page_number)
def test_the_page_number_word_gives_the_printed_number(word):
    assert page_furniture([[f"{word} 12", *BODY]])[0] == ({0}, "12")


def test_a_line_that_only_mentions_a_stamp_word_is_text():
    assert page_furniture([[*BODY, "Item 7 was deferred to the next meeting."]])[0] == (set(), None)
