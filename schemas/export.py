"""The JSON Schema of a Document, as committed in schemas/minutebook.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

from schemas.records import Document

SCHEMA_PATH = Path(__file__).with_name("minutebook.schema.json")


def document_schema_json() -> str:
    """The schema as stable, pretty JSON text (keys sorted, so diffs stay readable)."""
    schema = Document.model_json_schema()
    schema["$id"] = "https://minutebook.invalid/schemas/minutebook.schema.json"
    schema["title"] = "minutebook Document"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
