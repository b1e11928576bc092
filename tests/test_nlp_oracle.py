"""spaCy as the oracle of extract.parsing.nlp: the plain-Python tokenizer, sentence splitter and
matchers must give exactly what spaCy's pipeline gives (spacy.blank('en') with a sentencizer, a
PhraseMatcher on LOWER for the speech verbs, a Matcher for the promises), on every document we
hold. A vocabulary change or a spaCy upgrade that breaks the equivalence fails here.

`python -m tests.test_nlp_oracle --write` copies the installed spaCy's rules to
extract/parsing/tokenizer_rules.py (then run this file).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

import pytest

from extract.base.errors import MinutebookError
from extract.base.vocabulary import vocabulary
from extract.parsing import nlp, tokenizer_rules
from extract.parsing.tokens import tokenize
from extract.pipeline import read_source

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "corpus", ROOT / "tests" / "documents", ROOT / "tests" / "accuracy" / "documents",
           ROOT.parent / "shared" / "realdocs"]
RULES_FILE = ROOT / "extract" / "parsing" / "tokenizer_rules.py"


@cache
def spacy_pipeline():
    """The pipeline extract.parsing.nlp replaced, built as it was."""
    spacy = pytest.importorskip("spacy")
    from spacy.matcher import Matcher, PhraseMatcher

    english = spacy.blank("en")
    english.add_pipe("sentencizer")
    verbs = PhraseMatcher(english.vocab, attr="LOWER")
    for kind, phrases in vocabulary().speech_verbs:
        verbs.add(kind.upper(), [english.make_doc(phrase) for phrase in phrases])
    promises = Matcher(english.vocab)
    actions = [a.lower() for a in vocabulary().promises.actions if " " not in a]
    for phrase in vocabulary().promises.agreeing:
        words = [{"LOWER": word.lower()} for word in phrase.split()]
        promises.add("PROMISE", [words + [{"LOWER": {"IN": actions}}]])
    future = [word.lower() for word in vocabulary().promises.future]
    subjects = ["he", "she", "they", "officers", "i", "we", "but", "and"]
    promises.add("PROMISE", [[{"LOWER": {"IN": subjects}}, {"LOWER": {"IN": future}}, {"LOWER": {"IN": actions}}],
                             [{"LOWER": {"IN": future}}, {"LOWER": "be"}, {"LOWER": {"IN": actions}}]])
    return english, verbs, promises


def spacy_sentences(text: str) -> list[nlp.Sentence]:
    """What nlp.sentences gave for one text when spaCy read it."""
    english, verb_matcher, promise_matcher = spacy_pipeline()
    doc = english(nlp.masked(text))
    hits = []
    for match_id, start, end in verb_matcher(doc):
        span = doc[start:end]
        hits.append(nlp.VerbHit(english.vocab.strings[match_id].lower(), span.start_char, span.end_char))
    kept = nlp.longest_first(hits)
    promised = sorted({(doc[s:e].start_char, doc[s:e].end_char) for _, s, e in promise_matcher(doc)})
    found = []
    for sent in doc.sents:
        if not sent.text.strip():
            continue
        a, b = sent.start_char, sent.end_char
        found.append(nlp.Sentence(a, b, text[a:b],
                                  tuple(nlp.VerbHit(h.kind, h.start - a, h.end - a) for h in kept if a <= h.start < b),
                                  tuple((s - a, e - a) for s, e in promised if a <= s < b)))
    return found


@cache
def held_paragraphs() -> tuple[str, ...]:
    """Every paragraph (lines between blank lines, joined by a space) of every document we hold."""
    paragraphs: set[str] = set()
    for folder in FOLDERS:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.suffix.lower() not in {".txt", ".md", ".html", ".htm", ".pdf"}:
                continue
            try:
                lines = [line.text for line in read_source(path.read_bytes(), str(path)).lines]
            except MinutebookError:
                continue
            run: list[str] = []
            for line in lines + [""]:
                if line.strip():
                    run.append(line)
                elif run:
                    paragraphs.add(" ".join(run))
                    run = []
    return tuple(sorted(paragraphs))


def test_the_copied_rules_are_the_installed_spacys():
    spacy = pytest.importorskip("spacy")
    from spacy.attrs import ORTH
    from spacy.pipeline import Sentencizer

    tokenizer = spacy.blank("en").tokenizer
    assert tokenizer_rules.PREFIX == tokenizer.prefix_search.__self__.pattern
    assert tokenizer_rules.SUFFIX == tokenizer.suffix_search.__self__.pattern
    assert tokenizer_rules.INFIX == tokenizer.infix_finditer.__self__.pattern
    assert tokenizer_rules.URL == tokenizer.url_match.__self__.pattern
    assert tokenizer.token_match is None
    assert tokenizer_rules.SENTENCE_ENDS == frozenset(Sentencizer.default_punct_chars)
    assert tokenizer_rules.SPECIAL_CASES == {orth: tuple(t[ORTH] for t in pieces) for orth, pieces in tokenizer.rules.items()}


def test_tokens_are_spacys_on_every_paragraph_we_hold():
    english = spacy_pipeline()[0]
    different = []
    for text in held_paragraphs():
        masked = nlp.masked(text)
        if [(t.idx, t.text) for t in english.make_doc(masked)] != [(t.start, t.text) for t in tokenize(masked)]:
            different.append(text[:80])
    assert len(held_paragraphs()) > 1000
    assert different == []


def test_sentences_verbs_and_promises_are_spacys_on_every_paragraph_we_hold():
    texts = list(held_paragraphs())
    ours = nlp.sentences(texts)
    different = [text[:80] for text, found in zip(texts, ours) if found != spacy_sentences(text)]
    assert different == []


@pytest.mark.parametrize("text", [
    "Mr. Smith asked whether the report (p. 4) was ready.  Cllr Jones replied: yes!\n\nHe would circulate it.",
    "The officer agreed to e-mail members...  \"Will it?\" asked Cllr A. Brown, a.m.; etc. — see www.example.org/x.",
    "Members noted the update.The chair thanked officers ( 9.30a.m. ) and they will report back. U.K. fine.",
    "", "   ", "\n", "...", "!?", "(((((" + "x" * 200 + ")))))", "Mr .", "can't won't cannot gonna",
])
def test_edge_cases_match_spacy(text):
    assert nlp.sentences([text]) == [spacy_sentences(text)]


@pytest.mark.parametrize("text", [
    "  leading spaces", "trailing spaces  ", " one space each side ", "\ttab\n\nnew  line\u00a0x ", "x", "a",
    "(", "a.m. p.m.", "10a.m.", "don't", "Cllr  A.  Smith,", "\u00a0", "a \u00a0 b",
])
def test_white_space_single_characters_and_letter_runs_tokenize_as_spacy_does(text):
    """tokenize takes white space between words, lone characters and letter runs without the
    affix rules: each must still come out as spaCy's tokens."""
    english = spacy_pipeline()[0]
    assert [(t.start, t.text) for t in tokenize(text)] == [(t.idx, t.text) for t in english.make_doc(text)]


