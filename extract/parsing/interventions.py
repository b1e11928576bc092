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

from extract.text.blocks import Block, block
from extract.parsing.nlp import Sentence, VerbHit, sentences, speech_verbs
from extract.parsing.clauses import LABEL
from extract.parsing.roster import to_person
from extract.parsing.names import Name, is_councillor, parse_name, parse_name_list, split_title
from extract.parsing.people_match import same_person
from extract.text.lines import SourceText
from extract.text.clean import plain
from extract.base.vocabulary import canonical, chair_role_for, phrase_alternation, section
from schemas import Action, Attendance, Intervention, Person

MAX_SUBJECT_WORDS = 14
_IN_RESPONSE = re.compile(r"^(?:In (?:response|reply)|Responding)(?: to (?P<to>[^,]{1,200}?))?,\s*(?P<rest>\S.*)$",
                          re.IGNORECASE | re.DOTALL)
_ASKED_BY = re.compile(r"(?:asked |raised |made |put )?(?:by|from) (?P<asker>.+?)(?:\s+(?:on|about|regarding|in relation to|concerning)\s.*)?$",
                       re.IGNORECASE | re.DOTALL)
_ASKER_POSSESSIVE = re.compile(r"^(?P<asker>[A-Z][^,']{1,60}?)['’]s\s+(?:inquiry|enquiry|question|query|comments?|request|concerns?)\b")
_RESPONSE_LEAD = re.compile(r"^In (?:response|reply) to (?:the )?(?:comments?|questions?)\b[^:]{0,80}\bit was (?:said|stated|noted|advised)\s*:",
                            re.IGNORECASE)
_TO_WHICH = re.compile(r",?\s+to which\s+(?P<rest>\S.*)$", re.DOTALL)
_ASKED_TO = re.compile(r"\basked\s+(?!if\b|how\b|what\b|whether\b|why\b|when\b|where\b|who\b|about\b)[\w\s'(),-]{1,60}?\s+to\s+\w+", re.IGNORECASE)
_SECOND_SPEAKER = re.compile(r"(?<!\s)\s+(?:and|&)\s+(?=(?:the\s|The\s|Councillor|Cllr|Mr\b|Mrs\b|Ms\b|Dr\b|[A-Z]\s))")


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
        if not re.fullmatch(r"[A-Z]{2,4}", text):
            return None
        matches = {p.id: p for p in self.people if p.given and p.given[0] + p.surname.replace(" ", "")[: len(text) - 1].upper() == text
                   or p.initials and p.initials + p.surname[0] == text}
        return next(iter(matches.values())) if len(matches) == 1 else None

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
def _collective_words() -> frozenset[str]:
    return frozenset(canonical(w) for w in section("speakers")["collective"])


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
    """The (first) speaker a sentence's subject names, resolved against the meeting where possible."""
    speakers = parse_subjects(subject, context)
    return speakers[0] if speakers else None


def parse_subjects(subject: str, context: MeetingContext) -> list[Speaker]:
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
    depth, depths = 0, []
    for char in text:
        depth += {"(": 1, ")": -1}.get(char, 0)
        depths.append(depth)
    return [m for m in pattern.finditer(text) if depths[m.start()] == 0]


def _co_subjects(text: str, context: MeetingContext) -> list[str]:
    """A subject cut into the people it lists; a role or name after a comma stays with the one
    before it ("The Overview and Scrutiny Officer, Jonathan Slee", "Joanne Carpenter, Manager")."""
    groups: list[str] = []
    position, separator = 0, ""
    for match in _top_level(_SEPARATOR, text) + [None]:
        piece = text[position: match.start() if match else len(text)]
        appositive = (separator.strip() == "," and groups and not _named_in(groups[-1]) and _named_in(piece)
                      and _looks_like_role(re.sub(r"^the\s+", "", groups[-1].strip(), flags=re.IGNORECASE)))
        if groups and (appositive or not _starts_speaker(piece, context)):
            groups[-1] += separator + piece
        else:
            groups.append(piece)
        if match:
            position, separator = match.end(), match.group()
    return [g.strip(" ,") for g in groups if g.strip(" ,")]


