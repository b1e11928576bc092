"""The spaCy pipeline: sentences, and the genre's verbs and promises as token patterns.

`spacy.blank("en")` with the rule-based sentencizer needs no model download. The speech verbs
and promise phrases come from the vocabulary and are matched over tokens (PhraseMatcher and
Matcher), so "sought clarification" and "agreed to circulate" are found as phrases, not
substrings. Where a trained English pipeline is installed it is not required by anything here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.base.vocabulary import vocabulary


MAX_TOKEN = 64  # longer than any word or URL in a paper; keep this many characters at each end
_LONG_TOKEN = re.compile(r"(?<=\S{%d})\S+(?=\S{%d})" % (MAX_TOKEN // 2, MAX_TOKEN // 2))


def masked(text: str) -> str:
    """text with the middle of each very long token blanked, offsets unchanged.

    spaCy's tokenizer peels prefixes and suffixes off a token one at a time, each a regex over
    the rest: quadratic in a token's length, minutes for a line of 50,000 quotes or brackets.
    No speech verb, promise or sentence end hides in the middle of such a run.
    """
    return _LONG_TOKEN.sub(lambda match: " " * len(match.group()), text)


@dataclass(frozen=True, slots=True)
class VerbHit:
    kind: str
    start: int  # character offsets in the sentence
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence with its speech verbs and promise phrases, found in one tokenisation."""

    start: int  # character offsets into the text given to sentences()
    end: int
    text: str
    verbs: tuple[VerbHit, ...] = ()
    promises: tuple[tuple[int, int], ...] = ()  # offsets in the sentence


@cache
def pipeline():
    """spacy.blank('en') with a sentencizer, plus matchers for speech verbs and promises."""
    import spacy
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    verbs = PhraseMatcher(nlp.vocab, attr="LOWER")
    for kind, phrases in vocabulary().speech_verbs:
        verbs.add(kind.upper(), [nlp.make_doc(phrase) for phrase in phrases])
    promises = Matcher(nlp.vocab)
    actions = [a.lower() for a in vocabulary().promises.actions if " " not in a]
    for phrase in vocabulary().promises.agreeing:
        words = [{"LOWER": word.lower()} for word in phrase.split()]
        promises.add("PROMISE", [words + [{"LOWER": {"IN": actions}}]])
    future = [word.lower() for word in vocabulary().promises.future]
    subjects = ["he", "she", "they", "officers", "i", "we", "but", "and"]  # "... but would obtain this information"
    promises.add("PROMISE", [[{"LOWER": {"IN": subjects}}, {"LOWER": {"IN": future}}, {"LOWER": {"IN": actions}}],
                             [{"LOWER": {"IN": future}}, {"LOWER": "be"}, {"LOWER": {"IN": actions}}]])
    return nlp, verbs, promises


def _verb_hits(doc, verbs, vocab) -> list[VerbHit]:
    """Speech verbs in a doc or span, longest match first at each position, in order (doc offsets)."""
    hits = []
    for match_id, start, end in verbs(doc):
        span = doc[start:end]
        hits.append(VerbHit(vocab.strings[match_id].lower(), span.start_char, span.end_char))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept, last_end = [], -1
    for hit in hits:
        if hit.start >= last_end:
            kept.append(hit)
            last_end = hit.end
    return kept


def sentences(texts: list[str]) -> list[list[Sentence]]:
    """Each text split into sentences, with their verbs and promises, in one batch through spaCy."""
    nlp, verbs, promise_matcher = pipeline()
    out = []
    for text, doc in zip(texts, nlp.pipe([masked(text) for text in texts], batch_size=256)):
        hits = _verb_hits(doc, verbs, nlp.vocab)
        promised = _promise_spans(doc, promise_matcher)
        found = []
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            a, b = sent.start_char, sent.end_char
            found.append(Sentence(a, b, text[a:b],
                                  tuple(VerbHit(h.kind, h.start - a, h.end - a) for h in hits if a <= h.start < b),
                                  tuple((s - a, e - a) for s, e in promised if a <= s < b)))
        out.append(found)
    return out


def speech_verbs(text: str) -> list[VerbHit]:
    """Every speech verb in one string (for text read outside a batch)."""
    nlp, verbs, _ = pipeline()
    return _verb_hits(nlp.make_doc(masked(text)), verbs, nlp.vocab)


def promises(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each promise phrase in one string."""
    nlp, _, matcher = pipeline()
    return _promise_spans(nlp.make_doc(masked(text)), matcher)


def _promise_spans(doc, matcher) -> list[tuple[int, int]]:
    """(start, end) character offsets of the matcher's promises in a doc, each once, in order."""
    return sorted({(doc[s:e].start_char, doc[s:e].end_char) for _, s, e in matcher(doc)})
