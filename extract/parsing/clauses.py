"""Numbered or lettered clauses after a lead-in: the shape shared by decisions and recommendations.

"Resolved: (i) That ...; (ii) That ..." and "The Committee is recommended to: a) Note ...; b)
Agree ..." are both a lead-in, then clauses each with a label; a clause may wrap over lines, and
labels may also run inline ("that (a) ...; and (b) ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.text.lines import SourceText
from extract.text.clean import blank_markup
from schemas import Span

LABEL = re.compile(
    r"^(?P<bullet>[-•*]\s*)?(?:\((?P<a>[ivxlc]{1,5}|[a-z]|\d{1,2})\)|(?P<b>[ivxlc]{1,5}|[a-z]|\d{1,3})[.)]"
    r"|(?P<c>\d{1,3}(?:\.\d{1,2})?)(?=\s+[A-Z]))\s+"
)
BULLET = re.compile(r"^[-•*]\s+")
INLINE_LABEL = re.compile(r"(?:(?<=\s)|^)\((?P<label>[ivx]{1,4}|[a-z]|\d{1,2})\)\s+")
ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


@dataclass(slots=True)
class Clause:
    label: str | None
    text: str
    preamble: str | None
    span: Span


def label_sequence(labels: list[str]) -> bool:
    """Whether labels run (a), (b), (c) / (i), (ii) / (1), (2) from the start."""
    for series in (ROMAN, [chr(c) for c in range(ord("a"), ord("z") + 1)], [str(n) for n in range(1, 30)]):
        if labels == series[: len(labels)]:
            return True
    return False


def _split_inline(text: str, start: int) -> list[tuple[str | None, int, int]]:
    """Clauses inside one string: (label, start, end), when its labels make a sequence."""
    matches = list(INLINE_LABEL.finditer(text))
    if len(matches) < 2 or not label_sequence([m["label"] for m in matches]):
        return [(None, start, start + len(text))]
    clauses = []
    for position, match in enumerate(matches):
        end = matches[position + 1].start() if position + 1 < len(matches) else len(text)
        clauses.append((match["label"], start + match.end(), start + end))
    return clauses


def read_clauses(
    source: SourceText, index: int, start_col: int, last: int, stop: Callable[[str], bool] = lambda text: False
) -> tuple[list[Clause], int]:
    """Clauses from line `index` (from column start_col) to at most line `last`.

    They end at a blank line followed by something that opens no clause, at a line for which
    `stop` is true, or at `last`. Returns the clauses and the index of the first line not read.
    """
    drafts: list[tuple[str | None, int, int, int, int]] = []  # label, first line, col, last line, end col
    line = blank_markup(source.lines[index].text)
    rest = line[start_col:].rstrip()
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        labelled = LABEL.match(rest.strip())
        if labelled:
            drafts.append((labelled["a"] or labelled["b"] or labelled["c"], index, start_col + lead + labelled.end(),
                           index, len(line.rstrip())))
        else:
            for label, a, b in _split_inline(rest[lead:], start_col + lead):
                drafts.append((label, index, a, index, b))
    cursor, blank_gap = index + 1, False
    while cursor <= last:
        text = blank_markup(source.lines[cursor].text)
        if not text.strip():
            blank_gap = True
            cursor += 1
            continue
        stripped = text.strip()
        col = len(text) - len(text.lstrip())
        if stop(stripped):
            break
        labelled = LABEL.match(stripped)
        bullet = BULLET.match(stripped)
        opens_clause = labelled or bullet or stripped.lower().startswith("that ") or not drafts
        if blank_gap and not opens_clause:
            break
        if opens_clause and (blank_gap or labelled or bullet or not drafts):
            label = (labelled["a"] or labelled["b"] or labelled["c"]) if labelled else None
            skip = labelled.end() if labelled else (bullet.end() if bullet else 0)
            drafts.append((label, cursor, col + skip, cursor, len(text.rstrip())))
        else:  # a wrapped line of the clause before
            label, a_line, a_col, _, _ = drafts[-1]
            drafts[-1] = (label, a_line, a_col, cursor, len(text.rstrip()))
        blank_gap = False
        cursor += 1
    return _finish(source, drafts), cursor


def _finish(source: SourceText, drafts) -> list[Clause]:
    """Texts and spans for drafted clauses; a first clause ending in ':' before labelled ones is their lead-in."""
    clauses: list[Clause] = []
    preamble = None
    for position, (label, a_line, a_col, b_line, b_col) in enumerate(drafts):
        words = [source.lines[i].text for i in range(a_line, b_line + 1)]
        words[-1] = words[-1][:b_col]
        words[0] = words[0][a_col:]
        text = " ".join(w.strip() for w in words if w.strip())
        following = drafts[position + 1 :]
        if position == 0 and text.endswith(":") and following and following[0][0]:
            preamble = text
            continue
        if text:
            clauses.append(Clause(label, text, preamble, source.span(a_line, b_line, a_col, b_col)))
    return clauses