def test_every_vocabulary_phrase_is_found_as_spacy_finds_it():
    english, verb_matcher, _ = spacy_pipeline()
    for kind, phrases in vocabulary().speech_verbs:
        for phrase in phrases:
            text = f"Cllr Smith {phrase} the Committee and would circulate the note."
            assert nlp.sentences([text]) == [spacy_sentences(text)], phrase


def test_a_phrase_of_two_kinds_takes_the_kind_spacy_reported_first():
    english, verb_matcher, _ = spacy_pipeline()
    for kind, _ in vocabulary().speech_verbs:
        assert nlp._murmur64a(kind.upper().encode()) == english.vocab.strings[kind.upper()]
    for phrase in ("introduced", "welcomed"):
        doc = english.make_doc(phrase)
        first = english.vocab.strings[verb_matcher(doc)[0][0]].lower()
        assert nlp.speech_verbs(phrase)[0].kind == first


def write_rules() -> None:
    """Copy the installed spaCy's English tokenizer rules to tokenizer_rules.py."""
    import spacy
    from spacy.attrs import ORTH
    from spacy.pipeline import Sentencizer

    tokenizer = spacy.blank("en").tokenizer
    specials = {orth: tuple(t[ORTH] for t in pieces) for orth, pieces in sorted(tokenizer.rules.items())}
    lines = [f'"""spaCy {spacy.__version__} English tokenizer rules and sentencizer punctuation, copied for '
             "extract.parsing.tokens.", "",
             "Written by `python -m tests.test_nlp_oracle --write`; tests/test_nlp_oracle.py fails when the",
             "installed spaCy's rules differ from these. Not edited by hand.", '"""', "",
             f"PREFIX = {tokenizer.prefix_search.__self__.pattern!r}",
             f"SUFFIX = {tokenizer.suffix_search.__self__.pattern!r}",
             f"INFIX = {tokenizer.infix_finditer.__self__.pattern!r}",
             f"URL = {tokenizer.url_match.__self__.pattern!r}",
             f"SENTENCE_ENDS = frozenset({sorted(Sentencizer.default_punct_chars)!r})",
             "SPECIAL_CASES = {"]
    lines += [f"    {orth!r}: {pieces!r}," for orth, pieces in specials.items()]
    RULES_FILE.write_text("\n".join(lines + ["}", ""]), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m tests.test_nlp_oracle --write")
    write_rules()
