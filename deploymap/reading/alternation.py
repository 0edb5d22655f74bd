"""Many case-blind patterns looked for at once, each only where it can begin.

One regular expression of many alternatives (the source table's aliases) tries every alternative at every word
start, though most cannot begin with the letter there. Here each pattern's possible first characters are read from
its parsed form, the patterns are grouped by them, and at each word start only the group of its first character is
tried: the same matches, in the same order and with the same winner among patterns (the first that matches), in a
fraction of the time. A pattern whose first characters cannot be told (it may begin with anything) is in every group.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as codes  # the parser's opcodes: stable within a Python version, read only here
from re import _parser as parser

_ANY = None  # a pattern may begin with any character


def first_characters(pattern: str) -> frozenset[str] | None:
    """The lower-case characters a case-blind match of ``pattern`` may begin with; None when any may."""
    try:
        parsed = parser.parse(pattern, re.IGNORECASE)
    except (re.error, RecursionError):
        return _ANY
    found, empty = _first(list(parsed))
    return _ANY if empty else found  # a pattern that may match nothing may "begin" anywhere


def anchored(pattern: str) -> bool:
    """Whether ``pattern`` can match only at the text's start ("^…", as a name merged in the store is written)."""
    try:
        parsed = list(parser.parse(pattern, re.IGNORECASE))
    except (re.error, RecursionError):
        return False
    return bool(parsed) and parsed[0][0] is codes.AT and parsed[0][1] in (codes.AT_BEGINNING, codes.AT_BEGINNING_STRING)


def _first(items: list) -> tuple[frozenset[str] | None, bool]:
    """(the first characters of a sequence, whether it may match nothing at all)."""
    found: set[str] = set()
    for op, value in items:
        if op in (codes.AT, codes.ASSERT, codes.ASSERT_NOT):
            continue  # "\b", look-arounds: they take no character
        here, empty = _first_of_one(op, value)
        if here is _ANY:
            return _ANY, False
        found |= here
        if not empty:
            return frozenset(found), False
    return frozenset(found), True


def _first_of_one(op, value) -> tuple[frozenset[str] | None, bool]:
    if op is codes.LITERAL:
        return frozenset({chr(value).lower()}), False
    if op is codes.IN:
        chars = set()
        for kind, item in value:
            if kind is codes.LITERAL:
                chars.add(chr(item).lower())
            elif kind is codes.RANGE and item[1] - item[0] <= 64:
                chars |= {chr(c).lower() for c in range(item[0], item[1] + 1)}
            else:
                return _ANY, False  # a class, a negation, a wide range
        return frozenset(chars), False
    if op is codes.SUBPATTERN:
        return _first(list(value[-1]))
    if op is codes.BRANCH:
        found, empty = set(), False
        for branch in value[1]:
            here, may_be_empty = _first(list(branch))
            if here is _ANY:
                return _ANY, False
            found |= here
            empty = empty or may_be_empty
        return frozenset(found), empty
    if op in (codes.MAX_REPEAT, codes.MIN_REPEAT, codes.POSSESSIVE_REPEAT):
        low, _, item = value
        here, empty = _first(list(item))
        return here, empty or low == 0
    if op is codes.ATOMIC_GROUP:
        return _first(list(value))
    return _ANY, False


class Alternation:
    """Named patterns (``a0``, ``a1``, … in their order) found case-blind at word starts, as one alternation would."""

    def __init__(self, patterns: list[str]) -> None:
        self.whole = re.compile("(?<!\\w)(?:" + "|".join(f"(?P<a{i}>{p})" for i, p in enumerate(patterns)) + ")",
                                re.IGNORECASE) if patterns else None
        # A pattern anchored at the text's start is tried there only, with all the others (the one alternation).
        firsts = [frozenset() if anchored(p) else first_characters(p) for p in patterns]
        self.groups: dict[str, re.Pattern] = {}
        self.starts = None
        chars = sorted(set().union(*firsts)) if patterns and all(f is not _ANY for f in firsts) else []
        if chars:
            for char in chars:
                chosen = [f"(?P<a{i}>{p})" for i, (p, f) in enumerate(zip(patterns, firsts, strict=True)) if char in f]
                self.groups[char] = re.compile("(?:" + "|".join(chosen) + ")", re.IGNORECASE)
            self.starts = re.compile("(?<!\\w)[" + "".join(re.escape(c) for c in chars) + "]", re.IGNORECASE)

    def finditer(self, text: str) -> Iterator[re.Match]:
        """Every match, left to right, none overlapping (as ``finditer`` of the one alternation)."""
        if self.whole is None:
            return
        if self.starts is None:
            yield from self.whole.finditer(text)
            return
        after = 0
        opening = self.whole.match(text)  # at the start, every pattern may match (the anchored ones only there)
        if opening is not None and opening.end() > 0:
            after = opening.end()
            yield opening
        for start in self.starts.finditer(text):
            at = start.start()
            if at < after or (at == 0 and opening is None):
                continue  # inside a match, or the start already tried
            group = self.groups.get(text[at].lower())
            # a character the case-blind class takes but lower() does not map to a group ("ſ", "İ", "ς"): every pattern
            found = group.match(text, at) if group is not None else self.whole.match(text, at)
            if found is not None and found.end() > at:
                after = found.end()
                yield found

    def search(self, text: str) -> re.Match | None:
        """The first match, or None."""
        return next(self.finditer(text), None)
