"""The normalise stage: what a parsed Document learns from the whole of itself.

Parsers read one part at a time; these walks over the finished records see every part at once
(a membership list fills in a minutes' attendance, an agenda names its reports, two Smiths with
different given names are told apart).
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from types import UnionType
from typing import Literal, Union, get_args, get_origin

from extract.normalising.linking import link_reports
from extract.parsing.names import spelled_given_name
from extract.parsing.people_match import same_person
from schemas import Attendance, Document, Meeting, Membership, Person, Span


def normalise(document: Document) -> None:
    """Fill in, link and tell apart the records of one document, in place."""
    fill_categories(document.meetings)
    agenda = next((m for m in document.meetings if m.role == "agenda"), None)
    if agenda is not None:
        link_reports(agenda, document.reports)
    separate_namesakes(document)


def fill_categories(meetings: list[Meeting]) -> None:
    """Give attendance entries with no category the one a membership list of the body gives."""
    rolls: dict[str, list[Membership]] = {}
    for meeting in meetings:
        if meeting.body and meeting.membership:
            rolls.setdefault(meeting.body.lower(), []).extend(meeting.membership)
    for meeting in meetings:
        roll = rolls.get((meeting.body or "").lower(), [])
        filled: list[Attendance] = []
        for entry in meeting.attendance:
            if entry.category is None:
                matches = {m.category for m in roll if same_person(m.person, entry.person)}
                if len(matches) == 1:
                    entry = entry.model_copy(update={"category": matches.pop()})
            filled.append(entry)
        meeting.attendance = filled


def _people_in(node) -> list[Person]:
    """Every Person in a record tree."""
    if isinstance(node, Person):
        return [node]
    if isinstance(node, (Span, str)) or node is None:
        return []
    if isinstance(node, list):
        return [p for value in node for p in _people_in(value)]
    if hasattr(node, "__pydantic_fields__"):
        return [p for name in _fields_with_people(type(node)) for p in _people_in(getattr(node, name))]
    return []


@cache
def _fields_with_people(model: type) -> tuple[str, ...]:
    """A model's fields, in order, less those whose type holds no Person (text, numbers, spans,
    mappings): a document has thousands of records, and most of their fields are such."""
    return tuple(name for name, field in model.model_fields.items() if not _holds_no_person(field.annotation))


def _holds_no_person(annotation) -> bool:
    """Whether a value of this type can hold no Person that _people_in would find (it looks
    inside lists and models only)."""
    origin = get_origin(annotation)
    if origin is dict or origin is Literal:
        return True
    if origin in (Union, UnionType, list):
        return all(_holds_no_person(argument) for argument in get_args(annotation))
    return origin is None and isinstance(annotation, type) and issubclass(annotation, (str, int, float, Enum, Span, type(None)))


def separate_namesakes(document: Document) -> None:
    """Give different spelled-out given names that share initials and surname their own ids.

    'Jane Smith' and 'John Smith' would both be 'j-smith'; within one document they become
    'j-smith-jane' and 'j-smith-john' (the ids people.json gives them), and 'J Smith' stays.
    """
    people = _people_in(document)
    given: dict[str, set[str]] = {}
    for person in people:
        if spelled := spelled_given_name(person.given):
            given.setdefault(person.id, set()).add(spelled)
    for person in people:
        names = given.get(person.id, set())
        if len(names) > 1 and person.given and person.given.split()[0].lower() in names:
            person.id = f"{person.id}-{person.given.split()[0].lower()}"
