"""normalise's walk for people skips the fields whose type holds none: it must find the very
people (the same objects, in the same order) that walking every field finds."""

from __future__ import annotations

from pathlib import Path

from extract.normalising.normalise import _fields_with_people, _people_in
from extract.pipeline import parse_source, read_source
from schemas import Meeting, Person, Span, Vote

ROOT = Path(__file__).resolve().parent.parent


def every_field_walk(node) -> list[Person]:
    if isinstance(node, Person):
        return [node]
    if isinstance(node, (Span, str)) or node is None:
        return []
    if isinstance(node, list):
        return [p for value in node for p in every_field_walk(value)]
    if hasattr(node, "__pydantic_fields__"):
        return [p for name in type(node).model_fields for p in every_field_walk(getattr(node, name))]
    return []


def test_fields_that_hold_people_are_kept_and_text_fields_skipped():
    assert {"mover", "seconder", "for_", "against", "abstain"} <= set(_fields_with_people(Vote))
    assert "counts" not in _fields_with_people(Vote) and "span" not in _fields_with_people(Vote)
    assert {"attendance", "items", "membership"} <= set(_fields_with_people(Meeting))
    assert "body" not in _fields_with_people(Meeting)


def test_the_walk_finds_the_same_people_as_walking_every_field():
    paths = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "tests" / "documents").glob("*.txt"))
    found = 0
    for path in paths:
        document = parse_source(read_source(path.read_bytes(), str(path)))
        expected = every_field_walk(document)
        assert [id(p) for p in _people_in(document)] == [id(p) for p in expected], path.name
        found += len(expected)
    assert found > 100
