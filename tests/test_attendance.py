"""Who was there, as minutes of many councils print it: lines taken from the real documents in
tests/accuracy/documents (each test names its file)."""

from __future__ import annotations

from dataclasses import replace

from extract.parsing.attendance import attendance_block, attendance_sentences, merge_attendance
from extract.parsing.names import parse_name_list
from extract.reading.decode import read_text


def _source(text: str):
    return read_text(text.encode("utf-8"), "minutes.txt")


def block(text: str) -> list[tuple]:
    """(status, name, role, position) of each entry the attendance block gives."""
    source = _source(text)
    entries = merge_attendance(attendance_block(source, 0, len(source.lines) - 1))
    return [(e.status, e.person.name, e.role, e.position) for e in entries]


def sentences(text: str) -> list[tuple[str, str]]:
    source = _source(text)
    return [(e.status, e.person.name) for e in attendance_sentences(source, 0, len(source.lines) - 1)]


def test_a_clerk_in_the_present_list_is_in_attendance_and_a_county_councillor_keeps_his_council_apart():
    # northwold-pc_2018-10-02_minutes.md: no comma between the clerk and the county councillor,
    # and a count of the public runs on after him
    rows = block("PRESENT: Cllr R Crisp, Cllr C Anderson, Mrs N Cooper (Clerk) Cllr M Storey Norfolk County Council "
                 "There was 1 member of the public.")
    assert rows == [
        ("present", "R Crisp", None, None),
        ("present", "C Anderson", None, None),
        ("in attendance", "N Cooper", None, "Clerk"),
        ("present", "M Storey", None, "Norfolk County Council"),
    ]


def test_those_attending_with_stacked_titles_and_a_count_of_the_public():
    # stoke-ferry-pc_2011-05-18_minutes.md
    rows = block("Those Attending: Cllr Mrs M Leamon, Cllr J Nicholas-Letch, Cllr T Ryves, Borough Councillor C Sampson, "
                 "Mrs C Hardy (Clerk) and 16 members of the public.\n\nApologies: No apologies")
    assert [(status, name) for status, name, _, _ in rows] == [
        ("present", "M Leamon"), ("present", "J Nicholas-Letch"), ("present", "T Ryves"), ("present", "C Sampson"),
        ("in attendance", "C Hardy")]


def test_a_heading_with_a_count_initials_in_brackets_and_headings_inside_the_line():
    # west-dereham-pc_2017-06-01_minutes.md: '(PB)' are initials, a comma is missing after '(LH)',
    # 'Parish Clerk:' and 'In attendance:' open new lists inside the same paragraph
    rows = block("PRESENT (six Councillors): - Pam Bullas (PB), Claire Cann (CC) – Chair, Paula Kellingray (PK), "
                 "Lorraine Hunt (LH) Pam Walker (PW), and Claire Williams (CW). Parish Clerk: Peter King In attendance: "
                 "four members of the public.")
    assert rows == [
        ("present", "Pam Bullas", None, None),
        ("present", "Claire Cann", "Chair", None),
        ("present", "Paula Kellingray", None, None),
        ("present", "Lorraine Hunt", None, None),
        ("present", "Pam Walker", None, None),
        ("present", "Claire Williams", None, None),
        ("in attendance", "Peter King", None, None),
    ]


def test_apologies_run_into_the_block_after_an_item_number():
    # west-dereham-pc_2017-06-01_minutes.md: the first items share the attendance paragraph's place
    text = ("PRESENT (six Councillors): - Pam Bullas (PB), Claire Cann (CC) – Chair\n\n"
            "The Chairman welcomed everyone present to the Parish Council Meeting.\n\n"
            "70/17 Apologies for absence Apologies had been received from Tom Foy (TF) who was unavoidably detained "
            "at work. 71/17 Declaration of Interest on agenda items No declarations were made.")
    assert [(status, name) for status, name, _, _ in block(text)][-1] == ("apologies", "Tom Foy")


