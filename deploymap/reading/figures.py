"""The figures a sentence states about North Korea's forces: how many, of what, and whose.

A number counts when it counts people (troops, soldiers, casualties, prisoners, …), whether written
in digits ("1,500"), words ("ten-thousand", "four-thousand-100", "a dozen") or both ("15-hundred",
"1.5 million"). A range counts as its lower bound. The qualifier stays with the figure's words
("at least 30", "more than 6,000"). What it counts is read from the words around it (killed,
wounded, killed or wounded, captured, or troops). A figure belongs to another force when the words
that own it say so ("Russian soldiers", "Russia has lost", "its own troops", "enemy losses"), and a
figure inside a hypothetical ("if Pyongyang were to send 100,000") is no figure at all.

Linear in the sentence: every pattern's repetition is bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
         "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
# The counts a figure may have (the field's vocabulary, ``fields.COUNTS``), and the words that say each.
COUNT_WORDS = (
    ("killed or wounded", r"killed\s+(?:or|and)\s+(?:wounded|injured)|killing\s+(?:or|and)\s+wounding|"
                          r"dead\s+(?:or|and)\s+(?:wounded|injured)|casualties|"
                          r"losses|killed\s+(?:or|and)\s+captured"),
    ("killed", r"killed|dead|died|deaths?|fatalities|fatally|lost\s+their\s+lives|perished|bodies|eliminated|KIA|took\s+out|"
               r"neutrali[sz]ed|liquidated"),
    ("wounded", r"wounded|injured|hurt|treated\s+(?:at|in)\s+(?:a\s+)?(?:field\s+)?hospitals?|hospitali[sz]ed|WIA"),
    ("captured", r"captured|taken\s+(?:prisoner|alive|captive)|prisoners?|POWs?|surrendered|held\s+captive|seized"),
)
_COUNT_PATTERNS = [(label, re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE)) for label, pattern in COUNT_WORDS]
_PEOPLE = (r"troops|soldiers?|servicem[ae]n|servicemembers?|service\s+members?|personnel|fighters?|men|officers?|generals?|"
           r"infantry(?:m[ae]n)?|sappers?|deminers?|engineers?|builders?|military\s+(?:construction\s+)?workers|crews?|gunners?|operators?|"
           r"commandos?|marines?|special\s+forces|forces|recruits?|conscripts?|reinforcements|(?:North\s+)?Koreans|"
           r"(?:North\s+)?Korean(?!-made|\s+(?:industry|economy|state|media|government|regime|leader|leadership|"
           r"authorities|territory|waters|border|nuclear|ballistic|missiles?|weapons?|arms|munitions?|shells|artillery|"
           r"rockets?|companies|firms|workers'?|laborers|labourers|students|defectors|citizens|civilians|hackers|"
           r"athletes|restaurants?|embassy|diplomats?|officials?|ports?|ships?|vessels?|side|won)\b)|"
           r"casualties|dead|killed|wounded|injured|captured|prisoners?|POWs?|people|military\s+personnel|instructors?|"
           r"snipers?|paratroopers?|specialists?|cadets?|bodies|corpses")
_WORD_NUMBER = "|".join(sorted([*UNITS, *SCALES], key=len, reverse=True))
# Digits with thousands set off by commas or spaces ("1,500", "1 000"), decimals ("2.5 thousand"), a "k" for
# thousand ("11k"), or number words.
_TOKEN = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d{{1,3}}(?:[ \u00a0\u202f]\d{{3}})+\b|\d+(?:\.\d+)?[kK]\b|\d+(?:\.\d+)?|(?:{_WORD_NUMBER})\b)"
NUMBER = re.compile(rf"(?<![\w.,-])(?:an?\s+(?=dozen|hundred|thousand|million))?{_TOKEN}(?:(?:\s+|-|\s+and\s+(?=[a-z])){_TOKEN}){{0,5}}",
                    re.IGNORECASE)
_QUALIFIER = re.compile(r"\b(?:about|approximately|around|roughly|some|nearly|almost|close\s+to|more\s+than|over|at\s+least|"
                        r"up\s+to|as\s+many\s+as|an\s+estimated|no\s+fewer\s+than|fewer\s+than|less\s+than|under|exceeded|"
                        r"at|estimated|totall?ing|of|reach|past)\s+$", re.IGNORECASE)
_RANGE_TAIL = re.compile(rf"\s*(?:and|to|-|–|or)\s*{_TOKEN}", re.IGNORECASE)
_NOT_PEOPLE = re.compile(r"\s*(?:of\s+[\d,]+\s+(?:[\w-]+\s+){0,2}(?:drones|missiles|shells|rockets|tanks|vehicles)\b|"
                         r"(?:long|short|full|whole|hard|brutal|straight|more)\s+(?:days?|nights?|weeks?|months?|hours?)\b|"
                         r"-?(?:thirds?|quarters?|halves|fifths?|tenths?)\b|"
                         r"(?:-\s*)?(?:%|per\s*cent|percent|mm\b|km\b|kilomet|square|miles?\b|metres?|meters?|hours?\b|days?\b|"
                         r"weeks?\b|months?\b|years?\b|times\b|rounds?\b|shells?\b|drones?\b|missiles?\b|tanks?\b|vehicles?\b|"
                         r"guns?\b|pieces?\b|launchers?\b|artillery\b|rockets?\b|terms?\b|(?:armou?red\s+)?personnel\s+carriers?\b|APCs?\b|words?\b|villages?\b|settlements?\b|"
                         r"assaults?\b|attacks?\b|strikes?\b|sorties?\b|containers?\b|trains?\b|ships?\b|flights?\b|"
                         # formations and places counted, not people: "organised in four brigades", "at five ranges"
                         r"brigades?\b|battalions?\b|regiments?\b|divisions?\b|companies\b|platoons?\b|ranges?\b|bases?\b|-?fold\b|"
                         r"camps?\b|sites?\b|locations?\b|waves?\b|rotations?\b|groups\b|"
                         r"(?:st|nd|rd|th)\b|[a-z]*-?(?:mm|calibre|caliber)|GMT|EDT|EST|UTC|a\.m\.|p\.m\.|°|dollars?|\$|won\b|"
                         r"rubles?|roubles?|tons?|tonnes?|square|years?-old|aged|yen\b|euros?))", re.IGNORECASE)
DPRK = re.compile(r"\b(?:North\s+Korea(?:n|'s|’s|ns)?|N\.\s*Korean?s?|DPRK|KPA|Korean\s+People's\s+Army|Pyongyang(?:'s|’s)?|"
                  r"the\s+North(?:'s|’s)?|North's|Kim(?:'s|’s)?\s+(?:troops|soldiers|forces|men)|Kim\s+Jong[- ]Un|"
                  r"(?<!South\s)Korean\s+(?:troops|soldiers|units|forces|servicemen|fighters|infantry))\b")
OTHER_FORCE = re.compile(
    rf"\b(?:Russian|Ukrainian|Chechen|Akhmat|Wagner|Belarusian|Kadyrov(?:'s|’s|ite)?|South\s+Korean|American|U\.S\.|our)\s+"
    rf"(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{_PEOPLE}|losses|units|citizens|"
    r"civilians|army|military|attacks|assaults|brigades?|battalions?|regiments?)\b"
    r"(?!\s+(?:IDs?|identity|uniforms?|documents?|papers|cards?|passports?|tickets?|equipment))|\bcivilians\b|"
    r"\bthe\s+(?:Russians|Ukrainians)\b|\byoung\s+South\s+Koreans\b|\benemy\b|\bits\s+own\b|\btheir\s+own\s+(?:troops|soldiers|forces)\b|"
    r"\b(?:Russia|Ukraine|Moscow|Kyiv)(?:'s|’s)\s+(?:(?!North\b|Korean\b|DPRK\b|KPA\b)[\w-]+\s+){0,2}?(?:losses|troops|forces|army|"
    r"soldiers|casualties|personnel|"
    r"servicemen|military|brigades?|battalions?|regiments?|divisions?|units|marines|paratroopers|grouping|force)\b|"
    r"\b(?:Russia|Ukraine|Moscow|Kyiv)(?:,\s+\w+,)?\s+(?:has\s+|had\s+|have\s+|is\s+|was\s+)?(?:also\s+|now\s+|already\s+|still\s+)?(?:been\s+)?"
    r"(?:lost|loses|losing|kept|keeping|keeps|concentrated|brought|mobili[sz]ed|deployed|massed|amassed|returned|"
    r"numbers?|numbered|gathered|assembled)\b|\b(?:the\s+)?(?:United\s+States|U\.S\.|Washington)\s+(?:still\s+|also\s+)?"
    r"(?:keeps|has|stations)\b|"
    r"\b(?:Kyiv|Moscow|Russia|Ukraine)\s+and\s+(?:Kyiv|Moscow|Russia|Ukraine)\s+(?:have\s+|had\s+)?(?:each\s+)?"
    r"(?:exchanged|swapped|traded|returned|released)\b|"
    # a storm or a crash: no forces at all ("Typhoon leaves 12 dead" in a box of other stories)
    r"\b(?:typhoon|earthquake|floods?|flooding|storm|hurricane|wildfire|landslide|plane\s+crash)\b|"
    r"\b(?:Russia|Ukraine|Moscow|Kyiv)\s+(?:has|had)\s+(?:now\s+|already\s+|also\s+|so\s+far\s+)?(?:taken|suffered|sustained)\b|"
    r"\b(?:Russian|Ukrainian)\s+(?:[\w-]+\s+){0,2}?(?:force|grouping|formation)\b|"
    # a Ukrainian commander's unit in a story told from his side: "Lytvyn's company has lost four men", "his platoon"
    r"\b(?!Kim\b)(?:[A-Z][a-z]+(?:['’]s)|his|her|our|my)\s+(?:own\s+)?(?:company|platoon|squad|crew|team|battalion|brigade)"
    r"(?:\s+(?:alone|itself|has|had|have|also))*\s+(?:lost|loses|losing|suffered|took\s+casualties)\b|"
    r"\b(?:Russia|Ukraine|Moscow|Kyiv)\s+(?:is|was|are|were)\s+(?:now\s+|still\s+)?(?:taking|suffering|sustaining|losing)\b|"
    r"^\W*(?:Ukraine|Russia|Kyiv|Moscow),\s+for\s+its\s+part\b",
    re.IGNORECASE)
# A town's population, drones shot down: counts that are no forces, known by the words before them.
_NOT_FORCES_BEFORE = re.compile(r"\b(?:(?:town|city|village|settlement|population|an\s+army|groups|teams|squads|waves|"
                                r"batches|columns)\s+of|downed|shot\s+down|intercepted)\s+"
                                r"(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|over\s+|up\s+to\s+)?$", re.IGNORECASE)
# ("in groups of 15–20": the size of each group, not a count of the forces; "a group of 40" is one)
# "About 34,000 North Koreans have fled to the South": defectors, not forces.
_NOT_SENT = re.compile(r"[\w\s'’-]{0,30}?\b(?:have|had|has)?\s*(?:fled|defected|escaped)\b|"
                   r"\s+(?:active[\s-]duty|standing)\s+(?:troops|soldiers|personnel|army|forces|"
                   r"servicemen)\b|"
                   r"\s+(?:North\s+Korean\s+)?(?:workers|laborers|labourers|defectors|students|athletes|tourists)\b",
                   re.IGNORECASE)  # and "1.2 million active-duty personnel" (a whole army), "15,000 North Korean workers" (labour)
# The North's forces at home, on the border with the South: no count of those sent abroad.
_AT_HOME = re.compile(r"\b(?:Military\s+Demarcation\s+Line|MDL|DMZ|Demilitari[sz]ed\s+Zone|inter-Korean\s+border)\b",
                      re.IGNORECASE)
_ABROAD = re.compile(r"\b(?:Russia|Kursk|Ukrain\w*|abroad)\b")
_HYPOTHETICAL = re.compile(r"\b(?:if|unless|were\s+to|in\s+the\s+event|hypothetically|suppose|scenarios?|"
                           r"my\s+(?:own\s+)?guess)\b|^\s*(?:Should|Were|Had)\b",
                           re.IGNORECASE)
_VAGUE = re.compile(r"\b(?:several|a\s+few|many|some)\s+(?:hundred|thousand|dozen)s?\b|\b(?:hundreds|thousands|dozens|tens)\b\s*(?:of)?",
                    re.IGNORECASE)
# The people a figure counts, after it ("1,500 members of the North's special forces", "of them").
_NOUN = re.compile(rf"\s*(?:more\s+|additional\s+|other\s+|of\s+the\s+North's\s+|of\s+(?:them|those|these|whom)\s+|"
                   rf"[\w'’-]+\s+)?(?:(?!(?:in|on|at|to|from|with|by|for|near|into|across|over)\s)[\w'’-]+\s+){{0,2}}"
                   rf"(?:{_PEOPLE}|members)\b(?:\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,4}}?(?:{_PEOPLE}|units|army|"
                   rf"brigades?|battalions?|contingent))?|\s*of\s+(?:them|those|these|whom)\b", re.IGNORECASE)
_PART_OF_WHOLE = re.compile(r"\s+of\s+(?:the|an?\s+estimated)\s+(?:(?:some|about|around|roughly|nearly|approximately|"
                            r"estimated)\s+)?\d[\d,.]*(?:\s+(?:thousand|hundred))?", re.IGNORECASE)
_BEFORE_NOUN = re.compile(rf"\b(?:{_PEOPLE}|contingent|number|numbers|strength|estimate|total|toll|deployment|group|force|losses|"
                          r"figure|count|tally)"
                          r"\b(?:\s+[\w'’-]+){0,6}?\s*(?:at|of|:|to|exceeded|reached|reach|passed|topped|remains?|stood\s+at|"
                          r"stands\s+at|put\s+at|is|are|was|were|totals?|totall?ed|numbers?|could\s+reach|would\s+reach|"
                          r"(?:could|would|may|might|will)\s+be|"
                          r"(?:grow|grew|rise|rose|increase|increased|climb|climbed)\s+to)"
                          r"(?:\s+(?:somewhere\s+)?(?:between|about|around|roughly|some|nearly|almost|over|more\s+than|at\s+least|"
                          r"approximately|up\s+to|close\s+to|as\s+many\s+as))?\s*$", re.IGNORECASE)


# Patterns read for every number: compiled once (the module functions look each up in a cache, every call).
_SPACED_THOUSANDS = re.compile(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)")
_K_THOUSANDS = re.compile(r"(\d)[kK]\b")
_WORD_GAPS = re.compile(r"[\s-]+")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_THE_BEFORE = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
_RANGE_NEXT = re.compile(r"\s*(?:and|to|-|–|or)\s*\d")
# "5 KIA", "were killed", "had moved into": a count whose verb says what befell the people it counts
_BARE_COUNT = re.compile(r"\s*(?:more|others?)?\s*(?:(?:DPRK|KPA|North\s+Korean)\s+(?=KIA|WIA|wounded|killed|dead))?"
                         r"\s*(?:(?:appear(?:s|ed)?|seem(?:s|ed)?|(?:are|were|is|was)\s+(?:believed|thought|said|reported|"
                         r"estimated))\s+to\s+(?:have\s+been|be)|were|have\s+been|had\s+been|has\s+been|are|was|had|have|has)?\s*"
                         r"(?:killed|wounded|injured|captured|dead|died|eliminated|destroyed|KIA|WIA|"
                         r"(?:already\s+|now\s+)?(?:moved|sent|deployed|dispatched|transported|stationed|arrived|transferred)\s+"
                         r"(?:in|into|to|by|from|near|across|toward|towards|over)\b|"
                         # "11,000 were in the Kursk region", "10,000 had now reached the region"
                         r"(?:already\s+|now\s+|still\s+)?reached|"
                         r"(?:(?<=were\s)|(?<=are\s))(?:already\s+|now\s+|still\s+)?in\s+(?:the\s+)?(?:(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
                         r"Sep|Oct|Nov|Dec)[a-z]*\b)(?-i:[A-Z])|region\b|area\b|oblast\b))",
                         re.IGNORECASE)
_CIVILIANS = re.compile(r"\b(?:people|civilians|residents|passengers|children)\b")  # not "People Power Party"
_RELATIVE_COUNT = re.compile(r"\b(?:whom|which)\s+(?:(?:about|some|around|roughly|nearly)\s+)?$")
_MOVED = re.compile(r"\b(?:moved|sent|deployed|dispatched|transported|stationed|arrived|transferred)\s+\w+$|\breached$",
                    re.IGNORECASE)
_OWN_CLAUSE = re.compile(r"\b(?:that|told|said|says|say)\b")  # where the words about the number's people end
_BARE_LOSS = re.compile(r"killed|wounded|injured|captured|dead|died|eliminated|destroyed|KIA|WIA|taken|seized",
                        re.IGNORECASE)
_CLAUSE_CUT = re.compile(r"\d|[;:!?|]|\.\s|—|–|\band\s+(?:about|some|around|roughly|close\s+to|nearly|more\s+than|"
                         r"at\s+least|said|says|added|adds|noted)\b|,\s+(?:of\s+whom|of\s+which|including|among\s+them|so|meaning|which\s+means|"
                         r"bringing)\b")  # "11,000, of whom half were killed"; "11,000 were sent, so the losses amount to …"
_LOSSES_BEFORE = re.compile(r"\b(?:killed|dead)\s+(?:and|or)\s+(?:wounded|injured)\b[^.;]{0,70}$")
_SAME_FIGURE = re.compile(r"\bthe\s+figure\s+(?:at|of|to)\s+(?:(?:about|around|roughly|some|"
                          r"nearly|approximately|more\s+than|over|at\s+least|up\s+to|just)\s+)?$", re.IGNORECASE)
_SIZE_WORDS = re.compile(r"\b(?:how\s+many|size|strength|total|overall|deployment|force|contingent|still\s+in)\b", re.IGNORECASE)
_COUNT_WORDS_AFTER = re.compile(r"\s*(?:[\w-]+\s+){0,2}?(?:troops|soldiers|men|personnel)\b", re.IGNORECASE)
_LOSSES_LEAD = re.compile(r"\b(?:losses|casualties)\b(?:(?!contingent|force|total|strength|size|aside)(?:[^.;:–—,]|(?<=\d)\.(?=\d))){0,60}?"
                          r"(?:\s[-–—]|:)\s*"
                          r"(?:(?:about|around|roughly|some|nearly|approximately|more\s+than|over|at\s+least|up\s+to)\s+)?$",
                          re.IGNORECASE)
_THING_AFTER = re.compile(r"\s+(?!(?:more|others?|of|in|at|on|near|and|or|to|from|by|with|were|was|had|have|has|are|is|following|"
                         r"after|before|since|as|when|because|last|this|per|during|until|within|over|across|"
                         r"killed|wounded|dead|injured|captured|men|people|troops|soldiers|personnel|strong|troops)\b)[a-z]{3,}\b")
_TALLY_BEFORE = re.compile(r"\b(casualty|casualties|death|deaths|loss|losses)(?:\s+(?:estimate|figure|toll|count|tally|number))?"
                           r"\s+(?:[\w'’-]+\s+){0,3}?(?:to|at|of)\s+(?:(?:about|around|roughly|some|nearly|approximately|"
                           r"more\s+than|over|at\s+least|up\s+to)\s+)?$", re.IGNORECASE)
_OWN_MEN = re.compile(r"\s*(?:[\w-]+\s+){1,2}of\s+(?:its|their|his|our)\s+own\b", re.IGNORECASE)  # "eleven men of its own"
_OF_THEIR_OWN = re.compile(r"\s*(?:of\s+(?:its|their)\s+own|of\s+its\s+citizens)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_STRONG = re.compile(r"-strong\s+(?:[\w'’-]+\s+){0,2}?(?:force|forces|contingent|army|corps|group|deployment|"
                     r"expeditionary)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    """A figure about North Korea's forces: its value, what it counts, and its words (they are in the sentence)."""

    value: int
    counts: str
    cue: str
    start: int = 0


