"""The `minutebook` command: ingest, search, check, export, schema. Thin: the work is in the library modules.

Exit codes: 0 all went well, 1 some document failed (or a check found problems, or a file or the
store could not be read or written), 2 usage error, 130 interrupted. Every error is one line on
stderr naming the file or option and the reason; --debug shows the traceback instead.
"""

from __future__ import annotations

import argparse
import os
import sys
from functools import cached_property
from pathlib import Path

from extract.base.errors import MinutebookError, StoreError
from extract.batch.engines import DASK_MISSING, ENGINES
from extract.storing.reader import STORE_NAME
from extract.storing.schema import SEARCHABLE, TABLES

EXPORT_TABLES = ["documents", *TABLES, "people", "sightings"]
DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUTPUTS = Path("outputs")
DEFAULT_SCHEMA = Path("schemas") / "minutebook.schema.json"  # under the working directory, as the other defaults
DEBUG_HELP = "show the Python traceback of an error instead of its one line"
DEFAULT_TIMEOUT = 120.0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minutebook",
        description="Turn local-government committee papers into structured, searchable records.",
    )
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    common = argparse.ArgumentParser(add_help=False)  # --debug after the command too, unset unless given there
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ingest = commands.add_parser("ingest", parents=[common], help="read papers and write one JSON document per input",
                                 description="Read agenda packs, minutes and reports (files or folders) and "
                                             "write OUT/<name>.json for each plus OUT/ingest-report.json.")
    ingest.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=f"files or folders to read (default: {DEFAULT_CORPUS}/)")
    ingest.add_argument("--out", type=Path, default=DEFAULT_OUTPUTS, metavar="DIR",
                        help=f"where to write outputs (default: {DEFAULT_OUTPUTS}/)")
    ingest.add_argument("--quiet", action="store_true", help="print only errors and the summary line")
    ingest.add_argument("--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="parse documents in N worker processes (default: the number of cores; output is the same)")
    ingest.add_argument("--engine", default="local", choices=ENGINES,
                        help="local: a process pool on this machine (default); dask: a Dask cluster "
                             "(pip install 'minutebook[dask]'; output is the same)")
    ingest.add_argument("--scheduler", metavar="ADDRESS",
                        help="with --engine dask: the scheduler to use, e.g. tcp://10.0.0.5:8786 "
                             "(default: a local cluster of --jobs workers)")
    ingest.add_argument("--ocr", action="store_true",
                        help="read PDF pages that have no readable text layer with Tesseract (apt-get install tesseract-ocr)")
    ingest.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"fail a paper that takes longer than SECONDS to read and parse, and go on "
                             f"(default: {DEFAULT_TIMEOUT:g})")
    ingest.add_argument("--prune", action="store_true",
                        help="forget stored documents whose files are gone (their rows and their JSON)")
    ingest.add_argument("--wait", type=float, default=10.0, metavar="SECONDS",
                        help="when another ingest is writing --out, wait up to SECONDS for it to end, "
                             "then give up (default: 10)")

    schema = commands.add_parser("schema", parents=[common], help="write the JSON Schema of a Document",
                                 description="Write the JSON Schema that every output document validates against.")
    schema.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help=f"where to write it (default: {DEFAULT_SCHEMA}, under the working directory; "
                             "'-' for stdout)")

    check = commands.add_parser("check", parents=[common], help="the clerk's view of one pack, with its warnings",
                                description="Read one agenda pack and show its meeting, each agenda item with the "
                                            "report or minutes the pack holds for it, and every warning. "
                                            "Exit 0 when there are no warnings, 1 otherwise.")
    check.add_argument("pack", type=Path, metavar="PACK", help="the agenda pack to check")

    search = commands.add_parser("search", parents=[common], help="full-text search of resolutions, items, interventions, reports",
                                 description="Search the store written by `minutebook ingest`. The query is FTS5: "
                                             "\"exact phrase\", prefix*, AND, OR, NOT. Newest first unless --rank.")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--in", dest="within", default="all", choices=["all", *SEARCHABLE],
                        help="which records to search (default: all)")
    search.add_argument("--body", metavar="TEXT", help="only bodies (committees) whose name contains TEXT")
    search.add_argument("--since", metavar="DATE", help="only records dated on or after DATE (YYYY-MM-DD)")
    search.add_argument("--until", metavar="DATE", help="only records dated on or before DATE (YYYY-MM-DD)")
    search.add_argument("--person", metavar="NAME", help="only records where NAME spoke, promised or wrote")
    search.add_argument("--limit", type=int, default=20, metavar="N", help="at most N results (default: 20)")
    search.add_argument("--rank", action="store_true", help="best match first (bm25) instead of newest first")
    search.add_argument("--rank-window", type=int, default=20_000, metavar="N",
                        help="with --rank, score the newest N matches (default: 20000; 0 scores every match, slower)")
    search.add_argument("--json", action="store_true", help="print JSON instead of a table")
    search.add_argument("--out", type=Path, default=DEFAULT_OUTPUTS, metavar="DIR",
                        help=f"the ingest output folder holding minutebook.sqlite (default: {DEFAULT_OUTPUTS}/)")

    export = commands.add_parser("export", parents=[common], help="every row of a table, as JSON lines or CSV, for bulk use",
                                 description="Write one table of the store to standard output.")
    export.add_argument("--table", default="resolutions", choices=EXPORT_TABLES, help="which table (default: resolutions)")
    export.add_argument("--format", default="jsonl", choices=["jsonl", "csv"], help="jsonl (default) or csv")
    export.add_argument("--out", type=Path, default=DEFAULT_OUTPUTS, metavar="DIR",
                        help=f"the ingest output folder holding minutebook.sqlite (default: {DEFAULT_OUTPUTS}/)")

    for name, helptext in (("who-asked", "every intervention by a person across the archive, newest first"),
                           ("person", "one person across the archive: names, roles, meetings, what they said and promised")):
        sub = commands.add_parser(name, parents=[common], help=helptext, description=helptext.capitalize() + ". Reads DIR/*.json "
                                  "written by `minutebook ingest`. Exit 1 when nothing is found.")
        sub.add_argument("name", metavar="NAME", help="'Patel', 'J Jones', 'Councillor Smith'")
        sub.add_argument("--out", type=Path, default=DEFAULT_OUTPUTS, metavar="DIR",
                         help=f"the ingest output folder to read (default: {DEFAULT_OUTPUTS}/)")
        sub.add_argument("--json", action="store_true", help="print JSON instead of a table")

    show = commands.add_parser("show", parents=[common], help="one record on its source page, the words highlighted",
                               description="Show where a record of the store came from: its file, page, printed page and "
                                           "lines, its verbatim text (or the lines around it, marked), and with --png the "
                                           "PDF page with its words highlighted. Exit 1 when the record or its source "
                                           "cannot be found.")
    show.add_argument("record_id", metavar="RECORD_ID", help="a record's id in the store (the id column in Datasette or export)")
    show.add_argument("--out", type=Path, default=DEFAULT_OUTPUTS, metavar="DIR",
                      help=f"the ingest output folder holding minutebook.sqlite (default: {DEFAULT_OUTPUTS}/)")
    show.add_argument("--png", type=Path, metavar="FILE",
                      help="write the page with the words highlighted to FILE (a span over a page break: FILE-2.png, ...)")

    return parser


