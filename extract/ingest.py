"""A batch: find the inputs, process each on its own, write outputs and the ingest report.

One bad document never stops the batch; it gets a status and a reason in the report.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from extract.engines import Parsed, parse_dask, parse_local
from extract.errors import MinutebookError
from extract.manifest import Manifest
from extract.output import record_json, write_atomic
from extract.people_index import write_people
from extract.pipeline import parse_source, read_source
from extract.read import read_bytes
from extract.store import STORE_NAME, Store, StoredDocument
from schemas import Document, DocumentOutcome, IngestReport

INPUT_SUFFIXES = (".txt", ".md", ".text", ".pdf")
REPORT_NAME = "ingest-report.json"
PEOPLE_NAME = "people.json"
NOT_DOCUMENTS = {REPORT_NAME, PEOPLE_NAME}


@dataclass(slots=True)
class Inputs:
    files: list[Path] = field(default_factory=list)
    problems: list[DocumentOutcome] = field(default_factory=list)


def _is_folder_readme(path: Path) -> bool:
    """README files describe a folder of papers; they are not papers themselves."""
    return path.stem.lower() == "readme"


def collect_inputs(paths: Iterable[Path]) -> Inputs:
    """Files to ingest, in a stable order, and an outcome for each path that gives none."""
    inputs = Inputs()
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            inputs.problems.append(_failed(str(path), "no such file or directory"))
            continue
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES and not _is_folder_readme(p)
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                inputs.problems.append(_failed(str(path), f"directory holds no documents ({', '.join(INPUT_SUFFIXES)})"))
            candidates = found
        else:
            candidates = [path]
        for candidate in candidates:
            if candidate.resolve() not in seen:
                seen.add(candidate.resolve())
                inputs.files.append(candidate)
    return inputs


def _failed(source: str, reason: str) -> DocumentOutcome:
    return DocumentOutcome(source=source, status="failed", reasons=[reason])


def document_counts(document: Document) -> dict[str, int]:
    return {
        "meetings": len(document.meetings),
        "agenda_items": sum(len(m.agenda_items) for m in document.meetings),
        "items": sum(len(m.items) for m in document.meetings),
        "resolutions": sum(len(i.resolutions) for m in document.meetings for i in m.items),
        "people": len(people_ids(document)),
        "warnings": len(document.warnings),
    }


def output_name(path: Path, sha256: str, taken: set[str]) -> str:
    """'<input stem>.json', made unique within a run by the content hash when stems collide."""
    name = f"{path.stem}.json"
    if name in taken or name in NOT_DOCUMENTS:
        name = f"{path.stem}-{sha256[:8]}.json"
    taken.add(name)
    return name


def people_ids(document: Document) -> set[str]:
    ids = {m.person.id for meeting in document.meetings for m in meeting.membership}
    return ids | {a.person.id for meeting in document.meetings for a in meeting.attendance}


def status_reasons(status: str, warnings: list[str]) -> list[str]:
    """Why a document is partial: the warnings about what could not be read or recognised."""
    if status != "partial":
        return []
    return [w for w in warnings if "no text layer" in w or "unreadable" in w or "no meeting" in w or "no readable" in w]


@dataclass(slots=True)
class Run:
    """What one ingest run shares between documents."""

    out_dir: Path
    store: Store
    taken: set[str] = field(default_factory=set)
    unchanged: int = 0
    changed: int = 0


def unchanged_outcome(path: Path, run: Run) -> DocumentOutcome | None:
    """The stored outcome of a file whose bytes are already stored (JSON in place), else None.

    A file the store has never seen is not read here: its worker reads it, once.
    """
    source = str(path)
    stored = run.store.stored(source)
    if not (stored and stored.output and (run.out_dir / stored.output).is_file()):
        return None
    if hashlib.sha256(read_bytes(path, source)).hexdigest() != stored.sha256:
        return None
    run.unchanged += 1
    run.taken.add(stored.output)
    return DocumentOutcome(source=source, status=stored.status, output=stored.output, sha256=stored.sha256,
                           kind=stored.kind, reasons=status_reasons(stored.status, stored.warnings), counts=stored.counts)


def parse_file(source: str, ocr: bool = False) -> StoredDocument | str:
    """Read, parse and serialise one file: it ready to write, or the reason it could not be read.

    Pure and picklable in both directions, so it runs as well in a worker process as here.
    """
    try:
        document = parse_source(read_source(read_bytes(Path(source), source), source, ocr))
        status = "partial" if document.kind == "unknown" or document.unread_pages else "ok"
        return StoredDocument.of(document, document_counts(document), status)
    except MinutebookError as error:
        return getattr(error, "reason", str(error))
    except Exception as error:  # a parser bug must not stop the batch; say what happened
        return f"internal error while parsing: {type(error).__name__}: {error}"


def record_parsed(path: Path, parsed: StoredDocument | str, run: Run) -> DocumentOutcome:
    """Write a parsed document's JSON and its rows in the store; a failure becomes an outcome."""
    source = str(path)
    if isinstance(parsed, str):
        return _failed(source, parsed)
    name = output_name(path, parsed.sha256, run.taken)
    try:
        write_atomic(run.out_dir / name, parsed.json_text)
    except OSError as error:
        return DocumentOutcome(source=source, status="failed", sha256=parsed.sha256, kind=parsed.kind,
                               reasons=[f"cannot write {run.out_dir / name}: {error.strerror or error}"])
    try:
        run.store.put_rows(parsed, output=name)
    except sqlite3.Error as error:  # the store is an index of the JSON: say so, keep the batch going
        return DocumentOutcome(source=source, status="failed", output=name, sha256=parsed.sha256, kind=parsed.kind,
                               reasons=[f"written to {name} but not stored in {STORE_NAME}: {error}"])
    run.changed += 1
    return DocumentOutcome(source=source, status=parsed.status, output=name, sha256=parsed.sha256, kind=parsed.kind,
                           reasons=status_reasons(parsed.status, parsed.warnings), counts=parsed.counts)


