"""A paper is its resolved path and its bytes; one ingest writes an --out at a time.

Each test reproduces a fault found in review: a paper's JSON silently lost to another of the same
file name, the same paper stored twice under two spellings of its path, and two ingests into one
--out dropping each other's papers from the report and the manifest.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys

import pytest

from extract.commands.cli import main
from extract.batch.ingest import REPORT_NAME, run_ingest
from extract.storing.manifest import MANIFEST_NAME, read_manifest
from extract.querying.queries import Wanted, interventions_by
from extract.storing.reader import StoreReader
from extract.querying.search import search
from extract.storing.store import STORE_NAME
from tests.helpers import CORPUS, DOCUMENTS, ROOT

PACK_A = next(CORPUS.glob("*2017-10-31*"))
PACK_B = next(CORPUS.glob("*2024-04-16*"))


def _outputs_by_sha(out) -> dict[str, str]:
    """sha256 of the paper -> the output file that holds it, for every document JSON in out."""
    found = {}
    for path in out.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        if "sha256" in record and "meetings" in record:
            found[record["sha256"]] = path.name
    return found


def _sha(path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _ingest(capsys, *args) -> tuple[int, str, str]:
    code = main(["ingest", *map(str, args), "--quiet"])
    captured = capsys.readouterr()
    return code, " ".join(captured.out.split()), captured.err  # the summary line as one line, however wrapped


# -- finding 2: two papers of one file name in two folders ---------------------------------------------------

@pytest.fixture
def namesakes(tmp_path):
    """a/minutes.txt and b/minutes.txt: two different papers of one file name."""
    for folder, pack in (("a", PACK_A), ("b", PACK_B)):
        (tmp_path / folder).mkdir()
        shutil.copy(pack, tmp_path / folder / "minutes.txt")
    return tmp_path / "a", tmp_path / "b"


def test_papers_of_one_file_name_in_two_folders_keep_their_own_json_across_runs(namesakes, tmp_path, capsys):
    a, b = namesakes
    out = tmp_path / "out"
    assert _ingest(capsys, a, "--out", out)[0] == 0
    assert _ingest(capsys, b, "--out", out)[0] == 0
    code, stdout, _ = _ingest(capsys, a, b, "--out", out)
    assert code == 0 and "2 unchanged" in stdout
    held = _outputs_by_sha(out)
    assert {_sha(PACK_A), _sha(PACK_B)} <= held.keys(), "one paper's JSON was overwritten by the other's"
    assert held[_sha(PACK_A)] != held[_sha(PACK_B)]
    db = sqlite3.connect(out / STORE_NAME)
    stored = dict(db.execute("SELECT sha256, output FROM documents").fetchall())
    db.close()
    assert stored == {_sha(PACK_A): held[_sha(PACK_A)], _sha(PACK_B): held[_sha(PACK_B)]}


def test_output_names_do_not_depend_on_the_other_papers_of_a_run_or_their_order(namesakes, tmp_path, capsys):
    a, b = namesakes
    names = []
    for order, out in (((a, b), tmp_path / "ab"), ((b, a), tmp_path / "ba"), ((b,), tmp_path / "b-only")):
        assert _ingest(capsys, *order, "--out", out)[0] == 0
        names.append(_outputs_by_sha(out))
    assert names[0] == names[1]
    assert names[2] == {_sha(PACK_B): names[0][_sha(PACK_B)]}


def test_pruning_one_namesake_leaves_the_others_json(namesakes, tmp_path, capsys):
    a, b = namesakes
    out = tmp_path / "out"
    assert _ingest(capsys, a, "--out", out)[0] == 0
    assert _ingest(capsys, b, "--out", out)[0] == 0
    shutil.rmtree(b)
    code, stdout, _ = _ingest(capsys, a, "--out", out, "--prune")
    assert code == 0 and "1 pruned" in stdout
    assert _outputs_by_sha(out).keys() == {_sha(PACK_A)}


# -- finding 3: one paper, two spellings of its path ---------------------------------------------------------

def test_one_paper_under_other_spellings_of_its_path_is_stored_once(tmp_path, monkeypatch, capsys):
    shutil.copytree(CORPUS, tmp_path / "corpus")
    (tmp_path / "linked").symlink_to(tmp_path / "corpus")
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "out"
    assert _ingest(capsys, "corpus", "--out", out)[0] == 0
    db = sqlite3.connect(out / STORE_NAME)
    hits = len(search(StoreReader(db), "noted", limit=500))
    said = len(interventions_by(Wanted.parse("Crute"), StoreReader(db)))
    db.close()
    for spelling in (tmp_path / "corpus", "./corpus", "linked", "corpus/../corpus"):
        code, stdout, _ = _ingest(capsys, spelling, "--out", out)
        assert code == 0 and "(0 read, 5 unchanged)" in stdout, (spelling, stdout)
    db = sqlite3.connect(out / STORE_NAME)
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (5,)
    assert len(search(StoreReader(db), "noted", limit=500)) == hits
    assert len(interventions_by(Wanted.parse("Crute"), StoreReader(db))) == said > 0
    db.close()
    assert len(_outputs_by_sha(out)) == 5 and len(list(out.glob("*.json"))) == 5 + 2  # + report, people


def _parses_counted(calls: list[str]):
    from extract.batch.ingest import parse_file

    def parse(source: str):
        calls.append(source)
        return parse_file(source)
    return parse


def test_a_moved_paper_is_known_by_its_bytes_and_its_record_and_json_follow_it(tmp_path):
    before, after = tmp_path / "2017", tmp_path / "archive" / "2017"
    before.mkdir()
    for seed in sorted(CORPUS.glob("*.txt")):
        shutil.copy(seed, before / seed.name)
    out = tmp_path / "out"
    run_ingest([before], out)
    after.parent.mkdir()
    before.rename(after)
    calls: list[str] = []
    result = run_ingest([after], out, parse=_parses_counted(calls))
    assert calls == [] and result.changed == 0, "a moved paper was parsed again"
    fresh = tmp_path / "fresh"
    run_ingest([after], fresh)
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == {p.name: p.read_bytes() for p in fresh.glob("*.json")}
    db = sqlite3.connect(out / STORE_NAME)
    sources = {row[0] for row in db.execute("SELECT DISTINCT source FROM resolutions")}
    assert db.execute("SELECT count(*) FROM documents").fetchone() == (5,)
    db.close()
    assert sources and all(source.startswith(str(after.resolve())) for source in sources)
    assert set(read_manifest(out / MANIFEST_NAME)) == {str(p.resolve()) for p in after.glob("*.txt")}


# -- finding 6: two ingests into one --out --------------------------------------------------------------------

def test_a_report_and_manifest_describe_every_paper_the_store_holds(tmp_path, capsys):
    out = tmp_path / "out"
    assert _ingest(capsys, CORPUS, "--out", out)[0] == 0
    assert _ingest(capsys, DOCUMENTS, "--out", out)[0] == 0
    papers = len(list(CORPUS.glob("*.txt"))) + len(list(DOCUMENTS.iterdir()))
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert len(report["documents"]) == report["totals"]["documents"] == papers
    assert len(read_manifest(out / MANIFEST_NAME)) == papers


INGEST = [sys.executable, "-m", "extract", "ingest", "--quiet", "--jobs", "1"]


def test_two_ingests_into_one_out_at_once_lose_no_paper(tmp_path):
    out = tmp_path / "out"
    runs = [subprocess.Popen([*INGEST, str(paths), "--out", str(out), "--wait", "300"], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for paths in (CORPUS, DOCUMENTS)]
    for run in runs:
        _, stderr = run.communicate(timeout=300)
        assert run.returncode == 0, stderr
    papers = {str(p.resolve()) for p in [*CORPUS.glob("*.txt"), *DOCUMENTS.iterdir()]}
    report = json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))
    assert {entry["source"] for entry in report["documents"]} == papers
    assert set(read_manifest(out / MANIFEST_NAME)) == papers
    lines = (out / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["source"] for line in lines} == papers and len(lines) == len(papers)


HOLD = """
import sys, time
from pathlib import Path
from extract.storing.lock import hold_out
with hold_out(Path(sys.argv[1]), wait=0):
    print("held", flush=True)
    time.sleep(600)
