"""Lists of people under headings: a front sheet's membership, a minutes' attendance block.

Both are runs of lines where a heading ("Co-opted Members:", "Present:", "In Attendance:")
says what the names after it are, and the names come one per line or many per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.text.blocks import block
from extract.text.headings import Heading, heading_of, inner_heading_pattern, split_heading
from extract.parsing.names import Name, parse_name_list, spelled_given_name, split_title
from extract.text.lines import SourceText
from extract.text.clean import blank_markup
from extract.base.vocabulary import canonical, canonical_words, chair_role_for, phrase_alternation, vocabulary
from schemas import Person, Span


@dataclass(slots=True)
class ListedName:
    name: Name
    heading: Heading
    span: Span


def _sections(text: str) -> list[tuple[Heading | None, int, int]]:
    """(heading or None, start, end) of each part of a line under its own heading; a heading
    indented by the blanked marks around it ('  **Attendance:**') opens its line all the same."""
    indent = len(text) - len(text.lstrip())
    heading, _, start = split_heading(text[indent:])
    start = start + indent if heading is not None else 0
    parts: list[tuple[Heading | None, int, int]] = []
    for match in inner_heading_pattern().finditer(text, start):
        parts.append((heading, start, match.start()))
        heading, start = heading_of(match["heading"]), match.end()
    parts.append((heading, start, len(text)))
    return parts


def to_person(name: Name, span: Span | None = None) -> Person:
    return Person(
        id=name.id,
        name=name.name,
        title=name.title,
        given=name.given,
        initials=name.initials,
        surname=name.surname,
        span=span,
    )


def read_roster(
    source: SourceText, first: int, last: int, heading: Heading | None = None, stop_on_prose: bool = True,
    skip_label: bool = False,
) -> tuple[list[ListedName], int]:
    """Names in lines first..last under their headings; also the last line index read.

    With stop_on_prose, the first line that is neither a heading nor a list of names ends the
    roster (a membership list ends where the contact details begin).
    """
    found: list[ListedName] = []
    last_read = first - 1
    for run in _logical_lines(source, first, last):
        line_block = block(source, run[0], run[-1])
        text = _without_counts(blank_markup(line_block.text))
        parts = _sections(text)
        if parts[0][0] is None and skip_label and run[0] == first:  # "Membership: Councillors ...": names after the label
            parts[0] = (None, text.index(":") + 1, parts[0][2])
        elif parts[0][0] is None and found and _other_label(text):
            break  # 'Disclosure of pecuniary interest: None.', 'Distribution: ...': the lists have ended
        read_any = False
        for new_heading, lead, end in parts:
            heading = new_heading or heading
            names = _names_in(text[lead:end], heading)
            if not names and not text[lead:end].strip():
                read_any = True
            for name in names:
                span = line_block.span(source, lead + name.start, lead + name.end)
                found.append(ListedName(name, heading or Heading(None, None), span))
                read_any = True
        if not read_any:
            if stop_on_prose:
                break
            heading = None  # prose ends the list: names in later prose are not under its heading
            continue
        last_read = run[-1]
    return found, last_read


# A column of a member's initials between the name and the post ('Cllr Jo Bruce      JB      Chair').
_INITIALS_COLUMN = re.compile(r"[A-Z]{2,4}")


def _names_in(body: str, heading: Heading | None) -> list[Name]:
    """The people in one part of a roster line: a name in its first column, maybe a column of
    initials, and a post in the next ('Frank Reid (FRE)      Councillor/Chairman'), else a list
    of names."""
    category = heading.category if heading else None
    columns = re.split(r"\s{3,}", body.strip())
    posts = columns[2:] if len(columns) in (2, 3) and _INITIALS_COLUMN.fullmatch(columns[1]) else columns[1:]
    one = parse_name_list(columns[0], default_category=category) if len(columns) in (2, 3) and len(posts) <= 1 else []
    if len(one) == 1 and one[0].position is None:
        name = one[0]
        offset = body.index(columns[0])
        name.start, name.end = name.start + offset, name.end + offset
        name.position = posts[0].strip() if posts else None
        name.role = name.role or (_chair_in(posts[0]) if posts else None)
        names = [name]
    else:
        names = parse_name_list(body, default_category=category)
    return [n for n in _separate_posts(names, body) if n.title or n.given]


def _chair_in(post: str) -> str | None:
    """'Councillor/Chairman' -> 'Chair'."""
    return next((role for part in re.split(r"[/,]", post) if (role := chair_role_for(part.strip()))), None)


def _is_post_word(word: str) -> bool:
    return any(canonical(piece) in canonical_words("honorifics", "posts") for piece in re.split(r"[-/]", word))


def _separate_posts(names: list[Name], text: str) -> list[Name]:
    """Posts printed before a name ('Operations Superintendent Dan MacInnis' -> Dan MacInnis),
    and an entry that is only a post ('Sue Chandler, Cabinet Member for ...') given to the name
    before it. Only for names printed without a title or initials."""
    kept: list[Name] = []
    for name in names:
        words = ((name.given or "") + " " + name.surname).split()
        if name.title or (name.given and spelled_given_name(name.given) is None):
            kept.append(name)
            continue
        posts = [i for i, word in enumerate(words) if _is_post_word(word)]
        if not posts:
            kept.append(name)
            continue
        after = words[posts[-1] + 1 :]
        if len(after) >= 2:
            post = " ".join(words[: posts[-1] + 1])
            name.given, name.surname = " ".join(after[:-1]), after[-1]
            name.start = text.index(after[0], name.start)
            name.position = "; ".join(p for p in (post, name.position) if p)
            kept.append(name)
        elif kept and not kept[-1].position:
            kept[-1].position = text[name.start : name.end].strip()
    return kept


@cache
def _count_pattern() -> re.Pattern[str]:
    """A count of people, not a person: 'and 16 members of the public', 'There was 1 member of the
    public', 'four members of the public', '3 number', a roll call's closing '– 5.'."""
    attendance_lists = vocabulary().attendance_lists
    return re.compile(
        r"(?:\b(?:and|with|plus)\s+|\bthere\s+(?:was|were)\s+)?\b(?:\d+|" + phrase_alternation(attendance_lists.numbers)
        + r")\s+" + phrase_alternation(attendance_lists.counted) + r"\b\.?|\s[–—-]\s*\d+\s*\.?\s*$",
        re.IGNORECASE,
    )


@cache
def _including() -> re.Pattern[str]:
    return re.compile(r"(?:^|(?<=\s))\(\s*" + phrase_alternation(vocabulary().attendance_lists.including) + r"(?!\w)",
                      re.IGNORECASE)


def _without_counts(text: str) -> str:
    """Counts of people blanked (same length, so offsets hold); a bracketed list after a count
    ('3 number (Including Sue Pogmore ..., & Carole Woolnough ...)') is opened."""
    text = _count_pattern().sub(lambda m: " " * len(m.group()), text)
    including = _including().search(text)
    if including and text.rstrip().endswith(")"):
        close = len(text.rstrip()) - 1
        text = text[: including.start()] + " " * len(including.group()) + text[including.end() : close] + " " + text[close + 1 :]
    return text


_OTHER_LABEL = re.compile(r"^\s*[A-Z][\w’'\-]*(?:\s+[\w’'&/\-]+){0,5}\s*:")


def _other_label(text: str) -> bool:
    """A line opening with a label that is not an attendance heading nor a person's name."""
    match = _OTHER_LABEL.match(text)
    return bool(match) and split_title(text.strip())[0] is None and not parse_name_list(match.group().rstrip(": "))


