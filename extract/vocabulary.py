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


@cache
def vocabulary() -> dict[str, Any]:
    """The parsed vocabulary file."""
    with VOCABULARY_PATH.open("rb") as handle:
        return tomllib.load(handle)


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
