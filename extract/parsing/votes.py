"""Recorded votes in minutes: motion, mover, seconder, who voted which way, and the result.

Councils print a vote in a few shapes, all read here from the same parts:
- movers in prose: "Mr Gough proposed, and Mr Brady seconded ...", "Amendment moved by Mr X,
  seconded by Mrs Y", "Moved by S. Hillier" / "Seconded by P. Cuddy" lines, "Prop JB, 2nd GK",
  "L. Andersen, L. Smith: That ...";
- sides under a label: a heading "For (57)" over a paragraph of names that wraps anywhere
  ("Sir Paul Carter, CBE" is one name), "Ayes: Councilmembers A, B and C – 3. Noes: D – 1.",
  the keys of a boxed block ("RESULT: FAILED [4-2-1-1]" / "MOTION BY:" / "AYES:" / "NAYS:"),
  or the columns of a table of names ("|Yeas:|Nays:|");
- the result: "Motion carried.", "Amendment lost.", "Motion Passed (10 to 2)", "Carried.",
  "..., which carried by unanimous voice vote – 5".
Counts are kept as printed, even when the names listed disagree with them (checks.py warns).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from extract.text.prefilter import may_hold, needed_words
from extract.text.blocks import block
from extract.parsing.roster import to_person
from extract.parsing.names import parse_name, parse_name_list
from extract.text.lines import SourceText
from extract.text.clean import plain
from extract.base.vocabulary import opening_lookahead, phrase_alternation, vocabulary
from schemas import Person, Vote

SIDES = ("for", "against", "abstain")
# a name in prose: up to five capitalised words joined by single spaces (bounded: no backtracking blow-up)
_NAME = r"(?<![\w'’.-])[A-Z][\w'’./-]*(?: [A-Z][\w'’./-]*){0,4}"
_COUNT = (r"\((?P<yes>\d+)\s+to\s+(?P<no>\d+)\)|\bby\s+(?P<yes2>\d+)\s+votes?\s+to\s+(?P<no2>\d+)"
          r"|\[(?P<a>\d+)-(?P<b>\d+)(?:-(?P<c>\d+))?(?:-\d+)?\]|[-–—]\s*(?P<all>\d+)\b")
# the titles of a member of two bodies at a joint meeting ("Councilmember/Commissioner Oddie")
_DUAL_TITLE = re.compile(r"^[^/]*/\S+\s+")
_ABBREVIATION = re.compile(r"(?:^|\s)" + phrase_alternation(vocabulary().sentences.abbreviations) + r"\.$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(“\"'\[])")
_ENDS_WITH_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.$")
_UNANIMOUS = re.compile(r"unanimous", re.IGNORECASE)


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    votes = vocabulary().votes
    post_nominal = _post_nominal()
    sides = phrase_alternation(votes.for_ + votes.against + votes.abstain + votes.absent)
    keys = phrase_alternation(votes.result_keys + votes.mover_keys + votes.seconder_keys)
    outcome = f"(?:{phrase_alternation(votes.unanimous)}|{phrase_alternation(votes.lost)}|{phrase_alternation(votes.carried)}|{phrase_alternation(votes.agreed)})"
    return {
        # a side's label where a list starts: at a line start or after a sentence or clause
        "label": re.compile(
            r"(?:^|(?<=[.:;]\s))[ \t]*(?P<label>" + sides + r")[ \t]*(?:\((?P<count>\d+)\)[ \t]*(?::|(?=\n|$))|:)"
            r"|^[ \t]*(?P<key>" + keys + r")[ \t]*:", re.IGNORECASE | re.MULTILINE),
        "moved_by": re.compile(
            r"(?i:(?P<motion>(?:(?:the|an?)\s+)?" + phrase_alternation(votes.motions) + r")\s+(?:was\s+)?)?(?<![\w])"
            r"(?i:" + phrase_alternation(votes.moved) + r")\s+(?P<mover>" + _NAME + post_nominal + ")"),
        "mover_verb": re.compile(
            r"(?P<mover>" + _NAME + post_nominal + r")\s+" + phrase_alternation(votes.mover_verbs) + r"\b(?!\s+by\b)"
            r"(?P<motion>(?:(?!\s(?i:" + phrase_alternation(votes.seconded) + r"))[^,;.:])*)"),
        "pair": re.compile(
            r"^(?:\S*\d\S*\s+)?(?P<mover>" + _NAME + r"),\s*(?P<seconder>" + _NAME + r"):\s+" + phrase_alternation(votes.motion_openers) + r"\b"),
        "seconded_by": re.compile(r"(?<![\w])(?i:" + phrase_alternation(votes.seconded) + r")\s+(?P<seconder>" + _NAME + post_nominal + ")"),
        "seconder_verb": re.compile(r"(?P<seconder>" + _NAME + post_nominal + r")\s+" + phrase_alternation(votes.seconder_verbs)
                                    + r"\b(?!\s+by\b)"),
        # a sentence that is only an outcome: "Motion carried.", "Carried by 2 votes to 1.", "Agreed."
        "outcome": re.compile(
            r"^(?:(?:the|this|that|set)\s+)?(?:(?P<motion>" + phrase_alternation(votes.motions) + r")\s+)?(?:(?:was|were|is)\s+)?"
            r"(?P<word>" + outcome + r")(?:\s+unanimously)?\s*(?:" + _COUNT + r")?\s*[.!]?$", re.IGNORECASE),
        # an outcome inside a sentence: "..., which carried by unanimous voice vote – 5"
        "outcome_within": re.compile(
            r"\b(?:" + phrase_alternation(votes.motions) + r"|which|it)\s+(?:(?:was|were)\s+)?(?P<word>" + outcome + r")\b", re.IGNORECASE),
        "count": re.compile(_COUNT),
    }


@cache
def _outcome_words() -> frozenset[str]:
    """A word every outcome phrase needs ('carried' of 'was carried')."""
    votes = vocabulary().votes
    return needed_words(votes.unanimous + votes.lost + votes.carried + votes.agreed)


@cache
def _prose_words() -> frozenset[str]:
    """A word every prose vote needs (of a mover's, a seconder's or an outcome's phrase), but
    for the 'A Smith, B Jones: That ...' pair, which needs a colon."""
    votes = vocabulary().votes
    return needed_words(votes.moved + votes.seconded + votes.mover_verbs + votes.seconder_verbs) | _outcome_words()


@cache
def _label_words() -> frozenset[str]:
    votes = vocabulary().votes
    return needed_words(votes.for_ + votes.against + votes.abstain + votes.absent + votes.result_keys
                        + votes.mover_keys + votes.seconder_keys)


@cache
def _cues() -> dict[str, re.Pattern[str]]:
    """The words each prose pattern must hold, by the pattern's kind: searched first, as a
    pattern that opens with a name tries that name at every capital of a sentence."""
    votes = vocabulary().votes
    # the words and, where the pattern has them, the space and capital of the name after them
    return {"pair": re.compile(":"),  # 'A Smith, B Jones: That ...'
            # the look-ahead first: cheaper than the look-behind, at every character
            "moved_by": re.compile(opening_lookahead(votes.moved) + r"(?<![\w])(?i:" + phrase_alternation(votes.moved, opening=False)
                                   + r")\s+[A-Z]"),
            "mover_verb": re.compile(phrase_alternation(votes.mover_verbs, opening=False)),
            "seconded_by": re.compile(opening_lookahead(votes.seconded) + r"(?<![\w])(?i:"
                                      + phrase_alternation(votes.seconded, opening=False) + r")\s+[A-Z]"),
            "seconder_verb": re.compile(phrase_alternation(votes.seconder_verbs, opening=False))}


@cache
def _post_nominal() -> str:
    """', CBE' after a name, which is part of it."""
    return r"(?:,\s*" + phrase_alternation(vocabulary().honorifics.post_nominals) + r"\b)?"


def _vocabulary_side(label: str) -> str | None:
    """'for', 'against' or 'abstain' for a side's label; None for one that is no side (Absent)."""
    votes = vocabulary().votes
    lowered = " ".join(label.lower().split())
    labels = {"for": votes.for_, "against": votes.against, "abstain": votes.abstain, "absent": votes.absent}
    for side, words in labels.items():
        if lowered in (word.lower() for word in words):
            return side if side != "absent" else None
    return None


def _key_kind(label: str) -> str:
    votes = vocabulary().votes
    lowered = " ".join(label.lower().split())
    kinds = {"result_keys": votes.result_keys, "mover_keys": votes.mover_keys, "seconder_keys": votes.seconder_keys}
    for kind, words in kinds.items():
        if lowered in (word.lower() for word in words):
            return kind
    return "result_keys"


def _result_of(word: str) -> str:
    """'carried', 'lost' or 'agreed' for an outcome word as printed."""
    votes = vocabulary().votes
    lowered = " ".join(word.lower().split())
    if lowered in votes.lost:
        return "lost"
    if lowered in votes.carried or "carried" in lowered:
        return "carried"
    return "agreed"


def _counts_of(match: re.Match[str] | None, unanimous: bool) -> dict[str, int]:
    """Counts printed after an outcome: '(10 to 2)', 'by 2 votes to 1', '[4-2-1-1]', '– 5' (unanimous)."""
    if match is None:
        return {}
    groups = match.groupdict()
    if groups["yes"] or groups["yes2"]:
        return {"for": int(groups["yes"] or groups["yes2"]), "against": int(groups["no"] or groups["no2"])}
    if groups["a"]:
        counts = {"for": int(groups["a"]), "against": int(groups["b"])}
        if groups["c"]:
            counts["abstain"] = int(groups["c"])
        return counts
    if groups["all"] and unanimous:
        return {"for": int(groups["all"])}
    return {}


@dataclass(slots=True)
class _Draft:
    first: int
    last: int
    motion: str | None = None
    mover: Person | None = None
    seconder: Person | None = None
    result: str | None = None
    sides: dict[str, list[Person]] = field(default_factory=lambda: {side: [] for side in SIDES})
    counts: dict[str, int] = field(default_factory=dict)

    def named(self) -> bool:
        return any(self.sides.values())

    def undecided(self) -> bool:
        """Moved but neither decided nor counted (yet)."""
        return self.result is None and not self.named() and not self.counts


@dataclass(slots=True)
class _Lists:
    """What a labelled block says: the sides' names and counts, and any result or mover in its keys."""
    sides: dict[str, list[Person]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    result: str | None = None
    mover: Person | None = None
    seconder: Person | None = None


class _Tally:
    """Votes built up from what is read, in the order it is printed."""

    def __init__(self) -> None:
        self.drafts: list[_Draft] = []

    def _last(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts else None

    def motion(self, line: int, mover: Person | None, seconder: Person | None, motion: str | None) -> None:
        """A motion moved: a new vote. One moved before it and never decided was withdrawn,
        superseded or is put later (its vote is read there): it is dropped."""
        last = self._last()
        if last is not None and last.undecided():
            self.drafts.pop()
        self.drafts.append(_Draft(line, line, motion=motion, mover=mover, seconder=seconder))

    def seconder(self, line: int, person: Person) -> None:
        last = self._last()
        if last is not None and last.seconder is None and last.result is None:
            last.seconder, last.last = person, max(last.last, line)

    def lists(self, first: int, last_line: int, lists: _Lists) -> None:
        """Sides printed for the open vote; a vote already decided with names of its own, or
        that already lists one of these sides, is another vote."""
        last = self._last()
        overlap = last is not None and any(last.sides[s] or s in last.counts for s in lists.sides)
        if last is None or overlap or (last.result is not None and last.named()):
            last = _Draft(first, last_line, mover=lists.mover, seconder=lists.seconder)
            self.drafts.append(last)
        for side, people in lists.sides.items():
            last.sides[side].extend(people)
        for side, count in lists.counts.items():
            last.counts.setdefault(side, count)
        last.mover = last.mover or lists.mover
        last.seconder = last.seconder or lists.seconder
        last.result = last.result or lists.result
        last.last = max(last.last, last_line)

    def result(self, line: int, result: str, counts: dict[str, int], opens: bool) -> None:
        """An outcome decides the open vote; one that names its motion is a vote on its own."""
        last = self._last()
        if last is not None and last.result is None:
            last.result, last.last = result, max(last.last, line)
            for side, count in counts.items():
                last.counts.setdefault(side, count)
        elif opens:
            self.drafts.append(_Draft(line, line, result=result, counts=dict(counts)))

    def votes(self) -> list[_Draft]:
        """Every vote, without motions never decided that another motion followed."""
        return [d for position, d in enumerate(self.drafts) if not d.undecided() or position == len(self.drafts) - 1]


def _clean(text: str) -> str:
    return plain(text).strip()


def _person(text: str, lone: bool = False) -> Person | None:
    text = re.sub(_post_nominal() + "$", "", text.strip())
    name = parse_name(text, lone=lone)
    if name is None and _DUAL_TITLE.match(text):
        name = parse_name(_DUAL_TITLE.sub("", text), lone=True)
    return to_person(name) if name is not None and name.surname else None


def _listed(text: str) -> tuple[list[Person], int | None]:
    """The names of one side and the count printed after them ('... and C – 3.')."""
    count = None
    trailing = re.search(r"\s[-–—]\s*(\d+)\b\.?", text)
    if trailing:
        count, text = int(trailing.group(1)), text[: trailing.start()]
    text = text.strip().rstrip(".,;").strip()
    if re.fullmatch(r"(?:none|nil|-|–)?", text, re.IGNORECASE):
        return [], count
    return [to_person(n) for n in parse_name_list(text, lone=True) if n.surname], count


def _sentences(text: str) -> list[str]:
    """Sentences of a paragraph; a full stop after an initial or 'Mr.' ends none."""
    pieces = _SENTENCE_BREAK.split(text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and (_ENDS_WITH_INITIAL.search(sentences[-1]) or _ABBREVIATION.search(sentences[-1])):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


_PROSE_KINDS = ("pair", "moved_by", "mover_verb", "seconded_by", "seconder_verb")


def _read_prose(tally: _Tally, text: str, first: int, last: int) -> None:
    """Movers, seconders and outcomes in running text, in printed order."""
    patterns, cues = _patterns(), _cues()
    text = " ".join(text.split())
    if ":" not in text and not may_hold(text, _prose_words()):
        return  # no mover, seconder or outcome can be read in it: most paragraphs
    # a sentence is a piece of the paragraph, a space either side: a cue (no anchor, nothing
    # looked at beyond one character either side) that the paragraph lacks, no sentence has
    kinds = [kind for kind in _PROSE_KINDS if kind not in cues or cues[kind].search(text)]
    if not kinds and not may_hold(text, _outcome_words()):
        return
    for sentence in _sentences(text):
        found = []
        for kind in kinds:
            if kind in cues and not cues[kind].search(sentence):
                continue
            for match in patterns[kind].finditer(sentence):
                found.append((match.start(), kind, match))
        for _, kind, match in sorted(found, key=lambda f: f[0]):
            if kind == "pair":
                tally.motion(first, _person(match["mover"]), _person(match["seconder"]), sentence)
            elif kind in ("moved_by", "mover_verb"):
                mover = _person(match["mover"])  # "the budget proposed by the Administration" moves nothing
                if mover is not None:
                    tally.motion(first, mover, None, (match["motion"] or "").strip() or sentence)
            else:
                seconder = _person(match["seconder"])
                if seconder is not None:
                    tally.seconder(first, seconder)
        _read_outcome(tally, sentence, first, last)


def _read_outcome(tally: _Tally, sentence: str, first: int, last: int) -> None:
    if not may_hold(sentence, _outcome_words()):
        return
    patterns = _patterns()
    whole = patterns["outcome"].match(sentence.strip())
    within = whole or patterns["outcome_within"].search(sentence)
    if within is None:
        return
    unanimous = bool(_UNANIMOUS.search(sentence))
    counted = patterns["count"].search(sentence, within.end("word"))
    tally.result(last, _result_of(within["word"]), _counts_of(counted, unanimous),
                 opens=bool(whole and whole["motion"]))


def _segments(text: str) -> list[tuple[re.Match[str], str]]:
    """Each label in a paragraph with the text up to the next label."""
    if ":" not in text and "(" not in text or not may_hold(text, _label_words()):
        return []  # a label is a side or key word, then a colon or a bracketed count
    matches = list(_patterns()["label"].finditer(text))
    return [(m, text[m.end(): matches[i + 1].start() if i + 1 < len(matches) else len(text)])
            for i, m in enumerate(matches)]


def _is_outcome_line(line: str) -> bool:
    match = _patterns()["outcome"].match(line.strip())
    return bool(match and match["motion"])


def _split_at_outcome(value: str) -> tuple[str, str]:
    """Names, then from the first line that is an outcome ('Motion carried.') the rest."""
    lines = value.split("\n")
    for index, line in enumerate(lines):
        if _is_outcome_line(line):
            return "\n".join(lines[:index]), "\n".join(lines[index:])
    return value, ""


@dataclass(slots=True)
class _Paragraph:
    first: int
    last: int
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _paragraphs(texts: list[str], first: int) -> list[_Paragraph]:
    """Runs of non-blank lines; the rows of a table ('|A|B|') are a paragraph of their own."""
    paragraphs: list[_Paragraph] = []
    previous_table = None
    for offset, text in enumerate(texts):
        is_table = text.startswith("|")
        if not text:
            previous_table = None
            continue
        if paragraphs and previous_table == is_table and paragraphs[-1].last == first + offset - 1:
            paragraphs[-1].lines.append(text)
            paragraphs[-1].last += 1
        else:
            paragraphs.append(_Paragraph(first + offset, first + offset, [text]))
        previous_table = is_table
    return paragraphs


def _read_table(paragraph: _Paragraph) -> _Lists | None:
    """A table whose header cells are sides ('|Yeas:|Nays:|Absent:|'): its columns' names."""
    rows = [[cell.strip() for cell in re.sub(r"^\||\|$", "", line.strip()).split("|")] for line in paragraph.lines]
    header = [_vocabulary_side(cell.rstrip(":")) if cell.rstrip(":") else None for cell in rows[0]]
    known = [cell for cell in rows[0] if cell and _patterns()["label"].fullmatch(cell)]
    if not known:
        return None
    lists = _Lists(sides={side: [] for side in header if side})
    for row in rows[1:]:
        if all(re.fullmatch(r":?-+:?", cell) or not cell for cell in row):
            continue
        for side, cell in zip(header, row):
            person = _person(cell, lone=True) if side and cell else None
            if person is not None:
                lists.sides[side].append(person)
    return lists


def _read_labelled(paragraph: _Paragraph, following: _Paragraph | None) -> tuple[_Lists, str, bool]:
    """The labelled part of a paragraph; also the text after its last list (an outcome), and
    whether the next paragraph was read as the names under a bare heading ('For (57)')."""
    lists, rest, used_next = _Lists(), "", False
    for match, value in _segments(paragraph.text):
        if match["key"]:
            line, _, after = value.strip(" \t").partition("\n")
            kind = _key_kind(match["key"])
            if kind == "mover_keys":
                lists.mover = _person(line, lone=True)
            elif kind == "seconder_keys":
                lists.seconder = _person(line, lone=True)
            else:
                outcome = re.search(phrase_alternation(vocabulary().votes.lost + vocabulary().votes.carried
                                                       + vocabulary().votes.agreed), line, re.IGNORECASE)
                if outcome:
                    lists.result = _result_of(outcome.group())
                    lists.counts.update(_counts_of(_patterns()["count"].search(line), "unanimous" in line.lower()))
            rest = after
            continue
        side = _vocabulary_side(match["label"])
        names, rest = _split_at_outcome(value)
        if not names.strip() and not rest and following is not None and not _segments(following.text) \
                and not following.lines[0].startswith("|"):
            names, rest = _split_at_outcome(following.text)
            used_next = True
        people, trailing = _listed(" ".join(names.split()))
        count = match["count"] or trailing
        if side is None:
            continue
        lists.sides.setdefault(side, []).extend(people)
        if count is not None:
            lists.counts[side] = int(count)
    return lists, rest, used_next


def find_votes(source: SourceText, first: int, last: int) -> list[Vote]:
    """Every recorded vote in lines first..last of a minutes item."""
    texts = [_clean(source.lines[index].text) for index in range(first, last + 1)]
    paragraphs = _paragraphs(texts, first)
    tally = _Tally()
    position = 0
    while position < len(paragraphs):
        paragraph = paragraphs[position]
        following = paragraphs[position + 1] if position + 1 < len(paragraphs) else None
        position += 1
        if paragraph.lines[0].startswith("|"):
            table = _read_table(paragraph)
            if table is not None:
                tally.lists(paragraph.first, paragraph.last, table)
            continue
        segments = _segments(paragraph.text)
        if not segments:
            _read_prose(tally, paragraph.text, paragraph.first, paragraph.last)
            continue
        _read_prose(tally, paragraph.text[: segments[0][0].start()], paragraph.first, paragraph.first)
        lists, rest, used_next = _read_labelled(paragraph, following)
        end = following.last if used_next else paragraph.last
        if used_next:
            position += 1
        if lists.sides or lists.counts or lists.result or lists.mover:
            tally.lists(paragraph.first, end, lists)
        if rest.strip():
            _read_prose(tally, rest, end, end)
    return [
        Vote(motion=d.motion, mover=d.mover, seconder=d.seconder, result=d.result,
             **{"for": d.sides["for"]}, against=d.sides["against"], abstain=d.sides["abstain"], counts=d.counts,
             span=block(source, d.first, d.last).span(source, verbatim=False))
        for d in tally.votes()
    ]
