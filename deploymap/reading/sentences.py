"""A report's text as sentences, each with its exact span, so that a quote is always the report's own words.

Offline and deterministic: rules, not a model. A sentence is kept verbatim, so a quote taken
from it is always found in the report as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "st", "no", "vs", "etc",
                           "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n",
                           "u.k", "e.g", "i.e", "a.m", "p.m", "approx", "gov", "sen", "rep", "reps", "prof", "jr", "sr",
                           "amb", "gens", "cpl", "pvt", "lt.gen", "maj.gen", "n", "s", "inc", "corp", "co"})
# A stop, its closing quotes or brackets, and a footnote's marker ("killed.[5] The NIS's …", "said.¹ ").
_END = re.compile(r"""[.!?]+["'”’)\]]*(?:\[\d{1,3}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})?(?=\s+["'“‘(\[]?[A-Z0-9А-ЯЁ가-힣])""")
MAX_SENTENCE = 1_500  # a "sentence" longer than this is cut at a space: every pattern then works on bounded text


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the report's text: ``text[start:end] == sentence``
    end: int
    text: str


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of ``text``, line by line; each is the exact text between its offsets."""
    found: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start, body = line.start(), line.group()
        cut = 0
        for end in _END.finditer(body):
            last = _word_before(body, max(cut, end.start() - 40), end.start())
            if last in ABBREVIATIONS or (len(last) == 1 and last.isalpha()):  # "Mr.", "Oct.", an initial
                continue
            _keep(found, text, start + cut, start + end.end())
            cut = end.end()
        _keep(found, text, start + cut, start + len(body))
    return found


def _word_before(body: str, low: int, stop: int) -> str:
    """The word that ends at the stop ``body[stop]`` ("Oct" of "Oct."), lower-cased, looked for no further back
    than ``low``: a bounded look-back, so that a line of initials ("A. A. A. …") stays linear."""
    end = stop
    while end > low and not (body[end - 1].isalnum() or body[end - 1] in "._"):
        end -= 1  # closing quotes or brackets before the stop
    start = end
    while start > low and (body[start - 1].isalnum() or body[start - 1] in "._"):
        start -= 1
    return body[start:end].rstrip(".").lower()


def _keep(found: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:  # no real sentence is this long: cut it at a space, each piece verbatim
        space = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = space if space > start else start + MAX_SENTENCE
        _keep(found, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        found.append(Sentence(start, end, text[start:end]))
