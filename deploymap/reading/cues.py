"""What one sentence says, read from its words: dates, figures and what they count, who claims it,
how sure the claim is, and what kind of event it is. Each finding keeps the words that produced it
(its cue), so a reviewer sees why. Rules only: offline, deterministic, and general news English.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from deploymap.reading.sentences import MONTH, MONTHS

WEEKDAYS = {name: i for i, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "a dozen": 12, "dozens": 24, "hundreds": 200, "a hundred": 100}
PEOPLE = (r"(?:north\s+korean\s+|russian\s+|ukrainian\s+|elite\s+|special\s+|more\s+|additional\s+|other\s+)*"
          r"(?:troops|soldiers|servicemen|service\s+members|personnel|fighters|forces|military\s+personnel|men|"
          r"prisoners|POWs|workers|officers|marines|commandos|engineers|specialists|casualties|deminers|sappers|"
          r"builders|construction\s+workers|crews|gunners|operators|conscripts|recruits|mercenaries|volunteers)")
_AMOUNT = (r"(?P<qualifier>about|approximately|around|some|nearly|almost|more\s+than|over|at\s+least|up\s+to|roughly|"
           r"an\s+estimated|as\s+many\s+as|fewer\s+than|less\s+than)?\s*"
           r"(?P<number>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s*(?:thousand|million))?|"
           + "|".join(sorted(map(re.escape, NUMBER_WORDS), key=len, reverse=True)) + ")")
_FIGURE = re.compile(rf"\b{_AMOUNT}\b(?P<between>(?:\s+[\w'-]+){{0,3}}?)\s+(?P<people>{PEOPLE})\b", re.IGNORECASE)
_BARE_COUNT = re.compile(rf"\b{_AMOUNT}\b(?=\s+(?:were\s+|have\s+been\s+|had\s+been\s+)?(?:killed|wounded|injured|captured|dead))",
                         re.IGNORECASE)
COUNTS = {  # what a figure counts, by the words near it
    "killed or wounded": r"killed\s+or\s+wounded|killed\s+and\s+wounded|casualties|dead\s+and\s+wounded",
    "killed": r"killed|dead|died|deaths|fatalities|lost\s+their\s+lives",
    "wounded": r"wounded|injured",
    "captured": r"captured|taken\s+prisoner|prisoners|POWs|surrendered",
}
STATUS_CUES = [  # first match wins
    ("denied", r"\b(?:denied|denies|deny|dismissed|rejected|refuted|no\s+evidence)\b"),
    ("confirmed", r"(?<!not )(?<!n't )\b(?:confirmed|confirms|confirm|verified|acknowledged)\b"),
    ("expected", r"\b(?:expected|will|would|plans?\s+to|planning|set\s+to|likely|may|might|could|must\s+be\s+ready|"
                 r"is\s+to|are\s+to|prepar\w+\s+to)\b"),
]
TYPE_CUES = [  # first match wins
    ("battles", r"\b(?:killed|wounded|casualties|fighting|clash\w*|battle\w*|combat\s+losses|captured|prisoners?|"
                r"POWs)\b"),
    ("transport", r"\b(?:transport\w*|ships?|shipped|flown|airlifted|rail|trains?|convoy|moved|transferred)\b"),
    ("readiness", r"\b(?:ready|readiness|training|trained|drills?|combat\s+operations)\b"),
    ("equipment", r"\b(?:weapons|uniforms|ammunition|equipment|shells|missiles|artillery|IDs)\b"),
    ("treaty", r"\b(?:treaty|agreement|pact|ratif\w+)\b"),
    ("meeting", r"\b(?:meeting|summit|talks|met|visit\w*)\b"),
    ("deployment", r"\b(?:deploy\w*|stationed|sent|send|sending|dispatch\w*|troops|soldiers|forces)\b"),
]
_SAID = (r"said|says|told|confirmed|confirms|reported|reports|announced|stated|claimed|claims|estimated|estimates|added|"
         r"noted|warned|denied|wrote|tweeted|posted|believes|assessed|assesses|suggested|emphasized|stressed|argued|"
         r"insisted|accused|urged|revealed|disclosed|briefed|informed")
_TITLES = (r"spokesman|spokeswoman|spokesperson|minister|ministry|chief|head|secretary|president|official|officials|agency|"
           r"service|intelligence|office|commander|lawmakers?|general|envoy|ambassador|adviser|advisor|staff|forces")
# A name is a few words: a bounded repetition, so that a run of capitalised words ("ABC ABC …") costs
# each position a fixed amount of work instead of every later word (no nested unbounded repetition).
# Possessive repetitions (``{0,7}+``): once a name is read it is not tried again shorter.
_NAME = (rf"\b(?:[A-Z][\w'’.-]{{0,40}}+|[A-Z가-힣А-ЯЁ][\w'’.-]{{0,40}}+)"
         rf"(?:\s{{1,3}}+(?:[A-Z][\w'’.-]{{0,40}}+|of|the|for|and|de|al|{_TITLES}|\([A-Z]{{2,8}}\))\b){{0,7}}+")
ATTRIBUTION = [
    # "an intelligence source in Seoul", "officials in Kyiv": who, as the sentence describes them
    re.compile(rf"\b(?:an?\s+|the\s+)?(?P<who>(?:[a-z]+\s+){{0,2}}(?:source|sources|official|officials)\s+(?:in|from|at)\s+"
               rf"(?:the\s+)?{_NAME})"),
    re.compile(rf"\b(?i:according\s+to)\s+(?:the\s+|a\s+|an\s+)?(?P<who>(?:[a-z]+\s+){{0,3}}?{_NAME})"),
    re.compile(rf"(?P<who>(?:the\s+)?{_NAME}(?:'s)?(?:\s+[a-z]+){{0,3}}?)\s*,?\s+(?:{_SAID})\b"),
    re.compile(rf"\b(?:{_SAID})\s+(?P<who>(?:the\s+)?{_NAME})\b"),
]
_DATE_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_RANGE = re.compile(rf"\b(?:from|between)\s+(?:({MONTH})\s+(\d{{1,2}})|(\d{{1,2}})\s+({MONTH})?)\s*(?:to|and|-|–|until)\s+"
                    rf"(?:({MONTH})\s+)?(\d{{1,2}})(?:\s+({MONTH}))?(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_DASHED = re.compile(rf"\b({MONTH})\s+(\d{{1,2}})\s*[-–]\s*(\d{{1,2}})(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_DAY_MONTH = re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH})|({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?:,?\s+(\d{{4}}))?\b",
                        re.IGNORECASE)
_MONTH_ALONE = re.compile(rf"\b(?:in|since|during|by|from|until|early|late|mid-?)\s+({MONTH})(?:\s+(\d{{4}}))?\b", re.IGNORECASE)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|last\s+week|this\s+week|last\s+month|earlier\s+this\s+week|"
                       r"(?:on|last|this)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", re.IGNORECASE)


@dataclass(frozen=True)
class Figure:
    value: int
    counts: str  # troops, killed, wounded, killed or wounded, captured
    cue: str  # the words it was read from: they are in the sentence


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None
    cue: str


def figures(sentence: str) -> list[Figure]:
    """Every figure of people in the sentence, with what it counts; a number that is no count is left out."""
    found: dict[int, Figure] = {}
    matches = [*_FIGURE.finditer(sentence), *_BARE_COUNT.finditer(sentence)]
    for match in sorted(matches, key=lambda m: m.start()):
        if match.start() in found:
            continue
        value = _number(match.group("number"))
        if value is None or _is_year_or_day(sentence, match) or re.match(r"\s*of\b", match.groupdict().get("between") or ""):
            continue  # "one of the men" is no count
        after = sentence[match.end(): match.end() + 60]
        nxt = re.search(r"\d", after)
        clause = after[: nxt.start()] if nxt else after  # the words up to the next number
        people = match.groupdict().get("people") or ""
        counts = "troops"
        for label, pattern in COUNTS.items():
            if re.search(rf"\b(?:{pattern})\b", f"{people} {clause[:40]}", re.IGNORECASE):
                counts = label
                break
        found[match.start()] = Figure(value, counts, match.group(0).strip())
    return list(found.values())


def period(sentence: str, report_date: dt.date) -> Period:
    """When the claim happened or is expected: absolute, a range, a month, or relative to the report's date;
    the report's date itself when the sentence gives none."""
    for match in _DATE_ISO.finditer(sentence):
        try:
            return Period(dt.date(*map(int, match.groups())), None, match.group(0))
        except ValueError:
            continue
    match = _RANGE.search(sentence) or None
    if match:
        first_month = match.group(1) or match.group(4) or match.group(5) or match.group(7)
        second_month = match.group(5) or match.group(7) or first_month
        first_day = int(match.group(2) or match.group(3))
        start = _day(first_month, first_day, match.group(8), report_date)
        end = _day(second_month, int(match.group(6)), match.group(8), report_date)
        if start and end and end >= start:
            return Period(start, end, match.group(0).strip())
    match = _DASHED.search(sentence)
    if match:
        start = _day(match.group(1), int(match.group(2)), match.group(4), report_date)
        end = _day(match.group(1), int(match.group(3)), match.group(4), report_date)
        if start and end and end >= start:
            return Period(start, end, match.group(0))
    match = _DAY_MONTH.search(sentence)
    if match:
        month, day = (match.group(2), match.group(1)) if match.group(1) else (match.group(3), match.group(4))
        found = _day(month, int(day), match.group(5), report_date)
        if found:
            return Period(found, None, match.group(0))
    match = _MONTH_ALONE.search(sentence)
    if match:
        month = MONTHS[match.group(1).rstrip(".").lower()]
        year = int(match.group(2)) if match.group(2) else _year(month, 1, report_date)
        last = calendar.monthrange(year, month)[1]
        return Period(dt.date(year, month, 1), dt.date(year, month, last), match.group(0))
    match = _RELATIVE.search(sentence)
    if match:
        return _relative(match.group(0), report_date)
    return Period(report_date, None, "")