class Screens:
    """Standard output and standard error as rich consoles, each made (and rich imported) the
    first time a command prints through it: a query that prints JSON, or export, never pays for
    rich."""

    @cached_property
    def out(self):
        from rich.console import Console

        return Console()

    @cached_property
    def err(self):
        from rich.console import Console

        return Console(stderr=True)


def _summary_table(totals: dict[str, int]):
    from rich.table import Table

    table = Table(title="minutebook ingest", show_header=False, box=None, padding=(0, 2))
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("documents", totals["documents"]), ("meetings", totals.get("meetings", 0)),
        ("agenda items", totals.get("agenda_items", 0)), ("minutes items", totals.get("items", 0)),
        ("resolutions", totals.get("resolutions", 0)), ("people", totals.get("distinct_people", 0)),
        ("warnings", totals.get("warnings", 0)), ("failures", totals["failed"]),
    ]
    for what, count in rows:
        table.add_row(what, str(count), style="red" if what == "failures" and count else None)
    return table


def command_ingest(args: argparse.Namespace, screens: Screens) -> int:
    import importlib.util
    import sqlite3

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from extract.batch.ingest import run_ingest
    from extract.storing.lock import OutputBusy

    paths = args.paths or [DEFAULT_CORPUS]
    if args.jobs < 1:
        return _usage_error("--jobs must be at least 1")
    if args.wait < 0:
        return _usage_error("--wait must be at least 0")
    if not 0 < args.timeout < float("inf"):
        return _usage_error("--timeout must be a number of seconds above 0")
    if args.out.exists() and not args.out.is_dir():
        return _usage_error(f"--out {args.out}: is a file, not a folder")
    if args.scheduler and args.engine != "dask":
        return _usage_error("--scheduler needs --engine dask")
    if args.engine == "dask" and importlib.util.find_spec("distributed") is None:
        return _usage_error(DASK_MISSING)
    if not args.paths and not DEFAULT_CORPUS.is_dir():
        screens.err.print(f"minutebook: error: no PATH given and no {DEFAULT_CORPUS}/ folder here; "
                     "run from the project folder or name the papers to read", markup=False, soft_wrap=True)
        return 2
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=screens.err, transient=True,
                        disable=args.quiet or not screens.err.is_terminal)  # off a terminal it would leave a blank line
    with progress:
        task = progress.add_task("", total=None)

        def started(count: int) -> None:
            progress.update(task, total=count)

        def advanced(outcome) -> None:
            progress.update(task, advance=1, description=Path(outcome.source).name)
            if outcome.status == "failed":
                progress.console.print(f"minutebook: {outcome.source}: {'; '.join(outcome.reasons)}", markup=False,
                                       style="red", soft_wrap=True, highlight=False)

        try:
            result = run_ingest(paths, args.out, on_progress=advanced, on_start=started, prune_missing=args.prune,
                                jobs=args.jobs, ocr=args.ocr, engine=args.engine, scheduler=args.scheduler,
                                wait=args.wait, timeout=args.timeout)
        except OutputBusy as busy:
            return _usage_error(str(busy))
        except sqlite3.Error as error:  # the store is the only database an ingest opens
            raise StoreError.of(args.out / STORE_NAME, error) from error
        except OSError as error:  # the disk filled, say, while writing the manifest or the report
            screens.err.print(f"minutebook: error: cannot write {error.filename or args.out}: {error.strerror or error}; "
                         "papers finished so far are kept, run again to finish", markup=False, soft_wrap=True)
            return 1
    totals = result.totals
    if not args.quiet:
        screens.out.print(_summary_table(totals))
        for outcome in result.outcomes:
            if outcome.status == "partial":
                screens.out.print(f"[yellow]partial[/] {outcome.source}: {'; '.join(outcome.reasons)}", highlight=False)
    screens.out.print(f"{totals['documents']} documents: {totals['ok']} ok, {totals['partial']} partial, "
                  f"{totals['failed']} failed ({result.changed} read, {result.unchanged} unchanged"
                  + (f", {result.moved} moved" if result.moved else "")
                  + (f", {len(result.pruned)} pruned" if result.pruned else "")
                  + f"); report in {args.out / 'ingest-report.json'}", highlight=False)
    return 1 if totals["failed"] else 0


