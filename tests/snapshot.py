"""Byte-for-byte output of every document we have: `python -m tests.snapshot DIR [--against OLD]`.

A refactoring must not change a single record. This parses corpus/, tests/documents/,
tests/accuracy/documents/ and ../shared/realdocs (scans with OCR where Tesseract is installed)
and writes each document's JSON to DIR under a name that does not depend on where the checkout
is, so two checkouts (before and after a change) can be compared with `--against`, which prints
every file that differs and exits 1 if any does. A developer's tool, not a test: it takes
minutes, which is why the suite does not run it.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

from extract.base.errors import MinutebookError
from extract.storing.output import record_json
from extract.pipeline import parse_source, read_source

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {
    "corpus": ROOT / "corpus",
    "documents": ROOT / "tests" / "documents",
    "accuracy": ROOT / "tests" / "accuracy" / "documents",
    "realdocs": ROOT.parent / "shared" / "realdocs",
}
SUFFIXES = {".txt", ".md", ".pdf", ".html", ".htm"}


def documents() -> list[tuple[str, Path]]:
    """(stable name, path) of every document, the name relative to its folder's label."""
    found = []
    for label, folder in FOLDERS.items():
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.is_file() and path.suffix.lower() in SUFFIXES:
                    found.append((f"{label}/{path.relative_to(folder)}", path))
    return found


def snapshot(out: Path, ocr: bool = True) -> int:
    """Write every document's record (or its one-line error) to OUT; the number written.

    Scans are OCR'd only when asked and Tesseract is installed: OCR is most of the run's time.
    """
    ocr = ocr and shutil.which("tesseract") is not None
    if out.exists():
        shutil.rmtree(out)
    for name, path in documents():
        target = out / (name.replace("/", "__") + ".json")
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            text = record_json(parse_source(read_source(path.read_bytes(), name, ocr)))
        except MinutebookError as error:
            text = f"error: {error}\n"
        target.write_text(text, encoding="utf-8")
    return len(documents())


def differences(new: Path, old: Path) -> list[str]:
    """Files of either folder that the other lacks or holds with other bytes."""
    digest = lambda path: hashlib.sha256(path.read_bytes()).hexdigest()  # noqa: E731
    names = sorted({p.name for p in new.glob("*.json")} | {p.name for p in old.glob("*.json")})
    return [name for name in names
            if not (new / name).is_file() or not (old / name).is_file() or digest(new / name) != digest(old / name)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.snapshot", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the records to (emptied first)")
    parser.add_argument("--against", type=Path, help="an earlier snapshot to compare with")
    parser.add_argument("--no-ocr", action="store_true",
                        help="leave scans unread (quick; compare only with a snapshot taken the same way)")
    args = parser.parse_args(argv)
    count = snapshot(args.out, ocr=not args.no_ocr)
    print(f"{count} documents written to {args.out}")
    if args.against is None:
        return 0
    changed = differences(args.out, args.against)
    for name in changed:
        print(f"differs: {name}")
    print(f"{len(changed)} of {count} differ from {args.against}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
