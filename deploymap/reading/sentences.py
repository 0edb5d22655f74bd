"""A report's text as sentences (with their exact spans), and the date its dateline gives.

Offline and deterministic: rules, not a model. A sentence is kept verbatim, so a quote taken
from it is always found in the report as written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {name: number for number, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")), start=1) for name in names}
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
         r"Nov(?:ember)?|Dec(?:ember)?)\.?")
# Words after which a full stop does not end a sentence.
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "capt", "maj", "adm", "st", "no", "vs", "etc",
                           "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.n",
                           "u.k", "e.g", "i.e", "a.m", "p.m", "approx", "gov", "sen", "rep", "prof", "jr", "sr"})
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9А-ЯЁ가-힣])""")
_ISO_DATELINE = re.compile(r"^\s*(?:date\s+)?(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_CITY_DATELINE = re.compile(rf"^\s*(?:[A-Z][\w .'-]{{1,40}}?,\s+)?({MONTH})\s+(\d{{1,2}})(?:,\s+(\d{{4}}))?\s*[.:—–-]")


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
    if end > start:
        found.append(Sentence(start, end, text[start:end]))


def dateline(text: str, today: dt.date | None = None) -> tuple[dt.date | None, str]:
    """The report's date from a dateline at its start (``date 2024-12-19 …``, ``Seoul, December 19.``), and
    the words that gave it; (None, "") when there is none. A dateline without a year takes the latest
    such day not after ``today``."""
    head = text.lstrip("\ufeff")[:200]
    match = _ISO_DATELINE.match(head)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1)), match.group(0).strip()
        except ValueError:
            return None, ""
    match = _CITY_DATELINE.match(head)
    if match:
        month = MONTHS[match.group(1).rstrip(".").lower()]
        day, year = int(match.group(2)), match.group(3)
        today = today or dt.date.today()
        try:
            if year:
                return dt.date(int(year), month, day), match.group(0).strip()
            found = dt.date(today.year, month, day)
            return (found if found <= today else found.replace(year=today.year - 1)), match.group(0).strip()
        except ValueError:
            return None, ""
    return None, ""
