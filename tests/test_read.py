"""Reading text input: encodings, line endings, pages, look-alike letters, and refusals."""

from __future__ import annotations

import pytest

from extract.base.errors import UnreadableDocument
from extract.reading.decode import read_path, read_text
from tests.helpers import CORPUS

SENTENCE = "Councillor Jane O’Brien – Chair of the Café Committee"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8 (BOM)"),
        (SENTENCE.encode("utf-16"), "utf-16 (BOM)"),
        (SENTENCE.encode("cp1252"), "cp1252"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    source = read_text(data, "sample.txt")
    assert source.encoding == encoding
    assert source.lines[0].text == SENTENCE


def test_latin1_only_bytes_decode():
    source = read_text("Café licence – £20".encode("latin-1", errors="replace"), "latin.txt")
    assert source.lines[0].text.startswith("Café licence")


def test_crlf_and_cr_line_endings_give_the_same_lines_with_offsets_into_the_original():
    for newline in ("\n", "\r\n", "\r"):
        raw = newline.join(["Present:", "", "Councillor A Smith (Chair)"])
        source = read_text(raw.encode(), "x.txt")
        assert [line.text for line in source.lines] == ["Present:", "", "Councillor A Smith (Chair)"]
        third = source.lines[2]
        assert source.raw[third.start : third.start + len(third.text)] == third.text
        assert third.number == 3


def test_form_feeds_are_page_breaks():
    source = read_text(b"Page one text\n\x0cPage two text\nmore\n\x0cPage three\n\x0c", "p.txt")
    assert [(line.text.strip(), line.page) for line in source.lines if line.text.strip()] == [
        ("Page one text", 1), ("Page two text", 2), ("more", 2), ("Page three", 3)]
    assert source.pages == 3


def test_text_without_form_feeds_has_no_pages():
    source = read_text(b"one\ntwo\n", "n.txt")
    assert source.pages is None and all(line.page is None for line in source.lines)


def test_cyrillic_lookalikes_in_the_seed_table_header_are_repaired_and_the_original_kept():
    path = next(CORPUS.glob("*2014-02-25*"))
    source = read_path(path)
    header = next(line for line in source.lines if line.text.startswith("Priority\tIndicator"))
    assert header.text.split("\t")[2] == "Type"
    verbatim = source.raw[header.start : header.start + len(header.text)]
    assert verbatim.split("\t")[2] == "\u0422\u0443\u0440\u0435"  # as printed, in Cyrillic
    assert any(w.code == "repaired-letters" and "look-alike" in w.message for w in source.warnings)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Rоad Safety", "Road Safety"),  # Cyrillic o inside a Latin word
        ("The Сouncil agreed", "The Council agreed"),  # whole-word look-alike start letter
        ("Москва is a city", "Москва is a city"),  # real Cyrillic word: kept
        ("Ελληνικά κείμενα", "Ελληνικά κείμενα"),  # Greek text: kept
    ],
)
def test_lookalike_repair_only_inside_latin_text(line, expected):
    assert read_text(line.encode(), "h.txt").lines[0].text == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n\t", "only white space"),
        (b"\x00\x01\x02binary\x00data" * 10, "binary file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
        ("Minutes of the meeting of the committee".encode("cp500"), "unknown text encoding"),
        (bytes(range(0x80, 0xA0)) * 20, "unknown text encoding"),
    ],
    ids=["empty", "whitespace", "nul-bytes", "pdf", "zip", "ebcdic", "c1-controls"],
)
def test_unreadable_input_names_the_file_and_the_reason(data, reason):
    with pytest.raises(UnreadableDocument) as raised:
        read_text(data, "bad/input.txt")
    assert raised.value.source == "bad/input.txt"
    assert reason in raised.value.reason
    assert str(raised.value).startswith("bad/input.txt: ")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "huge.txt"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(UnreadableDocument, match="too large"):
        read_path(big, max_bytes=1024)


def test_spans_point_at_the_verbatim_source():
    raw = "Resolved:\r\n\r\n(i)\tThat the rеport be noted.\r\n"  # Cyrillic e in "report"
    source = read_text(raw.encode(), "s.txt")
    span = source.span(2, 2, 4)
    assert span.text == "That the rеport be noted."
    assert source.raw[span.char_start : span.char_end] == span.text
    assert (span.line_start, span.line_end) == (3, 3)
    assert source.lines[2].text[4:] == "That the report be noted."
