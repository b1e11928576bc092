"""The records minutebook writes: one Document per input file, validated at every boundary.

Field names here are the output contract consumers rely on; add fields freely, never rename.
Every record read from the text carries a Span so an auditor can point at the line it came from.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Record(BaseModel):
    """Base for all records: unknown fields are an error, so typos fail loudly."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class DocumentKind(str, Enum):
    agenda_pack = "agenda_pack"
    minutes = "minutes"
    report = "report"
    unknown = "unknown"


class DocumentStatus(str, Enum):
    ok = "ok"
    partial = "partial"
    failed = "failed"


class MeetingRole(str, Enum):
    agenda = "agenda"  # the forthcoming meeting a pack summons
    minutes = "minutes"  # a meeting whose minutes are printed


class Part(str, Enum):
    A = "A"  # open to press and public
    B = "B"  # exempt or confidential


class ChairRole(str, Enum):
    chair = "Chair"
    vice_chair = "Vice-Chair"


class MemberCategory(str, Enum):
    member = "member"
    co_opted_member = "co-opted member"
    co_opted_officer = "co-opted officer"


class AttendanceStatus(str, Enum):
    present = "present"
    apologies = "apologies"
    substitute = "substitute"
    in_attendance = "in attendance"
    absent = "absent"


class PartKind(str, Enum):
    front_sheet = "front_sheet"
    minutes = "minutes"
    report = "report"
    appendix = "appendix"
    presentation = "presentation"
    blank = "blank"
    other = "other"


class Span(Record):
    """Where a record came from: lines are 1-based and inclusive; chars index the decoded file.

    `text` is the source verbatim, before any clean-up (look-alike letters, line endings); it is
    null on containers (parts, meetings, minutes items), whose text is in what they contain.
    `page` is the 1-based page where the source has pages (form feeds, PDF), else null.
    """

    page: int | None = None
    printed_page: str | None = Field(None, description="The page number printed on that page, where a PDF shows one")
    ocr: bool = Field(False, description="The text was read from an image of the page (OCR), not a text layer")
    line_start: int = Field(ge=1)
    line_end: int = Field(ge=1)
    char_start: int = Field(ge=0)
    char_end: int = Field(ge=0)
    text: str | None = None


class Person(Record):
    """A person as printed. `id` is derived from the name, so the same name gives the same id."""

    id: str
    name: str = Field(description="As printed, without title: 'J Smith', 'Jane Doe'")
    title: str | None = Field(None, description="'Councillor', 'Mr', 'Chief Superintendent', ...")
    given: str | None = Field(None, description="Initials or given name(s) as printed")
    initials: str | None = Field(None, description="Initials of the given names, e.g. 'AJ'")
    surname: str
    span: Span | None = None


class PageRange(Record):
    start: int
    end: int


class SubItem(Record):
    label: str | None = None
    title: str
    span: Span


class AgendaItem(Record):
    number: str
    title: str
    pages: PageRange | None = None
    part: Part = Part.A
    sub_items: list[SubItem] = []
    description: str | None = Field(None, description="Unnumbered lines printed under the item")
    span: Span


class Membership(Record):
    person: Person
    role: ChairRole | None = None
    category: MemberCategory | None = None
    span: Span


class Attendance(Record):
    person: Person
    role: ChairRole | None = None
    status: AttendanceStatus
    category: MemberCategory | None = None
    substitute_for: Person | None = None
    position: str | None = Field(None, description="Job title printed with the name")
    note: str | None = Field(None, description="Other words printed with the name, e.g. a reason for apologies")
    span: Span


class Resolution(Record):
    label: str | None = Field(None, description="Clause label without brackets: 'i', 'a', '2'")
    text: str
    preamble: str | None = Field(
        None, description="The lead-in the clause completes: 'that planning permission be granted subject to:'"
    )
    span: Span


