"""Every real minutes document beside the checkout (../shared/realdocs, MANIFEST.tsv) reads as a
meeting's minutes with its date, body, attendance and items: none is 'unknown'."""

from __future__ import annotations

import csv
import shutil

import pytest

from extract.pipeline import parse_source, read_source
from tests.helpers import ROOT

REALDOCS = ROOT.parent / "shared" / "realdocs"
MANIFEST = REALDOCS / "MANIFEST.tsv"
MINUTES = sorted(row["short_name"] for row in csv.DictReader(MANIFEST.open(encoding="utf-8"), delimiter="\t")
                 if row["doc_kind"] == "minutes") if MANIFEST.is_file() else []
# Each a case to fix (strict: it must still fail), with the reason it fails.
NOT_YET = {
    "sdusd_board_2001-01-30_regular_minutes.pdf":
        "fonts without a Unicode map: pdfium gives (cid) glyphs where pdftotext recovers the text",
}


def _case(name: str):
    reason = NOT_YET.get(name)
    return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason)) if reason else name


@pytest.mark.skipif(not MINUTES, reason="../shared/realdocs is not beside the checkout")
@pytest.mark.parametrize("name", [_case(name) for name in MINUTES])
def test_real_minutes_read_as_a_meeting_with_date_body_attendance_and_items(name):
    scanned = "scanned" in name
    if scanned and shutil.which("tesseract") is None:
        pytest.skip("a scan: needs Tesseract for --ocr")
    document = parse_source(read_source((REALDOCS / name).read_bytes(), name, ocr=scanned))
    minutes = [m for m in document.meetings if m.role == "minutes"]
    assert document.kind != "unknown" and minutes, name
    for meeting in minutes:
        assert meeting.date and meeting.body and meeting.attendance and meeting.items, (
            meeting.date, meeting.body, len(meeting.attendance), len(meeting.items))