def command_schema(args: argparse.Namespace, screens: Screens) -> int:
    from extract.storing.output import write_atomic
    from schemas.export import document_schema_json

    text = document_schema_json()
    if args.out is not None and str(args.out) == "-":
        sys.stdout.write(text)
        return 0
    target = args.out or DEFAULT_SCHEMA
    write_atomic(target, text)
    screens.out.print(f"wrote {target}", highlight=False)
    return 0


def command_check(args: argparse.Namespace, screens: Screens) -> int:
    from extract.normalising.checks import check_pack
    from extract.pipeline import process_path
    from extract.commands.views import pack_view

    try:
        document = process_path(args.pack, str(args.pack))
    except MinutebookError as error:
        screens.err.print(f"minutebook: {error}", markup=False, soft_wrap=True)
        return 1
    screens.out.print(pack_view(document, check_pack(document)))
    return 1 if document.warnings else 0


def command_who_asked(args: argparse.Namespace, screens: Screens) -> int:
    import json

    from extract.querying.queries import Wanted, interventions_by
    from extract.commands.views import said_table

    with _reading(args.out) as db:
        rows = interventions_by(Wanted.parse(args.name), db)
    if args.json:
        sys.stdout.write(json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False) + "\n")
    elif rows:
        screens.out.print(said_table(f"{len(rows)} intervention(s) by {args.name}", rows))
    else:
        screens.err.print(f"minutebook: no interventions by {args.name} in {args.out}/", soft_wrap=True)
    return 0 if rows else 1


def command_person(args: argparse.Namespace, screens: Screens) -> int:
    import json

    from extract.querying.queries import Wanted, actions_by, interventions_by, people_matching
    from extract.commands.views import person_panel, said_table

    with _reading(args.out) as db:
        people = people_matching(Wanted.parse(args.name), db)
        if not people:
            screens.err.print(f"minutebook: nobody matching {args.name} in {args.out}/; run `minutebook ingest` first?",
                              soft_wrap=True)
            return 1
        if args.json:
            payload = []
            for person in people:
                exact = Wanted(person.surname, person.initials)
                payload.append({"person": person.model_dump(mode="json"),
                                "interventions": [r.as_dict() for r in interventions_by(exact, db)],
                                "actions": [r.as_dict() for r in actions_by(exact, db)]})
            sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
            return 0
        for person in people:
            exact = Wanted(person.surname, person.initials)
            screens.out.print(person_panel(person))
            said = interventions_by(exact, db)
            if said:
                screens.out.print(said_table(f"what {person.name} said", said))
            promised = actions_by(exact, db)
            if promised:
                screens.out.print(said_table(f"what {person.name} promised", promised))
    return 0


