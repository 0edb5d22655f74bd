"""How sure a claim is, and what kind of event it tells of, read from the words of its sentence.

Status: ``denied`` ("has never confirmed", "dismissed as groundless", "called the reports a fake"),
``confirmed`` (the source says it confirmed, verified or acknowledged it; not "would not confirm"),
``expected`` (a forecast: "could send", "will", "is expected to", "by December"), else ``reported``.
"""

from __future__ import annotations

import re

STATUS_CUES = [  # first match wins
    ("denied", r"\b(?:never\s+confirmed|has\s+not\s+confirmed|have\s+not\s+confirmed|not\s+confirmed|"
               r"(?<!not\s)(?<!n't\s)(?<!never\s)(?:denied|denies|deny)|"
               r"dismissed|dismisses|rejected|rejects|refuted|groundless|baseless|fake|nonsense|brushed\s+(?:\w+\s+){0,3}aside|"
               r"no\s+evidence|(?:has|have|had)\s+(?:not|never)\s+(?:\w+ly\s+)?(?:acknowledged|confirmed)|never\s+acknowledged|"
               r"declined\s+to\s+confirm|refus\w*\s+to\s+(?:acknowledge|confirm)|"
               r"neither\s+[^.;,]{1,40}?\s+nor\s+[^.;,]{1,40}?\s+(?:has|have)\s+(?:\w+ly\s+)?(?:acknowledged|confirmed))\b"),
    ("confirmed", r"(?<!not )(?<!n't )(?<!never )(?<!to )\b(?:confirmed|confirms|verified|acknowledged|admitted|admits)\b|"
                  # "said it could confirm": it confirms (not "asked whether it could confirm")
                  r"(?<!not )(?<!whether it )(?<!whether they )(?<!if it )\bcould\s+(?:now\s+)?(?:confirm|verify)\b"),
    ("expected", r"\b(?:expected|expects|will(?!\s+have\s+(?:seen|noted|heard|read|noticed))|would|could|may|might|"
                 r"plans?\s+to|planning|set\s+to|likely\s+to|is\s+to|are\s+to|"
                 r"prepar\w+\s+to|getting\s+ready|ready\s+to|decided\s+to|intends?\s+to|to\s+be\s+sent|by\s+(?:the\s+end\s+of\s+)?"
                 r"(?:January|February|March|April|May|June|July|August|September|October|November|December)|"
                 r"in\s+the\s+coming\s+(?:days|weeks|months)|soon|must\s+be\s+ready|is\s+due\s+to|are\s+due\s+to|forecast)\b"),
]
TYPE_CUES = [  # first match wins
    ("battles", r"\b(?:killed|wounded|casualties|losses|fighting|fought|clash\w*|battle\w*|combat|assaults?|attack\w*|stormed|"
                r"captured|prisoners?|POWs|dead|died|firing|fire|shelling|advance\w*|offensive)\b"),
    ("transport", r"\b(?:transport\w*|ships?|shipped|ferried|flown|airlifted|rail|trains?|convoy|moved|transferred|crossed|"
                  r"traveled|travelled|arrived?|arriving)\b"),
    ("readiness", r"\b(?:ready|readiness|training|trained|drills?|combat-ready)\b"),
    ("equipment", r"\b(?:weapons|uniforms|ammunition|equipment|shells|missiles|artillery|IDs|documents|identity\s+(?:cards|papers))\b"),
    ("treaty", r"\b(?:treaty|agreement|pact|ratif\w+)\b"),
    ("meeting", r"\b(?:meeting|summit|talks|met|visit\w*)\b"),
    ("deployment", r"\b(?:deploy\w*|stationed|sent|send|sending|dispatch\w*|troops|soldiers|forces|units|contingent)\b"),
]


_STATUS = [(label, re.compile(pattern, re.IGNORECASE)) for label, pattern in STATUS_CUES]  # compiled once: read per
_TYPE = [(label, re.compile(pattern, re.IGNORECASE)) for label, pattern in TYPE_CUES]  # sentence, a million times


# Words that put a sentence in the future whatever its status says ("confirmed that 3,000 will arrive in January").
_FUTURE = re.compile(r"\b(?:will|would|shall|plans?|planned|planning|scheduled|slated|expected|expects|expecting|"
                     r"set\s+to|due\s+to|to\s+be\s+sent|could|may|might|next|upcoming|coming|intends?|prepar\w+)\b",
                     re.IGNORECASE)


_WHO_COULD = re.compile(r"\b(?:who|which)\s+(?:could|would|may|might)\b[^.;,]*", re.IGNORECASE)
_PURPOSE = re.compile(r"\b(?:so\s+that|in\s+order\s+(?:to|that)|so\s+as\s+to)\b[^.;,]*", re.IGNORECASE)


def tells_of_future(sentence: str) -> bool:
    """Whether the sentence speaks of what is still to come, even when it confirms or denies it."""
    return bool(_FUTURE.search(sentence))


def status(sentence: str) -> tuple[str, str]:
    """confirmed, denied, expected or reported, with the words that say so."""
    sentence = _PURPOSE.sub("", sentence)  # "… so that Ukraine could not take them prisoner": a purpose, no forecast
    sentence = _WHO_COULD.sub("", sentence)  # "a soldier who could not speak Russian": what he is, no forecast
    for label, pattern in _STATUS:
        match = pattern.search(sentence)
        if match and label == "denied" and _NOT_DENYING.search(sentence, max(0, match.start() - 40), match.start()):
            match = next((m for m in pattern.finditer(sentence, match.end())
                          if not _NOT_DENYING.search(sentence, max(0, m.start() - 40), m.start())), None)
        if match:
            return label, match.group(0)
    return "reported", ""


# "did not explicitly deny", "no longer denies", "nobody can deny": no denial
_NOT_DENYING = re.compile(r"\b(?:not|n't|never|no\s+longer|cannot|can't|can|could)\s+(?:\w+ly\s+|yet\s+)?$", re.IGNORECASE)


def event_type(sentence: str) -> tuple[str, str]:
    """What kind of event the sentence tells of, with the words that say so; ``statement`` when none."""
    for label, pattern in _TYPE:
        match = pattern.search(sentence)
        if match:
            return label, match.group(0)
    return "statement", ""
