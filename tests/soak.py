"""Soak: `python -m tests.soak [--papers N] [--jobs N] [--kills N] [--seed N]` (not run in CI).

Generates N papers (tests/generate.py; a few share the file name minutes.txt in folders of
their own), ingests them undisturbed into one --out, then into another while injecting faults:
kill -9 of the ingest and its workers at random moments, each followed by a rerun; a full disk
(the --out is a tmpfs mount shrunk to what it holds, then enlarged; needs root, else skipped); and
a held lock (another process holding the --out's lock, with an ingest that gives up and one that
waits). Then checks that the store's rows, every JSON byte for byte and the manifest's papers are
the undisturbed run's. Prints figures; exits 1 when the two differ.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.generate import write_text_corpus
from extract.storing.lock import LOCK_NAME
from extract.storing.manifest import MANIFEST_NAME, read_manifest
from tests.helpers import ROOT, store_rows

NAMESAKES = 10  # papers moved into folders of their own, each as minutes.txt
HOLD = """
import sys, time
from pathlib import Path
from extract.storing.lock import hold_out
with hold_out(Path(sys.argv[1]), wait=60):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@dataclass
class Faults:
    kills: int = 0
    finished_before_kill: int = 0
    disk_full_runs: int = 0
    disk_full_failures: int = 0
    lock_refusals: int = 0
    lock_waits: int = 0
    notes: list[str] = field(default_factory=list)


def make_papers(folder: Path, count: int, seed: int) -> list[Path]:
    """count generated papers; the last NAMESAKES moved to same-name/<k>/minutes.txt."""
    papers = write_text_corpus(folder, count, seed=seed)
    for k, paper in enumerate(papers[-NAMESAKES:]):
        target = folder / "same-name" / f"{k:02d}" / "minutes.txt"
        target.parent.mkdir(parents=True)
        paper.rename(target)
        papers[count - NAMESAKES + k] = target
    return papers


