"""Minutes items of other bodies, on lines taken from real minutes (the file named on each test):
unnumbered headings, bracketed ids, sub-items numbered again from 1, minute numbers run in
mid-paragraph, and titles run into their text."""

from __future__ import annotations

from extract.parsing.minutes import cut_at_headings, find_headings, parse_minutes
from extract.base.vocabulary import vocabulary
from extract.reading.decode import read_text
from extract.segmenting.segment import segment


def source_of(text: str):
    return read_text(text.encode(), "m.txt")


def headings(text: str):
    source = source_of(text)
    return [(h.number, h.title) for h in find_headings(source, 0, len(source.lines) - 1)]


def test_unnumbered_headings_between_numbered_items_that_start_at_one():
    # stoke-ferry-pc_2011-05-18_minutes.md
    text = ("1. Minutes of the last Meeting:\n\nSubject to this amendment Cllr Mrs Leamon proposed acceptance.\n\n"
            "2. Matters Arising:\n\na) Grit Bins - Cllr Mrs Leamon asked whether the Clerk still had the grit bins.\n\n"
            "Internal Audit\n\nThe Clerk informed the meeting that the Internal Audit had taken place.\n\n"
            "Co-option of Parish Councillor(s)\n\nThe Clerk informed the meeting that five requests had been received.\n\n"
            "3. Planning\n\nNo applications had been received.\n")
    assert headings(text) == [("1", "Minutes of the last Meeting:"), ("2", "Matters Arising:"), ("", "Internal Audit"),
                              ("", "Co-option of Parish Councillor(s)"), ("3", "Planning")]


def test_a_line_inside_an_item_of_a_running_number_is_a_sub_heading():
    # kent_cc_2025-02-13_printed_minutes_budget_votes.pdf: directorate headings inside minute 291
    text = ("290. Apologies\n\nApologies were received.\n\n291. Revenue Budget 2025-26\n\n"
            "Children, Young People and Education Directorate\n\nMr Brady proposed the amendment.\n\n"
            "292. Treasury Management\n\nThe report was noted.\n")
    assert [number for number, _ in headings(text)] == ["290", "291", "292"]


def test_a_heading_over_a_list_or_a_decision_label_is_no_item():
    # boughton-pc_2014-07-24_minutes.md (balances under item 8); 000_4a719864c63cf462 ('Resolved')
    text = ("1 Apologies\n\nNone were received.\n\n2 Finance\n\nCurrent Balances:\n\n"
            "Parish Council Community Account £2,743.08\n\nFen Committee Accounts £9,344.28\n\n"
            "Resolved\n\nThat the accounts be approved.\n\n3 Planning\n\nNo applications.\n")
    assert headings(text) == [("1", "Apologies"), ("2", "Finance"), ("3", "Planning")]


def test_sections_in_capitals_and_paragraphs_opening_with_a_bracketed_id():
    # alameda_city_council_2019-01-02_minutes.pdf
    text = ("AGENDA CHANGES\n\nNone.\n\nORAL COMMUNICATIONS, NON-AGENDA\n\n"
            "(19-005) Paul Medved, Alameda, discussed sea level rise and urged Council to take\naction.\n\n"
            "CONSENT CALENDAR\n\nCouncilmember Daysog moved approval of the remainder of the Consent Calendar.\n\n"
            "(*19-010) Minutes of the Special and Regular City Council Meetings Held on December\n4, 2018. Approved.\n\n"
            "(19-004 CC/19-05 SACIC) Recommendation to Authorize the Interim City Manager to Execute a\n"
            "Reimbursement Agreement for Estuary Park Access.\n\nThe motion carried.\n")
    assert headings(text) == [
        ("", "AGENDA CHANGES"), ("", "ORAL COMMUNICATIONS, NON-AGENDA"), ("19-005", ""), ("", "CONSENT CALENDAR"),
        ("19-010", "Minutes of the Special and Regular City Council Meetings Held on December 4, 2018"),
        ("19-004 CC/19-05 SACIC", "Recommendation to Authorize the Interim City Manager to Execute a "
                                  "Reimbursement Agreement for Estuary Park Access")]


def test_a_note_in_brackets_under_an_item_title_is_not_part_of_it():
    # alameda_city_council_2019-01-02_minutes.pdf as the PDF reader gives it: a gap under the note
    text = ("COUNCIL REFERRALS\n\nNone.\n\nCOUNCIL COMMUNICATIONS\n\n"
            "(19-019) Information from the Committee to House the Bay Area (CASA) Compact.\n(Councilmember Oddie)\n\n"
            "Councilmember Oddie stated he will submit a referral for staff to report on solutions the\n"
            "City can provide.\n\nADJOURNMENT\n\nThe meeting was adjourned at 10:58 p.m.\n")
    assert headings(text) == [
        ("", "COUNCIL REFERRALS"), ("", "COUNCIL COMMUNICATIONS"),
        ("19-019", "Information from the Committee to House the Bay Area (CASA) Compact"), ("", "ADJOURNMENT")]


def test_the_rest_of_a_number_broken_at_a_line_end_is_no_heading():
    # alameda_city_council_2019-01-02_minutes.pdf, page 17
    text = ("CONSENT CALENDAR\n\nMayor/Chair Ezzy Ashcraft stated the purchase and sale agreement [paragraph no. 19-\n"
            "003 CC/19-03 SACIC] would return at a later meeting with the appraisal report.\n\n"
            "(*19-001 CC/19-01 SACIC) Minutes of the Special Joint Meeting Held on December 18, 2018. Approved.\n")
    assert [number for number, _ in headings(text)] == ["", "19-001 CC/19-01 SACIC"]


