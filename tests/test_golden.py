"""Every golden document, field by field: the seeds' packs and papers in other councils' styles.

The golden JSON in tests/golden/ is written by hand from the source documents, never generated
from the parser's output.
"""

from __future__ import annotations

import pytest

from tests.helpers import agenda_view, attendance_view, golden_files, item_view, load_golden, membership_view, parsed

CASES = [pytest.param(load_golden(path), id=path.stem) for path in golden_files()]
MEETING_FIELDS = ("role", "body", "date", "time", "venue")


def test_there_are_golden_documents_for_both_packs_and_four_other_styles():
    names = [path.stem for path in golden_files()]
    assert sum("agenda-pack" in name for name in names) >= 2
    assert sum(not name.startswith("durham") for name in names) >= 4


@pytest.mark.parametrize("golden", CASES)
def test_document_kind_and_meetings(golden):
    document = parsed(golden["source"])
    assert document.kind == golden["kind"]
    found = [{field: getattr(m, field) for field in MEETING_FIELDS} for m in document.meetings]
    expected = [{field: m[field] for field in MEETING_FIELDS} for m in golden["meetings"]]
    assert found == expected


RECORD_LISTS = [("agenda_items", agenda_view), ("membership", membership_view), ("attendance", attendance_view)]


@pytest.mark.parametrize(("field", "view"), RECORD_LISTS, ids=[name for name, _ in RECORD_LISTS])
@pytest.mark.parametrize("golden", CASES)
def test_record_lists(golden, field, view):
    document = parsed(golden["source"])
    for meeting, expected in zip(document.meetings, golden["meetings"], strict=True):
        assert [view(record) for record in getattr(meeting, field)] == expected[field]


@pytest.mark.parametrize("golden", CASES)
def test_minutes_items_and_resolutions(golden):
    document = parsed(golden["source"])
    for meeting, expected in zip(document.meetings, golden["meetings"], strict=True):
        assert len(meeting.items) == len(expected["items"])
        for item, expected_item in zip(meeting.items, expected["items"]):
            assert item_view(item, expected_item) == expected_item
