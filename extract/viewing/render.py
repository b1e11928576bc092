"""A PDF page as an image, and a span's highlight on it, cached on disk beside the store.

The cache is a folder of files named by the source's SHA-256 and the page (the image) and the
span (its boxes), so the same bytes read from anywhere share it, and a changed file never meets
an old picture. A cache that cannot be written (a store on read-only media) is only not kept.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from extract.viewing.boxes import Box, Word, text_layer_boxes, word_boxes

RENDER_SCALE = 1.5  # 108 dpi: the page readable on a screen at its width
OCR_SCALE = 300 / 72  # Tesseract reads a scan best at 300 dpi (as extract/reading/ocr.py renders it)
OCR_TIMEOUT_SECONDS = 120
CACHE_FOLDER = "minutebook-pages"


def cache_folder(store: Path) -> Path:
    """Where page images and highlight boxes are kept: a folder beside the store."""
    return store.parent / CACHE_FOLDER


@dataclass(frozen=True, slots=True)
class PageSize:
    width: float  # points
    height: float


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write bytes to path whole or not at all (a temporary file in its folder, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _keep(path: Path, data: bytes) -> None:
    """Keep a cache file if the cache folder can be written; else it is only not kept."""
    try:
        write_bytes_atomic(path, data)
    except OSError:
        pass


def _image_path(cache: Path, sha256: str, page: int) -> Path:
    return cache / sha256 / f"page-{page}.png"


def _open_page(pdf: Path, page: int):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    if not 1 <= page <= len(document):
        document.close()
        raise ValueError(f"{pdf}: has no page {page}")
    return document, document[page - 1]


def page_png(pdf: Path, sha256: str, page: int, cache: Path) -> bytes:
    """The page as a PNG, rendered once and then read from the cache."""
    path = _image_path(cache, sha256, page)
    if path.is_file():
        return path.read_bytes()
    document, pdf_page = _open_page(pdf, page)
    try:
        image = pdf_page.render(scale=RENDER_SCALE).to_pil()
    finally:
        document.close()
    data = _png_bytes(image)
    _keep(path, data)
    return data


def _png_bytes(image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=1)  # fast to write; the cache is local
    return out.getvalue()


@dataclass(frozen=True, slots=True)
class Highlight:
    """A span's boxes on one page, with the page's size to place them."""

    page: int
    size: PageSize
    boxes: list[Box]

    def as_json(self) -> str:
        return json.dumps({"page": self.page, "size": [self.size.width, self.size.height],
                           "boxes": [box.as_list() for box in self.boxes]})

    @classmethod
    def from_json(cls, text: str) -> Highlight:
        data = json.loads(text)
        return cls(data["page"], PageSize(*data["size"]), [Box(*box) for box in data["boxes"]])


def highlight(pdf: Path, sha256: str, page: int, wanted: str, before: str | None, ocr: bool, cache: Path) -> Highlight:
    """Where wanted is on a page: computed once, then read from the cache."""
    key = f"{sha256}:{page}:{ocr}:{before}:{wanted}"
    path = cache / sha256 / f"span-{page}-{hashlib.sha256(key.encode()).hexdigest()[:20]}.json"
    if path.is_file():
        return Highlight.from_json(path.read_text(encoding="utf-8"))
    document, pdf_page = _open_page(pdf, page)
    try:
        width, height = pdf_page.get_size()
        if ocr:
            boxes = word_boxes(ocr_words(pdf_page, sha256, page, cache), wanted, before)
        else:
            textpage = pdf_page.get_textpage()
            try:
                boxes = text_layer_boxes(pdf_page, textpage, wanted, before)
            finally:
                textpage.close()
    finally:
        document.close()
    found = Highlight(page, PageSize(width, height), boxes)
    _keep(path, found.as_json().encode())
    return found


def ocr_words(pdf_page, sha256: str, page: int, cache: Path) -> list[Word]:
    """Tesseract's words on a scanned page with their boxes in points (kept in the cache: a page
    takes seconds to read)."""
    path = cache / sha256 / f"ocr-words-{page}.json"
    if path.is_file():
        return [Word(text, Box(*box)) for text, box in json.loads(path.read_text(encoding="utf-8"))]
    from extract.reading.ocr import tesseract

    image = pdf_page.render(scale=OCR_SCALE).to_pil()
    result = subprocess.run([tesseract(), "stdin", "stdout", "--psm", "1", "-l", "eng", "tsv"], input=_png_bytes(image),
                            capture_output=True, timeout=OCR_TIMEOUT_SECONDS, check=False)
    if result.returncode != 0:
        raise RuntimeError("tesseract failed: " + result.stderr.decode("utf-8", "replace").strip()[-200:])
    words = tsv_words(result.stdout.decode("utf-8", "replace"), OCR_SCALE)
    _keep(path, json.dumps([[w.text, w.box.as_list()] for w in words]).encode())
    return words


def tsv_words(tsv: str, scale: float) -> list[Word]:
    """The words of Tesseract's TSV output (level 5 rows), their pixel boxes turned to points."""
    words = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        if row.get("level") == "5" and (row.get("text") or "").strip():
            left, top = int(row["left"]) / scale, int(row["top"]) / scale
            words.append(Word(row["text"], Box(left, top, left + int(row["width"]) / scale,
                                               top + int(row["height"]) / scale)))
    return words


def draw_highlight(png: bytes, highlights: list[Box], scale: float = RENDER_SCALE) -> bytes:
    """The page image with the boxes painted over it in translucent yellow (for `minutebook show`)."""
    from PIL import Image, ImageDraw

    image = Image.open(io.BytesIO(png)).convert("RGBA")
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    pen = ImageDraw.Draw(layer)
    for box in highlights:
        pen.rectangle([box.left * scale - 2, box.top * scale - 2, box.right * scale + 2, box.bottom * scale + 2],
                      fill=(255, 221, 0, 90), outline=(230, 120, 0, 255), width=2)
    return _png_bytes(Image.alpha_composite(image, layer).convert("RGB"))
