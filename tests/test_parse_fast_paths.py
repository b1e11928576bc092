"""The text parse's short cuts give what the long way gives: nlp.masked's check for a long token,
nlp._sentence_starts looking only after sentence-final marks, nlp._promise_spans skipping a
text without a promise's last word, lines.line_texts's str.split, clean.may_hold_lookalike's
byte search, clean._MARKUP's opening look-ahead, votes._read_prose asking a paragraph for its
cues before its sentences, vocabulary.canonical's str methods, the opening look-aheads of
dates.DATE_IN_TEXT and vocabulary.phrase_alternation, and speakers.parse_subjects keeping a
subject's speakers while the meeting learns nothing new. Each is checked against the long way
on the text of the documents we hold (and of ../shared/realdocs where it is present)."""

from __future__ import annotations

import re
from itertools import accumulate

import pytest

from extract.base import dates
from extract.base.vocabulary import canonical, opening_lookahead, phrase_alternation, vocabulary
from extract.parsing import interventions, nlp, speakers, votes
from extract.parsing.names import parse_name
from extract.parsing.roster import to_person
from extract.parsing.speakers import MeetingContext, parse_subjects, read_subjects
from extract.parsing.tokens import tokenize
from extract.pipeline import parse_source, read_source
from extract.storing.output import record_json
from extract.text import clean
from extract.text.clean import LINE_BREAK, may_hold_lookalike
from extract.text.lines import line_texts
from extract.text.prefilter import may_hold
from tests.helpers import ACCURACY_DOCUMENTS, CORPUS, DOCUMENTS, REALDOCS, text_documents
from tests.test_lines import every_text
from tests.test_nlp_oracle import held_paragraphs

def masked_by_pattern(text: str) -> str:
    """nlp.masked without its check: the pattern run over every text."""
    return nlp._LONG_TOKEN.sub(lambda match: " " * len(match.group()), text)


LONG_TOKENS = ["x" * n for n in (63, 64, 65, 66, 200)] + [
    "see " + "(" * 70 + "a" + ")" * 70 + " now", "a" * 65 + "\u2003" + "b" * 64, "\u00a0" * 80, " " * 100,
    "http://example.org/" + "p" * 60 + "?q=1 done.", "word " * 30]


@pytest.mark.parametrize("text", LONG_TOKENS)
def test_masked_is_the_pattern_on_long_tokens(text):
    assert nlp.masked(text) == masked_by_pattern(text)


def test_masked_is_the_pattern_on_every_paragraph_we_hold():
    paragraphs = held_paragraphs()
    assert any(masked_by_pattern(text) != text for text in paragraphs)  # some paragraph holds a long token
    assert [nlp.masked(text) for text in paragraphs] == [masked_by_pattern(text) for text in paragraphs]


def starts_token_by_token(texts: list[str]) -> list[int]:
    """spaCy's sentencizer rule, token by token: after a sentence-final mark, the first token
    that is neither one nor punctuation starts a sentence."""
    starts, seen_end = [0], False
    for index, text in enumerate(texts):
        is_end = text in nlp.SENTENCE_ENDS
        if seen_end and not is_end and not nlp._is_punct(text):
            starts.append(index)
            seen_end = False
        elif is_end:
            seen_end = True
    return starts


@pytest.mark.parametrize("text", ["", ".", "..!? (", "Hi. Yes", "Ends here.", "A. (b) ... \"c\" ! d", "x.\n\ny", "?!x"])
def test_sentence_starts_are_the_token_by_token_rule(text):
    texts = [token.text for token in tokenize(text)]
    assert nlp._sentence_starts(texts) == starts_token_by_token(texts)


def test_sentence_starts_are_the_token_by_token_rule_on_every_paragraph_we_hold():
    for text in held_paragraphs():
        texts = [token.text for token in tokenize(nlp.masked(text))]
        assert nlp._sentence_starts(texts) == starts_token_by_token(texts), text[:80]


def lines_by_pattern(text: str) -> tuple[list[str], list[int]]:
    """line_texts the regex way, for any line break."""
    bodies = LINE_BREAK.split(text)
    if not bodies[-1]:
        bodies.pop()
    texts = bodies[0::2]
    return texts, [0, *accumulate(map(len, bodies))][0:2 * len(texts):2]


@pytest.mark.parametrize("text", ["", "\n", "\n\n", "a", "a\n", "a\nb", "a\n\nb\n", " \f\n x", "a\r\nb\rc\n", "\r"])
def test_line_texts_is_the_pattern(text):
    assert line_texts(text) == lines_by_pattern(text)


def test_line_texts_is_the_pattern_on_every_document():
    for text in every_text():
        assert line_texts(text) == lines_by_pattern(text)


