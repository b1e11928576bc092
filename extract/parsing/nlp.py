"""Sentences, and the genre's verbs and promises as token patterns, the way spaCy finds them.

The text is tokenized as spaCy's English tokenizer does (extract.parsing.tokens, without
importing spaCy); a sentence ends after a token that is a sentence-final mark ('.', '?', '!')
when the next token is not punctuation, as spaCy's rule-based sentencizer decides; the speech
verbs and promise phrases come from the vocabulary and are matched on tokens' lower case, as
spaCy's PhraseMatcher and Matcher did, so "sought clarification" and "agreed to circulate" are
found as phrases, not substrings. tests/test_nlp_oracle.py holds spaCy's pipeline as the oracle.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from extract.base.vocabulary import vocabulary
from extract.parsing.tokenizer_rules import SENTENCE_ENDS
from extract.parsing.tokens import Token, token_text, tokenize


MAX_TOKEN = 64  # longer than any word or URL in a paper; keep this many characters at each end
_LONG_TOKEN = re.compile(r"(?<=\S{%d})\S+(?=\S{%d})" % (MAX_TOKEN // 2, MAX_TOKEN // 2))


def masked(text: str) -> str:
    """text with the middle of each very long token blanked, offsets unchanged.

    The tokenizer peels prefixes and suffixes off a token one at a time, each a regex over the
    rest: quadratic in a token's length, minutes for a line of 50,000 quotes or brackets.
    No speech verb, promise or sentence end hides in the middle of such a run. Most texts have
    no token that long: the longest of their white-space separated words says so in C, where the
    pattern's look-behind was tried at every character.
    """
    if len(text) <= MAX_TOKEN or max(map(len, text.split()), default=0) <= MAX_TOKEN:
        return text
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


Pattern = tuple[frozenset[str], ...]  # the lower-case words each token may be, in order


@dataclass(frozen=True)
class Matchers:
    """Speech verb phrases and promise patterns, indexed by the lower case of their first token."""

    verbs: dict[str, list[tuple[tuple[str, ...], str]]]  # first word -> (words, kind)
    promises: dict[str, list[Pattern]]  # first word -> patterns of the words after it
    promise_ends: frozenset[str] = frozenset()  # the words a promise may end with (its action)


def _phrase_words(phrase: str) -> tuple[str, ...]:
    return tuple(token.text.lower() for token in tokenize(phrase))


def _murmur64a(data: bytes, seed: int = 1) -> int:
    """MurmurHash64A, the hash spaCy gives a label (StringStore)."""
    m, mask = 0xC6A4A7935BD1E995, (1 << 64) - 1
    h = (seed ^ (len(data) * m)) & mask
    whole = len(data) - len(data) % 8
    for i in range(0, whole, 8):
        k = int.from_bytes(data[i:i + 8], "little") * m & mask
        k = (k ^ (k >> 47)) * m & mask
        h = (h ^ k) * m & mask
    if data[whole:]:
        h = (h ^ int.from_bytes(data[whole:], "little")) * m & mask
    h = (h ^ (h >> 47)) * m & mask
    return h ^ (h >> 47)


def _spacy_order(kinds: list[str]) -> list[str]:
    """The kinds of a phrase listed under several, in the order spaCy's PhraseMatcher reported
    them (the first was kept): its labels' hashes in an 8-cell open-addressing table, in cell order."""
    cells: list[str | None] = [None] * 8
    for kind in kinds:
        cell = _murmur64a(kind.upper().encode()) % 8
        while cells[cell] is not None:
            cell = (cell + 1) % 8
        cells[cell] = kind
    return [kind for kind in cells if kind is not None]


@cache
def matchers() -> Matchers:
    """The vocabulary's speech verbs and promise phrases as token patterns, built once."""
    kinds_of: dict[tuple[str, ...], list[str]] = {}
    for kind, phrases in vocabulary().speech_verbs:
        for phrase in phrases:
            words = _phrase_words(phrase)
            if words and kind.lower() not in kinds_of.setdefault(words, []):
                kinds_of[words].append(kind.lower())
    verbs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for words, kinds in kinds_of.items():
        for kind in _spacy_order(kinds) if len(kinds) > 1 else kinds:
            verbs.setdefault(words[0], []).append((words, kind))
    actions = frozenset(a.lower() for a in vocabulary().promises.actions if " " not in a)
    future = frozenset(word.lower() for word in vocabulary().promises.future)
    subjects = frozenset(["he", "she", "they", "officers", "i", "we", "but", "and"])  # "... but would obtain this information"
    patterns: list[Pattern] = [tuple(frozenset([w.lower()]) for w in phrase.split()) + (actions,)
                               for phrase in vocabulary().promises.agreeing]
    patterns += [(subjects, future, actions), (future, frozenset(["be"]), actions)]
    promises: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        for first in pattern[0]:
            promises.setdefault(first, []).append(pattern[1:])
    return Matchers(verbs, promises, frozenset().union(*(pattern[-1] for pattern in patterns)))


