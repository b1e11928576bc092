"""Names as committee papers print them, and lists of them, to people.

"Councillors B Avery, J Charlton and C Wilson" is three Councillors; "Chief Fire Officer
Stuart Errington" has a three-word title; "Councillor D Boyes (Chairman)" chairs. The title
words, chair words and substitution phrases come from the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.base.vocabulary import canonical, canonical_words, chair_role_for, lookup, phrase_alternation, vocabulary

_INITIALS = re.compile(r"^(?:[A-Z]\.?){1,3}$")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]?['’])?[A-Z][\w'’.\-]*$")
_CAPITAL = re.compile(r"[A-Z]")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")  # what an id's slug replaces with a hyphen
_STOP_WORDS = {"and", "the", "of", "for", "who", "was", "were", "had", "has", "on", "due", "with", "to", "as", "in", "at", "from"}


@dataclass(slots=True)
class Name:
    """One person parsed from a string, with where it sat in that string."""

    title: str | None
    given: str | None
    surname: str
    start: int
    end: int
    role: str | None = None  # Chair | Vice-Chair
    position: str | None = None
    category: str | None = None
    substitute_for: Name | None = None

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}" if self.given else self.surname

    @property
    def initials(self) -> str | None:
        if not self.given:
            return None
        letters = _CAPITAL.findall(self.given) if _all_initials(self.given) else [w[0] for w in self.given.split()]
        return "".join(letters).upper() or None

    @property
    def id(self) -> str:
        return person_id(self.initials, self.surname)


def person_id(initials: str | None, surname: str) -> str:
    """A stable id from initials and surname: 'J Smith' and 'John Smith' -> 'j-smith'."""
    slug = _NOT_SLUG.sub("-", surname.lower().replace("’", "'").replace("'", "")).strip("-")
    return f"{initials.lower()}-{slug}" if initials else slug


def is_councillor(title: str | None) -> bool:
    """Whether a printed title makes its bearer an elected member ('Cllr', 'County Councillor')."""
    return bool(title) and canonical(title).startswith(_councillor_titles())


@cache
def _councillor_titles() -> tuple[str, ...]:
    return tuple(canonical(title) for title in vocabulary().honorifics.councillors)


def spelled_given_name(given: str | None) -> str | None:
    """The first given name, lower case, when the given names are spelled out ('Stuart Errington')
    rather than initials ('S', 'J. A.'): what tells apart people whose initials and surname agree."""
    if not given or all(len(part.rstrip(".")) == 1 for part in given.split()):
        return None
    return given.split()[0].lower()


def _all_initials(given: str) -> bool:
    return all(_INITIALS.match(word) for word in given.split())


@cache
def _title_pattern() -> re.Pattern[str]:
    honorifics = vocabulary().honorifics
    words = honorifics.titles + list(honorifics.plurals)
    return re.compile(r"^(?P<title>" + phrase_alternation(words) + r")(?=[\s:]|$)", re.IGNORECASE)


@cache
def _category_pattern() -> re.Pattern[str]:
    prefixes = vocabulary().honorifics.category_prefixes
    return re.compile(r"^(?P<category>" + phrase_alternation(prefixes) + r")(?=\s|$)", re.IGNORECASE)


@cache
def _substitution_pattern() -> re.Pattern[str]:
    phrases = vocabulary().substitution.inline
    return re.compile(r"^(?:as\s+)?(?:a\s+)?" + phrase_alternation(phrases) + r"\s+(?P<other>.+)$", re.IGNORECASE)


def canonical_title(title: str) -> str:
    """The singular, as-listed spelling of a title ('councillors' -> 'Councillor')."""
    honorifics = vocabulary().honorifics
    plural = lookup(honorifics.plurals, title)
    if plural:
        return plural
    for known in honorifics.titles:
        if canonical(known) == canonical(title):
            return known.rstrip(".") if known.endswith(".") and len(known) > 3 else known
    return title


def _is_plural_title(title: str) -> bool:
    return lookup(vocabulary().honorifics.plurals, title) is not None


def split_title(text: str) -> tuple[str | None, str]:
    """('Chief Superintendent', 'A Green') from 'Chief Superintendent A Green'; a courtesy title
    after an office is part of the title ('Cllr Mrs M Leamon' -> 'Cllr Mrs', 'M Leamon')."""
    match = _title_pattern().match(text)
    if not match:
        return None, text
    end = match.end()
    rest = text[end:].lstrip(" \t")
    second = _title_pattern().match(rest)
    if second and not _is_plural_title(match["title"]) and not _is_plural_title(second["title"]) \
            and not re.fullmatch(r"[A-Z]{2,5}", second["title"]):  # 'DS', 'PC' may be initials
        end = len(text) - len(rest) + second.end()
    return text[:end].strip(), text[end:].lstrip(" \t:")


def _trailing_parentheses(text: str) -> tuple[str, list[str]]:
    """Strip '(...)' groups from the end of text; return the rest and the groups, in order."""
    groups: list[str] = []
    text = text.rstrip()
    while text.endswith(")"):
        depth, index = 0, len(text) - 1
        while index >= 0:
            depth += {")": 1, "(": -1}.get(text[index], 0)
            if depth == 0:
                break
            index -= 1
        if index < 0:
            break
        groups.insert(0, text[index + 1 : -1].strip())
        text = text[:index].rstrip()
    return text, groups


_DIGIT = re.compile(r"\d")
_POSITION_DASH = re.compile(r"(?<!\s)\s+[–—-]\s+")  # 'Claire Cann – Chair'


def parse_name(text: str, default_title: str | None = None, start: int = 0, lone: bool = False) -> Name | None:
    """One name with optional title and trailing '(Chair)', '(substitute for ...)', '(Head of X)'.

    Returns None when the text is not a name (prose, a heading, a number). With lone, a single
    capitalised word is a surname: where the text is known to be names ("AYES: Mashack, Brown").
    """
    raw = text
    text = text.strip().rstrip(".;,")
    lead = len(raw) - len(raw.lstrip())
    full_length = len(text)
    if not text or _DIGIT.search(text.split("(")[0]):
        return None
    category = None
    match = _category_pattern().match(text)
    if match:
        category = lookup(vocabulary().honorifics.category_prefixes, match["category"])
        text = text[match.end():].lstrip()
        default_title = None
    body, groups = _trailing_parentheses(text)
    position = None
    dash = _POSITION_DASH.search(body) if "-" in body or "–" in body or "—" in body else None
    if dash:
        body, position = body[: dash.start()], body[dash.end():].strip()
        body, inner = _trailing_parentheses(body)  # 'Claire Cann (CC) – Chair'
        groups = inner + groups
    title, rest = split_title(body)
    if title:
        title = canonical_title(title)
    rest_start = len(body) - len(rest)  # rest is a suffix of body, body a prefix of text
    words = _without_post_nominals(rest.split())
    # A name stops at the first word that cannot be part of one ("... who was on leave").
    kept: list[str] = []
    for word in words:
        bare = word.strip(",.;:")
        if bare.lower() in _STOP_WORDS or not (_NAME_WORD.match(bare) or _is_particle(bare)):
            break
        kept.append(bare)
    if not kept or len(kept) > 5 or _is_particle(kept[-1]):
        return None
    if len(kept) < len(words) and (groups or position):
        return None  # prose between the name and its bracket: not a plain list entry
    cut = _name_before_body(kept)
    if cut == 0 and not title:
        return None  # 'Boughton Parish Council' is a body, not a person
    if cut:  # 'Cllr M Storey Norfolk County Council': the council is where he sits, not his name
        groups = groups + [" ".join(kept[cut:])]
        kept = kept[:cut]
    groups = [g for g in groups if not _initials_of(g, kept)]
    surname_start = len(kept) - 1
    while surname_start > 0 and _is_particle(kept[surname_start - 1]):
        surname_start -= 1
    surname = " ".join(kept[surname_start:])
    given = " ".join(kept[:surname_start]) or None
    if _INITIALS.match(surname) and len(surname.rstrip(".")) > 1 and not given:
        return None  # "AJ" alone is initials, not a surname
    if not (title or given or default_title or category or lone) and len(kept) == 1 and not groups:
        return None  # a lone capitalised word is too weak to be a person
    role = chair_role_for(position) if position else None
    substitute_for = None
    positions = [position] if position and not role else []
    for group in groups:
        chair = chair_role_for(group)
        substitution = _substitution_pattern().match(group)
        if chair:
            role = chair
        elif substitution:
            substitute_for = parse_name(substitution["other"], default_title=title or default_title)
        elif group:
            positions.append(group)
    end = start + lead + full_length
    if len(kept) < len(rest.split()) and not (groups or position):
        # the entry ends with its last name word, not the prose (or letters) after it
        last_word = list(re.finditer(r"\S+", rest))[len(kept) - 1]
        end = start + lead + rest_start + last_word.start() + len(kept[-1])
    return Name(
        title=title or (canonical_title(default_title) if default_title else None),
        given=given,
        surname=surname,
        start=start + lead,
        end=end,
        role=role,
        position="; ".join(positions) or None,
        category=category,
        substitute_for=substitute_for,
    )


def _without_post_nominals(words: list[str]) -> list[str]:
    """The words of a name without letters printed after it ('Mr R Love OBE')."""
    post_nominals = _post_nominals()
    while len(words) > 1 and words[-1].strip(",.;:").upper() in post_nominals:
        words = words[:-1]
    return words


@cache
def _post_nominals() -> frozenset[str]:
    """Letters printed after a name ('OBE', 'MBE'), in capitals."""
    return frozenset(word.upper() for word in vocabulary().honorifics.post_nominals)


def _name_before_body(kept: list[str]) -> int | None:
    """How many words are the name when a body's name follows it ('M Storey Norfolk County
    Council' -> 2): after initials, one surname; after a spelled given name, one more word.
    None when no body is named; 0 when the words leave no name before the body's name."""
    body = next((i for i, word in enumerate(kept) if canonical(word) in canonical_words("segments", "body_words")), None)
    if body is None:
        return None
    initials = 0
    while initials < body and _INITIALS.match(kept[initials]) and len(kept[initials].rstrip(".")) == 1:
        initials += 1
    cut = initials + 1 if initials else 2
    return cut if cut < body else 0


