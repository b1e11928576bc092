"""Search as a user types it: punctuation, report text, snippets, people, dates and Datasette.

The store is built from the seed corpus (tests/conftest.py); what each search should find is read
from the same documents, so the tests say what the store must answer, not what it did."""

from __future__ import annotations

import asyncio
import json
import re

import pytest

from extract.commands.cli import main
from extract.querying.queries import Wanted, interventions_by
from extract.reading.decode import read_path
from extract.querying.search import SearchError, prepare, search
from extract.storing.store import STORE_NAME
from tests.helpers import CORPUS, ROOT, parsed

PAPERS = sorted(CORPUS.glob("*.txt"))


def _highlighted(hits) -> list[str]:
    """Every highlighted run of every snippet, lower case."""
    return [run.lower() for hit in hits for run in re.findall(r"\[([^\]]*)\]", hit.snippet)]


def _reports():
    """(source, report, the report's text as printed) for every report of every paper."""
    for path in PAPERS:
        relative = str(path.relative_to(ROOT))
        raw = read_path(path).raw
        for report in parsed(relative).reports:
            yield str(path), report, raw[report.span.char_start:report.span.char_end]


# -- punctuation is part of words, FTS5 syntax only where deliberate ------------------------------------------------

@pytest.mark.parametrize(("query", "words"), [
    ("O'Donnell", ["o'donnell"]),
    ("2023/24", ["2023/24"]),
    ("durham.gov.uk", ["durham.gov.uk"]),
    ("police, crime", ["police", "crime"]),
    ("what?", ["what"]),
    ("road & safety", ["road", "safety"]),
])
def test_plain_words_with_punctuation_are_searched_as_words(db, store_dir, query, words, capsys):
    hits = search(db, query, limit=100)
    assert hits
    assert set(words) <= set(_highlighted(hits))
    assert main(["search", query, "--out", str(store_dir)]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("query", ["S.106", "Sutton-Lloyd's", "s/he", "£5,000", "#4", "3:30", "C++", "^x", "co-op."])
def test_punctuation_is_never_a_syntax_error(store_dir, query, capsys):
    assert main(["search", query, "--out", str(store_dir)]) in (0, 1)
    assert "cannot read the query" not in capsys.readouterr().err


@pytest.mark.parametrize(("query", "prepared"), [
    ("O'Donnell", '"O\'Donnell"'),
    ("police, crime", "police crime"),
    ("road & safety", "road safety"),
    ("fly-tip*", '"fly-tip"*'),
    ('"road safety" AND police*', '"road safety" AND police*'),
    ("NEAR(police crime, 5)", "NEAR( police crime , 5 )"),
    ("(police OR fire) NOT crime", "( police OR fire ) NOT crime"),
    ("police and crime or fire", "police and crime or fire"),
])
def test_fts5_syntax_is_kept_only_where_it_is_deliberate(query, prepared):
    assert prepare(query) == prepared


def test_deliberate_syntax_still_searches(db):
    near = search(db, "NEAR(police crime, 3)", limit=100)
    assert near and {"police", "crime"} <= set(_highlighted(near))
    grouped = search(db, "(police OR fire) AND safety", limit=100)
    assert grouped and all(_highlighted([h]) for h in grouped)
    assert set(_highlighted(grouped)) <= {"police", "fire", "safety"}
    prefix = search(db, "fly-tip*", limit=100)
    assert prefix and all(run.startswith("fly-tip") for run in _highlighted(prefix))


def test_a_query_of_punctuation_alone_is_a_usage_error(store_dir, capsys):
    assert main(["search", "& ?", "--out", str(store_dir)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no words to search for" in err[0]


# -- reports: their text, authors and contacts ----------------------------------------------------------------------

def test_a_phrase_in_a_reports_text_finds_every_report_that_prints_it(db):
    phrase = "anti-social behaviour"
    expected = {(source, report.title) for source, report, text in _reports() if phrase in " ".join(text.lower().split())}
    assert any(phrase not in (report.title or "").lower() for source, report, text in _reports()
               if (source, report.title) in expected)  # found by its text, not only its title
    hits = search(db, f'"{phrase}"', ["reports"], limit=100)
    assert {(h.source, h.item) for h in hits} == expected


def test_every_report_is_found_by_its_authors_and_contacts(db):
    checked = 0
    for source, report, _ in _reports():
        names = [a.person.surname for a in report.authors if a.person]
        names += [c.email or c.name for c in report.contacts if c.email or c.name]
        for name in names:
            hits = search(db, name, ["reports"], limit=100)
            assert (source, report.title) in {(h.source, h.item) for h in hits}, name
            checked += 1
    assert checked >= 20


# -- snippets come from the column that matched ---------------------------------------------------------------------

@pytest.mark.parametrize("word", ["police", "safety", "O'Donnell", "noted"])
def test_every_snippet_highlights_the_word_searched_for(db, word):
    hits = search(db, word, limit=200)
    assert hits
    for hit in hits:  # a phrase cut by the snippet's end shows its first word only ('[O]…')
        highlighted = _highlighted([hit])
        assert highlighted and all(run in word.lower() for run in highlighted), (hit.table, hit.snippet)


def test_printed_results_show_each_hit_whole_with_its_place(db, store_dir, capsys):
    """In a pipe every hit is printed whole (no column folded mid-word), its matched words in
    brackets and no colour codes, with the file and line to open it at."""
    hits = search(db, "O'Donnell", limit=20)
    assert main(["search", "O'Donnell", "--out", str(store_dir)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith(f"{len(hits)} result(s) for O'Donnell\n")
    assert "\033[" not in printed
    blocks = printed.split("\n\n")[1:]
    assert len(blocks) == len(hits)
    for block, hit in zip(blocks, hits):
        assert re.sub(r"\s+", " ", hit.snippet).strip() in block
        assert "[O" in block  # the matched words bracketed ('[O]…' where the snippet cuts the phrase)
        assert block.rstrip().endswith(f"line {hit.line_start}")


# -- --person matches names as who-asked does -----------------------------------------------------------------------

def test_person_with_a_title_finds_what_who_asked_finds(db):
    said = interventions_by(Wanted.parse("Councillor Potts"), db)
    assert said
    word = said[0].text.split()[0].strip(".,;:")
    for typed in ("Councillor Potts", "Cllr Potts", "Potts"):
        hits = search(db, word, ["interventions"], person=typed, limit=200)
        assert hits and {h.who.split()[-1] for h in hits} == {"Potts"}, typed


@pytest.mark.parametrize("wildcard", ["%", "_", "%otts"])
def test_a_like_wildcard_in_person_or_body_is_literal(db, store_dir, wildcard, capsys):
    assert search(db, "noted", person=wildcard) == []
    assert search(db, "noted", body=wildcard) == []
    assert main(["search", "noted", "--person", wildcard, "--out", str(store_dir)]) == 1


# -- dates ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("flag", ["--since", "--until"])
@pytest.mark.parametrize("value", ["2024-13-45", "2024-02-30", "2023-02-29", "2024-1-5"])
def test_an_impossible_date_is_one_line_naming_the_option_and_value(store_dir, flag, value, capsys):
    assert main(["search", "noted", flag, value, "--out", str(store_dir)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and flag in err[0] and value in err[0]


def test_a_leap_day_is_a_date(db):
    with pytest.raises(SearchError):
        search(db, "noted", since="2023-02-29")
    search(db, "noted", since="2024-02-29")


# -- Datasette ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("words", ["anti-social", "O'Donnell", "police, crime"])
def test_datasette_searches_words_with_punctuation(store_dir, db, words):
    app = pytest.importorskip("datasette.app")
    metadata = json.loads((ROOT / "schemas" / "datasette-metadata.json").read_text(encoding="utf-8"))
    datasette = app.Datasette([str(store_dir / STORE_NAME)], metadata=metadata)

    async def ask():
        return await datasette.client.get("/minutebook/reports.json",
                                          params={"_search": words, "_shape": "array", "_col": "title"})

    response = asyncio.run(ask())
    assert response.status_code == 200
    ours = {h.item for h in search(db, words, ["reports"], limit=100)}
    assert ours and {row["title"] for row in response.json()} == ours
