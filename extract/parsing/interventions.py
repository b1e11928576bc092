"""Who asked what, who answered, and what was promised, in a minutes item.

Each sentence is read for a speaker (the words before its first speech verb: "Councillor J
Miller", "The PH Strategic Manager (L,AW)", "J Sunter, PH Strategic Manager (L,AW)", "A
Member") and for what it does (the verbs, vocabulary [speech_verbs]). A run of sentences by one
speaker is one intervention; "He also asked ..." after a question is a further question. An
officer who speaks after a member has spoken in the item is answering, whatever the verb.

The speakers are recognised in extract.parsing.speakers, the kinds of turn in
extract.parsing.intervention_kinds; this module walks an item's sentences and assembles them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.text.blocks import Block, block
from extract.parsing.nlp import Sentence, VerbHit, sentences
from extract.parsing.clauses import LABEL
from extract.parsing.intervention_kinds import introduces, kind_for, kind_of_phrase, past_motion, sentence_kinds
from extract.parsing.roster import to_person
from extract.parsing.speakers import (MeetingContext, Speaker, find_asker, looks_like_role,
                                      parse_subjects, pronoun_pattern)
from extract.text.lines import SourceText
from extract.base.vocabulary import phrase_alternation, vocabulary
from schemas import Action, Intervention

__all__ = ["MeetingContext", "read_interventions"]

_IN_RESPONSE = re.compile(r"^(?:In (?:response|reply)|Responding)(?: to (?P<to>[^,]{1,200}?))?,\s*(?P<rest>\S.*)$",
                          re.IGNORECASE | re.DOTALL)
_RESPONSE_LEAD = re.compile(r"^In (?:response|reply) to (?:the )?(?:comments?|questions?)\b[^:]{0,80}\bit was (?:said|stated|noted|advised)\s*:",
                            re.IGNORECASE)
_TO_WHICH = re.compile(r",?\s+to which\s+(?P<rest>\S.*)$", re.DOTALL)
_OPENING_CONJUNCTION = re.compile(r"^(?:but|and)\s+", re.IGNORECASE)


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
                kind_for(kinds, current.speaker, self.member_spoke(), self.responding)
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
            asker = find_asker(answered["to"] or "", self.context)
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
            hits, kinds = past_motion(text, hits, kinds)
            if hits and introduces(text[hits[0].start:hits[0].end]):
                if self._introduction(text[hits[0].end:]):
                    return
                kinds = (kinds - {"introduction"}) | {kind_of_phrase(text[hits[0].start:hits[0].end])}
            speakers = parse_subjects(subject, self.context) if hits else []
            if not speakers and hits and pronoun_pattern().match(subject.strip()) and self.drafts:
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
        first = kind_of_phrase(text[hits[0].start:hits[0].end])
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
            kind_for(kinds, speaker, self.member_spoke(), replying or self.responding, first)
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
        role = tail.strip() if tail.strip() and looks_like_role(tail.strip()) else None
        if post:
            return looks_like_role(head.strip())  # 'introduced the Team Leader, Performance ...'
        name = self.context.named(head.strip())
        if name is None or not (name.title or role or self.context.find(name)):
            return False  # 'introduced the Sufficiency Strategy'
        self.context.learn(to_person(name), role)
        return True

    def _promises(self, paragraph: Block, sentence: Sentence) -> None:
        if self.drafts and sentence.promises:
            self.actions.append((len(self.drafts) - 1, paragraph, sentence))


def _response_lead(text: str) -> bool:
    """'In response to comments and questions asked it was said:' heads a list of answers."""
    return bool(_RESPONSE_LEAD.match(text))


@cache
def _recipient() -> re.Pattern[str]:
    words = vocabulary().promises.recipients
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
            what = _OPENING_CONJUNCTION.sub("", sentence.text[start:].strip().rstrip("."))
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
