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
from collections.abc import Iterable
from dataclasses import dataclass

from schemas import Document, MeetingAttended, PeopleIndex, Person, PersonIdentity, RoleHeld


@dataclass(slots=True)
class _Seen:
    person: Person
    source: str
    meeting_id: str | None = None
    body: str | None = None
    date: str | None = None
    status: str | None = None
    role: str | None = None
    spoke: bool = False
    promised: bool = False
    printed: str | None = None


def _councillor(title: str | None) -> bool:
    return bool(title) and title.lower().startswith(("councillor", "cllr", "clr", "county councillor", "alderman"))


def _occurrences(document: Document) -> Iterable[_Seen]:
    source = document.source
    for meeting in document.meetings:
        where = {"meeting_id": meeting.id, "body": meeting.body, "date": meeting.date}
        for member in meeting.membership:
            yield _Seen(member.person, source, status="member", role=member.role, **where)
        for entry in meeting.attendance:
            yield _Seen(entry.person, source, status=entry.status, role=entry.role or entry.position, **where)
            if entry.substitute_for:
                yield _Seen(entry.substitute_for, source, **where)
        for item in meeting.items:
            for intervention in item.interventions:
                if intervention.speaker:
                    yield _Seen(intervention.speaker, source, role=intervention.role_title, spoke=True,
                                printed=intervention.speaker_as_printed, **where)
            for action in item.actions:
                if action.by:
                    yield _Seen(action.by, source, promised=True, **where)
            for vote in item.votes:
                for person in [vote.mover, vote.seconder, *vote.for_, *vote.against, *vote.abstain]:
                    if person:
                        yield _Seen(person, source, **where)
    for report in document.reports:
        for author in report.authors:
            if author.person:
                yield _Seen(author.person, source, role=author.role, body=report.body, date=report.meeting_date)


def _given_names(seen: list[_Seen]) -> set[str]:
    """Spelled-out given names ('Stuart'), which tell apart people whose initials agree."""
    names = set()
    for s in seen:
        given = s.person.given or ""
        if given and not all(len(part.rstrip(".")) == 1 for part in given.split()):
            names.add(given.split()[0].lower())
    return names


def _split_by_given_name(identity_id: str, seen: list[_Seen]) -> list[tuple[str, list[_Seen]]]:
    given = sorted(_given_names(seen))
    if len(given) <= 1:
        return [(identity_id, seen)]
    groups: dict[str, list[_Seen]] = {name: [] for name in given}
    initials_only = []
    for s in seen:
        first = (s.person.given or "").split()[0].lower() if s.person.given else ""
        (groups[first] if first in groups else initials_only).append(s)
    out = [(f"{identity_id}-{name}", members) for name, members in groups.items()]
    if initials_only:
        out.append((identity_id, initials_only))  # printed with initials only: cannot tell which
    return out


def _base_id(person: Person) -> str:
    """The id before any namesake suffix: identities are split by given name below, once."""
    from extract.people import person_id

    return person_id(person.initials, person.surname)


def build_people(documents: Iterable[Document]) -> PeopleIndex:
    by_id: dict[str, list[_Seen]] = defaultdict(list)
    for document in documents:
        for seen in _occurrences(document):
            by_id[_base_id(seen.person)].append(seen)
    # names printed without initials: join the one person of that surname and kind, if only one
    unresolved: set[str] = set()
    for identity_id in [i for i, seen in by_id.items() if not seen[0].person.initials]:
        seen = by_id[identity_id]
        surname = seen[0].person.surname.lower()
        councillor = any(_councillor(s.person.title) for s in seen)
        candidates = [i for i, other in by_id.items()
                      if other[0].person.initials and other[0].person.surname.lower() == surname
                      and any(_councillor(s.person.title) for s in other) == councillor]
        if len(candidates) == 1:
            by_id[candidates[0]].extend(by_id.pop(identity_id))
        else:
            unresolved.add(identity_id)
    identities = []
    for identity_id, seen in sorted(by_id.items()):
        for final_id, members in _split_by_given_name(identity_id, seen):
            identities.append(_identity(final_id, members, identity_id in unresolved))
    clashes: dict[str, list[str]] = defaultdict(list)
    for identity in identities:
        clashes[identity.surname.lower()].append(identity.id)
    return PeopleIndex(people=identities,
                       surname_clashes={k: sorted(v) for k, v in sorted(clashes.items()) if len(v) > 1})


def _printed(person: Person) -> str:
    return f"{person.title} {person.name}" if person.title else person.name


def _identity(identity_id: str, seen: list[_Seen], unresolved: bool) -> PersonIdentity:
    fullest = max((s.person for s in seen), key=lambda p: (len(p.given or ""), p.name))
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
        titles=sorted({s.person.title for s in seen if s.person.title}),
        variants=sorted({_printed(s.person) for s in seen} | {s.printed for s in seen if s.printed}),
        roles=[RoleHeld(role=r, body=b, date=d, source=src)
               for r, b, d, src in sorted(roles, key=lambda x: (x[2] or "", x[0], x[1] or "", x[3]))],
        meetings=sorted(meetings.values(), key=lambda m: (m.date or "", m.meeting_id, m.status)),
        interventions=sum(s.spoke for s in seen),
        actions=sum(s.promised for s in seen),
        unresolved=unresolved,
    )
