"""How long the provenance viewer takes to show a record on its page: the page rendered and the
span's highlight found, the first time (empty cache) and again (from the cache beside the store).

    python -m tests.bench_viewer [PDF ...]

Default: the real PDFs in ../shared/realdocs that hold resolutions. Each PDF is read and parsed
once (not timed); then, for each of its resolutions, the page image and highlight are made with
an empty cache and made again. Prints the median and the slowest of each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from extract.pipeline import process_path
from extract.viewing.render import highlight, page_png
from tests.test_realdocs_minutes import REALDOCS


def resolutions(pdf: Path) -> tuple[list, str]:
    """The PDF's resolutions that lie on one text-layer page, and its SHA-256."""
    document = process_path(pdf)
    return [r for m in document.meetings for i in m.items for r in i.resolutions
            if r.span.page and not r.span.ocr and "\f" not in (r.span.text or "")], document.sha256


def page_and_highlight(pdf: Path, sha256: str, span, cache: Path) -> float:
    """Seconds to make one record's page image and highlight (as the source page does)."""
    started = time.perf_counter()
    page_png(pdf, sha256, span.page, cache)
    highlight(pdf, sha256, span.page, span.text, None, False, cache)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    args = parser.parse_args(argv)
    pdfs = args.pdfs or sorted(REALDOCS.glob("*.pdf"))
    first, cached = [], []
    for pdf in pdfs:
        found, sha256 = resolutions(pdf)
        with tempfile.TemporaryDirectory() as folder:
            for resolution in found:
                cache = Path(folder) / f"{len(first)}"  # each first render starts from an empty cache
                first.append(page_and_highlight(pdf, sha256, resolution.span, cache))
                cached.append(page_and_highlight(pdf, sha256, resolution.span, cache))
    if not first:
        print("no resolutions in the PDFs given", file=sys.stderr)
        return 1
    for name, times in (("first render", first), ("cached", cached)):
        print(f"{name:>12}: median {statistics.median(times) * 1000:7.1f} ms, slowest {max(times) * 1000:7.1f} ms "
              f"over {len(times)} resolutions")
    return 0


if __name__ == "__main__":
    sys.exit(main())
