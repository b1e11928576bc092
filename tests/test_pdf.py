"""PDF input: papers rendered to PDF at test time read back to the same records as their text.

fpdf2 draws each line of a paper (wrapping long ones, a gap for each blank line) under a running
header and over a "Page N" footer, as council packs are printed. Its core fonts are Latin-1, so
both the text and the PDF side are made from the same Latin-1 transliteration of the paper.
"""

from __future__ import annotations

import json

import pytest

from extract.base.errors import UnreadableDocument
from extract.reading.pdf import read_pdf
from extract.pipeline import parse_source, read_source
from extract.reading.decode import read_text
from tests.helpers import CORPUS, DOCUMENTS, ROOT

fpdf = pytest.importorskip("fpdf")

LATIN1 = str.maketrans({"–": "-", "—": "-", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "...", "•": "*",
                        "\u00a0": " ", "➤": ">", "✓": "v"})


def latin1(text: str) -> str:
    return text.translate(LATIN1).encode("latin-1", "replace").decode("latin-1")


def _table_runs(lines: list[str]) -> list[tuple[int, int, list[list[str]]]]:
    """Runs of tab-separated lines as (first, last, rows): repeated headers dropped, since a
    rendered table repeats its header on each page itself."""
    from extract.text.tables import clean_cell

    runs, index = [], 0
    while index < len(lines):
        if "\t" not in lines[index]:
            index += 1
            continue
        header = lines[index].split("\t")
        rows, last, cursor = [header], index, index + 1
        while cursor < len(lines) and ("\t" in lines[cursor] or (not lines[cursor].strip() and cursor + 1 < len(lines)
                                                                     and lines[cursor + 1].split("\t") == header)):
            cells = lines[cursor].split("\t")
            if "\t" in lines[cursor] and cells != header and len(cells) == len(header):
                rows.append([clean_cell(cell) for cell in cells])
            last, cursor = cursor, cursor + 1
        runs.append((index, last, rows))
        index = cursor
    return runs