def _named_in(text: str) -> bool:
    return any(_named_person(part.strip()) for part in re.sub(r"\([^)]*\)", "", text).split(","))


def _starts_speaker(piece: str, context: MeetingContext) -> bool:
    """Whether a piece of a subject names a speaker of its own: a titled or known person, 'A Member',
    'The Chair' ('Corporate Policy' in 'T Gorman, Corporate Policy and Performance Manager' does not)."""
    piece = re.sub(r"\s*\([^)]*\)", "", piece).strip(" ,")
    if canonical(piece) in _member_words() or canonical(piece) in _collective_words():
        return True
    name = _named_person(piece)
    if name is not None and (name.title or context.find(name) is not None):
        return True
    if context.by_initials(piece) is not None:
        return True
    return bool(re.match(r"the\s", piece, re.IGNORECASE)) and _looks_like_role(piece[4:])


def _named_role(text: str) -> bool:
    return bool(re.match(r"the\s", text, re.IGNORECASE)) and _looks_like_role(text[4:].strip())


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
    if canonical(text) in _member_words():
        return Speaker(None, "Member", False, True, text)
    if canonical(text) in _collective_words():
        return Speaker(None, "Members", False, True, text, collective=True)
    initialled = context.by_initials(text)
    if initialled is not None:
        return Speaker(initialled, None, True, initialled.id in context.members, text)
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
    # "The Deputy Prime Minister" is a post, not a person called Minister
    name = _named_person(bare) if bare == text or split_title(bare)[0] else None
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
    # "asked the Clerk to chase ..." requests; "asked for confirmation as to ... to be placed" still asks
    phrases = {canonical(text[h.start:h.end]) for h in hits if h.kind == "question" and 0 <= h.start < h.end <= len(text)}
    if "question" in kinds and _ASKED_TO.search(text) and phrases <= {"asked"} and not re.search(r"\b(?:queried|sought|enquired|asked (?:if|how|what|whether|why))\b", text, re.IGNORECASE):
        kinds.discard("question")
        kinds.add("request")
    if text.rstrip().endswith("?"):
        kinds.add("question")
    if kinds & {"comment", "response"} and _question_cue().search(text):
        kinds.add("question")
    return kinds, hits


