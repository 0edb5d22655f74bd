"""When a claim happened, read from the words of its sentence, against the report's own date.

Every expression of time a sentence holds is found with its words (its cue) and what it says:
a day, a period, a forecast's horizon ("by December"), a start ("since October", never the
claim's date), or the moment of speaking ("said Wednesday", "told lawmakers on Tuesday"). A year is
inferred from the report's date, never from today. Weekdays resolve to the last such day on or
before the report's date; "last Thursday" to the one before it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

MONTH_NAMES = {name: number for number, names in enumerate(
    (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")), start=1) for name in names}
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
         r"Nov(?:ember)?|Dec(?:ember)?)\.?")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"  # the one list of them
_DASH = r"\s*[-–—]\s*"
# What a date expression is: when the claim happened; its horizon; a start; or when it was said.
EVENT, FORECAST, SINCE, SPEECH = "event", "forecast", "since", "speech"
_SPEECH_VERBS = (r"said|says|told|stated|announced|added|noted|reported|claimed|estimated|wrote|posted|confirmed|"
                 r"dismissed|denied|warned|briefed|assessed|explained|disclosed|revealed")


@dataclass(frozen=True, slots=True)
class When:
    """A time the sentence names: its first and last day, the words, and what it is (EVENT, SPEECH, …)."""

    start: dt.date
    end: dt.date | None
    cue: str
    role: str = EVENT
    position: int = 0  # where in the sentence the words are

    @property
    def days(self) -> int:
        return ((self.end or self.start) - self.start).days + 1


# Each pattern, in order: a specific form is tried before a looser one that would take part of it.
_PATTERNS: list[tuple[str, re.Pattern]] = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("iso", r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    ("numeric_months", rf"\b(\d{{1,2}})\.(\d{{1,2}}){_DASH}(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})\b"),  # 14.12–16.12.2024
    ("numeric_range", rf"(?<![\d.])\b(\d{{1,2}}){_DASH}(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}})\b"),
    ("numeric", r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"),
    ("between_parts", rf"\bbetween\s+(early|mid|late)\s+and\s+(early|mid|late)[\s-]*({MONTH})(?:\s+(\d{{4}}))?"),
    ("between_early_mid", rf"\bbetween\s+(early|mid|late)\s*-?\s*({MONTH})\s+and\s+(early|mid|late)\s*-?\s*({MONTH})?(?:\s+(\d{{4}}))?"),
    ("from_to", rf"\b(?:from|between)\s+(?:({MONTH})\s+(\d{{1,2}})|(\d{{1,2}})(?:\s+({MONTH}))?)\s*(?:to|and|-|–|until|through)\s+"
                rf"(?:({MONTH})\s+)?(\d{{1,2}})(?:\s+({MONTH}))?(?:,?\s+(\d{{4}}))?\b"),
    ("month_days", rf"\b({MONTH})\s+(\d{{1,2}}){_DASH}(\d{{1,2}})(?:,?\s+(\d{{4}}))?\b"),
    ("days_month", rf"\b(\d{{1,2}}){_DASH}(\d{{1,2}})\s+({MONTH})(?:,?\s+(\d{{4}}))?\b"),
    ("day_month", rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH})(?:,?\s+(\d{{4}}))?\b"),
    ("month_day", rf"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?"),
    ("by_month", rf"\b(?:by|before|until)\s+(?:the\s+(?:end|middle)\s+of\s+|(?:early|mid|late)[\s-]+)?({MONTH})"
                 rf"(?:\s+(\d{{4}}))?\b"),
    ("since_month", rf"\bsince\s+(?:early\s+|mid-?|late\s+)?({MONTH})(?:\s+(\d{{4}}))?\b"),
    ("part_month", rf"\b(early|mid|late)[\s-]+({MONTH})(?:\s+(\d{{4}}))?\b"),
    ("months", rf"\b(?:(?:in|during|over)\s+({MONTH})\s+(?:and|or|to|through)|(?:between|from)\s+({MONTH})\s+"
               rf"(?:and|to|until|through))\s+({MONTH})(?:,?\s+(?:of\s+)?(\d{{4}}))?\b"),
    ("month", rf"\b(?:in|during|throughout|of|for)\s+({MONTH})(?:\s+(\d{{4}}))?\b"),
    # "the agency's December estimate": the month an estimate or a briefing was given ("they may report": no May)
    ("month_noun", rf"\b((?-i:{MONTH}))(?:\s+(\d{{4}}))?(?=\s+(?:estimate|assessment|briefing|figures?|report|tally|count)s?\b)"),
    ("month_year", rf"\b({MONTH})\s+(\d{{4}})\b"),
    ("part_relative_month", r"\b(early|mid|late)[\s-]+(this|last) month\b"),
    ("part_relative_year", r"\b(early|mid|late|later)[\s-]+(this|last) year\b"),
    ("relative_month", r"\b(earlier this month|this month|last month|earlier this year|this year|last year|last autumn|last fall|"
                       r"last summer|last spring|last winter)\b"),
    ("relative_week", r"\b(last week|this week|earlier (?:this|in the) week|over the past week|in the past week|over the weekend|"
                      r"at the weekend|last weekend|this weekend|the past (?:few|several) days)\b"),
    ("relative_day", r"\b(yesterday|today|tonight|this morning|this afternoon|this evening|earlier in the day|earlier today|"
                     r"overnight|the day before|a day earlier|a day later|the next day|the following day|the same day|"
                     r"the (?:next|following) (?:morning|evening|night)|"
                     r"that day|(?:a|one|two|three|four|five|six) (?:days?|weeks?) (?:ago|earlier|later)|"
                     r"(?:briefing|statement|assessment|estimate|announcement|report|admission|remarks|update)\s+"
                     r"(?:came|comes)\s+(?:a|one|two|three|four|five|six) (?:days?|weeks?) after)\b"),
    # "On the second day alone, …" after "Between Dec. 14 and Dec. 16, …": a day counted from the period before
    ("nth_day", r"\b(?:on\s+)?the\s+(first|second|third|fourth|fifth)\s+day\b(?!\s+(?:of|since|after)\b)"),
    ("weekday", rf"\b(?:(last|this|on|past|previous)\s+)?({WEEKDAY})\b"),
    # "on the 19th": a day of the report's month (of the month before, if that day is still to come); never a
    # unit, a name or a count ("on the 94th brigade", "on the 8th Separate Regiment", "on the 3rd attempt")
    ("ordinal_day", r"\bon\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!-|\s+(?-i:[A-Z])|\s+(?:brigade|regiment|division|corps|army|"
                    r"battalion|company|unit|separate|special|air\w*|guards?|motor\w*|mechani[sz]ed|tank|rifle|marine|"
                    r"naval|territorial|mountain|paratroop\w*|parachute|airmobile|infantry|assault|artillery|century|"
                    r"anniversary|round|time|day|wave|batch|group|attempt|floor|line|sector|direction|"
                    r"of\s+(?!the\s+month))\b)"),
)]
_ORDINALS = ("first", "second", "third", "fourth", "fifth")
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def report_year_day(month: int, day: int, report: dt.date, forward_days: int = 60) -> dt.date | None:
    """A day written without a year: the one nearest the report, at most ``forward_days`` after it."""
    for year in (report.year, report.year - 1, report.year + 1):
        try:
            found = dt.date(year, month, day)
        except ValueError:
            return None
        if -330 <= (found - report).days <= forward_days:
            return found
    return None


def month_span(month: int, year: int | None, report: dt.date) -> tuple[dt.date, dt.date]:
    if year is None:
        first = report_year_day(month, 1, report, forward_days=250) or dt.date(report.year, month, 1)
        year = first.year
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _month(text: str | None) -> int | None:
    return MONTH_NAMES.get(text.rstrip(".").lower()) if text else None


def _day(month: int | None, day: str | int, year: str | None, report: dt.date) -> dt.date | None:
    if month is None:
        return None
    try:
        return dt.date(int(year), month, int(day)) if year else report_year_day(month, int(day), report, 120)
    except ValueError:
        return None


def _span(start: dt.date | None, end: dt.date | None, cue: str, role: str, position: int) -> When | None:
    if start is None or (end is not None and end < start):
        return None
    return When(start, end if end != start else None, cue.strip(), role, position)


def expressions(sentence: str, report: dt.date, anchor: dt.date | None = None) -> list[When]:
    """Every time the sentence names, in order; ``anchor`` is the date the previous sentence was about
    ("a day earlier", "the same day")."""
    found: list[When] = []
    taken = bytearray(len(sentence) + 1)  # the characters a date already holds: a check per match, not per pair
    # The patterns that name a month are skipped, all at once, in a sentence that names none (most sentences).
    months = bool(_ANY_MONTH.search(sentence))
    for name, pattern in _PATTERNS:
        if not months and name in _NEED_MONTH:
            continue
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(taken[start:end]) or (name == "nth_day" and anchor is None):
                continue
            try:
                when = _read(name, match, report, anchor or report)
            except (ValueError, OverflowError):  # "on the 0th", "January 0000", a day after 9999-12-31: no date
                when = None
            if when is not None:
                found.append(_with_role(when, sentence, match))
                taken[start:end] = b"\x01" * (end - start)
    found.sort(key=lambda w: w.position)
    # "on Dec. 20 …, and two days later …": counted from the day the sentence named before it, not the sentence before;
    # with no day to count from, or "later than planned", no date at all
    for index, when in enumerate(found):
        counted = _COUNTED.fullmatch(when.cue)
        if counted is None:
            continue
        if re.match(r"\s+than\b", sentence[when.position + len(when.cue):]):
            found[index] = None
            continue
        before = [w for w in found[:index] if w is not None and w.days == 1 and not _COUNTED.fullmatch(w.cue)]
        if before:
            again = _relative_day(when.cue.lower(), report, before[-1].start, when.cue, when.position)
            spot = re.compile(re.escape(when.cue)).match(sentence, when.position)  # where it stands, for its role
            found[index] = _with_role(again, sentence, spot) if again and spot else None
        elif anchor is None:
            found[index] = None
    return [w for w in found if w is not None]


_COUNTED = re.compile(r"(?i)(?:a|one|two|three|four|five|six)\s+(?:days?|weeks?)\s+(?:later|earlier)|a\s+day\s+(?:later|earlier)|"
                      r"the\s+(?:next|following)\s+day|the\s+day\s+before")


_ANY_MONTH = re.compile(rf"\b{MONTH}", re.IGNORECASE)
_NEED_MONTH = frozenset({"between_parts", "between_early_mid", "month_days", "days_month", "day_month", "month_day",
                         "by_month", "since_month", "part_month", "months", "month", "month_noun", "month_year"})


def _read(name: str, m: re.Match, report: dt.date, anchor: dt.date) -> When | None:
    cue, at = m.group(0), m.start()
    g = m.groups()
    try:
        if name == "iso":
            return _span(dt.date(int(g[0]), int(g[1]), int(g[2])), None, cue, EVENT, at)
        if name == "numeric":
            return _span(dt.date(int(g[2]), int(g[1]), int(g[0])), None, cue, EVENT, at)
        if name == "numeric_months":
            start, end = dt.date(int(g[4]), int(g[1]), int(g[0])), dt.date(int(g[4]), int(g[3]), int(g[2]))
            if end < start and int(g[1]) > int(g[3]):  # "28.12–03.01.2025": the first day is the year before
                start = dt.date(int(g[4]) - 1, int(g[1]), int(g[0]))
            return _span(start, end, cue, EVENT, at)
        if name == "numeric_range":
            return _span(dt.date(int(g[3]), int(g[2]), int(g[0])), dt.date(int(g[3]), int(g[2]), int(g[1])), cue, EVENT, at)
    except ValueError:
        return None
    if name == "between_parts":
        start, _ = month_span(_month(g[2]), int(g[3]) if g[3] else None, report)
        return _span(_part(start, g[0])[0], _part(start, g[1])[1], cue, EVENT, at)
    if name == "between_early_mid":
        first, last = _month(g[1]), _month(g[3] or g[1])
        year = int(g[4]) if g[4] else None
        start, _ = month_span(first, year, report)
        _, end = month_span(last, year or start.year, report)
        return _span(_part(start, g[0])[0], _part(dt.date(end.year, last, 1), g[2])[1], cue, EVENT, at)
    if name == "from_to":
        first_month = _month(g[0] or g[3] or g[4] or g[6])
        start = _day(first_month, g[1] or g[2], g[7], report)
        end = _day(_month(g[4] or g[6]) or first_month, g[5], g[7], report)
        return _span(start, end, cue, EVENT, at)
    if name == "month_days":
        month = _month(g[0])
        return _span(_day(month, g[1], g[3], report), _day(month, g[2], g[3], report), cue, EVENT, at)
    if name == "days_month":
        month = _month(g[2])
        return _span(_day(month, g[0], g[3], report), _day(month, g[1], g[3], report), cue, EVENT, at)
    if name == "day_month":
        return _span(_day(_month(g[1]), g[0], g[2], report), None, cue, EVENT, at)
    if name == "month_day":
        return _span(_day(_month(g[0]), g[1], g[2], report), None, cue, EVENT, at)
    if name == "by_month":
        start, _ = month_span(_month(g[0]), int(g[1]) if g[1] else None, report)
        return _span(start, None, cue, FORECAST, at)
    if name == "since_month":
        start, _ = month_span(_month(g[0]), int(g[1]) if g[1] else None, report)
        return _span(start, None, cue, SINCE, at)
    if name == "part_month":
        start, end = month_span(_month(g[1]), int(g[2]) if g[2] else None, report)
        low, high = _part(start, g[0])
        return _span(low, high, cue, EVENT, at)
    if name == "months":
        first, last, year = _month(g[0] or g[1]), _month(g[2]), int(g[3]) if g[3] else None
        if year is not None and last < first:
            start, _ = month_span(first, year - 1, report)  # "between October and January of 2025"
        else:
            start, _ = month_span(first, year, report)
        _, end = month_span(last, year or start.year, report)
        if end < start:
            _, end = month_span(last, start.year + 1, report)
        return _span(start, end, cue, EVENT, at)
    if name in ("month", "month_year", "month_noun"):
        start, end = month_span(_month(g[0]), int(g[1]) if g[1] else None, report)
        # "the December estimate" is when an estimate was given: a claim's own day, if it has one, comes first
        return _span(start, end, cue, SPEECH if name == "month_noun" else EVENT, at)
    if name == "part_relative_month":
        first = report.replace(day=1) if g[1].lower() == "this" else (report.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
        low, high = _part(first, g[0])
        return _span(low, min(high, report), cue, EVENT, at)
    if name == "part_relative_year":  # "late last year": its last third; "early this year": its first
        year = report.year - (g[1].lower() == "last")
        months = {"early": (1, 4), "mid": (5, 8), "late": (9, 12), "later": (9, 12)}[g[0].lower()]
        start = dt.date(year, months[0], 1)
        return _span(start, min(dt.date(year, months[1], calendar.monthrange(year, months[1])[1]), report), cue, EVENT, at)
    if name == "relative_month":
        return _relative_month(g[0].lower(), report, cue, at)
    if name == "relative_week":
        return _relative_week(g[0].lower(), report, cue, at)
    if name == "relative_day":
        return _relative_day(g[0].lower(), report, anchor, cue, at)
    if name == "nth_day":
        return _span(min(anchor + dt.timedelta(days=_ORDINALS.index(g[0].lower())), report), None, cue, EVENT, at)
    if name == "weekday":
        return _weekday((g[0] or "").lower(), g[1].lower(), report, cue, at)
    if name == "ordinal_day":
        return _span(_ordinal_day(int(g[0]), report), None, cue, EVENT, at)
    return None


def _ordinal_day(day: int, report: dt.date) -> dt.date | None:
    if day < 1:
        return None
    month_start = report.replace(day=1)
    for _ in range(3):  # this month, or the last one that has such a day
        if day <= calendar.monthrange(month_start.year, month_start.month)[1] and month_start.replace(day=day) <= report:
            return month_start.replace(day=day)
        month_start = (month_start - dt.timedelta(days=1)).replace(day=1)
    return None


def _part(first_of_month: dt.date, part: str) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(first_of_month.year, first_of_month.month)[1]
    bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last)}[part.lower()]
    return first_of_month.replace(day=bounds[0]), first_of_month.replace(day=bounds[1])


def _relative_month(words: str, report: dt.date, cue: str, at: int) -> When | None:
    if words == "earlier this month":
        return _span(report.replace(day=1), max(report - dt.timedelta(days=1), report.replace(day=1)), cue, EVENT, at)
    if words == "this month":
        return _span(report.replace(day=1), report, cue, EVENT, at)
    if words == "last month":
        end = report.replace(day=1) - dt.timedelta(days=1)
        return _span(end.replace(day=1), end, cue, EVENT, at)
    if words in ("earlier this year", "this year"):
        return _span(dt.date(report.year, 1, 1), report, cue, EVENT, at)
    if words == "last year":
        return _span(dt.date(report.year - 1, 1, 1), dt.date(report.year - 1, 12, 31), cue, EVENT, at)
    season = {"autumn": (9, 11), "fall": (9, 11), "summer": (6, 8), "spring": (3, 5), "winter": (12, 2)}[words.split()[-1]]
    year = report.year - 1 if (season[0], 1) > (report.month, report.day) or words.split()[-1] == "winter" else report.year
    start = dt.date(year, season[0], 1)
    last_month_year = year + 1 if season[1] < season[0] else year
    end = dt.date(last_month_year, season[1], calendar.monthrange(last_month_year, season[1])[1])
    return _span(start, min(end, report), cue, EVENT, at)


def _relative_week(words: str, report: dt.date, cue: str, at: int) -> When | None:
    monday = report - dt.timedelta(days=report.weekday())
    if words == "last week":
        return _span(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), cue, EVENT, at)
    if words in ("this week", "earlier this week", "earlier in the week"):
        return _span(monday, report, cue, EVENT, at)
    if words in ("over the past week", "in the past week"):
        return _span(report - dt.timedelta(days=6), report, cue, EVENT, at)
    if words.startswith("the past"):
        return _span(report - dt.timedelta(days=4), report, cue, EVENT, at)
    saturday = report - dt.timedelta(days=(report.weekday() - 5) % 7)
    if words == "this weekend" and report.weekday() >= 5:
        saturday = report - dt.timedelta(days=report.weekday() - 5)
    return _span(saturday, min(saturday + dt.timedelta(days=1), report), cue, EVENT, at)


def _relative_day(words: str, report: dt.date, anchor: dt.date, cue: str, at: int) -> When | None:
    if words in ("yesterday", "overnight"):
        return _span(report - dt.timedelta(days=1), None, cue, EVENT, at)
    if words in ("the day before", "a day earlier"):
        return _span(anchor - dt.timedelta(days=1), None, cue, EVENT, at)
    if words in ("a day later", "the next day", "the following day") or re.fullmatch(r"the (?:next|following) \w+", words):
        return _span(anchor + dt.timedelta(days=1), None, cue, EVENT, at)
    if words in ("the same day", "that day"):
        return _span(anchor, None, cue, EVENT, at)
    ago = re.match(r"(a|one|two|three|four|five|six) (days?|weeks?) (?:ago|earlier)", words)
    later = re.match(r"(a|one|two|three|four|five|six) (days?|weeks?) later", words)
    if later and words not in ("a day later",):  # "Five days later NATO said": counted from the day the sentence before named
        days = _NUMBER_WORDS[later.group(1)] * (7 if later.group(2).startswith("week") else 1)
        return _span(min(anchor + dt.timedelta(days=days), report), None, cue, EVENT, at)
    after = re.match(r"\w+\s+(?:came|comes)\s+(a|one|two|three|four|five|six) (days?|weeks?) after", words)
    if after:  # "The briefing came two days after Pyongyang confirmed it": what came after is news of the report's day
        days = _NUMBER_WORDS[after.group(1)] * (7 if after.group(2).startswith("week") else 1)
        return _span(report - dt.timedelta(days=days), None, cue, EVENT, at)
    if ago:
        days = _NUMBER_WORDS[ago.group(1)] * (7 if ago.group(2).startswith("week") else 1)
        base = report if words.endswith("ago") else anchor
        return _span(base - dt.timedelta(days=days), None, cue, EVENT, at)
    return _span(report, None, cue, EVENT, at)  # today, tonight, this morning, earlier in the day


def _weekday(modifier: str, name: str, report: dt.date, cue: str, at: int) -> When | None:
    back = (report.weekday() - WEEKDAYS.index(name)) % 7
    if modifier in ("last", "past", "previous") and back == 0:
        back = 7  # "last Monday" said on a Monday is a week ago
    return _span(report - dt.timedelta(days=back), None, cue, EVENT, at)


def _with_role(when: When, sentence: str, match: re.Match) -> When:
    """A time right beside a verb of speaking is when it was said; "since" starts a period, never dates a claim."""
    if when.role != EVENT:
        return when
    before = sentence[max(0, match.start() - 40):match.start()]
    if re.search(rf"\b(?:{_SPEECH_VERBS})(?:\s+\w+){{0,3}}\s+(?:on\s+)?$", before, re.IGNORECASE):
        return When(when.start, when.end, when.cue, SPEECH, when.position)
    after = sentence[match.end():match.end() + 90]
    ranged = re.match(r"(?i)(?:between|from)\b", when.cue) is not None  # "Between Jan. 2 and Jan. 4, …, Lis said": events
    if match.start() < 4 and not ranged and re.match(rf"\s*,?\s*(?:[\w.,'’()-]+\s+){{0,12}}?(?:{_SPEECH_VERBS})\b", after, re.IGNORECASE):
        return When(when.start, when.end, when.cue, SPEECH, when.position)
    # "since they were thrown into combat early this month": the start of a period, never the claim's date
    if re.search(r"\bsince\b[^,;:]*$", sentence[max(0, match.start() - 90):match.start()], re.IGNORECASE):
        return When(when.start, when.end, when.cue, SINCE, when.position)
    return when


def claim_date(sentence: str, report: dt.date, anchor: dt.date | None = None, found: list[When] | None = None) -> When | None:
    """The time a claim in the sentence is about: an event's date before the time it was said (a "since"
    is a start, never the date, and a forecast's horizon neither); None when the sentence names no time.
    ``found``: its expressions, if known."""
    found = expressions(sentence, report, anchor) if found is None else found
    for role in (EVENT, SPEECH):  # a forecast's horizon ("10,000 by December") is no date of the claim
        chosen = [w for w in found if w.role == role]
        if chosen:
            return min(chosen, key=lambda w: (w.days > 62, w.position))  # a day or a short period first
    return None
