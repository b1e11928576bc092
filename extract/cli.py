"""The `minutebook` command: ingest, schema, bench. Thin: the work is in the library modules.

Exit codes: 0 all went well, 1 some document failed (or a check found problems), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

DEFAULT_CORPUS = Path("corpus")
DEFAULT_OUTPUTS = Path("outputs")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="minutebook",
        description="Turn local-government committee papers into structured, searchable records.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    ingest = commands.add_parser("ingest", help="read papers and write one JSON document per input",
                                 description="Read agenda packs, minutes and reports (files or folders) and "
                                             "write OUT/<name>.json for each plus OUT/ingest-report.json.")
    ingest.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help=f"files or folders to read (default: {DEFAULT_CORPUS}/)")
    ingest.add_argument("--out", type=Path, default=DEFAULT_OUTPUTS, metavar="DIR",
                        help=f"where to write outputs (default: {DEFAULT_OUTPUTS}/)")
    ingest.add_argument("--quiet", action="store_true", help="print only errors and the summary line")

    schema = commands.add_parser("schema", help="write the JSON Schema of a Document",
                                 description="Write the JSON Schema that every output document validates against.")
    schema.add_argument("--out", type=Path, default=None, metavar="FILE",
                        help="where to write it (default: schemas/minutebook.schema.json; '-' for stdout)")

    check = commands.add_parser("check", help="the clerk's view of one pack, with its warnings",
                                description="Read one agenda pack and show its meeting, each agenda item with the "
                                            "report or minutes the pack holds for it, and every warning. "
                                            "Exit 0 when there are no warnings, 1 otherwise.")
    check.add_argument("pack", type=Path, metavar="PACK", help="the agenda pack to check")

    for name, helptext in (("who-asked", "every intervention by a person across the archive, newest first"),
                           ("person", "one person across the archive: names, roles, meetings, what they said and promised")):
        sub = commands.add_parser(name, help=helptext, description=helptext.capitalize() + ". Reads DIR/*.json "
                                  "written by `minutebook ingest`. Exit 1 when nothing is found.")
        sub.add_argument("name", metavar="NAME", help="'Crute', 'J Charlton', 'Councillor Maitland'")
        sub.add_argument("--out", type=Path, default=DEFAULT_OUTPUTS, metavar="DIR",
                         help=f"the ingest output folder to read (default: {DEFAULT_OUTPUTS}/)")
        sub.add_argument("--json", action="store_true", help="print JSON instead of a table")

    bench = commands.add_parser("bench", help="time the pipeline over a corpus",
                                description="Parse a corpus N times in memory and print documents/s, MB/s and peak memory.")
    bench.add_argument("paths", nargs="*", type=Path, metavar="PATH", help=f"files or folders (default: {DEFAULT_CORPUS}/)")
    bench.add_argument("--repeat", type=int, default=20, metavar="N", help="passes over the corpus (default: 20)")
    return parser


def _summary_table(report) -> Table:
    totals = report.totals
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


def command_ingest(args: argparse.Namespace, console: Console, errors: Console) -> int:
    from extract.ingest import run_ingest

    paths = args.paths or [DEFAULT_CORPUS]
    if not args.paths and not DEFAULT_CORPUS.is_dir():
        errors.print(f"minutebook: error: no PATH given and no {DEFAULT_CORPUS}/ folder here; "
                     "run from the project folder or name the papers to read", markup=False, soft_wrap=True)
        return 2
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        TextColumn("{task.description}"), console=errors, transient=True, disable=args.quiet)
    with progress:
        task = progress.add_task("", total=None)

        def started(count: int) -> None:
            progress.update(task, total=count)

        def advanced(outcome) -> None:
            progress.update(task, advance=1, description=Path(outcome.source).name)
            if outcome.status == "failed":
                progress.console.print(f"minutebook: {outcome.source}: {'; '.join(outcome.reasons)}", markup=False,
                                       style="red", soft_wrap=True, highlight=False)

        report = run_ingest(paths, args.out, on_progress=advanced, on_start=started)
    if not args.quiet:
        console.print(_summary_table(report))
        for outcome in report.documents:
            if outcome.status == "partial":
                console.print(f"[yellow]partial[/] {outcome.source}: {'; '.join(outcome.reasons)}", highlight=False)
    console.print(f"{report.totals['documents']} documents: {report.totals['ok']} ok, {report.totals['partial']} partial, "
                  f"{report.totals['failed']} failed; report in {args.out / 'ingest-report.json'}", highlight=False)
    return 1 if report.totals["failed"] else 0


def command_schema(args: argparse.Namespace, console: Console) -> int:
    from extract.output import write_atomic
    from schemas.export import SCHEMA_PATH, document_schema_json

    text = document_schema_json()
    if args.out is not None and str(args.out) == "-":
        sys.stdout.write(text)
        return 0
    target = args.out or SCHEMA_PATH
    write_atomic(target, text)
    console.print(f"wrote {target}", highlight=False)
    return 0


def command_check(args: argparse.Namespace, console: Console, errors: Console) -> int:
    from extract.checks import check_pack
    from extract.errors import MinutebookError
    from extract.pipeline import process_path
    from extract.views import pack_view

    try:
        document = process_path(args.pack, str(args.pack))
    except MinutebookError as error:
        errors.print(f"minutebook: {error}", markup=False, soft_wrap=True)
        return 1
    console.print(pack_view(document, check_pack(document)))
    return 1 if document.warnings else 0


def command_who_asked(args: argparse.Namespace, console: Console, errors: Console) -> int:
    import json

    from extract.queries import Wanted, archive, interventions_by
    from extract.views import said_table

    documents = archive(args.out)
    if not documents:
        errors.print(f"minutebook: no ingested documents in {args.out}/; run `minutebook ingest` first", soft_wrap=True)
        return 1
    rows = interventions_by(Wanted.parse(args.name), documents)
    if args.json:
        sys.stdout.write(json.dumps([row.as_dict() for row in rows], indent=2, ensure_ascii=False) + "\n")
    elif rows:
        console.print(said_table(f"{len(rows)} intervention(s) by {args.name}", rows))
    else:
        errors.print(f"minutebook: no interventions by {args.name} in {args.out}/", soft_wrap=True)
    return 0 if rows else 1


def command_person(args: argparse.Namespace, console: Console, errors: Console) -> int:
    import json

    from extract.queries import Wanted, actions_by, archive, interventions_by, people_matching
    from extract.views import person_panel, said_table

    wanted = Wanted.parse(args.name)
    people = people_matching(wanted, args.out)
    if not people:
        errors.print(f"minutebook: nobody matching {args.name} in {args.out}/people.json; run `minutebook ingest` first?",
                     soft_wrap=True)
        return 1
    documents = archive(args.out)
    if args.json:
        payload = []
        for person in people:
            exact = Wanted(person.surname, person.initials)
            payload.append({"person": person.model_dump(mode="json"),
                            "interventions": [r.as_dict() for r in interventions_by(exact, documents)],
                            "actions": [r.as_dict() for r in actions_by(exact, documents)]})
        sys.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
        return 0
    for person in people:
        exact = Wanted(person.surname, person.initials)
        console.print(person_panel(person))
        said = interventions_by(exact, documents)
        if said:
            console.print(said_table(f"what {person.name} said", said))
        promised = actions_by(exact, documents)
        if promised:
            console.print(said_table(f"what {person.name} promised", promised))
    return 0


def command_bench(args: argparse.Namespace, console: Console) -> int:
    from extract.bench import run_bench

    if args.repeat < 1:
        raise SystemExit(_usage_error("--repeat must be at least 1"))
    result = run_bench(args.paths or [DEFAULT_CORPUS], args.repeat)
    console.print(result.render(), highlight=False)
    return 0 if result.documents else 1


def _usage_error(message: str) -> int:
    print(f"minutebook: error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    console = Console()
    errors = Console(stderr=True)
    if args.command == "ingest":
        return command_ingest(args, console, errors)
    if args.command == "schema":
        return command_schema(args, console)
    if args.command == "who-asked":
        return command_who_asked(args, console, errors)
    if args.command == "person":
        return command_person(args, console, errors)
    if args.command == "check":
        return command_check(args, console, errors)
    if args.command == "bench":
        return command_bench(args, console)
    return _usage_error(f"unknown command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
