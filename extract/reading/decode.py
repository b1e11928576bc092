"""Input bytes to SourceText: decoded, split into lines, cleaned, and mapped back to the source.

Text files come in UTF-8 (with or without BOM), UTF-16 with BOM, cp1252 or Latin-1, with any
line endings and form feeds between pages. Every clean-up keeps each character in its column,
so a (line, column) in clean text is an exact character offset in the decoded original.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from extract.base.errors import UnreadableDocument
from extract.reading.html import html_to_text, looks_like_html
from extract.reading.markdown import (blank_front_matter_line, blank_markdown, front_matter_date, front_matter_lines, is_markdown,
                              unfold_html_blocks)
from extract.text.lines import Line, SourceText, split_lines
from schemas import DocumentWarning

MAX_BYTES = 64 * 1024 * 1024  # a text agenda pack is rarely over 2 MB; 64 MB is not a paper
MAX_PDF_BYTES = 1024 * 1024 * 1024  # PDFs carry images: a 500-page pack can be hundreds of MB

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (a Word or Excel file?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x1f\x8b": "a gzip archive",
}
# English papers in an 8-bit encoding are nearly all ASCII: a few £, –, ’ and é per line.
MIN_ASCII_SHARE = 0.85
MAX_BAD_BYTES = 8  # undecodable bytes (or NULs) a text may have and still be read, U+FFFD for each
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape decodes it
# Control characters that never occur in text decoded with the right encoding.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _ascii_share(text: str) -> float:
    return sum(1 for char in text if char.isascii()) / max(len(text), 1)


def few(count: int, size: int) -> bool:
    """A few bad bytes, as one slip of a tool makes: at most 8, or one in a thousand."""
    return count <= max(MAX_BAD_BYTES, size // 1000)


def _nul_positions(data: bytes) -> list[int]:
    return [match.start() for match in re.finditer(b"\x00", data)]


def _bad_utf8(data: bytes) -> list[int]:
    """Offsets of the bytes that are not UTF-8 (surrogate escapes mark them; one pass)."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad, offset, last = [], 0, 0
    for match in _ESCAPED.finditer(text):
        offset += len(text[last:match.start()].encode("utf-8"))
        bad.append(offset)
        offset, last = offset + 1, match.end()
    return bad


def _replaced_warning(positions: list[int], what: str) -> DocumentWarning:
    shown = ", ".join(str(p) for p in positions[:10]) + (", ..." if len(positions) > 10 else "")
    return DocumentWarning(code="replaced-bytes", message=f"replaced {len(positions)} {what} with U+FFFD (at byte offset {shown})")


def decode(data: bytes, source: str) -> tuple[str, str, list[DocumentWarning]]:
    """Decode bytes of a text document, keeping a paper with a few bad bytes: each one (and each
    stray NUL) becomes U+FFFD, and a warning says how many and where. Raise UnreadableDocument
    naming the reason for what is not text."""
    if not data:
        raise UnreadableDocument(source, "empty file (0 bytes)")
    if not data.strip():
        raise UnreadableDocument(source, "file holds only white space")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "") + " (BOM)", []
            except UnicodeDecodeError as error:
                raise UnreadableDocument(source, f"starts with a {encoding} byte-order mark but does not decode: {error.reason}") from None
    for magic, what in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise UnreadableDocument(source, f"binary file: looks like {what}, not text")
    nuls = _nul_positions(data)
    if not few(len(nuls), len(data)):
        raise UnreadableDocument(source, f"binary file: {len(nuls)} NUL bytes in {len(data)} "
                                         "(or UTF-16/32 text without a byte-order mark)")
    warnings = [_replaced_warning(nuls, "NUL byte(s)")] if nuls else []
    text, encoding = _decode_text(data)
    if encoding is None:
        bad = _bad_utf8(data)
        if not few(len(bad), len(data)):
            raise UnreadableDocument(
                source, "unknown text encoding: not UTF-8, cp1252 or Latin-1 (control characters or too few Latin letters)")
        text, encoding = _without_nul(data.decode("utf-8", errors="replace")), "utf-8"
        warnings.append(_replaced_warning(bad, "undecodable byte(s)"))
    return text, encoding, warnings


def _without_nul(text: str) -> str:
    """A stray NUL is no character of a text: U+FFFD in its place, as for a bad byte."""
    return text.replace("\x00", "\ufffd")


def _is_mostly_utf8(data: bytes) -> bool:
    """UTF-8 multi-byte sequences in it and only a few bytes that are not UTF-8."""
    return bool(_UTF8_SEQUENCE.search(data)) and few(len(_bad_utf8(data)), len(data))