def _initials_of(group: str, kept: list[str]) -> bool:
    """'(PB)' after 'Pam Bullas', '(FRE)' after 'Frank Reid': the person's initials, printed to
    key later references, not a post."""
    if not re.fullmatch(r"[A-Z]{2,4}", group) or len(kept) < 2:
        return False
    return group[0] == kept[0][0] and kept[-1][0] in group[1:]


def _is_particle(word: str) -> bool:
    return word in vocabulary().honorifics.surname_particles


_NEXT_NAME = re.compile(r"[ \t]+(?=[A-Z][a-z]*\.?\s+[A-Z])")
_SEPARATOR = re.compile(r",\s*(?:(?:and|&)\s+)?|;\s*|(?<!\s)\s+(?:and|&)\s+", re.IGNORECASE)


def _split_points(text: str) -> list[tuple[int, int]]:
    """(start, end) of each list entry: split at commas, semicolons, 'and', '&' outside brackets."""
    pieces: list[tuple[int, int]] = []
    depth, begin, index = 0, 0, 0
    while index < len(text):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
            after = _NEXT_NAME.match(text, index + 1)
            if depth == 0 and after:  # 'Mrs N Cooper (Clerk) Cllr M Storey': a comma left out
                pieces.append((begin, index + 1))
                begin = index = after.end()
                continue
        elif depth == 0 and (char in ",;" or char.isspace()):  # where a separator can start
            match = _SEPARATOR.match(text, index)
            if match and match.end() > index:
                pieces.append((begin, index))
                begin = index = match.end()
                continue
        index += 1
    pieces.append((begin, len(text)))
    return [(a, b) for a, b in pieces if text[a:b].strip()]