class Recommendation(Record):
    """One clause of a report's Recommendation(s) section."""

    label: str | None = Field(None, description="The clause or paragraph label as printed: 'a', '13'")
    text: str
    preamble: str | None = Field(None, description="The lead-in: 'The Committee is recommended to:'")
    span: Span


class Author(Record):
    """Who a report is from: a named person and their role, or a role alone ('the Chief Executive')."""

    person: Person | None = None
    role: str | None = None
    span: Span


class Contact(Record):
    name: str | None = None
    role: str | None = None
    tel: str | None = None
    email: str | None = None
    span: Span | None = None


class Report(Record):
    """An officer's report: what it asks the committee to do, who wrote it, whom to contact."""

    title: str | None = None
    body: str | None = Field(None, description="The committee the report is to")
    meeting_date: str | None = Field(None, description="YYYY-MM-DD")
    author: Author | None = Field(None, description="The first author, preferring a named person")
    authors: list[Author] = []
    electoral_divisions: list[str] = []
    purpose: str | None = None
    executive_summary: str | None = None
    recommendations: list[Recommendation] = []
    background_papers: list[str] = []
    contacts: list[Contact] = []
    implications: dict[str, str] = Field({}, description="Heading as printed -> text ('Finance' -> 'None')")
    appendices: list[str] = []
    agenda_item: str | None = Field(None, description="The number of the agenda item in the same pack")
    span: Span


class TableKind(str, Enum):
    recommendation_progress = "recommendation_progress"
    indicators = "indicators"
    other = "other"


class ProgressStatus(str, Enum):
    complete = "complete"
    ongoing = "ongoing"
    not_started = "not started"
    unknown = "unknown"


class RecommendationProgress(Record):
    """A row of a table reporting progress on a review's recommendations."""

    number: str | None = Field(None, description="As printed: '4', 'One'")
    recommendation: str
    progress: str | None = None
    responsibility: str | None = None
    timescale: str | None = None
    status: ProgressStatus


class Measurement(Record):
    """One figure in an indicator row, with the period it covers where the text says."""

    column: str
    value: str
    kind: str = Field(description="current | previous | target | comparator | other")
    period_start: str | None = None
    period_end: str | None = None


class IndicatorRow(Record):
    group: str | None = Field(None, description="The grouping column, filled down ('Priority')")
    indicator: str
    type: str | None = Field(None, description="e.g. 'Target' or 'Tracker'")
    measurements: list[Measurement] = []


class Table(Record):
    columns: list[str]
    rows: list[list[str]]
    kind: TableKind = TableKind.other
    syntax: str = Field(description="tab | pipe | html")
    report_title: str | None = None
    records: list[RecommendationProgress | IndicatorRow] = []
    row_spans: list[Span] = Field([], description="Where each row came from (continued rows span both parts)")
    span: Span


class InterventionKind(str, Enum):
    question = "question"
    comment = "comment"
    request = "request"
    response = "response"
    presentation = "presentation"


class Intervention(Record):
    """Who said what in a minutes item: a run of sentences by one speaker."""

    index: int = Field(description="Position in the item, from 0")
    speaker: Person | None = Field(None, description="The person, where the text names one or a role resolves to one")
    role_title: str | None = Field(None, description="The role as printed ('Chairman', 'PH Strategic Manager (L,AW)'), or 'Member'")
    speaker_as_printed: str | None = Field(None, description="The speaker as the sentence names them: 'Councillor Smith'")
    speaker_resolved: bool = Field(description="False when only a role or an unknown surname is known")
    speaker_is_member: bool = Field(description="A member of the body (councillor, co-optee, chair), not an officer")
    kind: InterventionKind
    text: str
    responds_to: int | None = Field(None, description="Index of the intervention this one answers")
    span: Span


class Action(Record):
    """Something a speaker undertook to do: 'agreed to circulate the details to committee members'."""

    by: Person | None = None
    by_role: str | None = None
    what: str
    to_whom: str | None = None
    intervention: int | None = None
    text: str
    span: Span


