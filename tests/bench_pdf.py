"""PDF benchmark: `python -m tests.bench_pdf`. Figures, not assertions.

Over the same pages (shared/realdocs beside the checkout, plus the seeds rendered to PDF):
pages/s and peak memory for minutebook's reader and parser, for bare pdfplumber extract_text(),
and for poppler's pdftotext where installed; then peak memory of `minutebook ingest` on a
~300-page pack, and `--jobs 2` against `--jobs 1` on a folder of packs.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.helpers import CORPUS, ROOT
from tests.test_pdf import latin1, render

REALDOCS = ROOT.parent / "shared" / "realdocs"
ENGINES = {
    "minutebook": "from extract.pipeline import parse_source, read_source\n"
                  "for p in paths: parse_source(read_source(open(p,'rb').read(), p))",
    "pdfplumber extract_text": "import pdfplumber\n"
                               "for p in paths:\n"
                               "    with pdfplumber.open(p) as pdf:\n"
                               "        for page in pdf.pages:\n"
                               "            page.extract_text(x_tolerance=1.5); page.close()",
}
RUNNER = """import resource, sys, time
paths = sys.argv[1:]
started = time.perf_counter()
{code}
print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def pages_of(paths: list[str]) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def timed(code: str, paths: list[str]) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", RUNNER.format(code=code), *paths], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        rendered = []
        for seed in sorted(CORPUS.glob("*.txt")):
            path = folder / f"{seed.stem}.pdf"
            path.write_bytes(render(latin1(seed.read_text(encoding="utf-8"))))
            rendered.append(str(path))
        paths = rendered + sorted(str(p) for p in REALDOCS.glob("*.pdf"))
        pages = pages_of(paths)
        print(f"pages: {pages} in {len(paths)} PDFs ({len(rendered)} rendered seeds, {len(paths) - len(rendered)} real)")
        rates = {}
        for name, code in ENGINES.items():
            seconds, peak = timed(code, paths)
            rates[name] = pages / seconds
            print(f"{name}: {pages / seconds:,.0f} pages/s ({seconds:.2f} s), peak {peak:.0f} MB")
        if shutil.which("pdftotext"):
            started = time.perf_counter()
            for path in paths:
                subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, check=False)
            seconds = time.perf_counter() - started
            rates["pdftotext"] = pages / seconds
            print(f"pdftotext -layout: {pages / seconds:,.0f} pages/s ({seconds:.2f} s, a process per file)")
        ratio = rates["minutebook"] / rates["pdfplumber extract_text"]
        print(f"minutebook end to end / bare pdfplumber text: {ratio:.1f}x")

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
        for copy in range(24):
            for path in rendered:
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