def _kind_for(kinds: set[str], speaker: Speaker, member_spoke: bool, responding: bool = False,
              first: str | None = None) -> str:
    """A turn's kind: an officer presents, or answers once a member has spoken (or when the
    minutes say the sentence answers); a member asks, requests or comments, or presents when
    that is the sentence's first verb ('Mr Gough introduced the report'). first: the first verb's kind."""
    if "presentation" in kinds and (not speaker.member or first == "presentation"):
        return "presentation"
    if not speaker.member and (member_spoke or responding):
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
    opened: bool = True  # a paragraph has opened since the last turn: the next sentence starts a turn
    responding: bool = False  # under "In response to comments and questions asked it was said:"
    asked: bool = False  # the members as a body asked something ("Members ... asked what ...")

    def open_unit(self, opens: bool) -> None:
        if opens:
            self.opened = True
            self.responding = False

    def member_spoke(self) -> bool:
        return self.asked or any(d.speaker.member for d in self.drafts)

    def _last_member_turn(self) -> int | None:
        return next((i for i in range(len(self.drafts) - 1, -1, -1) if self.drafts[i].speaker.member), None)

    def start(self, speaker: Speaker, kind: str, piece, responds_to: int | None = None) -> None:
        if kind == "response" and responds_to is None:
            responds_to = self._last_member_turn()
        self.drafts.append(_Draft(speaker, kind, [piece], responds_to))
        self.opened = False

    def continue_with(self, kinds: set[str], piece, speaker: Speaker | None) -> None:
        current = self.drafts[-1]
        asks = kinds & {"question", "request"}
        if asks and (self.opened or current.speaker.member and current.kind in ("question", "request")):
            # "He then asked ..." in a new paragraph, or a member's further question, is a turn of its own
            new_kind = ("question" if "question" in asks else "request") if current.speaker.member else \
                _kind_for(kinds, current.speaker, self.member_spoke(), self.responding)
            self.start(current.speaker, new_kind, piece)
            return
        self.opened = False
        if current.speaker.member and asks and current.kind == "comment":
            current.kind = "question" if "question" in asks else "request"
        current.pieces.append(piece)

    def read(self, paragraph: Block, sentence: Sentence) -> None:
        label = LABEL.match(sentence.text.strip())
        text = sentence.text.strip()[label.end():] if label else sentence.text.strip()
        offset = len(sentence.text.strip()) - len(text)
        if not text:
            return
        if _response_lead(text):
            self.responding = True
            return
        piece = (paragraph, sentence.start, sentence.end)
        answered = _IN_RESPONSE.match(text)
        if answered:
            asker = _asker(answered["to"] or "", self.context)
            rest = offset + answered.start("rest")
            if asker is not None:
                self.start(asker, "question", piece)
                self._speaker_sentence(answered["rest"], paragraph, sentence, rest, responds_to=len(self.drafts) - 1)
            else:
                self._speaker_sentence(answered["rest"], paragraph, sentence, rest, force_response=True)
            return
        self._speaker_sentence(text, paragraph, sentence, offset)

    def _speaker_sentence(self, text: str, paragraph: Block, sentence: Sentence, offset: int,
                          responds_to: int | None = None, force_response: bool = False) -> None:
        piece = (paragraph, sentence.start, sentence.end)
        # the sentence's verbs, found when it was tokenised, shifted to this (possibly shorter) text
        shift = offset + len(sentence.text) - len(sentence.text.lstrip())
        kinds, hits = sentence_kinds(text, [VerbHit(h.kind, h.start - shift, h.end - shift)
                                            for h in sentence.verbs if h.start >= shift])
        speakers: list[Speaker] = []
        if hits:
            subject = text[: hits[0].start]
            hits, kinds = _past_motion(text, hits, kinds)
            if hits and _introduces(text[hits[0].start:hits[0].end]):
                if self._introduction(text[hits[0].end:]):
                    return
                kinds = (kinds - {"introduction"}) | {_kind_of_phrase(text[hits[0].start:hits[0].end])}
            speakers = parse_subjects(subject, self.context) if hits else []
            if not speakers and hits and _pronoun_pattern().match(subject.strip()) and self.drafts:
                self.continue_with(kinds, piece, None)
                self._promises(paragraph, sentence)
                return
        for speaker in [s for s in speakers if s.collective]:
            self.asked = self.asked or "question" in kinds
        speakers = [s for s in speakers if not s.collective]
        if not speakers:
            if self.drafts:
                self.drafts[-1].pieces.append(piece)
                self._promises(paragraph, sentence)
            return
        first = _kind_of_phrase(text[hits[0].start:hits[0].end])
        for speaker in speakers:
            self._turn(speaker, kinds, piece, responds_to, force_response, first)
        self._promises(paragraph, sentence)
        answer = _TO_WHICH.search(text, hits[0].end)
        if answer:
            self._speaker_sentence(answer["rest"], paragraph, sentence, offset + answer.start("rest"),
                                   responds_to=len(self.drafts) - 1)

    def _turn(self, speaker: Speaker, kinds: set[str], piece, responds_to: int | None, force_response: bool,
              first: str | None = None) -> None:
        replying = force_response or responds_to is not None  # the sentence says it answers: anyone's reply
        kind = "response" if replying and speaker.member else \
            _kind_for(kinds, speaker, self.member_spoke(), replying or self.responding, first)
        current = self.drafts[-1] if self.drafts else None
        if current and current.speaker.key == speaker.key and responds_to is None and not self.opened:
            self.continue_with(kinds if kind != "response" else set(), piece, speaker)
        else:
            self.start(speaker, kind, piece, responds_to)

    def _introduction(self, rest: str) -> bool:
        """'introduced Julie Bradbrook, Partnership Manager who ...': learn who holds the role.

        False when what follows is not a person ('introduced the work of the Service'): then the
        verb is the speaker's own presentation or remark."""
        rest = re.split(r"\s+who\s+|\s+to\s+|\.\s", rest, maxsplit=1)[0].strip(" ,.")
        post = re.match(r"the\s+", rest, flags=re.IGNORECASE)
        head, _, tail = rest[post.end() if post else 0:].partition(",")
        role = tail.strip() if tail.strip() and _looks_like_role(tail.strip()) else None
        if post:
            return _looks_like_role(head.strip())  # 'introduced the Team Leader, Performance ...'
        name = _named_person(head.strip())
        if name is None or not (name.title or role or self.context.find(name)):
            return False  # 'introduced the Sufficiency Strategy'
        self.context.learn(to_person(name), role)
        return True

    def _promises(self, paragraph: Block, sentence: Sentence) -> None:
        if self.drafts and sentence.promises:
            self.actions.append((len(self.drafts) - 1, paragraph, sentence))


