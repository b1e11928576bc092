"""Character-level repairs that keep every character in its place.

Each repair replaces one character with one character, so a column in the cleaned line is
the same column in the source: spans computed on clean text point at the verbatim original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from extract.base.vocabulary import vocabulary

_WORD = re.compile(r"[^\W\d_]+")
# Space-like characters that are one character wide and mean a plain space; and U+FFFE, which
# pdfium writes for a hyphen that ended a line when it joins the two lines ('Crow\ufffeBrown').
_SPACE_LIKE = (("\u00a0", " "), ("\u2007", " "), ("\u202f", " "), ("\u2009", " "), ("\u200a", " "), ("\ufffe", "-"))


@cache
def _homoglyph_table() -> dict[int, str]:
    homoglyphs = vocabulary().homoglyphs
    return {ord(a): b for a, b in zip(homoglyphs.from_, homoglyphs.to, strict=True)}


@cache
def _lookalike_class() -> re.Pattern[str]:
    return re.compile("[" + re.escape(vocabulary().homoglyphs.from_) + "]")


@cache
def _lookalike_leads() -> tuple[bytes, ...]:
    """The first byte of each look-alike letter's UTF-8 (Greek and Cyrillic: 0xCE to 0xD4)."""
    return tuple(sorted({char.encode()[:1] for char in vocabulary().homoglyphs.from_}))


def may_hold_lookalike(text: str) -> bool:
    """Whether text holds a look-alike letter. A text without one has none of their UTF-8 lead
    bytes: encoding and a byte search for each run in C many times faster than the character
    class tried at every character, and most English text has none."""
    if text.isascii():
        return False
    encoded = text.encode("utf-8", "surrogatepass")
    return any(lead in encoded for lead in _lookalike_leads()) and bool(_lookalike_class().search(text))


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


def repair_homoglyphs(line: str) -> tuple[str, int]:
    """Repair look-alike Cyrillic/Greek letters inside Latin text; return the line and a count.

    A word is repaired when it mixes scripts, or when it is made only of look-alikes in a
    line that is mostly Latin ("Туре" in an English table header). A line of real Cyrillic
    or Greek has letters with no Latin twin and most of its letters non-Latin: it is kept.
    """
    if line.isascii() or not _lookalike_class().search(line):
        return line, 0
    table = _homoglyph_table()
    letters = [c for c in line if c.isalpha()]
    latin_share = sum(map(_is_latin, letters)) / max(len(letters), 1)
    repaired = 0
    out = list(line)
    for match in _WORD.finditer(line):
        word = match.group()
        if word.isascii():
            continue
        lookalikes = [ord(c) in table for c in word]
        foreign = [not _is_latin(c) for c in word]
        all_fixable = all(fix or not bad for fix, bad in zip(lookalikes, foreign))
        if not all_fixable or not any(lookalikes):
            continue
        mixes_scripts = any(not bad for bad in foreign)
        if mixes_scripts or latin_share >= 0.5:
            for offset, char in enumerate(word):
                if ord(char) in table:
                    out[match.start() + offset] = table[ord(char)]
                    repaired += 1
    return "".join(out), repaired


LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


def clean_text(text: str) -> tuple[str, int]:
    """Text made ready for parsing, and the count of letters repaired: each character replaced
    by one (same length, line breaks where they were). Look-alike letters are judged line by
    line, and only in a text that has one."""
    for char, space in _SPACE_LIKE:  # str.replace runs in C; translate goes by a dict for every character
        if char in text:
            text = text.replace(char, space)
    if not may_hold_lookalike(text):
        return text, 0
    pieces, repaired = LINE_BREAK.split(text), 0
    for index in range(0, len(pieces), 2):  # each line, then the break after it
        pieces[index], count = repair_homoglyphs(pieces[index])
        repaired += count
    return "".join(pieces), repaired


# Emphasis marks at a word's edge. The look-ahead that opens it is implied by both branches; with
# it the engine skips to the next '*' or '_' instead of trying the look-behinds at every character.
_MARKUP = re.compile(r"(?=[*_])(?:(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w))")


def strip_markup(text: str) -> str:
    """Text without Markdown emphasis (**bold**, *italic*) that PDF-to-text tools add."""
    if "*" not in text and "_" not in text:
        return text
    return _MARKUP.sub("", text)


def plain(text: str) -> str:
    """Markup removed and white space folded: the form a field value is stored in."""
    if "*" in text or "_" in text:
        text = strip_markup(text)
    return " ".join(text.split())


def plain_all(texts: list[str]) -> tuple[str, ...]:
    """plain() of each of many lines, without a call per line (a document has thousands)."""
    return tuple(" ".join((strip_markup(text) if "*" in text or "_" in text else text).split()) for text in texts)


def blank_markup(text: str) -> str:
    """Markdown emphasis replaced by spaces: same length, so offsets still point at the source."""
    if "*" not in text and "_" not in text:
        return text  # no emphasis mark: the substitution would scan the line for nothing
    return _MARKUP.sub(lambda match: " " * len(match.group()), text)
