"""Who asked what, who answered, and what was promised, in a minutes item.

Each sentence is read for a speaker (the words before its first speech verb: "Councillor J
Miller", "The PH Strategic Manager (L,AW)", "J Sunter, PH Strategic Manager (L,AW)", "A
Member") and for what it does (the verbs, vocabulary [speech_verbs]). A run of sentences by one
speaker is one intervention; "He also asked ..." after a question is a further question. An
officer who speaks after a member has spoken in the item is answering, whatever the verb.
Roles are resolved to people through a registry that grows as the meeting's items are read:
"J Sunter, PH Strategic Manager (L,AW)" teaches that the PH Strategic Manager is J Sunter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.blocks import Block, block
from extract.nlp import Sentence, VerbHit, sentences, speech_verbs
from extract.parse.roster import to_person
from extract.people import Name, is_councillor, parse_name, parse_name_list, split_title
from extract.people_match import same_person
from extract.read import SourceText
from extract.textclean import plain
from extract.vocabulary import canonical, chair_role_for, phrase_alternation, section
from schemas import Action, Attendance, Intervention, Person

MAX_SUBJECT_WORDS = 14
_IN_RESPONSE_TO = re.compile(
    r"^In (?:response|reply) to (?:a |the |an )?(?:questions?|quer(?:y|ies)|comments?|requests?|points?|issues?)\s+"
    r"(?:asked |raised |made |put )?(?:by|from) (?P<asker>.+?)(?:\s+(?:on|about|regarding|in relation to|concerning) [^,]+)?,\s*(?P<rest>\S.*)$",
    re.IGNORECASE | re.DOTALL,
)
_IN_RESPONSE = re.compile(r"^(?:In (?:response|reply)|Responding)(?: to (?:this|that|these|the (?:question|query|comments?)s?))?,\s*(?P<rest>\S.*)$",
                          re.IGNORECASE | re.DOTALL)
_ASKED_TO = re.compile(r"\basked\s+(?!if\b|how\b|what\b|whether\b|why\b|when\b|where\b|who\b|about\b)[\w\s'(),-]{1,60}?\s+to\s+\w+", re.IGNORECASE)
_SECOND_SPEAKER = re.compile(r"(?<!\s)\s+(?:and|&)\s+(?=(?:the\s|The\s|Councillor|Cllr|Mr\b|Mrs\b|Ms\b|Dr\b|[A-Z]\s))")


@dataclass(slots=True)
class Speaker:
    person: Person | None
    role: str | None
    resolved: bool
    member: bool
    printed: str | None = None

    @property
    def key(self) -> str:
        return self.person.id if self.person else canonical(self.role or "")


@dataclass(slots=True)
class MeetingContext:
    """What the meeting tells us about its people, growing as items are read in order."""

    people: list[Person] = field(default_factory=list)
    members: set[str] = field(default_factory=set)
    roles: dict[str, Person] = field(default_factory=dict)

    @classmethod
    def from_attendance(cls, attendance: list[Attendance]) -> MeetingContext:
        context = cls()
        for entry in attendance:
            context.people.append(entry.person)
            if entry.category in ("member", "co-opted member") or is_councillor(entry.person.title):
                context.members.add(entry.person.id)
            if entry.role:
                context.roles[canonical(entry.role)] = entry.person
            if entry.position:
                context.roles[canonical(entry.position)] = entry.person
        return context

    def find(self, name: Name) -> Person | None:
        matches = {p.id: p for p in self.people if same_person(p, name)}
        return next(iter(matches.values())) if len(matches) == 1 else None

    def learn(self, person: Person, role: str | None) -> Person:
        known = self.find(person)
        if known is None:
            self.people.append(person)
            known = person
        if role:
            self.roles[_role_key(role)] = known
        return known


def _role_key(role: str) -> str:
    return canonical(re.sub(r"^the\s+", "", role.strip(), flags=re.IGNORECASE))


@cache
def _role_pattern() -> re.Pattern[str]:
    heads = section("speakers")["role_heads"]
    # a head word anywhere: "Overview and Scrutiny Officer", "Head of Housing", "Director of Public Health"
    return re.compile(r"(?<![\w-])" + phrase_alternation(heads) + r"(?![\w-])")


@cache
def _member_words() -> frozenset[str]:
    return frozenset(canonical(w) for w in section("speakers")["members"])


@cache
def _pronoun_pattern() -> re.Pattern[str]:
    return re.compile(r"^(?:" + phrase_alternation(section("speakers")["pronouns"]) + r")$", re.IGNORECASE)


@cache
def _question_cue() -> re.Pattern[str]:
    return re.compile(r"\b" + phrase_alternation(section("speech_verbs")["question_cues"]) + r"\b", re.IGNORECASE)


def _named(text: str) -> Name | None:
    name = parse_name(text)
    if name is None or not (name.title or name.given) or name.end - name.start < len(text.strip().rstrip(".,")) - 1:
        return None
    return name


@cache
def _adverbs() -> re.Pattern[str]:
    return re.compile(r"(?<!\s)(?:\s+(?:" + phrase_alternation(section("speakers")["adverbs"]) + r"))+$", re.IGNORECASE)


def _looks_like_role(text: str) -> bool:
    """A Title Case noun phrase holding a role word: 'Head of Housing', 'PH Strategic Manager (L,AW)'."""
    text = re.sub(r"\([^)]*\)", "", text).strip()
    joiners = set(section("speakers")["role_joiners"])
    words = text.split()
    if not words or any(not (w[0].isupper() or w in joiners or not w[0].isalpha()) for w in words):
        return False
    return bool(_role_pattern().search(text))


def _named_person(text: str) -> Name | None:
    """A named person, even when their title holds a role word ('Chief Superintendent A Green')."""
    name = _named(text)
    if name is None:
        return None
    _, rest = split_title(text)
    return None if _looks_like_role(rest) else name


def parse_subject(subject: str, context: MeetingContext) -> Speaker | None:
    """The speaker a sentence's subject names, resolved against the meeting where possible."""
    speaker = _subject(subject, context)
    if speaker is not None and speaker.printed is None:
        speaker.printed = _SECOND_SPEAKER.split(plain(subject).strip(" ,"), maxsplit=1)[0]
        speaker.printed = _adverbs().sub("", speaker.printed).strip(" ,")
    return speaker


