"""Throughput and memory of the pipeline over a corpus, measured in one process:
`python -m tests.bench [PATH ...] [--all] [--repeat N] [--store-rows N] [--against CHECKOUT]`.

Files are read from disk once; each pass parses every document from its bytes, so the figures
are the parser's, not the disk's. A PDF is read once before the passes and each pass parses its
text: reading PDFs is tests/bench_pdf.py's figure, this one is the text parse's. Words are the
white-space separated words of each document's text. Peak memory is the process's maximum
resident set size.

`--against CHECKOUT` times this checkout and another (main before a change, say) side by side:
the same timing code runs in a fresh process per checkout, alternately, so the machine's load
hits both alike, and the median of the paired speed-ups is printed.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_WORDS_PER_SECOND = 336_000  # the corpus's text parse when issue 14 (speed) was opened
ALL_TEXT = [ROOT / "corpus", ROOT / "tests" / "documents", ROOT / "tests" / "accuracy" / "documents"]


@dataclass
class BenchResult:
    documents: int
    megabytes: float
    words: int
    repeat: int
    seconds: float
    first_pass_seconds: float
    peak_rss_mb: float
    cpu_seconds: float = 0.0  # the process's CPU time over the timed passes: what the machine's other load leaves alone

    @property
    def cpu_per_pass(self) -> float:
        return (self.cpu_seconds or self.seconds) / self.repeat

    @property
    def cpu_words_per_second(self) -> float:
        return self.words / self.cpu_per_pass

    @property
    def per_pass(self) -> float:
        return self.seconds / self.repeat

    @property
    def words_per_second(self) -> float:
        return self.words / self.per_pass

    def render(self) -> str:
        return "\n".join([
            f"corpus: {self.documents} documents, {self.megabytes:.3f} MB, {self.words} words; {self.repeat} passes",
            f"first pass (imports, caches): {self.first_pass_seconds:.3f} s",
            f"steady state: {self.per_pass * 1000:.1f} ms per pass",
            f"throughput: {self.documents / self.per_pass:.1f} documents/s, {self.megabytes / self.per_pass:.2f} MB/s, "
            f"{self.words_per_second / 1000:.0f}k words/s ({self.words_per_second / BASELINE_WORDS_PER_SECOND:.2f}x "
            f"issue 14's baseline of {BASELINE_WORDS_PER_SECOND // 1000}k)",
            f"on CPU time: {self.cpu_words_per_second / 1000:.0f}k words/s "
            f"({self.cpu_words_per_second / BASELINE_WORDS_PER_SECOND:.2f}x the baseline)",
            f"peak memory (max RSS): {self.peak_rss_mb:.1f} MB",
        ])


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_bench(paths: list[Path], repeat: int) -> BenchResult:
    """Parse every readable document of paths once (imports, caches), then `repeat` passes, timed."""
    from extract.base.errors import MinutebookError
    from extract.batch.ingest import collect_inputs
    from extract.pipeline import parse_source, read_source
    from extract.reading.decode import is_pdf
    from extract.storing.output import record_json

    readable = []  # (name, bytes, a PDF's text read once or None, words)
    for path in collect_inputs(paths).files:
        name, data = str(path), path.read_bytes()
        try:
            source = read_source(data, name)
        except MinutebookError:
            continue
        words = sum(len(line.text.split()) for line in source.lines)
        readable.append((name, data, source if is_pdf(data, name) else None, words))

    def one_pass() -> None:
        for name, data, source, _ in readable:
            record_json(parse_source(source or read_source(data, name)))

    started = time.perf_counter()
    one_pass()
    first = time.perf_counter() - started
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        one_pass()
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    size = sum(len(data) for _, data, _, _ in readable) / 1e6
    words = sum(count for *_, count in readable)
    return BenchResult(len(readable), size, words, repeat, elapsed, first, _peak_rss_mb(), cpu)


def _bench_in(checkout: Path, paths: list[Path], repeat: int) -> BenchResult:
    """run_bench in a fresh process that imports the pipeline from `checkout` (its folder first on the path)."""
    code = ("import json, runpy, sys; from dataclasses import asdict; from pathlib import Path; "
            f"bench = runpy.run_path({str(Path(__file__).resolve())!r}); "
            "print(json.dumps(asdict(bench['run_bench']([Path(p) for p in sys.argv[2:]], int(sys.argv[1])))))")
    done = subprocess.run([sys.executable, "-c", code, str(repeat), *map(str, paths)], cwd=checkout,
                          capture_output=True, text=True, check=True)
    return BenchResult(**json.loads(done.stdout.splitlines()[-1]))


def compare(other: Path, paths: list[Path], repeat: int, rounds: int) -> str:
    """This checkout against another, alternately (which goes first alternates too), `rounds`
    times: the figures and the median speed-up, in wall time and in CPU time (on a machine
    that other work shares, the CPU time's ratio is the steadier)."""
    lines, speedups, cpu_speedups = [], [], []
    for number in range(1, rounds + 1):
        if number % 2:
            old, new = _bench_in(other, paths, repeat), _bench_in(ROOT, paths, repeat)
        else:
            new, old = _bench_in(ROOT, paths, repeat), _bench_in(other, paths, repeat)
        speedups.append(old.per_pass / new.per_pass)
        cpu_speedups.append(old.cpu_per_pass / new.cpu_per_pass)
        lines.append(f"round {number}: {other.name or other} {old.words_per_second / 1000:.0f}k words/s "
                     f"(CPU {old.cpu_words_per_second / 1000:.0f}k), this checkout {new.words_per_second / 1000:.0f}k words/s "
                     f"(CPU {new.cpu_words_per_second / 1000:.0f}k), x{speedups[-1]:.2f} (CPU x{cpu_speedups[-1]:.2f})")
    lines.append(f"median speed-up over {rounds} rounds ({new.documents} documents, {new.words} words): "
                 f"x{statistics.median(speedups):.2f}, on CPU time x{statistics.median(cpu_speedups):.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description="Parse a corpus N times in memory and "
                                     "print documents/s, MB/s, words/s and peak memory.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: corpus/)")
    parser.add_argument("--all", action="store_true",
                        help="every document we hold: corpus/, tests/documents/, tests/accuracy/documents/")
    parser.add_argument("--repeat", type=int, default=20, metavar="N", help="passes over the corpus (default: 20)")
    parser.add_argument("--store-rows", type=int, default=0, metavar="N",
                        help="also build a synthetic store of N resolutions and time 20 searches on it")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="time another checkout's pipeline alternately with this one's and print the speed-up")
    parser.add_argument("--rounds", type=int, default=5, metavar="N", help="alternations for --against (default: 5)")
    args = parser.parse_args(argv)
    if args.repeat < 1 or args.rounds < 1:
        parser.error("--repeat and --rounds must be at least 1")
    if args.against is not None and not (args.against / "extract" / "pipeline.py").is_file():
        parser.error(f"--against {args.against}: not a minutebook checkout")
    paths = [p.resolve() for p in args.paths] + (ALL_TEXT if args.all else [])
    paths = paths or [ROOT / "corpus"]
    if args.against is not None:
        print(compare(args.against.resolve(), paths, args.repeat, args.rounds))
        return 0
    result = run_bench(paths, args.repeat)
    print(result.render())
    if args.store_rows > 0:
        from tests.bench_store import run_store_bench

        print(run_store_bench(args.store_rows).render())
    return 0 if result.documents else 1


if __name__ == "__main__":
    sys.exit(main())
