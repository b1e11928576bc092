"""Search results as plain lines, one short block a hit, like grep's: readable in a terminal of
any width and in a pipe, and cheap to print. A results table laid out by rich cost more than the
query itself, and folded every column of an 80-column terminal mid-word."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

_SPACE = re.compile(r"\s+")
_MATCH = re.compile(r"\[([^\]]*)\]")  # the store's snippets bracket the matched words
_BOLD_YELLOW, _DIM, _RESET = "\033[1;33m", "\033[2m", "\033[0m"


def colour_wanted(stream) -> bool:
    """Colour for a terminal, never for a pipe or a file, and never when NO_COLOR is set."""
    return stream.isatty() and "NO_COLOR" not in os.environ


def hits_text(query: str, hits, colour: bool = False) -> str:
    """The hits under a heading: date and body, what matched (table, item, who), the snippet with
    the matched words bracketed (highlighted instead where colour is on), and file and line."""
    blocks = [f"{len(hits)} result(s) for {query}"]
    for hit in hits:
        heading = "  ".join(part for part in (hit.date or "", hit.body or "") if part)
        item = f"{hit.item or ''}" + (f" ({hit.who})" if hit.who else "")
        snippet = _SPACE.sub(" ", hit.snippet).strip()
        if colour:
            snippet = _MATCH.sub(lambda m: f"{_BOLD_YELLOW}{m.group(1)}{_RESET}", snippet)
        where = f"{Path(hit.source).name}{f' page {hit.page}' if hit.page else ''} line {hit.line_start}"
        lines = [f"{heading}  [{hit.table}]".lstrip(), f"  {item}" if item.strip() else "", f"  {snippet}",
                 f"  {_DIM}{where}{_RESET}" if colour else f"  {where}"]
        blocks.append("\n".join(line for line in lines if line))
    return "\n\n".join(blocks) + "\n"


def print_hits(query: str, hits) -> None:
    sys.stdout.write(hits_text(query, hits, colour_wanted(sys.stdout)))
