"""Officers' reports and their tables in every seed, field by field against hand-written golden JSON.

Fields a golden report leaves out are not checked; "tables" lists tables that must be found.
"""

from __future__ import annotations

import json

import pytest

from tests.helpers import GOLDEN, parsed

CASES = [pytest.param(json.loads(p.read_text(encoding="utf-8")), id=p.stem) for p in sorted((GOLDEN / "reports").glob("*.json"))]


def author_row(author):
    person = author.person
    return [person.title if person else None, person.name if person else None, author.role]


def test_every_seed_has_report_goldens():
    assert len(CASES) >= 6  # five seeds and at least one report in another style


@pytest.mark.parametrize("golden", CASES)
def test_reports(golden):
    document = parsed(golden["source"])
    assert [r.title for r in document.reports] == [r["title"] for r in golden["reports"]]
    for report, expected in zip(document.reports, golden["reports"]):
        for field in ("body", "meeting_date", "agenda_item", "electoral_divisions", "background_papers", "appendices", "implications"):
            if field in expected:
                assert getattr(report, field) == expected[field], (report.title, field)
        if "author" in expected:
            assert author_row(report.author) == expected["author"]
        assert [author_row(a) for a in report.authors] == expected["authors"], report.title
        if "authors" in expected and "author" not in expected:
            assert author_row(report.author) == expected["authors"][0]
        if "purpose_starts" in expected:
            assert report.purpose.startswith(expected["purpose_starts"]), report.title
        assert [[r.label, r.text] + ([r.preamble] if r.preamble else []) for r in report.recommendations] == expected["recommendations"]
        assert [[c.name, c.role, c.tel, c.email] for c in report.contacts] == expected["contacts"], report.title
        if "implications_headings" in expected:
            assert list(report.implications) == expected["implications_headings"], report.title


@pytest.mark.parametrize("golden", CASES)
def test_tables(golden):
    document = parsed(golden["source"])
    for expected in golden["tables"]:
        matches = [t for t in document.tables if t.columns == expected["columns"] and t.report_title == expected["report_title"]]
        assert len(matches) == 1, expected["columns"]
        table = matches[0]
        assert (table.kind, table.syntax) == (expected["kind"], expected["syntax"])
        if "records" in expected:
            found = [[r.number, r.recommendation[: len(e[1])], r.responsibility, r.timescale]
                     for r, e in zip(table.records, expected["records"])]
            assert found == expected["records"]
            assert len(table.rows) == len(table.records) == len(expected["records"])
        for row, text in expected.get("continued_rows", {}).items():
            assert text in " ".join(table.rows[int(row)])
        if "indicators" in expected:
            assert [[r.group, r.indicator, r.type] for r in table.records] == expected["indicators"]
        if "first_measurements" in expected:
            first = table.records[0].measurements
            assert [[m.column, m.value, m.kind, m.period_start, m.period_end] for m in first] == expected["first_measurements"]
