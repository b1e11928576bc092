"""Decisions in a minutes item: each clause of a "Resolved:" block as its own record.

Shapes covered: "Resolved:" then "That the report be noted."; "Resolved:" then "(i) That ...",
"(ii) That ..."; "RESOLVED – that the report be noted." on one line; "RESOLVED that (a) ...;
and (b) ..." with labels inline; "It was RESOLVED:" and "AGREED:" (only with a colon or dash,
so "agreed to circulate the details" is not a decision).
"""

from __future__ import annotations

import re
from functools import cache

from extract.read import SourceText
from extract.textclean import blank_markup
from schemas import Resolution

LABEL = re.compile(r"^(?P<bullet>[-•*]\s*)?(?:\((?P<a>[ivxlc]{1,5}|[a-z]|\d{1,2})\)|(?P<b>[ivxlc]{1,5}|[a-z]|\d{1,2})[.)])\s+")
BULLET = re.compile(r"^[-•*]\s+")
INLINE_LABEL = re.compile(r"(?:(?<=\s)|^)\((?P<label>[ivx]{1,4}|[a-z]|\d{1,2})\)\s+")


@cache
def _marker() -> re.Pattern[str]:
    from extract.vocabulary import phrase_alternation, section

    markers = section("resolution_markers")
    strong = phrase_alternation(markers["strong"])
    weak = phrase_alternation(markers["weak"])
    return re.compile(
        rf"^(?:{strong}(?:\s*\([^)]{{1,40}}\))?(?:\s*[:\-–—.]+\s*|\s+(?=that\b|to\b)|\s*$)|{weak}\s*(?:[:\-–—]+\s*|$))",
        re.IGNORECASE,
    )


def _label_sequence(labels: list[str]) -> bool:
    """Whether inline labels run (a), (b), (c) / (i), (ii) / (1), (2) from the start."""
    roman = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    for series in (roman, [chr(c) for c in range(ord("a"), ord("z") + 1)], [str(n) for n in range(1, 30)]):
        if labels == series[: len(labels)]:
            return True
    return False


def _split_inline(text: str, start: int) -> list[tuple[str | None, int, int]]:
    """Clauses inside one string: (label, start, end), when its labels make a sequence."""
    matches = list(INLINE_LABEL.finditer(text))
    if len(matches) < 2 or not _label_sequence([m["label"] for m in matches]):
        return [(None, start, start + len(text))]
    clauses = []
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        clauses.append((match["label"], start + match.end(), start + end))
    return clauses


def find_resolutions(source: SourceText, first: int, last: int) -> list[Resolution]:
    """Every resolution clause in lines first..last (0-based, inclusive), in order."""
    resolutions: list[Resolution] = []
    index = first
    while index <= last:
        line = blank_markup(source.lines[index].text)
        lead = len(line) - len(line.lstrip())
        marker = _marker().match(line.strip())
        if not marker:
            index += 1
            continue
        clauses: list[tuple[str | None, int, int, int, int]] = []  # label, first, col, last, end col
        rest_col = lead + marker.end()
        rest = line[rest_col:].rstrip()
        if rest.strip():
            for label, a, b in _split_inline(rest, rest_col):
                clauses.append((label, index, a, index, b))
        cursor, blank_gap = index + 1, False
        while cursor <= last:
            text = blank_markup(source.lines[cursor].text)
            if not text.strip():
                blank_gap = True
                cursor += 1
                continue
            stripped = text.strip()
            col = len(text) - len(text.lstrip())
            if _marker().match(stripped):
                break
            labelled = LABEL.match(stripped)
            bullet = BULLET.match(stripped)
            opens_clause = labelled or bullet or stripped.lower().startswith("that ") or not clauses
            if blank_gap and not opens_clause:
                break
            if opens_clause and (blank_gap or labelled or bullet or not clauses):
                label = (labelled["a"] or labelled["b"]) if labelled else None
                skip = labelled.end() if labelled else (bullet.end() if bullet else 0)
                clauses.append((label, cursor, col + skip, cursor, len(text.rstrip())))
            else:  # a wrapped line of the clause before
                label, a_line, a_col, _, _ = clauses[-1]
                clauses[-1] = (label, a_line, a_col, cursor, len(text.rstrip()))
            blank_gap = False
            cursor += 1
        preamble = None
        for position, (label, a_line, a_col, b_line, b_col) in enumerate(clauses):
            span = source.span(a_line, b_line, a_col, b_col)
            words = [source.lines[i].text for i in range(a_line, b_line + 1)]
            words[-1] = words[-1][:b_col]
            words[0] = words[0][a_col:]
            text = " ".join(w.strip() for w in words if w.strip())
            following = clauses[position + 1 :]
            if position == 0 and label is None and text.endswith(":") and following and following[0][0]:
                preamble = text  # "that:" / "that permission be granted subject to:" leads the clauses
                continue
            if text:
                resolutions.append(Resolution(label=label, text=text, preamble=preamble, span=span))
        index = max(cursor, index + 1)
    return resolutions