def number_value(text: str) -> int | None:
    """The value of a number written in digits, words or both; None when it is no whole count."""
    text = _SPACED_THOUSANDS.sub("", text)  # "1 000"
    text = _K_THOUSANDS.sub(r"\1 thousand", text)  # "11k"
    words = _WORD_GAPS.split(text.lower().replace(",", "").strip())
    words = [w for w in words if w not in ("and", "a", "an")] or ["1"]
    total, current, seen = 0, 0.0, False
    previous = ""
    for word in words:
        if _DIGITS.fullmatch(word):
            if _DIGITS.fullmatch(previous):
                return None  # "1950-53": two numbers side by side are a range or years, never one sum
            current += float(word)
            seen = True
        elif word == "dozen":
            current = (current or 1) * 12  # "two dozen", "a dozen"
            seen = True
        elif word in UNITS:
            current += UNITS[word]
            seen = True
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            return None
        previous = word
    value = total + current
    if not seen and not value:
        return None
    return round(value) if (value >= 1 and float(value).is_integer()) or value >= 100 else None


def figures(sentence: str, taken: list[tuple[int, int]] = (), rejected: list[str] | None = None,
            theirs: bool = False) -> list[Figure]:
    """Every figure of North Korea's forces in the sentence; ``taken`` are spans that are no figures (dates).
    ``rejected`` hears why a count of people was left out ("another force", "hypothetical"). ``theirs``: the
    sentences before are about the North's forces, so a bare count moved or sent ("about 11,000 had moved into
    the Kursk region") is theirs though this sentence does not name them."""
    found: list[Figure] = []
    skip_until = -1
    hypothetical = _HYPOTHETICAL.search(sentence)  # once per sentence: "if …" before a figure makes it a scenario
    if _AT_HOME.search(sentence) and NUMBER.search(sentence) and not _ABROAD.search(sentence):
        if rejected is not None:
            rejected.append("not those sent")  # "mobilised up to 10,000 soldiers a day to build walls along the MDL"
        return found
    dated = bytearray(len(sentence) + 1)  # the characters dates hold: one look per number, however many dates
    for a, b in taken:
        dated[max(a, 0):max(b, 0)] = b"\x01" * (max(b, 0) - max(a, 0))
    owners = None
    for match in NUMBER.finditer(sentence):
        start, end = match.span()
        if start < skip_until or dated[start]:
            continue
        text = match.group(0)
        value = number_value(text)
        vague = _VAGUE.match(sentence, start) or (text.lower().strip() in SCALES and re.search(
            r"\b(?:several|a\s+few|many|some|few)\s+$", sentence[max(0, start - 12):start], re.IGNORECASE))
        if value is None or vague or _is_year(text) or _is_time(sentence, start, end):
            continue
        if re.search(r"\b(?:never|not|no)\s+$", sentence[max(0, start - 8):start]):
            continue  # "but never one captured on a foreign battlefield": none
        if value == 1 and re.fullmatch(r"(?i)one|a|an", text.strip()) \
                and not _BARE_LOSS.search(_OWN_CLAUSE.split(sentence[end:end + 80], 1)[0]) \
                and not _VERB_BEFORE.search(sentence[max(0, start - 40):start]):
            continue  # "one prisoner had on him a Russian ID": a person the report tells of, not a count, unless the
            # sentence tells what befell them ("one soldier was captured", "captured one soldier")
        if value < 10 and _THE_BEFORE.search(sentence, max(0, start - 8), start) \
                and not _BARE_LOSS.search(_OWN_CLAUSE.split(sentence[end:end + 80], 1)[0]):
            continue  # "the two men", "those three prisoners": people the report already told of, not a count, unless
            # the sentence tells what befell them ("the two soldiers were captured on Jan. 9")
        if re.fullmatch(r"(?i)one", text.strip()) and re.match(r"\s+(?:of|by|another|day|side|thing|way)\b", sentence[end:]):
            continue  # "one of the men", "one by paratroopers"
        tail = _RANGE_TAIL.match(sentence, end)
        ranged = _RANGE_NEXT.match(sentence, end, end + 6) or "between" in sentence[max(0, start - 24):start]
        if tail and ranged:
            end, skip_until = tail.end(), tail.end()  # a range: its lower bound
        if _NOT_PEOPLE.match(sentence, end) or _NOT_FORCES_BEFORE.search(sentence, max(0, start - 40), start):
            continue
        if _NOT_SENT.match(sentence, end):
            if rejected is not None:
                rejected.append("not those sent")  # defectors, a whole army: the sentence tells of no deployment
            continue
        after = _clause_after(sentence, end)
        before = sentence[max(0, start - 120):start]
        noun = _NOUN.match(after)
        part_of = None if noun else _PART_OF_WHOLE.match(sentence, end, end + 60)
        if part_of and _NOT_PEOPLE.match(sentence, part_of.end()):
            part_of = None  # "300 of the 1,000 drones launched at North Korean troops": a part of things
        if part_of:  # "about 4,000 of the roughly 11,000 North Koreans": a part takes the whole's noun
            noun = _NOUN.match(sentence[end:part_of.end() + 60], part_of.end() - end)
        told = _clause_after(sentence, part_of.end()) if part_of else after  # what the part's clause says it counts
        owner_noun = _BEFORE_NOUN.search(before, max(0, len(before) - 90))
        if owner_noun and not noun and value < 10 and _THING_AFTER.match(after):
            owner_noun = None  # "Many casualties could be one explanation": the number counts the word after it
        verb = _VERB_BEFORE.search(before)
        bare_count = _BARE_COUNT.match(after)
        lone_loss = noun is not None and re.fullmatch(r"\s*(?:killed|injured|wounded|dead|hurt)", noun.group(0), re.IGNORECASE)
        if (bare_count or lone_loss) and _CIVILIANS.search(sentence) and not DPRK.search(sentence):
            if rejected is not None:
                rejected.append("another force")
            continue
        if bare_count and _RELATIVE_COUNT.search(sentence, max(0, start - 24), start):
            bare_count = None  # "Russian marines, of whom about 2,000 were in the area": theirs
        if bare_count and not _BARE_LOSS.search(bare_count.group(0)) and not DPRK.search(sentence) and not theirs:
            bare_count = None  # "50,000 were sent to Kursk": moved, but whose? Only where the sentence names the North
        # "killed 77 North Korean soldiers and wounded 40": a count right after another figure of the forces
        # shares its noun.
        # (not "… and captured nearly 20 trenches": a word after the count that names something else)
        follows = bool(verb and found and start - (found[-1].start + len(found[-1].cue)) < 60 and _BARE_TAIL.match(after))
        # "its 11,000-strong force": a force's size
        strong = _STRONG.match(after)
        if strong and not (DPRK.search(strong.group(0)) or (
                re.search(r"\b(?:its|their)\s+$", sentence[max(0, start - 8):start])
                and DPRK.search(sentence, 0, start) and not _OTHER_OWNER.search(sentence, 0, start))):
            continue  # a force's size is the North's only where it says so: "its 11,000-strong force" after "North Korea"
        if not (noun or owner_noun or bare_count or follows or strong):
            continue
        if noun and re.match(r"\s*of\s+(?:them|those|these|whom)\b", noun.group(0)):
            nouns = list(_THINGS_OR_PEOPLE.finditer(sentence, max(0, start - 200), start))  # bounded: 200 characters
            if nouns and all(n.group("things") for n in nouns):
                continue  # "72 attack drones … and that 51 of them were shot down" (no people in sight)
        if noun and re.search(r"\b(?:people|persons|civilians|residents|villagers|inhabitants|children)\b", noun.group(0),
                              re.IGNORECASE) and not DPRK.search(noun.group(0)) and not (
                DPRK.search(sentence, max(0, start - 120), start) and _SENT_OR_LOST.search(sentence)) and not \
                _WAVE.search(sentence, max(0, start - 80), start):  # "The first wave was about 11,000 people"
            if rejected is not None:
                rejected.append("another force")
            continue  # "two people were injured in Chuhuiv", "a display involving some 100,000 people"
        if value == 1 and noun and re.search(r"\b(?:crews?|units?|groups?|teams?|squads?|brigades?|battalions?|regiments?)\b",
                                              noun.group(0), re.IGNORECASE):
            continue  # "One FPV crew of the 8th SSO Regiment took out 77": a unit, not a count of people
        if hypothetical is not None and hypothetical.end() <= start:
            if rejected is not None:
                rejected.append("hypothetical")
            continue
        if owners is None:
            owners = _owners(sentence)
        if not _is_dprk(sentence, start, end, noun.group(0) if noun else "", owners):
            if rejected is not None:
                rejected.append("another force")
            continue
        counts = "troops" if strong else \
            _counts(before[-90:], told, owner_noun.group(0) if owner_noun else "", verb.group(0) if verb else "")
        if bare_count and bare_count.group(0).rstrip().endswith("destroyed"):
            counts = "killed"  # a channel's "8 more destroyed by FPV drones" (people: things have their nouns)
        elif bare_count and _MOVED.search(bare_count.group(0)):
            counts = "troops"  # "…killed or wounded, and that 3,000 more were sent in January": its own verb says
        elif found and counts == "troops" and _SAME_FIGURE.search(before) and not _COUNT_WORDS_AFTER.match(told) \
                and not _SIZE_WORDS.search(sentence, found[-1].start, start):
            counts = found[-1].counts  # "3,000 killed or wounded, while the JCS put the figure at about 1,100"
        qualifier = _QUALIFIER.search(sentence, max(0, start - 40), start)  # a bounded look back: linear in the sentence
        cue_start = qualifier.start() if qualifier else start
        cue_end = end + (noun.end() if noun else 0)
        found.append(Figure(value, counts, sentence[cue_start:cue_end].strip(), cue_start))
    return found


