"""An officer's report to its Report record: who, to whom, why, what is asked, whom to contact.

A report opens with a header (committee, date, title), then "Report of <name>, <role>", then
sections under headings from the vocabulary ([report_sections]): purpose, summary,
recommendations, background papers, contacts; its implications are usually Appendix 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.text.blocks import block, paragraph_end
from extract.base.dates import find_date, parse_date
from extract.parsing.clauses import read_clauses
from extract.segmenting.header import is_body_name
from extract.parsing.roster import to_person
from extract.parsing.names import parse_name
from extract.text.lines import SourceText
from extract.segmenting.segment import Segment, is_date_line
from extract.text.clean import blank_markup, plain
from extract.base.vocabulary import canonical, phrase_alternation, section
from schemas import Author, Contact, Recommendation, Report

TEL = re.compile(r"\b(?:Tel(?:ephone)?|Phone|Direct line|Mobile)\b\.?:?\s*(?P<tel>\+?\d[\d ]{5,}\d)", re.IGNORECASE)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")
EMAIL_LABEL = re.compile(r"\b(?:E-?mail)\b:?\s*", re.IGNORECASE)
PARAGRAPH_NUMBER = re.compile(r"^[-•*]?\s*(?:\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,2})?(?=\s+[A-Z]))\s+")
SECTION_NUMBER = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+")
MAX_AUTHOR_PARAGRAPHS = 6
MAX_HEADING_WORDS = 8


@dataclass(slots=True)
class _Section:
    name: str | None  # a vocabulary key, or None for any other heading
    heading: str
    index: int  # the heading line
    end: int  # the last line of its content
    inline: str | None = None  # a value printed after the heading: 'Background Papers: None'


@cache
def _section_keys() -> dict[str, str]:
    """Canonical heading -> field name."""
    keys = {}
    for name, headings in section("report_sections").items():
        if name in ("contact_labels", "author_labels"):
            continue
        for heading in headings:
            keys[canonical(heading)] = name
    return keys


@cache
def _label(key: str) -> re.Pattern[str]:
    words = section("report_sections")[key]
    return re.compile(r"^(?:" + phrase_alternation(words) + r")\s*:\s*", re.IGNORECASE)


@cache
def _role_start() -> re.Pattern[str]:
    return re.compile(r"(?<![\w])" + phrase_alternation(section("author_roles")["starts"]) + r"(?![\w])")


def unpipe(text: str) -> str:
    """A pipe-table row read as a line ('| Contact: | Jane Doe |' -> 'Contact: Jane Doe')."""
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|"):
        return " ".join(cell.strip() for cell in stripped.strip("|").split("|") if cell.strip())
    return text


def _known_heading(text: str) -> str | None:
    """The field a heading names ('2. RECOMMENDATIONS' -> 'recommendations'), or None."""
    return _section_keys().get(canonical(SECTION_NUMBER.sub("", text)))


def _inline_heading(text: str) -> tuple[str, str] | None:
    """('background_papers', 'None') for 'Background Papers: None'."""
    head, colon, value = text.partition(":")
    if colon and value.strip():
        known = _known_heading(head)
        if known:
            return known, value.strip()
    return None


def _looks_like_heading(text: str) -> bool:
    """A short title-like line; a section number before it is allowed ('3. BACKGROUND')."""
    bare = SECTION_NUMBER.sub("", text)
    words = bare.split()
    return (0 < len(words) <= MAX_HEADING_WORDS and len(bare) <= 70 and bare[0].isupper()
            and bare[-1] not in ".,;" and (bare == text or not PARAGRAPH_NUMBER.match(bare))
            and "\t" not in text and "|" not in text)


def find_sections(source: SourceText, first: int, last: int) -> list[_Section]:
    """Headed sections: a known report heading, or a short title-like line after a blank line."""
    texts = source.clean_lines()
    bulleted = [line[:2] in ("- ", "• ", "* ") for line in source.plain_lines()]
    headings: list[tuple[int, str | None, str, str | None]] = []
    previous_heading = None
    for index in range(first, last + 1):
        text = texts[index]
        if not text:
            continue
        blank_before = index == first or not texts[index - 1]
        known = _known_heading(text.rstrip(":"))
        inline = None if known else _inline_heading(text)
        first_content = previous_heading is not None and all(not texts[i] for i in range(previous_heading + 1, index))
        generic = blank_before and not first_content and not bulleted[index] and _looks_like_heading(text)
        if known or inline or generic:
            name = known or (inline[0] if inline else None)
            headings.append((index, name, text.rstrip(":"), inline[1] if inline else None))
            previous_heading = index
    sections = []
    for position, (index, name, heading, value) in enumerate(headings):
        end = headings[position + 1][0] - 1 if position + 1 < len(headings) else last
        sections.append(_Section(name, heading, index, end, value))
    return sections


def _content(source: SourceText, first: int, last: int) -> str | None:
    """Paragraphs of lines first..last, paragraph numbers dropped, markup removed."""
    paragraphs, current = [], []
    for index in range(first, last + 1):
        text = plain(unpipe(source.lines[index].text))
        if text:
            current.append(PARAGRAPH_NUMBER.sub("", text))
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) or None


def _ends_papers(text: str) -> bool:
    return bool(_label("contact_labels").match(text) or _known_author_heading(text) or TEL.match(text)
                or EMAIL_LABEL.match(text))


def _papers(source: SourceText, part: _Section) -> list[str]:
    """Background papers, one a line, up to the contact details that often follow them."""
    papers = [part.inline] if part.inline else []
    for index in range(part.index + 1, part.end + 1):
        text = PARAGRAPH_NUMBER.sub("", plain(unpipe(source.lines[index].text))).lstrip("-•* ").strip()
        if _ends_papers(text):
            break
        if text:
            papers.append(text)
    return papers


def parse_author(text: str) -> tuple[object | None, str | None, int, int]:
    """(Name or None, role, name start, name end) from 'Jane Doe, Head of Finance' and its kin."""
    text = plain(text).rstrip(".")
    if re.match(r"^the\s", text, re.IGNORECASE):
        return None, text[4:].strip(), 0, 0
    comma = text.find(",")
    name_part = text if comma < 0 else text[:comma]
    role_match = _role_start().search(name_part)
    if role_match:
        name_part = name_part[: role_match.start()].strip()
    name = parse_name(name_part) if name_part else None
    if name is None or (not name.title and not name.given):
        return None, text, 0, 0
    role = text[len(name_part):].strip(" ,") or None
    return name, role, name.start, name.end


def _authors(source: SourceText, segment_: Segment, stop: int) -> list[Author]:
    authors = []
    opener_pattern = re.compile(r"^(?:joint\s+)?report\s+(?:of|by|from)\s+", re.IGNORECASE)
    index = segment_.opener
    paragraphs = 0
    while index is not None and index <= stop and paragraphs < MAX_AUTHOR_PARAGRAPHS:
        if not source.lines[index].text.strip():
            index += 1
            continue
        end = paragraph_end(source, index, stop + 1)
        paragraph = block(source, index, end)
        # markup blanked, not removed: offsets into text are offsets into the paragraph
        text = blank_markup(paragraph.text)
        lead = len(text) - len(text.lstrip())
        skip = opener_pattern.match(text[lead:])
        if skip is None and index == segment_.opener:
            skip = re.match(r"report\s+\w+\s+", text[lead:], re.IGNORECASE)
        offset = lead + (skip.end() if skip else 0)
        if index != segment_.opener and (is_date_line(plain(text)) or _known_heading(plain(text).rstrip(":"))):
            break
        name, role, _, _ = parse_author(plain(text[offset:]))
        if name is not None or index == segment_.opener or (role and _role_start().search(role)):
            span = paragraph.span(source, offset, len(text.rstrip()))
            authors.append(Author(person=to_person(name, span) if name else None, role=role, span=span))
        paragraphs += 1
        index = end + 1
    return authors


def _contact_from(text: str, span) -> Contact | None:
    tel = TEL.search(text)
    email = EMAIL.search(text)
    rest = text
    for match in (tel, email):
        if match:
            rest = rest.replace(match.group(), " ")
    rest = EMAIL_LABEL.sub(" ", rest)
    rest = re.sub(r"\b(?:Tel(?:ephone)?|Phone)\b\.?:?", " ", rest, flags=re.IGNORECASE)
    rest = " ".join(rest.split()).strip(" ,;:")
    name, role = None, None
    if rest:
        parsed, parsed_role, _, _ = parse_author(rest)
        if parsed is not None:
            name, role = parsed.name if not parsed.title else f"{parsed.title} {parsed.name}", parsed_role
        else:
            name = rest
    if not (name or tel or email):
        return None
    return Contact(name=name, role=role, tel=" ".join(tel["tel"].split()) if tel else None,
                   email=email.group() if email else None, span=span)


def find_contacts(source: SourceText, first: int, last: int) -> list[Contact]:
    """'Contact: Name, Role' with its 'Tel:' and 'E-mail:' lines, and 'Author' blocks."""
    contacts = []
    index = first
    while index <= last:
        text = plain(unpipe(source.lines[index].text))
        label = _label("contact_labels").match(text)
        author = _known_author_heading(text)
        if not (label or author):
            index += 1
            continue
        stop = index
        pieces = [text[label.end():]] if label else []
        cursor = index + 1
        while cursor <= last and cursor - index <= 6:
            following = plain(unpipe(source.lines[cursor].text))
            if not following:
                if pieces and any(pieces):
                    # a blank line ends the block unless a Tel/E-mail line follows at once
                    after = next((i for i in range(cursor + 1, min(cursor + 3, last + 1))
                                  if plain(source.lines[i].text)), None)
                    if after is None or not (TEL.search(plain(unpipe(source.lines[after].text))) or
                                             EMAIL.search(source.lines[after].text)):
                        break
                cursor += 1
                continue
            relabel = _label("contact_labels").match(following)
            if relabel and pieces and not _has_name(following[relabel.end():]):
                pieces.append(following[relabel.end():])  # "Author: Jane Doe" then "Contact: jane@..."
                stop = cursor
                cursor += 1
                continue
            if relabel or (_known_heading(following.rstrip(":")) and pieces):
                break
            pieces.append(following)
            stop = cursor
            cursor += 1
        contact = _contact_from(" ".join(pieces), block(source, index, stop).span(source))
        if contact:
            contacts.append(contact)
        index = stop + 1
    return contacts


def _has_name(text: str) -> bool:
    contact = _contact_from(text, None)
    return contact is not None and contact.name is not None


@cache
def _author_headings() -> frozenset[str]:
    return frozenset(canonical(h) for h in section("report_sections")["author_labels"])


def _known_author_heading(text: str) -> bool:
    return canonical(text) in _author_headings()


@cache
def _implication_line() -> re.Pattern[str]:
    headings = section("implication_headings")["headings"]
    return re.compile(r"^(?P<heading>" + phrase_alternation(headings) + r")\s*[-–—:]\s*(?P<text>\S.*)$", re.IGNORECASE)


def _implication_key(text: str) -> str:
    return re.sub(r"(?<!\s)\s*/\s*", "/", canonical(text))


@cache
def _implication_heading_set() -> frozenset[str]:
    return frozenset(_implication_key(h) for h in section("implication_headings")["headings"])


def parse_implications(source: SourceText, first: int, last: int) -> dict[str, str]:
    """'Finance – None' lines, or known headings each followed by their paragraph.

    The list ends at the first other heading after it: an implications appendix is often
    followed, without a heading of its own, by the rest of the pack.
    """
    implications: dict[str, str] = {}
    heading: str | None = None
    for index in range(first, last + 1):
        text = plain(source.lines[index].text)
        if not text:
            continue
        inline = _implication_line().match(text)
        if inline:
            implications[inline["heading"]] = inline["text"]
            heading = None
        elif _implication_key(text) in _implication_heading_set():
            heading = text.rstrip(":")
            implications.setdefault(heading, "")
        elif _looks_like_heading(text) and implications and (heading is None or implications.get(heading)):
            break
        elif heading is not None:
            joined = implications[heading]
            implications[heading] = f"{joined}\n{text}" if joined else text
    return {k: v for k, v in implications.items() if v}


def _header(source: SourceText, segment_: Segment, title: str | None) -> tuple[str | None, str | None]:
    """The committee and the meeting date printed above the report's title."""
    texts = source.clean_lines()
    body, date = None, None
    stop = segment_.opener if segment_.opener is not None else segment_.first
    for index in range(segment_.first, stop):
        text = texts[index]
        if not text:
            continue
        if date is None and is_date_line(text):
            found = parse_date(text)
            date = found.isoformat() if found else None
        elif body is None and date is None and is_body_name(text) and (not title or text not in title):
            top = index
            while top > segment_.first and texts[top - 1]:
                top -= 1
            body = plain(block(source, top, paragraph_end(source, index, stop)).text)
    return body, date


