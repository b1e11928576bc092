"""An officer's report to its Report record: who, to whom, why, what is asked, whom to contact.

A report opens with a header (committee, date, title), then "Report of <name>, <role>", then
sections under headings from the vocabulary ([report_sections]): purpose, summary,
recommendations, background papers, contacts; its implications are usually Appendix 1.

The jobs are apart: the header (extract.parsing.report_header), the sections
(report_sections), what they say (report_contents), the authors (report_authors), the
contacts (contacts) and the implications (implications); this module assembles the Report.
"""

from __future__ import annotations

from extract.text.blocks import paragraph_end
from extract.base.dates import find_date, parse_date
from extract.base.vocabulary import Vocabulary
from extract.parsing.contacts import find_contacts
from extract.parsing.implications import parse_implications
from extract.parsing.report_authors import find_authors, labelled_author
from extract.parsing.report_contents import background_papers, divisions, recommendations, section_text
from extract.parsing.report_header import labelled_header, meeting_header
from extract.parsing.report_sections import find_sections, known_heading
from extract.text.lines import SourceText
from extract.segmenting.segment import Segment
from schemas import Report


def parse_report(source: SourceText, segment_: Segment, vocabulary: Vocabulary) -> Report:
    """The Report in a report segment (its appendices are its children)."""
    main_end = segment_.children[0].first - 1 if segment_.children else segment_.last
    opener = segment_.opener if segment_.opener is not None else segment_.first
    header_end = paragraph_end(source, opener, main_end + 1)
    labels = labelled_header(source, segment_.first, min(main_end, opener + 12))
    title = labels["title"][0] if "title" in labels else segment_.title
    body, meeting_date = meeting_header(source, segment_, title)
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
        authors = [labelled_author(source, *labels["author"])]
    else:
        authors = find_authors(source, segment_, first_known - 1)
    fields: dict = {"recommendations": [], "background_papers": [], "electoral_divisions": []}
    implications: dict[str, str] = {}
    for part in sections:
        content_end = part.end
        if part.name == "recommendations":
            fields["recommendations"] = recommendations(source, part)
        elif part.name in ("purpose", "executive_summary") and part.name not in fields:
            fields[part.name] = section_text(source, part.index + 1, content_end)
        elif part.name == "background_papers":
            fields["background_papers"] = background_papers(source, part)
        elif part.name == "electoral_divisions":
            value = part.inline or section_text(source, part.index + 1, content_end) or ""
            fields["electoral_divisions"] = divisions(value.split("\n\n")[0])
        elif part.name == "implications":
            implications.update(parse_implications(source, part.index + 1, content_end))
    if "electoral_divisions" in labels and not fields["electoral_divisions"]:
        fields["electoral_divisions"] = divisions(labels["electoral_divisions"][0])
    for child in segment_.children:
        if child.title and known_heading(child.title) == "implications":
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