def _clause_after(sentence: str, end: int) -> str:
    """The words after a number, up to the next number or the end of its clause: at most 80 characters, or 110 where
    no other clause begins ("2,000 North Korean troops sent to help Russia fight Ukraine are believed to have been
    killed"; not "11,000 troops are in Kursk, where hundreds have been killed")."""
    longer = sentence[end:end + 110]
    other = _OTHER_CLAUSE.search(longer)
    after = longer if other is None else longer[:other.start()] if other.start() >= 80 else sentence[end:end + 80]
    cut = _CLAUSE_CUT.search(after)
    return after[:cut.start()] if cut else after


_THINGS_OR_PEOPLE = re.compile(rf"\b(?:(?P<things>drones|missiles|shells|rockets|tanks|vehicles|launchers|aircraft|"
                               rf"guns|containers|ships)|{_PEOPLE})\b", re.IGNORECASE)
_VERB_BEFORE = re.compile(r"\b(?:killing\s+(?:or|and)\s+wounding|killed|captured|wounded|took\s+prisoner|taken\s+prisoner|"
                          r"took\s+out|took|taken|seized|lost|losing)\s+"
                          r"(?:about\s+|some\s+|at\s+least\s+|more\s+than\s+|roughly\s+|around\s+|nearly\s+|almost\s+|"
                          r"approximately\s+|over\s+|up\s+to\s+|an\s+estimated\s+)?$", re.IGNORECASE)