def _starts_entry(text: str) -> bool:
    """A line that opens a new roster entry: a heading, a title ('Councillor'), a category."""
    text = blank_markup(text).strip()
    heading, _, _ = split_heading(text)
    return heading is not None or split_title(text)[0] is not None or bool(_category_start().match(text))


@cache
def _category_start() -> re.Pattern[str]:
    return re.compile(r"^" + phrase_alternation(vocabulary().honorifics.category_prefixes) + r"\b", re.IGNORECASE)


_UNFINISHED = re.compile(r"(?:,|\band|&|\b[A-Z]\.?|\(\s*[^)]*)$")
_OPENING_AND = re.compile(r"(?:and|&)\s", re.IGNORECASE)


def _unfinished(line: str) -> bool:
    """A line that stops mid-entry: at a comma, 'and', a lone initial, or inside brackets."""
    line = blank_markup(line).rstrip()
    return bool(_UNFINISHED.search(line)) or line.count("(") > line.count(")")


def _opens_with_and(text: str) -> bool:
    """'and Mayor Ezzy Ashcraft – 5.': the last of a list, even where a blank line comes before it."""
    return bool(_OPENING_AND.match(blank_markup(text).strip()))


def _carries_on(prior: str, text: str) -> bool:
    """Whether text carries on the entry the prior line left open: the prior line stopped
    mid-entry, or it is a list run on over lines and stopped at a word ('..., Robin' / 'Cahill
    (Senior Commissioner), ...'), or text opens with the bracket of the prior line's last name."""
    prior_text = blank_markup(prior).rstrip()
    return _unfinished(prior) or text.startswith("(") or ("," in prior_text and prior_text[-1:].isalpha())


def _logical_lines(source: SourceText, first: int, last: int) -> list[list[int]]:
    """Lines joined where printing wrapped them: a line that opens no new entry, straight after a
    line that stopped mid-entry, carries it on."""
    runs: list[list[int]] = []
    previous_blank = True
    for index in range(first, last + 1):
        text = source.lines[index].text.strip()
        if not text:
            previous_blank = True
            continue
        prior = source.lines[runs[-1][-1]].text.rstrip() if runs else ""
        if runs and (not previous_blank or _opens_with_and(text)) and _carries_on(prior, text) and not _starts_entry(text):
            runs[-1].append(index)
        else:
            runs.append([index])
        previous_blank = False
    return runs