def parse_all(sources: list[str], jobs: int, ocr: bool = False, engine: str = "local",
              scheduler: str | None = None, parse: Callable[[str], object] | None = None,
              timeout: float | None = None) -> Iterator[Parsed]:
    """parse_file over sources, in their order, on the chosen engine (see extract.engines), each
    within `timeout` seconds."""
    parse = parse or (partial(parse_file, ocr=True) if ocr else parse_file)
    if engine == "dask":
        return parse_dask(parse, sources, jobs, scheduler, timeout)
    return parse_local(parse, sources, jobs, timeout)


def prune(run: Run, inputs: Inputs) -> list[str]:
    """Forget stored documents whose files are gone: their rows and their JSON."""
    present = {str(path) for path in inputs.files}
    removed = []
    for source in run.store.sources():
        if source not in present and not Path(source).exists():
            stored = run.store.stored(source)
            run.store.remove(source)
            if stored and stored.output:
                (run.out_dir / stored.output).unlink(missing_ok=True)
            removed.append(source)
    return removed


def totals(outcomes: list[DocumentOutcome]) -> dict[str, int]:
    result = {"documents": len(outcomes), "ok": 0, "partial": 0, "failed": 0}
    for outcome in outcomes:
        result[outcome.status] += 1
        for key, value in outcome.counts.items():
            result[key] = result.get(key, 0) + value
    return result


@dataclass(slots=True)
class IngestResult:
    report: IngestReport
    unchanged: int
    changed: int
    pruned: list[str]


def run_ingest(
    paths: Iterable[Path], out_dir: Path, on_progress: Callable[[DocumentOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None, prune_missing: bool = False, jobs: int = 1, ocr: bool = False,
    engine: str = "local", scheduler: str | None = None, parse: Callable[[str], object] | None = None,
    timeout: float | None = None,
) -> IngestResult:
    """Ingest every input under paths into out_dir: JSON per document, the store, the report, people,
    and the manifest of work.

    Documents whose bytes are stored already are not parsed again, so a run that was killed is
    finished by running it again: only what is missing or failed is done. A document that takes
    longer than `timeout` seconds fails with that reason and the batch goes on.
    """
    inputs = collect_inputs(paths)
    if on_start:
        on_start(len(inputs.files) + len(inputs.problems))
    outcomes = list(inputs.problems)
    for problem in inputs.problems:
        if on_progress:
            on_progress(problem)
    store = Store(out_dir / STORE_NAME)
    manifest = Manifest(out_dir)
    try:
        run = Run(out_dir, store)
        slots: list[DocumentOutcome | None] = [None] * len(inputs.files)
        todo: list[int] = []
        for index, path in enumerate(inputs.files):
            try:
                slots[index] = unchanged_outcome(path, run)
            except MinutebookError as error:
                slots[index] = _failed(str(path), getattr(error, "reason", str(error)))
                manifest.record(_manifest_line(slots[index]))
            if slots[index] is None:
                todo.append(index)
            else:
                if manifest.previous(str(path)) is None:
                    manifest.record(_manifest_line(slots[index]))
                if on_progress:
                    on_progress(slots[index])
        parsed_stream = parse_all([str(inputs.files[i]) for i in todo], jobs, ocr, engine, scheduler, parse,
                                  timeout)
        for index, parsed in zip(todo, parsed_stream):
            slots[index] = record_parsed(inputs.files[index], parsed.result, run)
            manifest.record(_manifest_line(slots[index], parsed))
            if on_progress:
                on_progress(slots[index])
        outcomes.extend(slot for slot in slots if slot is not None)
        pruned = prune(run, inputs) if prune_missing else []
        report = IngestReport(documents=outcomes, totals=totals(outcomes) | {"distinct_people": _distinct_people(run)})
        write_atomic(out_dir / REPORT_NAME, record_json(report))
        if run.changed or pruned or not (out_dir / PEOPLE_NAME).is_file():
            write_people(store, out_dir / PEOPLE_NAME)
        manifest.finish([outcome.source for outcome in outcomes])
    finally:
        manifest.close()
        store.close()
    return IngestResult(report, run.unchanged, run.changed, pruned)


def _manifest_line(outcome: DocumentOutcome, parsed: Parsed | None = None) -> dict:
    line = {"source": outcome.source, "sha256": outcome.sha256, "status": outcome.status, "output": outcome.output,
            "reasons": outcome.reasons}
    if parsed is not None:
        line |= {"seconds": parsed.seconds, "worker": parsed.worker, "attempts": parsed.attempts}
    return line


def _distinct_people(run: Run) -> int:
    """Distinct people on membership lists and attendance across the store (the same on a no-op run)."""
    return run.store.db.execute("SELECT count(DISTINCT person_id) FROM attendance").fetchone()[0]
