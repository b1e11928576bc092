"""A cheap test before a costly pattern: does a text hold any word a cue needs?

A pattern built from a vocabulary list ('moved by', 'was carried', ...) and matched with
re.IGNORECASE is searched position by position; most paragraphs hold none of its phrases.
Every phrase needs each of its words, so a text that holds (in lower case) none of the
phrases' longest words cannot match: str.lower and `in` decide that in C.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# letters that re.IGNORECASE matches to an ASCII letter and str.lower() does not turn into it
# (long s, dotless i, dotted capital I, Kelvin sign): a text holding one is always searched
_FOLDED_APART = ("\u017f", "\u0131", "\u0130", "\u212a")


def needed_words(phrases: Iterable[str]) -> frozenset[str]:
    """The longest word (in lower case) of each phrase: a text that holds none matches no phrase.

    Words are cut at spaces and hyphens, as extract.base.vocabulary.phrase_alternation lets
    either one vary."""
    return frozenset(max(re.split(r"[\s-]+", phrase.strip()), key=len).lower() for phrase in phrases)


def may_hold(text: str, words: frozenset[str]) -> bool:
    """False only when text cannot match a phrase whose needed word is among `words`, matched
    with or without re.IGNORECASE."""
    if "" in words or not text.isascii() and any(char in text for char in _FOLDED_APART):
        return True
    lowered = text.lower()
    for word in words:  # a loop, not any() over a generator: asked of every paragraph
        if word in lowered:
            return True
    return False
