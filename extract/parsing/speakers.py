"""Who is speaking in a minutes sentence: the person, post or body its subject names.

Split from the intervention reader so that recognising speakers (names, honorifics, posts,
"A Member", "Members") can be read and tested apart from walking the minutes. A meeting's
registry (MeetingContext) grows as its items are read: "J Sunter, PH Strategic Manager (L,AW)"
teaches that the PH Strategic Manager is J Sunter, so a later "The PH Strategic Manager" is her.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate

from extract.parsing.clauses import LABEL
from extract.parsing.roster import to_person
from extract.parsing.names import Name, is_councillor, parse_name, parse_name_list, split_title
from extract.parsing.people_match import same_person
from extract.text.clean import plain
from extract.base.vocabulary import canonical, canonical_words, chair_role_for, phrase_alternation, vocabulary
from schemas import Attendance, Person

MAX_SUBJECT_WORDS = 14
_INITIALS = re.compile(r"[A-Z]{2,4}")
_ASKED_BY = re.compile(r"(?:asked |raised |made |put )?(?:by|from) (?P<asker>.+?)(?:\s+(?:on|about|regarding|in relation to|concerning)\s.*)?$",
                       re.IGNORECASE | re.DOTALL)
_ASKER_POSSESSIVE = re.compile(r"^(?P<asker>[A-Z][^,']{1,60}?)['’]s\s+(?:inquiry|enquiry|question|query|comments?|request|concerns?)\b")
_SECOND_SPEAKER = re.compile(r"(?<!\s)\s+(?:and|&)\s+(?=(?:the\s|The\s|Councillor|Cllr|Mr\b|Mrs\b|Ms\b|Dr\b|[A-Z]\s))")
_THE = re.compile(r"the\s", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^)]*\)")
_SPACED_BRACKETED = re.compile(r"\s*\([^)]*\)")
_WHO = re.compile(r"\s+who\s+")


@dataclass(slots=True)
class Speaker:
    person: Person | None
    role: str | None
    resolved: bool
    member: bool
    printed: str | None = None
    collective: bool = False  # "Members": the body speaking as a whole, not a turn

    @property
    def key(self) -> str:
        return self.person.id if self.person else canonical(self.role or "")


@dataclass(slots=True)
class MeetingContext:
    """What the meeting tells us about its people, growing as items are read in order."""

    people: list[Person] = field(default_factory=list)
    members: set[str] = field(default_factory=set)
    roles: dict[str, Person] = field(default_factory=dict)
    names: dict[str, Name | None] = field(default_factory=dict)  # named_person's answers: subjects repeat ('He', 'The Chair')
    initialled: dict[tuple[str, int], Person | None] = field(default_factory=dict)  # by_initials's answers
    surnames: dict[str, list[Person]] = field(default_factory=dict)  # people by surname in lower case, for find
    indexed: int = 0  # how many people the surname index holds
    learnt: int = 0  # how many times learn() has changed people or roles: parse_subjects's answers hold while it stays
    subjects: dict[tuple[str, int], list[Speaker]] = field(default_factory=dict)  # parse_subjects's answers ('He', 'The Chair' repeat)

    def named(self, text: str) -> Name | None:
        """named_person(text), worked out once a meeting (the Name is read, never changed, here)."""
        if text not in self.names:
            self.names[text] = named_person(text)
        return self.names[text]

    @classmethod
    def from_attendance(cls, attendance: list[Attendance]) -> MeetingContext:
        context = cls()
        for entry in attendance:
            context.people.append(entry.person)
            # an uncategorised "Present:" list is the body's own members (officers are "in attendance")
            uncategorised_present = entry.category is None and entry.status == "present"
            if entry.category in ("member", "co-opted member") or is_councillor(entry.person.title) or uncategorised_present:
                context.members.add(entry.person.id)
            if entry.role:
                context.roles[canonical(entry.role)] = entry.person
            if entry.position:
                context.roles[canonical(entry.position)] = entry.person
        return context

    def by_initials(self, text: str) -> Person | None:
        """The one person of the meeting printed as 'CC' or 'FRE' (given initial and surname's first letters)."""
        if not _INITIALS.fullmatch(text):
            return None
        key = (text, len(self.people))  # people are only ever added: their count says whether the answer still holds
        if key not in self.initialled:
            matches = {p.id: p for p in self.people if p.given and p.given[0] + p.surname.replace(" ", "")[: len(text) - 1].upper() == text
                       or p.initials and p.initials + p.surname[0] == text}
            self.initialled[key] = next(iter(matches.values())) if len(matches) == 1 else None
        return self.initialled[key]

    def find(self, name: Name) -> Person | None:
        # same_person's first test is the surname: most people fail it, so only those who pass are asked
        matches = {p.id: p for p in self._with_surname(name.surname.lower()) if same_person(p, name)}
        return next(iter(matches.values())) if len(matches) == 1 else None

    def _with_surname(self, surname: str) -> list[Person]:
        """The meeting's people with this surname (in lower case), in order; the index is made
        again when people have been added (they are never taken away)."""
        if self.indexed != len(self.people):
            self.surnames = {}
            for person in self.people:
                self.surnames.setdefault(person.surname.lower(), []).append(person)
            self.indexed = len(self.people)
        return self.surnames.get(surname, [])

    def learn(self, person: Person, role: str | None) -> Person:
        known = self.find(person)
        if known is None:
            self.people.append(person)
            known = person
            self.learnt += 1
        if role and self.roles.get(key := _role_key(role)) is not known:
            self.roles[key] = known
            self.learnt += 1
        return known


def _role_key(role: str) -> str:
    return canonical(_LEADING_THE.sub("", role.strip()))


@cache
def _role_pattern() -> re.Pattern[str]:
    heads = vocabulary().speakers.role_heads
    # a head word anywhere: "Overview and Scrutiny Officer", "Head of Housing", "Director of Public Health"
    return re.compile(r"(?<![\w-])" + phrase_alternation(heads) + r"(?![\w-])")


@cache
def pronoun_pattern() -> re.Pattern[str]:
    return re.compile(r"^(?:" + phrase_alternation(vocabulary().speakers.pronouns) + r")$", re.IGNORECASE)


def _named(text: str) -> Name | None:
    name = parse_name(text)
    if name is None or not (name.title or name.given) or name.end - name.start < len(text.strip().rstrip(".,")) - 1:
        return None
    return name


@cache
def _adverbs() -> re.Pattern[str]:
    return re.compile(r"(?<!\s)(?:\s+(?:" + phrase_alternation(vocabulary().speakers.adverbs) + r"))+$", re.IGNORECASE)


def looks_like_role(text: str) -> bool:
    """A Title Case noun phrase holding a role word: 'Head of Housing', 'PH Strategic Manager (L,AW)'."""
    text = _BRACKETED.sub("", text).strip()
    joiners = _role_joiners()
    words = text.split()
    if not words or any(not (w[0].isupper() or w in joiners or not w[0].isalpha()) for w in words):
        return False
    return bool(_role_pattern().search(text))


@cache
def _role_joiners() -> frozenset[str]:
    return frozenset(vocabulary().speakers.role_joiners)


def named_person(text: str) -> Name | None:
    """A named person, even when their title holds a role word ('Chief Superintendent A Green')."""
    name = _named(text)
    if name is None:
        return None
    _, rest = split_title(text)
    return None if looks_like_role(rest) else name


def parse_subject(subject: str, context: MeetingContext) -> Speaker | None:
    """The (first) speaker a sentence's subject names, resolved against the meeting where possible."""
    speakers = parse_subjects(subject, context)
    return speakers[0] if speakers else None


def parse_subjects(subject: str, context: MeetingContext) -> list[Speaker]:
    """Every speaker a subject names, in order (read_subjects), worked out once while the meeting
    has learnt nothing new: a subject's speakers depend only on the subject and on the people and
    roles the meeting knows, and a reading that taught the meeting something is not kept.
    The speakers are shared between the sentences that name them: they are read, never changed."""
    key = (subject, context.learnt)
    if key in context.subjects:
        return context.subjects[key]
    speakers = read_subjects(subject, context)
    if context.learnt == key[1]:
        context.subjects[key] = speakers
    return speakers


def read_subjects(subject: str, context: MeetingContext) -> list[Speaker]:
    """Every speaker a subject names, in order: "Mr Gough and Mr Oakford" is two.

    A subject that names nobody as a whole may end with one after a comma, 'and' or a dash
    ("Furthermore, Ms Carpenter", "It was important ... and Mrs Chandler", "Goalpost Design – CC").
    """
    text = _adverbs().sub("", _unlabelled(plain(subject)).strip(" ,")).strip(" ,")
    dashes = _top_level(_DASH, text)
    if dashes and _starts_speaker(text[dashes[-1].end():], context):
        text = text[dashes[-1].end():]  # "Grit Bins - Cllr Mrs Leamon": a heading, then the speaker
    speakers = [speaker for group in _co_subjects(text, context) if (speaker := _printed(group, context))]
    if speakers:
        return speakers
    tail = _tail(text)
    if tail and (_starts_speaker(tail, context) or _named_role(tail)):
        speaker = _printed(tail, context)
        return [speaker] if speaker else []
    return []


def _unlabelled(text: str) -> str:
    """Text without a leading paragraph label ('b.', '(3)', '2.')."""
    label = LABEL.match(text.strip())
    return text.strip()[label.end():] if label else text


def _printed(text: str, context: MeetingContext) -> Speaker | None:
    speaker = _subject(text, context)
    if speaker is not None and speaker.printed is None:
        speaker.printed = _adverbs().sub("", text).strip(" ,")
    return speaker


_SEPARATOR = re.compile(r",\s*(?:(?:and|&)\s+)?|\s+(?:and|&)\s+")
_DASH = re.compile(r"\s+[–—-]\s+")
_TAIL_SEPARATOR = re.compile(r",\s*|\s+(?:and|&)\s+|\s+[–—-]\s+|:\s+")


def _top_level(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """The pattern's matches in text that sit outside brackets."""
    if "(" not in text and ")" not in text:
        return list(pattern.finditer(text))  # no brackets: every match is outside them
    depths = list(accumulate((char == "(") - (char == ")") for char in text))
    return [m for m in pattern.finditer(text) if depths[m.start()] == 0]


def _co_subjects(text: str, context: MeetingContext) -> list[str]:
    """A subject cut into the people it lists; a role or name after a comma stays with the one
    before it ("The Overview and Scrutiny Officer, Jonathan Slee", "Joanne Carpenter, Manager")."""
    groups: list[str] = []
    position, separator = 0, ""
    for match in _top_level(_SEPARATOR, text) + [None]:
        piece = text[position: match.start() if match else len(text)]
        appositive = (separator.strip() == "," and groups and not _named_in(groups[-1], context) and _named_in(piece, context)
                      and looks_like_role(_LEADING_THE.sub("", groups[-1].strip())))
        if groups and (appositive or not _starts_speaker(piece, context)):
            groups[-1] += separator + piece
        else:
            groups.append(piece)
        if match:
            position, separator = match.end(), match.group()
    return [g.strip(" ,") for g in groups if g.strip(" ,")]


def _named_in(text: str, context: MeetingContext) -> bool:
    return any(context.named(part.strip()) for part in _BRACKETED.sub("", text).split(","))


def _starts_speaker(piece: str, context: MeetingContext) -> bool:
    """Whether a piece of a subject names a speaker of its own: a titled or known person, 'A Member',
    'The Chair' ('Corporate Policy' in 'T Gorman, Corporate Policy and Performance Manager' does not)."""
    piece = _SPACED_BRACKETED.sub("", piece).strip(" ,")
    folded = canonical(piece)
    if folded in canonical_words("speakers", "members") or folded in canonical_words("speakers", "collective"):
        return True
    name = context.named(piece)
    if name is not None and (name.title or context.find(name) is not None):
        return True
    if context.by_initials(piece) is not None:
        return True
    return bool(_THE.match(piece)) and looks_like_role(piece[4:])


def _named_role(text: str) -> bool:
    return bool(_THE.match(text)) and looks_like_role(text[4:].strip())


def _tail(text: str) -> str | None:
    """What follows the last comma, 'and' or dash outside brackets."""
    found = _top_level(_TAIL_SEPARATOR, text)
    return text[found[-1].end():].strip() if found else None


def _subject(subject: str, context: MeetingContext) -> Speaker | None:
    text = plain(subject).strip(" ,")
    text = _SECOND_SPEAKER.split(text, maxsplit=1)[0]
    text = _adverbs().sub("", text).strip(" ,")
    if not text or len(text.split()) > MAX_SUBJECT_WORDS:
        return None
    if canonical(text) in canonical_words("speakers", "members"):
        return Speaker(None, "Member", False, True, text)
    if canonical(text) in canonical_words("speakers", "collective"):
        return Speaker(None, "Members", False, True, text, collective=True)
    initialled = context.by_initials(text)
    if initialled is not None:
        return Speaker(initialled, None, True, initialled.id in context.members, text)
    bare = _LEADING_THE.sub("", text)
    comma = _comma_outside_brackets(bare)
    if comma is not None:
        left, right = bare[:comma].strip(), bare[comma + 1:].strip()
        right = _WHO.split(right)[0]
        left_name, right_name = context.named(left), context.named(right)
        if left_name:
            return _person_speaker(left_name, right or None, context)
        if right_name and looks_like_role(left):
            return _person_speaker(right_name, left, context)
    # "The Deputy Prime Minister" is a post, not a person called Minister
    name = context.named(bare) if bare == text or split_title(bare)[0] else None
    if name is not None:
        return _person_speaker(name, None, context)
    if looks_like_role(bare):
        return _role_speaker(bare, context)
    return None


def _comma_outside_brackets(text: str) -> int | None:
    if "," not in text:
        return None
    if "(" not in text and ")" not in text:
        return text.index(",")
    depth = 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            return index
    return None


def _person_speaker(name: Name, role: str | None, context: MeetingContext) -> Speaker:
    person = context.learn(to_person(name), role)
    member = person.id in context.members or is_councillor(person.title)
    return Speaker(person, role, True, member)


def _role_speaker(role: str, context: MeetingContext) -> Speaker:
    chair = chair_role_for(role)
    person = context.roles.get(canonical(chair)) if chair else context.roles.get(_role_key(role))
    member = bool(chair) or canonical(role) == "member" or (person is not None and person.id in context.members)
    return Speaker(person, role, person is not None, member)


def find_asker(words: str, context: MeetingContext) -> Speaker | None:
    """Who asked, in 'to a question asked by Councillor Avery' or "to Mayor Ezzy Ashcraft's inquiry"."""
    found = _ASKED_BY.search(words) or _ASKER_POSSESSIVE.match(words)
    if not found:
        return None
    askers = [n for n in parse_name_list(found["asker"]) if n.title or n.given]
    if not askers:
        return None
    asker = _person_speaker(askers[0], None, context)
    asker.printed = found["asker"][askers[0].start:askers[0].end]
    return asker
