"""The vocabulary is data the code reads: every word list is read somewhere, and a wrong value
is an error when the file is loaded, not a failure of every document that uses it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from extract.base.vocabulary import PHRASE_KEYED, VOCABULARY_PATH, VocabularyError, validate

CODE = "\n".join(path.read_text(encoding="utf-8") for path in Path(VOCABULARY_PATH).parent.parent.rglob("*.py"))


def loaded():
    with VOCABULARY_PATH.open("rb") as handle:
        return tomllib.load(handle)


def test_every_section_and_key_is_read_by_the_code():
    unread = []
    for name, entries in loaded().items():
        if not re.search(rf"[\"']{re.escape(name)}[\"']", CODE):
            unread.append(f"[{name}]")
        elif name not in PHRASE_KEYED:
            unread += [f"[{name}] {key}" for key in entries if not re.search(rf"[\"']{re.escape(key)}[\"']", CODE)]
    assert unread == []


def test_the_shipped_vocabulary_is_valid():
    validate(loaded())


@pytest.mark.parametrize("change, problem", [
    (lambda v: v["attendance_headings"].__setitem__("Staff", {"status": "in attendance", "category": "officer"}), "category"),
    (lambda v: v["attendance_headings"].__setitem__("Regrets", {"status": "sent regrets", "category": ""}), "status"),
    (lambda v: v["votes"].__setitem__("carried", ["carried", 3]), "list of strings"),
])
def test_a_wrong_value_is_an_error_at_load(change, problem):
    vocabulary = loaded()
    change(vocabulary)
    with pytest.raises(VocabularyError, match=problem):
        validate(vocabulary)
