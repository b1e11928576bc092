"""One identity per person across the corpus, for outputs/people.json.

Every Person a document records (membership, attendance, speakers, movers, report authors)
carries an id from its initials and surname, so "Councillor J Smith" and "J Smith" share
one already. Here the corpus is gathered by id, and the remaining cases are settled with care:
a name printed without initials joins the one person of that surname and kind (councillor or
not) if there is exactly one, and is otherwise kept apart and marked unresolved; people whose
spelled-out given names differ are never merged, even when their initials agree.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from extract.parsing.names import is_councillor, person_id, spelled_given_name
from schemas import Document, MeetingAttended, PeopleIndex, Person, PersonIdentity, RoleHeld


@dataclass(slots=True)
class Sighting:
    """One place a person is printed, flat and picklable: made where a document is parsed, kept in
    the store, so the corpus-wide index is built from the store without reading any document again."""

    base_id: str
    name: str
    surname: str
    title: str | None
    given: str | None
    initials: str | None
    source: str
    meeting_id: str | None = None
    body: str | None = None
    date: str | None = None
    status: str | None = None
    role: str | None = None
    spoke: bool = False
    promised: bool = False
    printed: str | None = None

    @classmethod
    def of(cls, person: Person, source: str, **where) -> "Sighting":
        return cls(_base_id(person), person.name, person.surname, person.title, person.given, person.initials,
                   source, **where)


FIELDS = tuple(Sighting.__slots__)


def sightings(document: Document) -> Iterator[Sighting]:
    """Everyone a document prints, in document order: members, attendance, speakers, promises,
    votes and report authors."""
    source = document.source
    seen = Sighting.of
    for meeting in document.meetings:
        where = {"meeting_id": meeting.id, "body": meeting.body, "date": meeting.date}
        for member in meeting.membership:
            yield seen(member.person, source, status="member", role=member.role, **where)
        for entry in meeting.attendance:
            yield seen(entry.person, source, status=entry.status, role=entry.role or entry.position, **where)
            if entry.substitute_for:
                yield seen(entry.substitute_for, source, **where)
        for item in meeting.items:
            for intervention in item.interventions:
                if intervention.speaker:
                    yield seen(intervention.speaker, source, role=intervention.role_title, spoke=True,
                               printed=intervention.speaker_as_printed, **where)
            for action in item.actions:
                if action.by:
                    yield seen(action.by, source, promised=True, **where)
            for vote in item.votes:
                for person in [vote.mover, vote.seconder, *vote.for_, *vote.against, *vote.abstain]:
                    if person:
                        yield seen(person, source, **where)
    for report in document.reports:
        for author in report.authors:
            if author.person:
                yield seen(author.person, source, role=author.role, body=report.body, date=report.meeting_date)


def _given_names(seen: list[Sighting]) -> set[str]:
    """Spelled-out given names ('Stuart'), which tell apart people whose initials agree."""
    return {name for s in seen if (name := spelled_given_name(s.given))}


def _split_by_given_name(identity_id: str, seen: list[Sighting]) -> list[tuple[str, list[Sighting]]]:
    given = sorted(_given_names(seen))
    if len(given) <= 1:
        return [(identity_id, seen)]
    groups: dict[str, list[Sighting]] = {name: [] for name in given}
    initials_only = []
    for s in seen:
        first = s.given.split()[0].lower() if s.given else ""
        (groups[first] if first in groups else initials_only).append(s)
    out = [(f"{identity_id}-{name}", members) for name, members in groups.items()]
    if initials_only:
        out.append((identity_id, initials_only))  # printed with initials only: cannot tell which
    return out


def _base_id(person: Person) -> str:
    """The id before any namesake suffix: identities are split by given name below, once."""
    return person_id(person.initials, person.surname)


@dataclass(slots=True)
class Name:
    """What is known of one base id across the corpus, enough to decide whom a bare surname means."""

    surname_slug: str
    has_initials: bool
    councillor: bool


def plan_identities(names: dict[str, Name]) -> tuple[dict[str, str], set[str]]:
    """(base id -> the identity it joins, ids left unresolved).

    A name printed without initials joins the one person of that surname and kind (councillor or
    not) printed with initials, if there is exactly one; otherwise it stays apart, unresolved.
    """
    with_initials: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for base_id, name in names.items():
        if name.has_initials:
            with_initials[(name.surname_slug, name.councillor)].append(base_id)
    joins, unresolved = {}, set()
    for base_id, name in names.items():
        if not name.has_initials:
            candidates = with_initials.get((name.surname_slug, name.councillor), [])
            if len(candidates) == 1:
                joins[base_id] = candidates[0]
            else:
                unresolved.add(base_id)
    return joins, unresolved


def identities(groups: Iterable[tuple[str, list[Sighting]]], unresolved: set[str]) -> Iterator[PersonIdentity]:
    """Identities from sightings gathered by the identity they join, in id order."""
    for identity_id, seen in groups:
        for final_id, members in _split_by_given_name(identity_id, seen):
            yield _identity(final_id, members, identity_id in unresolved)


def surname_clashes(surnames: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """Surname -> the ids of the different people who share it, from (surname, id) pairs."""
    clashes: dict[str, list[str]] = defaultdict(list)
    for surname, identity_id in surnames:
        clashes[surname.lower()].append(identity_id)
    return {k: sorted(v) for k, v in sorted(clashes.items()) if len(v) > 1}


def names_of(printed: Iterable[tuple[str, str, str | None, str | None]]) -> dict[str, Name]:
    """Base id -> what is known of it, from (base id, surname, initials, title) as printed: a
    councillor if any printing titles them so."""
    names: dict[str, Name] = {}
    for base_id, surname, initials, title in printed:
        name = names.get(base_id)
        if name is None:
            names[base_id] = Name(person_id(None, surname), bool(initials), is_councillor(title))
        elif not name.councillor:
            name.councillor = is_councillor(title)
    return names


def build_people(documents: Iterable[Document]) -> PeopleIndex:
    """The corpus-wide index from documents in memory (the store builds the same from its rows)."""
    by_id: dict[str, list[Sighting]] = defaultdict(list)
    for document in documents:
        for seen in sightings(document):
            by_id[seen.base_id].append(seen)
    names = names_of((s.base_id, s.surname, s.initials, s.title) for seen in by_id.values() for s in seen)
    joins, unresolved = plan_identities(names)
    for base_id, target in joins.items():
        by_id[target].extend(by_id.pop(base_id))
    people = list(identities(sorted(by_id.items()), unresolved))
    return PeopleIndex(people=people, surname_clashes=surname_clashes((p.surname, p.id) for p in people))


def _printed(seen: Sighting) -> str:
    return f"{seen.title} {seen.name}" if seen.title else seen.name


def _identity(identity_id: str, seen: list[Sighting], unresolved: bool) -> PersonIdentity:
    fullest = max(seen, key=lambda s: (len(s.given or ""), s.name))
    roles = {(s.role, s.body, s.date, s.source) for s in seen if s.role and s.role != "Member"}
    meetings = {}
    for s in seen:
        if s.meeting_id and s.status and (s.meeting_id, s.status) not in meetings:
            meetings[(s.meeting_id, s.status)] = MeetingAttended(meeting_id=s.meeting_id, body=s.body, date=s.date,
                                                                status=s.status, source=s.source)
    return PersonIdentity(
        id=identity_id,
        name=fullest.name,
        surname=fullest.surname,
        initials=fullest.initials,
        titles=sorted({s.title for s in seen if s.title}),
        variants=sorted({_printed(s) for s in seen} | {s.printed for s in seen if s.printed}),
        roles=[RoleHeld(role=r, body=b, date=d, source=src)
               for r, b, d, src in sorted(roles, key=lambda x: (x[2] or "", x[0], x[1] or "", x[3]))],
        meetings=sorted(meetings.values(), key=lambda m: (m.date or "", m.meeting_id, m.status)),
        interventions=sum(s.spoke for s in seen),
        actions=sum(s.promised for s in seen),
        unresolved=unresolved,
    )