_BARE_TAIL = re.compile(r"\s*(?:$|[,.;:)]|(?:more|others?|and|in|at|near|on|during|were|was|had|have|of)\b)", re.IGNORECASE)
# "North Korea has sent a contingent of about 12,000 people", "lost about 4,000 people": the North's people, sent or lost
_WAVE = re.compile(r"\b(?:wave|rotation|contingent|batch|echelon|deployment|dispatch)\b(?:,[^,.;]{0,30},)?\s+"
                   r"(?:was|were|numbered|comprised|totall?ed|of|had)\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|"
                   r"more\s+than\s+|over\s+|up\s+to\s+|an\s+estimated\s+)?$", re.IGNORECASE)  # "the first wave was about"
_SENT_OR_LOST = re.compile(r"\b(?:sent|send|sending|dispatch\w*|deploy\w*|lost|losing|killed|wounded|captured|"
                           r"transferred|transported)\b", re.IGNORECASE)
_OTHER_CLAUSE = re.compile(r"[,;:—–]|\b(?:who|whom|whose|that|which|where|when|while|joining|replac\w*|after|before)\b",
                           re.IGNORECASE)
_OTHER_OWNER = re.compile(r"\b(?:Russia|Russian|Ukraine|Ukrainian|Moscow|Kyiv|Kiev|Chechen|Kadyrov\w*|Wagner|Akhmat|Belarus\w*|"
                          r"NATO|American|U\.S\.)\b")


