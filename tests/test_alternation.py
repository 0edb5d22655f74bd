"""Many patterns at once, tried only where they can begin: the same matches as the one alternation, property-tested."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from deploymap.reading.alternation import Alternation, anchored, first_characters
from deploymap.reading.sources import SourceTable


@pytest.mark.parametrize(("pattern", "first"), [
    (r"\bNIS\b", {"n"}),
    (r"(?:South Korea(?:'s|’s|n)|Seoul(?:'s|’s)?)\s+spy", {"s"}),
    (r"@DefenceHQ|Kirby", {"@", "k"}),
    (r"(?:the\s+)?Kremlin", {"t", "k"}),  # an optional first word: either may begin it
    (r"[A-C]IA", {"a", "b", "c"}),
    (r"\w+ agency", None),  # any word character: it may begin with anything
])
def test_the_first_characters_of_a_pattern(pattern, first):
    found = first_characters(pattern)
    assert (found if found is None else set(found)) == first


def test_a_name_merged_in_the_store_is_anchored_at_the_start():
    assert anchored(r"^\s*Spy agency\s*$") and not anchored(r"\bNIS\b")


WORDS = ["NIS", "the spy agency", "Kirby", "Budanov", "said", "Kremlin", "@DefenceHQ", "Seoul's", "intelligence",
         "service", "South", "Korea's", "  ", "\n", ",", ".", "AAAA", "ministry", "Ukraine's", "military", "KCNA", "'s",
         "ſBU", "ıntelligence", "İ", "ς", "K"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=40),
       st.lists(st.text(alphabet="abcNIS '’.", min_size=1, max_size=8), max_size=3))
def test_the_shipped_aliases_and_merged_names_find_what_the_one_alternation_finds(words, merged):
    table = SourceTable.shipped(merged=[(name, "NIS (South Korea)") for name in merged])
    text = " ".join(words)
    whole = [(m.start(), m.end(), m.lastgroup) for m in table._any.whole.finditer(text)]
    assert [(m.start(), m.end(), m.lastgroup) for m in table._any.finditer(text)] == whole
    assert (table._any.search(text) is None) == (not whole)


def test_no_patterns_find_nothing():
    assert list(Alternation([]).finditer("NIS")) == [] and Alternation([]).search("NIS") is None


@pytest.mark.parametrize(("patterns", "text"), [
    (["x?", "^(?:Moscow)$"], "Moscow"),  # a pattern that may match nothing: the one alternation decides
    (["\u0130stanbul"], "in istanbul"),  # "İ", whose lower case is two characters
    (["σtrat"], "x ςtrat"),  # a final sigma
    ([r"\bSBU\b", "Syrskyi"], "the ſBU said, and ſyrskyi"),  # a long s, which the case-blind match takes for "s"
])
def test_odd_letters_and_empty_matches_find_what_the_one_alternation_finds(patterns, text):
    alternation = Alternation(patterns)
    assert [(m.start(), m.end(), m.lastgroup) for m in alternation.finditer(text)] == \
        [(m.start(), m.end(), m.lastgroup) for m in alternation.whole.finditer(text)]
