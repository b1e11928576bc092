"""extract.segmenting.segment.opener_candidates: segment asks the opener checks only at the lines
it gives, so a line it leaves out must be one that is_minutes_opener and _is_report_opener both
judge False. Checked against those checks themselves, on every line of the documents we hold."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.pipeline import read_source
from extract.segmenting.segment import TITLE_BLOCK_MAX_LINES, _is_report_opener, is_minutes_opener, opener_candidates
from tests.helpers import ACCURACY_DOCUMENTS, CORPUS, DOCUMENTS, REALDOCS, text_documents

def _texts_of(*folders: Path) -> list[tuple[str, tuple[str, ...]]]:
    return [(p.name, read_source(p.read_bytes(), str(p)).clean_lines()) for p in text_documents(*folders)]


def _openers(texts: tuple[str, ...]) -> list[int]:
    return [i for i in range(len(texts)) if is_minutes_opener(texts, i) or _is_report_opener(texts, i)]


def _missed(documents: list[tuple[str, tuple[str, ...]]]) -> list[tuple[str, int, str]]:
    """The opener lines (name, index, text) that opener_candidates leaves out."""
    missed = []
    for name, texts in documents:
        candidates = set(opener_candidates(texts))
        missed += [(name, i, texts[i]) for i in _openers(texts) if i not in candidates]
    return missed


def test_every_opener_in_our_documents_is_a_candidate_and_most_lines_are_not():
    documents = _texts_of(CORPUS, DOCUMENTS, ACCURACY_DOCUMENTS)
    assert sum(len(_openers(texts)) for _, texts in documents) > 50  # the test reads openers of both kinds
    assert _missed(documents) == []
    lines = sum(len(texts) for _, texts in documents)
    assert sum(len(opener_candidates(texts)) for _, texts in documents) < lines / 4


@pytest.mark.skipif(not REALDOCS.is_dir(), reason="needs ../shared/realdocs (real documents of other councils)")
def test_every_opener_in_the_real_documents_is_a_candidate():
    documents = _texts_of(REALDOCS)
    assert sum(len(_openers(texts)) for _, texts in documents) > 10
    assert _missed(documents) == []


def test_a_title_block_is_a_candidate_while_its_date_is_within_its_lines():
    """'TOWN COUNCIL' over heading lines and a date: a title block opener (with 'Present:' under
    it) while the date line is within TITLE_BLOCK_MAX_LINES lines of it; a title block stops at
    a line that is not a title line, so a date under a sentence does not make one."""
    def paper(headings: int, sentence: bool = False) -> tuple[str, ...]:
        above = ["Some words of the cover page.", ""]
        title = ["TOWN COUNCIL"] + [f"Heading Line {chr(65 + n)}" for n in range(headings)]
        middle = ["This line is a sentence."] if sentence else []
        return tuple(above + title + middle + ["Tuesday 2nd October 2018", "", "Present: Councillor Smith", ""])

    fits = paper(TITLE_BLOCK_MAX_LINES - 2)
    assert is_minutes_opener(fits, 2) and 2 in opener_candidates(fits)
    too_long = paper(TITLE_BLOCK_MAX_LINES - 1)
    assert not is_minutes_opener(too_long, 2) and 2 not in opener_candidates(too_long)
    broken = paper(1, sentence=True)
    assert not is_minutes_opener(broken, 2) and 2 not in opener_candidates(broken)