_WHOLE_OF = re.compile(r"(?:\d[\d,.]*|\b(?:hundred|thousand|million|dozen|one|two|three|four|five|six|seven|eight|nine|ten))"
                       r"(?:\s+[\w-]+){0,4},?\s+(?:out\s+of|of\s+(?:the|an?\s+(?:estimated|total\s+of)))\s+"
                       r"(?:(?:some|about|around|roughly|nearly|approximately|an\s+estimated|more\s+than|over|close\s+to)\s+)?$",
                       re.IGNORECASE)  # after a count: "4,000 of the 11,000", "4,000 killed and wounded, out of some 11,000"


# A share of a whole: "more than half of the roughly 11,000 troops sent had been killed": 11,000 is how many were sent
_SHARE_OF = re.compile(r"\b(?:half|a\s+third|two[\s-]thirds|a\s+quarter|three[\s-]quarters|a\s+fifth|most|the\s+majority|"
                       r"\d{1,2}\s*(?:%|per\s*cent|percent))\s+of\s+(?:the|its|their|an?\s+estimated)\s+"
                       r"(?:(?:some|about|around|roughly|nearly|approximately|estimated|more\s+than|over|close\s+to)\s+)?$",
                       re.IGNORECASE)


def _counts(before: str, after: str, owner: str, verb: str = "") -> str:
    if re.match(r"(?:took|taken|seized)\b", verb, re.IGNORECASE) and re.search(r"\b(?:prisoners?|captives?)\b",
                                                                             verb + " " + after, re.IGNORECASE):
        return "captured"  # "had taken two wounded North Korean soldiers prisoner"
    if _WHOLE_OF.search(before) or _SHARE_OF.search(before):
        return "troops"  # "4,000 killed and wounded, out of some 11,000 soldiers": the whole the losses are part of
    for label, pattern in _COUNT_PATTERNS:  # "captured two soldiers, both wounded": the verb says what the figure counts
        if verb and pattern.search(verb):
            return label
    first = [(m.start(), order, label) for order, (label, pattern) in enumerate(_COUNT_PATTERNS)
             for m in [pattern.search(after)] if m]
    if first:
        return min(first)[2]  # the nearest words after the figure say what it counts
    if _LOSSES_BEFORE.search(before):
        return "killed or wounded"  # "troops killed and wounded in the Kursk region had already exceeded 3,000"
    if re.match(r"(?:lost|losing)\b", verb, re.IGNORECASE) or _LOSSES_LEAD.search(before):
        return "killed or wounded"  # "had lost about 200 servicemen", "Total losses of the grouping as of 14.12 - about 200"
    tally = _TALLY_BEFORE.search(before)
    if tally:  # "raised the casualty estimate to around 4,000", "put the death toll at 600"
        return "killed" if tally.group(1).lower().startswith("death") else "killed or wounded"
    for label, pattern in _COUNT_PATTERNS:
        if pattern.search(owner + " " + before[-14:]):
            return label
    return "troops"


