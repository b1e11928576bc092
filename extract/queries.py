"""Questions the archive answers: everything a person said or promised, newest first."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extract.ingest import PEOPLE_NAME, load_documents
from extract.people import parse_name
from extract.people_match import same_person
from schemas import Document, PeopleIndex, Person, PersonIdentity, Span


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

    def where(self) -> str:
        page = f" page {self.span.page}" if self.span.page else ""
        return f"{Path(self.source).name}{page} line {self.span.line_start}"

    def as_dict(self) -> dict:
        return {"date": self.date, "body": self.body, "item": self.item, "kind": self.kind, "speaker": self.speaker,
                "text": self.text, "source": self.source, "page": self.span.page, "line_start": self.span.line_start,
                "line_end": self.span.line_end, "char_start": self.span.char_start, "char_end": self.span.char_end}


def _newest_first(rows: list[Said]) -> list[Said]:
    return sorted(rows, key=lambda r: (r.date or "", r.source, -r.span.line_start), reverse=True)


def _items(documents: list[Document]):
    for document in documents:
        for meeting in document.meetings:
            for item in meeting.items:
                yield document, meeting, item


def interventions_by(wanted: Wanted, documents: list[Document]) -> list[Said]:
    rows = [Said(meeting.date, meeting.body, f"{item.number} {item.title}", said.kind,
                 said.speaker_as_printed or said.speaker.name, said.text, document.source, said.span)
            for document, meeting, item in _items(documents) for said in item.interventions
            if wanted.matches(said.speaker)]
    return _newest_first(rows)


def actions_by(wanted: Wanted, documents: list[Document]) -> list[Said]:
    rows = [Said(meeting.date, meeting.body, f"{item.number} {item.title}", "action", action.by.name,
                 action.what + (f" (to {action.to_whom})" if action.to_whom else ""), document.source, action.span)
            for document, meeting, item in _items(documents) for action in item.actions if wanted.matches(action.by)]
    return _newest_first(rows)


def people_matching(wanted: Wanted, out_dir: Path) -> list[PersonIdentity]:
    path = out_dir / PEOPLE_NAME
    if not path.is_file():
        return []
    index = PeopleIndex.model_validate_json(path.read_text(encoding="utf-8"))
    return [p for p in index.people if wanted.matches(p)]


def archive(out_dir: Path) -> list[Document]:
    return list(load_documents(out_dir))

