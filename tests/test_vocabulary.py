"""The vocabulary is data the code reads: every section and key is a typed field that some code
reads, and an unknown, missing or wrongly typed entry is an error when the file is loaded,
naming the file, section and key, not a failure of every document that uses it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from extract.base.vocabulary import VOCABULARY_PATH, Vocabulary, VocabularyError, validate

EXTRACT = Path(VOCABULARY_PATH).parent.parent
SOURCES = {path: path.read_text(encoding="utf-8") for path in EXTRACT.rglob("*.py") if path.name != "vocabulary.py"}
SOURCES[VOCABULARY_PATH.with_suffix(".py")] = re.sub(r"(?s)^.*?\n\"\"\"\n", "", VOCABULARY_PATH.with_suffix(".py").read_text(encoding="utf-8"), count=1)  # without its docstring
TYPED_CODE = "\n".join(SOURCES.values())


def loaded():
    with VOCABULARY_PATH.open("rb") as handle:
        return tomllib.load(handle)


def _reads_section(name: str, key: str) -> bool:
    return bool(re.search(rf"\.{name}\b", TYPED_CODE))


def _reads_field(section: str, name: str, key: str) -> bool:
    """`.section.field`, `section.field` through a local named for the section, or the field's
    folded set, `canonical_words("section", "field")`."""
    return bool(re.search(rf"\b{section}\.{name}\b|canonical_words\(\"{section}\", \"{name}\"\)", TYPED_CODE))


def test_every_section_and_key_is_read_by_the_code():
    unread = []
    for section, field in Vocabulary.model_fields.items():
        if not _reads_section(section, field.alias or section):
            unread.append(f"[{section}]")
            continue
        model = field.annotation
        if isinstance(model, type) and not model.read_whole:
            unread += [f"[{section}] {name}" for name, key in model.model_fields.items()
                       if not _reads_field(section, name, key.alias or name)]
    assert unread == []


def test_the_shipped_vocabulary_is_valid():
    assert validate(loaded()).votes.carried


@pytest.mark.parametrize("change, problem", [
    (lambda v: v["attendance_headings"].__setitem__("Staff", {"status": "in attendance", "category": "officer"}),
     r"\[attendance_headings\] 'Staff' category: .*category must be one of"),
    (lambda v: v["attendance_headings"].__setitem__("Regrets", {"status": "sent regrets", "category": ""}),
     r"\[attendance_headings\] 'Regrets' status: .*status must be one of"),
    (lambda v: v["votes"].__setitem__("carried", ["carried", 3]), r"\[votes\] carried 1: Input should be a valid string"),
    (lambda v: v["votes"].__setitem__("carryed", ["carried"]), r"\[votes\] carryed: unknown key"),
    (lambda v: v.__setitem__("vote", {"carried": ["carried"]}), r"\[vote\]: unknown section"),
    (lambda v: v["votes"].pop("lost"), r"\[votes\] lost: missing"),
    (lambda v: v["homoglyphs"].__setitem__("from", ["А"]), r"\[homoglyphs\] from: Input should be a valid string"),
])
def test_a_wrong_entry_is_an_error_at_load_naming_file_section_and_key(change, problem):
    vocabulary = loaded()
    change(vocabulary)
    with pytest.raises(VocabularyError, match=re.escape(str(VOCABULARY_PATH)) + ": .*" + problem):
        validate(vocabulary)


def test_a_broken_vocabulary_reaches_a_user_as_one_line_naming_the_key():
    from extract.commands.cli import _one_line

    vocabulary = loaded()
    vocabulary["votes"]["carryed"] = ["carried"]
    with pytest.raises(VocabularyError) as raised:
        validate(vocabulary)
    message, code = _one_line(raised.value)
    assert (message, code) == (f"error: {VOCABULARY_PATH}: [votes] carryed: unknown key", 1)