def _decode_text(data: bytes) -> tuple[str, str | None]:
    """data in the first encoding that reads it as text, or ('', None)."""
    for encoding in ("utf-8", "cp1252", "latin-1"):
        try:
            text = _without_nul(data.decode(encoding))
        except UnicodeDecodeError:
            continue
        controls = len(_CONTROL.findall(text))
        if controls > max(2, len(text) // 1000):
            continue
        if encoding != "utf-8" and _ascii_share(text) < MIN_ASCII_SHARE:
            continue  # decodes, but as symbols: another 8-bit encoding (EBCDIC, KOI8, ...)
        if encoding != "utf-8" and _is_mostly_utf8(data):
            continue  # UTF-8 with a bad byte: read as cp1252 it would be mojibake
        return text, encoding
    return "", None


def read_text(data: bytes, source: str) -> SourceText:
    """Bytes of a text document to SourceText (a saved web page: the text of its main content)."""
    raw, encoding, warnings = decode(data, source)
    html = looks_like_html(data, source)
    markdown = not html and is_markdown(source, raw)
    if html:
        raw = html_to_text(raw)
    elif markdown:
        raw, from_html = unfold_html_blocks(raw)  # see extract.reading.markdown: spans cite the unfolded text
    lines, pages, repaired = split_lines(raw)
    printed = None
    if markdown:
        lines = _without_markdown(lines, from_html)
    elif not html:
        from extract.text.paragraphs import restore_paragraphs

        lines, printed = restore_paragraphs(raw, lines)
    if not any(line.text.strip() for line in lines):
        raise UnreadableDocument(source, "no text after decoding")
    if repaired:
        warnings.append(DocumentWarning(code="repaired-letters",
                                        message=f"repaired {repaired} look-alike Cyrillic/Greek letter(s) inside Latin words"))
    warnings.extend(_long_line_warnings(lines))
    return SourceText(
        source=source,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        raw=raw,
        lines=lines,
        pages=pages,
        repaired_chars=repaired,
        printed_pages=printed,
        warnings=warnings,
    )


MAX_LINE_CHARS = 20_000  # a paragraph of a paper is rarely 3,000 characters; 20,000 is text without line breaks


def _long_line_warnings(lines: list[Line]) -> list[DocumentWarning]:
    """A warning for text that never breaks into lines: it reads as one paragraph, and little of it
    is likely to be read right."""
    long = [line for line in lines if len(line.text) > MAX_LINE_CHARS]
    if not long:
        return []
    longest = max(long, key=lambda line: len(line.text))
    return [DocumentWarning(code="long-lines", message=f"{len(long)} line(s) longer than {MAX_LINE_CHARS:,} characters "
                            f"(line {longest.number}: {len(longest.text):,}): text without line breaks reads as one paragraph")]


def _without_markdown(lines: list[Line], from_html: set[int]) -> list[Line]:
    """Markdown syntax blanked in each line (front matter all but its title), columns kept;
    lines that are the text of an HTML block are text already."""
    texts = [line.text for line in lines]
    front, posted = front_matter_lines(texts), front_matter_date(texts)
    return [line if index in from_html else
            Line(line.number, line.page, line.start,
                 blank_front_matter_line(line.text, posted) if index < front else blank_markdown(line.text))
            for index, line in enumerate(lines)]


def read_path(path: Path, source: str | None = None, max_bytes: int | None = None) -> SourceText:
    """Read one file from disk, refusing what is not a readable text document."""
    name = source or str(path)
    return read_text(read_bytes(path, name, max_bytes), name)


def is_pdf(data: bytes, name: str) -> bool:
    return data.lstrip()[:5].startswith(b"%PDF") or name.lower().endswith(".pdf")


def read_bytes(path: Path, name: str, max_bytes: int | None = None) -> bytes:
    """A file's bytes, or an UnreadableDocument saying why not."""
    if max_bytes is None:
        max_bytes = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_BYTES
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise UnreadableDocument(
                name, f"file too large: {size / 1e6:.1f} MB (the limit is {max_bytes / 1e6:.0f} MB)"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument(name, "no such file") from None
    except IsADirectoryError:
        raise UnreadableDocument(name, "is a directory") from None
    except PermissionError:
        raise UnreadableDocument(name, "permission denied") from None
    except OSError as error:
        raise UnreadableDocument(name, f"cannot be read: {error.strerror or error}") from None
