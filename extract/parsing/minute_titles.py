"""Whether words read as the title of a minutes item: a title standing alone, the capitals or
heading-cased words that open a paragraph with its text run on after them, and a title's
trailing 'NONE' or date that is not part of it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from extract.base.dates import find_date, parse_date
from extract.base.vocabulary import phrase_alternation, vocabulary


MAX_TITLE_WORDS = 30


def is_title(title: str) -> bool:
    words = title.split()
    if not words or len(words) > MAX_TITLE_WORDS or title.lower().startswith("that "):
        return False
    if title.endswith(".") and len(words) > 12:
        return False
    return not parse_date(title)


MIN_RUN_IN_TITLE_LETTERS = 4
MAX_LEAD_TITLE_WORDS = 16
_CONNECTORS = {"and", "of", "for", "&"}


def is_capitals(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _capitals_run(words: list[str]) -> int:
    """How many words open the text as a heading in capitals: capitals and numbers, with a
    lower-case connector ('... INTERESTS and DISPENSATION ...') or a parenthesis ('(for items on
    the Agenda)') inside it; a colon ends it."""
    taken = index = 0
    while index < len(words):
        word = words[index]
        if word.startswith("(") and taken:
            close = next((j for j in range(index, min(index + 7, len(words))) if words[j].endswith(")")), None)
            if close is None:
                break
            index = taken = close + 1
            continue
        letters = [c for c in word if c.isalpha()]
        if letters and not all(c.isupper() for c in letters):
            if word in _CONNECTORS and index + 1 < len(words) and is_capitals(words[index + 1]) \
                    and len(words[index + 1]) > 1:
                index += 1
                continue
            break
        if len(letters) == 1 and index + 1 < len(words) and words[index + 1][:1].islower():
            break  # 'A copy of ...': a capital that opens the text
        index += 1
        if letters or any(c.isdigit() for c in word):
            taken = index
        if word.endswith(":"):
            break
    return taken


def run_in_title(text: str) -> str | None:
    """The capitals that open a paragraph as its heading: '1. PUBLIC FORUM (15 MINUTES) Item 8
    was brought forward ...' is item 1, 'PUBLIC FORUM (15 MINUTES)', its text on the same line;
    a colon ends it ('TRAINING: No new requests.')."""
    words = text.split()
    taken = _capitals_run(words)
    if not taken or taken == len(words):
        return None
    title = " ".join(words[:taken]).split(": ")[0].rstrip(" ,:;–-")
    if sum(c.isalpha() for c in title) < MIN_RUN_IN_TITLE_LETTERS or not is_title(title):
        return None
    return title


@cache
def _heading_lowercase() -> frozenset[str]:
    return frozenset(vocabulary().minutes_items.heading_lowercase)


def _counted_words(text: str) -> Iterator[str]:
    """A text's words that count towards its capitals: not short joining words, nor marks alone."""
    joining = _heading_lowercase()
    for word in text.split():
        word = word.strip("\"'‘’“”()[],.;:")
        if word and (word[0].isalnum() or any(c.isalnum() for c in word)) and word.lower() not in joining:
            yield word


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].isdigit() or not word[0].isalpha()


def capitalised_share(text: str) -> float:
    """The share of a text's words (other than short joining words) that open with a capital or
    a digit: 1.0 for a heading ('Adoption of Annual Accounts'), low for a sentence."""
    words = list(_counted_words(text))
    return sum(map(_capitalised, words)) / len(words) if words else 0.0


def every_word_capitalised(text: str) -> bool:
    """capitalised_share(text) == 1.0 for a text that opens with a capital, decided at the first
    word that is not capitalised (a paragraph that stands alone is asked whether it is a heading)."""
    if not text[:1].isupper():
        return False
    counted = False
    for word in _counted_words(text):
        if not _capitalised(word):
            return False
        counted = True
    return counted


_SUB_ITEM_MARK = re.compile(r"^(?:[a-z]|[ivx]{1,4})[.)]$")


def lead_title(text: str, numbered_run_in: bool = False) -> str | None:
    """The title a paragraph opens with in ordinary case, its text run on after it: up to a full
    stop ('Apologies. District Councillor ...'), a dash ('Police Report – PK reported ...'), a
    sub-item mark ('Handyman's Report a) The ...'), or the capital that opens the first sentence
    after a lower-case word ('Apologies for absence Apologies had been received ...'). A title
    at the start of a line must read as one (mostly capitalised words); after a minute number run
    in mid-paragraph, the number is evidence enough ('Use of social media ... CC asked ...')."""
    words = text.split()
    if not words or not words[0][:1].isupper():
        return None
    for index, word in enumerate(words[:MAX_LEAD_TITLE_WORDS + 1]):
        if index and (word in ("–", "-", "—") or _SUB_ITEM_MARK.match(word)):
            return _lead_candidate(words[:index], numbered_run_in)
        if word.endswith((".", ":")) and index + 1 < len(words) and words[index + 1][:1].isupper() \
                and every_word_capitalised(" ".join(words[: index + 1])):
            return _lead_candidate(words[: index + 1], numbered_run_in)
        if index and word[:1].isupper() and not word[:1].isdigit():
            before = words[index - 1].strip("\"'‘’“”(),")
            if before[:1].islower() and before.lower() not in _heading_lowercase() and len(before) > 2:
                return _lead_candidate(words[:index], numbered_run_in)
    return None


def _lead_candidate(words: list[str], numbered_run_in: bool = False) -> str | None:
    title = " ".join(words).rstrip(" .:,;–-")
    if not title or len(words) > MAX_LEAD_TITLE_WORDS or not is_title(title):
        return None
    return title if numbered_run_in or capitalised_share(title) >= 0.5 else None


@cache
def _empty_section_end() -> re.Pattern[str]:
    return re.compile(r"\s+[–-]\s+" + phrase_alternation(vocabulary().minutes_items.empty_section) + r"\.?$",
                      re.IGNORECASE)


def without_empty_mark(title: str) -> str:
    """'PUBLIC HEARINGS - NONE' is the section 'PUBLIC HEARINGS', with nothing in it; 'Date of
    Next Meeting – Thursday 6th July 7.00pm' is the item 'Date of Next Meeting', the date its text."""
    if "–" in title or "-" in title:  # the mark follows a dash
        title = _empty_section_end().sub("", title)
    head, dash, tail = title.rpartition(" – ") if " – " in title else title.rpartition(" - ")
    if not (dash and head and tail):
        return title
    found = find_date(tail)
    return head if (found and found[1] <= len(tail.split()[0]) + 1) or _WEEKDAY.match(tail) else title


_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", re.IGNORECASE)


def whole_title(text: str) -> str | None:
    """The rest of the line, when it is a title ('73/17 Minutes of the meeting held on 3 May 2017')."""
    title = text.rstrip(" .:")
    return title if is_title(title) and title[:1].isupper() and capitalised_share(title) >= 0.5 else None
