"""A sentence's clauses: which figures go with which places, and whom and when a clause names as its own.

A sentence often carries more than one claim ("The NIS said 300 had been killed, while the JCS said 4,000 had been
killed or wounded"; "about 11,000 are in Russia; part of them have been moved to the Kursk region"). The reader cuts
it at the marks that start a clause and reads each clause's figures with that clause's places, speaker and time.
"""

from __future__ import annotations

import itertools
import re

from deploymap.reading.figures import Figure
from deploymap.reading.places import Place
from deploymap.reading.sources import SourceTable, Speaker, opening_body, speaker

CLAUSE = re.compile(r";|\s[—–]\s|,\s+(?:and\s+that|while|but|though|whereas)\b|\s+and\s+that\b|"
                     r",\s+and\s+(?=(?:on|by|last|then|later|earlier)\s+[\w.]+(?:\s+\d{1,2})?,?\s+(?:the\s+)?[A-Z])|"
                     r",\s+and\s+(?:said|added|noted)\b|"
                     r",\s+and\s+(?=(?:a|one|two|three|four|five|six)\s+(?:days?|weeks?)\s+later\b)|"  # ", and on Monday the Pentagon"
                     r",\s+(?=(?:the\s+bulk|most|many|some|part|half|the\s+majority)\s+of\s+them\s+(?:in|near|at|around)\b)")
# "about 12,000 troops in Russia, the bulk of them in the Kursk region": the figure is the country's, a part of them is
# placed; where the figure's clause names no country ("12,000 troops, most of them in Kursk"), the place is the figure's
_PART_OF_THEM = re.compile(r"\s*(?:the\s+bulk|most|many|some|part|half|the\s+majority)\s+of\s+them\b", re.IGNORECASE)
_IN_A_COUNTRY = re.compile(r"\b(?:in|inside)\s+(?:Russia|Ukraine)\b|\bon\s+Russian\s+soil\b")


SPEAKERS_JOINED = re.compile(r",\s+(?:and|but|while|whereas)\s+(?=(?:the\s+)?[A-Z])|;\s+(?=(?:the\s+)?[A-Z])")


def bare_subject(clause: str, table: SourceTable):
    """The body a clause opens with as its subject before a verb of saying, confirming or denying ("the Kremlin has never
    confirmed …", "North Korea's state media have dismissed …")."""
    found = opening_body(clause, table)
    if found is None:
        return None
    after = clause[clause.find(found[0]) + len(found[0]):]
    if not re.match(r"\s+(?:has|have|had|is|was|still|also|\w+ly|never|not)?\s*(?:\w+\s+)?(?:confirm\w*|den\w*|dismiss\w*|"
                    r"reject\w*|acknowledg\w*|said|says|called|described)\b", after):
        return None
    return Speaker(found[1], found[0], found[0], 0)


def place_figure_pairs(text: str, places_: list[Place], figures_: list[Figure]) -> list[tuple[Place | None, Figure | None]]:
    """The rows of one clause: its figures with its first place (a figure goes with the first place its clause names,
    not with every one), or, where figures and places alternate one for one, each figure with its own place ("about
    400 at Ussuriysk and a further group of about 240 in Khabarovsk")."""
    marks = sorted([(where(text, p), "p") for p in places_] + [(f.start, "f") for f in figures_])
    kinds = "".join(kind for _, kind in marks)
    close = all(0 <= b[0] - a[0] <= 80 and "," not in text[a[0]:b[0]] for a, b in zip(marks[::2], marks[1::2], strict=False))
    if len(places_) == len(figures_) > 1 and kinds in ("pf" * len(places_), "fp" * len(places_)) and close:
        return list(zip(sorted(places_, key=lambda p: where(text, p)), sorted(figures_, key=lambda f: f.start), strict=True))
    rows: list[tuple[Place | None, Figure | None]] = [(places_[0] if places_ else None, f) for f in figures_] or \
        [(places_[0] if places_ else None, None)]
    return rows + [(place, None) for place in places_[1:]]


_CLAUSE_LEAD = re.compile(r"^\s*(?:on|by|last|then|later|earlier)\s+[\w.]+(?:\s+\d{1,2})?,?\s+")


# A clause's figure in "the region" the clause before named ("8,000 were in Kursk Oblast, and on Monday the Pentagon said
# 10,000 had reached the region").
_SAME_REGION = re.compile(r"\b(?:reached|in|into|to|inside)\s+the\s+(?:region|oblast|province)\b", re.IGNORECASE)


def clause_around(text: str, position: int) -> str:
    """The clause of the sentence that holds ``position``."""
    cuts = [0, *(m.end() for m in CLAUSE.finditer(text)), len(text)]
    low = max(c for c in cuts if c <= position)
    return text[low:min((c for c in cuts if c > position), default=len(text))]