"""


def _holder(out):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_an_ingest_into_an_out_being_written_is_refused_with_one_line(tmp_path, capsys):
    out = tmp_path / "out"
    holder = _holder(out)
    try:
        code, _, stderr = _ingest(capsys, CORPUS, "--out", out, "--wait", "0")
    finally:
        holder.kill()
        holder.wait()
    assert code == 2
    assert stderr.splitlines() == [f"minutebook: error: {out} is being written by another ingest (pid {holder.pid}); "
                                   "try again when it ends"]
    assert not (out / STORE_NAME).exists()


def test_a_killed_writer_leaves_no_stale_lock(tmp_path, capsys):
    out = tmp_path / "out"
    holder = _holder(out)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert _ingest(capsys, CORPUS, "--out", out, "--wait", "0")[0] == 0


def test_a_full_disk_while_writing_the_manifest_is_one_line_not_a_traceback(tmp_path, monkeypatch, capsys):
    import errno

    from extract.storing.manifest import Manifest

    def full(self, entry):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Manifest, "record", full)
    code, _, stderr = _ingest(capsys, CORPUS, "--out", tmp_path / "out")
    assert code == 1
    assert stderr.splitlines() == [f"minutebook: error: cannot write {tmp_path / 'out'}: No space left on device; "
                                   "papers finished so far are kept, run again to finish"]