def test_sub_items_numbered_from_one_under_a_section_in_capitals():
    # epa_planning_commission_2020-01-27_minutes.pdf
    text = ("3. PUBLIC COMMENT\n\nCourt Skinner provided public comment.\n\n4. APPROVAL OF CONSENT CALENDAR\n\n"
            "1. Planning Commission Minutes\n\nAdopt the minutes.\n\n2. Planning Commission Meeting Calendar 2020\n\n"
            "Approve the schedule.\n\n5. SPECIAL PRESENTATIONS\n\n1. Election of Chair and Vice Chair\n\n"
            "Select a new Chair.\n\n6. PUBLIC HEARINGS - NONE\n\n7. ADJOURNMENT\n\nThe meeting was adjourned.\n")
    assert headings(text) == [("3", "PUBLIC COMMENT"), ("4", "APPROVAL OF CONSENT CALENDAR"),
                              ("4.1", "Planning Commission Minutes"), ("4.2", "Planning Commission Meeting Calendar 2020"),
                              ("5", "SPECIAL PRESENTATIONS"), ("5.1", "Election of Chair and Vice Chair"),
                              ("6", "PUBLIC HEARINGS"), ("7", "ADJOURNMENT")]


def test_a_label_opens_a_section_above_the_first_numbered_item():
    # nipissing-township-council_2018-10-02_minutes.html
    text = ("Disclosure of pecuniary interest: None.\n\nStaff Reports: Dave Yemm, Operations Superintendent – "
            "verbal and written report.\nCharles Barton, CAO-Clerk – verbal report.\n\nCommittee Reports:\n"
            "Tom Piper – Eastholme Home for the Aged Board of Management\n\n"
            "R2018-162 L. Smith, T. Marchant: That the minutes be adopted as published. Carried.\n\n"
            "R2018-163 T. Marchant, L. Andersen: That we approve the plan. Carried.\n")
    assert headings(text) == [("", "Disclosure of pecuniary interest"), ("", "Staff Reports"),
                              ("", "Committee Reports"), ("R2018-162", ""), ("R2018-163", "")]


def test_titles_run_into_their_text():
    # northwold-pc_2018-10-02_minutes.md, boughton-pc_2014-07-24_minutes.md, west-dereham-pc_2017-06-01_minutes.md
    text = ("3. MEMBERS’ DECLARATION OF INTERESTS and DISPENSATION REQUESTS (for items on the Agenda) Nothing was declared.\n\n"
            "4. ANNUAL RISK ASSESSMENT – this will be undertaken by Cllr Anderson.\n\n"
            "5 Apologies. District Councillor Colin Sampson and County Councillor Martin Storey\n\n"
            "6 Police Report – PK reported that an incident had occurred during the last evening.\n\n"
            "7 – Date of Next Meeting – Thursday 6th July 7.00pm for 7.30pm\n\nCC confirmed the date of the meeting.\n")
    assert headings(text) == [
        ("3", "MEMBERS’ DECLARATION OF INTERESTS and DISPENSATION REQUESTS (for items on the Agenda)"),
        ("4", "ANNUAL RISK ASSESSMENT"), ("5", "Apologies"), ("6", "Police Report"), ("7", "Date of Next Meeting")]


# west-dereham-pc_2017-06-01_minutes.md: three minutes in one paragraph
RUN_IN = ("70/17 Apologies for absence Apologies had been received from Tom Foy (TF) who was unavoidably detained "
          "at work. 71/17 Declaration of Interest on agenda items No declarations were made. 72/17 Use of social media, "
          "audio recording of meeting and invitation for public contributions CC asked “Will anyone present be "
          "filming?” There was no response. 73/17 Minutes of the Parish Council meeting held on 3 May 2017\n\n"
          "CC confirmed all Councillors had seen the minutes.\n")


def test_minute_numbers_run_in_mid_paragraph_are_headings():
    assert headings(RUN_IN) == [
        ("70/17", "Apologies for absence"), ("71/17", "Declaration of Interest on agenda items"),
        ("72/17", "Use of social media, audio recording of meeting and invitation for public contributions"),
        ("73/17", "Minutes of the Parish Council meeting held on 3 May 2017")]


def test_an_item_that_starts_mid_line_cites_exactly_its_own_characters():
    source = source_of(RUN_IN)
    split, moved, last = cut_at_headings(source, find_headings(source, 0, len(source.lines) - 1), len(source.lines) - 1)
    assert [split.lines[h.index].text.split()[0] for h in moved] == ["70/17", "71/17", "72/17", "73/17"]
    assert last == len(split.lines) - 1
    for heading in moved:  # every piece keeps its offset into the raw text
        piece = split.lines[heading.index]
        assert source.raw[piece.start : piece.start + len(piece.text)] == piece.text


def test_run_in_items_of_minutes_have_their_own_text_and_spans():
    text = ("Minutes of West Dereham Parish Council Meeting held at the Village Hall at 7.00 pm on Thursday 1 June 2017\n\n"
            + RUN_IN)
    source = source_of(text)
    (minutes,) = segment(source)
    meeting = parse_minutes(source, minutes, vocabulary())
    items = {item.number: item for item in meeting.items}
    assert items["71/17"].text == "71/17 Declaration of Interest on agenda items No declarations were made."
    span = items["71/17"].span
    assert source.raw[span.char_start : span.char_end].rstrip() == items["71/17"].text


def test_minutes_of_a_named_body_open_minutes():
    # stoke-ferry-pc_2011-05-18_minutes.md: 'Minutes of <body> Meeting held ... <date>', no 'the'/'a'
    from extract.segmenting.segment import is_minutes_opener
    texts = ["Minutes of Stoke Ferry Annual Parish Council Meeting held in The Community Centre At 7.30pm "
             "on Wednesday 18 May 2011", "", "Apologies: No apologies"]
    assert is_minutes_opener(texts, 0)
