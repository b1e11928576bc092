"""Whether a minute number can come next: numbers run forward, by small steps, in plain
('7', '23/45') or outline ('2', '2.1', '3') numbering; this keeps numbered paragraphs and
resolution clauses from being read as item headings."""

from __future__ import annotations

import re


_DIGITS = re.compile(r"\d+")
MAX_MINUTE_GAP = 15  # minutes skip numbers (exempt items, withdrawn business), but not by much


def follows(previous: str, number: str) -> bool:
    """Whether a minute number can come next: one of its numbers steps forward (by at most
    MAX_MINUTE_GAP) while any other stays put. Councils write the year on either side
    ("23/45": minute 45 of 2023; "45/23": the same), so neither side is assumed to be the count.
    """
    before, after = (list(map(int, _DIGITS.findall(n))) for n in (previous, number))
    if is_outline(previous) and is_outline(number):
        return _outline_follows(_parent_of_zero(before), _parent_of_zero(after))
    if len(before) != len(after):
        return 0 < after[-1] - before[-1] <= MAX_MINUTE_GAP
    moved = [(a - b) for a, b in zip(after, before) if a != b]
    return len(moved) == 1 and 0 < moved[0] <= MAX_MINUTE_GAP


_OUTLINE = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?")
MAX_FIRST_CHILD = 1


def is_outline(number: str) -> bool:
    """'2', '2.1', '18.11.3': outline numbering, where items nest ('2 Consent', '2.1 ...')."""
    return bool(_OUTLINE.fullmatch(number))


def _parent_of_zero(numbers: list[int]) -> list[int]:
    """'2.0' is item 2 itself, printed as the parent of '2.1': [2, 0] -> [2]."""
    return numbers[:-1] if len(numbers) > 1 and numbers[-1] == 0 else numbers


def _outline_follows(before: list[int], after: list[int]) -> bool:
    """After '2': its first child '2.1', or the next at any level above ('3'); after '2.1':
    '2.2', '2.1.1' or '3'. Gaps of up to MAX_MINUTE_GAP, as with plain numbers."""
    if len(after) == len(before) + 1 and after[:-1] == before:
        return 0 < after[-1] <= MAX_FIRST_CHILD
    if not after or len(after) > len(before):
        return False
    return after[:-1] == before[: len(after) - 1] and 0 < after[-1] - before[len(after) - 1] <= MAX_MINUTE_GAP
