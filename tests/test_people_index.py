"""One identity per person across the corpus, and never two people merged into one."""

from __future__ import annotations

import pytest

from extract.normalising.identities import build_people
from extract.batch.ingest import run_ingest
from extract.storing.output import record_json
from extract.pipeline import parse_source
from extract.reading.decode import read_text
from schemas import Document, PeopleIndex
from tests.helpers import CORPUS, DOCUMENTS, ROOT, parsed

PAPERS = [str(p.relative_to(ROOT)) for p in sorted(CORPUS.glob("*.txt")) + sorted(DOCUMENTS.iterdir())]


@pytest.fixture(scope="module")
def index():
    return build_people(parsed(relative) for relative in PAPERS)


def person(index, identity_id):
    return next(p for p in index.people if p.id == identity_id)


def test_the_surname_clashes_in_the_corpus_are_all_different_people(index):
    # Found by reading the papers: each pair is two people whose initials differ.
    assert index.surname_clashes == {
        "carter": ["l-carter", "p-carter"], "cooke": ["aj-cooke", "g-cooke"], "evans": ["n-evans", "u-evans"],
        "green": ["a-green", "e-green"], "hall": ["d-hall", "n-hall"], "jones": ["b-jones", "n-jones"],
        "quinn": ["j-quinn", "p-quinn"], "wright": ["j-wright", "t-wright"],
    }
    for ids in index.surname_clashes.values():
        initials = [person(index, i).initials for i in ids]
        assert len(set(initials)) == len(initials)
    assert not [p.id for p in index.people if p.unresolved]


def test_one_person_across_2017_and_2024_with_every_printed_form(index):
    charlton = person(index, "j-charlton")
    assert {m.date[:4] for m in charlton.meetings} == {"2017", "2024"}
    assert {"Councillor J Charlton", "Councillor Charlton"} <= set(charlton.variants)
    assert [(r.role, r.date) for r in charlton.roles] == [("Vice-Chair", "2024-04-16")]
    assert sum(p.surname == "Charlton" for p in index.people) == 1


def test_initials_and_a_spelled_out_name_are_one_person(index):
    errington = person(index, "s-errington")
    assert {"Chief Fire Officer S Errington", "Chief Fire Officer Stuart Errington"} <= set(errington.variants)
    green = person(index, "a-green")
    assert {"Chief Superintendent A Green", "Chief Superintendent Green"} <= set(green.variants)


def test_the_chair_in_2017_and_in_2024_are_different_people_with_dated_roles(index):
    chairs = {(r.date, p.name) for p in index.people for r in p.roles
              if r.role in ("Chair", "Chairman") and r.body and "Safer and Stronger" in r.body}
    assert ("2017-09-22", "D Boyes") in chairs and ("2024-02-26", "P Heaviside") in chairs
    assert {name for date, name in chairs if date.startswith("2017")} == {"D Boyes"}
    assert {name for date, name in chairs if date.startswith("2024")} == {"P Heaviside"}


def _document(text: str):
    return parse_source(read_text(text.encode(), "synthetic.txt"))


def test_a_bare_surname_shared_by_two_members_stays_unresolved_and_given_names_keep_people_apart():
    minutes = _document(
        "Minutes of the meeting of the Licensing Committee held on Monday 4 March 2024 at 10.00 am in Room 1\n\n"
        "Present: Councillors J Charlton, K Charlton and A Smith; Jane Smith (Solicitor) and John Smith (Clerk)\n\n"
        "1 Taxi Policy\n\nCouncillor Charlton asked about the fee increase.\n\nThe Solicitor responded that fees were set by law.\n")
    index = build_people([minutes])
    ids = {p.id: p for p in index.people}
    assert {"j-charlton", "k-charlton", "charlton"} <= ids.keys() and ids["charlton"].unresolved
    assert {"j-smith-jane", "j-smith-john", "a-smith"} <= ids.keys()
    item = minutes.meetings[0].items[0]
    assert item.interventions[0].speaker.id == "charlton" and item.interventions[1].speaker.name == "Jane Smith"


BARE_SURNAMES = (
    "Minutes of the meeting of the Licensing Committee held on Monday 4 March 2024 at 10.00 am in Room 1\n\n"
    "Present: Councillors J Charlton, K Charlton, A Smith and O'Brien; Jane Smith (Solicitor) and John Smith (Clerk)\n\n"
    "1 Taxi Policy\n\nCouncillor Charlton asked about the fee increase.\n\nThe Solicitor responded that fees were set by law.\n\n"
    "Councillor Smith asked when the policy would be reviewed.\n")
NAMESAKE = (
    "Minutes of the meeting of the Planning Committee held on Tuesday 5 March 2024 at 2.00 pm in Room 2\n\n"
    "Present: Councillors P O'Brien and A Smith\n\n1 Applications\n\nCouncillor O'Brien asked about the car park.\n")


def test_people_json_built_from_the_store_is_the_index_built_from_the_documents(tmp_path):
    """ingest builds people.json from the rows its workers made, never re-reading the JSON: it must
    say exactly what the documents say, byte for byte, joins and unresolved names included."""
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "licensing.txt").write_text(BARE_SURNAMES)
    (papers / "planning.txt").write_text(NAMESAKE)
    out = tmp_path / "out"
    result = run_ingest([CORPUS, DOCUMENTS, papers], out)
    documents = sorted((out / o.output for o in result.report.documents if o.output), key=lambda p: p.name)
    expected = build_people(Document.model_validate_json(p.read_text()) for p in documents)
    assert (out / "people.json").read_text() == record_json(expected)
    ids = {p.id: p for p in expected.people}
    assert ids["a-smith"].interventions == 1  # the bare "Councillor Smith" is the one councillor Smith
    assert ids["p-obrien"].interventions == 1 and "Councillor O'Brien" in ids["p-obrien"].variants
    assert ids["charlton"].unresolved


def test_a_removed_document_takes_its_people_out_of_people_json(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "licensing.txt").write_text(BARE_SURNAMES)
    (papers / "planning.txt").write_text(NAMESAKE)
    out = tmp_path / "out"
    run_ingest([papers], out)
    assert "p-obrien" in (out / "people.json").read_text()
    (papers / "planning.txt").unlink()
    run_ingest([papers], out, prune_missing=True)
    people = (out / "people.json").read_text()
    assert "p-obrien" not in people and "j-charlton" in people


def test_a_batch_with_nobody_in_it_writes_an_empty_index_in_the_same_form(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run_ingest([papers], out)
    assert (out / "people.json").read_text() == record_json(PeopleIndex(people=[]))


@pytest.mark.parametrize("size", [0, 1, 5])
def test_a_record_written_a_piece_at_a_time_is_what_record_json_prints(index, size):
    """people.json is streamed (it may not fit in memory whole) by the one JSON writer, which must
    lay it out exactly as record_json does, an empty list and clashes included."""
    import io

    from extract.storing.output import write_record_json

    people = index.people[:size]
    clashes = {k: v for k, v in index.surname_clashes.items() if size}
    stream = io.StringIO()
    write_record_json(stream, [("people", iter(people)), ("surname_clashes", lambda: clashes)])
    assert stream.getvalue() == record_json(PeopleIndex(people=people, surname_clashes=clashes))
