"""Text extracted from a PDF without paragraph breaks, given the breaks the PDF reader would give.

pypdfium2's text (and pdftotext's without -layout) has no blank lines: every line follows the
last, and pages are joined by a form feed, often in the middle of a line. extract.reading.pdf restores
a blank line wherever the vertical gap above a line is large, and every parser here tells one
paragraph, heading or list from the next by those blank lines. A text with almost no blank lines
in a long run of lines (MAX_BLANK_SHARE, MIN_LINES) is such an extraction, and is given:

- pages: a line that holds a form feed is cut there (the part after it is on the next page);
- no furniture: running headers/footers and 'Page N' stamps found by extract.reading.pdf's own rule
  (page_furniture) are left out, and each page's printed number is remembered;
- paragraph breaks, inferred from the text alone (infer_breaks): a line that ends a sentence and
  is short enough that the next line's first word would have fitted on it ends a paragraph; a
  line that opens a numbered paragraph, a bullet, an attendance label ('PRESENT:'), a decision
  ('RESOLVED') or a heading in capitals starts one; an '(Item N)' line ends its heading.

How a break is represented: as a virtual blank Line inserted into SourceText.lines, of zero
length, carrying the number and page of the line it follows and the offset where that line's
text ends. Nothing is added to the raw text, so every span still cites the exact original
characters (a span that ends on the break ends where the line before it ends) and line numbers
are still those an editor shows. Lines left out (furniture) simply have no Line. The cost:
an index into SourceText.lines is no longer the line number minus one, so code that goes from a
span back to line indexes must look the offsets up (SourceText.indexes_of). A separate list of
block boundaries would have kept the indexes, but every parser would have had to learn to read
it; a blank line is what they already read.
"""

from __future__ import annotations

import re
from functools import cache

from extract.text.lines import Line
from extract.text.furniture import page_furniture
from extract.text.headings import AGENDA_REFERENCE_LINE, split_heading

MAX_BLANK_SHARE = 0.02  # texts written by people or converted from HTML/Markdown have 30-60% blank lines
MIN_LINES = 20  # a short note may have no blank line and still be what its author wrote
FULL_LINE_QUANTILE = 0.9  # the line length that counts as a full line: most lines of prose are full
FIT_SHARE = 0.85  # a next word that would fit in this share of a full line would have been on the line
MAX_HEADING_WORDS = 12
MAX_TITLE_LINES = 3  # a minutes heading wraps over at most this many lines

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_CLAUSE_END = re.compile(r"(?:[.!?:;]|\b(?:and|or))[\"'”’)\]]*$")
# '1.', '2)', '(a)', '(iv)', '(19-005)', '1.2', 'A.': the opening of a numbered paragraph or heading
_NUMBERED = re.compile(r"^(?:\(?(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlc]{1,5})[.)]|\(\*?\d[\w.-]{0,9}\)|\d{1,3}(?:\.\d{1,3})+)\s+\S")
_BULLET = re.compile(r"^[•▪◦●○■□➢►✓\-–*]\s+\S")


def is_unbroken_extraction(lines: list[Line]) -> bool:
    """A long text with (almost) no blank lines: an extraction that lost its paragraph breaks."""
    filled = sum(1 for line in lines if line.text.strip())
    return filled >= MIN_LINES and (len(lines) - filled) <= MAX_BLANK_SHARE * len(lines)


def split_at_form_feeds(raw: str, lines: list[Line]) -> list[Line]:
    """Each line that holds a form feed after its start cut there: the rest is on the next page.

    The cut keeps every character where it was (the form feed is the first character of the
    second part, cleaned to a space as split_lines cleans it), so offsets still hold.
    """
    out: list[Line] = []
    for line in lines:
        body = raw[line.start : line.start + len(line.text)]
        lead = len(body) - len(body.lstrip("\f \t"))
        cuts = [i for i, char in enumerate(body) if char == "\f" and i >= lead and body[i + 1 :].strip()]
        begin = 0
        for cut in [*cuts, len(body)]:
            page = line.page + body[lead:begin + 1].count("\f") if begin and line.page else line.page
            out.append(Line(line.number, page, line.start + begin, line.text[begin:cut]))
            begin = cut
    return out


def without_furniture(lines: list[Line]) -> tuple[list[Line], list[str | None]]:
    """Lines without page furniture (extract.text.furniture), and the number printed on each page."""
    pages: dict[int, list[Line]] = {}
    for line in lines:
        pages.setdefault(line.page or 1, []).append(line)
    count = max(pages, default=1)
    paged = [pages.get(number, []) for number in range(1, count + 1)]
    found = page_furniture([[line.text for line in page] for page in paged])
    kept: list[Line] = []
    for page, (drop, _) in zip(paged, found):
        kept += [line for i, line in enumerate(page) if i not in drop]
    return kept, [printed for _, printed in found]


def full_width(texts: list[str]) -> int:
    """The length of a full line of this text (most prose lines are full)."""
    lengths = sorted(len(text.rstrip()) for text in texts if text.strip())
    return lengths[int(FULL_LINE_QUANTILE * (len(lengths) - 1))] if lengths else 0


@cache
def _decision() -> re.Pattern[str]:
    from extract.base.vocabulary import phrase_alternation, vocabulary

    return re.compile(r"^" + phrase_alternation(vocabulary().resolution_markers.strong) + r"\b", re.IGNORECASE)


def _labelled(text: str) -> bool:
    """An attendance label opens the line ('PRESENT: Mr R Gough', 'Apologies for Absence:')."""
    return split_heading(text)[0] is not None


