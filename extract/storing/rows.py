"""Records to store rows: one row per record, its JSON beside flat columns to query and its
provenance (document sha256, source, page, line and character span)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from extract.normalising.identities import FIELDS as SIGHTING_FIELDS
from extract.normalising.identities import sightings
from extract.storing.schema import paper_key
from extract.text.lines import SourceText
from schemas import Document, DocumentWarning


def _provenance(document: Document, span) -> dict:
    return {"document_sha256": document.sha256, "source": document.source, "page": span.page,
            "line_start": span.line_start, "line_end": span.line_end, "char_start": span.char_start,
            "char_end": span.char_end}


def _people_words(*persons) -> str:
    """Names to filter by person: ids and lower-case surnames, space separated."""
    words = set()
    for person in persons:
        if person is not None:
            words.update({person.id, person.surname.lower()})
    return " " + " ".join(sorted(words)) + " " if words else ""


def _listed(*fields: str | None) -> str:
    """The fields a person or contact has, comma separated, for full-text search."""
    return ", ".join(field for field in fields if field)


def _report_text(source: SourceText | None, report) -> str | None:
    """A report's words for full-text search (its record keeps only its span): its lines without
    markup, blank ones left out."""
    if source is None:
        return None
    lines = source.plain_lines()[report.span.line_start - 1:report.span.line_end]
    return "\n".join(line for line in lines if line)


def document_rows(document: Document, source: SourceText | None = None) -> Iterator[tuple[str, dict]]:
    """(table, row) for every record of a document, ids derived from content, source and position
    (paper_key, then the record's place). The read text, when given, is where a report's full text
    comes from.
    """
    key = paper_key(document.sha256, document.source)
    for m_index, meeting in enumerate(document.meetings):
        mid = f"{key}/m{m_index}"
        where = {"body": meeting.body, "date": meeting.date}
        yield "meetings", {"id": mid, "meeting_id": meeting.id, "role": meeting.role, "time": meeting.time,
                           "venue": meeting.venue, **where, **_provenance(document, meeting.span),
                           "record": meeting.model_dump_json(exclude={"agenda_items", "membership", "attendance", "items"})}
        for a_index, agenda in enumerate(meeting.agenda_items):
            yield "agenda_items", {"id": f"{mid}/a{a_index}", "meeting": mid, "number": agenda.number, "title": agenda.title,
                                   "part": agenda.part, "pages_start": agenda.pages.start if agenda.pages else None,
                                   "pages_end": agenda.pages.end if agenda.pages else None, **where,
                                   **_provenance(document, agenda.span), "record": agenda.model_dump_json()}
        for p_index, entry in enumerate([*meeting.membership, *meeting.attendance]):
            status = getattr(entry, "status", "member")
            yield "attendance", {"id": f"{mid}/p{p_index}", "meeting": mid, "person_id": entry.person.id,
                                 "name": entry.person.name, "title": entry.person.title, "status": status,
                                 "role": entry.role, "category": entry.category, **where,
                                 **_provenance(document, entry.span), "record": entry.model_dump_json()}
        for i_index, item in enumerate(meeting.items):
            iid = f"{mid}/i{i_index}"
            speakers = _people_words(*(i.speaker for i in item.interventions))
            about = {"item_number": item.number, "item_title": item.title, **where}
            yield "items", {"id": iid, "meeting": mid, "number": item.number, "title": item.title, "text": item.text,
                            "agenda_item": item.agenda_item, "people": speakers, **where,
                            **_provenance(document, item.span),
                            "record": item.model_dump_json(exclude={"resolutions", "interventions", "actions", "votes"})}
            for r_index, resolution in enumerate(item.resolutions):
                yield "resolutions", {"id": f"{iid}/r{r_index}", "item": iid, "meeting": mid, "label": resolution.label,
                                      "text": resolution.text, "preamble": resolution.preamble, "people": speakers,
                                      **about, **_provenance(document, resolution.span), "record": resolution.model_dump_json()}
            for said in item.interventions:
                yield "interventions", {"id": f"{iid}/s{said.index}", "item": iid, "meeting": mid, "position": said.index,
                                        "speaker_id": said.speaker.id if said.speaker else None,
                                        "speaker": said.speaker.name if said.speaker else said.role_title,
                                        "role_title": said.role_title, "kind": said.kind, "text": said.text,
                                        "responds_to": said.responds_to, "people": _people_words(said.speaker), **about,
                                        **_provenance(document, said.span), "record": said.model_dump_json()}
            for x_index, action in enumerate(item.actions):
                yield "actions", {"id": f"{iid}/x{x_index}", "item": iid, "meeting": mid,
                                  "by_id": action.by.id if action.by else None,
                                  "by_name": action.by.name if action.by else action.by_role, "what": action.what,
                                  "to_whom": action.to_whom, "text": action.text, "people": _people_words(action.by),
                                  **about, **_provenance(document, action.span), "record": action.model_dump_json()}
            for v_index, vote in enumerate(item.votes):
                yield "votes", {"id": f"{iid}/v{v_index}", "item": iid, "meeting": mid, "motion": vote.motion,
                                "result": vote.result, "mover": vote.mover.name if vote.mover else None,
                                "seconder": vote.seconder.name if vote.seconder else None,
                                "for_count": len(vote.for_), "against_count": len(vote.against),
                                "abstain_count": len(vote.abstain), **where, **_provenance(document, vote.span),
                                "record": vote.model_dump_json()}
    for r_index, report in enumerate(document.reports):
        rid = f"{key}/r{r_index}"
        author = report.author
        people = _people_words(*(a.person for a in report.authors))
        yield "reports", {"id": rid, "title": report.title, "body": report.body, "date": report.meeting_date,
                          "author": author.person.name if author and author.person else None,
                          "author_role": author.role if author else None, "purpose": report.purpose,
                          "executive_summary": report.executive_summary,
                          "recommendations_text": "\n".join(r.text for r in report.recommendations),
                          "agenda_item": report.agenda_item, "people": people,
                          "authors": "\n".join(_listed(a.person.name if a.person else None, a.role) for a in report.authors),
                          "contacts": "\n".join(_listed(c.name, c.role, c.tel, c.email) for c in report.contacts),
                          "text": _report_text(source, report),
                          **_provenance(document, report.span), "record": report.model_dump_json()}
        for c_index, recommendation in enumerate(report.recommendations):
            yield "recommendations", {"id": f"{rid}/c{c_index}", "report": rid, "label": recommendation.label,
                                      "text": recommendation.text, "preamble": recommendation.preamble,
                                      "report_title": report.title, "body": report.body, "date": report.meeting_date,
                                      "people": people, **_provenance(document, recommendation.span),
                                      "record": recommendation.model_dump_json()}
    for t_index, table in enumerate(document.tables):
        yield "tables", {"id": f"{key}/t{t_index}", "report_title": table.report_title, "kind": table.kind,
                         "syntax": table.syntax, "columns": json.dumps(table.columns), "row_count": len(table.rows),
                         **_provenance(document, table.span), "record": table.model_dump_json()}


@dataclass(slots=True)
class StoredDocument:
    """A document made ready to write: its JSON text and its store rows, plain and picklable,
    so the work of serialising is done where it was parsed (a worker) and not by the one writer."""

    source: str
    sha256: str
    kind: str
    status: str
    unread_pages: list[int]
    warnings: list[DocumentWarning]
    counts: dict
    json_text: str
    rows: list[tuple[str, dict]]
    sightings: list[tuple]

    @classmethod
    def of(cls, document: Document, counts: dict, status: str, source: SourceText | None = None) -> "StoredDocument":
        from extract.storing.output import record_json

        return cls(document.source, document.sha256, document.kind, status, list(document.unread_pages),
                   list(document.warnings), counts, record_json(document),
                   list(document_rows(document, source)),
                   [tuple(getattr(seen, name) for name in SIGHTING_FIELDS) for seen in sightings(document)])
