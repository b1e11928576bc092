"""A page's characters and drawn paths read through pdfium's C API (pypdfium2.raw).

pypdfium2's helpers wrap every call in Python objects: a char box costs four new ctypes doubles
and a page object a Python object with a finaliser, which made reading them most of the reader's
time. Here the same C functions are called with buffers made once per page, and page objects are
never wrapped: the values are the ones the helpers return, at a fraction of the cost.
"""

from __future__ import annotations

import ctypes


class PageChars:
    """One text page's characters: their boxes, and the text inside a rectangle."""

    def __init__(self, textpage):
        import pypdfium2.raw as pdfium_c

        self._textpage = textpage
        self._raw = textpage.raw
        self._box_of = pdfium_c.FPDFText_GetCharBox
        self._bounded = pdfium_c.FPDFText_GetBoundedText
        self._count = pdfium_c.FPDFText_CountChars(self._raw)
        self._left, self._right, self._bottom, self._top = (ctypes.c_double() for _ in range(4))
        self._buffer = None

    def box(self, index: int) -> tuple[float, float, float, float] | None:
        """(left, bottom, right, top) of a character, as PdfTextPage.get_charbox gives it; None
        for an index outside the page's characters."""
        if not self._box_of(self._raw, index, self._left, self._right, self._bottom, self._top):
            return None
        return self._left.value, self._bottom.value, self._right.value, self._top.value

    def text_in(self, left: float, bottom: float, right: float, top: float) -> str:
        """The text pdfium reads inside a rectangle, as PdfTextPage.get_text_bounded gives it.

        pdfium scans every character of the page for each call, and get_text_bounded calls it
        twice (to size its buffer, then to fill it). One call fills a buffer that holds any
        answer: pdfium writes at most a line break and a character for each character, two
        UTF-16 units each. get_text_bounded sizes its buffer by code points, not UTF-16 units,
        so text outside the Basic Multilingual Plane is left to it, to be cut as it cuts it.
        """
        if self._buffer is None:
            self._buffer = (ctypes.c_ushort * (4 * max(self._count, 0) + 4))()
        written = self._bounded(self._raw, left, top, right, bottom, self._buffer, len(self._buffer))
        if written <= 0:
            return ""
        try:
            # pdfium counts a terminating NUL written after the text (never part of it: no NUL is read)
            text = ctypes.string_at(self._buffer, 2 * written).decode("utf-16-le").rstrip("\x00")
        except UnicodeDecodeError:  # a lone surrogate, which get_text_bounded drops
            text = None
        if text is None or (text and max(text) > "\uffff"):
            return self._textpage.get_text_bounded(left=left, bottom=bottom, right=right, top=top)
        return text


def path_objects(page, depth: int = 2) -> list:
    """The raw handles of the path objects a page draws, those inside its form objects to `depth`
    levels (as page.get_objects(max_depth=depth) walks them), in the same order; valid while the
    page is open."""
    import pypdfium2.raw as pdfium_c

    found: list = []

    def walk(count: int, get, parent, level: int) -> None:
        for index in range(count):
            handle = get(parent, index)
            kind = pdfium_c.FPDFPageObj_GetType(handle)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                found.append(handle)
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and level < depth - 1:
                walk(pdfium_c.FPDFFormObj_CountObjects(handle), pdfium_c.FPDFFormObj_GetObject, handle, level + 1)

    walk(pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject, page.raw, 0)
    return found


def object_bounds(handle) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a page object, as PdfObject.get_bounds gives it."""
    import pypdfium2.raw as pdfium_c

    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(handle, left, bottom, right, top)
    return left.value, bottom.value, right.value, top.value