def test_a_name_column_and_a_post_column_and_named_members_of_the_public():
    # boughton-pc_2014-07-24_minutes.md: columns aligned with no-break spaces; the public members'
    # count has its named people in brackets; 'Distribution:' ends the lists
    nbsp = "\u00a0 " * 12
    text = (f"\u00a0Present:\n\nFrank Reid (FRE){nbsp}Councillor/Chairman\n\nPeter Agate{nbsp}Councillor\n\n"
            f"\u00a0Public Members:\u00a0 \u00a0 3 number (Including Sue Pogmore who minuted THE meeting,\u00a0\n\n"
            "& Carole Woolnough who was later co-opted onto the Council)\n\n"
            "\u00a0 \u00a0 \u00a0 Jane Scarrott representing NALC\n\n"
            "\u00a0Distribution:\u00a0 \u00a0 Boughton Parish Council, Group 4, Village Pump\n")
    assert block(text) == [
        ("present", "Frank Reid", "Chair", "Councillor/Chairman"),
        ("present", "Peter Agate", None, "Councillor"),
        ("in attendance", "Sue Pogmore", None, None),
        ("in attendance", "Carole Woolnough", None, None),
        ("in attendance", "Jane Scarrott", None, None),
    ]


def test_a_roll_call_whose_last_name_follows_a_blank_line_and_ends_in_a_count():
    # alameda_city_council_2019-01-02_minutes.pdf, as the PDF reader gives it
    rows = block("ROLL CALL - Present: Councilmembers Daysog, Knox White, Oddie, Vella,\n\n"
                 "and Mayor Ezzy Ashcraft – 5.\n\nAbsent: None.")
    assert [(status, name) for status, name, _, _ in rows] == [
        ("present", "Daysog"), ("present", "Knox White"), ("present", "Oddie"), ("present", "Vella"),
        ("present", "Ezzy Ashcraft")]


def test_a_joint_roll_call_distributes_a_double_title():
    # alameda_city_council_2019-01-02_minutes.pdf, the joint meeting with the Successor Agency
    rows = block("ROLL CALL - Present: Councilmembers/Commissioners Daysog, Knox White, Oddie, Vella and Mayor/Chair "
                 "Ezzy Ashcraft – 5.")
    assert [name for _, name, _, _ in rows] == ["Daysog", "Knox White", "Oddie", "Vella", "Ezzy Ashcraft"]


def test_posts_before_names_and_lists_that_end_at_another_label():
    # nipissing-township-council_2022-07-12_minutes.html and _2018-10-02_minutes.html
    rows = block("Present: Mayor Tom Piper and Councillors Steve Kirkey, Tom Marchant.\n"
                 "Staff: Operations Superintendent Dan MacInnis, Land Planning and Technology Administrator-Deputy "
                 "Treasurer John-Paul Negrinotti and Municipal Administrator-Clerk-Treasurer Kris Croskery-Hodgins.\n"
                 "Zoom: Andrea Duggan\nGuests: Paul Goodridge, Eric Barber and Jim Stewart.\n\n"
                 "Disclosure of pecuniary interest: None.\n\n"
                 "Staff Reports: \tDave Yemm, Operations Superintendent – verbal and written report.\n\n"
                 "Committee Reports:\nLiz Smith – Nipissing Township Museum Board\n")
    assert rows == [
        ("present", "Tom Piper", None, None),
        ("present", "Steve Kirkey", None, None),
        ("present", "Tom Marchant", None, None),
        ("in attendance", "Dan MacInnis", None, "Operations Superintendent"),
        ("in attendance", "John-Paul Negrinotti", None, "Technology Administrator-Deputy Treasurer"),
        ("in attendance", "Kris Croskery-Hodgins", None, "Municipal Administrator-Clerk-Treasurer"),
        ("in attendance", "Andrea Duggan", None, None),
        ("in attendance", "Paul Goodridge", None, None),
        ("in attendance", "Eric Barber", None, None),
        ("in attendance", "Jim Stewart", None, None),
    ]