def render(text: str, header: str = "Committee Papers - Public Pack", tables: bool = False, columns: bool = False) -> bytes:
    """A paper as a printed pack: running header, "Page N" footer; with `tables`, tab-separated
    rows drawn as ruled tables (heading repeated on each page); with `columns`, the paragraphs
    after the first report heading set in two columns until the next heading."""
    class Pack(fpdf.FPDF):
        def header(self):
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, header, align="C")
            self.ln(8)

        def footer(self):
            self.set_y(-12)
            self.set_font("Helvetica", size=8)
            self.cell(0, 5, f"Page {self.page_no()}", align="C")

    pdf = Pack(format="A4")
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    lines = text.split("\n")
    runs = {first: (last, rows) for first, last, rows in _table_runs(lines)} if tables else {}
    column_start = next((i for i, line in enumerate(lines) if line.strip() == "Background"), None) if columns else None
    index = 0
    while index < len(lines):
        if index in runs:
            last, rows = runs[index]
            pdf.set_font("Helvetica", size=5)
            with pdf.table(line_height=2.2) as table:
                for cells in rows:
                    row = table.row()
                    for cell in cells:
                        row.cell(cell)
            pdf.set_font("Helvetica", size=10)
            index = last + 1
            continue
        if index == column_start:
            end = next((i for i in range(index + 2, len(lines)) if lines[i].strip() and len(lines[i].split()) <= 3
                        and not lines[i].strip().endswith(".")), len(lines))
            with pdf.text_columns(ncols=2, gutter=8) as cols:
                for paragraph in lines[index:end]:
                    if paragraph.strip():
                        cols.write(paragraph.strip().replace("\t", "   "))
                        cols.ln()
                    cols.ln()
            index = end
            continue
        line = lines[index].replace("\t", "   ")
        if line.strip():
            pdf.multi_cell(0, 5, line.strip(), new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.ln(4)
        index += 1
    return bytes(pdf.output())


def records(document) -> list[tuple]:
    out = []
    for meeting in document.meetings:
        out.append(("meeting", meeting.role, meeting.body, meeting.date, meeting.time, meeting.venue))
        out += [("agenda", a.number, a.title, a.pages.start if a.pages else None, a.part) for a in meeting.agenda_items]
        out += [("member", m.person.name, m.role, m.category) for m in meeting.membership]
        out += [("attendance", a.person.name, a.status, a.role) for a in meeting.attendance]
        for item in meeting.items:
            out.append(("item", item.number, item.title))
            out += [("resolution", item.number, r.label, r.text) for r in item.resolutions]
    return out


PAPERS = [*sorted(CORPUS.glob("*agenda-pack.txt")), DOCUMENTS / "borough_planning_minutes_2024-03-05.txt",
          DOCUMENTS / "eastshire_scrutiny_minutes_2024-06-10.txt"]


@pytest.mark.parametrize("paper", PAPERS, ids=lambda p: p.stem)
def test_a_paper_rendered_to_pdf_gives_the_records_its_text_gives(paper, capsys):
    text = latin1(paper.read_text(encoding="utf-8"))
    from_text = records(parse_source(read_text(text.encode("utf-8"), "paper.txt")))
    pdf = render(text, tables=True, columns=True)
    source = read_pdf(pdf, "paper.pdf")
    from_pdf = records(parse_source(source))
    same = sum(1 for record in from_text if record in from_pdf)
    share = same / len(from_text)
    with capsys.disabled():
        print(f"\n{paper.stem}: {source.pages} PDF pages, {same}/{len(from_text)} records identical ({share:.1%})")
        for record in from_text:
            if record not in from_pdf:
                print("   only from text:", str(record)[:150])
    assert len(from_text) >= 10 and share >= 0.98
    typed = [(t.kind, t.report_title) for t in parse_source(read_text(text.encode("utf-8"), "paper.txt")).tables
             if t.syntax in ("tab", "html") and t.kind != "other"]
    drawn = [(t.kind, t.report_title) for t in parse_source(source).tables if t.syntax == "pdf"]
    assert all(table in drawn for table in typed)  # typed tables printed as ruled ones come back as tables
    assert source.printed_pages[:3] == [str(n) for n in range(1, min(source.pages, 3) + 1)]
    if source.pages >= 3:  # a header is known to be running only when it runs over pages
        assert "Committee Papers - Public Pack" not in source.raw


def test_spans_carry_the_pdf_page_and_the_printed_page():
    text = latin1((DOCUMENTS / "borough_planning_minutes_2024-03-05.txt").read_text(encoding="utf-8"))
    document = parse_source(read_pdf(render(text * 3), "long.pdf"))
    pages = {r.span.page for m in document.meetings for i in m.items for r in i.resolutions}
    assert len(pages) >= 2
    for meeting in document.meetings:
        for item in meeting.items:
            for resolution in item.resolutions:
                assert resolution.span.printed_page == str(resolution.span.page)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "not a PDF"),
        (b"Just some text pretending to be a PDF", "not a PDF despite the name"),
        (b"%PDF-1.7\n%garbage that is not a PDF body\n", "corrupt or truncated PDF"),
    ],
    ids=["empty", "not-a-pdf", "corrupt"],
)
def test_bad_pdfs_say_why(data, reason):
    with pytest.raises(UnreadableDocument) as raised:
        read_source(data, "bad.pdf")
    assert reason in raised.value.reason and raised.value.source == "bad.pdf"


def test_a_truncated_pdf_says_why():
    whole = render("Minutes of a meeting\n\n" + "A line of minutes.\n" * 200)
    with pytest.raises(UnreadableDocument, match="corrupt or truncated"):
        read_pdf(whole[: len(whole) // 3], "cut.pdf")


def test_an_encrypted_pdf_says_it_needs_a_password():
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.cell(0, 5, "Confidential minutes")
    pdf.set_encryption(owner_password="owner", user_password="secret")
    with pytest.raises(UnreadableDocument, match="password"):
        read_pdf(bytes(pdf.output()), "locked.pdf")


def test_a_page_without_text_is_reported_and_the_document_is_partial(tmp_path):
    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, "Minutes of the meeting of the Planning Committee held on Tuesday 5 March 2024 at 7.00 pm in the Hall")
    pdf.add_page()
    pdf.rect(20, 20, 100, 100)  # a drawn page with no text layer, like a scan
    source = read_pdf(bytes(pdf.output()), "scan.pdf")
    assert source.unread_pages == [2] and source.warnings[0].code == "no-text-layer"
    assert "no text layer" in source.warnings[0].message
    assert parse_source(source).unread_pages == [2]


def test_each_page_is_one_record_of_how_it_was_read(tmp_path):
    """read_pages gives a record per page: a text page's lines carry their tops, a page without a
    text layer says so and holds no line, and the document's unread pages are read off them."""
    from extract.reading.pdf import read_pages
    from extract.reading.pdf_page import Reading

    pdf = fpdf.FPDF()
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, "Minutes of the meeting of the Planning Committee held on Tuesday 5 March 2024 at 7.00 pm")
    pdf.add_page()
    pdf.rect(20, 20, 100, 100)
    first, second = read_pages(bytes(pdf.output()), "scan.pdf")
    assert (first.number, first.reading, second.number, second.reading) == (1, Reading.TEXT_LAYER, 2, Reading.NO_TEXT)
    assert first.lines and all(line.top is not None for line in first.lines if line.text.strip())
    assert second.lines == [] and second.unread and not first.unread


