"""The genre's vocabulary: vocabulary.toml loaded once into typed sections and checked.

Parsers read their cue words as attributes (`vocabulary().votes.carried`) instead of writing
their own word lists, so a new council's wording is a one-line data change, and a misspelt,
unknown or wrongly typed entry is an error when the file is loaded, naming the section and key,
not a failure of every document that uses it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from extract.base.errors import MinutebookError

VOCABULARY_PATH = Path(__file__).with_name("vocabulary.toml")

Words = list[str]
Table = dict[str, str]


class VocabularyError(MinutebookError, ValueError):
    """vocabulary.toml holds something the parsers cannot use: said at load, not mid-parse, and
    told to a user as one line (the CLI's MinutebookError), not as a traceback."""


class Section(BaseModel):
    """One [section] of the file: its keys are exactly the fields the code reads."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)
    # True where the code reads the section whole (iterating its keys) rather than key by key
    read_whole: ClassVar[bool] = False


class Honorifics(Section):
    titles: Words
    councillors: Words
    plurals: Table
    post_nominals: Words
    posts: Words
    officer_posts: Words
    surname_particles: Words
    category_prefixes: Table


class ChairRoles(Section):
    read_whole: ClassVar[bool] = True
    chair: Words = Field(alias="Chair")
    vice_chair: Words = Field(alias="Vice-Chair")

    def by_role(self) -> dict[str, Words]:
        """Each role as printed ('Chair', 'Vice-Chair') with the words that name it."""
        return self.model_dump(by_alias=True)


class AttendanceHeading(Section):
    """What the names under an attendance heading are: a status the records allow, and a category."""

    status: str
    category: str

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        from schemas import AttendanceStatus

        allowed = sorted(status.value for status in AttendanceStatus)
        if value not in allowed:
            raise ValueError(f"status must be one of {allowed}")
        return value

    @field_validator("category")
    @classmethod
    def _known_category(cls, value: str) -> str:
        from schemas import MemberCategory

        allowed = sorted({category.value for category in MemberCategory} | {""})
        if value not in allowed:
            raise ValueError(f"category must be one of {allowed}")
        return value


class Substitution(Section):
    inline: Words
    sentence_verbs: Words

class AttendanceLists(Section):
    numbers: Words
    counted: Words
    including: Words
    name_columns: Words
    title_columns: Words
    status_columns: Words
    roll_call_titles: Words
    roll_call_labels: Words
    presiding_verbs: Words
    presided_by: Words
    presiding_titles: Words
    roll_call_statuses: Table

class Apologies(Section):
    sentence_openers: Words
    list_openers: Words
    subject_phrases: Words
    item_titles: Words

class ResolutionMarkers(Section):
    strong: Words
    weak: Words
    motion_openers: Words
    motion_trailers: Words
    trailing_outcomes: Words
    sentence: Words

class Sentences(Section):
    abbreviations: Words


class MeetingOpeners(Section):
    minutes: Words
    kinds: Words

class VenueWords(Section):
    words: Words

class HeaderLabels(Section):
    read_whole: ClassVar[bool] = True  # each label a named group (header._label_pattern)
    date: Words
    time: Words
    venue: Words

class Membership(Section):
    openers: Words
    body_prefixes: Words

class Agenda(Section):
    item_labels: Words
    part_open: Words
    part_exempt: Words
    sub_item_openers: Words

class Segments(Section):
    memo_from: Words
    memo_subject: Words
    report_openers: Words
    report_sections: Words
    appendix_openers: Words
    blank_page: Words
    body_words: Words
    not_body: Words
    title_joiners: Words
    minutes_of: Words

class Furniture(Section):
    page_stamps: Words
    edge_stamps: Words
    page_number: Words

class Homoglyphs(Section):
    from_: str = Field(alias="from")
    to: str

class ReportSections(Section):
    read_whole: ClassVar[bool] = True  # each heading names its field (report_sections.known_heading)
    purpose: Words
    executive_summary: Words
    recommendations: Words
    background_papers: Words
    electoral_divisions: Words
    implications: Words
    contact_labels: Words
    author_labels: Words

class ImplicationHeadings(Section):
    headings: Words

class AuthorRoles(Section):
    starts: Words

class TableColumns(Section):
    read_whole: ClassVar[bool] = True  # a column is looked up by its role (table_records.column_of)
    recommendation: Words
    progress: Words
    responsibility: Words
    timescale: Words
    status: Words
    indicator: Words
    group: Words
    type: Words
    current: Words
    previous: Words
    target: Words
    comparator: Words

class ProgressStatusWords(Section):
    complete: Words
    ongoing: Words
    not_started: Words

class ReportLabels(Section):
    read_whole: ClassVar[bool] = True  # each label a named group (report.py)
    body: Words
    date: Words
    author: Words
    title: Words
    electoral_divisions: Words

class SpeechVerbs(Section):
    read_whole: ClassVar[bool] = True  # each kind a matcher label (nlp.matchers)
    question: Words
    request: Words
    presentation: Words
    response: Words
    comment: Words
    motion: Words
    question_cues: Words
    introduction: Words

class Speakers(Section):
    members: Words
    collective: Words
    role_heads: Words
    pronouns: Words
    adverbs: Words
    motion_objects: Words
    role_joiners: Words

class Promises(Section):
    agreeing: Words
    future: Words
    actions: Words
    recipients: Words

class Votes(Section):
    for_: Words = Field(alias="for")
    against: Words
    abstain: Words
    absent: Words
    result_keys: Words
    mover_keys: Words
    seconder_keys: Words
    carried: Words
    lost: Words
    agreed: Words
    unanimous: Words
    motions: Words
    moved: Words
    seconded: Words
    mover_verbs: Words
    seconder_verbs: Words
    motion_openers: Words

class Hyphenation(Section):
    keep_after: Words

class Html(Section):
    main_content: Words

class MinutesItems(Section):
    number_labels: Words
    number_abbreviations: Words
    reference_labels: Words
    heading_lowercase: Words
    outcomes: Words
    empty_section: Words


class Vocabulary(Section):
    """The whole file, one typed field a section."""

    honorifics: Honorifics
    chair_roles: ChairRoles
    substitution: Substitution
    attendance_headings: dict[str, AttendanceHeading]
    attendance_lists: AttendanceLists
    apologies: Apologies
    resolution_markers: ResolutionMarkers
    sentences: Sentences
    meeting_openers: MeetingOpeners
    venue_words: VenueWords
    header_labels: HeaderLabels
    membership: Membership
    agenda: Agenda
    segments: Segments
    furniture: Furniture
    homoglyphs: Homoglyphs
    report_sections: ReportSections
    implication_headings: ImplicationHeadings
    author_roles: AuthorRoles
    table_columns: TableColumns
    progress_status: ProgressStatusWords
    report_labels: ReportLabels
    speech_verbs: SpeechVerbs
    speakers: Speakers
    promises: Promises
    votes: Votes
    hyphenation: Hyphenation
    html: Html
    minutes_items: MinutesItems


def _problem(error: dict[str, Any]) -> str:
    """One line for a pydantic error: '[section] key: reason'."""
    where = [str(part) for part in error["loc"]]
    reason = {"extra_forbidden": "unknown " + ("section" if len(where) == 1 else "key"),
              "missing": "missing"}.get(error["type"], error["msg"])
    if where and where[0] == "attendance_headings" and len(where) > 1:
        where = [where[0], repr(where[1]), *where[2:]]
    section = f"[{where[0]}]" if where else ""
    return " ".join(part for part in (section, " ".join(where[1:])) if part) + f": {reason}"


def validate(loaded: dict[str, Any], path: Path = VOCABULARY_PATH) -> Vocabulary:
    """The typed vocabulary, or a VocabularyError naming the file, section and key at fault."""
    try:
        return Vocabulary.model_validate(loaded)
    except ValidationError as error:
        problems = "; ".join(_problem(e) for e in error.errors())
        raise VocabularyError(f"{path}: {problems}") from None


@cache
def _loaded() -> dict[str, Any]:
    with VOCABULARY_PATH.open("rb") as handle:
        return tomllib.load(handle)


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary, loaded from vocabulary.toml and checked once."""
    return validate(_loaded())


def phrase_alternation(phrases: Iterable[str], opening: bool = True) -> str:
    """A regex alternation matching any phrase, longest first, with flexible spacing.

    Spaces match any run of spaces, and a hyphen in a phrase also matches a space or no
    gap ("Vice-Chair", "Vice Chair", "Co-opted", "Coopted"). `opening=False` leaves out the
    opening look-ahead (opening_lookahead): a case-sensitive pattern that starts with the
    alternation is faster without it, as the engine then scans for the phrases' first letters
    itself (it does not under re.IGNORECASE, nor after a look-behind).
    """
    phrases = sorted(set(phrases), key=lambda p: (-len(p), p))
    parts = []
    for phrase in phrases:
        pieces = [re.escape(word) for word in phrase.split()]
        pattern = r"\s+".join(pieces)
        pattern = pattern.replace(r"\-", r"[-\s]?")
        parts.append(pattern)
    return (opening_lookahead(phrases) if opening else "") + "(?:" + "|".join(parts) + ")"


def opening_lookahead(phrases: list[str]) -> str:
    """A look-ahead for the characters the phrases open with, in either case ('' when a phrase
    may open with nothing or a hyphen). It changes no match: it lets the engine pass over a place
    where no phrase can start after one test, where it tried every phrase in turn (a pattern
    searched over a text tries the alternation at every character)."""
    opening: set[str] = set()
    for phrase in phrases:
        words = phrase.split()
        if not words or words[0].startswith("-"):
            return ""
        opening.update(words[0][0], words[0][0].lower(), words[0][0].upper())
    return "(?=[" + "".join(re.escape(char) for char in sorted(opening)) + "])" if opening else ""


def lookup(mapping: dict[str, Any], phrase: str) -> Any:
    """Look a phrase up in a vocabulary mapping, ignoring case, spacing and hyphenation."""
    wanted = canonical(phrase)
    for key, value in mapping.items():
        if canonical(key) == wanted:
            return value
    return None


@lru_cache(maxsize=1 << 16)
def canonical(phrase: str) -> str:
    """A phrase folded for comparison: lower case, hyphens and runs of space as one space (and
    none at either end), then no space, full stop or colon at either end. By str methods, in C:
    a phrase not asked before (most of a new document's) took a pattern twenty times as long."""
    return " ".join(phrase.lower().replace("-", " ").split()).strip(" .:")


@cache
def canonical_words(section: str, key: str) -> frozenset[str]:
    """A vocabulary list (vocabulary().<section>.<key>) folded by canonical(), as a set made once:
    what a parser asks when it tests a phrase for membership, often thousands of times a document."""
    return frozenset(canonical(word) for word in getattr(getattr(vocabulary(), section), key))


@cache
def chair_role_for(text: str) -> str | None:
    """'Chair' or 'Vice-Chair' when text is one of the chair role words, else None."""
    wanted = canonical(text)
    for role, words in vocabulary().chair_roles.by_role().items():
        if any(canonical(word) == wanted for word in words):
            return role
    return None