def ingest(corpus: Path, out: Path, jobs: int, wait: float = 0) -> subprocess.Popen:
    """An ingest in a session of its own, so it and its workers can be killed as one group."""
    return subprocess.Popen([sys.executable, "-m", "extract", "ingest", str(corpus), "--out", str(out), "--quiet",
                             "--jobs", str(jobs), "--wait", str(wait)], cwd=ROOT, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finished(process: subprocess.Popen) -> tuple[int, str]:
    _, stderr = process.communicate()
    return process.returncode, stderr


def kill_at_random(corpus: Path, out: Path, jobs: int, times: int, longest: float, rng: random.Random,
                   faults: Faults) -> None:
    """kill -9 an ingest (its whole process group) at a random moment, `times` times."""
    for _ in range(times):
        process = ingest(corpus, out, jobs)
        try:
            process.wait(timeout=rng.uniform(0.5, longest))
            faults.finished_before_kill += 1
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            faults.kills += 1
        finished(process)


def mount_tmpfs(folder: Path, size: int) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


def resize_tmpfs(folder: Path, size: int) -> None:
    subprocess.run(["mount", "-o", f"remount,size={size}", str(folder)], check=True, capture_output=True)


def used_bytes(folder: Path) -> int:
    stats = os.statvfs(folder)
    return (stats.f_blocks - stats.f_bfree) * stats.f_frsize


def disk_full(corpus: Path, mount: Path, out: Path, jobs: int, roomy: int, faults: Faults) -> None:
    """Shrink the tmpfs under out to what it holds plus a little, ingest until the disk is full,
    then give it room again."""
    resize_tmpfs(mount, used_bytes(mount) + 512 * 1024)
    code, stderr = finished(ingest(corpus, out, jobs))
    faults.disk_full_runs += 1
    faults.disk_full_failures += stderr.count("No space left on device")
    tail = stderr.strip().splitlines()[-1:] if stderr.strip() else []
    faults.notes.append(f"disk-full run: exit {code}, {faults.disk_full_failures} lines naming ENOSPC"
                        + (f", last: {tail[0][:160]}" if tail else ""))
    if "Traceback" in stderr:
        faults.notes.append("disk-full run printed a traceback")
    resize_tmpfs(mount, roomy)


def held_lock(corpus: Path, out: Path, jobs: int, faults: Faults) -> None:
    """Another process holds out's lock for 4 s: an ingest told to wait 0 s gives up with exit 2
    and one line; one told to wait 60 s waits, then runs."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out), "4"], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    code, stderr = finished(ingest(corpus, out, jobs, wait=0))
    expected = f"minutebook: error: {out} is being written by another ingest (pid {holder.pid}); try again when it ends"
    if code == 2 and stderr.strip() == expected:
        faults.lock_refusals += 1
    else:
        faults.notes.append(f"held lock: expected exit 2 and one line, got {code}: {stderr.strip()[:200]}")
    waiting = ingest(corpus, out, jobs, wait=60)
    code, stderr = finished(waiting)
    holder.wait()
    if code in (0, 1):
        faults.lock_waits += 1
    else:
        faults.notes.append(f"waiting ingest ended {code}: {stderr.strip()[:200]}")


def outputs(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(out.glob("*.json"))}


def compare(clean: Path, faulted: Path) -> list[str]:
    """What differs between the undisturbed and the faulted --out (nothing, if all is well)."""
    problems = []
    one, two = outputs(clean), outputs(faulted)
    if one.keys() != two.keys():
        problems.append(f"JSON files differ: {len(one.keys() - two.keys())} missing, {len(two.keys() - one.keys())} extra")
    problems += [f"{name} differs" for name in sorted(one.keys() & two.keys()) if one[name] != two[name]][:10]
    if store_rows(clean) != store_rows(faulted):
        problems.append("store rows differ")
    if set(read_manifest(clean / MANIFEST_NAME)) != set(read_manifest(faulted / MANIFEST_NAME)):
        problems.append("manifest papers differ")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--papers", type=int, default=2_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if args.papers <= NAMESAKES:
        parser.error(f"--papers must be more than {NAMESAKES}")
    rng = random.Random(args.seed)
    faults = Faults()
    with tempfile.TemporaryDirectory(prefix="minutebook-soak-") as work:
        work = Path(work)
        corpus = work / "papers"
        make_papers(corpus, args.papers, args.seed)
        print(f"papers: {args.papers:,} ({NAMESAKES} of them named minutes.txt, in folders of their own)", flush=True)

        clean = work / "clean"
        started = time.perf_counter()
        code, stderr = finished(ingest(corpus, clean, args.jobs))
        undisturbed = time.perf_counter() - started
        if code != 0:
            print(f"the undisturbed run failed ({code}): {stderr.strip()[-500:]}")
            return 1
        print(f"undisturbed ingest: {undisturbed:,.1f} s", flush=True)

        mount = work / "faulted-disk"
        size = sum(p.stat().st_size for p in clean.iterdir())
        roomy = 4 * size + 64 * 2**20  # the store's WAL and temporary files need room beside the outputs
        mounted = os.geteuid() == 0 and mount_tmpfs(mount, roomy)
        faulted = mount / "out" if mounted else work / "faulted"
        if not mounted:
            faults.notes.append("disk-full fault skipped: cannot mount a tmpfs (needs root)")
        started = time.perf_counter()
        try:
            kill_at_random(corpus, faulted, args.jobs, args.kills, undisturbed * 0.8, rng, faults)
            if mounted:
                disk_full(corpus, mount, faulted, args.jobs, roomy, faults)
            kill_at_random(corpus, faulted, args.jobs, 1, undisturbed * 0.5, rng, faults)
            held_lock(corpus, faulted, args.jobs, faults)
            code, stderr = finished(ingest(corpus, faulted, args.jobs))
            faulted_seconds = time.perf_counter() - started
            if code != 0:
                faults.notes.append(f"final run ended {code}: {stderr.strip()[-300:]}")
            problems = compare(clean, faulted)
            held = len(read_manifest(faulted / MANIFEST_NAME))
            lock_file = (faulted / LOCK_NAME).exists()
        finally:
            if mounted:
                subprocess.run(["umount", str(mount)], capture_output=True)
            shutil.rmtree(work / "faulted", ignore_errors=True)
    print(f"faulted ingest, all runs: {faulted_seconds:,.1f} s")
    print(f"faults: {faults.kills} kill -9 of ingest and workers ({faults.finished_before_kill} runs ended before "
          f"their kill), {faults.disk_full_runs} disk-full run ({faults.disk_full_failures} papers refused), "
          f"{faults.lock_refusals} ingest refused by a held lock, {faults.lock_waits} waited for it")
    for note in faults.notes:
        print(f"  {note}")
    print(f"manifest papers: {held:,}; lock file in place: {lock_file}")
    if problems:
        print("DIFFERENT from the undisturbed run:\n  " + "\n  ".join(problems))
        return 1
    print("the faulted --out equals the undisturbed one: store rows, every JSON byte for byte, manifest papers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