REALDOCS = ROOT.parent / "shared" / "realdocs"
EXPECTED = {  # what each real council PDF holds, by reading it (shared/realdocs/MANIFEST.tsv)
    "alameda_golf_commission_2011-12-13_minutes_scanned_rot270.pdf": ("partial", "no text layer"),
    "alameda_pension_board_2012-07-30_minutes_scanned.pdf": ("partial", "no text layer"),
    "sdusd_board_2001-01-30_regular_minutes.pdf": ("partial", "unreadable"),
}


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="shared/realdocs is not beside this checkout")
def test_every_real_council_pdf_is_read_without_a_crash_and_with_the_right_status(tmp_path):
    from extract.batch.ingest import run_ingest

    pdfs = sorted(REALDOCS.glob("*.pdf"))
    report = run_ingest(pdfs, tmp_path).report
    outcomes = {o.source.rsplit("/", 1)[-1]: o for o in report.documents}
    assert len(outcomes) == len(pdfs) >= 13
    for name, outcome in outcomes.items():
        assert outcome.status != "failed", (name, outcome.reasons)
        assert not any("internal error" in r for r in outcome.reasons)
        if name in EXPECTED:
            status, reason = EXPECTED[name]
            assert outcome.status == status and any(reason in r for r in outcome.reasons), (name, outcome.reasons)
    again = {o.source.rsplit("/", 1)[-1]: o for o in run_ingest(pdfs, tmp_path).report.documents}
    assert again == outcomes  # a run that reads nothing reports the same statuses and reasons
    garbled = json.loads((tmp_path / outcomes["sdusd_board_2001-01-30_regular_minutes.pdf"].output).read_text())
    assert all("*0/+" not in item["text"] for m in garbled["meetings"] for item in m["items"])
    cabinet = json.loads((tmp_path / outcomes["kent_cabinet_2025-03-13_public_reports_pack.pdf"].output).read_text())
    (meeting,) = cabinet["meetings"]
    assert (meeting["body"], meeting["date"], meeting["time"], meeting["venue"]) == (
        "CABINET", "2025-03-13", "15:00", "Council Chamber, Sessions House, County Hall, Maidstone")
    assert [(a["number"], a["title"], a["part"]) for a in meeting["agenda_items"]][:2] == [
        ("1", "Apologies", "A"), ("2", "Declarations of Interest", "A")]
    memo = json.loads((tmp_path / outcomes["kent_devolution_report_cc.pdf"].output).read_text())
    (report,) = memo["reports"]
    assert (report["title"], report["body"], report["meeting_date"]) == ("English Devolution White Paper", "County Council", "2025-01-09")
    assert (report["author"]["person"]["name"], report["author"]["role"]) == ("Roger Gough", "Leader of the Council")
    assert len(report["recommendations"]) >= 3


def test_the_last_line_of_a_page_and_the_first_of_the_next_stay_apart():
    text = "\n".join(f"Line number {n} of the minutes." for n in range(1, 120))
    source = read_pdf(render(text), "pages.pdf")
    lines = [line.text.strip() for line in source.lines if line.text.strip()]
    assert lines == [f"Line number {n} of the minutes." for n in range(1, 120)]
    assert source.pages >= 2 and {line.page for line in source.lines} == set(range(1, source.pages + 1))


def _two_pages(first: list[str], second: list[str]) -> bytes:
    pdf = fpdf.FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    for lines in (first, second):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_page_break_is_a_paragraph_break_where_the_text_says_so():
    # alameda_city_council_2019-01-02_minutes.pdf: a second meeting's minutes open page 17
    prose = [f"Line {n} of the minutes of the meeting, which runs on as prose does." for n in range(12)]
    ended = prose + ["The agenda for this meeting was posted in accordance with the Sunshine Ordinance."]
    title = ["MINUTES OF THE SPECIAL JOINT MEETING OF THE", "CITY COUNCIL", "WEDNESDAY- -JANUARY 2, 2019- -6:59 P.M."]
    lines = [line.text.strip() for line in read_pdf(_two_pages(ended, title + prose), "two.pdf").lines]
    at = lines.index(title[0])
    assert lines[at - 2:at] == [ended[-1], ""]
    # a sentence that runs on over the page break stays one paragraph
    running = prose + ["The Council agreed that the item would come back to a later meeting of the"]
    lines = [line.text.strip() for line in read_pdf(_two_pages(running, ["Council for a decision."] + prose), "two.pdf").lines]
    at = lines.index("Council for a decision.")
    assert lines[at - 1] == running[-1]