def _named_before(spans: list[tuple[int, int]], start: int) -> bool:
    return any(end <= start for _, end in spans)


def _sentence_stop(sentence: str, low: int, high: int) -> int:
    """Where the last ". " before ``high`` stands, passing over abbreviations ("U.S. officials"); -1 when none."""
    stop = sentence.rfind(". ", low, high)
    for _ in range(4):  # a bounded number of abbreviations in a row
        if stop <= 0 or not sentence[stop - 1].isupper():
            return stop
        stop = sentence.rfind(". ", low, stop)
    return stop


def _owners(sentence: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Where the sentence names North Korea's forces and where another force (one pass each, for every figure):
    a force named after a preposition owns nothing ("took part in Russian assaults", "alongside Russian units")."""
    mine = [m.span() for m in DPRK.finditer(sentence)]
    theirs = [m.span() for m in OTHER_FORCE.finditer(sentence)
              if not _AFTER_PREPOSITION.search(sentence, max(0, m.start() - 24), m.start())
              or _PART_OF.search(sentence, max(0, m.start() - 24), m.start())  # "Some of the Russian troops …"
              or (_TALLY_OF.search(sentence, max(0, m.start() - 40), m.start())
                  and _COLON_NEXT.match(sentence, m.end()))  # "its daily estimate of Russian losses: 1,170"
              or re.search(r"['’]s\s+(?:[\w-]+\s+)?(?:losses|casualties)$", m.group())]  # "make up for Russia's losses"
    return mine, theirs


_AFTER_PREPOSITION = re.compile(r"\b(?:in|with|alongside|against|into|by|from|of|among|to|near|than|on|at|for)\s+(?:the\s+)?$",
                                re.IGNORECASE)


_PART_OF = re.compile(r"\b(?:some|many|most|all|none|several|part|each|thousands|hundreds)\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_COLON_NEXT = re.compile(r"\s*[:—–]")
_TALLY_OF = re.compile(r"\b(?:estimates?|tally|toll|count|figures?|numbers?|total|data)\s+(?:of|for|on)\s+(?:the\s+)?$", re.IGNORECASE)


def _is_dprk(sentence: str, start: int, end: int, noun: str,
             owners: tuple[list[tuple[int, int]], list[tuple[int, int]]]) -> bool:
    """Whether a figure is North Korea's: the words of its noun first, then the nearest owner before it in its clause."""
    if DPRK.search(noun):  # "200 servicemen of the Russian and DPRK units": a toll of both forces is neither's
        return not re.search(r"\b(?:Russian|Ukrainian|Chechen|Belarusian)\b", noun)
    if OTHER_FORCE.search(noun):
        return False
    if re.fullmatch(r"\s*(?:[\w'’-]+\s+)?people", noun, re.IGNORECASE) and not _named_before(owners[0], start) \
            and not _WAVE.search(sentence, max(0, start - 80), start):
        return False  # "a missile struck an apartment block, killing 11 people": people, not forces, unless theirs
    look_back = max(0, start - 600)  # a bounded look back: a line of a thousand figures stays linear
    clause_start = max(look_back, _sentence_stop(sentence, look_back, start),
                       *(sentence.rfind(mark, look_back, start) for mark in (";", "—", " but ", "while ")))
    mine = [e for s, e in owners[0] if clause_start <= s and e <= start]
    theirs = [e for s, e in owners[1] if clause_start <= s and e <= start]
    after = sentence[end:end + 40]
    if _OF_THEIR_OWN.match(after) or _OWN_MEN.match(after) or (
            re.search(r"\bkilling\s+(?:about\s+|some\s+|at\s+least\s+)?$", sentence[max(0, start - 30):start])
            and re.match(r"\s+of\s+(?:its|their)\s+(?:fighters|soldiers|men|crew|troops)", after)):
        return False  # "opened fire on a vehicle of the Akhmat unit, killing eight of its fighters"
    return not (theirs and (not mine or theirs[-1] > mine[-1]))


def _is_year(text: str) -> bool:
    return bool(_YEAR.fullmatch(text.strip()))


def _is_time(sentence: str, start: int, end: int) -> bool:
    return (sentence[end:end + 1] == ":" and sentence[end + 1:end + 2].isdigit()) or sentence[start - 1:start] in (":", "#", "№")
