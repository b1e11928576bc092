"""Start-up of the query commands: `python -m tests.bench_startup [--runs N] [--against CHECKOUT]`.

Ingests the bundled corpus, then times `minutebook search` (and who-asked, person, export) as
whole processes, as a user meets them: interpreter start, imports, the query, the printing. Prints
the median and p90 wall time of N runs of each. With --against, another checkout of minutebook
(say main's) ingests the corpus into a store of its own and its commands are timed in the same
run, interleaved with this one's (old, new, old, new...), so machine load hits both alike; the
ratio printed is the median of the per-pair ratios. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = [
    ("search council", ["search", "council"]),
    ("search council --rank", ["search", "council", "--rank"]),
    ("search council --json", ["search", "council", "--json"]),
    ("who-asked Sunter", ["who-asked", "Sunter"]),
    ("person Sunter", ["person", "Sunter"]),
    ("export --table resolutions", ["export", "--table", "resolutions"]),
]


def _environment(checkout: Path) -> dict[str, str]:
    """The environment that makes `python -m extract` run the code in checkout."""
    return os.environ | {"PYTHONPATH": str(checkout), "COLUMNS": "100"}


def ingest(checkout: Path, out: Path) -> None:
    subprocess.run([sys.executable, "-m", "extract", "ingest", str(checkout / "corpus"), "--out", str(out), "--quiet"],
                   cwd=checkout, env=_environment(checkout), check=True, stdout=subprocess.DEVNULL)


def run_once(checkout: Path, out: Path, command: list[str]) -> float:
    """Wall seconds of one whole `python -m extract COMMAND --out OUT` process."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "extract", *command, "--out", str(out)], cwd=checkout,
                   env=_environment(checkout), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def _p90(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def _line(name: str, times: list[float]) -> str:
    return f"{name}: median {statistics.median(times) * 1000:.0f} ms, p90 {_p90(times) * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="runs of each command (default: 20)")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="another checkout of minutebook to time in the same run, interleaved")
    args = parser.parse_args()
    checkouts = {"this": ROOT} | ({"against": args.against.resolve()} if args.against else {})
    with tempfile.TemporaryDirectory(prefix="minutebook-startup-") as work:
        outs = {name: Path(work) / name for name in checkouts}
        for name, checkout in checkouts.items():
            ingest(checkout, outs[name])
        for label, command in COMMANDS:
            times: dict[str, list[float]] = {name: [] for name in checkouts}
            for _ in range(args.runs):
                for name, checkout in checkouts.items():
                    times[name].append(run_once(checkout, outs[name], command))
            print(_line(f"{label:28} this", times["this"]), flush=True)
            if args.against:
                ratios = [old / new for old, new in zip(times["against"], times["this"])]
                print(_line(f"{label:28} against", times["against"])
                      + f"; this is {statistics.median(ratios):.2f}x as fast", flush=True)


if __name__ == "__main__":
    main()
