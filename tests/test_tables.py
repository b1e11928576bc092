"""Tables in each syntax the genre uses parse to the same Table, across page breaks."""

from __future__ import annotations

import pytest

from extract.parsing.table_records import progress_status, table_kind, typed_records
from extract.reading.decode import read_text
from extract.text.tables import clean_cell, find_tables

HEADER = ["Recommendation", "Progress", "Lead Officer", "Timescale"]
ROWS = [
    ["1) Review the taxi licensing policy", "Consultation closed in May.", "Licensing Manager", "Complete"],
    ["2) Publish enforcement data quarterly", "First dashboard published.\nSecond due in July.", "Head of Regulatory Services",
     "June 2024\nOngoing"],
    ["3) Train members on safeguarding", "Not yet started.", "Democratic Services", "March 2025"],
]


def tab_table():
    lines = ["\t".join(HEADER),
             "\t".join(ROWS[0]),
             "\t".join([ROWS[1][0], "First dashboard published.", ROWS[1][2], "June 2024"]),
             "\f" + "\t".join(HEADER),
             "\t".join(["", "Second due in July.", "", "Ongoing"]),
             "\t".join(ROWS[2])]
    return "Table 1\n\n" + "\n".join(lines) + "\n\nAfter the table.\n"


def html_table():
    def cell(text):
        return "".join(f"<p>{part}</p> " for part in text.split("\n")).strip()
    lines = ["\t".join(HEADER),
             "\t".join(cell(c) for c in ROWS[0]),
             "\t".join(cell(c) for c in [ROWS[1][0], "First dashboard published.", ROWS[1][2], "June 2024"]),
             "",
             "\f" + "\t".join(HEADER),
             "\t".join(["", cell("Second due in July."), "", cell("Ongoing")]),
             "\t".join(cell(c) for c in ROWS[2])]
    return "Table 1\n\n" + "\n".join(lines) + "\n\nAfter the table.\n"


def pipe_table():
    def row(cells):
        return "| " + " | ".join(cells) + " |"
    rule = "|" + "|".join("---" for _ in HEADER) + "|"
    lines = [row(HEADER), rule, row(ROWS[0]), row([ROWS[1][0], "First dashboard published.", ROWS[1][2], "June 2024"]),
             "", "\f" + row(HEADER), rule, row(["", "Second due in July.", "", "Ongoing"]), row(ROWS[2])]
    return "Table 1\n\n" + "\n".join(lines) + "\n\nAfter the table.\n"


@pytest.mark.parametrize(("make", "syntax"), [(tab_table, "tab"), (html_table, "html"), (pipe_table, "pipe")])
def test_each_syntax_gives_the_same_table(make, syntax):
    source = read_text(make().encode(), "t.txt")
    (table,) = find_tables(source)
    assert table.syntax == syntax
    assert table.columns == HEADER
    assert [row.cells for row in table.rows] == ROWS
    assert source.pages == 2 and source.lines[table.rows[1].last].page == 2  # the continued row spans the break
    records = typed_records(table, table_kind(table.columns))
    assert [(r.number, r.recommendation, r.responsibility, r.timescale, r.status) for r in records] == [
        ("1", "Review the taxi licensing policy", "Licensing Manager", "Complete", "complete"),
        ("2", "Publish enforcement data quarterly", "Head of Regulatory Services", "June 2024\nOngoing", "ongoing"),
        ("3", "Train members on safeguarding", "Democratic Services", "March 2025", "not started"),
    ]


def test_a_grouped_table_fills_the_group_down_and_a_lone_cell_after_a_break_continues_it():
    text = ("Priority\tIndicator\tTarget\n"
            "Safer Roads and\tCasualties\t10\n"
            "\tSpeeding reports\t5\n"
            "\n\fPriority\tIndicator\tTarget\n"
            "Streets\t\t\n"
            "Clean Air\tNO2 readings\t40\n")
    (table,) = find_tables(read_text(text.encode(), "g.txt"))
    records = typed_records(table, table_kind(table.columns))
    assert [(r.group, r.indicator) for r in records] == [
        ("Safer Roads and Streets", "Casualties"), ("Safer Roads and Streets", "Speeding reports"), ("Clean Air", "NO2 readings")]
    assert records[0].measurements[0].kind == "target"


def test_separate_tables_are_not_joined_and_prose_is_not_a_table():
    text = "Year\tTotal\n2023\t5\n2024\t7\n\nSome prose between.\n\nName\tRole\nA Smith\tClerk\n"
    tables = find_tables(read_text(text.encode(), "s.txt"))
    assert [t.columns for t in tables] == [["Year", "Total"], ["Name", "Role"]]


@pytest.mark.parametrize(
    ("cell", "text"),
    [("<p>One</p> <p>Two</p>", "One\nTwo"),
     ('<p>Do this:</p> <ul style="x"> • first • second', "Do this:\n• first\n• second"),
     ("<ul><li>a</li><li>b &amp; c</li></ul>", "• a\n• b & c"),
     ("plain   text", "plain text")],
)
def test_html_cells(cell, text):
    assert clean_cell(cell) == text


@pytest.mark.parametrize(
    ("status", "timescale", "progress", "expected"),
    [(None, "Complete", None, "complete"), (None, "October 2017\nComplete", None, "ongoing"),
     (None, "May 2018", "The evaluation is due to be completed by March 2018.", "unknown"),
     (None, "May 2018", "Work now completed.", "complete"), ("Not started", "2025", None, "not started"),
     ("In progress", "Complete", None, "ongoing"), (None, None, None, "unknown")],
)
def test_progress_status_reads_the_cells_in_order(status, timescale, progress, expected):
    assert progress_status(status, timescale, progress) == expected