class VoteResult(str, Enum):
    carried = "carried"
    lost = "lost"
    agreed = "agreed"


class Vote(Record):
    """A recorded vote: the motion, who moved and seconded it, who voted which way."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True, populate_by_name=True, serialize_by_alias=True)

    motion: str | None = None
    mover: Person | None = None
    seconder: Person | None = None
    result: VoteResult | None = None
    for_: list[Person] = Field([], alias="for")
    against: list[Person] = []
    abstain: list[Person] = []
    counts: dict[str, int] = Field({}, description="As printed: {'for': 57, 'against': 10}")
    span: Span


class MinutesItem(Record):
    number: str
    agenda_item: str | None = None
    title: str
    text: str
    resolutions: list[Resolution] = []
    interventions: list[Intervention] = []
    actions: list[Action] = []
    votes: list[Vote] = []
    span: Span


class Meeting(Record):
    id: str
    role: MeetingRole
    body: str | None = None
    date: str | None = Field(None, description="YYYY-MM-DD")
    time: str | None = Field(None, description="HH:MM, 24-hour")
    venue: str | None = None
    agenda_items: list[AgendaItem] = []
    membership: list[Membership] = []
    attendance: list[Attendance] = []
    items: list[MinutesItem] = []
    span: Span


class DocumentPart(Record):
    """A part of a pack: its front sheet, a meeting's minutes, a report, an appendix."""

    kind: PartKind
    title: str | None = None
    parent: int | None = Field(None, description="Index of the part this one belongs to")
    span: Span


class DocumentWarning(Record):
    """Something a clerk should check in a parsed document. `code` names the kind of problem in a
    short stable identifier a program can act on (ingest's partial status does); `message` says it
    to a person; `span` is where, when the problem is at one place."""

    code: str = Field(description="Stable identifier of the kind of problem, e.g. no-text-layer, unmapped-font, "
                                  "replaced-bytes, long-lines, no-meeting (README lists them)")
    message: str
    span: Span | None = None


class Document(Record):
    source: str
    sha256: str
    kind: DocumentKind
    encoding: str | None = Field(None, description="The text encoding, or 'pdf'")
    pages: int | None = None
    unread_pages: list[int] = Field([], description="Pages with no text layer or an unreadable font: status partial")
    parts: list[DocumentPart] = []
    meetings: list[Meeting] = []
    reports: list[Report] = []
    tables: list[Table] = []
    warnings: list[DocumentWarning] = []


class RoleHeld(Record):
    """A role a person held at a meeting: 'Chair' of a body on a date, or a job title."""

    role: str
    body: str | None = None
    date: str | None = None
    source: str


class MeetingAttended(Record):
    meeting_id: str
    body: str | None = None
    date: str | None = None
    status: str = Field(description="member (on the membership list) or an attendance status")
    source: str


class PersonIdentity(Record):
    """One person across the whole corpus: every way they were printed, what they held, where they were."""

    id: str
    name: str = Field(description="The fullest name printed, without title")
    surname: str
    initials: str | None = None
    titles: list[str] = []
    variants: list[str] = Field([], description="Every printed form, with title: 'Councillor J Charlton'")
    roles: list[RoleHeld] = []
    meetings: list[MeetingAttended] = []
    interventions: int = 0
    actions: int = 0
    unresolved: bool = Field(False, description="Printed without initials where several people share the surname")


class PeopleIndex(Record):
    people: list[PersonIdentity]
    surname_clashes: dict[str, list[str]] = Field({}, description="Surname -> ids of the different people who share it")


class DocumentOutcome(Record):
    """One line of ingest-report.json: how one input fared."""

    source: str
    status: DocumentStatus
    output: str | None = Field(None, description="The output file, relative to the report's folder")
    sha256: str | None = None
    kind: DocumentKind | None = None
    reasons: list[str] = []
    counts: dict[str, int] = {}


class IngestReport(Record):
    documents: list[DocumentOutcome]
    totals: dict[str, int]
