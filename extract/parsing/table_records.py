"""Typed rows for the tables committees read most: recommendation progress and indicators.

Columns are recognised by their header words (vocabulary [table_columns]), never by position,
so a council that orders or names its columns differently is still read.
"""

from __future__ import annotations

import re
from functools import cache

from extract.base.dates import parse_period
from extract.text.tables import RawTable
from extract.base.vocabulary import phrase_alternation, vocabulary
from schemas import IndicatorRow, Measurement, ProgressStatus, RecommendationProgress, TableKind

_RECOMMENDATION_KEY = re.compile(r"^\(?(?P<number>\d+|[a-z])[.)]\s*|^Recommendation\s+(?P<word>\w+)\s*[-–—:.]?\s*", re.IGNORECASE)
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_PERIOD = re.compile(r"\b(?:Q|Qtr|Quarter)\s*\w+,?\s+(?:19|20)\d{2}/\d{2}|(?:19|20)\d{2}/\d{2}"
                     r"|\b[A-Z][a-z]{2,8}\s?\d{2,4}\s?[-–]\s?[A-Z][a-z]{2,8}\s?\d{2,4}", re.IGNORECASE)  # '2012/13', 'Apr-Sep 2013'


@cache
def _column_pattern(role: str) -> re.Pattern[str]:
    words = getattr(vocabulary().table_columns, role)
    return re.compile(r"(?<![\w])" + phrase_alternation(words), re.IGNORECASE)


def column_of(columns: list[str], role: str, taken: set[int] = frozenset()) -> int | None:
    """The index of the first column whose header names `role`."""
    pattern = _column_pattern(role)
    for index, header in enumerate(columns):
        if index not in taken and pattern.search(header):
            return index
    return None


def table_kind(columns: list[str]) -> TableKind:
    recommendation = column_of(columns, "recommendation")
    if recommendation is not None and column_of(columns, "progress", {recommendation}) is not None:
        return TableKind.recommendation_progress
    if column_of(columns, "indicator") is not None:
        return TableKind.indicators
    return TableKind.other


@cache
def _status_patterns() -> list[tuple[ProgressStatus, re.Pattern[str]]]:
    progress_status = vocabulary().progress_status
    order = [(ProgressStatus.not_started, progress_status.not_started), (ProgressStatus.ongoing, progress_status.ongoing),
             (ProgressStatus.complete, progress_status.complete)]
    return [(status, re.compile(r"\b" + phrase_alternation(words) + r"\b", re.IGNORECASE)) for status, words in order]


# "due to be completed", "will be complete", "once implemented": a plan, not a state.
_FUTURE = re.compile(r"\b(?:to be|will be|would be|should be|be|once|when|until|if)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _status_of(text: str) -> ProgressStatus | None:
    for status, pattern in _status_patterns():
        for match in pattern.finditer(text):
            if status == ProgressStatus.not_started or not _FUTURE.search(text[: match.start()]):
                return status
    return None


def progress_status(status_cell: str | None, timescale: str | None, progress: str | None) -> ProgressStatus:
    """Where a recommendation stands, from its status column, else its timescale, else its progress.

    A timescale that says 'Complete' beside another date ('October 2017 / Complete') covers
    several actions, some still due: ongoing.
    """
    for cell in (status_cell, timescale):
        if not cell:
            continue
        found = [_status_of(line) for line in cell.split("\n")]
        if any(found):
            if all(status == ProgressStatus.complete for status in found):
                return ProgressStatus.complete
            if ProgressStatus.not_started in found and len(set(found)) == 1:
                return ProgressStatus.not_started
            return ProgressStatus.ongoing
    return _status_of(progress or "") or ProgressStatus.unknown


def _cell(row: list[str], index: int | None) -> str | None:
    return (row[index] or None) if index is not None else None


def recommendation_records(table: RawTable) -> list[RecommendationProgress]:
    columns = table.columns
    recommendation = column_of(columns, "recommendation")
    taken = {recommendation}
    progress = column_of(columns, "progress", taken)
    responsibility = column_of(columns, "responsibility", taken | {progress})
    timescale = column_of(columns, "timescale", taken | {progress, responsibility})
    status = column_of(columns, "status", taken | {progress, responsibility, timescale})
    records = []
    for row in table.rows:
        text = row.cells[recommendation]
        key = _RECOMMENDATION_KEY.match(text)
        number = (key["number"] or key["word"]) if key else None
        records.append(RecommendationProgress(
            number=number,
            recommendation=text[key.end():] if key else text,
            progress=_cell(row.cells, progress),
            responsibility=_cell(row.cells, responsibility),
            timescale=_cell(row.cells, timescale),
            status=progress_status(_cell(row.cells, status), _cell(row.cells, timescale), _cell(row.cells, progress)),
        ))
    return records


def _period(text: str) -> tuple[str | None, str | None]:
    """The reporting period a cell or header names: '(Apr-Sep 2013)', 'Performance in 2012/13'."""
    candidates = _PARENTHESES.findall(text) + _PERIOD.findall(text)
    for candidate in candidates:
        found = parse_period(candidate.strip())
        if found:
            return found.start.isoformat(), found.end.isoformat()
    return None, None


def _measurement_kind(header: str) -> str:
    for kind in ("comparator", "target", "previous", "current"):
        if _column_pattern(kind).search(header):
            return kind
    return "other"


def indicator_records(table: RawTable) -> list[IndicatorRow]:
    columns = table.columns
    indicator = column_of(columns, "indicator")
    group = column_of(columns, "group", {indicator})
    kind = column_of(columns, "type", {indicator, group})
    period_column = next((i for i, h in enumerate(columns) if h.strip().lower() == "period"), None)
    skip = {indicator, group, kind, period_column}
    # what a column's header says is the same for every row: read once a table, not once a cell
    measured = {index: (_measurement_kind(header), _period(header)) for index, header in enumerate(columns)
                if index not in skip}
    records, current_group = [], None
    for row in table.rows:
        cells = row.cells
        if group is not None and cells[group]:
            current_group = " ".join(cells[group].split())
        if not cells[indicator]:
            continue
        row_period = _period(cells[period_column]) if period_column is not None else (None, None)
        measurements = []
        for index, header in enumerate(columns):
            if index in skip or not cells[index]:
                continue
            measure, header_period = measured[index]
            start, end = _period(cells[index])
            if start is None and measure == "current" and period_column is not None:
                start, end = row_period
            elif start is None:
                start, end = header_period
            measurements.append(Measurement(column=header, value=cells[index], kind=measure,
                                            period_start=start, period_end=end))
        records.append(IndicatorRow(group=current_group, indicator=" ".join(cells[indicator].split()), type=_cell(cells, kind),
                                    measurements=measurements))
    return records


def typed_records(table: RawTable, kind: TableKind) -> list[RecommendationProgress | IndicatorRow]:
    if kind == TableKind.recommendation_progress:
        return recommendation_records(table)
    if kind == TableKind.indicators:
        return indicator_records(table)
    return []
