"""A saved council web page (WordPress, ModernGov, eScribe) to the text of its main content.

A saved page is mostly navigation, styles and scripts; the minutes are one element of it
(WordPress's `entry-content`, a `<main>` or `<article>`). That element's text is what the
parsers read, with paragraphs as blank-line-separated blocks and `<br>` as line breaks, so a
page reads like the same minutes saved as text. A table row is a line with a tab between
cells (an empty cell inside a row keeps its tab, so columns stay countable; empty cells at a
row's ends, such as `&nbsp;` spacers, leave none). Spans cite that text (the SourceText's
raw). Markdown minutes that embed HTML blocks read each block with fragment_to_text (see
extract.reading.markdown).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from extract.base.vocabulary import vocabulary

_SKIPPED = {"script", "style", "noscript", "template", "svg", "nav", "form", "select", "button", "iframe"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}
_BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre",
           "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr",
           "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "address"}
_LINE_BREAKS = {"br", "li", "tr", "dt", "dd"}
_CELLS = {"td", "th"}
# Marks where a cell begins while the text is collected; _tidy makes each a tab (none at a line's ends).
# No decoded document holds a NUL (extract.reading.decode replaces it), so the mark cannot be text.
_CELL = "\x00"
_CELL_GAP = re.compile(f" ?{_CELL} ?")


class _Element:
    __slots__ = ("tag", "attrs", "parts")

    def __init__(self, tag: str, attrs: dict[str, str]):
        self.tag, self.attrs, self.parts = tag, attrs, []


class _PageText(HTMLParser):
    """Collects the text of every element, with block and line breaks marked, in one pass."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[_Element] = [_Element("#root", {})]
        self.candidates: list[_Element] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            if tag == "br" and not self.skipping:
                self.stack[-1].parts.append("\n")
            return
        if self.skipping or tag in _SKIPPED:
            self.skipping += 1
            return
        element = _Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].parts.append(element)
        self.stack.append(element)
        self.candidates.append(element)
        if tag in _BLOCKS:
            element.parts.append("\n\n" if tag not in _LINE_BREAKS else "\n")
        elif tag in _CELLS:
            element.parts.append(_CELL)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skipping:
            self.skipping -= 1
            return
        for depth in range(len(self.stack) - 1, 0, -1):  # close up to the matching open tag
            if self.stack[depth].tag == tag:
                if tag in _BLOCKS:
                    self.stack[depth].parts.append("\n\n" if tag not in _LINE_BREAKS else "\n")
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:  # a line break in markup is a space; <br> and blocks break lines
            self.stack[-1].parts.append(data.replace("\r", " ").replace("\n", " "))


def _flatten(element: _Element) -> str:
    out: list[str] = []
    pending = [element]
    while pending:
        part = pending.pop()
        if isinstance(part, str):
            out.append(part)
        else:
            pending.extend(reversed(part.parts))
    return "".join(out)


def _main_content(page: _PageText) -> _Element:
    """The element that holds the document: a known content class or id, else <main>, <article>, <body>."""
    markers = [m.lower() for m in vocabulary().html.main_content]
    for marker in markers:
        for element in page.candidates:
            names = f"{element.attrs.get('class', '')} {element.attrs.get('id', '')}".lower().split()
            if marker in names:
                return element
    for tag in ("main", "article", "body"):
        found = next((e for e in page.candidates if e.tag == tag), None)
        if found is not None:
            return found
    return page.stack[0]


def _parsed(markup: str) -> _PageText:
    page = _PageText()
    page.feed(markup)
    page.close()
    return page


def _tidy(text: str) -> str:
    """Blocks separated by one blank line, spaces folded, a row's cells separated by a tab each."""
    lines = []
    for line in text.replace("\r", "").split("\n"):
        line = re.sub(r"[ \u00a0]+", " ", line)
        lines.append(_CELL_GAP.sub(_CELL, line).strip(" " + _CELL).replace(_CELL, "\t"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def html_to_text(markup: str) -> str:
    """The main content of a page as text: blocks separated by a blank line, white space tidied."""
    return _tidy(_flatten(_main_content(_parsed(markup)))) + "\n"


def fragment_to_text(markup: str) -> str:
    """All the text of a piece of HTML (a block inside Markdown), laid out as html_to_text lays
    out a page, without a final line break."""
    return _tidy(_flatten(_parsed(markup).stack[0]))


def looks_like_html(data: bytes, name: str) -> bool:
    if name.lower().endswith((".html", ".htm")):
        return True
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))
