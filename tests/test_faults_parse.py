"""Faults in the parse: adversarial lines are parsed in bounded time, bad bytes lose no paper,
absurd lines give no absurd fields, and one slow paper cannot hold up a batch."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.parsing import names as people
from extract.commands.cli import main
from extract.batch.engines import TookTooLong, time_limit
from extract.batch.ingest import run_ingest
from extract.parsing import attendance, contacts, intervention_kinds, report_authors, votes
from extract.segmenting import header
from extract.pipeline import parse_source
from extract.reading.decode import read_text
from tests import worker_faults
from tests.helpers import CORPUS, ROOT

SECONDS_PER_EXAMPLE = 15  # a linear parse of a 100 kB line takes ~1-3 s here; a quadratic one, minutes


def bounded(call, *args):
    """call(*args), failing the test when it takes longer than SECONDS_PER_EXAMPLE."""
    try:
        with time_limit(SECONDS_PER_EXAMPLE):
            return call(*args)
    except TookTooLong as error:
        pytest.fail(f"{getattr(call, '__name__', call)}: {error}")


# Pieces of minutes that patterns look for, and characters patterns repeat: runs of them make
# a pattern with overlapping unbounded quantifiers try every split.
UNITS = [
    "Councillor", "Cllr", "Smith", "O'Brien", "Jones-Evans", "J.", "A", "Sir", "CBE", "Mr", "the", "of", "and",
    "&", ",", ", ", ";", ".", ":", "(", ")", "((", "))", "(Chair)", "-", " – ", "'", "’", "“", " ", "  ", "\t",
    "1.", "12", "2024", "May", "1 May 2024", "moved", "Moved by", "proposed", "seconded by", "motion",
    "amendment", "was", "carried", "lost", "unanimously", "For", "Against", "Abstain", "RESOLVED", "Present:",
    "Apologies", "substituted for", "meeting", "held", "on", "at", "Venue:", "Date:", "Report", "of", "by",
    "Tel", "0191 383", "E-mail", "@", "x.y", "Page", "Item", "Minute", "asked", "said", "would", "|", "---",
    "**", "#", "_", "É", "ŀ", "\u00a0", "\ufffd",
]
CONTEXTS = [
    "{line}\n",
    "Minutes of a meeting of the Cabinet held on 1 May 2024\n\n{line}\n",
    "Minutes of a meeting of the Cabinet held on 1 May 2024\n\nPRESENT: {line}\n\nCouncillor A Smith (Chair)\n",
    "Minutes of a meeting of the Cabinet held on 1 May 2024\n\nPRESENT:\n{line}\n\n1. Apologies for absence\n\n{line}\n",
    "Minutes of a meeting of the Cabinet held on 1 May 2024\n\n5. Budget report\n\n{line}\n\nRESOLVED that {line}\n",
    "Minutes of a meeting of the Cabinet held on 1 May 2024\n\n5. Budget\n\nRESOLVED\n{line}\n\n6. {line}\n",
    "Cabinet\n\nDate: Wednesday 1 May 2024\nTime: 10.00 am\nVenue: {line}\n\nAgenda\n\n1. {line}\n2. Minutes\n",
    "Report of the Director of Finance\n\nPurpose of the Report\n\n1. {line}\n\nRecommendations\n\n{line}\n\n"
    "Contact: {line}\n",
]


@st.composite
def adversarial_lines(draw) -> str:
    """A 20 or 100 kB run of one or two genre pieces repeated, or of a random mix of them."""
    length = draw(st.sampled_from([20_000, 100_000]))
    if draw(st.integers(0, 3)):
        pieces = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=2))
        unit = draw(st.sampled_from([" ", ""])).join(pieces)
    else:
        unit = " ".join(draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=200)))
    return (unit * (length // max(len(unit), 1) + 1))[:length]


LONG = [
    " ".join(["Councillor Smith Jones"] * 5000),
    ", ".join(["Councillor A B Smith"] * 5000),
    "(" * 50_000 + "Smith" + ")" * 50_000,
    "A " + " " * 100_000 + "and B",
    "Moved by Councillor " + "Smith Jones " * 8000 + "and",
    "COUNCILLOR SMITH " * 6000,
    "'" * 100_000,
    "Vice-" * 20_000,
    "Abc" * 30_000,
    "Smith and " * 10_000,
]


def _parse(text: str):
    return bounded(lambda: parse_source(read_text(text.encode(), "adversarial.txt")))


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(line=adversarial_lines(), context=st.sampled_from(CONTEXTS))
def test_any_adversarial_line_in_any_place_of_minutes_is_parsed_in_bounded_time(line, context):
    _parse(context.format(line=line))


@pytest.mark.parametrize("line", LONG, ids=range(len(LONG)))
def test_known_hard_lines_parse_in_bounded_time(line):
    """Lines that took minutes before (each in the places where it was slowest)."""
    for context in (CONTEXTS[3], CONTEXTS[4]):
        _parse(context.format(line=line))


# Each parser's entry point that reads free text, alone: a slow pattern shows here without the
# rest of the parse around it.
ENTRY_POINTS = {
    "names": people.parse_name_list,
    "name": people.parse_name,
    "labelled line": header.read_labelled_line,
    "meeting sentence": header.parse_meeting_sentence,
    "author": report_authors.parse_author,
    "contact": lambda text: contacts.contact_from(text, None),
    "speaker": lambda text: intervention_kinds.sentence_kinds(text),
    "attendance item": attendance.is_attendance_item,
    "vote patterns": lambda text: [pattern.search(text) for pattern in votes._patterns().values()],
}


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(line=adversarial_lines(), entry=st.sampled_from(sorted(ENTRY_POINTS)))
def test_every_parser_entry_point_reads_an_adversarial_line_in_bounded_time(line, entry):
    bounded(ENTRY_POINTS[entry], line)


# A hard time limit per document: the paper past it fails with that reason, the batch goes on,
# on both engines and with one job.

SLOW_DOCUMENT = "2017-10-31"  # a seed agenda pack, in the middle of the corpus's order


@pytest.mark.parametrize("engine, jobs", [("local", 1), ("local", 2), ("dask", 2)])
def test_a_paper_over_the_time_limit_fails_with_that_reason_and_the_batch_goes_on(engine, jobs, tmp_path, monkeypatch):
    monkeypatch.setenv(worker_faults.FATAL, SLOW_DOCUMENT)
    monkeypatch.setenv(worker_faults.SLEEP, "60")
    started = time.monotonic()
    result = run_ingest([CORPUS], tmp_path, jobs=jobs, engine=engine, parse=worker_faults.sleeps, timeout=2)
    assert time.monotonic() - started < 50  # not the 60 s the paper sleeps
    failed = [o for o in result.report.documents if o.status == "failed"]
    assert [SLOW_DOCUMENT in o.source for o in failed] == [True]
    assert failed[0].reasons == ["took longer than 2 s"]
    assert result.report.totals["ok"] == len(result.report.documents) - 1


def test_a_paper_stuck_in_c_code_is_killed_at_the_time_limit_and_fails_alone(tmp_path, monkeypatch):
    monkeypatch.setenv(worker_faults.FATAL, SLOW_DOCUMENT)
    # 5 s: well past a seed paper's own time on a loaded machine (at 1 s one sometimes failed too)
    result = run_ingest([CORPUS], tmp_path, jobs=2, parse=worker_faults.spins_in_c, timeout=5)
    failed = [o for o in result.report.documents if o.status == "failed"]
    assert [SLOW_DOCUMENT in o.source for o in failed] == [True]
    assert failed[0].reasons == ["took longer than 5 s"]
    assert result.report.totals["ok"] == len(result.report.documents) - 1


def test_ingest_takes_a_timeout_in_seconds_and_refuses_a_non_positive_one(tmp_path, capsys):
    assert main(["ingest", str(CORPUS), "--out", str(tmp_path), "--quiet", "--jobs", "1", "--timeout", "60"]) == 0
    for bad in ("0", "-1", "nan"):
        assert main(["ingest", str(CORPUS), "--out", str(tmp_path), "--timeout", bad]) == 2
        assert "--timeout" in capsys.readouterr().err


# Pool workers die with the ingest that started them, even when it is killed with SIGKILL.

SLOW_RUN = """
import sys
from pathlib import Path
from extract.batch.ingest import run_ingest
from tests.worker_faults import sleeps
run_ingest([Path(sys.argv[2])], Path(sys.argv[1]), jobs=2, parse=sleeps)
"""


def _children(pid: int) -> set[int]:
    """The pids whose parent is pid (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from Linux's /proc")
def test_kill_9_of_an_ingest_takes_its_pool_workers_with_it(tmp_path):
    env = {"PYTHONPATH": str(ROOT), worker_faults.FATAL: "durham", worker_faults.SLEEP: "120", "PATH": "/usr/bin:/bin"}
    run = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(tmp_path / "out"), str(CORPUS)], cwd=ROOT, env=env)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline:
            time.sleep(0.2)
            workers = {pid for pid in _children(run.pid) if _alive(pid)}
        assert len(workers) >= 2, "the ingest never started its two workers"
        run.kill()
        run.wait()
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(_alive(pid) for pid in workers)
    finally:
        run.kill()
        for pid in workers:  # orphans, if the test failed: end them here, not after 120 s of sleep
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


