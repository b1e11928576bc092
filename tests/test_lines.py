"""split_lines cleans and cuts a whole text at once, plain_all folds the white space of all lines
at once; each must give what working line by line gives (the way it was done before), on every
document we hold."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.text.clean import plain, plain_all, repair_homoglyphs
from extract.text.lines import split_lines

ROOT = Path(__file__).resolve().parent.parent
SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u2009": " ", "\u200a": " ", "\ufffe": "-"})


def lines_one_by_one(raw: str, paged: bool = False):
    """The line-by-line reading: a regex per line, each line cleaned alone."""
    has_pages = paged or "\f" in raw
    page, lines, repaired = 1, [], 0
    for number, match in enumerate(re.finditer(r"[^\r\n]*(?:\r\n|\r|\n|$)", raw), start=1):
        if match.start() == len(raw) and match.start() == match.end():
            break
        body = match.group().rstrip("\r\n")
        leading = len(body) - len(body.lstrip("\f \t"))
        page += body[:leading].count("\f")
        line_page = page
        page += body[leading:].count("\f")
        text, count = repair_homoglyphs(body.replace("\f", " ").translate(SPACES))
        repaired += count
        lines.append((number, line_page if has_pages else None, match.start(), text))
    pages = max((p for _, p, _, t in lines if t.strip()), default=1) if has_pages else None
    return lines, pages, repaired


def as_tuples(result):
    lines, pages, repaired = result
    return [(line.number, line.page, line.start, line.text) for line in lines], pages, repaired


MIXED = ("Title\r\nSecond\u00a0line\rThird\n\fPage two \f\n\n  \f\tPage four\n"
         "Сouncillor Smith (a Cyrillic С)\r\n\r\nТуре Plan\n\ufffeend\n\n")


@pytest.mark.parametrize("raw", [MIXED, MIXED.rstrip("\n"), "", "\n", "\r", "one", "\f", "a\n\rb\r\n\nc"])
@pytest.mark.parametrize("paged", [False, True])
def test_split_lines_matches_line_by_line(raw, paged):
    assert as_tuples(split_lines(raw, paged)) == lines_one_by_one(raw, paged)


def every_text() -> list[str]:
    folders = [ROOT / "corpus", ROOT / "tests" / "documents", ROOT / "tests" / "accuracy" / "documents",
               ROOT.parent / "shared" / "realdocs"]
    texts = [path.read_text(encoding="utf-8", errors="replace") for folder in folders if folder.is_dir()
             for path in sorted(folder.rglob("*")) if path.suffix in (".txt", ".md", ".html")]
    assert len(texts) > 20
    return texts


def test_split_lines_matches_line_by_line_on_every_document():
    for raw in every_text():
        assert as_tuples(split_lines(raw)) == lines_one_by_one(raw)


@pytest.mark.parametrize("texts", [[], [""], ["  a  b\t", "", " \u2003 ", "**Bold** _it_", "x\x1cy", "tail  "],
                                   ["one\nline with a break", "  two "]])
def test_plain_all_is_plain_of_each_line(texts):
    assert plain_all(texts) == tuple(plain(text) for text in texts)


def test_plain_all_is_plain_of_each_line_of_every_document():
    for raw in every_text():
        texts = [line.text for line in split_lines(raw)[0]]
        assert plain_all(texts) == tuple(plain(text) for text in texts)
