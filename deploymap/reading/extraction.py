"""Proposed event rows from a report's text: one per claim and figure (or per place named), each with
its verbatim sentence as the quote and the cue words behind every field. Offline and deterministic.

The proposals are for a person to review before they are saved: ``python -m deploymap extract`` prints
them, and the "Add a report" page shows them in an editable table.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import pandas as pd

from deploymap.fields import CATEGORY_COLUMNS, COLUMNS
from deploymap.reading import cues
from deploymap.reading.sentences import Sentence, dateline, split_sentences
from geo.countries import alpha2
from geo.gazetteer import Gazetteer
from geo.place import normalize_name

# Capitalised words that begin sentences or name things, never places, however a gazetteer spells them.
NOT_PLACES = frozenset((
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i", "in",
    "on", "at", "by", "for", "from", "to", "of", "and", "or", "but", "as", "after", "before", "following",
    "according", "also", "however", "meanwhile", "in", "addition", "since", "while", "when", "where", "what",
    "who", "why", "how", "during", "over", "under", "far", "president", "minister",
    "general", "secretary", "army", "navy", "air", "force", "forces", "ministry", "office", "agency",
    "service", "intelligence", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "tomorrow", "nato", "eu", "un",
))
TITLES = frozenset((
    "president", "prime", "minister", "general", "gen", "secretary", "spokesman", "leader", "chief", "head",
    "commander", "mr", "mrs", "ms", "dr", "lt", "col", "sgt", "capt",
))
_LOCATIVE = re.compile(r"\b(?:in|at|to|near|from|outside|around|across|into|towards?|including|via|reach(?:ed)?|"
                       r"entered|inside)\s+(?:the\s+)?$")
_TOKEN = r"[A-ZА-ЯЁ가-힣][\w'’-]*"
_CANDIDATE = re.compile(rf"{_TOKEN}(?:\s+{_TOKEN}){{0,2}}")
_REGION = re.compile(rf"(?:the\s+)?(?P<name>{_TOKEN}(?:\s+{_TOKEN})?)\s+(?P<kind>region|oblast|province|krai|territory|area)\b")
_CONNECTIVE = re.compile(r"^(?:In addition|Additionally|Also|Moreover|Furthermore|They|These|Those|It|He|She|The same)\b")
EARLIEST_REPORT, LATEST_REPORT = dt.date(1900, 1, 1), dt.date(2199, 12, 31)  # dates relative to these stay valid
MIN_POPULATION = 50_000  # a smaller town needs to be named with its region or country to be proposed
ON_THE_GROUND = frozenset({"deployment", "transport", "equipment", "readiness", "battles"})


@dataclass(frozen=True)
class Place:
    name: str
    latitude: float | None
    longitude: float | None
    country: str
    precision: str  # city, region, country
    cue: str


@dataclass
class Proposal:
    """One proposed row: the fields of an event, and the cue words that produced each."""

    event_date: dt.date
    end_date: dt.date | None
    event_type: str
    status: str
    source: str
    place: Place | None
    figure: cues.Figure | None
    quote: str
    report: str
    cue: dict[str, str] = field(default_factory=dict)
    reported: dt.date | None = None  # the report's date

    @property
    def summary(self) -> str:
        """One line in our words, built from the fields (never copied from the report)."""
        what = f"{self.figure.value:,} {self.figure.counts}" if self.figure else self.event_type
        where = f" ({self.place.name})" if self.place else ""
        return f"{self.source or 'The report'}: {what}{where}, {self.status}."


def places(sentence: str, gazetteer: Gazetteer) -> list[Place]:
    """Places where something happens in the sentence: regions ("the Kursk region"), cities from the gazetteer
    (by their own names in any script), countries by name. A name counts as a place after a word of place
    ("in", "to", "near", "including", …), in a list that follows one, or as a possessive ("Seoul's office");
    a capital standing for its government ("Moscow and Pyongyang have …"), a person ("Vladimir Putin") and
    a demonym ("North Korean") are not places."""
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    for match in _REGION.finditer(sentence):
        name = re.split(r"['’]s\s+", match.group("name"))[-1]  # "Russia's Kursk region": the Kursk region
        if name.lower() in NOT_PLACES:
            continue
        city = gazetteer.candidates(name)
        found.append(Place(f"{name} {match.group('kind').lower()}", city[0].latitude if city else None,
                           city[0].longitude if city else None, city[0].country if city else "", "region", match.group(0)))
        taken.append(match.span())
    listing = False
    for match in _CANDIDATE.finditer(sentence):
        words = match.group(0).split()
        while words and words[0].lower() in NOT_PLACES | TITLES:  # "Following Kyiv's", "President Putin"
            words = words[1:]
        if not words or any(a <= match.start() < b for a, b in taken):
            continue
        name = " ".join(words)
        possessive = name.endswith(("'s", "’s"))
        name = name.removesuffix("'s").removesuffix("’s")
        start = match.end() - len(" ".join(words))
        if name.isupper() and len(name) <= 5:  # an acronym (NIS, DIU) is not a town
            continue
        before = sentence[max(0, start - 24):start].lower()
        locative = (bool(_LOCATIVE.search(before)) and not re.search(r"according\s+to\s+(?:the\s+)?$", before)) or (
            listing and bool(re.search(r"(?:,|\band)\s*$", before)))
        if _is_demonym(sentence, start + len(name)) or not (locative or possessive):
            listing = False
            continue
        code = alpha2(name=name)
        if code:
            if locative:  # "South Korea's agency" is an actor; "troops sent to Russia" a place
                found.append(Place(name, None, None, code, "country", name))
        else:
            city = [c for c in gazetteer.candidates(name) if c.population >= MIN_POPULATION
                    and (normalize_name(c.name) == normalize_name(name) or not name.isascii())]
            if not city:
                listing = False
                continue
            found.append(Place(city[0].name if name.isascii() else name, city[0].latitude, city[0].longitude,
                               city[0].country, "city", name))
        listing = True
    unique: dict[str, Place] = {}
    for place in found:
        unique.setdefault(place.name, place)
    return list(unique.values())


def extract(text: str, report: str, gazetteer: Gazetteer, report_date: dt.date | None = None) -> list[Proposal]:
    """The proposals of one report. ``report_date`` is used where the text has no dateline."""
    found_date, dateline_cue = dateline(text)
    report_date = found_date or report_date
    if report_date is None:
        raise ValueError("the report has no dateline; give its date")
    if not EARLIEST_REPORT <= report_date <= LATEST_REPORT:
        raise ValueError(f"the report's date must be between {EARLIEST_REPORT} and {LATEST_REPORT}, got {report_date}")
    proposals: list[Proposal] = []
    previous_source, previous_period, previous_kind = "", None, ""
    main_source = _main_source(text)
    for sentence in split_sentences(text):
        body = _without_dateline(sentence, dateline_cue)
        if body is None or _is_headline(body):
            continue
        figures = cues.figures(body.text)
        source, source_cue = cues.attribution(body.text)
        # A place inside the attribution ("a source in Seoul") says who speaks, not where things happen.
        named = [p for p in places(body.text, gazetteer) if not (source_cue and p.cue in source_cue)]
        cities = [p for p in named if p.precision in ("city", "region")]
        continuation = bool(_CONNECTIVE.match(body.text))
        kind, kind_cue = cues.event_type(body.text)
        if not source and continuation and previous_source:
            source, source_cue = previous_source, "(the previous sentence's source)"
        elif not source and main_source and kind in ON_THE_GROUND and (figures or cities):
            # An unattributed account of the deployment itself carries on the report's main source.
            source, source_cue = main_source, "(the report's main source)"
        if not (figures or cities or source_cue):
            continue
        status, status_cue = cues.status(body.text)
        period = cues.period(body.text, report_date)
        if not period.cue and previous_period is not None and (continuation or previous_kind in (kind,)):
            period = previous_period  # "… during the first phase": the same events as the sentence before
        where = cities or [p for p in named if p.precision == "country"][:1] or [None]
        for place in where:
            for figure in figures or [None]:
                proposals.append(Proposal(
                    event_date=period.start, end_date=period.end, event_type=kind, status=status,
                    source=source or "Report", place=place, figure=figure, quote=body.text, report=report,
                    reported=report_date,
                    cue={"date": period.cue or "(the report's date)", "source": source_cue, "status": status_cue,
                         "type": kind_cue, "place": place.cue if place else "", "figure": figure.cue if figure else ""}))
            if cities:
                figures = []  # a figure goes with the first place named, not with every one
        previous_source, previous_kind = source, kind
        previous_period = period if period.cue else None
    return proposals


def proposals_frame(proposals: list[Proposal], report: str) -> pd.DataFrame:
    """The proposals as rows in the project's schema (text cells, as a CSV holds them), plus their cues."""
    rows = []
    for number, p in enumerate(proposals, start=1):
        digest = hashlib.sha256(f"{p.quote}|{p.place.name if p.place else ''}|{p.figure}".encode()).hexdigest()[:8]
        rows.append(dict.fromkeys(COLUMNS, "") | {
            "event_id": f"{report.rsplit('.', 1)[0][:40]}-{number:03d}-{digest}",
            "event_date": p.event_date.isoformat(), "end_date": p.end_date.isoformat() if p.end_date else "",
            "reported_date": p.reported.isoformat() if p.reported else "",
            "event_type": p.event_type, "status": p.status, "source": p.source,
            "location": p.place.name if p.place else "", "country": p.place.country if p.place else "",
            "latitude": "" if not p.place or p.place.latitude is None else f"{p.place.latitude:.5f}",
            "longitude": "" if not p.place or p.place.longitude is None else f"{p.place.longitude:.5f}",
            "geo_precision": p.place.precision if p.place else "",
            "troops": str(p.figure.value) if p.figure else "", "counts": p.figure.counts if p.figure else "",
            "summary": p.summary, "quote": p.quote, "report": report, "wording": "verbatim",
            "provenance": "; ".join(f"{k}: {v}" for k, v in p.cue.items() if v),
        })
    columns = list(COLUMNS)
    frame = pd.DataFrame(rows, columns=columns)
    return frame.astype({c: "str" for c in columns if c not in CATEGORY_COLUMNS})


def _main_source(text: str) -> str:
    """The source the report cites most often (the first of equals); '' when it cites none."""
    counts: dict[str, int] = {}
    for sentence in split_sentences(text):
        source, _ = cues.attribution(sentence.text)
        if source:
            counts[source] = counts.get(source, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def _without_dateline(sentence: Sentence, cue: str) -> Sentence | None:
    if cue and sentence.text.startswith(cue):
        rest = sentence.text[len(cue):]
        stripped = rest.lstrip(" —–-:.,")
        if not stripped:
            return None
        offset = len(sentence.text) - len(stripped)
        return Sentence(sentence.start + offset, sentence.end, stripped)
    return sentence


def _is_headline(sentence: Sentence) -> bool:
    """A title line (no closing punctuation, few words) states no claim of its own."""
    return not re.search(r"[.!?\"”’)]$", sentence.text) and len(sentence.text.split()) < 14


def _is_demonym(sentence: str, end: int) -> bool:
    return bool(re.match(r"(?:n|an|ian|ese|i)\b", sentence[end:end + 4]))
