"""Markdown syntax blanked out of a line, keeping every other character in its column.

Minutes re-posted as Markdown (a village website's export, a scraper's Obsidian notes) carry
YAML front matter, `#` headings, `>` quotes and `> [!abstract]- Present:` callouts, `1\\.`
escapes, `[text](url)` links and `&nbsp;` entities. Parsers want the words, and spans want the
columns, so each piece of syntax becomes spaces (an escaped character moves one column left
into its backslash's place) and a line keeps its length.
"""

from __future__ import annotations

import html
import re

_FRONT_MATTER_FENCE = re.compile(r"^(?:---|\+\+\+)\s*$")
_FRONT_MATTER_TITLE = re.compile(r"^(?P<key>title\s*:\s*)(?P<quote>[\"']?)(?P<value>.*?)(?P=quote)\s*$", re.IGNORECASE)
_LEAD = re.compile(r"^(?P<lead>\s*(?:>\s?)*(?:\[![\w-]+\][-+]?\s?)?(?:#{1,6}\s+)?)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LINK = re.compile(r"!?\[(?P<text>[^\]\n]{0,500})\]\((?:<[^>\n]{0,2000}>|[^)\s]{0,2000})(?:\s+\"[^\"\n]{0,200}\")?\)")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_RULE = re.compile(r"^\s*(?:[*_-]\s*){3,}$")
MAX_FRONT_MATTER_LINES = 60


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


def blank_front_matter_line(text: str) -> str:
    """A front-matter line: its title's value kept in place (a title names the meeting), the rest blank."""
    title = _FRONT_MATTER_TITLE.match(text)
    if not title:
        return " " * len(text)
    return " " * title.start("value") + title["value"] + " " * (len(text) - title.end("value"))


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