def _subject(subject: str, context: MeetingContext) -> Speaker | None:
    text = plain(subject).strip(" ,")
    text = _SECOND_SPEAKER.split(text, maxsplit=1)[0]
    text = _adverbs().sub("", text).strip(" ,")
    if not text or len(text.split()) > MAX_SUBJECT_WORDS:
        return None
    if canonical(text) in _member_words():
        return Speaker(None, "Member", False, True, text)
    bare = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    comma = _comma_outside_brackets(bare)
    if comma is not None:
        left, right = bare[:comma].strip(), bare[comma + 1:].strip()
        right = re.split(r"\s+who\s+", right)[0]
        left_name, right_name = _named_person(left), _named_person(right)
        if left_name:
            return _person_speaker(left_name, right or None, context)
        if right_name and _looks_like_role(left):
            return _person_speaker(right_name, left, context)
    name = _named_person(bare)
    if name is not None:
        return _person_speaker(name, None, context)
    if _looks_like_role(bare):
        return _role_speaker(bare, context)
    return None


def _comma_outside_brackets(text: str) -> int | None:
    depth = 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
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


def sentence_kinds(text: str, hits=None) -> tuple[set[str], list]:
    """The kinds of act a sentence's verbs perform, and the verbs themselves."""
    hits = speech_verbs(text) if hits is None else hits
    kinds = {hit.kind for hit in hits}
    if "question" in kinds and _ASKED_TO.search(text) and not re.search(r"\b(?:queried|sought|enquired|asked (?:if|how|what|whether|why))\b", text, re.IGNORECASE):
        kinds.discard("question")
        kinds.add("request")
    if text.rstrip().endswith("?"):
        kinds.add("question")
    if kinds & {"comment", "response"} and _question_cue().search(text):
        kinds.add("question")
    return kinds, hits