def test_a_name_wrapped_over_two_lines_and_a_post_after_a_comma():
    # kent_cpp_2024-10-29_minutes.pdf
    rows = block("ALSO PRESENT: Sue Chandler, Cabinet Member for Integrated Children’s \nServices.\n"
                 "IN ATTENDANCE: James Clapson (Democratic Services Officer), Kevin Kasaven \n"
                 "(Director of Children's Countywide Services), Christy Holden (Assistant Director for CYPE "
                 "Commissioning), Robin \nCahill (Senior Commissioner), Jason Read (Youth Justice Service Manager)")
    assert [(status, name) for status, name, _, _ in rows] == [
        ("in attendance", "Sue Chandler"), ("in attendance", "James Clapson"), ("in attendance", "Kevin Kasaven"),
        ("in attendance", "Christy Holden"), ("in attendance", "Robin Cahill"), ("in attendance", "Jason Read")]
    assert rows[2][3] == "Director of Children's Countywide Services"


def test_apologies_reported_inside_a_sentence_and_apologies_a_member_gave():
    # kent_cc_2025-01-09_printed_minutes.pdf
    text = ("The Democratic Services Manager reported apologies from Mr Beaney, Mr \nCampkin, Miss Carey, Mr Sweetland "
            "and Mr Wright. \nMs Grehan had given her formal apologies but was attending the meeting \nvirtually.")
    assert sentences(text) == [("apologies", "Beaney"), ("apologies", "Campkin"), ("apologies", "Carey"),
                               ("apologies", "Sweetland"), ("apologies", "Wright"), ("apologies", "Grehan")]


def test_a_list_of_apologies_broken_by_a_blank_line_runs_on():
    # kent_cc_2025-02-13_printed_minutes_budget_votes.pdf, as the PDF reader gives it
    text = ("The Democratic Services Manager reported apologies from Mr Paul Barrington-King, Ms Jenni Hawkins, "
            "Mr Jeremy\n\nKite, MBE, Mr Thomas Mallon and Mr Charlie Simkins.\n\n287. Declarations of Interests")
    assert [name for _, name in sentences(text)] == [
        "Paul Barrington-King", "Jenni Hawkins", "Jeremy Kite", "Thomas Mallon", "Charlie Simkins"]


def test_apologies_after_the_item_title_in_the_same_line():
    # northwold-pc_2018-10-02_minutes.md and boughton-pc_2014-07-24_minutes.md
    assert sentences("2. ACCEPTANCE OF APOLOGIES FOR ABSENCE These were accepted from Cllr Human, Cllr Smith and "
                     "Cllr Hogan.") == [("apologies", "Human"), ("apologies", "Smith"), ("apologies", "Hogan")]
    assert sentences("1\u00a0 \u00a0 \u00a0 **Apologies**. District Councillor Colin Sampson and County Councillor "
                     "Martin Storey") == [("apologies", "Colin Sampson"), ("apologies", "Martin Storey")]


def test_a_post_nominal_without_its_comma_is_not_a_surname():
    # kent_cpp_2024-10-29_minutes.pdf
    assert sentences("Apologies were received from Mr R Love OBE, Ms K Leonard, and Ms A Farmer.") == [
        ("apologies", "R Love"), ("apologies", "K Leonard"), ("apologies", "A Farmer")]


def test_two_people_with_the_same_initial_and_surname_are_both_present():
    # kent_cc_2025-02-13_printed_minutes_budget_votes.pdf: 'Ms J Meade, Mr J Meade'
    rows = block("PRESENT: Mr R A Marsh, Ms J Meade, Mr J Meade, Mr D Murphy")
    assert [name for _, name, _, _ in rows] == ["R A Marsh", "J Meade", "J Meade", "D Murphy"]
    # one person named twice stays one entry
    assert [name for _, name, _, _ in block("PRESENT: Mr J Meade, Councillor J Meade")] == ["J Meade"]


def test_a_body_in_a_list_is_not_a_person():
    names = parse_name_list("Boughton Parish Council, Group 4, Village Pump")
    assert "Boughton Parish Council" not in [n.name for n in names]


