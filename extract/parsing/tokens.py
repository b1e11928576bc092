"""spaCy's English tokenizer, in plain Python: the same tokens without importing spaCy.

Importing spaCy and building `spacy.blank("en")` cost 1.3-1.6 s per process, and its Doc and
Token objects most of the time of reading minutes' sentences. This is a port of spaCy's
tokenizer algorithm (spacy/tokenizer.pyx: split on white space, peel prefixes and suffixes,
split infixes, honour the special cases), run on the rules spaCy's English holds, copied into
tokenizer_rules.py. tests/test_nlp_oracle.py checks that the copied rules are still spaCy's
and that every document we hold tokenizes, splits and matches exactly as spaCy does.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from operator import itemgetter
from typing import NamedTuple

from extract.parsing import tokenizer_rules


class Token(NamedTuple):
    start: int  # character offsets in the text tokenized
    end: int
    text: str


@cache
def _rules():
    """(prefix search, suffix search, infix finditer, url match, special cases), compiled once."""
    return (re.compile(tokenizer_rules.PREFIX).search, re.compile(tokenizer_rules.SUFFIX).search,
            re.compile(tokenizer_rules.INFIX).finditer, re.compile(tokenizer_rules.URL).match,
            tokenizer_rules.SPECIAL_CASES)


def _split_affixes(string: str, specials: dict) -> tuple[list[str], str, list[str]]:
    """Prefixes, the remaining core and suffixes (innermost first) of a chunk: spaCy's _split_affixes."""
    prefix_search, suffix_search, _, _, _ = _rules()
    prefixes: list[str] = []
    suffixes: list[str] = []
    last_size = -1
    while string and len(string) != last_size:
        if string in specials:
            break
        last_size = len(string)
        match = prefix_search(string)
        pre_len = match.end() - match.start() if match else 0
        if pre_len:
            minus_pre = string[pre_len:]
            if minus_pre and minus_pre in specials:
                prefixes.append(string[:pre_len])
                string = minus_pre
                break
        match = suffix_search(string[pre_len:])
        suf_len = match.end() - match.start() if match else 0
        if suf_len:
            minus_suf = string[:-suf_len]
            if minus_suf and minus_suf in specials:
                suffixes.append(string[-suf_len:])
                string = minus_suf
                break
        if pre_len and suf_len and pre_len + suf_len <= len(string):
            prefixes.append(string[:pre_len])
            suffixes.append(string[-suf_len:])
            string = string[pre_len:-suf_len]
        elif pre_len:
            prefixes.append(string[:pre_len])
            string = string[pre_len:]
        elif suf_len:
            suffixes.append(string[-suf_len:])
            string = string[:-suf_len]
        if string and string in specials:
            break
    return prefixes, string, suffixes


def _core_pieces(string: str, specials: dict) -> list[str]:
    """The core of a chunk as tokens: a special case, a URL whole, or split at its infixes."""
    _, _, infix_finditer, url_match, _ = _rules()
    if string in specials:
        return list(specials[string])
    if url_match(string):
        return [string]
    pieces, start = [], 0
    for match in infix_finditer(string):
        if match.start() == 0:
            continue
        if match.start() != start:
            pieces.append(string[start:match.start()])
        if match.start() != match.end():
            pieces.append(match.group())
        start = match.end()
    if string[start:]:
        pieces.append(string[start:])
    return pieces


@lru_cache(maxsize=10_000)  # spaCy's tokenizer caches as many chunks
def chunk_pieces(chunk: str, with_specials: bool = True) -> tuple[str, ...]:
    """The tokens' texts of one chunk of text without white space."""
    specials = _rules()[4] if with_specials else {}
    if chunk in specials:
        return tuple(specials[chunk])
    if chunk.isalpha():
        return (chunk,)  # no prefix, suffix, infix or URL rule matches letters alone
    prefixes, core, suffixes = _split_affixes(chunk, specials)
    return tuple(prefixes + (_core_pieces(core, specials) if core else []) + suffixes[::-1])


