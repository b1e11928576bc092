"""Shared test helpers: paths, parsing a file as the CLI would, and golden projections."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from extract.pipeline import process_path
from schemas import Document

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
DOCUMENTS = ROOT / "tests" / "documents"
CORPUS = ROOT / "corpus"
ACCURACY_DOCUMENTS = ROOT / "tests" / "accuracy" / "documents"
# ../shared beside the checkout, or beside the folder of worktrees
REALDOCS = next((p for p in (ROOT.parent / "shared" / "realdocs", ROOT.parent.parent / "shared" / "realdocs")
                 if p.is_dir()), ROOT.parent / "shared" / "realdocs")
TEXT_KINDS = (".txt", ".md", ".html")  # documents read without a PDF reader: the text parse's own


def text_documents(*folders: Path) -> list[Path]:
    """The text, Markdown and HTML documents under folders (a missing one holds none), folder by
    folder in path order; a folder's README is not a document."""
    return [path for folder in folders if folder.is_dir() for path in sorted(folder.rglob("*"))
            if path.suffix in TEXT_KINDS and path.name != "README.md"]


@cache
def parsed(relative: str) -> Document:
    """The Document for a file named relative to the project root (parsed once per session)."""
    return process_path(ROOT / relative, relative)


def run_cli(args: list, capsys) -> tuple[int, str, str]:
    """`minutebook args` as a user runs it: its exit code, stdout and stderr."""
    from extract.commands.cli import main

    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def golden_files() -> list[Path]:
    return sorted(GOLDEN.glob("*.json"))


def load_golden(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def person_row(person) -> list:
    return [person.title, person.name]


def agenda_view(item) -> dict:
    return {
        "number": item.number,
        "title": item.title,
        "pages": [item.pages.start, item.pages.end] if item.pages else None,
        "part": item.part,
        "sub_items": [[sub.label, sub.title] for sub in item.sub_items],
        "description": item.description,
    }


def membership_view(entry) -> list:
    return person_row(entry.person) + [entry.role, entry.category]


def attendance_view(entry) -> list:
    substitute = entry.substitute_for.name if entry.substitute_for else None
    return person_row(entry.person) + [entry.status, entry.role, entry.category, substitute, entry.position or entry.note]


def resolution_view(resolution) -> list:
    row = [resolution.label, resolution.text]
    return row + [resolution.preamble] if resolution.preamble else row


def item_view(item, expected: dict) -> dict:
    """An item projected like its golden entry: text compared by its start and its end."""
    return {
        "number": item.number,
        "title": item.title,
        "agenda_item": item.agenda_item,
        "text_starts": item.text[: len(expected.get("text_starts", ""))],
        "text_ends": item.text[len(item.text) - len(expected.get("text_ends", "")):],
        "resolutions": [resolution_view(r) for r in item.resolutions],
    }


def store_rows(out: Path) -> dict[str, list[tuple]]:
    """Every row of every table of an output folder's store but the FTS shadows, in rowid order."""
    from extract.storing.reader import open_read_only

    with open_read_only(out / "minutebook.sqlite") as store:
        return {table: list(store.table_rows(table)[1]) for table in store.table_names()}
