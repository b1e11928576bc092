"""outputs/people.json and the store's people table, built from the store's sightings.

The index spans the whole corpus, so it is rebuilt whenever a document changes; building it from
rows the workers already made (not by reading every document's JSON again) keeps that rebuild a
matter of seconds at a hundred thousand documents, and it is written one identity at a time, so
memory holds one person's sightings, not the corpus.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path

from extract.normalising.identities import Sighting, identities, names_of, plan_identities, surname_clashes
from extract.storing.output import atomic_writer, write_record_json
from extract.storing.store import Store
from schemas import PersonIdentity


def _grouped(store: Store, joins: dict[str, str]):
    """(identity id, its sightings) in id order; within one, its own sightings before those that
    join it, each in output-file and document order."""
    for identity_id, group in groupby(store.sightings_by_identity(joins), key=lambda row: row[0]):
        yield identity_id, [Sighting(*row[1:]) for row in group]


def write_people(store: Store, path: Path) -> int:
    """Rebuild people.json at path and the store's people table; the number of identities.

    The file is byte for byte what record_json(PeopleIndex) would print for the same identities.
    """
    joins, unresolved = plan_identities(names_of(store.sighted_names()))
    surnames: list[tuple[str, str]] = []

    def stored(people: Iterator[PersonIdentity]) -> Iterator[PersonIdentity]:
        """Each identity put in the people table, its surname noted for the clashes, as it is written."""
        for identity in people:
            store.add_person(identity)
            surnames.append((identity.surname, identity.id))
            yield identity

    with atomic_writer(path) as stream, store.transaction():
        store.clear_people()
        write_record_json(stream, [("people", stored(identities(_grouped(store, joins), unresolved))),
                                   ("surname_clashes", lambda: surname_clashes(surnames))])
    return len(surnames)
