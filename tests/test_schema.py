"""The exported JSON Schema is current, and outputs validate against the records."""

from __future__ import annotations

import json

import pytest

from schemas import Document
from schemas.export import SCHEMA_PATH, document_schema_json
from tests.helpers import CORPUS, ROOT, parsed


def test_committed_schema_is_up_to_date():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == document_schema_json(), \
        "schemas/minutebook.schema.json is stale: run `minutebook schema`"


def test_schema_names_the_output_contract():
    schema = json.loads(SCHEMA_PATH.read_text())
    assert {"source", "sha256", "kind", "meetings", "reports", "tables", "warnings"} <= schema["properties"].keys()
    meeting = schema["$defs"]["Meeting"]["properties"]
    assert {"id", "role", "body", "date", "time", "venue", "agenda_items", "membership", "attendance", "items", "span"} <= meeting.keys()
    assert schema["$defs"]["AttendanceStatus"]["enum"] == ["present", "apologies", "substitute", "in attendance", "absent"]


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem)
def test_outputs_round_trip_through_json(path):
    document = parsed(str(path.relative_to(ROOT)))
    text = document.model_dump_json()
    again = Document.model_validate_json(text)
    assert again == document
    assert again.model_dump_json() == text


def test_records_refuse_unknown_fields_and_bad_values():
    document = parsed("tests/documents/borough_planning_minutes_2024-03-05.txt").model_dump()
    with pytest.raises(ValueError):
        Document.model_validate({**document, "unexpected": 1})
    document["meetings"][0]["attendance"][0]["status"] = "asleep"
    with pytest.raises(ValueError):
        Document.model_validate(document)