def test_a_ruled_table_over_several_pages_under_a_repeated_header_is_one_table():
    pdf = fpdf.FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, "Appendix 2: Progress of recommendations", new_x="LMARGIN", new_y="NEXT")
    rows = [[f"{n}) Recommendation number {n} of the review", f"Progress on item {n}", "Head of Service",
             "Complete" if n % 3 == 0 else "March 2025"] for n in range(1, 61)]
    with pdf.table(col_widths=(70, 50, 35, 30)) as table:  # fpdf2 repeats the heading on every page
        for cells in [["Recommendation", "Progress", "Responsibility", "Timescale"], *rows]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    source = read_pdf(bytes(pdf.output()), "ruled.pdf")
    assert source.pages >= 2
    document = parse_source(source)
    (table,) = [t for t in document.tables if t.syntax == "pdf"]
    assert table.columns == ["Recommendation", "Progress", "Responsibility", "Timescale"]
    assert table.rows == rows  # the repeated heading is not a row
    assert table.kind == "recommendation_progress"
    assert [r.status for r in table.records[:3]] == ["unknown", "unknown", "complete"]
    assert len({span.page for span in table.row_spans}) >= 2


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="shared/realdocs is not beside this checkout")
def test_the_kent_risk_register_tables_come_out_as_one_table():
    from extract.pipeline import process_path

    document = process_path(REALDOCS / "kent_budget_risk_register.pdf")
    (register,) = [t for t in document.tables if t.syntax == "pdf"]
    assert register.columns[:5] == ["Directorate", "Risk Title", "Source/Cause of Risk", "Risk Event", "Consequence"]
    assert len(register.rows) >= 100 and sum(1 for row in register.rows if row[0] == "Directorate") == 0
    assert register.span.page == 1 and register.span.line_end > 1000


needs_tesseract = pytest.mark.skipif(__import__("shutil").which("tesseract") is None, reason="Tesseract not installed")


def _image_only_pdf(text: str) -> bytes:
    """A PDF whose one page is a picture of the text: a scan, with no text layer."""
    import io

    import pypdfium2 as pdfium

    page = pdfium.PdfDocument(render(text))[0]
    image = page.render(scale=200 / 72).to_pil()
    png = io.BytesIO()
    image.save(png, format="PNG")
    scan = fpdf.FPDF(format="A4")
    scan.add_page()
    scan.image(io.BytesIO(png.getvalue()), x=0, y=0, w=210, h=297)
    return bytes(scan.output())


@needs_tesseract
def test_ocr_reads_a_page_that_is_only_an_image_and_marks_its_provenance():
    text = "Minutes of the meeting of the Planning Committee held on Tuesday 5 March 2024 at 7.00 pm\n\nRESOLVED - that the report be noted."
    scan = _image_only_pdf(text)
    without = read_pdf(scan, "scan.pdf")
    assert without.unread_pages == [1] and without.warnings[0].code == "no-text-layer"
    assert "--ocr reads them" in without.warnings[0].message
    source = read_pdf(scan, "scan.pdf", ocr=True)
    assert source.unread_pages == [] and source.ocr_pages == [1]
    assert "Planning Committee" in source.raw and "report be noted" in source.raw
    document = parse_source(source)
    assert document.meetings[0].date == "2024-03-05"
    assert document.meetings[0].span.ocr is True


def test_ocr_without_tesseract_is_one_clear_line(monkeypatch):
    import shutil

    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(UnreadableDocument, match="needs Tesseract"):
        read_pdf(_image_only_pdf("A scanned page of minutes"), "scan.pdf", ocr=True)


@needs_tesseract
@pytest.mark.skipif(not REALDOCS.is_dir(), reason="shared/realdocs is not beside this checkout")
def test_a_real_scanned_file_gives_text_with_ocr():
    from extract.pipeline import process_path

    document = process_path(REALDOCS / "alameda_pension_board_2012-07-30_minutes_scanned.pdf", ocr=True)
    assert document.unread_pages == [] and document.kind == "minutes"
    assert (document.meetings[0].body, document.meetings[0].date) == ("PENSION BOARD OF THE CITY OF ALAMEDA", "2012-07-30")