def test_names_in_prose_after_the_lists_are_not_under_the_last_heading():
    # stoke-ferry-pc_2011-05-18_minutes.md: 'Apologies:' has no names; the proposer two paragraphs
    # on did not send apologies
    rows = block("Those Attending: Cllr T Ryves, Mrs C Hardy (Clerk)\n\nApologies: No apologies\n\nElection of Chairman\n\n"
                 "Cllr Ryves proposed Cllr Nicholas-Letch seconded by Cllr Mr Leamon.")
    assert [(status, name) for status, name, _, _ in rows] == [("present", "T Ryves"), ("in attendance", "C Hardy")]


# epa_planning_commission_2020-01-27_minutes.pdf: the roll call is a ruled table under item 1
ROLL_CALL_TEXT = ("1. CALL TO ORDER AND ROLL CALL\n"
                  "The meeting was called to order by Commissioner Robert Sherrard at 7:07 p.m.\n"
                  "Attendee Name Title Status Arrived\n"
                  "Andrei Garcia Commissioner Late 7:08 p.m.\n"
                  "Robert Allen Fisk Commissioner Present\n"
                  "Uriel Hernandez Commissioner Absent\n"
                  "Juan Mendez Alternate Present\n"
                  "2. APPROVAL OF THE AGENDA\n")
ROLL_CALL = [("present", "Andrei Garcia", "Commissioner"), ("present", "Robert Allen Fisk", "Commissioner"),
             ("absent", "Uriel Hernandez", "Commissioner"), ("present", "Juan Mendez", "Alternate")]


def test_a_roll_call_table_as_lines_of_text():
    source = _source(ROLL_CALL_TEXT)
    entries = attendance_sentences(source, 1, len(source.lines) - 1)
    # whoever called the meeting to order was present too
    assert [(e.status, e.person.name, e.person.title) for e in entries] == [
        ("present", "Robert Sherrard", "Commissioner")] + ROLL_CALL
    assert {e.category for e in entries} == {"member"}


def test_a_ruled_roll_call_table_whose_header_is_a_cell_off_its_rows():
    from extract.text.tables import RawRow, RawTable

    # the table as extract.reading.pdf gives it: the item's lines stop before the table's blanked lines
    source = _source("1. CALL TO ORDER AND ROLL CALL\nThe meeting was called to order.\n\n   \n   \n\n2. APPROVAL\n")
    rows = [["Andrei Garcia", "", "", "Commissioner", "", "", "Late", "", "", "7:08 p.m.", "", ""],
            ["Robert Allen Fisk", "", "", "Commissioner", "", "", "Present", "", "", "", "", ""],
            ["Uriel Hernandez", "", "", "Commissioner", "", "", "Absent", "", "", "", "", ""],
            ["Juan Mendez", "", "", "Alternate", "", "", "Present", "", "", "", "", ""]]
    table = RawTable("pdf", ["", "Attendee Name", "", "", "Title", "", "", "Status", "", "", "Arrived", ""],
                     [RawRow(cells, 3, 4) for cells in rows], 3, 4)
    source = replace(source, pdf_tables=[table])
    entries = attendance_sentences(source, 1, 1)
    assert [(e.status, e.person.name, e.person.title) for e in entries] == ROLL_CALL


def test_a_table_that_is_not_a_roll_call_gives_nobody():
    from extract.parsing.attendance import roll_call_table
    from extract.text.tables import RawRow, RawTable

    table = RawTable("pdf", ["Recommendation", "Progress", "Status"], [RawRow(["Review the plan", "Done", "Complete"], 0, 0)])
    assert roll_call_table(_source("x\n"), table) == []


