"""A page's characters and drawn paths read through pdfium's C API (pypdfium2.raw).

pypdfium2's helpers wrap every call in Python objects: a char box costs four new ctypes doubles
and a page object a Python object with a finaliser, which made reading them most of the reader's
time. Here the same C functions are called with buffers made once per page, and page objects are
never wrapped: the values are the ones the helpers return, at a fraction of the cost. The calls
made thousands of times a page go through copies of pypdfium2's functions without ctypes'
argument checks (`_unchecked`), given arguments already of their C types: half the cost a call.
"""

from __future__ import annotations

import ctypes
from functools import cache
from types import SimpleNamespace


def _unchecked(function):
    """pypdfium2's C function without its argument types: ctypes passes each argument as it is,
    so each must already be its C type (a handle as pypdfium2 returns it, an int, byref(...))."""
    fast = type(function)(ctypes.cast(function, ctypes.c_void_p).value)
    fast.restype = function.restype
    return fast


@cache
def _c() -> SimpleNamespace:
    """The unchecked functions, made once a process (pypdfium2 is imported only to read a PDF)."""
    import pypdfium2.raw as pdfium_c

    names = ("FPDFText_GetCharBox", "FPDFPage_CountObjects", "FPDFPage_GetObject", "FPDFPageObj_GetType",
             "FPDFFormObj_CountObjects", "FPDFFormObj_GetObject", "FPDFPageObj_GetBounds")
    bounds = (ctypes.c_float * 4)()
    return SimpleNamespace(**{name: _unchecked(getattr(pdfium_c, name)) for name in names},
                           PATH=pdfium_c.FPDF_PAGEOBJ_PATH, FORM=pdfium_c.FPDF_PAGEOBJ_FORM,
                           bounds=bounds, bounds_args=tuple(ctypes.byref(bounds, 4 * i) for i in range(4)))


class PageChars:
    """One text page's characters: their boxes, and the text inside a rectangle."""

    def __init__(self, textpage):
        import pypdfium2.raw as pdfium_c

        self._textpage = textpage
        self._raw = textpage.raw
        self._box_of = _c().FPDFText_GetCharBox
        self._bounded = pdfium_c.FPDFText_GetBoundedText
        self._count = pdfium_c.FPDFText_CountChars(self._raw)
        self._box = (ctypes.c_double * 4)()  # left, bottom, right, top
        # FPDFText_GetCharBox's order: left, right, bottom, top
        self._box_args = tuple(ctypes.byref(self._box, 8 * i) for i in (0, 2, 1, 3))
        self._buffer = None

    def box(self, index: int) -> tuple[float, float, float, float] | None:
        """(left, bottom, right, top) of a character, as PdfTextPage.get_charbox gives it; None
        for an index outside the page's characters."""
        if not self._box_of(self._raw, index, *self._box_args):
            return None
        return tuple(self._box)

    def tallest(self, indexes: list[int]) -> tuple[float, float] | None:
        """(top, height) of the tallest of these characters (the first of the tallest), as their
        boxes give them; None when none has a box."""
        box_of, raw, box = self._box_of, self._raw, self._box
        left, right, bottom, top = self._box_args
        best = height = None
        for index in indexes:
            if box_of(raw, index, left, right, bottom, top) and (best is None or box[3] - box[1] > height):
                best, height = box[3], box[3] - box[1]
        return None if best is None else (best, height)

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
    c = _c()
    found: list = []

    def walk(count: int, get, parent, level: int) -> None:
        for index in range(count):
            handle = get(parent, index)
            kind = c.FPDFPageObj_GetType(handle)
            if kind == c.PATH:
                found.append(handle)
            elif kind == c.FORM and level < depth - 1:
                walk(c.FPDFFormObj_CountObjects(handle), c.FPDFFormObj_GetObject, handle, level + 1)

    walk(c.FPDFPage_CountObjects(page.raw), c.FPDFPage_GetObject, page.raw, 0)
    return found


def object_bounds(handle) -> tuple[float, float, float, float]:
    """(left, bottom, right, top) of a page object, as PdfObject.get_bounds gives it."""
    c = _c()
    c.FPDFPageObj_GetBounds(handle, *c.bounds_args)
    return tuple(c.bounds)
