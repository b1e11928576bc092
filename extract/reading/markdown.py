"""Markdown syntax blanked out of a line, keeping every other character in its column.

Minutes re-posted as Markdown (a village website's export, a scraper's Obsidian notes) carry
YAML front matter, `#` headings, `>` quotes and `> [!abstract]- Present:` callouts, `1\\.`
escapes, `[text](url)` links and `&nbsp;` entities. Parsers want the words, and spans want the
columns, so each piece of syntax becomes spaces (an escaped character moves one column left
into its backslash's place) and a line keeps its length.

Some reposts carry the minutes as raw HTML: a WordPress export pastes the whole minutes (or a
payments list) as one `<table>` on one line, which Markdown passes through as an HTML block
(CommonMark's type 6: a line opening with a block-level tag, up to the next blank line).
Blanking tags in place cannot serve there: one line would hold the whole meeting, tags cut
words in two ('13<sup>th</sup> May' would read '13 th May') and every span would carry tags.
So such a document is read as extract.reading.html reads a saved page: each HTML block is replaced by
its text (extract.reading.html.fragment_to_text: a table row a line, a tab between cells, <p>, <div>,
<li> and <br> breaking lines, tags dropped, entities decoded), and that text, with every other
line exactly as the file has it, is the SourceText's raw. Spans cite raw, so a span's text is
what the document printed and never a tag; its offsets and line numbers count in that text,
as for a saved page. Up to the first HTML block that text is the file itself, and a document
without one reads exactly as before. Text that came from HTML is not Markdown: not blanked.
"""

from __future__ import annotations

import html
import re
from datetime import date

from extract.base.dates import parse_date_fast, year_by_weekday
from extract.reading.html import fragment_to_text

_FRONT_MATTER_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_FRONT_MATTER_TITLE = re.compile(r"^(?P<key>title\s*:\s*)(?P<quote>[\"']?)(?P<value>.*?)(?P=quote)\s*$", re.IGNORECASE)
_FRONT_MATTER_DATE = re.compile(r"^date\s*:\s*[\"']?(?P<value>\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_LEAD = re.compile(r"^(?P<lead>\s*(?:>\s?)*(?:\[![\w-]+\][-+]?\s?)?(?:#{1,6}\s+)?)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LINK = re.compile(r"!?\[(?P<text>[^\]\n]{0,500})\]\((?:<[^>\n]{0,2000}>|[^)\s]{0,2000})(?:\s+\"[^\"\n]{0,200}\")?\)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_RULE = re.compile(r"^\s*(?:[*_-]\s*){3,}$")
MAX_FRONT_MATTER_LINES = 60
_SOURCE_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")  # as extract.reading.decode splits lines
# CommonMark's HTML block of type 6: up to three spaces, then a block-level tag opening or closing.
_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|"
    "dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|"
    "hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|"
    "search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_HTML_BLOCK_START = re.compile(rf"^ {{0,3}}</?(?:{_HTML_BLOCK_TAGS})(?:[\s/>]|$)", re.IGNORECASE)


def is_markdown(name: str, text: str) -> bool:
    return name.lower().endswith((".md", ".markdown")) or bool(_FRONT_MATTER_FENCE.match(text[:4]))


def front_matter_lines(lines: list[str]) -> int:
    """How many lines the YAML front matter takes at the top (fences included), or 0."""
    if not lines or not _FRONT_MATTER_FENCE.match(lines[0]):
        return 0
    for index in range(1, min(len(lines), MAX_FRONT_MATTER_LINES)):
        if _FRONT_MATTER_FENCE.match(lines[index]):
            return index + 1
    return 0


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + " " * (end - start) + text[end:]


def front_matter_date(lines: list[str]) -> date | None:
    """The date the front matter gives its post ('date: "2005-02-01"'), or None."""
    for text in lines[: front_matter_lines(lines)]:
        found = _FRONT_MATTER_DATE.match(text)
        if found:
            return parse_date_fast(found["value"])
    return None


def blank_front_matter_line(text: str, posted: date | None = None) -> str:
    """A front-matter line: its title's value kept in place (a title names the meeting), the rest blank.

    A title that dates the meeting by weekday without a year ('... on Wednesday 15th December')
    takes the year of the post it heads (`posted`); the value moves left into its blanked key
    to make room, so the line keeps its length.
    """
    title = _FRONT_MATTER_TITLE.match(text)
    if not title:
        return " " * len(text)
    value, start = title["value"], title.start("value")
    completed = year_by_weekday(value, posted) if posted else None
    if completed and start >= 5:
        year, end = completed
        value, start = f"{value[:end]} {year}{value[end:]}", start - 5
    return " " * start + value + " " * (len(text) - start - len(value))


def blank_markdown(text: str) -> str:
    """One Markdown line as plain text of the same length."""
    if _RULE.match(text):
        return " " * len(text)
    lead = _LEAD.match(text)["lead"]
    if any(mark in lead for mark in (">", "#", "[!")):
        text = _blank(text, 0, len(lead))
    text = _LINK.sub(lambda m: m["text"] + " " * (len(m.group()) - len(m["text"])), text)
    text = _ENTITY.sub(lambda m: _entity(m.group()), text)
    return _ESCAPE.sub(lambda m: m.group(1) + " ", text)


def _entity(entity: str) -> str:
    char = html.unescape(entity)
    if len(char) != 1 or char == entity:
        return entity
    char = " " if char in "\u00a0\u2002\u2003\u2009" else char
    return char + " " * (len(entity) - 1)


def _html_block_end(lines: list[str], start: int) -> int:
    """The index after an HTML block that opens at lines[start]: it runs to a blank line."""
    end = start + 1
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


def unfold_html_blocks(raw: str) -> tuple[str, set[int]]:
    """raw with each HTML block replaced by its text, and the indexes of the lines that text
    makes (they are not Markdown). raw itself, and no indexes, when it holds no HTML block."""
    lines = _SOURCE_LINE.findall(raw)
    index = front_matter_lines(lines)
    out, from_html = lines[:index], set()
    while index < len(lines):
        if not _HTML_BLOCK_START.match(lines[index]):
            out.append(lines[index])
            index += 1
            continue
        end = _html_block_end(lines, index)
        ending = lines[end - 1][len(lines[end - 1].rstrip("\r\n")):]
        text = fragment_to_text("".join(lines[index:end])).split("\n")
        from_html.update(range(len(out), len(out) + len(text)))
        out.extend(line + (ending or "\n") for line in text[:-1])
        out.append(text[-1] + ending)
        index = end
    return ("".join(out), from_html) if from_html else (raw, from_html)
