"""Text for pages that have none, or none readable (a font without a Unicode map): Tesseract
over the page rendered at 300 dpi.

Tesseract (Debian's tesseract-ocr) runs with page segmentation mode 1, which detects the page's
orientation first, so a scan filed on its side is read upright. It is asked for only with
--ocr: reading a scan takes seconds a page, where the text layer takes milliseconds.
"""

from __future__ import annotations

import io
import shutil
import subprocess

OCR_DPI = 300
OCR_TIMEOUT_SECONDS = 120


class OcrUnavailable(RuntimeError):
    """Tesseract is not installed, so --ocr cannot be honoured."""


def tesseract() -> str:
    found = shutil.which("tesseract")
    if found is None:
        raise OcrUnavailable("--ocr needs Tesseract (Debian: apt-get install tesseract-ocr)")
    return found


def ocr_page(page) -> str:
    """The text Tesseract reads on a pypdfium2 page."""
    image = page.render(scale=OCR_DPI / 72).to_pil()
    png = io.BytesIO()
    image.save(png, format="PNG")
    result = subprocess.run([tesseract(), "stdin", "stdout", "--psm", "1", "-l", "eng"], input=png.getvalue(),
                            capture_output=True, timeout=OCR_TIMEOUT_SECONDS, check=False)
    if result.returncode != 0:
        said = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise RuntimeError(said[-1] if said else "tesseract failed")
    return result.stdout.decode("utf-8", "replace")
