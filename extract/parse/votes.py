"""Recorded votes in minutes: motion, mover, seconder, who voted which way, and the result.

"Amendment moved by Mr X, seconded by Mrs Y", "Cllr Jones moved approval, seconded by Cllr
O'Brien", then "For (57): <names>" lists that wrap over lines ("Sir Paul Carter, CBE" is one
name), "Against (10): ...", "Abstain (2): ..." or "Ayes: ... – 4.", then "Motion carried",
"Amendment lost" or "unanimously agreed". Counts are kept as printed, even when the names
listed disagree with them (checks.py warns about that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.blocks import block
from extract.parse.roster import to_person
from extract.people import parse_name_list
from extract.read import SourceText
from extract.textclean import plain
from extract.vocabulary import phrase_alternation, section
from schemas import Person, Vote

MAX_NAME_WORDS = 8  # "Councillor Sir Paul Carter" is four; a longer run of capitals is not one name
MAX_NAME_WORD = 40
MAX_MOTION = 400  # characters of a motion named in its moved-by sentence: a bounded look ahead
_LABEL_OPEN = re.compile(r"^\s*(?:\(\d+\)|\d+[.)]|[a-z][.)])\s+")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    votes = section("votes")
    # a name is a few words, each of a few letters: bounded, so a search costs the same at every start
    word = r"[A-Z][\w'’.-]{0,%d}" % MAX_NAME_WORD
    name = (r"(?P<%s>(?<![\w'’.-])" + word + r"(?:\s" + word + r"){0,%d}" % (MAX_NAME_WORDS - 1)
            + r"(?:,\s*(?:CBE|OBE|MBE|JP|DL|KBE|DBE))?)")
    motion = phrase_alternation(votes["motions"])
    return {
        "list": re.compile(
            r"^(?P<label>" + phrase_alternation(votes["for"] + votes["against"] + votes["abstain"]) + r")"
            r"\s*(?:\((?P<count>\d+)\))?\s*[:\-–—]\s*(?P<names>.*)$", re.IGNORECASE),
        "moved_by": re.compile(
            r"(?P<motion>(?:(?:the|an?)\s+)?(?:" + motion + r")[^.]{0,%d}?)\s+(?:was\s+)?" % MAX_MOTION + phrase_alternation(votes["moved"])
            + r"\s+" + name % "mover" + r"[,;]?\s*(?:and\s+)?(?:" + phrase_alternation(votes["seconded"]) + r")\s+"
            + name % "seconder", re.IGNORECASE),
        "moved": re.compile(
            name % "mover" + r"\s+(?:moved|proposed)\s+(?P<motion>[^,;.]{0,%d}?)[,;]?" % MAX_MOTION + r"\s*(?:and\s+)?(?:this\s+was\s+|which\s+was\s+)?"
            + phrase_alternation(votes["seconded"]) + r"\s+" + name % "seconder"),
        "carried": re.compile(r"\b(?:" + phrase_alternation(votes["carried"]) + r")\b", re.IGNORECASE),
        "lost": re.compile(r"\b(?:" + phrase_alternation(votes["lost"]) + r")\b", re.IGNORECASE),
        "unanimous": re.compile(r"\b(?:" + phrase_alternation(votes["unanimous"]) + r")\b", re.IGNORECASE),
        "trailing_count": re.compile(r"(?<!\s)\s*[-–—]\s*(?P<count>\d+)\s*\.?\s*$"),
    }


def _side(label: str) -> str:
    votes = section("votes")
    lowered = label.lower()
    for side in ("for", "against", "abstain"):
        if lowered in (word.lower() for word in votes[side]):
            return side
    return "for"


@dataclass(slots=True)
class _Draft:
    first: int
    last: int
    motion: str | None = None
    mover: Person | None = None
    seconder: Person | None = None
    result: str | None = None
    sides: dict[str, list[Person]] = field(default_factory=lambda: {"for": [], "against": [], "abstain": []})
    counts: dict[str, int] = field(default_factory=dict)


def _people(text: str) -> list[Person]:
    return [to_person(n) for n in parse_name_list(text) if n.title or n.given]


def _first_person(text: str) -> Person | None:
    people = _people(text)
    return people[0] if people else None


def _result(text: str) -> str | None:
    patterns = _patterns()
    if patterns["lost"].search(text):
        return "lost"
    if patterns["unanimous"].search(text) and re.search(r"\bagreed|resolved\b", text, re.IGNORECASE):
        return "agreed"
    if patterns["carried"].search(text):
        return "carried"
    return None


def _continues_list(text: str) -> bool:
    """A wrapped line of names: not blank, not another list, not the result or a new motion."""
    patterns = _patterns()
    return bool(text) and not (patterns["list"].match(text) or _result(text) or patterns["moved_by"].search(text)
                               or patterns["moved"].search(text))


def find_votes(source: SourceText, first: int, last: int) -> list[Vote]:
    """Every recorded vote in lines first..last of a minutes item."""
    patterns = _patterns()
    drafts: list[_Draft] = []
    index = first
    while index <= last:
        text = plain(source.lines[index].text)
        if not text:
            index += 1
            continue
        text = _LABEL_OPEN.sub("", text)
        listed = patterns["list"].match(text)
        if listed:
            names, end = listed["names"], index
            while end + 1 <= last and _continues_list(_LABEL_OPEN.sub("", plain(source.lines[end + 1].text))):
                end += 1
                names += " " + plain(source.lines[end].text)
            count = listed["count"]
            trailing = patterns["trailing_count"].search(names)
            if trailing and count is None:
                count, names = trailing["count"], names[: trailing.start()]
            side = _side(listed["label"])
            if not drafts or (drafts[-1].result is not None and drafts[-1].sides[side]):
                drafts.append(_Draft(index, end))  # a decided vote that already lists this side: a new vote
            draft = drafts[-1]
            people = [] if re.fullmatch(r"\s*(?:none|nil|-)?\s*\.?\s*", names, re.IGNORECASE) else _people(names)
            draft.sides[side].extend(people)
            if count is not None:
                draft.counts[side] = int(count)
            draft.last = end
            index = end + 1
            continue
        moved = patterns["moved_by"].search(text) or patterns["moved"].search(text)
        if moved:
            drafts.append(_Draft(index, index, motion=moved["motion"].strip() or None,
                                 mover=_first_person(moved["mover"]), seconder=_first_person(moved["seconder"])))
        result = _result(text) if (drafts or patterns["unanimous"].search(text)) else None
        if result and len(text) <= 200:
            if not drafts or drafts[-1].result is not None:
                drafts.append(_Draft(index, index))
            drafts[-1].result = result
            drafts[-1].last = index
        index += 1
    return [
        Vote(motion=d.motion, mover=d.mover, seconder=d.seconder, result=d.result,
             **{"for": d.sides["for"]}, against=d.sides["against"], abstain=d.sides["abstain"], counts=d.counts,
             span=block(source, d.first, d.last).span(source, verbatim=False))
        for d in drafts
    ]
