"""Questions the archive answers: everything a person said or promised, newest first.

Asked of the store, not of the JSON: at a hundred thousand documents reading every JSON back is
minutes, where the store's indexed person ids find a person's rows in a second or two."""

from __future__ import annotations

from dataclasses import dataclass

from extract.parsing.names import parse_name, person_id
from extract.parsing.people_match import same_person
from extract.storing.reader import StoreReader
from schemas import Action, Intervention, Person, PersonIdentity, Span


@dataclass(frozen=True, slots=True)
class Wanted:
    """A person as a user typed them: 'Patel', 'J Jones', 'Councillor Smith'."""

    surname: str
    initials: str | None

    @classmethod
    def parse(cls, text: str) -> Wanted:
        name = parse_name(text)
        if name is not None:
            return cls(name.surname, name.initials)
        return cls(text.strip().split()[-1] if text.strip() else "", None)

    def matches(self, person: Person | PersonIdentity | None) -> bool:
        return person is not None and same_person(self, person)


@dataclass(frozen=True, slots=True)
class Said:
    date: str | None
    body: str | None
    item: str
    kind: str
    speaker: str
    text: str
    source: str
    span: Span

    def as_dict(self) -> dict:
        return {"date": self.date, "body": self.body, "item": self.item, "kind": self.kind, "speaker": self.speaker,
                "text": self.text, "source": self.source, "page": self.span.page, "line_start": self.span.line_start,
                "line_end": self.span.line_end, "char_start": self.span.char_start, "char_end": self.span.char_end}


def _newest_first(rows: list[Said]) -> list[Said]:
    return sorted(rows, key=lambda r: (r.date or "", r.source, -r.span.line_start), reverse=True)


def _rows(store: StoreReader, table: str, column: str, wanted: Wanted, model):
    """(row, record) of a store table whose person id (`column`, indexed) could be the wanted
    person's: ids end in the surname's slug, so the few distinct ids are looked over first, then
    only their rows are read; the exact rule (initials that do not clash) is applied to each."""
    slug = person_id(None, wanted.surname)
    if not slug:
        return
    ids = [i for i in store.person_ids(table, column) if _ends_in(i, slug)]
    for date, body, number, title, source, record in store.rows_of_people(table, column, ids):
        yield (date, body, f"{number} {title}", source), model.model_validate_json(record)


def _ends_in(identifier: str, slug: str) -> bool:
    """Whether a person id could be of someone with this surname slug ('j-smith', 'smith')."""
    return identifier == slug or identifier.endswith("-" + slug)


def printed_ids(wanted: Wanted, store: StoreReader) -> list[str]:
    """Every person id printed in the store that could be the wanted person, by the rule
    who-asked uses: the surname's slug, then initials that do not clash."""
    slug = person_id(None, wanted.surname)
    if not slug:
        return []
    return sorted({base_id for base_id, surname, initials in store.printed_names(slug)
                   if _ends_in(base_id, slug) and wanted.matches(Wanted(surname, initials))})


def interventions_by(wanted: Wanted, store: StoreReader) -> list[Said]:
    rows = [Said(date, body, item, said.kind, said.speaker_as_printed or said.speaker.name, said.text, source, said.span)
            for (date, body, item, source), said in _rows(store, "interventions", "speaker_id", wanted, Intervention)
            if wanted.matches(said.speaker)]
    return _newest_first(rows)


def actions_by(wanted: Wanted, store: StoreReader) -> list[Said]:
    rows = [Said(date, body, item, "action", action.by.name,
                 action.what + (f" (to {action.to_whom})" if action.to_whom else ""), source, action.span)
            for (date, body, item, source), action in _rows(store, "actions", "by_id", wanted, Action) if wanted.matches(action.by)]
    return _newest_first(rows)


def people_matching(wanted: Wanted, store: StoreReader) -> list[PersonIdentity]:
    return [person for record in store.people_records(wanted.surname)
            if wanted.matches(person := PersonIdentity.model_validate_json(record))]
