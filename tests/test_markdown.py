"""Markdown minutes that embed raw HTML blocks: read as lines of text, spans citing what was printed."""

from __future__ import annotations

import pytest

from extract.reading.decode import decode, read_path, read_text
from tests.helpers import ROOT, parsed

ACCURACY_DOCUMENTS = ROOT / "tests" / "accuracy" / "documents"
WEREHAM = "tests/accuracy/documents/wereham-pc_2014-07-08_minutes.md"
needs_wereham = pytest.mark.skipif(not (ROOT / WEREHAM).is_file(), reason="the Wereham minutes copy is absent")

# The opening rows of the one-line <table> that holds the whole of the minutes in
# wereham-pc_2014-07-08_minutes.md (line 43), closed after the row of item 2.1.
WEREHAM_ROWS = (
    '<table><tbody><tr><td width="47"><strong>&nbsp;</strong></td><td width="539">&nbsp;</td><td width="47">'
    '<strong>Action</strong></td></tr><tr><td width="47"><strong>1.0</strong></td><td width="539"><strong>Welcome, '
    'Introductions and apologies</strong></td><td width="47"><strong>&nbsp;</strong></td></tr><tr><td width="47">'
    '<strong>&nbsp;</strong></td><td width="539">&nbsp;</td><td width="47"><strong>&nbsp;</strong></td></tr><tr>'
    '<td width="47">1.1</td><td width="539">JB welcomed all. Apologies for absence were noted from Karin Newell</td>'
    '<td width="47"><strong>&nbsp;</strong></td></tr><tr><td width="47"><strong>2.0</strong></td><td width="539">'
    '<strong>Minutes of Previous Meeting</strong></td><td width="47"><strong>&nbsp;</strong></td></tr><tr>'
    '<td width="47">2.1</td><td width="539">To confirm as a correct record the Minutes of the Annual Parish Meeting '
    'held on 13<sup>th </sup>May 2014.<div></div><em>Prop. JB 2<sup>nd</sup> DD All agreed.</em></td>'
    '<td width="47"><strong>&nbsp;</strong></td></tr></tbody></table>'
)


def _read(markdown: str, newline: str = "\n"):
    return read_text(newline.join(markdown.split("\n")).encode("utf-8"), "minutes.md")


def _texts(source) -> list[str]:
    return [line.text for line in source.lines if line.text.strip()]


def test_a_table_of_minutes_on_one_line_reads_a_row_a_line():
    source = _read(f"**WEREHAM PARISH COUNCIL**\n\n{WEREHAM_ROWS}\n\nConfirmed as a true and accurate record\n")
    assert _texts(source) == [
        "**WEREHAM PARISH COUNCIL**",
        "Action",
        "1.0\tWelcome, Introductions and apologies",
        "1.1\tJB welcomed all. Apologies for absence were noted from Karin Newell",
        "2.0\tMinutes of Previous Meeting",
        "2.1\tTo confirm as a correct record the Minutes of the Annual Parish Meeting held on 13th May 2014.",
        "Prop. JB 2nd DD All agreed.",
        "Confirmed as a true and accurate record",
    ]


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_each_line_cites_the_text_it_reads(newline):
    source = _read(f"Minutes\n\n{WEREHAM_ROWS}\n\nClosed 9.10pm\n", newline)
    for index, line in enumerate(source.lines):
        span = source.span(index, index)
        assert span.text == line.text
        assert "<" not in span.text and "&nbsp;" not in span.text
    assert source.raw.startswith(f"Minutes{newline}{newline}Action{newline}")
    assert source.raw.endswith(f"Prop. JB 2nd DD All agreed.{newline}{newline}Closed 9.10pm{newline}")


def test_an_empty_cell_inside_a_row_keeps_its_column():
    # northwold-pc_2014-05-06_agm_minutes.md: a payments table whose 'Inland Revenue' cell is &nbsp;
    row = ('<table><tbody><tr><td width="235">K&amp;M Lighting</td><td width="64">24.27</td><td width="64">4.85</td>'
           '<td width="105">&nbsp;</td><td width="136">29.12</td></tr></tbody></table>')
    assert _texts(_read(row)) == ["K&M Lighting\t24.27\t4.85\t\t29.12"]


