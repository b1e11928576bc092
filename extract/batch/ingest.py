"""A batch: find the inputs, process each on its own, write outputs and the ingest report.

One bad document never stops the batch; it gets a status and a reason in the report. A paper is
known by its resolved path and its bytes: the same file under another spelling of its path is the
same paper, and a file whose bytes the store holds for a path that is gone was moved there.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from extract.batch.engines import Parsed, parse_dask, parse_local
from extract.base.errors import MinutebookError
from extract.storing.lock import hold_out
from extract.storing.manifest import Manifest
from extract.storing.output import record_json, write_atomic
from extract.storing.people_index import write_people
from extract.pipeline import parse_source, read_source
from extract.reading.decode import read_bytes
from extract.storing.rows import StoredDocument
from extract.storing.store import STORE_NAME, Store, StoredRow
from extract.batch.walk import unreachable, walk_files
from schemas import Document, DocumentOutcome, DocumentWarning, IngestReport

INPUT_SUFFIXES = (".txt", ".md", ".text", ".pdf", ".html", ".htm")
REPORT_NAME = "ingest-report.json"
PEOPLE_NAME = "people.json"
WAIT_SECONDS = 10.0  # how long an ingest waits for another one writing the same --out
COMMIT_SECONDS = 1.0  # the longest a stored paper waits for its commit: what a kill loses, how late progress is told


@dataclass(slots=True)
class Inputs:
    files: list[Path] = field(default_factory=list)
    problems: list[DocumentOutcome] = field(default_factory=list)


def _is_folder_readme(path: Path) -> bool:
    """README files describe a folder of papers; they are not papers themselves."""
    return path.stem.lower() == "readme"


def collect_inputs(paths: Iterable[Path]) -> Inputs:
    """Files to ingest, resolved (a paper's identity), in a stable order, and an outcome for each
    path that gives none."""
    inputs = Inputs()
    seen: set[Path] = set()
    for path in paths:
        reason = unreachable(path)
        if reason:
            inputs.problems.append(_failed(str(path), reason))
            continue
        if path.is_dir():
            walk = walk_files(path)
            inputs.problems.extend(_failed(str(where), why) for where, why in walk.problems)
            found = sorted(p for p in walk.files if p.suffix.lower() in INPUT_SUFFIXES and not _is_folder_readme(p))
            if not found and not walk.problems:
                inputs.problems.append(_failed(str(path), f"directory holds no documents ({', '.join(INPUT_SUFFIXES)})"))
            candidates = found
        else:
            candidates = [path]
        for candidate in map(Path.resolve, candidates):
            if candidate not in seen:
                seen.add(candidate)
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


def output_name(path: Path) -> str:
    """'<input stem>-<hash of its resolved path>.json': a paper's name in every run, whatever else
    the run holds and in whatever order, and never another paper's (two folders' 'minutes.txt')."""
    return f"{path.stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:12]}.json"


def people_ids(document: Document) -> set[str]:
    ids = {m.person.id for meeting in document.meetings for m in meeting.membership}
    return ids | {a.person.id for meeting in document.meetings for a in meeting.attendance}


# Warnings that make a document partial: pages that could not be read, or nothing recognised in it.
PARTIAL_CODES = frozenset({"no-text-layer", "unmapped-font", "no-readable-text", "no-meeting"})


def is_partial(warnings: list[DocumentWarning]) -> bool:
    return any(warning.code in PARTIAL_CODES for warning in warnings)


def status_reasons(status: str, warnings: list[DocumentWarning]) -> list[str]:
    """Why a document is partial: the warnings about what could not be read or recognised."""
    if status != "partial":
        return []
    return [warning.message for warning in warnings if warning.code in PARTIAL_CODES]


@dataclass(slots=True)
class Run:
    """What one ingest run shares between documents."""

    out_dir: Path
    store: Store
    unchanged: int = 0
    changed: int = 0
    moved: int = 0

    def counted(self, outcome: DocumentOutcome, moved: bool = False) -> DocumentOutcome:
        """Count a paper written in this run: read (parsed), or moved (its JSON re-keyed)."""
        if outcome.status != "failed":
            if moved:
                self.moved += 1
            else:
                self.changed += 1
        return outcome


@dataclass(slots=True)
class Stored:
    """A paper's outcome to tell: where it goes, how the paper was read (its manifest line's
    _run_facts), and whether it was moved rather than read."""

    index: int
    outcome: DocumentOutcome
    facts: dict
    moved: bool


@dataclass(slots=True)
class Waiting:
    """Papers stored together wait for their transaction's commit before they are told (outcome,
    manifest line, progress): an outcome that says a paper is stored is true, and when the commit
    fails that transaction's papers are failed, with the store's reason, and the batch goes on."""

    run: Run
    slots: list[DocumentOutcome | None]
    manifest: Manifest
    on_progress: Callable[[DocumentOutcome], None] | None
    papers: list[Stored] = field(default_factory=list)
    since: float = 0.0

    def add(self, index: int, outcome: DocumentOutcome, facts: dict | None = None, moved: bool = False) -> None:
        """A paper's outcome: told now when it failed (it is not in the store), else once its
        transaction commits, which happens now when that transaction is full or old enough."""
        if outcome.status == "failed":
            self._tell(Stored(index, outcome, facts or {}, moved))
            return
        if not self.papers:
            self.since = time.monotonic()
        self.papers.append(Stored(index, outcome, facts or {}, moved))
        if self.run.store.is_full() or time.monotonic() - self.since >= COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        """Commit the waiting papers and tell each: stored, or failed when the commit failed."""
        papers, self.papers = self.papers, []
        try:
            self.run.store.commit()
        except sqlite3.Error as error:
            for paper in papers:
                paper.outcome = not_stored(paper.outcome, error)
        for paper in papers:
            self._tell(paper)

    def _tell(self, paper: Stored) -> None:
        outcome = self.slots[paper.index] = self.run.counted(paper.outcome, moved=paper.moved)
        self.manifest.record(_manifest_line(outcome, paper.facts))
        if self.on_progress:
            self.on_progress(outcome)


def unchanged_outcome(path: Path, run: Run) -> DocumentOutcome | None:
    """The stored outcome of a file whose bytes are already stored (JSON in place), else None.

    A file the store has never seen is not read here: its worker reads it, once.
    """
    source = str(path)
    stored = run.store.stored(source)
    if not (stored and stored.output and (run.out_dir / stored.output).is_file()):
        return None
    if _sha256(path) != stored.sha256:
        return None
    run.unchanged += 1
    return stored_outcome(source, stored)


def _sha256(path: Path) -> str:
    return hashlib.sha256(read_bytes(path, str(path))).hexdigest()


def stored_outcome(source: str, stored: StoredRow) -> DocumentOutcome:
    """The outcome of a paper as the store holds it, to report it without reading it again."""
    return DocumentOutcome(source=source, status=stored.status, output=stored.output, sha256=stored.sha256,
                           kind=stored.kind, reasons=status_reasons(stored.status, stored.warnings), counts=stored.counts)


def moved_from(path: Path, run: Run) -> str | None:
    """The stored source this file was moved from: one whose file is gone and whose bytes are its.

    A file the store has never seen is read here only when the store holds papers already: a
    first run into an empty --out reads every file once, in its worker.
    """
    if run.store.is_empty():
        return None
    return next((old for old in run.store.sources_of(_sha256(path)) if not Path(old).exists()), None)


def rekeyed(path: Path, old_source: str, run: Run) -> StoredDocument | None:
    """A moved paper's stored document under its new path, made from its JSON without parsing it;
    None when that JSON is gone or unreadable (or the file's type changed), so it is parsed."""
    stored = run.store.stored(old_source)
    if stored is None or Path(old_source).suffix.lower() != path.suffix.lower():
        return None
    try:
        document = run.store.document(old_source)
    except (OSError, ValueError):
        return None
    if document is None:
        return None
    return StoredDocument.of(document.model_copy(update={"source": str(path)}), stored.counts, stored.status)


def parse_file(source: str, ocr: bool = False) -> StoredDocument | str:
    """Read, parse and serialise one file: it ready to write, or the reason it could not be read.

    Pure and picklable in both directions, so it runs as well in a worker process as here.
    """
    try:
        source_text = read_source(read_bytes(Path(source), source), source, ocr)
        document = parse_source(source_text)
        status = "partial" if is_partial(document.warnings) else "ok"
        return StoredDocument.of(document, document_counts(document), status, source_text)
    except MinutebookError as error:
        return getattr(error, "reason", str(error))
    except Exception as error:  # a parser bug must not stop the batch; say what happened
        return f"internal error while parsing: {type(error).__name__}: {error}"


def record_parsed(path: Path, parsed: StoredDocument | str, run: Run, replaces: str | None = None) -> DocumentOutcome:
    """Write a parsed document's JSON and its rows in the store; a failure becomes an outcome.

    A moved paper `replaces` its record under its old path: the old JSON goes before the store
    changes, so a run killed in between leaves the old record to be moved again, never an orphan.
    """
    source = str(path)
    if isinstance(parsed, str):
        return _failed(source, parsed)
    name = output_name(path)
    try:
        write_atomic(run.out_dir / name, parsed.json_text)
        _remove_old_output(replaces, name, run)
    except OSError as error:
        return DocumentOutcome(source=source, status="failed", sha256=parsed.sha256, kind=parsed.kind,
                               reasons=[f"cannot write {run.out_dir / name}: {error.strerror or error}"])
    outcome = DocumentOutcome(source=source, status=parsed.status, output=name, sha256=parsed.sha256, kind=parsed.kind,
                              reasons=status_reasons(parsed.status, parsed.warnings), counts=parsed.counts)
    try:
        run.store.put_rows(parsed, output=name, replaces=replaces)
    except sqlite3.Error as error:  # the store is an index of the JSON: say so, keep the batch going
        return not_stored(outcome, error)
    return outcome


def not_stored(outcome: DocumentOutcome, error: sqlite3.Error) -> DocumentOutcome:
    """A paper written to its JSON whose rows the store refused (or a failed commit took back)."""
    return DocumentOutcome(source=outcome.source, status="failed", output=outcome.output, sha256=outcome.sha256,
                           kind=outcome.kind, reasons=[f"written to {outcome.output} but not stored in {STORE_NAME}: {error}"])


def _remove_old_output(old_source: str | None, new_name: str, run: Run) -> None:
    old = run.store.stored(old_source) if old_source else None
    if old and old.output and old.output != new_name:
        (run.out_dir / old.output).unlink(missing_ok=True)


def parse_all(sources: list[str], jobs: int, ocr: bool = False, engine: str = "local",
              scheduler: str | None = None, parse: Callable[[str], object] | None = None,
              timeout: float | None = None) -> Iterator[Parsed]:
    """parse_file over sources, in their order, on the chosen engine (see extract.batch.engines), each
    within `timeout` seconds."""
    parse = parse or (partial(parse_file, ocr=True) if ocr else parse_file)
    if engine == "dask":
        return parse_dask(parse, sources, jobs, scheduler, timeout)
    return parse_local(parse, sources, jobs, timeout, weight=file_size)


def file_size(source: str) -> int:
    """A paper's size in bytes, its likely parsing cost to a scheduler (0 when it cannot be read:
    its parse fails fast)."""
    try:
        return os.stat(source).st_size
    except OSError:
        return 0


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
    """The report (every paper the --out holds, this run's and earlier runs') and this run's part."""

    report: IngestReport
    outcomes: list[DocumentOutcome]
    totals: dict[str, int]
    unchanged: int
    changed: int
    moved: int
    pruned: list[str]


def run_ingest(
    paths: Iterable[Path], out_dir: Path, on_progress: Callable[[DocumentOutcome], None] | None = None,
    on_start: Callable[[int], None] | None = None, prune_missing: bool = False, jobs: int = 1, ocr: bool = False,
    engine: str = "local", scheduler: str | None = None, parse: Callable[[str], object] | None = None,
    wait: float = WAIT_SECONDS, timeout: float | None = None,
) -> IngestResult:
    """Ingest every input under paths into out_dir: JSON per document, the store, the report, people,
    and the manifest of work.

    Documents whose bytes are stored already are not parsed again, so a run that was killed is
    finished by running it again: only what is missing or failed is done. One run writes an
    out_dir at a time: another waits up to `wait` seconds for it, then raises OutputBusy. A
    document that takes longer than `timeout` seconds fails with that reason and the batch goes on.
    """
    with hold_out(out_dir, wait):
        return _ingest_held(paths, out_dir, on_progress, on_start, prune_missing,
                            partial(parse_all, jobs=jobs, ocr=ocr, engine=engine, scheduler=scheduler, parse=parse,
                                    timeout=timeout))


def _ingest_held(paths: Iterable[Path], out_dir: Path, on_progress: Callable[[DocumentOutcome], None] | None,
                 on_start: Callable[[int], None] | None, prune_missing: bool,
                 parse_sources: Callable[[list[str]], Iterator[Parsed]]) -> IngestResult:
    """run_ingest's work, once it holds out_dir."""
    inputs = collect_inputs(paths)
    if on_start:
        on_start(len(inputs.files) + len(inputs.problems))
    outcomes = list(inputs.problems)
    for problem in inputs.problems:
        if on_progress:
            on_progress(problem)
    previous = read_report(out_dir / REPORT_NAME)
    store = Store(out_dir / STORE_NAME)
    manifest = Manifest(out_dir)
    try:
        run = Run(out_dir, store)
        slots: list[DocumentOutcome | None] = [None] * len(inputs.files)
        with store.together():
            waiting = Waiting(run, slots, manifest, on_progress)
            try:
                _record_all(inputs.files, run, waiting, parse_sources)
            finally:
                waiting.commit()  # before the report and people.json, and on any way out
        outcomes.extend(slot for slot in slots if slot is not None)
        pruned = prune(run, inputs) if prune_missing else []
        for source in pruned:
            manifest.record({"source": source, "status": "pruned"})
        report = whole_report(outcomes, store, previous, forget_gone=prune_missing)
        write_atomic(out_dir / REPORT_NAME, record_json(report))
        if run.changed or run.moved or pruned or not (out_dir / PEOPLE_NAME).is_file():
            write_people(store, out_dir / PEOPLE_NAME)
        run_totals = totals(outcomes) | {"distinct_people": report.totals["distinct_people"]}
    finally:
        manifest.close()
        store.close()
    return IngestResult(report, outcomes, run_totals, run.unchanged, run.changed, run.moved, pruned)


def _record_all(files: list[Path], run: Run, waiting: Waiting,
                parse_sources: Callable[[list[str]], Iterator[Parsed]]) -> None:
    """Every file's outcome into waiting: those that need no parsing first, then the parsed ones
    as they come."""
    replaces: dict[int, str] = {}
    todo: list[int] = []
    for index, path in enumerate(files):
        try:
            if not _settled_unparsed(index, path, run, replaces, waiting):
                todo.append(index)
        except MinutebookError as error:
            waiting.add(index, _failed(str(path), getattr(error, "reason", str(error))))
    parsed_stream = parse_sources([str(files[i]) for i in todo])
    for index, parsed in zip(todo, parsed_stream):
        outcome = record_parsed(files[index], parsed.result, run, replaces.get(index))
        waiting.add(index, outcome, _run_facts(parsed, replaces.get(index)))


def _settled_unparsed(index: int, path: Path, run: Run, replaces: dict[int, str], waiting: Waiting) -> bool:
    """Whether a paper needs no parsing (unchanged, or moved with its JSON in place), its outcome
    given to waiting; False when it must be parsed (a moved one noted in `replaces`)."""
    outcome = unchanged_outcome(path, run)
    if outcome is not None:
        waiting.slots[index] = outcome
        if waiting.manifest.previous(outcome.source) is None:
            waiting.manifest.record(_manifest_line(outcome))
        if waiting.on_progress:
            waiting.on_progress(outcome)
        return True
    old_source = moved_from(path, run)
    if old_source is None:
        return False
    moved = rekeyed(path, old_source, run)
    if moved is None:
        replaces[index] = old_source
        return False
    outcome = record_parsed(path, moved, run, old_source)
    waiting.add(index, outcome, _run_facts(moved_from=old_source), moved=True)
    return True


def read_report(path: Path) -> list[DocumentOutcome]:
    """The outcomes of the last report written, or none when there is none (or it is unreadable)."""
    try:
        return IngestReport.model_validate_json(path.read_bytes()).documents
    except (OSError, ValueError):
        return []


def whole_report(outcomes: list[DocumentOutcome], store: Store, previous: list[DocumentOutcome],
                 forget_gone: bool) -> IngestReport:
    """This run's outcomes, then every other paper the store holds, then earlier runs' failures not
    since settled (forgotten with --prune when their file is gone): a run never drops another's."""
    documents = list(outcomes)
    covered = {outcome.source for outcome in outcomes}
    for source, stored in store.all_stored():
        if source not in covered:
            covered.add(source)
            documents.append(stored_outcome(source, stored))
    for earlier in previous:
        if earlier.status == "failed" and earlier.source not in covered and not (
                forget_gone and not Path(earlier.source).exists()):
            covered.add(earlier.source)
            documents.append(earlier)
    return IngestReport(documents=documents, totals=totals(documents) | {"distinct_people": store.distinct_people()})


def _manifest_line(outcome: DocumentOutcome, facts: dict | None = None) -> dict:
    """A paper's manifest line: its outcome, then the facts of how it was read (_run_facts)."""
    return {"source": outcome.source, "sha256": outcome.sha256, "status": outcome.status, "output": outcome.output,
            "reasons": outcome.reasons} | (facts or {})


def _run_facts(parsed: Parsed | None = None, moved_from: str | None = None) -> dict:
    """How a paper was read this run, for its manifest line: time, worker and attempts of its
    parse, or where it was moved from."""
    line: dict = {}
    if parsed is not None:
        line |= {"seconds": parsed.seconds, "worker": parsed.worker, "attempts": parsed.attempts}
    if moved_from is not None:
        line["moved_from"] = moved_from
    return line