@lru_cache(maxsize=10_000)
def _chunk_spans(chunk: str, with_specials: bool) -> tuple[tuple[int, int, str], ...]:
    """(start, end, text) of each token of a chunk, offsets within the chunk."""
    spans, start = [], 0
    for piece in chunk_pieces(chunk, with_specials):
        spans.append((start, start + len(piece), piece))
        start += len(piece)
    return tuple(spans)


token_text = itemgetter(2)  # a Token's text, for map() over tokens in C
_GAP_AND_CHUNK = re.compile(r"(\s*)(\S+)")  # the white space before each chunk, and the chunk
_new_token = tuple.__new__  # a Token without the Python frame of Token(...): tokens are made by the hundred thousand


def tokenize(text: str, with_specials: bool = True) -> list[Token]:
    """Tokens of text as spaCy's English tokenizer makes them (white space other than one
    space after a token is a token of its own). Without specials: by the affix rules alone, as
    spaCy tokenizes a special case to find it again. The chunks come from one findall (strings,
    no match objects), their offsets from their lengths."""
    tokens: list[Token] = []
    append = tokens.append
    specials = _rules()[4] if with_specials else {}
    after = 0  # the end of the last chunk
    for gap, chunk in _GAP_AND_CHUNK.findall(text):
        start = after + len(gap)
        end = start + len(chunk)
        if gap and (gap != " " or not after):
            _append_space(text, after, start, append)  # not the one space that follows a token
        if end - start == 1 or chunk.isalpha() and chunk not in specials:
            append(_new_token(Token, (start, end, chunk)))  # no rule splits a letter run or a character
        else:
            for first, last, piece in _chunk_spans(chunk, with_specials):
                append(_new_token(Token, (start + first, start + last, piece)))
        after = end
    if after < len(text):
        _append_space(text, after, len(text), append)
    return _apply_special_runs(text, tokens) if with_specials else tokens


def _append_space(text: str, start: int, end: int, append) -> None:
    """White space text[start:end] as a token, less the one space that belongs to the token before."""
    if start and text[start] == " ":
        start += 1  # one space after a token belongs to it
    if start < end:
        append(_new_token(Token, (start, end, text[start:end])))


@cache
def _special_runs() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Special cases the affix rules would split, by their first piece: spaCy re-joins such a run
    of tokens where it stands in the text ('a.m' '.' back to 'a.m.')."""
    prefix_search, suffix_search, infix_finditer, _, specials = _rules()
    runs: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for orth in specials:
        if prefix_search(orth) or suffix_search(orth) or any(infix_finditer(orth)) or " " in orth:
            pieces = tuple(token.text for token in tokenize(orth, False))
            runs.setdefault(pieces[0], []).append((pieces, orth))
    return runs


def _apply_special_runs(text: str, tokens: list[Token]) -> list[Token]:
    """Runs of tokens that spell a special case, contiguous in the text, re-tokenized as the case
    says: spaCy's _apply_special_cases (longest run first; a run overlapping a kept one is dropped)."""
    runs = _special_runs()
    texts = list(map(token_text, tokens))
    found = []
    for index in [index for index, piece in enumerate(texts) if piece in runs]:
        for pieces, orth in runs[texts[index]]:
            end = index + len(pieces)
            if end <= len(texts) and tuple(texts[index:end]) == pieces:
                found.append((index, end, orth))
    if not found:
        return tokens
    found.sort(key=lambda run: (run[1] - run[0], run[0]))
    kept, seen = [], set()
    for start, end, orth in reversed(found):
        if start not in seen and end - 1 not in seen:
            kept.append((start, end, orth))
        seen.update(range(start, end))
    out, cursor = [], 0
    specials = _rules()[4]
    for start, end, orth in sorted(kept):
        out.extend(tokens[cursor:start])
        cursor = end
        if text[tokens[start].start:tokens[end - 1].end] != orth:
            out.extend(tokens[start:end])  # the run has white space inside: spaCy keeps its tokens
            continue
        offset = tokens[start].start
        for piece in specials[orth]:
            out.append(Token(offset, offset + len(piece), piece))
            offset += len(piece)
    out.extend(tokens[cursor:])
    return out
