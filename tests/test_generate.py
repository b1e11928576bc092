"""The benchmark corpus generator: seeded, and its papers read as the genre they imitate."""

from __future__ import annotations

import re

from tests.generate import write_pdf_corpus, write_text_corpus
from extract.pipeline import process_path


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another(tmp_path):
    one = [p.read_bytes() for p in write_text_corpus(tmp_path / "a", 30, seed=7)]
    two = [p.read_bytes() for p in write_text_corpus(tmp_path / "b", 30, seed=7)]
    three = [p.read_bytes() for p in write_text_corpus(tmp_path / "c", 30, seed=8)]
    assert one == two and one != three and len(set(one)) == 30


def test_generated_minutes_parse_into_every_item_decision_and_question(tmp_path):
    for path in write_text_corpus(tmp_path, 25, seed=3):
        text = path.read_text(encoding="utf-8")
        document = process_path(path, str(path))
        [meeting] = document.meetings
        numbers = re.findall(r"^(\d+/\d+) ", text, re.MULTILINE)
        assert [item.number for item in meeting.items] == numbers
        assert all(len(item.resolutions) == 1 for item in meeting.items)
        assert meeting.attendance and all(item.interventions for item in meeting.items)


def test_pdf_packs_have_the_pages_asked_for(tmp_path):
    import pypdfium2

    packs = write_pdf_corpus(tmp_path, 45, seed=1, pages_per_pack=20)
    assert [len(pypdfium2.PdfDocument(p)) for p in packs] == [20, 20, 5]
