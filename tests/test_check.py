"""`minutebook check`: the clerk's summary of a pack, and exactly what is wrong with a broken one."""

from __future__ import annotations

import re

import pytest

from extract.normalising.checks import check_pack
from extract.commands.cli import main
from extract.pipeline import parse_source
from extract.reading.decode import read_text
from tests.helpers import CORPUS

PACK_2017 = next(CORPUS.glob("*2017-10-31_agenda-pack.txt"))
PACK_2024 = next(CORPUS.glob("*2024-04-16_agenda-pack.txt"))


def check_text(text: str):
    document = parse_source(read_text(text.encode(), "pack.txt"))
    return document, check_pack(document)


@pytest.mark.parametrize(
    ("pack", "expected"),
    [
        (PACK_2017, {"3": "minutes of 2017-09-22: 12 items", "7": "report: Progress of Recommendations following the Overview "
                     "and Scrutiny Review of Organised Crime", "8": "report: Safe Durham Partnership Strategic Assessment 2017 "
                     "and Safe Durham Partnership Plan 2018-21 priorities", "9": "report: Progress of Recommendations following "
                     "the Overview and Scrutiny Review of Home Safety – Safe and Wellbeing Visits"}),
        (PACK_2024, {"3": "minutes of 2024-02-26: 9 items", "6": "report: Draft Safe Durham Partnership Strategy 2024-29",
                     "7": "report: Road Safety", "8": "report: Anti-social Behaviour (ASB) Strategic Group Update – ASB "
                     "Delivery Plan 2024-2025", "9": "report: Quarter Three, 2023/24 Performance Management Report",
                     "10": "report: Probation Service", "12": "exempt: not in the public pack"}),
    ],
    ids=["2017", "2024"],
)
def test_each_seed_pack_is_summarised_correctly_with_no_warnings(pack, expected, capsys):
    document, check = check_text(pack.read_text(encoding="utf-8"))
    assert {entry.item.number: entry.holds for entry in check.items if entry.holds} == expected
    assert check.warnings == [] and document.warnings == []
    assert main(["check", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "no warnings" in out and "Committee Room 2, County Hall, Durham" in out


def test_a_pack_with_a_report_removed_and_a_page_range_changed_reports_exactly_that(tmp_path, capsys):
    text = PACK_2024.read_text(encoding="utf-8")
    lines = text.split("\n")
    road_safety = next(i for i, line in enumerate(lines) if line == "Road Safety" and i > 100)
    start = road_safety - 6  # the report's header: committee, date, title
    end = next(i for i in range(road_safety, len(lines)) if lines[i].startswith("This page is intentionally left blank"))
    broken = lines[:start] + lines[end + 1:]
    broken_text = "\n".join(broken).replace("Probation Service - Report of the Corporate Director of Resources (Pages 123 - 136)",
                                            "Probation Service - Report of the Corporate Director of Resources (Pages 123 - 140)")
    assert broken_text != "\n".join(broken)
    _, check = check_text(broken_text)
    assert [(w.code, w.message) for w in check.warnings] == [
        ("report-not-in-pack", 'agenda item 7 "Road Safety" has pages 57-76 but no report was found in the pack'),
        ("pages-overlap", "agenda items 10 and 12 overlap in pages (123-140 and 137-146)"),
    ]
    pack = tmp_path / "broken.txt"
    pack.write_text(broken_text, encoding="utf-8")
    assert main(["check", str(pack)]) == 1
    out = re.sub(r"\s+", " ", capsys.readouterr().out)
    assert "2 warning(s)" in out and "no report found" in out


def test_apologies_from_someone_not_on_the_committee_are_flagged():
    text = PACK_2017.read_text(encoding="utf-8").replace(
        "Apologies for absence were received from Councillors C Hampson,",
        "Apologies for absence were received from Councillors Q Zebedee, C Hampson,")
    _, check = check_text(text)
    assert [(w.code, w.message) for w in check.warnings] == [(
        "apologies-not-member", "minutes of Safer and Stronger Communities Overview and Scrutiny Committee (2017-09-22): "
        "Q Zebedee gave apologies but is not on the membership list")]


def test_a_gap_in_page_ranges_is_flagged():
    text = PACK_2017.read_text(encoding="utf-8").replace("(Pages 19 - 22)", "(Pages 20 - 22)")
    _, check = check_text(text)
    assert [(w.code, w.message) for w in check.warnings] == [
        ("pages-without-item", "pages 19-19 between agenda items 7 and 8 belong to no item")]


def test_check_on_unreadable_input_is_one_line_and_exit_one(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["check", str(empty)]) == 1
    assert "empty.txt: empty file" in capsys.readouterr().err


def test_in_a_pdf_a_report_on_the_wrong_printed_page_is_flagged():
    pytest.importorskip("fpdf")
    from extract.reading.pdf import read_pdf
    from tests.test_pdf import latin1, render

    document = parse_source(read_pdf(render(latin1(PACK_2017.read_text(encoding="utf-8"))), "pack.pdf"))
    starts = {r.agenda_item: int(r.span.printed_page) for r in document.reports}
    pages = {a.number: a.pages for m in document.meetings for a in m.agenda_items if a.pages}
    wrong = [n for n, page in starts.items() if not pages[n].start <= page <= pages[n].end]
    warned = [w.message for w in document.warnings if w.code == "report-outside-pages"]
    assert wrong and len(warned) == len(wrong)  # re-rendered, the pack's pages no longer match its agenda
    assert all(f"agenda item {n} gives" in " ".join(warned) for n in wrong)
