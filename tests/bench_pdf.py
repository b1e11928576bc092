"""PDF benchmark: `python -m tests.bench_pdf [--rounds N] [--against OLD_CHECKOUT] [--no-ingest]`.
Figures, not assertions.

Over the same pages (shared/realdocs beside the checkout, plus the seeds rendered to PDF), in one
run with the engines interleaved round by round: pages/s and peak memory of a process for bare
pypdfium2 text (open, get_textpage().get_text_range() per page), bare pdfplumber extract_text(),
minutebook's reader alone (read_source) and minutebook end to end (read_source + parse_source),
each with its imports and for the work alone; the acceptance's ratios (end to end as a share of
bare pypdfium2, and as a multiple of pdfplumber); poppler's pdftotext where installed. With
--against, the minutebook of another checkout (say `git archive main`) is timed in the same
rounds, old beside new, and the speed-up is the median of the rounds' ratios. Then peak memory
of `minutebook ingest` on a ~300-page pack, and `--jobs 2` against `--jobs 1` on the same PDFs (four copies of each).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.helpers import CORPUS, ROOT
from tests.test_pdf import latin1, render

REALDOCS = ROOT.parent / "shared" / "realdocs"
# name: (imports, timed apart as start-up; the work over every path)
ENGINES = {
    "pypdfium2 bare text": (
        "import pypdfium2 as pdfium",
        "for p in paths:\n"
        "    pdf = pdfium.PdfDocument(p)\n"
        "    for i in range(len(pdf)):\n"
        "        page = pdf[i]; textpage = page.get_textpage(); textpage.get_text_range()\n"
        "        textpage.close(); page.close()\n"
        "    pdf.close()"),
    "pdfplumber extract_text": (
        "import pdfplumber",
        "for p in paths:\n"
        "    with pdfplumber.open(p) as pdf:\n"
        "        for page in pdf.pages:\n"
        "            page.extract_text(x_tolerance=1.5); page.close()"),
    "minutebook reader (read_source)": (
        "from extract.pipeline import read_source",
        "for p in paths: read_source(open(p,'rb').read(), p)"),
    "minutebook end to end (read+parse)": (
        "from extract.pipeline import parse_source, read_source",
        "for p in paths: parse_source(read_source(open(p,'rb').read(), p))"),
}
BARE, PLUMBER, READER, END_TO_END = ENGINES
RUNNER = """import resource, sys, time
paths = sys.argv[1:]
started = time.perf_counter()
{setup}
imported = time.perf_counter()
{work}
done = time.perf_counter()
try:  # this process's own peak: ru_maxrss keeps the peak of the benchmark it was forked from
    peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(done - started, done - imported, peak / 1024)
"""


def pages_of(paths: list[str]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def timed(setup: str, work: str, paths: list[str], checkout: Path = ROOT) -> tuple[float, float, float]:
    """(seconds with imports, seconds of the work alone, peak RSS in MB) of one engine in a fresh process,
    importing `extract` from `checkout`."""
    out = subprocess.run([sys.executable, "-c", RUNNER.format(setup=setup, work=work), *paths], cwd=checkout,
                         capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2])


def median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def side_by_side(paths: list[str], pages: int, rounds: int,
                 against: Path | None) -> tuple[dict[str, tuple[float, float]], dict[str, list[tuple[float, float, float]]]]:
    """Each engine's median pages/s (with imports, work alone), the engines interleaved round by
    round so that machine load hits them alike; with `against`, minutebook of that checkout too.
    Also each engine's times round by round, for ratios taken within a round."""
    runs = [(name, setup, work, ROOT) for name, (setup, work) in ENGINES.items()]
    if against is not None:
        runs += [(f"{name} [{against.name}]", *ENGINES[name], against) for name in (READER, END_TO_END)]
    seen: dict[str, list[tuple[float, float, float]]] = {name: [] for name, *_ in runs}
    for _ in range(rounds):
        for name, setup, work, checkout in runs:
            seen[name].append(timed(setup, work, paths, checkout))
    rates = {}
    for name, times in seen.items():
        whole, alone = median([t[0] for t in times]), median([t[1] for t in times])
        peak = max(t[2] for t in times)
        rates[name] = (pages / whole, pages / alone)
        print(f"{name:45} {pages / whole:7,.0f} pages/s ({whole:6.2f} s) | work alone {pages / alone:7,.0f} pages/s "
              f"({alone:6.2f} s) | peak {peak:4.0f} MB")
    return rates, seen


