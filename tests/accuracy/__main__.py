"""Accuracy against hand-made gold: `python -m tests.accuracy [--route pdf|text|both] [--per-doc]`.

Ingests every document that has gold, scores minutebook's output field by field with the
team's scorer (../shared/eval/score.py beside the checkout, else the copy in this folder) and
prints precision, recall and F1 per field, overall and per document. A benchmark, not a test:
it always exits 0. The `text` route scores the same real PDFs read as their extracted text
(pypdfium2, CRLF line endings), which must give the same records as the PDF.

Gold: tests/accuracy/gold/ (the project's annotations, and copies of the shared gold); where
../shared/eval/gold is present its files take precedence over a copy of the same name.
Documents: tests/accuracy/documents/ (copies of the real documents), ../shared/realdocs, and
for the seeds the corpus/ file that holds the same bytes (corpus/README.md names each seed).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SHARED = ROOT.parent / "shared"
# the team's gold for the seeds and six real documents (../shared/eval/gold), copied in gold/
SHARED_GOLD = {f"{name}.json" for name in (
    "000_4a719864c63cf462", "001_6ba8f53b350fadcc", "002_ef16e3d9774463a9", "003_7cf84f832e099edc",
    "004_4115bcb19ac32826", "kent_cabinet_2025-01-09_minutes", "kent_cc_2025-01-09_printed_minutes",
    "kent_cpp_2024-10-29_minutes", "london-on-strategic-priorities-policy-cttee_2025-04-10_minutes",
    "nipissing-township-council_2018-10-02_minutes", "northwold-pc_2018-10-02_minutes")}
HEADLINE = ["meetings", "attendance", "items.titles", "resolutions", "interventions.speaker", "votes.names"]


def load_scorer():
    """The shared scorer where it is beside the checkout (it is the reference), else our copy."""
    path = SHARED / "eval" / "score.py"
    if not path.is_file():
        path = HERE / "score.py"
    spec = importlib.util.spec_from_file_location("minutebook_gold_scorer", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def gold_files(which: str = "all") -> dict[str, Path]:
    """Gold by file name: 'shared' is the team's gold (../shared/eval/gold, or its copies here),
    'project' the annotations made in this project, 'all' both."""
    shared_dir = SHARED / "eval" / "gold"
    shared_names = set(SHARED_GOLD) | ({p.name for p in shared_dir.glob("*.json")} if shared_dir.is_dir() else set())
    found = {p.name: p for p in sorted((HERE / "gold").glob("*.json"))}
    if shared_dir.is_dir():
        found.update({p.name: p for p in sorted(shared_dir.glob("*.json"))})
    keep = {"all": lambda name: True, "shared": lambda name: name in shared_names,
            "project": lambda name: name not in shared_names}[which]
    return {name: path for name, path in sorted(found.items()) if keep(name)}


def seed_files() -> dict[str, Path]:
    """Seed name -> the corpus file holding its bytes, from corpus/README.md's table."""
    table = (ROOT / "corpus" / "README.md").read_text(encoding="utf-8")
    return {seed: ROOT / "corpus" / name
            for name, seed in re.findall(r"^\|\s*(\S+\.txt)\s*\|\s*(\S+\.txt)\s*\|", table, re.M)}


def source_of(gold: dict, seeds: dict[str, Path]) -> Path | None:
    name = gold.get("holdout_file") or gold["source"]
    places = [HERE / "documents" / name, SHARED / "realdocs" / name, SHARED / "seeds" / name]
    if name in seeds:
        places.append(seeds[name])
    return next((p for p in places if p.is_file()), None)


def pdf_as_text(pdf: Path) -> bytes:
    """The PDF's text layer as pypdfium2 gives it, pages separated by form feeds, CRLF endings."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()
    text = "\f".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\n", "\r\n").encode("utf-8")


def ingest(folder: Path, out: Path) -> dict[str, dict]:
    """Every output document of an ingest of folder, by the sha256 of its source bytes."""
    from extract.batch.ingest import run_ingest

    run_ingest([folder], out, jobs=1)
    outputs = {}
    for path in sorted(out.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and document.get("sha256"):
            outputs[document["sha256"]] = document
    return outputs


def score(scorer, golds: list[tuple[str, dict, bytes]], outputs: dict[str, dict], per_doc: bool, label: str) -> None:
    import hashlib

    overall = scorer.Tally()
    rows = []
    for name, gold, data in golds:
        document = outputs.get(hashlib.sha256(data).hexdigest(), {})
        scorer.score_doc(overall, document, gold)
        one = scorer.Tally()
        scorer.score_doc(one, document, gold)
        rows.append((name, {r[0]: r for r in one.rows()}, bool(document)))
    print(f"\n== {label}: {len(golds)} documents with gold")
    print(f"{'field':32s} {'tp':>5s} {'pred':>5s} {'gold':>5s}  {'P':>5s} {'R':>5s} {'F1':>5s}")
    for field, tp, predicted, expected, precision, recall, f1 in overall.rows():
        print(f"{field:32s} {tp:5d} {predicted:5d} {expected:5d}  {precision:5.2f} {recall:5.2f} {f1:5.2f}")
    if per_doc:
        print(f"\n{'document':44s} " + " ".join(f"{k.split('.')[0][:8]:>8s}" for k in HEADLINE))
        for name, fields, found in rows:
            cells = [f"{fields[k][6]:8.2f}" if k in fields and fields[k][3] else f"{'-':>8s}" for k in HEADLINE]
            print(f"{name[:44]:44s} " + " ".join(cells) + ("" if found else "   (no output)"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.accuracy", description=__doc__.splitlines()[0])
    parser.add_argument("--route", choices=["pdf", "text", "both"], default="both",
                        help="score the documents as given (pdf), their PDFs as extracted text (text), or both")
    parser.add_argument("--per-doc", action="store_true", default=True, help="a line per document (default)")
    parser.add_argument("--summary", dest="per_doc", action="store_false", help="overall figures only")
    parser.add_argument("--gold", choices=["all", "shared", "project"], default="all",
                        help="the team's gold (seeds and six real documents), this project's annotations, or both")
    args = parser.parse_args(argv)
    scorer, seeds = load_scorer(), seed_files()
    golds, work = [], Path(tempfile.mkdtemp(prefix="minutebook-accuracy-"))
    try:
        given, as_text = work / "given", work / "text"
        given.mkdir()
        as_text.mkdir()
        for name, path in gold_files(args.gold).items():
            gold = json.loads(path.read_text(encoding="utf-8"))
            source = source_of(gold, seeds)
            if source is None:
                print(f"skipped {name}: its document is not in tests/accuracy/documents, ../shared or corpus/")
                continue
            shutil.copyfile(source, given / source.name)
            golds.append((Path(name).stem, gold, source))
        print(f"scorer: {Path(scorer.__file__).relative_to(ROOT.parent)}")
        if args.route in ("pdf", "both"):
            outputs = ingest(given, work / "out-given")
            score(scorer, [(n, g, s.read_bytes()) for n, g, s in golds], outputs, args.per_doc, "as given")
        pdfs = [(n, g, s) for n, g, s in golds if s.suffix.lower() == ".pdf"]
        if args.route in ("text", "both") and pdfs:
            texts = []
            for name, gold, source in pdfs:
                data = pdf_as_text(source)
                (as_text / f"{source.stem}.txt").write_bytes(data)
                texts.append((name, gold, data))
            outputs = ingest(as_text, work / "out-text")
            score(scorer, texts, outputs, args.per_doc, "real PDFs as extracted text (pypdfium2, CRLF)")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
