"""Whom to contact about a report: 'Contact: Name, Role' with its telephone and e-mail lines.

Split from the report parser: contact blocks are read wherever they stand in a report (often
after the background papers, or in a table), so finding them is a job of its own.
"""

from __future__ import annotations

import re

from extract.text.blocks import block
from extract.parsing.report_authors import known_author_heading, parse_author
from extract.parsing.report_sections import known_heading, label_pattern, row_text
from extract.text.lines import SourceText
from schemas import Contact

TEL = re.compile(r"\b(?:Tel(?:ephone)?|Phone|Direct line|Mobile)\b\.?:?\s*(?P<tel>\+?\d[\d ]{5,}\d)", re.IGNORECASE)
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]+(?:\.[\w-]+)+")
EMAIL_LABEL = re.compile(r"\b(?:E-?mail)\b:?\s*", re.IGNORECASE)


def starts_contact_details(text: str) -> bool:
    """Whether a line opens contact details: a contact or author label, 'Tel', 'E-mail'."""
    return bool(label_pattern("contact_labels").match(text) or known_author_heading(text) or TEL.match(text)
                or EMAIL_LABEL.match(text))


def contact_from(text: str, span) -> Contact | None:
    """A Contact from a block's text: its telephone and e-mail taken out, what is left a name and role."""
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
        text = row_text(source, index)
        label = label_pattern("contact_labels").match(text)
        author = known_author_heading(text)
        if not (label or author):
            index += 1
            continue
        stop = index
        pieces = [text[label.end():]] if label else []
        cursor = index + 1
        while cursor <= last and cursor - index <= 6:
            following = row_text(source, cursor)
            if not following:
                if pieces and any(pieces):
                    # a blank line ends the block unless a Tel/E-mail line follows at once
                    after = next((i for i in range(cursor + 1, min(cursor + 3, last + 1))
                                  if source.plain_lines()[i]), None)
                    if after is None or not (TEL.search(row_text(source, after)) or
                                             EMAIL.search(source.lines[after].text)):
                        break
                cursor += 1
                continue
            relabel = label_pattern("contact_labels").match(following)
            if relabel and pieces and not _has_name(following[relabel.end():]):
                pieces.append(following[relabel.end():])  # "Author: Jane Doe" then "Contact: jane@..."
                stop = cursor
                cursor += 1
                continue
            if relabel or (known_heading(following.rstrip(":")) and pieces):
                break
            pieces.append(following)
            stop = cursor
            cursor += 1
        contact = contact_from(" ".join(pieces), block(source, index, stop).span(source))
        if contact:
            contacts.append(contact)
        index = stop + 1
    return contacts


def _has_name(text: str) -> bool:
    contact = contact_from(text, None)
    return contact is not None and contact.name is not None