def speed_ups(seen: dict[str, list[tuple[float, float, float]]], old: str) -> None:
    """This checkout's minutebook against the other's: the median over rounds of old time / new time
    (both timed in the same round, so a busy moment slows both), with imports and work alone."""
    for name in (READER, END_TO_END):
        new_times, old_times = seen[name], seen[f"{name} [{old}]"]
        whole = median([o[0] / n[0] for o, n in zip(old_times, new_times)])
        alone = median([o[1] / n[1] for o, n in zip(old_times, new_times)])
        print(f"  {name}: {whole:.2f}x {old} with imports, {alone:.2f}x work alone (median of per-round ratios); "
              f"peak {max(t[2] for t in new_times):.0f} MB against {max(t[2] for t in old_times):.0f} MB")


def ratios(rates: dict[str, tuple[float, float]], suffix: str = "") -> None:
    """The acceptance's ratios: minutebook end to end against bare pypdfium2 text and bare pdfplumber."""
    for index, how in ((0, "with imports"), (1, "work alone")):
        bare, plumber = rates[BARE][index], rates[PLUMBER][index]
        reader, whole = rates[READER + suffix][index], rates[END_TO_END + suffix][index]
        print(f"  {how:12}: end to end {whole / bare:6.1%} of pypdfium2 bare, {whole / plumber:5.1f}x pdfplumber; "
              f"reader alone {reader / bare:6.1%} of pypdfium2 bare, {reader / plumber:5.1f}x pdfplumber")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="runs of each engine, interleaved (median taken)")
    parser.add_argument("--against", type=Path, help="another checkout whose minutebook is timed beside this one")
    parser.add_argument("--no-ingest", action="store_true", help="skip the ingest memory and --jobs figures")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    try:
        rendered = []
        for seed in sorted(CORPUS.glob("*.txt")):
            path = folder / f"{seed.stem}.pdf"
            path.write_bytes(render(latin1(seed.read_text(encoding="utf-8"))))
            rendered.append(str(path))
        paths = rendered + sorted(str(p) for p in REALDOCS.glob("*.pdf"))
        pages = pages_of(paths)
        print(f"pages: {pages} in {len(paths)} PDFs ({len(rendered)} rendered seeds, {len(paths) - len(rendered)} real); "
              f"median of {args.rounds} interleaved rounds, one process per engine per round")
        rates, seen = side_by_side(paths, pages, args.rounds, args.against)
        if shutil.which("pdftotext"):
            started = time.perf_counter()
            for path in paths:
                subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=False)
            seconds = time.perf_counter() - started
            print(f"pdftotext -layout: {pages / seconds:,.0f} pages/s ({seconds:.2f} s, a process per file)")
        print("this checkout:")
        ratios(rates)
        if args.against is not None:
            print(f"{args.against}:")
            ratios(rates, f" [{args.against.name}]")
            print(f"this checkout against {args.against.name}:")
            speed_ups(seen, args.against.name)
        if args.no_ingest:
            return

        big = folder / "big_pack.pdf"
        text = latin1((CORPUS / "durham_safer-stronger-communities-osc_2024-04-16_agenda-pack.txt").read_text(encoding="utf-8"))
        big.write_bytes(render(text * 5))
        big_pages = pages_of([str(big)])
        out = folder / "out"
        result = subprocess.run(["/usr/bin/time", "-f", "%e %M", sys.executable, "-m", "extract", "ingest", str(big),
                                 "--out", str(out), "--jobs", "1", "--quiet"], cwd=ROOT, capture_output=True, text=True,
                                check=True)
        wall, peak_kb = result.stderr.strip().splitlines()[-1].split()
        print(f"ingest of one {big_pages}-page pack: {float(wall):.1f} s, peak {int(peak_kb) / 1024:.0f} MB (one worker)")

        packs = folder / "packs"
        packs.mkdir()
        for copy in range(4):  # the same PDFs as above, four times over: long enough to time
            for path in paths:
                shutil.copy(path, packs / f"{copy}-{Path(path).name}")
        walls = {}
        for jobs in (1, 2):
            shutil.rmtree(out, ignore_errors=True)
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "extract", "ingest", str(packs), "--out", str(out), "--jobs", str(jobs),
                            "--quiet"], cwd=ROOT, capture_output=True, check=True)
            walls[jobs] = time.perf_counter() - started
        many = pages_of(sorted(str(p) for p in packs.glob("*.pdf")))
        print(f"ingest of {len(list(packs.glob('*.pdf')))} packs ({many} pages): --jobs 1 {walls[1]:.1f} s "
              f"({many / walls[1]:,.0f} pages/s), --jobs 2 {walls[2]:.1f} s ({many / walls[2]:,.0f} pages/s), "
              f"speed-up {walls[1] / walls[2]:.2f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
