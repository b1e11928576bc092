"""Words a printer broke at a line end, joined again.

A PDF's text layer keeps the printer's line breaks, so a word hyphenated across two lines reads
as two fragments ('pro-' / 'gramme') and no phrase or name match finds it.
"""

from __future__ import annotations

import re

_BROKEN_WORD = re.compile(r"(?<![\w-])([a-z]{2,})-$")
_WORD_START = re.compile(r"^([a-z]+)([.,;:!?)]*)(\s+|$)")


def repair_hyphenation(lines: list[str]) -> list[str]:
    """Join words the printer broke at a line end ('pro-' / 'gramme' -> 'programme').

    Only a lower-case fragment before a line that starts lower case is a broken word; a fragment
    that English hyphenates on purpose ('anti-', 'cross-', vocabulary [hyphenation]) keeps its
    hyphen. The rest of the word moves up to its start; the lines stay where they were.
    """
    from extract.base.vocabulary import vocabulary

    out = list(lines)
    if "-\n" not in "\n".join(out) + "\n":  # no line ends with a hyphen: most pages
        return out
    keep = set(vocabulary().hyphenation.keep_after)
    for index in range(len(out) - 1):
        broken = _BROKEN_WORD.search(out[index]) if out[index].endswith(("-", "-\n")) else None
        following = _WORD_START.match(out[index + 1].lstrip()) if broken else None
        if not (broken and following):
            continue
        hyphen = "-" if broken.group(1) in keep else ""
        out[index] = out[index][: broken.end(1)] + hyphen + following.group(1) + following.group(2)
        out[index + 1] = out[index + 1].lstrip()[following.end():]
    return out