def test_a_subjects_speakers_are_read_again_once_the_meeting_learns_who_holds_the_role():
    context = MeetingContext()
    before = parse_subjects("The Head of Housing ", context)
    assert parse_subjects("The Head of Housing ", context) is before  # nothing learnt: the same answer
    assert (before[0].role, before[0].person) == ("Head of Housing", None)
    context.learn(to_person(parse_name("Sarah Vaughan")), "Head of Housing")
    after = parse_subjects("The Head of Housing ", context)
    assert (after[0].role, after[0].person.name) == ("Head of Housing", "Sarah Vaughan")


def test_a_reading_that_teaches_the_meeting_is_not_kept():
    context = MeetingContext()
    first = parse_subjects("J Sunter, PH Strategic Manager ", context)  # teaches the role's holder
    assert context.learnt and not context.subjects
    assert parse_subjects("J Sunter, PH Strategic Manager ", context) is not first


def test_records_are_the_same_with_every_subject_read_afresh(monkeypatch):
    paths = text_documents(CORPUS, DOCUMENTS, ACCURACY_DOCUMENTS, REALDOCS)
    kept = [record_json(parse_source(read_source(p.read_bytes(), str(p)))) for p in paths]
    monkeypatch.setattr(interventions, "parse_subjects", read_subjects)
    assert speakers.parse_subjects is not read_subjects
    afresh = [record_json(parse_source(read_source(p.read_bytes(), str(p)))) for p in paths]
    assert sum('"interventions": [\n' in record for record in kept) > 5  # the documents hold minutes with turns
    assert [p.name for p, a, b in zip(paths, kept, afresh) if a != b] == []


LOOKALIKE_TEXTS = ["", "plain ASCII", "£5 – ‘quoted’ café", "Сouncillor", "ΟΔΟΣ and Τype", "體 \udc80 surrogate",
                   "Ꭺ Cherokee", "\u0400\u052f\u0370", "A\u0391"] + [f"word{char}word" for char in vocabulary().homoglyphs.from_]


@pytest.mark.parametrize("text", LOOKALIKE_TEXTS)
def test_may_hold_lookalike_is_the_character_class(text):
    assert may_hold_lookalike(text) == bool(clean._lookalike_class().search(text))


def test_may_hold_lookalike_is_the_character_class_on_every_document_and_line():
    texts = every_text()
    assert any(clean._lookalike_class().search(text) for text in texts)  # some document holds one
    for text in texts:
        assert may_hold_lookalike(text) == bool(clean._lookalike_class().search(text))
        for line in text.splitlines():
            assert may_hold_lookalike(line) == bool(clean._lookalike_class().search(line))


def test_a_paragraph_without_a_word_a_promise_ends_with_holds_no_promise():
    skipped = 0
    for text in held_paragraphs():
        tokens = tokenize(nlp.masked(text))
        lowers = [token.text.lower() for token in tokens]
        if nlp.matchers().promise_ends.isdisjoint(lowers):
            skipped += 1
            assert nlp._scan_promises(tokens, lowers) == [], text[:80]
        else:
            assert nlp._promise_spans(tokens, lowers) == nlp._scan_promises(tokens, lowers)
    assert 0 < skipped < len(held_paragraphs())


MARKUP_BY_BRANCHES = re.compile(r"(?<!\w)[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?!\w)")  # clean._MARKUP without its look-ahead


@pytest.mark.parametrize("text", ["**Bold** and *it* _x_ __init__ a*b ***", "* bullet", "x **", "snake_case_name", "****", "_"])
def test_markup_is_found_as_by_the_branches_alone(text):
    assert clean._MARKUP.sub("", text) == MARKUP_BY_BRANCHES.sub("", text)


def test_markup_is_found_as_by_the_branches_alone_on_every_line():
    lines = [line for text in every_text() for line in text.splitlines() if "*" in line or "_" in line]
    assert len(lines) > 100
    assert [clean._MARKUP.sub("", line) for line in lines] == [MARKUP_BY_BRANCHES.sub("", line) for line in lines]


def test_a_vote_cue_or_outcome_word_a_paragraph_lacks_none_of_its_sentences_holds():
    """votes._read_prose asks the cues of the whole paragraph first and reads no sentence for a
    cue the paragraph lacks: a sentence is a piece of it."""
    cues, lacking = votes._cues(), 0
    for paragraph in held_paragraphs():
        text = " ".join(paragraph.split())
        sentences = votes._sentences(text)
        assert all(sentence in text for sentence in sentences)
        for kind, cue in cues.items():
            if not cue.search(text):
                lacking += 1
                assert not any(cue.search(sentence) for sentence in sentences), (kind, text[:80])
        if not may_hold(text, votes._outcome_words()):
            assert not any(may_hold(sentence, votes._outcome_words()) for sentence in sentences), text[:80]
    assert lacking > 1000


