"""The genre's vocabulary, loaded once from vocabulary.toml and compiled into patterns.

Parsers ask this module for phrase patterns instead of writing their own word lists, so a
new council's wording is a one-line data change.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

VOCABULARY_PATH = Path(__file__).with_name("vocabulary.toml")


# Sections whose keys are phrases of the genre (a heading as printed) and whose values say what
# they mean; every other section's keys are names the code reads.
PHRASE_KEYED = {"attendance_headings"}


class VocabularyError(ValueError):
    """vocabulary.toml holds something the parsers cannot use: said at load, not mid-parse."""


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed vocabulary file, checked."""
    with VOCABULARY_PATH.open("rb") as handle:
        loaded = tomllib.load(handle)
    validate(loaded)
    return loaded


def validate(loaded: dict[str, Any]) -> None:
    """Every word list a list (or table) of strings; every attendance heading a status and category the
    records allow (a wrong one would fail every document that prints that heading)."""
    from schemas import AttendanceStatus, MemberCategory

    for name, entries in loaded.items():
        if not isinstance(entries, dict):
            raise VocabularyError(f"[{name}] is not a table")
        if name in PHRASE_KEYED:
            continue
        for key, value in entries.items():
            words = (value if isinstance(value, list) else [value] if isinstance(value, str)
                     else [*value, *value.values()] if isinstance(value, dict) else None)
            if words is None or not all(isinstance(word, str) for word in words):
                raise VocabularyError(f"[{name}] {key}: expected a string, a list of strings or a table of strings")
    statuses = {status.value for status in AttendanceStatus}
    categories = {category.value for category in MemberCategory} | {""}
    for heading, meaning in loaded.get("attendance_headings", {}).items():
        if set(meaning) != {"status", "category"}:
            raise VocabularyError(f"[attendance_headings] {heading!r}: needs exactly status and category")
        if meaning["status"] not in statuses or meaning["category"] not in categories:
            raise VocabularyError(f"[attendance_headings] {heading!r}: status must be one of {sorted(statuses)}, "
                                  f"category one of {sorted(categories)}")


def section(name: str) -> dict[str, Any]:
    return vocabulary()[name]


def phrase_alternation(phrases: Iterable[str]) -> str:
    """A regex alternation matching any phrase, longest first, with flexible spacing.

    Spaces match any run of spaces, and a hyphen in a phrase also matches a space or no
    gap ("Vice-Chair", "Vice Chair", "Co-opted", "Coopted").
    """
    parts = []
    for phrase in sorted(set(phrases), key=lambda p: (-len(p), p)):
        pieces = [re.escape(word) for word in phrase.split()]
        pattern = r"\s+".join(pieces)
        pattern = pattern.replace(r"\-", r"[-\s]?")
        parts.append(pattern)
    return "(?:" + "|".join(parts) + ")"


def lookup(mapping: dict[str, Any], phrase: str) -> Any:
    """Look a phrase up in a vocabulary mapping, ignoring case, spacing and hyphenation."""
    wanted = canonical(phrase)
    for key, value in mapping.items():
        if canonical(key) == wanted:
            return value
    return None


@lru_cache(maxsize=1 << 16)
def canonical(phrase: str) -> str:
    """A phrase folded for comparison: lower case, hyphens and runs of space as one space."""
    return re.sub(r"[\s\-]+", " ", phrase.strip().lower()).strip(" .:")


@cache
def chair_role_for(text: str) -> str | None:
    """'Chair' or 'Vice-Chair' when text is one of the chair role words, else None."""
    wanted = canonical(text)
    for role, words in section("chair_roles").items():
        if any(canonical(word) == wanted for word in words):
            return role
    return None