def status(sentence: str) -> tuple[str, str]:
    """confirmed, denied, expected or reported, with the cue word."""
    for label, pattern in STATUS_CUES:
        match = re.search(pattern, sentence, re.IGNORECASE)
        if match:
            return label, match.group(0)
    return "reported", ""


def event_type(sentence: str) -> tuple[str, str]:
    for label, pattern in TYPE_CUES:
        match = re.search(pattern, sentence, re.IGNORECASE)
        if match:
            return label, match.group(0)
    return "statement", ""


def attribution(sentence: str) -> tuple[str, str]:
    """Who makes the claim (as the sentence names them) and the words that say so; ("", "") if nobody."""
    for pattern in ATTRIBUTION:
        for match in pattern.finditer(sentence):
            who = _tidy_source(match.group("who"))
            if who:
                return who, match.group(0).strip()
    return "", ""


def _tidy_source(text: str) -> str:
    words = re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)
    words = re.sub(r"(?:\s+(?:has|have|had|also|then|later|on|in|not|did|does|never|has not|had not))+$", "", words)
    if not words or not any(ch.isupper() for ch in words) or words.lower() in {"it", "he", "she", "they", "we", "i"}:
        return ""
    return words.rstrip(",.;:").removesuffix("'s").removesuffix("’s")


