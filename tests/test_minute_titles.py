"""every_word_capitalised stops at the first word that is not capitalised; it must answer as
capitalised_share(text) == 1.0 does, for every line and paragraph of the documents we hold."""

from __future__ import annotations

from pathlib import Path

from extract.parsing.minute_titles import capitalised_share, every_word_capitalised

ROOT = Path(__file__).resolve().parent.parent


def test_headings_and_sentences():
    assert every_word_capitalised("Adoption of Annual Accounts")
    assert every_word_capitalised("CONSENT CALENDAR")
    assert not every_word_capitalised("Members noted the report.")
    assert not every_word_capitalised("of the")  # no word that counts
    assert not every_word_capitalised("adoption Of Accounts")


def test_as_capitalised_share_on_every_line_of_every_document():
    lines = [line for folder in ("corpus", "tests/documents", "tests/accuracy/documents")
             for path in sorted((ROOT / folder).rglob("*")) if path.suffix in (".txt", ".md")
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    assert len(lines) > 1000
    agreed = [every_word_capitalised(line) == (line[:1].isupper() and capitalised_share(line) == 1.0) for line in lines]
    assert all(agreed)
    assert any(every_word_capitalised(line) for line in lines)


def test_every_run_in_minute_number_holds_the_core_searched_first():
    from extract.parsing.minutes_headings import _RUN_IN_NUMBER_CORE, RUN_IN_NUMBER

    lines = [line for folder in ("corpus", "tests/documents", "tests/accuracy/documents")
             for path in sorted((ROOT / folder).rglob("*")) if path.suffix in (".txt", ".md")
             for line in path.read_text(encoding="utf-8", errors="replace").splitlines()]
    starts = [(line, match.start()) for line in lines for match in RUN_IN_NUMBER.finditer(line)]
    assert starts
    assert all(_RUN_IN_NUMBER_CORE.search(line, max(start - 1, 0)) for line, start in starts)