@cache
def _report_label() -> re.Pattern[str]:
    labels = section("report_labels")
    groups = "|".join(f"(?P<{key}>{phrase_alternation(words)})" for key, words in labels.items())
    return re.compile(r"^(?:" + groups + r")\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)


def labelled_header(source: SourceText, first: int, last: int) -> dict[str, tuple[str, int]]:
    """'Report to: Cabinet' style header lines: field -> (value, line index)."""
    found: dict[str, tuple[str, int]] = {}
    for index in range(first, last + 1):
        match = _report_label().match(plain(source.lines[index].text))
        if match:
            key = next(k for k in section("report_labels") if match[k])
            found.setdefault(key, (match["value"].strip(), index))
    return found


def _labelled_author(source: SourceText, value: str, index: int) -> Author:
    line = source.lines[index].text
    start = line.find(value[:20]) if value[:20] in line else 0
    span = source.span(index, index, start)
    name, role, _, _ = parse_author(value)
    return Author(person=to_person(name, span) if name else None, role=role, span=span)


def _recommendation_stop(text: str) -> bool:
    text = plain(unpipe(text))
    return bool(_label("contact_labels").match(text) or _known_heading(text.rstrip(":")) or _inline_heading(text)
                or (SECTION_NUMBER.match(text) and _looks_like_heading(text)))


def parse_report(source: SourceText, segment_: Segment, vocabulary: dict) -> Report:
    """The Report in a report segment (its appendices are its children)."""
    main_end = segment_.children[0].first - 1 if segment_.children else segment_.last
    opener = segment_.opener if segment_.opener is not None else segment_.first
    header_end = paragraph_end(source, opener, main_end + 1)
    labels = labelled_header(source, segment_.first, min(main_end, opener + 12))
    title = labels["title"][0] if "title" in labels else segment_.title
    body, meeting_date = _header(source, segment_, title)
    if "body" in labels:  # "To: County Council – 9th January 2025" names the body and the date
        body = labels["body"][0]
        dated = find_date(body)
        if dated:
            meeting_date = meeting_date or dated[0].isoformat()
            body = body[: dated[1]].rstrip(" –—-,") or None
    if "date" in labels:
        found = parse_date(labels["date"][0])
        meeting_date = found.isoformat() if found else meeting_date
    sections = find_sections(source, header_end + 1, main_end)
    first_known = next((part.index for part in sections if part.name), main_end + 1)
    if "author" in labels:
        authors = [_labelled_author(source, *labels["author"])]
    else:
        authors = _authors(source, segment_, first_known - 1)
    fields: dict = {"recommendations": [], "background_papers": [], "electoral_divisions": []}
    implications: dict[str, str] = {}
    for part in sections:
        content_end = part.end
        if part.name == "recommendations":
            clauses, _ = read_clauses(source, part.index, len(source.lines[part.index].text), part.end,
                                      stop=_recommendation_stop)
            fields["recommendations"] = [Recommendation(label=c.label, text=c.text, preamble=c.preamble, span=c.span)
                                         for c in clauses]
        elif part.name in ("purpose", "executive_summary") and part.name not in fields:
            fields[part.name] = _content(source, part.index + 1, content_end)
        elif part.name == "background_papers":
            fields["background_papers"] = _papers(source, part)
        elif part.name == "electoral_divisions":
            value = part.inline or _content(source, part.index + 1, content_end) or ""
            first_paragraph = value.split("\n\n")[0].rstrip(".")
            fields["electoral_divisions"] = [d.strip() for d in re.split(r",|;|\band\b", first_paragraph) if d.strip()]
        elif part.name == "implications":
            implications.update(parse_implications(source, part.index + 1, content_end))
    if "electoral_divisions" in labels and not fields["electoral_divisions"]:
        fields["electoral_divisions"] = [d.strip() for d in re.split(r",|;|\band\b", labels["electoral_divisions"][0].rstrip("."))
                                         if d.strip()]
    for child in segment_.children:
        if child.title and _known_heading(child.title) == "implications":
            implications.update(parse_implications(source, child.first + 1, child.last))
    named = next((a for a in authors if a.person is not None), None)
    return Report(
        title=title,
        body=body,
        meeting_date=meeting_date,
        author=named or (authors[0] if authors else None),
        authors=authors,
        purpose=fields.get("purpose"),
        executive_summary=fields.get("executive_summary"),
        recommendations=fields["recommendations"],
        background_papers=fields["background_papers"],
        electoral_divisions=fields["electoral_divisions"],
        contacts=find_contacts(source, opener, main_end),
        implications=implications,
        appendices=[child.title for child in segment_.children if child.kind in ("appendix", "presentation") and child.title],
        span=source.span(segment_.first, segment_.last, verbatim=False),
    )