def _number(text: str) -> int | None:
    text = text.lower().strip()
    if text in NUMBER_WORDS:
        return NUMBER_WORDS[text]
    scale = 1_000 if text.endswith("thousand") else 1_000_000 if text.endswith("million") else 1
    digits = re.sub(r"[^\d.]", "", text.replace(",", ""))
    try:
        return int(float(digits) * scale)
    except ValueError:
        return None


def _is_year_or_day(sentence: str, match: re.Match) -> bool:
    number = match.group("number")
    before = sentence[max(0, match.start() - 12): match.start()]
    return bool(re.search(rf"{MONTH}\s*$", before, re.IGNORECASE)) or (len(number) == 4 and number.startswith(("19", "20")))


def _year(month: int, day: int, report_date: dt.date) -> int:
    """A date written without a year is the one nearest the report (within about ten months before it)."""
    candidate = dt.date(report_date.year, month, min(day, 28))
    return report_date.year - 1 if (candidate - report_date).days > 60 else report_date.year


def _day(month: str | None, day: int, year: str | None, report_date: dt.date) -> dt.date | None:
    if not month:
        return None
    number = MONTHS[month.rstrip(".").lower()]
    try:
        return dt.date(int(year) if year else _year(number, day, report_date), number, day)
    except ValueError:
        return None


def _relative(cue: str, report_date: dt.date) -> Period:
    words = cue.lower().split()
    if words[0] in ("today", "tonight"):
        return Period(report_date, None, cue)
    if words[0] == "yesterday":
        return Period(report_date - dt.timedelta(days=1), None, cue)
    if words[-1] in WEEKDAYS:
        back = (report_date.weekday() - WEEKDAYS[words[-1]]) % 7 or (7 if words[0] == "last" else 0)
        return Period(report_date - dt.timedelta(days=back), None, cue)
    monday = report_date - dt.timedelta(days=report_date.weekday())
    if words[-1] == "week":
        start = monday - dt.timedelta(days=7) if words[0] == "last" else monday
        return Period(start, min(start + dt.timedelta(days=6), report_date), cue)
    first = report_date.replace(day=1) - dt.timedelta(days=1)  # last month
    return Period(first.replace(day=1), first, cue)