def _kind_for(kinds: set[str], speaker: Speaker, member_spoke: bool) -> str:
    if "presentation" in kinds and not speaker.member:
        return "presentation"
    if not speaker.member and member_spoke:
        return "response"
    for kind in ("question", "request"):
        if kind in kinds:
            return kind
    if not speaker.member and "presentation" in kinds:
        return "presentation"
    return "comment"


@dataclass(slots=True)
class _Draft:
    speaker: Speaker
    kind: str
    pieces: list[tuple[Block, int, int]]  # sentence positions in their paragraph block
    responds_to: int | None = None


@dataclass(slots=True)
class _ItemReader:
    source: SourceText
    context: MeetingContext
    drafts: list[_Draft] = field(default_factory=list)
    actions: list[tuple[int, Block, Sentence]] = field(default_factory=list)

    def member_spoke(self) -> bool:
        return any(d.speaker.member for d in self.drafts)

    def _last_member_turn(self) -> int | None:
        return next((i for i in range(len(self.drafts) - 1, -1, -1) if self.drafts[i].speaker.member), None)

    def start(self, speaker: Speaker, kind: str, piece, responds_to: int | None = None) -> None:
        if kind == "response" and responds_to is None:
            responds_to = self._last_member_turn()
        self.drafts.append(_Draft(speaker, kind, [piece], responds_to))

    def continue_with(self, kinds: set[str], piece, speaker: Speaker | None) -> None:
        current = self.drafts[-1]
        asks = kinds & {"question", "request"}
        if current.speaker.member and asks and current.kind in ("question", "request"):
            new_kind = "question" if "question" in asks else "request"
            self.start(current.speaker, new_kind, piece)
            return
        if current.speaker.member and asks and current.kind == "comment":
            current.kind = "question" if "question" in asks else "request"
        current.pieces.append(piece)

    def read(self, paragraph: Block, sentence: Sentence) -> None:
        text = sentence.text.strip()
        piece = (paragraph, sentence.start, sentence.end)
        asked = _IN_RESPONSE_TO.match(text)
        if asked:
            askers = [n for n in parse_name_list(asked["asker"]) if n.title or n.given]
            if askers:
                asker = _person_speaker(askers[0], None, self.context)
                asker.printed = asked["asker"][askers[0].start:askers[0].end]
                self.start(asker, "question", piece)
                question = len(self.drafts) - 1
                rest_offset = text.index(asked["rest"])
                self._speaker_sentence(asked["rest"], paragraph, sentence, rest_offset, responds_to=question)
                return
        answered = _IN_RESPONSE.match(text)
        if answered:
            self._speaker_sentence(answered["rest"], paragraph, sentence, text.index(answered["rest"]), force_response=True)
            return
        self._speaker_sentence(text, paragraph, sentence, 0)

    def _speaker_sentence(self, text: str, paragraph: Block, sentence: Sentence, offset: int,
                          responds_to: int | None = None, force_response: bool = False) -> None:
        piece = (paragraph, sentence.start, sentence.end)
        # the sentence's verbs, found when it was tokenised, shifted to this (possibly shorter) text
        shift = offset + len(sentence.text) - len(sentence.text.lstrip())
        kinds, hits = sentence_kinds(text, [VerbHit(h.kind, h.start - shift, h.end - shift)
                                            for h in sentence.verbs if h.start >= shift])
        speaker = None
        if hits:
            subject = text[: hits[0].start]
            if hits[0].kind == "introduction":
                self._introduction(text[hits[0].end:])
                return
            speaker = parse_subject(subject, self.context)
            if speaker is None and _pronoun_pattern().match(subject.strip()) and self.drafts:
                self.continue_with(kinds, piece, None)
                self._promises(paragraph, sentence)
                return
        if speaker is None:
            if self.drafts:
                self.drafts[-1].pieces.append(piece)
                self._promises(paragraph, sentence)
            return
        kind = "response" if force_response and not speaker.member else _kind_for(kinds, speaker, self.member_spoke())
        current = self.drafts[-1] if self.drafts else None
        if current and current.speaker.key == speaker.key and responds_to is None:
            self.continue_with(kinds if kind != "response" else set(), piece, speaker)
        else:
            self.start(speaker, kind, piece, responds_to)
        self._promises(paragraph, sentence)

    def _introduction(self, rest: str) -> None:
        """'introduced Julie Bradbrook, Partnership Manager who ...': learn who holds the role."""
        rest = re.split(r"\s+who\s+|\s+to\s+|\.\s", rest, maxsplit=1)[0].strip(" ,.")
        rest = re.sub(r"^the\s+", "", rest, flags=re.IGNORECASE)
        head, _, tail = rest.partition(",")
        name = _named_person(head.strip())
        if name is not None:
            role = tail.strip() if tail.strip() and _looks_like_role(tail.strip()) else None
            self.context.learn(to_person(name), role)

    def _promises(self, paragraph: Block, sentence: Sentence) -> None:
        if self.drafts and sentence.promises:
            self.actions.append((len(self.drafts) - 1, paragraph, sentence))