def test_text_from_html_is_not_blanked_as_markdown():
    # A cell printing '> 20 mph' is text; in a Markdown line the '>' would open a quote.
    source = _read("<table><tr><td>9.2</td><td>&gt; 20 mph on Church Road</td></tr></table>\n\n> quoted\n")
    assert _texts(source) == ["9.2\t> 20 mph on Church Road", "  quoted"]


def test_front_matter_and_inline_angle_brackets_are_not_html_blocks():
    # london-on-community-protective-services-cttee_2025-04-07_minutes.md: a link to <https://...>
    markdown = ('---\ntitle: "Minutes"\n---\n'
                "[2025-03-27 ACAC Report](<https://pub-london.escribemeetings.com/filestream.ashx?DocumentId=115580>)\n"
                "The Chair noted <b>two</b> items.\n")
    source = _read(markdown)
    assert source.raw == markdown


@pytest.mark.parametrize("name", sorted(p.name for p in ACCURACY_DOCUMENTS.glob("*.md")
                                        if "wereham" not in p.name) if ACCURACY_DOCUMENTS.is_dir() else [])
def test_markdown_without_html_blocks_reads_as_the_file(name):
    # boughton-pc (nested lists), london-on-* (pipe tables in callouts, links to <https://...>)
    path = ACCURACY_DOCUMENTS / name
    assert read_path(path).raw == decode(path.read_bytes(), name)[0]


@needs_wereham
def test_wereham_minutes_read_as_items_with_verbatim_spans():
    source = read_path(ROOT / WEREHAM)
    document = parsed(WEREHAM)
    meeting = document.meetings[0]
    assert meeting.date == "2014-07-08"
    assert (meeting.items[0].number, meeting.items[0].title) == ("1.0", "Welcome, Introductions and apologies")
    assert "1.0\tWelcome, Introductions and apologies" in [line.text for line in source.lines]
    texts = [item.span.text for item in meeting.items] + [r.span.text for i in meeting.items for r in i.resolutions]
    for text in filter(None, texts):
        assert "<" not in text and "&nbsp;" not in text
        assert text in source.raw


@needs_wereham
def test_wereham_lines_around_the_table_are_the_files_lines():
    path = ROOT / WEREHAM
    file_lines = path.read_text(encoding="utf-8").split("\n")
    table = next(index for index, line in enumerate(file_lines) if line.startswith("<table>"))
    raw_lines = read_path(path).raw.split("\n")
    assert raw_lines[:table] == file_lines[:table]
    after = len(file_lines) - table - 1
    assert raw_lines[-after:] == file_lines[-after:]


# The front matter and first lines of stoke-ferry-pc_2004-12-15_minutes.md: the title dates the
# meeting by weekday without a year; the post's date gives it.
STOKE_FERRY_2004 = (
    '---\ntitle: "Minutes of a meeting of Stoke Ferry Parish Council held in the Community Centre at 7.30pm on '
    'Wednesday 15th December"\ndate: "2005-02-01"\ncategories: \n  - "parish-councils"\n---\n\n'
    "Stoke Ferry Parish Council Minutes\n\n"
    "Those attending Mr M Mycock (Chairman) Mr M Ferrie, Mr S Randall, Mrs T Mann, Mr T White\n\n"
    "Apologies for Absence were received from Mrs M Leaman, Mr B Harrison,\n\n"
    "Matters Arising:\n\n(a) Mr Randall expressed concern about the high kerbs at Buckenham Drive.\n"
)


def test_a_title_without_a_year_takes_the_year_of_its_post():
    from extract.pipeline import parse_source

    source = _read(STOKE_FERRY_2004)
    assert "on Wednesday 15th December 2004" in source.lines[1].text
    assert len(source.lines[1].text) == len(source.raw.splitlines()[1])
    meetings = parse_source(source).meetings
    assert [(m.role, m.date, m.body) for m in meetings] == [("minutes", "2004-12-15", "Stoke Ferry Parish Council")]
    assert meetings[0].attendance


def test_a_title_without_a_year_stays_yearless_without_a_post_date():
    source = _read(STOKE_FERRY_2004.replace('date: "2005-02-01"\n', ""))
    assert source.lines[1].text.strip().endswith("on Wednesday 15th December")