def clause_speaker(clause: str, table: SourceTable, said_by: tuple[str, str]) -> tuple[tuple[str, str], bool]:
    """A clause's own speaker, a body the table knows ("The NIS said 300 had been killed, while the JCS said 4,000 had
    been killed or wounded": the NIS for the 300, the JCS for the 4,000); else the sentence's."""
    found = speaker(_CLAUSE_LEAD.sub("", clause, count=1), table)  # ", and on Monday the Pentagon lifted it, saying …"
    if found is None or found.name not in table.names:
        return said_by, False
    return (found.name, found.cue), True  # and whether the clause names its speaker itself


def pairs(text: str, named: list[Place], found: list[Figure]) -> list[tuple[list[Place], list[Figure], tuple[int, int]]]:
    """Places and figures grouped by the clause they stand in: a figure goes with the places of its own clause
    ("about 11,000 are in Russia; part of them have been moved to the Kursk region": two rows, not one)."""
    marks = _parenthesis_dropped(list(CLAUSE.finditer(text)), named, found, text)
    cuts = [0, *(m.end() for m in marks), len(text) + 1]
    groups: list[tuple[list[Place], list[Figure], tuple[int, int]]] = []  # with where the clause stands
    # Clauses of places only, led by dashes into the next ("Kursk region — Killed: 300", "Plekhovo – Vorozhba –
    # Martynovka area: 50 eliminated"), are that clause's places, first.
    leading: list[Place] = []
    for index, (low, high) in enumerate(itertools.pairwise(cuts)):
        clause_places = [p for p in named if low <= where(text, p) < high]
        clause_figures = [f for f in found if low <= f.start < high]
        dash = index < len(marks) and marks[index].group().strip() in "—–"
        if clause_places and not clause_figures and dash:
            leading += clause_places
            continue
        if leading and (clause_figures or clause_places):
            clause_places, leading = leading + clause_places, []
        elif leading:
            groups.append((leading, [], (0, len(text) + 1)))  # places only: dated as the sentence is
            leading = []
        if clause_figures and not clause_places and groups and groups[-1][0] and not groups[-1][1] \
                and _BACK_TO_IT.search(text, low, high):
            # "…losses near Plekhovo, and that 30 were killed in the fighting": the figure's clause speaks of the places before
            groups[-1] = (groups[-1][0], clause_figures, (groups[-1][2][0], high))
            continue
        if clause_places and not clause_figures and groups and groups[-1][1] and not groups[-1][0] \
                and _PART_OF_THEM.match(text, low) and not _IN_A_COUNTRY.search(text, groups[-1][2][0], low):
            groups[-1] = (clause_places, groups[-1][1], (groups[-1][2][0], high))
            continue
        if clause_figures and not clause_places and groups and groups[-1][0] and _SAME_REGION.search(text, low, high):
            clause_places = [p for p in groups[-1][0] if p.precision == "region"][:1]
        if clause_places or clause_figures:
            groups.append((clause_places, clause_figures, (low, high)))
    if leading:
        groups.append((leading, [], (0, len(text) + 1)))
    return groups or [([], [], (0, len(text) + 1))]


# Words by which a clause goes back to the fighting or the place the clause before it named.
_BACK_TO_IT = re.compile(r"\bin\s+(?:the|those|these)\s+(?:fighting|battles?|clash(?:es)?|assaults?|attacks?|"
                         r"engagements?)\b", re.IGNORECASE)


def _parenthesis_dropped(marks: list[re.Match], named: list[Place], found: list[Figure], text: str) -> list[re.Match]:
    """Clause marks without a pair of dashes around a short aside ("6,000 casualties — killed and wounded — in Kursk
    Oblast"): the aside holds no figure or place, and the words on either side are one clause."""
    kept, index = [], 0
    while index < len(marks):
        mark, after = marks[index], marks[index + 1] if index + 1 < len(marks) else None
        if after is not None and mark.group().strip() in "—–" and after.group().strip() in "—–" \
                and after.start() - mark.end() <= 60 \
                and not any(mark.end() <= f.start < after.start() for f in found) \
                and not any(mark.end() <= where(text, p) < after.start() for p in named):
            index += 2
            continue
        kept.append(mark)
        index += 1
    return kept


def where(text: str, place: Place) -> int:
    """Where a place's name stands in its sentence (its words of place may lie in the clause before)."""
    if 0 <= place.start < len(text) and text.startswith(place.name.split()[0], place.start):
        return place.start
    found = text.find(place.cue) if place.cue else -1
    return found if found >= 0 else max(text.find(place.name.split()[0]), 0)
