"""extract.text.prefilter: a text it rules out must not match the phrases' pattern; checked
against the vocabulary's own patterns on every line of the documents we hold."""

from __future__ import annotations

import re
from pathlib import Path

from extract.base.vocabulary import phrase_alternation, vocabulary
from extract.text.prefilter import may_hold, needed_words

ROOT = Path(__file__).resolve().parent.parent


def test_needed_words_are_each_phrases_longest_word_in_lower_case():
    assert needed_words(["was carried", "Vice-Chair", "2nd", "Prop."]) == {"carried", "chair", "2nd", "prop."}


def test_letters_that_ignorecase_folds_apart_from_lower_are_never_ruled_out():
    words = needed_words(["seconded by", "it was passed"])
    for text in ["\u017feconded by Mr Smith", "PAS\u017fED", "it was pa\u017f\u017fed"]:
        assert re.search(phrase_alternation(["seconded by", "passed"]), text, re.IGNORECASE)
        assert may_hold(text, words)
    assert not may_hold("Councillor Smith asked about the budget.", words)


def test_a_line_ruled_out_never_matches_the_vocabulary_pattern():
    votes = vocabulary().votes
    lists = [votes.moved, votes.seconded, votes.mover_verbs, votes.unanimous + votes.lost + votes.carried + votes.agreed,
             votes.for_ + votes.against + votes.abstain + votes.result_keys]
    lines = [line for folder in ("corpus", "tests/documents") for path in sorted((ROOT / folder).rglob("*.txt"))
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    assert len(lines) > 1000
    for phrases in lists:
        pattern, words = re.compile(phrase_alternation(phrases), re.IGNORECASE), needed_words(phrases)
        matched = [line for line in lines if pattern.search(line)]
        assert matched, phrases  # the test reads lines that hold the phrases
        assert all(may_hold(line, words) for line in matched)
