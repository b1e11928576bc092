"""Names and lists of names, as the genre prints them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extract.parsing.names import is_councillor, parse_name, parse_name_list


def rows(text, **kwargs):
    return [(n.title, n.given, n.surname, n.role, n.position, n.category, n.substitute_for.name if n.substitute_for else None)
            for n in parse_name_list(text, **kwargs)]


def test_a_plural_title_distributes_over_the_list():
    assert rows("Councillors B Avery, J Charlton and C Wilson") == [
        ("Councillor", "B", "Avery", None, None, None, None),
        ("Councillor", "J", "Charlton", None, None, None, None),
        ("Councillor", "C", "Wilson", None, None, None, None),
    ]


def test_an_entry_with_its_own_title_or_category_ends_the_plural():
    assert rows("Councillors C Hampson, J Turnbull and Co-opted Member J Welch and Chief Fire Officer Stuart Errington.") == [
        ("Councillor", "C", "Hampson", None, None, None, None),
        ("Councillor", "J", "Turnbull", None, None, None, None),
        (None, "J", "Welch", None, None, "co-opted member", None),
        ("Chief Fire Officer", "Stuart", "Errington", None, None, None, None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Councillor D Boyes (Chairman)", ("Councillor", "D", "Boyes", "Chair", None, None, None)),
        ("Cllr B Jones (Vice-Chair)", ("Cllr", "B", "Jones", "Vice-Chair", None, None, None)),
        ("Councillor A Smith (in the Chair)", ("Councillor", "A", "Smith", "Chair", None, None, None)),
        ("Cllr D Sutton-Lloyd (substitute for Cllr E Green)", ("Cllr", "D", "Sutton-Lloyd", None, None, None, "E Green")),
        ("Jane Doe (Head of Finance)", (None, "Jane", "Doe", None, "Head of Finance", None, None)),
        ("Mark Lee - Principal Solicitor", (None, "Mark", "Lee", None, "Principal Solicitor", None, None)),
        ("Mr A J Cooke", ("Mr", "A J", "Cooke", None, None, None, None)),
        ("Mrs A de la Mare", ("Mrs", "A", "de la Mare", None, None, None, None)),
        ("Detective Inspector Alfie Keane", ("Detective Inspector", "Alfie", "Keane", None, None, None, None)),
        ("Chief Superintendent A Green", ("Chief Superintendent", "A", "Green", None, None, None, None)),
        ("Councillor O'Donnell", ("Councillor", None, "O'Donnell", None, None, None, None)),
    ],
)
def test_single_entries(text, expected):
    assert rows(text) == [expected]


def test_post_nominals_stay_with_their_person():
    names = parse_name_list("Sir Paul Carter, CBE, Mrs S Hohler and Mr R Bird")
    assert [(n.title, n.name) for n in names] == [("Sir", "Paul Carter"), ("Mrs", "S Hohler"), ("Mr", "R Bird")]


@pytest.mark.parametrize("text", ["There were no apologies", "the report be noted", "2023/24", "Page 49", "AGENDA", ""])
def test_things_that_are_not_names(text):
    assert parse_name(text) is None


def test_prose_after_a_name_is_not_part_of_it():
    (name,) = parse_name_list("Councillor A Smith who was on council business")
    assert (name.name, "Councillor A Smith who was on council business"[name.start:name.end]) == ("A Smith", "Councillor A Smith")


def test_ids_are_stable_and_ignore_title_and_spelled_out_given_names():
    a = parse_name("Councillor J Maitland")
    b = parse_name("Cllr John Maitland")
    c = parse_name("Mr A J Cooke")
    assert a.id == b.id == "j-maitland"
    assert c.id == "aj-cooke"
    assert parse_name("Councillor J Charlton").id != parse_name("Councillor K Charlton").id


SURNAMES = st.sampled_from(["Avery", "Charlton", "O'Brien", "Sutton-Lloyd", "McKenna", "Smith", "de Souza", "Ng"])
INITIALS = st.text(alphabet="ABCDEFGHJKLMNPRSTW", min_size=1, max_size=2).map(" ".join)
TITLES = st.sampled_from(["Councillor", "Cllr", "Mr", "Mrs", "Dr", "Chief Superintendent"])


@given(st.lists(st.tuples(TITLES, INITIALS, SURNAMES), min_size=1, max_size=8),
       st.sampled_from([", ", "; "]), st.sampled_from([" and ", " & ", ", and "]))
def test_any_printed_list_gives_back_each_person_in_order(people, separator, last_separator):
    printed = [f"{title} {given} {surname}" for title, given, surname in people]
    text = printed[0] if len(printed) == 1 else separator.join(printed[:-1]) + last_separator + printed[-1]
    names = parse_name_list(text)
    assert [(n.title, n.given, n.surname) for n in names] == people
    assert [text[n.start:n.end] for n in names] == printed


def test_councillor_titles_are_told_from_others_in_any_printed_form():
    assert all(is_councillor(t) for t in ["Councillor", "Cllr.", "CLLR", "County Councillor", "Clr", "Alderwoman"])
    assert not any(is_councillor(t) for t in [None, "", "Mr", "Chief Superintendent", "Dr", "Clerk"])
