"""Throughput and memory of the pipeline over a corpus, measured in one process:
`python -m tests.bench [PATH ...] [--repeat N] [--store-rows N]`.

Files are read from disk once; each pass parses every document from its bytes, so the figures
are the parser's, not the disk's. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from extract.base.errors import MinutebookError
from extract.batch.ingest import collect_inputs
from extract.storing.output import record_json
from extract.pipeline import parse_source, read_source


@dataclass
class BenchResult:
    documents: int
    megabytes: float
    repeat: int
    seconds: float
    first_pass_seconds: float
    peak_rss_mb: float

    def render(self) -> str:
        per_pass = self.seconds / self.repeat
        return "\n".join([
            f"corpus: {self.documents} documents, {self.megabytes:.3f} MB; {self.repeat} passes",
            f"first pass (imports, caches): {self.first_pass_seconds:.3f} s",
            f"steady state: {per_pass * 1000:.1f} ms per pass",
            f"throughput: {self.documents / per_pass:.1f} documents/s, {self.megabytes / per_pass:.2f} MB/s",
            f"peak memory (max RSS): {self.peak_rss_mb:.1f} MB",
        ])


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def run_bench(paths: list[Path], repeat: int) -> BenchResult:
    files = collect_inputs(paths).files
    payloads = [(str(path), path.read_bytes()) for path in files]
    readable = []
    for name, data in payloads:
        try:
            read_source(data, name)
            readable.append((name, data))
        except MinutebookError:
            continue

    def one_pass() -> None:
        for name, data in readable:
            record_json(parse_source(read_source(data, name)))

    started = time.perf_counter()
    one_pass()
    first = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(repeat):
        one_pass()
    elapsed = time.perf_counter() - started
    size = sum(len(data) for _, data in readable) / 1e6
    return BenchResult(len(readable), size, repeat, elapsed, first, _peak_rss_mb())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description="Parse a corpus N times in memory and "
                                     "print documents/s, MB/s and peak memory.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="files or folders (default: corpus/)")
    parser.add_argument("--repeat", type=int, default=20, metavar="N", help="passes over the corpus (default: 20)")
    parser.add_argument("--store-rows", type=int, default=0, metavar="N",
                        help="also build a synthetic store of N resolutions and time 20 searches on it")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    result = run_bench(args.paths or [Path(__file__).resolve().parent.parent / "corpus"], args.repeat)
    print(result.render())
    if args.store_rows > 0:
        from tests.bench_store import run_store_bench

        print(run_store_bench(args.store_rows).render())
    return 0 if result.documents else 1


if __name__ == "__main__":
    sys.exit(main())
