"""What a user sees when something goes wrong: one line naming the file or option and the reason,
exit 2 for usage and 1 for a failure, 130 when interrupted; never a traceback (--debug shows it).

Permissions are tested honestly, not by patching: as root, chmod 000 does not stop reading, so
those tests run `minutebook` in a subprocess whose capabilities to override file permissions
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) are dropped with setpriv; as any other user, directly.
A full disk is caused by making the write itself fail with ENOSPC, as a full disk makes it fail.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.commands.cli import main
from extract.storing.store import STORE_NAME, Store
from schemas.export import document_schema_json
from tests.helpers import CORPUS, DOCUMENTS, run_cli

MINUTEBOOK = Path(sys.executable).parent / "minutebook"
MINUTES = DOCUMENTS / "borough_planning_minutes_2024-03-05.txt"
PACK = next(CORPUS.glob("*2017-10-31*"))


def one_error_line(stderr: str, *names: object) -> str:
    """The single line stderr holds, checked to name each of names and to carry no traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert lines[0].startswith("minutebook: "), stderr
    for name in names:
        assert str(name) in lines[0], (name, stderr)
    return lines[0]


def without_permission_override() -> list[str]:
    """The command prefix that makes file permissions bind: nothing as a user, setpriv as root."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv is not installed: chmod cannot stop root reading")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-dac_override,-dac_read_search"]


def run_as_user(args: list[object], cwd: Path) -> subprocess.CompletedProcess:
    """`minutebook args` as a user bound by file permissions."""
    return subprocess.run([*without_permission_override(), str(MINUTEBOOK), *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("archive")
    assert main(["ingest", str(CORPUS), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture
def not_a_database(tmp_path) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    (out / STORE_NAME).write_text("these are the minutes of the meeting, not a database\n")
    return out


QUERIES = [["search", "police"], ["export"], ["who-asked", "Crute"], ["person", "Crute"]]


# --- the output folder and the disk ---------------------------------------------------------

def test_out_naming_a_file_is_a_usage_error(tmp_path, capsys):
    afile = tmp_path / "outputs"
    afile.write_text("")
    code, _, stderr = run_cli(["ingest", MINUTES, "--out", afile], capsys)
    assert code == 2
    one_error_line(stderr, "--out", afile, "is a file")


def test_an_out_that_cannot_be_written_is_one_line(tmp_path):
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0o555)
    for out in (closed, closed / "new"):  # an existing folder, and one that cannot be made
        result = run_as_user(["ingest", MINUTES, "--out", out, "--quiet"], tmp_path)
        assert result.returncode == 1, result.stderr
        one_error_line(result.stderr, out)


def test_a_full_disk_when_writing_the_report_is_one_line_and_loses_nothing(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    assert run_cli(["ingest", MINUTES, "--out", out, "--quiet"], capsys)[0] == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.json")}

    def disk_full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("extract.storing.output.os.fsync", disk_full)
    shutil.copy(PACK, tmp_path / "pack.txt")
    code, _, stderr = run_cli(["ingest", MINUTES, tmp_path / "pack.txt", "--out", out, "--quiet"], capsys)
    assert code == 1
    lines = stderr.splitlines()
    assert "Traceback" not in stderr and len(lines) == 2, stderr
    assert "pack.txt" in lines[0] and "No space left" in lines[0]  # the new paper could not be written...
    assert lines[1] == (f"minutebook: error: cannot write {out / 'ingest-report.json'}: No space left on device; "
                        "papers finished so far are kept, run again to finish")  # ...nor the report
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == before  # what was written is all still there
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # and no temporary is left


# --- the store --------------------------------------------------------------------------------

def test_a_store_locked_by_another_writer_is_one_line_naming_it(archive, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(archive, out)
    writer = sqlite3.connect(out / STORE_NAME, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another ingest, holding the store past SQLite's 5 s wait
    try:
        code, _, stderr = run_cli(["ingest", MINUTES, "--out", out, "--quiet"], capsys)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert code == 1
    one_error_line(stderr, out / STORE_NAME, "locked")


def test_a_file_that_is_not_a_database_is_one_line_for_every_command(not_a_database, capsys):
    store = not_a_database / STORE_NAME
    for command in [*QUERIES, ["ingest", MINUTES, "--quiet"]]:
        code, _, stderr = run_cli([*command, "--out", not_a_database], capsys)
        assert code == 1, command
        one_error_line(stderr, store, "not a database")


def test_a_read_only_store_answers_every_query_and_ingest_says_it_cannot_write(archive, tmp_path):
    out = tmp_path / "shelf"
    shutil.copytree(archive, out)
    (out / STORE_NAME).chmod(0o444)
    out.chmod(0o555)  # a read-only folder too: SQLite cannot make its -shm file beside the store
    for command in QUERIES:
        result = run_as_user([*command, "--out", out], tmp_path)
        assert result.returncode == 0 and result.stdout and not result.stderr, (command, result.stderr)
    result = run_as_user(["ingest", MINUTES, "--out", out, "--quiet"], tmp_path)
    assert result.returncode == 1
    one_error_line(result.stderr, out / STORE_NAME, "read-only")


def test_a_query_blames_the_query_only_when_it_is_the_query(archive, capsys):
    code, _, stderr = run_cli(["search", '"unclosed', "--out", archive], capsys)
    assert code == 2
    one_error_line(stderr, "cannot read the query")


def test_a_blank_person_is_a_usage_error_naming_the_option(archive, capsys):
    code, _, stderr = run_cli(["search", "police", "--person", " ", "--out", archive], capsys)
    assert code == 2
    one_error_line(stderr, "--person")


# --- --debug and Ctrl-C -----------------------------------------------------------------------

@pytest.mark.parametrize("where", ["before", "after"])
def test_debug_before_or_after_the_command_shows_the_traceback(not_a_database, where, capsys):
    command = ["export", "--out", str(not_a_database)]
    argv = ["--debug", *command] if where == "before" else [*command, "--debug"]
    with pytest.raises(sqlite3.DatabaseError):  # the StoreError's cause, with its traceback
        try:
            main(argv)
        except Exception as error:
            raise error.__cause__ or error
    assert run_cli(command, capsys)[0] == 1  # without --debug, one line


def test_ctrl_c_mid_document_is_one_line_and_the_store_keeps_what_it_had(tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(MINUTES, papers / "a.txt")
    shutil.copy(PACK, papers / "b.txt")
    insert_rows = Store.insert_rows

    def interrupted_in_b(self, rows):
        rows = list(rows)
        if rows and rows[0][1]["source"].endswith("b.txt"):
            insert_rows(self, rows[:3])  # part of b's rows are in when Ctrl-C comes
            raise KeyboardInterrupt
        insert_rows(self, rows)

    monkeypatch.setattr(Store, "insert_rows", interrupted_in_b)
    code, _, stderr = run_cli(["ingest", papers, "--out", out, "--jobs", "1", "--quiet"], capsys)
    assert code == 130 and stderr == "minutebook: interrupted\n"
    db = sqlite3.connect(out / STORE_NAME)
    assert [row[0] for row in db.execute("SELECT source FROM documents")] == [str(papers / "a.txt")]
    assert not db.execute("SELECT count(*) FROM meetings WHERE source LIKE '%b.txt'").fetchone()[0]  # rolled back
    db.close()
    (written,) = out.glob("a-*.json")  # the paper stored before the interrupt has its JSON
    json.loads(written.read_text())
    monkeypatch.undo()
    assert run_cli(["ingest", papers, "--out", out, "--quiet"], capsys)[0] == 0  # the next run finishes it


def _interruptible(args: list[str], cwd: Path) -> subprocess.Popen:
    """minutebook in a session of its own with Ctrl-C's default (a shell's background job ignores it)."""
    return subprocess.Popen([str(MINUTEBOOK), *args], cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def test_ctrl_c_with_workers_is_one_line_exit_130_and_every_written_json_whole(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    for copy in range(30):
        for paper in CORPUS.glob("*.txt"):
            shutil.copy(paper, papers / f"{paper.stem}-{copy}.txt")
    out = tmp_path / "out"
    process = _interruptible(["ingest", str(papers), "--out", str(out), "--jobs", "2"], tmp_path)
    manifest = out / "ingest-manifest.jsonl"
    deadline = time.monotonic() + 60
    while not (manifest.is_file() and manifest.read_text().count("\n") >= 3) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C: to the whole process group, workers too
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and stderr == "minutebook: interrupted\n", stderr
    written = list(out.glob("*.json"))
    assert 3 <= len(written) < 150
    for path in written:
        json.loads(path.read_text())


def test_ctrl_c_leaves_idle_workers_silent(tmp_path):
    script = ("import sys, time\n"
              "from extract.batch.engines import parse_local\n"
              "try:\n"
              "    for parsed in parse_local(len, ['a', 'bb'], 2):\n"
              "        print(parsed.result, flush=True)\n"
              "    time.sleep(60)\n"
              "except KeyboardInterrupt:\n"
              "    print('interrupted', file=sys.stderr)\n")
    process = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parent.parent, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    process.stdout.readline()
    process.stdout.readline()  # both parsed: the workers wait for work that does not come
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=30)
    assert stderr == "interrupted\n"  # and no worker's traceback


# --- folders ----------------------------------------------------------------------------------

def test_broken_links_and_link_loops_are_each_named_in_the_report(tmp_path, capsys):
    papers = tmp_path / "papers"
    (papers / "sub").mkdir(parents=True)
    shutil.copy(MINUTES, papers / "sub" / "minutes.txt")
    (papers / "gone.txt").symlink_to("nowhere.txt")
    (papers / "self").symlink_to("self")
    (papers / "sub" / "up").symlink_to("..")
    out = tmp_path / "out"
    code, _, stderr = run_cli(["ingest", papers, "--out", out, "--quiet"], capsys)
    assert code == 1 and "Traceback" not in stderr
    report = {entry["source"]: entry for entry in json.loads((out / "ingest-report.json").read_text())["documents"]}
    assert report[str(papers / "gone.txt")]["reasons"] == ["broken link to nowhere.txt"]
    assert "link loop" in report[str(papers / "self")]["reasons"][0]
    assert "link loop" in report[str(papers / "sub" / "up")]["reasons"][0]
    assert report[str(papers / "sub" / "minutes.txt")]["status"] == "ok"
    for source in (papers / "gone.txt", papers / "self", papers / "sub" / "up"):
        assert len([line for line in stderr.splitlines() if line.startswith(f"minutebook: {source}:")]) == 1


def test_a_link_to_a_folder_elsewhere_is_followed(tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(MINUTES, elsewhere / "minutes.txt")
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "2024").symlink_to(elsewhere)
    code, _, _ = run_cli(["ingest", papers, "--out", tmp_path / "out", "--quiet"], capsys)
    assert code == 0 and len(list((tmp_path / "out").glob("minutes-*.json"))) == 1


def test_an_unreadable_sub_folder_is_named_and_the_rest_is_read(tmp_path):
    papers = tmp_path / "papers"
    (papers / "locked").mkdir(parents=True)
    shutil.copy(MINUTES, papers / "minutes.txt")
    shutil.copy(PACK, papers / "locked" / "pack.txt")
    (papers / "locked").chmod(0)
    out = tmp_path / "out"
    result = run_as_user(["ingest", papers, "--out", out, "--quiet"], tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[0] == f"minutebook: {papers / 'locked'}: cannot read folder: Permission denied"
    assert len(list(out.glob("minutes-*.json"))) == 1


def test_an_unreadable_folder_given_as_the_path_says_it_cannot_be_read(tmp_path):
    papers = tmp_path / "papers"
    papers.mkdir()
    shutil.copy(MINUTES, papers / "minutes.txt")
    papers.chmod(0)
    result = run_as_user(["ingest", papers, "--out", tmp_path / "out", "--quiet"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == f"minutebook: {papers}: cannot read folder: Permission denied"
    assert "holds no documents" not in result.stderr


# --- schema -----------------------------------------------------------------------------------

def test_schema_without_out_writes_under_the_working_directory(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, stdout, _ = run_cli(["schema"], capsys)
    assert code == 0 and "schemas/minutebook.schema.json" in stdout
    assert (tmp_path / "schemas" / "minutebook.schema.json").read_text() == document_schema_json()


def test_schema_out_naming_a_folder_is_one_line(tmp_path, capsys):
    code, _, stderr = run_cli(["schema", "--out", tmp_path], capsys)
    assert code == 1
    one_error_line(stderr, tmp_path, "Is a directory")