def _past_motion(text: str, hits: list[VerbHit], kinds: set[str]) -> tuple[list[VerbHit], set[str]]:
    """Moving or seconding is not a turn; a second clause after ';' may be one
    ("Councilmember Vella seconded the motion; requested input from the Interim City Attorney")."""
    if hits[0].kind != "motion" and not (hits[0].kind == "request" and _motion_object().search(text[hits[0].end:].split(";")[0])):
        return hits, kinds
    semicolon = text.find(";", hits[0].end)
    later = [h for h in hits if semicolon >= 0 and h.start > semicolon and h.kind != "motion"]
    if not later:
        return [], set()
    return later, {h.kind for h in later}


def _introduces(phrase: str) -> bool:
    """Whether a verb may be a chair introducing someone ('introduced', 'welcomed')."""
    return canonical(phrase) in {canonical(p) for p in section("speech_verbs")["introduction"]}


@cache
def _motion_object() -> re.Pattern[str]:
    """'called for amendments', 'suggested the following amendment': asking for a motion moves it."""
    return re.compile(r"\b" + phrase_alternation(section("speakers")["motion_objects"]) + r"\b", re.IGNORECASE)


def _kind_of_phrase(phrase: str) -> str:
    """The kind a verb has when it is not an introduction ('introduced the report' presents)."""
    for kind, phrases in section("speech_verbs").items():
        if kind not in ("introduction", "question_cues") and canonical(phrase) in {canonical(p) for p in phrases}:
            return kind
    return "comment"


def _response_lead(text: str) -> bool:
    """'In response to comments and questions asked it was said:' heads a list of answers."""
    return bool(_RESPONSE_LEAD.match(text))


def _asker(words: str, context: MeetingContext) -> Speaker | None:
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


@cache
def _recipient() -> re.Pattern[str]:
    words = section("promises")["recipients"]
    # the recipient phrase in any case, then capitalised name words only ("to Councillor E Mavin")
    return re.compile(r"\bto\s+(?P<whom>(?i:" + phrase_alternation(words) + r")(?:\s+[A-Z][\w'-]*){0,3})")


def _units(source: SourceText, first: int, last: int, skip: set[int]) -> list[tuple[Block, bool]]:
    """The item's paragraphs, each cut at its labelled sub-paragraphs; True where a unit opens a paragraph.

    A blank line or a numbered label ("2.", "(3)") opens a paragraph, where a turn ends; a lettered
    or bulleted sub-paragraph ("b.", "(ii)", "•") continues the paragraph above it.
    """
    units: list[tuple[list[int], bool]] = []
    previous_blank = True
    for index in range(first, last + 1):
        text = source.lines[index].text.strip()
        if not text or index in skip:
            previous_blank = True
            continue
        label = LABEL.match(text)
        if previous_blank or not units:
            units.append(([index], True))
        elif label and not label["c"]:
            units.append(([index], bool(label["b"] and label["b"].isdigit() or label["a"] and label["a"].isdigit())))
        else:
            units[-1][0].append(index)
        previous_blank = False
    return [(block(source, run[0], run[-1]), opens) for run, opens in units]


def read_interventions(
    source: SourceText, first: int, last: int, skip: set[int], context: MeetingContext
) -> tuple[list[Intervention], list[Action]]:
    """Interventions and promised actions in lines first..last of a minutes item."""
    units = _units(source, first, last, skip)
    reader = _ItemReader(source, context)
    for (paragraph, opens), found in zip(units, sentences([u.text for u, _ in units])):
        reader.open_unit(opens)
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

