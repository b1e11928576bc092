"""outputs/people.json and the store's people table, built from the store's sightings.

The index spans the whole corpus, so it is rebuilt whenever a document changes; building it from
rows the workers already made (not by reading every document's JSON again) keeps that rebuild a
matter of seconds at a hundred thousand documents, and it is written one identity at a time, so
memory holds one person's sightings, not the corpus.
"""

from __future__ import annotations

import json
from itertools import groupby
from pathlib import Path

from extract.normalising.identities import FIELDS, Sighting, identities, names_of, plan_identities, surname_clashes
from extract.storing.output import atomic_writer
from extract.storing.store import Store


def _grouped(store: Store, joins: dict[str, str]):
    """(identity id, its sightings) in id order; within one, its own sightings before those that
    join it, each in output-file and document order."""
    store.db.execute("CREATE TEMP TABLE IF NOT EXISTS joins (base_id TEXT PRIMARY KEY, identity TEXT NOT NULL)")
    store.db.execute("DELETE FROM temp.joins")
    store.db.executemany("INSERT INTO temp.joins VALUES (?, ?)", sorted(joins.items()))
    columns = ", ".join(f"s.[{name}]" for name in FIELDS)
    rows = store.db.execute(
        f"SELECT coalesce(j.identity, s.base_id) AS identity, {columns} FROM sightings s "
        "JOIN documents d ON d.source = s.source LEFT JOIN temp.joins j ON j.base_id = s.base_id "
        "ORDER BY identity, j.identity IS NOT NULL, d.output, s.source, s.seq")
    for identity_id, group in groupby(rows, key=lambda row: row[0]):
        yield identity_id, [Sighting(*row[1:]) for row in group]


def _indented(text: str, spaces: int) -> str:
    return text.replace("\n", "\n" + " " * spaces)


def write_people(store: Store, path: Path) -> int:
    """Rebuild people.json at path and the store's people table; the number of identities.

    The file is byte for byte what record_json(PeopleIndex) would print for the same identities.
    """
    joins, unresolved = plan_identities(names_of(
        store.db.execute("SELECT DISTINCT base_id, surname, initials, title FROM sightings ORDER BY 1, 2, 3, 4")))
    surnames: list[tuple[str, str]] = []
    count = 0
    with atomic_writer(path) as stream, store.transaction():
        store.db.execute("DELETE FROM people")
        stream.write('{\n  "people": [')
        for identity in identities(_grouped(store, joins), unresolved):
            record = identity.model_dump_json()
            stream.write(("\n" if count == 0 else ",\n") + "    " + _indented(identity.model_dump_json(indent=2), 4))
            store.db.execute("INSERT INTO people VALUES (?, ?, ?, ?, ?, ?)",
                             (identity.id, identity.name, identity.surname, identity.initials,
                              json.dumps(identity.variants), record))
            surnames.append((identity.surname, identity.id))
            count += 1
        stream.write("\n  ]" if count else "]")
        stream.write(',\n  "surname_clashes": '
                     + _indented(json.dumps(surname_clashes(surnames), indent=2, ensure_ascii=False), 2) + "\n}\n")
    return count
