"""The minutebook command: ingest a batch with bad input in it, exit codes, determinism, help."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from extract.commands.cli import build_parser, main
from tests.helpers import CORPUS, DOCUMENTS, ROOT, store_rows
from tests.helpers import run_cli as run


@pytest.fixture
def batch(tmp_path):
    """A folder with two good papers and every kind of bad input."""
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(next(CORPUS.glob("*2017-10-31*")), papers / "pack.txt")
    shutil.copy(DOCUMENTS / "borough_planning_minutes_2024-03-05.txt", papers / "minutes.txt")
    (papers / "empty.txt").write_bytes(b"")
    (papers / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (papers / "ebcdic.txt").write_bytes("Minutes of the meeting of the committee".encode("cp500"))
    (papers / "README.md").write_text("# not a paper\n")
    return papers


def test_a_batch_with_bad_files_processes_the_good_ones_and_names_each_bad_one(batch, tmp_path, capsys):
    out = tmp_path / "out"
    missing = tmp_path / "missing.txt"
    empty_dir = tmp_path / "nothing-here"
    empty_dir.mkdir()
    code, stdout, stderr = run(["ingest", batch, missing, empty_dir, "--out", out], capsys)
    assert code == 1
    for name, reason in [("empty.txt", "empty file"), ("binary.txt", "binary file"), ("ebcdic.txt", "unknown text encoding"),
                         ("missing.txt", "no such file"), ("nothing-here", "holds no documents")]:
        lines = [line for line in stderr.splitlines() if name in line]
        assert len(lines) == 1 and reason in lines[0], (name, stderr)
    report = json.loads((out / "ingest-report.json").read_text())
    outputs = sorted(entry["output"] for entry in report["documents"] if entry["output"])
    assert [name.split("-")[0] for name in outputs] == ["minutes", "pack"]
    assert sorted(p.name for p in out.iterdir()) == sorted(["ingest-manifest.jsonl", "ingest-report.json", "ingest.lock",
                                                            "minutebook.sqlite", "people.json", *outputs])
    statuses = {entry["source"].rsplit("/", 1)[-1]: entry["status"] for entry in report["documents"]}
    assert statuses == {"pack.txt": "ok", "minutes.txt": "ok", "empty.txt": "failed", "binary.txt": "failed",
                        "ebcdic.txt": "failed", "missing.txt": "failed", "nothing-here": "failed"}
    assert report["totals"]["failed"] == 5 and report["totals"]["ok"] == 2
    assert "2 ok" in stdout and "5 failed" in stdout


def test_all_good_exits_zero_and_output_is_byte_identical_across_runs(tmp_path, capsys):
    first_out, second_out = tmp_path / "a", tmp_path / "b"
    assert run(["ingest", CORPUS, DOCUMENTS, "--out", first_out, "--quiet"], capsys)[0] == 0
    assert run(["ingest", CORPUS, DOCUMENTS, "--out", second_out, "--quiet"], capsys)[0] == 0
    first = {p.name: p.read_bytes() for p in first_out.glob("*.json")}
    second = {p.name: p.read_bytes() for p in second_out.glob("*.json")}
    assert len(first) == len(list(CORPUS.glob("*.txt"))) + len(list(DOCUMENTS.iterdir())) + 2  # + report, people
    assert first.keys() == second.keys()
    for name in first:
        assert first[name] == second[name], name
    assert store_rows(first_out) == store_rows(second_out)  # the store holds the same rows, in the same order


def test_a_failed_document_leaves_earlier_output_in_place_and_no_temporary_files(tmp_path, capsys):
    paper = tmp_path / "paper.txt"
    shutil.copy(DOCUMENTS / "borough_planning_minutes_2024-03-05.txt", paper)
    out = tmp_path / "out"
    assert run(["ingest", paper, "--out", out], capsys)[0] == 0
    (output,) = out.glob("paper-*.json")
    before = output.read_bytes()
    paper.write_bytes(b"\x00" * 64)  # the paper is later corrupted
    assert run(["ingest", paper, "--out", out], capsys)[0] == 1
    assert output.read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_output_names_that_collide_are_made_unique(tmp_path, capsys):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    shutil.copy(DOCUMENTS / "borough_planning_minutes_2024-03-05.txt", tmp_path / "a" / "minutes.txt")
    shutil.copy(DOCUMENTS / "little_wickham_parish_minutes_2024-01-08.txt", tmp_path / "b" / "minutes.txt")
    run(["ingest", tmp_path / "a", tmp_path / "b", "--out", tmp_path / "out"], capsys)
    assert len(list((tmp_path / "out").glob("minutes*.json"))) == 2


def test_usage_errors_exit_two(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["ingest", "--no-such-option"])
    assert raised.value.code == 2
    with pytest.raises(SystemExit) as raised:
        main([])
    assert raised.value.code == 2


def test_ingest_without_arguments_outside_the_project_is_a_usage_error(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, stderr = run(["ingest"], capsys)
    assert code == 2 and "no corpus/ folder" in stderr


def test_every_command_and_option_is_documented_in_help_and_readme():
    readme = (ROOT / "README.md").read_text()
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in subparsers.items():
        assert f"minutebook {name}" in readme, name
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in sub.format_help()
                    assert option in readme or option == "--quiet", (name, option)


def test_the_console_script_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "extract", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0 and "ingest" in result.stdout


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    out = tmp_path_factory.mktemp("archive")
    assert main(["ingest", str(CORPUS), "--out", str(out), "--quiet"]) == 0
    return out


def test_who_asked_lists_a_members_interventions_with_verbatim_text_and_line(archive, capsys):
    import json as json_module

    assert main(["who-asked", "Crute", "--out", str(archive), "--json"]) == 0
    rows = json_module.loads(capsys.readouterr().out)
    # three of his own and one shared with the Chairman ("The Chairman and Councillor Crute referred to")
    assert {row["date"] for row in rows} == {"2017-09-22"} and len(rows) == 4
    assert rows[0]["text"].startswith("Councillor Crute") and rows[0]["line_start"] > 100
    source = (ROOT / rows[0]["source"]).read_text(encoding="utf-8")
    assert source[rows[0]["char_start"]:rows[0]["char_end"]].startswith("Councillor Crute")
    assert main(["who-asked", "Crute", "--out", str(archive)]) == 0
    assert "4 intervention(s) by Crute" in capsys.readouterr().out


def test_person_is_one_person_across_years(archive, capsys):
    import json as json_module

    assert main(["person", "J Charlton", "--out", str(archive), "--json"]) == 0
    (found,) = json_module.loads(capsys.readouterr().out)
    assert {m["date"][:4] for m in found["person"]["meetings"]} == {"2017", "2024"}
    assert {row["date"][:4] for row in found["interventions"]} == {"2017", "2024"}


def test_queries_say_plainly_when_there_is_nothing(archive, tmp_path, capsys):
    assert main(["who-asked", "Nobody", "--out", str(archive)]) == 1
    assert "no interventions by Nobody" in capsys.readouterr().err
    assert main(["who-asked", "Crute", "--out", str(tmp_path)]) == 1
    assert "run `minutebook ingest` first" in capsys.readouterr().err


def test_parallel_workers_give_the_same_output_as_one(tmp_path, capsys):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run(["ingest", CORPUS, DOCUMENTS, "--out", one, "--jobs", "1", "--quiet"], capsys)[0] == 0
    assert run(["ingest", CORPUS, DOCUMENTS, "--out", two, "--jobs", "2", "--quiet"], capsys)[0] == 0
    for path in sorted(one.glob("*.json")):
        assert path.read_bytes() == (two / path.name).read_bytes(), path.name
    assert store_rows(one) == store_rows(two)


def test_engine_dask_without_the_extra_says_how_to_install_it(monkeypatch, capsys, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    assert main(["ingest", str(CORPUS), "--out", str(tmp_path), "--engine", "dask"]) == 2
    assert "pip install 'minutebook[dask]'" in capsys.readouterr().err
    assert main(["ingest", str(CORPUS), "--out", str(tmp_path), "--scheduler", "tcp://h:8786"]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err


def test_who_asked_and_promised_from_the_store_are_exactly_what_the_documents_hold(tmp_path):
    """The queries read the store's rows, not the JSON; for every person who spoke or promised
    anything in the corpus and the other-style documents, they must find each intervention and
    action the documents attribute to that person, and nothing else."""
    import sqlite3

    from extract.batch.ingest import run_ingest
    from extract.querying.queries import Wanted, actions_by, interventions_by
    from extract.storing.reader import StoreReader
    from extract.storing.store import STORE_NAME
    from schemas import Document

    out = tmp_path / "out"
    result = run_ingest([CORPUS, DOCUMENTS], out)
    documents = [Document.model_validate_json((out / o.output).read_text()) for o in result.report.documents if o.output]
    items = [(m, i) for d in documents for m in d.meetings for i in m.items]
    speakers = {(s.speaker.surname, s.speaker.initials) for _, i in items for s in i.interventions if s.speaker}
    promisers = {(a.by.surname, a.by.initials) for _, i in items for a in i.actions if a.by}
    assert len(speakers) > 20 and len(promisers) > 3
    db = StoreReader(sqlite3.connect(out / STORE_NAME))
    for surname, initials in speakers | promisers:
        wanted = Wanted(surname, initials)
        said = sorted((s.text, s.span.char_start) for _, i in items for s in i.interventions if wanted.matches(s.speaker))
        assert sorted((r.text, r.span.char_start) for r in interventions_by(wanted, db)) == said, (surname, initials)
        promised = sorted(a.span.char_start for _, i in items for a in i.actions if wanted.matches(a.by))
        assert sorted(r.span.char_start for r in actions_by(wanted, db)) == promised, (surname, initials)
    db.db.close()