def _shouting(text: str) -> bool:
    """A heading in capitals: every letter upper case, a few words, no sentence after it."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters) and len(text.split()) <= MAX_HEADING_WORDS \
        and not text.endswith((",", ";"))


def opens_block(text: str) -> bool:
    """A line that starts a paragraph of its own in printed minutes, whatever came before."""
    return bool(_NUMBERED.match(text) or _BULLET.match(text) or _labelled(text) or _decision().match(text))


def _fits(previous: str, following: str, width: int) -> bool:
    """The following line's first word would have fitted on the previous line: it ended early."""
    first_word = following.split()[0] if following.split() else ""
    return len(previous) + 1 + len(first_word) <= FIT_SHARE * width


def _numbered_title(text: str) -> bool:
    """A numbered heading: '80. Provisional Local Government Finance Settlement 2025-26'."""
    match = _NUMBERED.match(text)
    if not match:
        return False
    title = text[match.end() - 1 :]
    return title[:1].isupper() and len(title.split()) <= MAX_HEADING_WORDS and not title.endswith((".", ",", ";", ":"))


def breaks_between(previous: str, following: str, width: int) -> bool:
    """Whether a paragraph break stands between two consecutive lines (stripped, non-empty)."""
    if AGENDA_REFERENCE_LINE.fullmatch(following):
        return False  # '(Item 3)' belongs to the heading above it
    if AGENDA_REFERENCE_LINE.fullmatch(previous):
        return True
    early = _fits(previous, following, width)
    if _numbered_title(following):
        return True
    if opens_block(following):
        return early or bool(_CLAUSE_END.search(previous)) or _shouting(previous)
    if _shouting(following):
        return not _shouting(previous) and bool(_SENTENCE_END.search(previous))
    starts_anew = following[:1].isupper() or following[:1].isdigit() or following[:1] in "\"'“‘("
    if (_shouting(previous) or previous.endswith(":")) and early and not _labelled(previous):
        return starts_anew  # after a heading, or a lead-in ('RESOLVED that:'), not after 'PRESENT:'
    return early and starts_anew and bool(_SENTENCE_END.search(previous))


def _headings_over_references(texts: list[str]) -> tuple[set[int], set[int]]:
    """Where the heading over each '(Item N)' line starts, and its lines after the first.

    The title runs up from the reference over lines that end no sentence (at most
    MAX_TITLE_LINES): from its numbered first line where it has one, else from the first line
    under a sentence's end, else it is the one line above the reference.
    """
    starts: set[int] = set()
    inside: set[int] = set()
    for reference, text in enumerate(texts):
        if not AGENDA_REFERENCE_LINE.fullmatch(text):
            continue
        run = []
        cursor = reference - 1
        while cursor >= 0 and len(run) < MAX_TITLE_LINES and not AGENDA_REFERENCE_LINE.fullmatch(texts[cursor]) \
                and not texts[cursor].endswith((".", ":", ";")):
            run.append(cursor)
            cursor -= 1
        numbered = [i for i in run if _NUMBERED.match(texts[i])]
        under_sentence = [i for i in run if i == 0 or _SENTENCE_END.search(texts[i - 1]) or texts[i - 1].endswith(":")]
        top = numbered[0] if numbered else (under_sentence[-1] if under_sentence else reference - 1)
        if top >= 0:
            starts.add(top)
            inside.update(range(top + 1, reference + 1))
    return starts, inside


def ends_numbered_title(paragraph: list[str], following: str, width: int) -> bool:
    """A paragraph that is a numbered heading so far ends on a short line that ends no clause:
    '2. APPROVAL OF THE AGENDA' / 'RESULT: APPROVED', or '1. June 10, 2019; ... 2019,' /
    'Planning Commission Minutes' / 'Adopt the minutes.' (a heading is set on lines of its own)."""
    last = paragraph[-1]
    return bool(_NUMBERED.match(paragraph[0])) and len(paragraph) <= MAX_TITLE_LINES \
        and not any(_SENTENCE_END.search(line) for line in paragraph) and not _CLAUSE_END.search(last) \
        and not last.endswith(",") and _fits(last, following, width) and following[:1].isupper()


def infer_breaks(lines: list[Line]) -> list[Line]:
    """Lines with a virtual blank line wherever a paragraph break is inferred (see module doc)."""
    width = full_width([line.text for line in lines])
    filled = [line for line in lines if line.text.strip()]
    texts = [line.text.strip() for line in filled]
    starts, inside = _headings_over_references(texts)
    out: list[Line] = []
    opened = 0  # where the paragraph being read opened
    for position, line in enumerate(filled):
        if position and position not in inside and (
                position in starts or breaks_between(texts[position - 1], texts[position], width)
                or ends_numbered_title(texts[opened:position], texts[position], width)):
            previous = filled[position - 1]
            out.append(Line(previous.number, previous.page, previous.start + len(previous.text.rstrip()), ""))
            opened = position
        out.append(line)
    return out


def restore_paragraphs(raw: str, lines: list[Line]) -> tuple[list[Line], list[str | None] | None]:
    """An unbroken extraction's lines cut at form feeds, without furniture, with paragraph
    breaks; other texts' lines as they are. Also the printed page numbers, where found."""
    if not is_unbroken_extraction(lines):
        return lines, None
    lines = split_at_form_feeds(raw, lines)
    printed = None
    if any(line.page for line in lines):
        lines, printed = without_furniture(lines)
    return infer_breaks(lines), printed
