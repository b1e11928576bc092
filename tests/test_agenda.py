"""Front-sheet agendas: numbering, page ranges, parts and sub-items."""

from __future__ import annotations

import pytest

from extract.parsing.agenda import parse_agenda, part_marker, split_pages
from extract.reading.decode import read_text


def agenda(text):
    source = read_text(text.encode(), "a.txt")
    return [(i.number, i.title, (i.pages.start, i.pages.end) if i.pages else None, i.part,
             [(s.label, s.title) for s in i.sub_items]) for i in parse_agenda(source, 0, len(source.lines) - 1)]


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Minutes (Pages 3 - 8)", ("Minutes", (3, 8))), ("Budget: (Pages 9 – 18)", ("Budget", (9, 18))),
     ("Plan (Page 5)", ("Plan", (5, 5))), ("Plan Pages 5 to 7", ("Plan", (5, 7))), ("Any other business", ("Any other business", None))],
)
def test_page_ranges(title, expected):
    cleaned, pages = split_pages(title)
    assert (cleaned, (pages.start, pages.end) if pages else None) == expected


@pytest.mark.parametrize(("line", "part"), [("Part A", "A"), ("PART B", "B"), ("Part II - Exempt Items", "B"),
                                            ("PART I", "A"), ("Exempt items", "B"), ("Partnership Working", None)])
def test_part_markers(line, part):
    marker = part_marker(line)
    assert (marker.value if marker else None) == part


def test_numbers_must_run_forward_so_dates_and_stray_numbers_are_not_items():
    text = ("1. Apologies\n2. Minutes (Pages 1 - 4)\n3. Housing Plan\n\nHelen Smith\nHead of Legal Services\n"
            "23 October 2017\n\n40 Main Street\n")
    assert [n for n, *_ in agenda(text)] == ["1", "2", "3"]


def test_sub_items_and_exempt_part():
    text = "Part A\n1 Budget (Pages 5 - 9)\n (a) Report of the Treasurer\n (b) Presentation by the Auditor\nPart B\n2 Land Sale\n"
    assert agenda(text) == [
        ("1", "Budget", (5, 9), "A", [("a", "Report of the Treasurer"), ("b", "Presentation by the Auditor")]),
        ("2", "Land Sale", None, "B", []),
    ]
