"""Dates, times and reporting periods as printed in committee papers, to ISO 8601.

The common printed forms ("Tuesday 31 October 2017", "31st Oct 2017", "31/10/2017") take a
fast path of plain rules. Anything else goes to one reused dateparser parser (English, day
first), but only for a string that is already believed to be a date: dateparser misreads
"2023/24" as a January date, so financial years, quarters and ranges have rules of their own.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thur?s?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"

DAY_MONTH_YEAR = re.compile(
    _WEEKDAY + r"(?P<day>\d{1,2})" + _ORDINAL + r"(?:\s+of)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)
MONTH_DAY_YEAR = re.compile(
    _WEEKDAY + _MONTH + r"\s+(?P<day>\d{1,2})" + _ORDINAL + r",?\s+(?P<year>\d{4})\b", re.IGNORECASE
)
NUMERIC = re.compile(r"\b(?P<day>\d{1,2})[/.\-](?P<month>\d{1,2})[/.\-](?P<year>\d{4}|\d{2})\b")
ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# Any of the printed forms above, to find a date inside a longer sentence.
# Every such date opens with a digit or the first three letters of a weekday or a month: a
# look-ahead for those (a letter, then the two after it) lets the engine pass over every other
# place without trying the alternations there.
_DATE_OPENERS = {name[:3] for name in _MONTHS} | {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}
DATE_IN_TEXT = re.compile(
    r"(?=\d|[" + "".join(sorted({word[0] for word in _DATE_OPENERS})) + "](?:"
    + "|".join(sorted({word[1:] for word in _DATE_OPENERS})) + "))(?:"
    + "|".join(f"(?:{p.pattern})" for p in (DAY_MONTH_YEAR, MONTH_DAY_YEAR))
    .replace("?P<day>", "?:").replace("?P<month>", "?:").replace("?P<year>", "?:") + ")",
    re.IGNORECASE,
)
# Every form DATE_IN_TEXT finds holds a four-digit year: text without one needs no search.
_FOUR_DIGITS = re.compile(r"\d{4}")

TIME_IN_TEXT = re.compile(
    r"\b(?P<hour>\d{1,2})(?:[.:](?P<minute>\d{2}))?\s*(?P<ampm>a\.?\s?m\.?|p\.?\s?m\.?)(?![a-z])"
    r"|\b(?P<hour24>[01]?\d|2[0-3])[:.](?P<minute24>[0-5]\d)\s*(?:hrs|hours|h)?\b(?![.:/]\d)"
    r"|\b(?P<noon>noon|midday|12\s+noon)\b",
    re.IGNORECASE,
)
# A day printed with its weekday but no year ('Wednesday 15th December'), as a repost's title has it.
YEARLESS_WEEKDAY_DATE = re.compile(
    r"\b(?P<weekday>mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?\s+(?P<day>\d{1,2})" + _ORDINAL + r"(?:\s+of)?\s+"
    + _MONTH + r"(?!\w|,?\s+\d)",
    re.IGNORECASE,
)
_FINANCIAL_YEAR = re.compile(r"^(?:FY\s*)?(?P<start>(?:19|20)\d{2})\s*[/\-–]\s*(?P<end>\d{2}|\d{4})$", re.IGNORECASE)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(text: str) -> int:
    year = int(text)
    return year + (2000 if year < 70 else 1900) if year < 100 else year


def parse_date_fast(text: str) -> date | None:
    """The common printed forms, or None. Pure rules, no library."""
    text = text.strip()
    for pattern in (DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        match = pattern.fullmatch(text.rstrip("., "))
        if match:
            month = _MONTHS[match["month"].lower().rstrip(".")]
            return _safe_date(int(match["year"]), month, int(match["day"]))
    for pattern in (ISO, NUMERIC):
        match = pattern.fullmatch(text)
        if match:
            return _safe_date(_year(match["year"]), int(match["month"]), int(match["day"]))
    return None


@cache
def _dateparser():
    """One DateDataParser for the whole run: building one costs far more than a parse."""
    from dateparser.date import DateDataParser

    return DateDataParser(
        languages=["en"],
        # absolute dates only: as relative ones, "3 Minutes" (a speaking time) and "0-15 Years" (an
        # age band) came back as the clock's time less three minutes or fifteen years
        settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["day", "month", "year"],
                  "PARSERS": ["absolute-time"]},
    )


# A day, a month and a year are required: a month by name or a day and month in figures, then.
_MONTH_NAMED = re.compile(r"\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_FIGURES_DATE = re.compile(r"\d[/.\-]\d")


@cache
def parse_date(text: str) -> date | None:
    """A date printed on its own ('Tuesday 31 October 2017'), or None if it is not one.

    Financial years, quarters and ranges are periods, not dates: they return None here (see
    parse_period). dateparser is tried only after the fast path, on short strings with a digit.
    """
    text = text.strip()
    if not text:
        return None
    found = parse_date_fast(text)
    if found or parse_period(text) is not None:
        return found
    if len(text) > 40 or not re.search(r"\d", text) or not (_MONTH_NAMED.search(text) or _FIGURES_DATE.search(text)):
        return None
    result = _dateparser().get_date_data(text)
    return result.date_obj.date() if result and result.date_obj else None


def find_date(text: str) -> tuple[date, int, int] | None:
    """The first printed date inside a sentence, with its character span, or None.

    Only the fast-path forms are searched for: running a date search over prose finds far
    more false dates than true ones.
    """
    if not _FOUR_DIGITS.search(text):
        return None  # most lines: the alternation would be tried at every character for nothing
    for match in DATE_IN_TEXT.finditer(text):
        found = parse_date_fast(match.group())
        if found:
            return found, match.start(), match.end()
    return None


def year_by_weekday(text: str, not_after: date) -> tuple[int, int] | None:
    """The year of a date printed with its weekday but without a year, and where the date ends.

    The date is the one in the year up to `not_after` (a repost's date) that falls on the
    printed weekday; a weekday names one such day in a year, so the year is certain.
    """
    match = YEARLESS_WEEKDAY_DATE.search(text)
    if not match:
        return None
    month, day = _MONTHS[match["month"].lower().rstrip(".")], int(match["day"])
    weekday = match["weekday"].lower()
    for year in (not_after.year, not_after.year - 1):
        found = _safe_date(year, month, day)
        if found and found <= not_after and (not_after - found).days <= 366 \
                and calendar.day_name[found.weekday()].lower().startswith(weekday):
            return year, match.end()
    return None


def find_time(text: str) -> tuple[str, int, int] | None:
    """The first clock time in text as 'HH:MM' with its span, or None."""
    match = TIME_IN_TEXT.search(text)
    if not match:
        return None
    if match["noon"]:
        return "12:00", match.start(), match.end()
    if match["hour24"] is not None:
        return f"{int(match['hour24']):02d}:{match['minute24']}", match.start(), match.end()
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if hour > 12 or minute > 59:
        return None
    if match["ampm"].lower().startswith("p") and hour != 12:
        hour += 12
    if match["ampm"].lower().startswith("a") and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}", match.start(), match.end()


def parse_time(text: str) -> str | None:
    """'9.30 am' -> '09:30'; None when the text holds no clock time."""
    found = find_time(text)
    return found[0] if found else None


@dataclass(frozen=True)
class Period:
    """A reporting period: a financial year, a quarter of one, or a range of months."""

    start: date
    end: date
    kind: str  # "financial_year" | "quarter" | "range" | "year"


_QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "1": 1, "2": 2, "3": 3, "4": 4,
                  "first": 1, "second": 2, "third": 3, "fourth": 4, "i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUARTER = re.compile(
    r"^(?:(?:quarter|qtr|q)\s*(?P<a>one|two|three|four|[1-4]|iv|iii|ii|i)|(?P<b>first|second|third|fourth)\s+quarter)"
    r"(?:\s+of)?[,\s]+(?P<fy>.+)$",
    re.IGNORECASE,
)
_MONTH_YEAR = r"(?P<{0}m>[A-Za-z]{{3,9}})\.?\s*'?(?P<{0}y>\d{{2}}|\d{{4}})?"
_MONTH_RANGE = re.compile(
    "^" + _MONTH_YEAR.format("a") + r"\s*(?:-|–|—|to)\s*" + _MONTH_YEAR.format("b") + "$", re.IGNORECASE
)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(text: str) -> Period | None:
    """'2023/24', 'Quarter Three, 2023/24', 'Q3 2023/24', 'Oct 22 - Sep 23', 'Apr-Sep 2013'.

    UK public-sector financial years run 1 April to 31 March; quarter one is April to June.
    """
    text = text.strip().strip("()")
    financial = _FINANCIAL_YEAR.match(text)
    if financial:
        start = int(financial["start"])
        end_text = financial["end"]
        end = int(end_text) if len(end_text) == 4 else (start // 100) * 100 + int(end_text)
        if end == start + 1:
            return Period(date(start, 4, 1), date(end, 3, 31), "financial_year")
        if start < end <= start + 10:
            return Period(date(start, 1, 1), date(end, 12, 31), "year")
        return None
    quarter = _QUARTER.match(text)
    if quarter:
        number = _QUARTER_WORDS[(quarter["a"] or quarter["b"]).lower()]
        year = parse_period(quarter["fy"])
        if year is None or year.kind != "financial_year":
            return None
        first_month = 4 + 3 * (number - 1)
        start_year = year.start.year + (1 if first_month > 12 else 0)
        first_month = (first_month - 1) % 12 + 1
        return Period(date(start_year, first_month, 1), _month_end(start_year, first_month + 2), "quarter")
    months = _MONTH_RANGE.match(text)
    if months:
        first, last = (_MONTHS.get(months[k].lower()) for k in ("am", "bm"))
        if not first or not last or (months["ay"] is None and months["by"] is None):
            return None
        end_year = _year(months["by"] or months["ay"])
        start_year = _year(months["ay"]) if months["ay"] else end_year - (1 if first > last else 0)
        if (start_year, first) > (end_year, last):
            return None
        return Period(date(start_year, first, 1), _month_end(end_year, last), "range")
    return None
