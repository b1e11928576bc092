"""Dates, times and periods as committee papers print them."""

from __future__ import annotations

from datetime import date

import pytest

from extract.base.dates import find_date, parse_date, parse_period, parse_time, year_by_weekday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tuesday 31 October 2017", date(2017, 10, 31)),
        ("Friday 22 September 2017", date(2017, 9, 22)),
        ("16 APRIL 2024", date(2024, 4, 16)),
        ("16th September 2015", date(2015, 9, 16)),
        ("3rd of March 2024", date(2024, 3, 3)),
        ("Wednesday, 5 March 2024", date(2024, 3, 5)),
        ("Sept 3 2024", date(2024, 9, 3)),
        ("October 31, 2017", date(2017, 10, 31)),
        ("31/10/2017", date(2017, 10, 31)),
        ("05.03.24", date(2024, 3, 5)),
        ("2017-10-31", date(2017, 10, 31)),
        ("Tuesday the 5th of March 2024", date(2024, 3, 5)),  # beyond the fast path: dateparser
        ("5-Mar-2024", date(2024, 3, 5)),
    ],
)
def test_printed_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2023/24", "Quarter Three, 2023/24", "Oct 22 - Sep 23", "Apr-Sep 2013",
                                  "31 February 2024", "next Tuesday", "Page 49", "Tel: 03000 268 027"])
def test_things_that_are_not_a_single_date(text):
    assert parse_date(text) is None


# An agenda heading, an age band of a table (both in the seeds): read as relative dates they were
# the clock's time less 3 minutes or 15 years, a different answer every run.
@pytest.mark.parametrize("text", ["3 Minutes", "47. MINUTES", "0-15 Years", "16-20 Years", "in 2 weeks"])
def test_a_duration_is_not_a_date_counted_from_today(text):
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "expected"), [("on 31 March 2024.", date(2024, 3, 31)),
                                                 ("Wednesday, the 4th of May, 2022", date(2022, 5, 4))])
def test_a_date_in_words_the_fast_path_misses_is_still_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2023/24", date(2023, 4, 1), date(2024, 3, 31), "financial_year"),
        ("2019/2020", date(2019, 4, 1), date(2020, 3, 31), "financial_year"),
        ("Quarter Three, 2023/24", date(2023, 10, 1), date(2023, 12, 31), "quarter"),
        ("Q4 2023/24", date(2024, 1, 1), date(2024, 3, 31), "quarter"),
        ("Qtr 2 2013/14", date(2013, 7, 1), date(2013, 9, 30), "quarter"),
        ("first quarter 2024/25", date(2024, 4, 1), date(2024, 6, 30), "quarter"),
        ("Oct 22 - Sep 23", date(2022, 10, 1), date(2023, 9, 30), "range"),
        ("Apr-Sep 2013", date(2013, 4, 1), date(2013, 9, 30), "range"),
        ("Oct10-Sep11", date(2010, 10, 1), date(2011, 9, 30), "range"),
        ("Jan–Dec 2012", date(2012, 1, 1), date(2012, 12, 31), "range"),
        ("Sep-Apr 2013", date(2012, 9, 1), date(2013, 4, 30), "range"),  # the range ends in the year given
        ("2024-29", date(2024, 1, 1), date(2029, 12, 31), "year"),
    ],
)
def test_periods(text, start, end, kind):
    period = parse_period(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)


@pytest.mark.parametrize("text", ["Road Safety", "2024/22", "Quarter Five 2023/24", "Apr-Sep"])
def test_not_periods(text):
    assert parse_period(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("9.30 am", "09:30"), ("at 9:30am", "09:30"), ("10 a.m.", "10:00"), ("2pm", "14:00"), ("7.00 p.m.", "19:00"),
     ("12.30 pm", "12:30"), ("12 am", "00:00"), ("14:00", "14:00"), ("18.15 hrs", "18:15"), ("noon", "12:00"),
     ("Tel: 03000 268 027", None), ("2.5 hours", None), ("Quarter 1 2017/18", None)],
)
def test_times(text, expected):
    assert parse_time(text) == expected


def test_find_date_in_a_sentence_gives_its_position():
    sentence = "held in Committee Room 2, County Hall, Durham on Friday 22 September 2017 at 9.30 am"
    found, start, end = find_date(sentence)
    assert found == date(2017, 9, 22)
    assert sentence[start:end] == "Friday 22 September 2017"


def test_find_date_does_not_read_financial_years_in_prose():
    assert find_date("performance in 2023/24 and Quarter Three of 2022/23 improved") is None


# The title of stoke-ferry-pc_2004-12-15_minutes.md (posted 2005-02-01) dates the meeting without a year.
@pytest.mark.parametrize(("text", "posted", "year"), [
    ("Minutes of a meeting of Stoke Ferry Parish Council held in the Community Centre at 7.30pm on Wednesday 15th December",
     date(2005, 2, 1), 2004),
    ("Meeting held on Wednesday 15th December", date(2010, 12, 20), 2010),
    ("Meeting held on Thursday 15th December", date(2005, 2, 1), None),  # no Thursday 15 December in the year before
    ("Meeting held on Wednesday 15th December 2004", date(2005, 2, 1), None),  # a year is printed
])
def test_a_yearless_date_takes_the_year_its_weekday_names(text, posted, year):
    found = year_by_weekday(text, posted)
    assert (found[0] if found else None) == year