def canonical_by_pattern(phrase: str) -> str:
    """vocabulary.canonical as a pattern folds: runs of white space and hyphens to one space."""
    return re.sub(r"[\s\-]+", " ", phrase.strip().lower()).strip(" .:")


@pytest.mark.parametrize("phrase", ["  The  Chair ", "Vice-Chair", "-x-", ".-a", "-.a", "a . :", "a:  -", "İstanbul",
                                    "x\u2003-\u00a0y", "", " - ", "Co--opted", "ΟΔΟΣ-Σ", "\x1cA\x85b\u2028"])
def test_canonical_folds_as_the_pattern(phrase):
    assert canonical(phrase) == canonical_by_pattern(phrase)


def test_canonical_folds_as_the_pattern_every_line_we_hold():
    lines = {line for text in every_text() for line in text.splitlines()}
    assert len(lines) > 2000
    assert [line for line in lines if canonical(line) != canonical_by_pattern(line)] == []


DATE_BY_BRANCHES = re.compile("|".join(f"(?:{p.pattern})" for p in (dates.DAY_MONTH_YEAR, dates.MONTH_DAY_YEAR))
                              .replace("?P<day>", "?:").replace("?P<month>", "?:").replace("?P<year>", "?:"), re.IGNORECASE)


@pytest.mark.parametrize("text", ["Tuesday 31 October 2017", "held on 31st Oct. 2017 at", "SEPT 3, 2024", "x10 June 2024",
                                  "Wednesday, June 4th, 2025", "ſat 5 May 2001", "Sun 1 of Jan 1999 and Mon 2 Feb 2000"])
def test_dates_are_found_as_by_the_branches_alone(text):
    assert [m.span() for m in dates.DATE_IN_TEXT.finditer(text)] == [m.span() for m in DATE_BY_BRANCHES.finditer(text)]


def test_dates_are_found_as_by_the_branches_alone_in_every_document():
    texts = every_text()
    assert sum(len(DATE_BY_BRANCHES.findall(text)) for text in texts) > 100
    for text in texts:
        assert [m.span() for m in dates.DATE_IN_TEXT.finditer(text)] == [m.span() for m in DATE_BY_BRANCHES.finditer(text)]


def vocabulary_lists(node=None, depth: int = 0) -> list[list[str]]:
    """Every list of phrases the vocabulary holds (each section's lists, and a mapping's keys)."""
    node = vocabulary() if node is None else node
    if isinstance(node, (list, tuple)) and node and all(isinstance(item, str) for item in node):
        return [list(node)]
    if isinstance(node, dict):
        return [list(node)] + [found for value in node.values() for found in vocabulary_lists(value, depth + 1)]
    if depth < 3 and hasattr(node, "__dict__"):
        return [found for value in vars(node).values() for found in vocabulary_lists(value, depth + 1)]
    return []


def test_phrase_alternation_opening_look_ahead_changes_no_match():
    """phrase_alternation opens with a look-ahead for the phrases' first characters: searched
    over the corpus, each vocabulary list finds what the alternation alone finds."""
    lists = [phrases for phrases in vocabulary_lists() if any(phrase.split() for phrase in phrases)]
    assert len(lists) > 40
    text = "\n".join(path.read_text(encoding="utf-8") for path in sorted(CORPUS.glob("*.txt")))
    for phrases in lists:
        alternation, alone = phrase_alternation(phrases), phrase_alternation(phrases, opening=False)
        assert alternation == opening_lookahead(phrases) + alone
        assert alternation.startswith("(?=[") or any(not p.split() or p.split()[0].startswith("-") for p in phrases)
        for flags in (0, re.IGNORECASE):
            ours, theirs = re.compile(r"\b" + alternation, flags), re.compile(r"\b" + alone, flags)
            assert [m.span() for m in ours.finditer(text)] == [m.span() for m in theirs.finditer(text)], phrases[:3]


@pytest.mark.parametrize("phrases", [[], [""], ["-ish"], ["Vice-Chair", "vice chair"], ["(Chair)", "ßtraße"], ["İstanbul", "Kelvin"]])
def test_phrase_alternation_of_awkward_phrases_matches_as_without_its_look_ahead(phrases):
    alternation, alone = phrase_alternation(phrases), phrase_alternation(phrases, opening=False)
    texts = ["the vice chair", "Vice-Chair", "(Chair) ", "STRASSE ßtraße ẞTRASSE", "i̇stanbul İSTANBUL", "\u212aelvin", "x-ish", ""]
    for flags in (0, re.IGNORECASE):
        for text in texts:
            assert [m.span() for m in re.finditer(alternation, text, flags)] == [m.span() for m in re.finditer(alone, text, flags)]