def _first_page(path) -> bytes:
    """A one-page PDF of a real PDF's first page (its fonts as they are)."""
    import io

    import pypdfium2 as pdfium

    whole, one = pdfium.PdfDocument(path), pdfium.PdfDocument.new()
    one.import_pages(whole, [0])
    out = io.BytesIO()
    one.save(out)
    return out.getvalue()


@needs_tesseract
@pytest.mark.skipif(not REALDOCS.is_dir(), reason="shared/realdocs is not beside this checkout")
def test_a_page_in_fonts_without_a_unicode_map_is_read_by_ocr_as_a_scan_is():
    page = _first_page(REALDOCS / "sdusd_board_2001-01-30_regular_minutes.pdf")
    without = read_pdf(page, "unmapped.pdf")
    assert without.unread_pages == [1] and "without a Unicode map" in without.warnings[0].message and without.warnings[0].code == "unmapped-font"
    source = read_pdf(page, "unmapped.pdf", ocr=True)
    assert source.unread_pages == [] and source.ocr_pages == [1]
    assert any(w.code == "unmapped-font-ocr" and w.message.endswith(": 1") for w in source.warnings), source.warnings
    assert "REGULAR PUBLIC MEETING OF THE BOARD OF" in source.raw and "called" in source.raw
    assert source.span(0, 0).ocr is True


def test_a_one_page_pdf_still_has_page_one():
    source = read_pdf(render("Minutes of a meeting\n\nRESOLVED - that the report be noted."), "one.pdf")
    assert {line.page for line in source.lines} == {1} and source.span(0, 0).page == 1


def test_a_two_column_page_is_read_column_by_column():
    pdf = fpdf.FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    with pdf.text_columns(ncols=2, gutter=10) as columns:
        columns.write(" ".join(f"Left column sentence {n} about the budget." for n in range(1, 25)))
        columns.ln()
        columns.new_column()
        columns.write(" ".join(f"Right column sentence {n} about housing." for n in range(1, 25)))
    source = read_pdf(bytes(pdf.output()), "columns.pdf")
    text = " ".join(line.text.strip() for line in source.lines if line.text.strip())
    assert text.index("Left column sentence 24 ") < text.index("Right column sentence 1 ")
    assert text.index("Left column sentence 1 ") < text.index("Left column sentence 2 ")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["the new pro-", "gramme starts in April."], ["the new programme", "starts in April."]),
        (["tackling anti-", "social behaviour"], ["tackling anti-social", "behaviour"]),
        (["the com-", "mittee."], ["the committee.", ""]),
        (["Report of the Director -", "see below"], ["Report of the Director -", "see below"]),
        (["a well-", "Known case"], ["a well-", "Known case"]),
        (["2024-", "25 budget"], ["2024-", "25 budget"]),
    ],
)
def test_words_broken_at_line_ends_are_joined(lines, expected):
    from extract.reading.hyphenation import repair_hyphenation

    assert repair_hyphenation(lines) == expected


def test_ruled_table_text_is_kept_out_of_the_prose():
    # A page is read for tables when it draws enough lines or cells (RULED_PAGE_PATHS).
    rows = [[str(year), str(year % 7 + 10), str(year % 13 + 180), str(year % 5 + 390)] for year in range(2019, 2024)]
    pdf = fpdf.FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    pdf.add_page()
    pdf.multi_cell(0, 5, "Resolved: That the casualty figures below be noted.", new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for cells in [["Year", "Fatal", "Serious", "Slight"], *rows]:
            row = table.row()
            for cell in cells:
                row.cell(cell)
    source = read_pdf(bytes(pdf.output()), "t.pdf")
    prose = " ".join(line.text for line in source.lines)
    assert "Resolved" in prose and rows[2][2] not in prose and rows[2][2] in source.raw
    (table,) = source.pdf_tables
    assert [row.cells for row in table.rows] == rows


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_a_rotated_page_reads_like_the_upright_one(rotation):
    import io

    import pypdfium2 as pdfium

    text = "\n".join(f"Line {n} of a page printed on its side." for n in range(1, 30))
    upright = render(text)
    turned = pdfium.PdfDocument(upright)
    turned[0].set_rotation(rotation)
    saved = io.BytesIO()
    turned.save(saved)
    read = lambda data: [line.text.strip() for line in read_pdf(data, "r.pdf").lines if line.text.strip()]
    assert read(saved.getvalue()) == read(upright)