def test_a_grid_of_name_initials_and_post_under_a_heading_after_the_venue_line():
    # wereham-pc_2014-07-08_minutes.md (Markdown blanked): the venue line above the grid, each
    # heading indented by a no-break space, columns of name, initials and post aligned with no-break spaces
    gap = "\u00a0 " * 10
    text = (f"\u00a0 Wereham Village Hall\n\n\u00a0 Attendance:\n\n"
            f"  Cllr Jo Bruce{gap}JB{gap}Chair\n\n  Cllr Dave Deighton{gap}DD{gap}Vice Chair\n\n"
            f"  Cllr Gail Koopowitz{gap}GK\n\n\u00a0 Also in attendance:\n\n  Cllr Martin Storey{gap}MS{gap}NCC\n")
    assert block(text) == [
        ("present", "Jo Bruce", "Chair", "Chair"),
        ("present", "Dave Deighton", "Vice-Chair", "Vice Chair"),
        ("present", "Gail Koopowitz", None, None),
        ("in attendance", "Martin Storey", None, "NCC"),
    ]


# alameda_golf_commission_2011-12-13_minutes_scanned_rot270.pdf (OCR): the roll call is a
# sub-item of the call to order, its 'Present:' / 'Absent:' / 'Staff:' paragraphs under it.
GOLF_COMMISSION = (
    "ALAMEDA GOLF COMMISSION\nMINUTES OF REGULAR MEETING\n\nTuesday, December 13, 2011\n\n1 CALL TO ORDER\n\n"
    "Chair Jane Sullwold called the regular meeting to order at approximately 6:32 p.m. at\n"
    "the Chuck Corica Golf Complex, Ladies Lounge, 1 Clubhouse Memorial Road,\nAlameda, CA 94502\n\n"
    "1-A ROLL CALL\n\nPresent: Chair Jane Sullwold, Commissioner Ray Gaul, Commissioner\n"
    "Betsy Gammell, Vice Chair Bill Schmitz, and Secretary Jeff Wood\n\nAbsent: None\n\n"
    "Staff: John Vest, General Manager, and Matt Wisely, Superintendent\n\n1-B APPROVAL OF MINUTES\n\n"
    "The minutes of the regular meeting of November 8, 2011, were approved\nunanimously.\n\n"
    "2 ORAL COMMUNICATIONS\n\nNone.\n\n3 COMMISSION COMMUNICATIONS\n\nNone\n"
)


def test_a_roll_call_under_the_call_to_order():
    from extract.pipeline import parse_source

    meetings = parse_source(_source(GOLF_COMMISSION)).meetings
    assert len(meetings) == 1
    people = {(a.person.surname, a.status) for a in meetings[0].attendance}
    assert {("Sullwold", "present"), ("Gaul", "present"), ("Gammell", "present"), ("Schmitz", "present"),
            ("Vest", "in attendance"), ("Wisely", "in attendance")} <= people
    assert not any(a.person.surname in ("Minutes", "Communications") for a in meetings[0].attendance)


def test_whoever_called_the_meeting_to_order_was_present():
    # sdusd_board_2001-01-30_regular_minutes.pdf (OCR): the roll call's names are printed sideways
    # over a grid and OCR loses them; this sentence, in a narrow column, is what says who was there.
    text = "President Braun called\nthe meeting to order at\n1:30 p.m., with all\nmembers present.\n"
    assert sentences(text) == [("present", "Braun")]
    source = _source(text)
    (entry,) = attendance_sentences(source, 0, len(source.lines) - 1)
    assert (entry.person.title, entry.category, entry.span.text) == ("President", "member", "President Braun")


def test_a_meeting_called_to_order_names_nobody():
    # london-on-strategic-priorities-policy-cttee_2025-04-10_minutes.md, nipissing-township-council_2018-10-02_minutes.html
    assert sentences("The meeting was called to order at 1:00 PM.") == []
    assert sentences("The meeting is called to order at 1:00 PM; it being noted that the Chair was present.") == []


def test_whoever_the_meeting_was_called_to_order_by_was_present():
    # alameda_pension_board_2012-07-30_minutes_scanned.pdf (OCR)
    source = _source("The meeting was called to order by Chair Marie Gilmore at 4:30 p.m.\n")
    (entry,) = attendance_sentences(source, 0, len(source.lines) - 1)
    assert (entry.status, entry.person.name, entry.person.title, entry.span.text) == (
        "present", "Marie Gilmore", "Chair", "Chair Marie Gilmore")
