"""Engines at scale: `python -m tests.bench_engines [--documents N] [--pdf-pages N] [--jobs N]`.

`python -m tests.bench_engines --scaling PATH... [--rounds N]` instead times `ingest --jobs 1` and
`--jobs 2` of the same papers (say ../shared/realdocs's PDFs), alternately, into fresh output
folders, and prints the median speed-up of --jobs 2 over --jobs 1.

Generates a synthetic corpus (tests/generate.py), ingests it with `--engine local` and then
`--engine dask` (a LocalCluster of --jobs workers), and prints documents/s, pages/s and the peak
memory of the whole process tree (client, scheduler, workers), sampled every 0.2 s. Checks that
both engines wrote the same bytes. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import filecmp
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil  # a dependency of dask[distributed]

from tests.generate import write_pdf_corpus, write_text_corpus

ROOT = Path(__file__).resolve().parent.parent


def tree_rss(process: psutil.Process) -> int:
    """The resident memory of a process and its children; 0 once it has ended (the sampler may
    look just as it exits)."""
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def ingest(corpus: Path | list[Path], out: Path, engine: str, jobs: int) -> tuple[float, int]:
    """Wall seconds and peak tree RSS (bytes) of one `minutebook ingest`."""
    papers = [str(path) for path in (corpus if isinstance(corpus, list) else [corpus])]
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "extract", "ingest", *papers, "--out", str(out), "--quiet",
                              "--engine", engine, "--jobs", str(jobs)], cwd=ROOT, stdout=subprocess.DEVNULL)
    peak, process = 0, psutil.Process(child.pid)
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(process))
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    code = child.wait()
    stop.set()
    sampler.join()
    if code not in (0, 1):
        raise SystemExit(f"ingest exited {code}")
    return time.perf_counter() - started, peak


def writer_rate(files: list[Path], work: Path) -> float:
    """Documents/s the one writer (JSON file, store rows, sightings) takes in, parsing excluded:
    the ceiling on a cluster's rate however many workers parse."""
    from extract.batch.ingest import Run, parse_file, record_parsed
    from extract.storing.store import STORE_NAME, Store

    parsed = [parse_file(str(path)) for path in files]
    out = work / "writer"
    store = Store(out / STORE_NAME)
    run = Run(out, store)
    started = time.perf_counter()
    for path, result in zip(files, parsed):
        record_parsed(path, result, run)
    seconds = time.perf_counter() - started
    store.close()
    return len(files) / seconds


def same_outputs(one: Path, two: Path) -> bool:
    names = sorted(p.name for p in one.glob("*.json"))
    return names == sorted(p.name for p in two.glob("*.json")) and filecmp.cmpfiles(one, two, names, shallow=False)[1:] == ([], [])


def scaling(papers: list[Path], rounds: int) -> None:
    """--jobs 2 against --jobs 1 on the same papers, alternately, each into a fresh --out."""
    ratios = []
    for round_ in range(1, rounds + 1):
        with tempfile.TemporaryDirectory(prefix="minutebook-scaling-") as work:
            one, _ = ingest(papers, Path(work) / "one", "local", 1)
            two, _ = ingest(papers, Path(work) / "two", "local", 2)
            same = same_outputs(Path(work) / "one", Path(work) / "two")
        ratios.append(one / two)
        print(f"round {round_}: --jobs 1 {one:.1f} s, --jobs 2 {two:.1f} s, {one / two:.2f}x, outputs identical: {same}",
              flush=True)
    print(f"--jobs 2 over --jobs 1: median {statistics.median(ratios):.2f}x over {rounds} rounds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scaling", nargs="+", type=Path, metavar="PATH", help="time --jobs 1 against --jobs 2 on PATHs")
    parser.add_argument("--rounds", type=int, default=3, help="with --scaling: rounds of each (default: 3)")
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--pdf-pages", type=int, default=2_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--engines", default="local,dask")
    args = parser.parse_args()
    if args.scaling:
        scaling(args.scaling, args.rounds)
        return
    with tempfile.TemporaryDirectory(prefix="minutebook-bench-") as work:
        work = Path(work)
        started = time.perf_counter()
        texts = write_text_corpus(work / "text", args.documents, seed=1)
        size = sum(p.stat().st_size for p in texts)
        print(f"generated {len(texts):,} text documents ({size / 1e6:,.0f} MB) in {time.perf_counter() - started:.0f} s")
        started = time.perf_counter()
        packs = write_pdf_corpus(work / "pdf", args.pdf_pages, seed=2)
        print(f"generated {len(packs)} PDF packs ({args.pdf_pages:,} pages) in {time.perf_counter() - started:.0f} s")
        results = {}
        for engine in args.engines.split(","):
            for kind, corpus, units, unit in (("text", work / "text", len(texts), "documents"),
                                              ("pdf", work / "pdf", args.pdf_pages, "pages")):
                seconds, peak = ingest(corpus, work / f"out-{kind}-{engine}", engine, args.jobs)
                results[kind, engine] = seconds
                print(f"{engine:5} {kind:4}: {units:,} {unit} in {seconds:,.1f} s = {units / seconds:,.1f} {unit}/s "
                      f"({units / seconds / args.jobs:,.1f} per worker), peak memory {peak / 2**20:,.0f} MB", flush=True)
                out = work / f"out-{kind}-{engine}"
                store = (out / "minutebook.sqlite").stat().st_size
                outputs = sum(p.stat().st_size for p in out.glob("*.json"))
                print(f"      {kind} outputs: store {store / 1e6:,.0f} MB, JSON {outputs / 1e6:,.0f} MB", flush=True)
                if kind == "text" and engine == "local":
                    seconds, peak = ingest(corpus, work / f"out-{kind}-{engine}", engine, args.jobs)
                    print(f"local text again, nothing to do: {seconds:,.1f} s, peak memory {peak / 2**20:,.0f} MB",
                          flush=True)
        engines = args.engines.split(",")
        if len(engines) == 2:
            for kind in ("text", "pdf"):
                print(f"{kind}: outputs of {engines[0]} and {engines[1]} identical: "
                      f"{same_outputs(work / f'out-{kind}-{engines[0]}', work / f'out-{kind}-{engines[1]}')}")
        pages_per_worker = args.pdf_pages / results["pdf", engines[-1]] / args.jobs
        pages_per_pack = args.pdf_pages / len(packs)
        writer_packs = writer_rate(packs[:10], work)
        print(f"one writer alone: {writer_packs:,.1f} packs/s = {writer_packs * pages_per_pack:,.0f} pages/s "
              f"({pages_per_pack:.0f}-page packs, parsing excluded)")
        pages = 1_000_000 * 30
        for efficiency in (1.0, 0.8):
            rate = min(pages_per_worker * 32 * efficiency, writer_packs * pages_per_pack)
            hours = pages / rate / 3600
            print(f"projection: 1,000,000 packs x 30 pages on 32 workers at {pages_per_worker:,.1f} pages/s each "
                  f"(as measured here, {engines[-1]}), {efficiency:.0%} scaling, one writer: {rate:,.0f} pages/s, "
                  f"{hours:,.1f} h")


if __name__ == "__main__":
    main()