# One bad byte loses no paper; NUL is treated the same wherever it falls.

def _seed_pack() -> bytes:
    return next(CORPUS.glob("*2024-04-16*")).read_bytes()


@pytest.mark.parametrize("bad", [b"\xff", b"\x00"], ids=["0xFF", "NUL"])
@pytest.mark.parametrize("where", [100, 100_000], ids=["early", "late"])
def test_a_paper_with_a_stray_bad_byte_is_read_with_a_replacement_and_a_warning(bad, where):
    clean = _seed_pack()
    assert max(clean) > 0x7F  # UTF-8 beyond ASCII: read as cp1252 it would be mojibake
    where = clean.index(b"\n", where)  # early: in the first 64 KiB; late: far after
    data = clean[:where] + bad + clean[where:]
    source = read_text(data, "pack.txt")
    assert source.encoding == "utf-8"
    assert source.raw == clean[:where].decode() + "\ufffd" + clean[where:].decode()
    assert any(w.code == "replaced-bytes" and "replaced 1 " in w.message and f"at byte offset {where}" in w.message
               for w in source.warnings)
    assert parse_source(source).meetings


def test_a_file_mostly_of_nul_bytes_is_rejected_as_binary_wherever_they_fall():
    from extract.base.errors import UnreadableDocument

    text = _seed_pack()
    with pytest.raises(UnreadableDocument, match="binary file: .*NUL"):
        read_text(text + b"\x00" * len(text), "pack.txt")


def test_a_paper_that_never_breaks_into_lines_gives_no_absurd_field_and_a_short_check(tmp_path, capsys):
    # The shape of the 5 MB one-line file: a meeting's words repeated with no line break, so
    # a "meeting of X held at Y on <date>" match could run on for megabytes.
    words = "Meeting of the Planning Committee held at the Council Chamber on 5 March 2024 Councillor Smith agenda".split()
    line = " ".join(words[(i * 7) % len(words)] for i in range(200_000))  # about 1.3 MB
    paper = tmp_path / "one-line.txt"
    paper.write_text(line + "\n", encoding="utf-8")
    document = bounded(parse_source, read_text(paper.read_bytes(), paper.name))
    for meeting in document.meetings:
        assert len(meeting.id) <= 200 and len(meeting.body or "") <= header.MAX_BODY_CHARS
        assert len(meeting.venue or "") <= header.MAX_VENUE_CHARS
    assert any(w.code == "long-lines" and "longer than 20,000 characters" in w.message for w in document.warnings)
    assert bounded(main, ["check", str(paper)]) == 1
    shown = capsys.readouterr().out
    assert len(shown) < 5_000 and "longer than 20,000 characters" in shown