def parse_name_list(
    text: str, default_title: str | None = None, default_category: str | None = None, lone: bool = False
) -> list[Name]:
    """Every person in a printed list, in order. Entries that are not names are skipped (with
    lone, a single capitalised word is kept as a surname: see parse_name).

    A plural title ("Councillors ...") applies to the entries after it until an entry brings
    its own title or category ("... and Co-opted Member J Welch").
    """
    names: list[Name] = []
    post_nominals = _post_nominals()
    previous_end = 0
    for start, end in _split_points(text):
        fragment = text[start:end]
        if ";" in text[previous_end:start]:
            default_title = None  # a semicolon closes the plural's list ("Councillors A and B; Jane Doe")
        previous_end = end
        if fragment.strip(" .").upper() in post_nominals and names:
            names[-1].end = start + len(fragment.rstrip(" ."))
            continue
        title, rest = split_title(fragment.strip())
        if title and _is_plural_title(title):
            default_title = canonical_title(title)
            rest = rest.lstrip(":").lstrip()
            lead = len(fragment) - len(fragment.lstrip())
            offset = fragment.find(rest, lead) if rest else len(fragment)
            fragment, start = rest, start + offset
        name = parse_name(fragment, default_title=default_title, start=start, lone=lone)
        if name is None:
            continue
        if name.category is None:
            name.category = default_category
        if name.title != (canonical_title(default_title) if default_title else None):
            default_title = None  # an entry with its own title ends the plural's reach
        names.append(name)
    return names
