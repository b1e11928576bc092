"""Every real minutes document beside the checkout (../shared/realdocs, MANIFEST.tsv) reads as a
meeting's minutes with its date, body, attendance and items: none is 'unknown'."""

from __future__ import annotations

import csv
import shutil

import pytest

from extract.pipeline import parse_source, read_source
from tests.helpers import REALDOCS

MANIFEST = REALDOCS / "MANIFEST.tsv"
MINUTES = sorted(row["short_name"] for row in csv.DictReader(MANIFEST.open(encoding="utf-8"), delimiter="\t")
                 if row["doc_kind"] == "minutes") if MANIFEST.is_file() else []
# Each a case to fix (strict: it must still fail), with the reason it fails.
NOT_YET: dict[str, str] = {}


def _case(name: str):
    reason = NOT_YET.get(name)
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason)) if reason else name


def _read(name: str):
    """The document as read, with --ocr where a page has no readable text (a scan, or a font
    without a Unicode map) and Tesseract is installed; skipped where it is not."""
    data = (REALDOCS / name).read_bytes()
    source = read_source(data, name)
    if not source.unread_pages:
        return source
    if shutil.which("tesseract") is None:
        pytest.skip(f"pages {source.unread_pages} have no readable text: needs Tesseract for --ocr")
    return read_source(data, name, ocr=True)


@pytest.mark.skipif(not MINUTES, reason="../shared/realdocs is not beside the checkout")
@pytest.mark.parametrize("name", [_case(name) for name in MINUTES])
def test_real_minutes_read_as_a_meeting_with_date_body_attendance_and_items(name):
    document = parse_source(_read(name))
    minutes = [m for m in document.meetings if m.role == "minutes"]
    assert document.kind != "unknown" and minutes, name
    for meeting in minutes:
        assert meeting.date and meeting.body and meeting.attendance and meeting.items, (
            meeting.date, meeting.body, len(meeting.attendance), len(meeting.items))