def _reading(out: Path):
    """The store in out, open read-only for a query."""
    from extract.storing.reader import open_read_only

    return open_read_only(out / STORE_NAME)


def command_search(args: argparse.Namespace, screens: Screens) -> int:
    import json

    from extract.querying.search import SearchError, search

    if args.limit < 1:
        return _usage_error("--limit must be at least 1")
    tables = None if args.within == "all" else [args.within]
    with _reading(args.out) as db:
        try:
            hits = search(db, args.query, tables, body=args.body, since=args.since, until=args.until,
                          person=args.person, limit=args.limit, ranked=args.rank, rank_window=args.rank_window)
        except SearchError as error:
            screens.err.print(f"minutebook: search: {error}", markup=False, soft_wrap=True)
            return 2
    if args.json:
        sys.stdout.write(json.dumps([hit.as_dict() for hit in hits], indent=2, ensure_ascii=False) + "\n")
    elif hits:
        from extract.commands.hits import print_hits

        print_hits(args.query, hits)
        if hits.windowed:
            print(f"ranked among the newest {args.rank_window:,} matches in {', '.join(hits.windowed)} "
                  "(--rank-window 0 ranks every match)", file=sys.stderr)
    else:
        screens.err.print(f"minutebook: nothing matches {args.query!r}", markup=False, soft_wrap=True)
    return 0 if hits else 1


def command_export(args: argparse.Namespace) -> int:
    import csv
    import json

    with _reading(args.out) as db:
        columns, cursor = db.table_rows(args.table)
        if args.format == "csv":
            writer = csv.writer(sys.stdout, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(cursor)
        else:
            for row in cursor:
                record = dict(zip(columns, row))
                if isinstance(record.get("record"), str):
                    record["record"] = json.loads(record["record"])
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


def command_show(args: argparse.Namespace) -> int:
    from extract.viewing.show import describe, view_record, write_pngs

    store = args.out / STORE_NAME
    view = view_record(store, args.record_id)
    for line in describe(view):
        print(line)
    if view.problem:
        return _say(f"error: {view.problem}", 1)
    if args.png is not None:
        if not view.pages:
            return _say(f"error: --png: {view.provenance.source} is not a PDF: its lines are shown above", 1)
        for path in write_pngs(view, args.png, store):
            print(f"wrote {path}")
    return 0


def _usage_error(message: str) -> int:
    return _say(f"error: {message}", 2)


def _say(message: str, code: int) -> int:
    """One plain line on stderr (never wrapped: a path stays whole) and the exit code to go with it."""
    print(f"minutebook: {message}", file=sys.stderr)
    return code


def _os_reason(error: OSError) -> str:
    """'<file>: <reason>' for an OSError, as the file's name and the system's words for it."""
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename is not None else reason


def main(argv: list[str] | None = None) -> int:
    """Run one command; whatever goes wrong ends as one line on stderr, with --debug as a traceback."""
    debug = False
    try:
        args = build_parser().parse_args(argv)
        debug = args.debug
        return _dispatch(args)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as command-line tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (KeyboardInterrupt, Exception) as error:
        if debug:
            raise
        return _say(*_one_line(error))


def _one_line(error: BaseException) -> tuple[str, int]:
    """What a user is told of the error that ended a command, and the exit code that goes with it."""
    if isinstance(error, KeyboardInterrupt):
        return "interrupted", 130
    if isinstance(error, MinutebookError):
        return f"error: {error}", 1
    if isinstance(error, OSError):
        return f"error: {_os_reason(error)}", 1
    return f"internal error: {type(error).__name__}: {error} (run with --debug for the traceback)", 1  # a bug


def _dispatch(args: argparse.Namespace) -> int:
    screens = Screens()
    if args.command == "ingest":
        return command_ingest(args, screens)
    if args.command == "schema":
        return command_schema(args, screens)
    if args.command == "search":
        return command_search(args, screens)
    if args.command == "export":
        return command_export(args)
    if args.command == "who-asked":
        return command_who_asked(args, screens)
    if args.command == "person":
        return command_person(args, screens)
    if args.command == "check":
        return command_check(args, screens)
    if args.command == "show":
        return command_show(args)
    return _usage_error(f"unknown command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