@cache
def _is_punct(text: str) -> bool:
    """spaCy's is_punct: every character a Unicode punctuation mark."""
    return all(unicodedata.category(char).startswith("P") for char in text)


def _sentence_starts(texts: list[str]) -> list[int]:
    """Indexes of the tokens that start a sentence: spaCy's sentencizer rule (after a sentence-final
    mark, the first token that is neither one nor punctuation). Only the tokens after each mark
    are looked at: the marks are found in C, and most tokens are words between them."""
    starts, count, index = [0], len(texts), 0
    for end in [i for i, text in enumerate(texts) if text in SENTENCE_ENDS]:
        if end < index:
            continue  # a mark among the punctuation after the last one
        index = end + 1
        while index < count and (texts[index] in SENTENCE_ENDS or _is_punct(texts[index])):
            index += 1
        if index < count:
            starts.append(index)
    return starts


def _verb_hits(tokens: list[Token], lowers: list[str]) -> list[VerbHit]:
    """Speech verbs among tokens, longest match first at each position, in order (text offsets)."""
    table = matchers().verbs
    if table.keys().isdisjoint(lowers):
        return []  # no token opens a speech verb: decided in C, where most sentences end
    hits = []
    for index in [index for index, lower in enumerate(lowers) if lower in table]:
        for words, kind in table[lowers[index]]:
            end = index + len(words)
            if tuple(lowers[index:end]) == words:
                hits.append(VerbHit(kind, tokens[index].start, tokens[end - 1].end))
    return longest_first(hits)


def longest_first(hits: list[VerbHit]) -> list[VerbHit]:
    """Hits in order, the longest at each position kept and any overlapping a kept one dropped
    (of hits on the same span, the first given)."""
    hits = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
    kept, last_end = [], -1
    for hit in hits:
        if hit.start >= last_end:
            kept.append(hit)
            last_end = hit.end
    return kept


def _promise_spans(tokens: list[Token], lowers: list[str]) -> list[tuple[int, int]]:
    """(start, end) character offsets of each promise phrase among tokens, each once, in order.
    A text without a word a promise ends with has none: decided in C, for half the paragraphs
    of minutes, where the patterns' first words ('and', 'he') are in nearly every one."""
    if matchers().promise_ends.isdisjoint(lowers):
        return []
    return _scan_promises(tokens, lowers)


def _scan_promises(tokens: list[Token], lowers: list[str]) -> list[tuple[int, int]]:
    """_promise_spans, trying each pattern at each token that may start it."""
    table = matchers().promises
    found = set()
    for index in [index for index, lower in enumerate(lowers) if lower in table]:
        for rest in table[lowers[index]]:
            end = index + 1 + len(rest)
            if end <= len(lowers) and all(word in allowed for word, allowed in zip(lowers[index + 1:end], rest)):
                found.add((tokens[index].start, tokens[end - 1].end))
    return sorted(found)


def _sentences_of(text: str) -> list[Sentence]:
    """One text's sentences with their verbs and promises."""
    tokens = tokenize(masked(text))
    texts = list(map(token_text, tokens))
    lowers = list(map(str.lower, texts))
    hits = _verb_hits(tokens, lowers)
    promised = _promise_spans(tokens, lowers)
    starts = _sentence_starts(texts) if tokens else []
    found = []
    for first, after in zip(starts, starts[1:] + [len(tokens)]):
        a, b = tokens[first].start, tokens[after - 1].end
        if not text[a:b].strip():
            continue
        found.append(Sentence(a, b, text[a:b],
                              tuple(VerbHit(h.kind, h.start - a, h.end - a) for h in hits if a <= h.start < b) if hits else (),
                              tuple((s - a, e - a) for s, e in promised if a <= s < b) if promised else ()))
    return found


def sentences(texts: list[str]) -> list[list[Sentence]]:
    """Each text split into sentences, with their verbs and promises."""
    return [_sentences_of(text) for text in texts]


def speech_verbs(text: str) -> list[VerbHit]:
    """Every speech verb in one string (for text read outside a batch)."""
    tokens = tokenize(masked(text))
    return _verb_hits(tokens, list(map(str.lower, map(token_text, tokens))))


def promises(text: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each promise phrase in one string."""
    tokens = tokenize(masked(text))
    return _promise_spans(tokens, list(map(str.lower, map(token_text, tokens))))
