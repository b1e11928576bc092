"""What kind of intervention a sentence is: asking, requesting, answering, presenting, commenting.

Split from the intervention reader so that the verbs' meaning (vocabulary [speech_verbs]) is
decided in one place: a sentence's verbs give its kinds, and a turn's kind also depends on who
speaks (an officer after a member is answering, whatever the verb).
"""

from __future__ import annotations

import re
from functools import cache

from extract.parsing.nlp import VerbHit, speech_verbs
from extract.parsing.speakers import Speaker
from extract.base.vocabulary import canonical, canonical_words, phrase_alternation, vocabulary

_ASKED_TO = re.compile(r"\basked\s+(?!if\b|how\b|what\b|whether\b|why\b|when\b|where\b|who\b|about\b)[\w\s'(),-]{1,60}?\s+to\s+\w+", re.IGNORECASE)


@cache
def _question_cue() -> re.Pattern[str]:
    return re.compile(r"\b" + phrase_alternation(vocabulary().speech_verbs.question_cues) + r"\b", re.IGNORECASE)


def _question_phrases(text: str, hits: list) -> set[str]:
    """The question verbs of a sentence as printed, canonical: only 'asked' may be a request."""
    return {canonical(text[h.start:h.end]) for h in hits if h.kind == "question" and 0 <= h.start < h.end <= len(text)}


def sentence_kinds(text: str, hits=None) -> tuple[set[str], list]:
    """The kinds of act a sentence's verbs perform, and the verbs themselves."""
    hits = speech_verbs(text) if hits is None else hits
    kinds = {hit.kind for hit in hits}
    # "asked the Clerk to chase ..." requests; "asked for confirmation as to ... to be placed" still asks
    if "question" in kinds and _ASKED_TO.search(text) and _question_phrases(text, hits) <= {"asked"} and not re.search(r"\b(?:queried|sought|enquired|asked (?:if|how|what|whether|why))\b", text, re.IGNORECASE):
        kinds.discard("question")
        kinds.add("request")
    if text.rstrip().endswith("?"):
        kinds.add("question")
    if kinds & {"comment", "response"} and _question_cue().search(text):
        kinds.add("question")
    return kinds, hits


def kind_for(kinds: set[str], speaker: Speaker, member_spoke: bool, responding: bool = False,
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

def past_motion(text: str, hits: list[VerbHit], kinds: set[str]) -> tuple[list[VerbHit], set[str]]:
    """Moving or seconding is not a turn; a second clause after ';' may be one
    ("Councilmember Vella seconded the motion; requested input from the Interim City Attorney")."""
    if hits[0].kind != "motion" and not (hits[0].kind == "request" and _motion_object().search(text[hits[0].end:].split(";")[0])):
        return hits, kinds
    semicolon = text.find(";", hits[0].end)
    later = [h for h in hits if semicolon >= 0 and h.start > semicolon and h.kind != "motion"]
    if not later:
        return [], set()
    return later, {h.kind for h in later}


def introduces(phrase: str) -> bool:
    """Whether a verb may be a chair introducing someone ('introduced', 'welcomed')."""
    return canonical(phrase) in canonical_words("speech_verbs", "introduction")


@cache
def _motion_object() -> re.Pattern[str]:
    """'called for amendments', 'suggested the following amendment': asking for a motion moves it."""
    return re.compile(r"\b" + phrase_alternation(vocabulary().speakers.motion_objects) + r"\b", re.IGNORECASE)


def kind_of_phrase(phrase: str) -> str:
    """The kind a verb has when it is not an introduction ('introduced the report' presents)."""
    return _phrase_kinds().get(canonical(phrase), "comment")


@cache
def _phrase_kinds() -> dict[str, str]:
    """Each speech verb (canonical) with its kind: the first kind, in the vocabulary's order, that lists it."""
    kinds: dict[str, str] = {}
    for kind, phrases in vocabulary().speech_verbs:
        if kind not in ("introduction", "question_cues"):
            for phrase in phrases:
                kinds.setdefault(canonical(phrase), kind)
    return kinds