@cache
def _recipient() -> re.Pattern[str]:
    words = section("promises")["recipients"]
    # the recipient phrase in any case, then capitalised name words only ("to Councillor E Mavin")
    return re.compile(r"\bto\s+(?P<whom>(?i:" + phrase_alternation(words) + r")(?:\s+[A-Z][\w'-]*){0,3})")


def _paragraphs(source: SourceText, first: int, last: int, skip: set[int]) -> list[Block]:
    runs, current = [], []
    for index in range(first, last + 1):
        if source.lines[index].text.strip() and index not in skip:
            current.append(index)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return [block(source, run[0], run[-1]) for run in runs]


def read_interventions(
    source: SourceText, first: int, last: int, skip: set[int], context: MeetingContext
) -> tuple[list[Intervention], list[Action]]:
    """Interventions and promised actions in lines first..last of a minutes item."""
    paragraphs = _paragraphs(source, first, last, skip)
    reader = _ItemReader(source, context)
    for paragraph, found in zip(paragraphs, sentences([p.text for p in paragraphs])):
        for sentence in found:
            reader.read(paragraph, sentence)
    interventions = [_intervention(source, index, draft) for index, draft in enumerate(reader.drafts)]
    actions = []
    for index, paragraph, sentence in reader.actions:
        speaker = reader.drafts[index].speaker
        for start, _ in sentence.promises[:1]:
            what = re.sub(r"^(?:but|and)\s+", "", sentence.text[start:].strip().rstrip("."), flags=re.IGNORECASE)
            whom = _recipient().search(what)
            actions.append(Action(by=speaker.person, by_role=speaker.role, what=what,
                                  to_whom=whom["whom"] if whom else None, intervention=index,
                                  text=sentence.text.strip(), span=paragraph.span(source, sentence.start, sentence.end)))
    return interventions, actions


def _intervention(source: SourceText, index: int, draft: _Draft) -> Intervention:
    first_block, first_start, _ = draft.pieces[0]
    last_block, _, last_end = draft.pieces[-1]
    start_line, start_col = first_block.locate(first_start)
    end_line, end_col = last_block.locate(max(last_end - 1, 0))
    span = source.span(start_line, end_line, start_col, end_col + 1)
    text = " ".join(b.text[a:e].strip() for b, a, e in draft.pieces)
    return Intervention(
        index=index,
        speaker=draft.speaker.person,
        role_title=draft.speaker.role,
        speaker_as_printed=draft.speaker.printed,
        speaker_resolved=draft.speaker.resolved,
        speaker_is_member=draft.speaker.member,
        kind=draft.kind,
        text=text,
        responds_to=draft.responds_to if draft.kind == "response" else None,
        span=span,
    )

