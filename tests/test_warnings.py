"""A warning is a record: a stable code a program acts on, the message a person reads, and where.

ingest marks a document partial by the codes of its warnings, never by searching their words, so
a report titled "Why signs are unreadable" does not make a paper partial, and rewording a message
changes nothing a program does.
"""

from __future__ import annotations

import json
import re

from extract.batch.ingest import is_partial, status_reasons
from schemas import DocumentWarning
from tests.helpers import ROOT, parsed

UNMAPPED = DocumentWarning(code="unmapped-font",
                           message="page 3: 40% of characters unreadable (a font without a Unicode map); left out")
WORDY = DocumentWarning(code="report-without-item", message='report "Why signs are unreadable: no meeting" matches no agenda item')


def test_partial_is_decided_by_code_not_by_the_words_of_a_message():
    assert not is_partial([WORDY])
    assert is_partial([WORDY, UNMAPPED])
    assert status_reasons("partial", [WORDY, UNMAPPED]) == [UNMAPPED.message]
    assert status_reasons("ok", [UNMAPPED]) == []


def test_a_paper_with_nothing_recognised_is_partial_by_its_no_meeting_warning(tmp_path):
    from extract.batch.ingest import run_ingest

    letter = tmp_path / "letter.txt"
    letter.write_text("Dear resident,\n\nThe library will close early on Friday for a staff event.\n\nYours sincerely\n",
                      encoding="utf-8")
    (outcome,) = run_ingest([letter], tmp_path / "out").report.documents
    assert outcome.status == "partial"
    assert outcome.reasons == ["no meeting, minutes or report recognised in this document"]
    warning = {"code": "no-meeting", "message": outcome.reasons[0], "span": None}
    assert warning in json.loads((tmp_path / "out" / outcome.output).read_text(encoding="utf-8"))["warnings"]


def test_every_code_the_source_gives_is_listed_in_the_readme():
    """The README is where a user learns the codes: each one made in extract/ is named there."""
    made = set()
    for path in (ROOT / "extract").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        made |= set(re.findall(r'code="([a-z-]+)"', text)) | set(re.findall(r'_warning\("([a-z-]+)"', text))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(made) >= 20
    assert sorted(code for code in made if f"`{code}`" not in readme) == []


def test_a_warning_about_a_record_carries_the_records_span():
    """Alameda's council minutes print vote counts that disagree with the names listed (a real
    paper): each such warning points at the vote it is about, so a clerk can go to the place."""
    document = parsed("tests/accuracy/documents/alameda_city_council_2019-01-02_minutes.pdf")
    votes = {(v.span.char_start, v.span.char_end): v for m in document.meetings for i in m.items for v in i.votes}
    mismatches = [w for w in document.warnings if w.code == "vote-count-mismatch"]
    assert mismatches
    for warning in mismatches:
        vote = votes[(warning.span.char_start, warning.span.char_end)]
        side = re.search(r": (for|against|abstain) printed as (\d+)", warning.message)
        assert vote.counts[side[1]] == int(side[2])


def test_a_warning_about_the_whole_document_has_no_span(tmp_path):
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear resident,\n\nThe library will close early on Friday.\n", encoding="utf-8")
    from extract.pipeline import process_path

    (warning,) = process_path(letter).warnings
    assert warning.code == "no-meeting" and warning.span is None
