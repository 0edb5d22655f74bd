"""Who makes a claim: the speaker, not the outlet that carries it, under one canonical name per body.

A sentence names its speaker in a few ways: "X said", "X told Reuters", "according to X", "…, said X",
"Y reported that X estimated", "Rep. Park said, citing the NIS" (the body cited wins). Outlets
(Reuters, the Kyiv Independent, Yonhap, …) are never sources. A generic speaker ("he", "the agency",
"the lawmakers") is returned as such, for the reader to resolve from the sentences before.

Names become canonical through a table of aliases (``data/sources.csv``, kept in the store, where an
analyst can add aliases and merge sources): "Budanov", "HUR" and "Ukraine's military intelligence"
are all "DIU (Ukraine)". A name the table does not know is kept as the text gives it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from deploymap.reading.alternation import Alternation
from deploymap.reading.dates import WEEKDAY
from deploymap.reading.places import CAPITALS

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "sources.csv"
REPORT = "Report"  # a claim the publication makes in its own voice
GENERIC = "(generic)"
_SPEECH = (r"said|says|say|told|tells|stated|states|announced|announces|added|adds|noted|notes|reported|reports|claimed|claims|"
           r"estimated|estimates|assessed|assesses|wrote|writes|posted|posts|confirmed|confirms|warned|warns|believes|believe|"
           r"denied|denies|dismissed|dismisses|rejected|rejects|called|calls|briefed|explained|disclosed|revealed|insisted|"
           r"acknowledged|admitted|put|puts|stressed|emphasized|emphasised|argued|suggested|alleged|accused|urged|"
           r"informed|updated|recounted|described|judged|judges|concluded|indicated|observed|tweeted|brushed|rebuffed|"
           r"ridiculed|labelled|labeled|branded|(?:carried|carries)(?!\s+(?:out|on|off|away)\b)|showed|shows|credited|credits|thanked|thanks|praised|praises|"
           r"published|publishes|released|releases|aired|airs|refuses|refused|tracked|counted|recorded|detected|"
           r"identified|spotted|flagged|flags|(?:(?<=\bwas\s)|(?<=\bwere\s)|(?<=\bis\s)|(?<=\bare\s))saying")
SPEECH = re.compile(rf"\b(?:{_SPEECH})\b")
OUTLETS = re.compile(
    r"^(?:the\s+)?(?:Reuters|AP|Associated Press|AFP|Agence France-Presse|Yonhap(?:\s+News(?:\s+Agency)?)?|Kyiv Independent|"
    r"(?:The\s+)?War Zone|CNN|BBC|NHK|KBS|MBC|SBS|Guardian|New York Times|Washington Post|Wall Street Journal|Bloomberg|"
    r"Financial Times|Ukrainska Pravda|RBC-Ukraine|Radio Liberty|Radio Free Europe|RFE/RL|Suspilne|TASS|RIA(?:\s+Novosti)?|"
    r"Interfax|NK News|Daily NK|Korea Herald|JoongAng(?:\s+Daily)?|Politico|Axios|Newsweek|Al Jazeera|Deutsche Welle|DW|"
    r"Le Monde|Kommersant|Meduza|Novaya Gazeta|Economist|Telegraph|Times|Sky News|Fox News|NBC(?:\s+News)?|CBS(?:\s+News)?|"
    r"ABC(?:\s+News)?|NPR|South Korean (?:outlet|media)|(?:state\s+)?television|reporters|journalists|this newspaper|this agency|"
    r"(?:South Korean|Ukrainian|Russian|Korean) (?:outlet|media|newspaper)(?:\s+\w+)?)\b", re.IGNORECASE)
# Speakers named only by what they are: resolved from the sentences before.
_GENERIC = re.compile(
    r"^(?:he|she|they|it|we|i|the\s+(?:two\s+|defen[cs]e\s+|foreign\s+)?(?:agency|(?:state\s+|country's\s+|nation's\s+)?(?:spy|intelligence|security)\s+"
    r"(?:agency|service)|ministry|minister|official|officials|"
    r"spokesman|spokeswoman|spokesperson|lawmakers?|military|general|commander|president|statement|report|channel|service|"
    r"command|council|department|office|source|sources|officer|government|committee|briefing|assessment|analysis|post|"
    r"intelligence|institute|army|pentagon's spokesperson|secretary|chief|head|admiral|colonel)"
    r"(?:['’]s)?(?:\s+(?:spokes(?:man|woman|person)|official|officials|source|sources))?|"
    r"(?:(?:south korean|seoul|ruling|opposition|two)\s+)?lawmakers?|(?:a\s+)?(?:south korean\s+)?lawmaker|"
    r"rep\.?\s.*|the\s+lawmakers|a\s+post\s+on\s+.*|its\s+.*|his\s+.*|her\s+.*|their\s+.*|our\s+.*|your\s+.*)$", re.IGNORECASE)
_LAWMAKER = re.compile(r"\b(?:(?:lawmakers?|Representative|intelligence committee|People Power Party|Democratic Party)\b|"
                       r"Rep\.(?=\s))", re.IGNORECASE)  # "Rep." ends at its stop: no word boundary after it
_NOT_NAMES = re.compile(r"^(?:(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|Reports?|Reps?|Despite\b.*|"
                        r"(?:[A-Z]+\s+)?(?:KIA|WIA|MIA|POWs?)|An?|The|(?:Several|Some|Many|Most|Both|All|Each|Others?|First|One|Two|Three)\b.*|"
                        r"(?:January|February|March|April|May|June|July|August|September|October|November|December)\b.*|"
                        r"Last\b.*|This\b.*|That\b.*|These\b.*|Those\b.*|There\b.*|Meanwhile\b.*|However\b.*|Also\b.*|"
                        r"(?:When|While|Once|Since|Until|Before|After|If|Although|Though|Because)\b.*|"
                        r"(?:Ukrainian|Russian|South\s+Korean|North\s+Korean|American|Western|British|Japanese|European))$",
                        re.IGNORECASE)
# What shows rather than speaks ("Footage published on January 13 shows …"), unless it names whose it is ("data
# published by the NIS").
_EVIDENCE = re.compile(r"^(?:Geolocated\s+|Drone\s+|Satellite\s+)?(?:Footage|Videos?|Images?|Imagery|Photos?|Photographs?|"
                       r"Pictures?|Documents?|Papers|Data|Evidence|Clips?)\b", re.IGNORECASE)
_TITLE_NOUNS = frozenset({  # words of a title or a body, written in lower case ("the agency", "spokesman for")
    "spokesman", "spokeswoman", "spokesperson", "minister", "ministry", "chief", "head", "commander", "secretary",
    "official", "officials", "agency", "service", "intelligence", "office", "staff", "forces", "lawmaker",
    "lawmakers", "source", "sources", "analyst", "analysts", "researcher", "researchers", "bloggers", "milbloggers",
    "blogger", "military", "army", "government", "president", "general", "adviser", "advisor", "envoy", "ambassador",
    "committee", "command", "council", "department", "unit", "brigade", "regiment", "outlet", "media", "channel",
    "sergeant", "officer", "colonel", "admiral", "director", "deputy", "senior", "top", "defense", "defence", "spy",
    "presidential", "former", "national", "security", "press", "operations", "special", "the", "a", "an", "of",
    "for", "and", "nor", "in", "at", "armed", "joint", "institute", "think", "tank", "post", "statement", "mission",
    "representative", "rep", "delegation", "state", "news", "party", "ruling", "commission", "parliament",
    "parliamentary", "assembly", "foreign", "affairs", "navy", "fleet", "border", "guard", "diplomat", "spokesmen",
    "directorate", "bureau", "administration",
})


@dataclass(frozen=True)
class Speaker:
    """Who a sentence says makes its claim: the canonical name (or GENERIC), as written, and the words that say so."""

    name: str
    written: str
    cue: str
    position: int


class SourceTable:
    """Canonical sources and their aliases (regular expressions, case-blind); the longest match nearest the verb wins."""

    def __init__(self, entries: Iterable[tuple[str, str]], merged: Iterable[tuple[str, str]] = ()) -> None:
        """``entries``: (canonical, alias pattern); ``merged``: (name, canonical) an analyst merged or renamed in the
        store, which win over the shipped names (a source renamed is proposed under its new name)."""
        self.merged = {name.strip().casefold(): canonical for name, canonical in merged}
        exact = [(canonical, rf"^\s*{re.escape(name)}\s*$") for name, canonical in merged]
        self.entries = [(canonical, re.compile(alias, re.IGNORECASE)) for canonical, alias in [*exact, *entries]
                        if alias.strip()]
        self.names = {self.final(canonical) for canonical, _ in self.entries}
        # One pass over a sentence finds every body it names: the aliases as one alternation, a named group each,
        # tried only at word starts where they can begin.
        self._any = Alternation([pattern.pattern for _, pattern in self.entries])

    @classmethod
    def shipped(cls, merged: Iterable[tuple[str, str]] = (), path: Path = SHIPPED) -> SourceTable:
        """The table shipped in ``data/sources.csv``, with the store's merged names (``Database.source_aliases``)."""
        with path.open(encoding="utf-8") as rows:
            return cls([(row["canonical"], row["alias"]) for row in csv.DictReader(rows)], merged)

    def final(self, name: str) -> str:
        """A canonical name after the store's renames ("NIS (South Korea)" → "NIS" if an analyst renamed it)."""
        for _ in range(8):  # a bounded walk: renames form chains, never loops (a merge replaces its target's entry)
            renamed = self.merged.get(name.casefold())
            if renamed is None or renamed == name:
                return name
            name = renamed
        return name

    def canonical(self, text: str) -> str | None:
        """The body ``text`` names, if the table knows it: the alias match that ends last (then the longest)."""
        best = None
        for canonical, pattern in self.entries:
            if canonical == text:
                return self.final(canonical)
            for match in pattern.finditer(text):
                key = (match.end(), match.end() - match.start())
                if best is None or key > best[0]:
                    best = (key, canonical)
        return self.final(best[1]) if best else None

    def first_in(self, text: str) -> tuple[str, str] | None:
        """The first body the text names: (the words naming it, its canonical name)."""
        found = self._any.search(text)
        return (found.group(0), self.final(self.entries[int(found.lastgroup[1:])][0])) if found else None

    def all_in(self, text: str) -> list[tuple[int, str]]:
        """Every body the text names, with where (for "the agency" said after "the NIS" was named)."""
        return [(match.start(), self.final(self.entries[int(match.lastgroup[1:])][0])) for match in self._any.finditer(text)]


def speaker(sentence: str, table: SourceTable) -> Speaker | None:
    """Who makes the sentence's claim, or None when it names nobody."""
    citing = re.search(r"\bciting\s+(?:the\s+|a\s+|an\s+)?([^,;]{2,80}?)(?=,|;|\s+that\b|\.$|$)", sentence)
    cited = None  # "Zelensky said, citing data from the army": he speaks; "Yonhap reported, citing data from the JCS": the JCS
    if citing:
        found = _named(citing.group(1), table, citing.group(0), citing.start())
        if found and found.name != GENERIC:
            if not _CITED_DATA.match(citing.group(1)):
                return found
            cited = found
        elif found and re.search(r"\b(?:agency|service|ministry)$", found.written, re.IGNORECASE):
            return found  # "Lee said, citing the agency": the agency named before, which the reader resolves
    quoted = _QUOTED_AS.search(sentence)  # "Lee quoted the NIS as saying": the body quoted speaks
    if quoted:
        found = _named(quoted.group(1), table, quoted.group(0), quoted.start())
        if found and found.name != GENERIC:
            return found
    candidates = []
    coordinated = None
    for match in re.finditer(r"\b[Aa]ccording\s+to\s+(?:the\s+|a\s+|an\s+)?([^,;]{2,90}?)(?=,|;|\.\s|\.$|$|\s+(?:on|in|at)\s+\w+day)",
                             sentence):
        found = _named(match.group(1), table, match.group(0), match.start())
        if found:
            candidates.append(found)
    for match in SPEECH.finditer(sentence):
        before = sentence[max(0, match.start() - 160):match.start()]
        if match.group(0) == "say" and before.rstrip().endswith(","):
            continue  # "used outside Kursk, say in Donetsk": for example, not speech
        if _SAID_NOTHING.match(sentence, match.end()):
            continue  # "…, and Pyongyang has said nothing about them": silence claims nothing
        relative = _WHICH_SAYS.search(before)
        if relative:  # "…published by South Korea's NIS on 2 September, which now estimates that …": the body it names
            bodies = table.all_in(before[max(0, relative.start() - 100):relative.start()])
            if bodies:
                name = bodies[-1][1]
                candidates.append(Speaker(name, name, f"{name} … {relative.group(0).strip(', ')} {match.group(0)}",
                                          match.start()))
            continue
        if re.search(r",\s+(?:which|where|whom)\s+(?:[\w'’-]+\s+){0,4}$", before):
            continue  # "…around Sudzha, which Russia's ministry said it had retaken": another claim, inside a clause
        if match.group(0) == "saying":
            before = re.sub(r"\s+(?:was|were|is|are)\s*$", "", before)  # "Blinken was saying that …"
        agent = _BY_AGENT.match(sentence, match.end()) if match.group(0) in _SHOWING else None
        if agent:  # "in a statement published by the Kremlin": the Kremlin publishes it
            found = _named(agent.group(1), table, f"{match.group(0)} by {agent.group(1)}", match.start())
            if found and found.name in table.names:
                candidates.append(found)
                continue
        subject = _subject(before)
        if re.search(r"\s(?:and|then|but)\s*$", before):
            coordinated = coordinated or match  # "Shoigu, …, came out of talks with Kim and said": see below
            continue
        if subject and re.search(r"\b(?:on|in|at|via|by|from|to|with|through|into|onto|over)\s+" + re.escape(subject) + r"\s*$",
                                 before, re.IGNORECASE):
            subject = ""  # "a video released on Telegram showed": Telegram is where, not who
        if subject and not _inside_quote(sentence, match.start()):
            found = _named(subject, table, f"{subject} {match.group(0)}", match.start())
            if found and match.group(0) in _SHOWING and found.name not in table.names and found.name != GENERIC:
                found = None  # "Trains carried 2,000 soldiers": only a body carries a statement or shows footage
            if found:
                candidates.append(found)
        elif re.search(r"[,\"”’]\s*$", before) and match.group(0) in ("said", "says", "told", "added", "wrote"):
            after = re.match(r"\s+((?:the\s+|a\s+|an\s+)?[^,.;\"]{2,80}?)(?=,|\.|;|$|\s+(?:on|in|at|after|during)\s)",
                             sentence[match.end():])  # "…," said Mykola Dorosh, an analyst
            if after and all(_name_word(word) for word in after.group(1).split()):
                found = _named(after.group(1), table, f"{match.group(0)} {after.group(1)}", match.start())
                if found:
                    candidates.append(found)
    if coordinated is not None and not candidates:
        # A second verb of the sentence's subject: the body the sentence opens with (its first 60 characters) speaks.
        rest = _LEADING_PHRASE.sub("", sentence, count=1)  # "Unlike the Pentagon, Zelensky visited … and said"
        opening = opening_body(rest, table)
        if opening is not None:
            candidates.append(Speaker(opening[1], opening[0], f"{opening[0]} … {coordinated.group(0)}", coordinated.start()))
    saying = _SAYING.search(sentence) if not candidates else None
    if saying is not None:
        # "Speaking in Washington, Pentagon deputy press secretary Sabrina Singh gave a similar number, saying that …":
        # the body the main clause opens with says it.
        rest = _LEADING_PARTICIPLE.sub("", _LEADING_PHRASE.sub("", sentence, count=1), count=1)
        opening = opening_body(rest, table)
        if opening is not None:
            candidates.append(Speaker(opening[1], opening[0], f"{opening[0]} … {saying.group(0).strip(', ')}",
                                      saying.start()))
    if not candidates and len(_CELL_GAP.findall(sentence[:200])) >= 2:
        # A table's row in columns ("Oct. 18, 2024   NIS (South Korea)   1,500 special forces shipped …"): the cell
        # before the claim that names a body is who claims it.
        cells = _CELL_GAP.split(sentence[:200])
        for cell in cells[:-1]:
            named = table.canonical(cell.strip()) if 0 < len(cell.split()) <= 6 else None
            if named:
                return Speaker(named, cell.strip(), cell.strip(), sentence.find(cell))
    gerund = _BY_SAYING.match(sentence)  # "Zelensky opened the week by claiming that …", "… used his address to say"
    if gerund and not candidates:
        verb = "verb" if gerund.group("verb") else "verb2"  # "… by claiming", "… used his address to say"
        found = _named(gerund.group("who"), table, gerund.group(0), gerund.start(verb))
        if found:
            candidates.append(found)
    prefix = _PREFIX.match(sentence) or _TABLE_ROW.match(sentence)  # a liveblog's or a channel's entry: "HUR: at least
    # 30 killed …"; a table's row: "NIS (via lawmakers), 13 January 2025, Kursk region — Killed: 300"
    if prefix and not candidates and table.canonical(prefix.group(1).strip()) \
            and not re.search(r"\b(?:is|are|was|were|has|have|lying|lies|says?)\b", prefix.group(1)):  # a label, not a clause
        found = _named(prefix.group(1), table, prefix.group(0), 0)
        if found and found.name != GENERIC:
            return found
    if not candidates:
        return cited
    candidates = _before_a_comment(sentence, candidates)
    if any(c.name != REPORT for c in candidates):  # several governments at once yield to any one body named
        candidates = [c for c in candidates if c.name != REPORT]
    specific = [c for c in candidates if c.name != GENERIC]
    # "Zelensky said North Korea's statement confirmed …": a statement or a report is what is spoken of, not who speaks
    spoken_of = [c for c in specific if _DOCUMENT_SUBJECT.search(c.written)]
    if spoken_of and len(spoken_of) < len(specific):
        specific = [c for c in specific if c not in spoken_of]
    shorthand = [c for c in specific if c.name not in table.names and _GOVERNMENT_SEAT.fullmatch(c.written)]
    others = [c for c in candidates if c not in shorthand and c.written.lower() not in ("he", "she", "they", "it", "we", "i")]
    if shorthand and others:
        # "A ministry spokesperson told reporters that Seoul still estimates …": a capital or country standing for its
        # government yields to any other speaker the sentence names
        candidates = [c for c in candidates if c not in shorthand]
        specific = [c for c in specific if c not in shorthand]
    return (specific or candidates)[-1]  # the innermost named speaker: "Yonhap reported that the JCS said"


_BY_AGENT = re.compile(r"\s+by\s+((?:the\s+)?[A-Z][^,.;:\"“”]{1,60}?)(?=[,.;:]|\s+(?:on|in|at|that|as|after)\b|$)")
_WHICH_SAYS = re.compile(r",\s+(?:which|who)\s+(?:(?:now|also|still|later|then|\w+ly)\s+)?$")
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+(?:the\s+)?([^,;\"“”]{2,60}?)\s+as\s+(?:saying|telling|stating)\b")
# A participle after an attribution comments on it ("…, the Pentagon said on Monday, sharply raising Washington's count a
# week after U.S. officials first said …"): a speaker named after it is no speaker of the claim.
_COMMENTING = re.compile(r",\s+(?:\w+ly\s+)?(?!saying|adding|noting|stressing|claiming|telling|citing|according|including|"
                         r"bringing|speaking|writing|briefing|responding|referring)[a-z]+ing\b")


def _before_a_comment(sentence: str, candidates: list[Speaker]) -> list[Speaker]:
    """The speakers up to a comment that follows the first of them, in the sentence's order."""
    ordered = sorted(candidates, key=lambda c: c.position)
    kept = ordered[:1]
    for later in ordered[1:]:
        if _COMMENTING.search(sentence, kept[0].position, later.position):
            break
        kept.append(later)
    return [c for c in candidates if c in kept]


def opening_body(text: str, table: SourceTable) -> tuple[str, str] | None:
    """The body ``text`` opens with (within its first 60 characters, after at most a first name or a title), as
    (the words naming it, its canonical name); not one in a leading phrase ("Unlike the Pentagon, Zelensky …")."""
    found = table.first_in(text[:60])
    return found if found is not None and _OPENS.fullmatch(text[:text.find(found[0])]) else None


# A capital or a country standing for its government ("the first time Washington had confirmed it"): a body the
# table knows in the same sentence is the more precise speaker.
_GOVERNMENT_SEAT = re.compile("|".join(map(re.escape, CAPITALS)) + r"|Ukraine|Russia|South Korea|North Korea|the United States|"
                              r"the U\.S\.|the US|Japan|China", re.IGNORECASE)
# Words that may stand before the body a sentence opens with (a first name, a title), but no leading phrase ("Unlike
# the Pentagon, Zelensky …", "After the NIS briefing, Budanov …").
_LEADS = (r"(?:Unlike|After|Despite|Before|Following|Like|With|Without|Under|As|In|On|At|For|From|During|Since|Until|"
          r"Besides|Beyond|Against|Amid|Among|While|When|If)\b")  # words that open a leading phrase
_LEADING_PHRASE = re.compile(rf"^\W{{0,3}}{_LEADS}[^,]{{0,80}},\s*")
_OPENS = re.compile(rf"\W{{0,3}}(?:(?!{_LEADS})[A-Z][\w.'’-]*\s+){{0,3}}(?:the\s+)?")
# Several governments named by country or capital ("South Korea, the United States and Ukraine say"): the
# publication's summary of what they all say, not one body's claim.
_SEAT = _GOVERNMENT_SEAT.pattern
_NATION = r"(?:Ukrainian|South\s+Korean|Western|American|U\.S\.|European|British|Japanese|Russian|North\s+Korean)"
_SEVERAL_SEATS = re.compile(rf"(?:(?:the\s+)?(?:{_SEAT}),\s+)*(?:the\s+)?(?:{_SEAT}),?\s+and\s+(?:the\s+)?(?:{_SEAT})|"
                            rf"(?:neither\s+)?(?:the\s+)?(?:{_SEAT})\s+nor\s+(?:the\s+)?(?:{_SEAT})|"
                            rf"(?:{_NATION},\s+)*{_NATION},?\s+and\s+{_NATION}\s+(?:intelligence|officials|governments|sources)",
                            re.IGNORECASE)
# What a speaker cites that is not a body speaking: "citing preliminary data from Ukraine's armed forces".
_CITED_DATA = re.compile(r"(?:[\w-]+\s+){0,2}(?:data|figures|numbers|information|statistics)\b", re.IGNORECASE)
_DOCUMENT_SUBJECT = re.compile(r"(?:'s|’s)\s+(?:\w+\s+)?(?:statement|report|admission|announcement|figures?|estimates?|"
                               r"assessment|data)$", re.IGNORECASE)
_SHOWING = frozenset({"carried", "carries", "showed", "shows", "published", "publishes", "released", "releases", "aired",
                      "airs", "credited", "credits", "thanked", "thanks", "praised", "praises"})
_SAID_NOTHING = re.compile(r"\s+nothing(?:\s+(?:about|on|of|publicly|so\s+far|yet|more)\b|\s*[.,;]|\s*$)", re.IGNORECASE)
_SAYING = re.compile(r",\s+(?:saying|adding|noting|stressing|claiming|telling\s+[\w\s]{1,30}?)\s+(?:that\b)?")
_LEADING_PARTICIPLE = re.compile(r"^\W{0,3}[A-Z][a-z]+ing\b[^,]{0,80},\s*")  # "Speaking at a briefing on Monday, "
_CELL_GAP = re.compile(r"[ \t]{2,}|\t|\s\|\s")
_BY_SAYING = re.compile(r"^(?:[^,]{1,40},\s+|[^,]{0,60}?\b(?:after|when|as|before)\s+)?"  # "The estimate came a day after"
                        r"(?P<who>(?:[A-Z][\w.'’-]*\s+){1,4})(?:(?:[a-z]+ed|began|opened|ended|closed)\b"
                        r"[^,;\"“]{0,60}?\bby\s+(?P<verb>claiming|saying|stating|announcing|estimating|reporting|asserting|"
                        r"telling)|(?:used\s+(?:his|her|its|their|a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:address|speech|remarks|post|statement|"
                        r"interview|briefing|appearance|message|video|column|account)|took\s+to\s+[\w ]{1,30}?)\s+to\s+"
                        r"(?P<verb2>say|claim|announce|state|tell))\b")
_TABLE_ROW = re.compile(r"^\W{0,3}([A-Z][^,:—–|]{1,48}?),\s+[^—–|:]{3,60}?\s+[—–]\s+(?=\S)")
# A claim led by its speaker's name and a colon, as liveblog headlines and agency channels write them.
_PREFIX = re.compile(r"^\W{0,3}([A-Z][\w.’'()&/ -]{1,48}?)\s*:\s+(?=\S)")


def _named(text: str, table: SourceTable, cue: str, position: int) -> Speaker | None:
    written = re.sub(r"\s+", " ", text).strip(" ,;:\"'“”’")
    written = re.sub(r"^(?:the|a|an)\s+", "", written, flags=re.IGNORECASE)
    if not written or OUTLETS.match(written) or _NOT_NAMES.match(written) or len(written) > 90:
        return None
    if _SEVERAL_SEATS.fullmatch(written) or _SEVERAL_SEATS.fullmatch("the " + written):
        return Speaker(REPORT, written, cue.strip(), position)  # "Pyongyang and Moscow confirmed": no one body speaks
    canonical = table.canonical(written)
    if canonical:
        return Speaker(canonical, written, cue.strip(), position)
    if _EVIDENCE.match(written):
        return None
    if _GENERIC.match(written) or _GENERIC.match("the " + written) or _LAWMAKER.search(written):
        return Speaker(GENERIC, written, cue.strip(), position)
    if not any(ch.isupper() for ch in written):
        return None
    return Speaker(_tidy(written), written, cue.strip(), position)


def _subject(before: str) -> str:
    """The words naming whoever does the verb that follows ``before`` (a bounded look back, never the whole sentence)."""
    # "…a meeting, after which presidential spokeswoman Jeong told reporters": the words after "which" are the subject
    before = re.sub(r"^.*\b(?:after|in|during|following|at|by)\s+which\s+", "", before)
    before = re.sub(r"\s+(?:familiar\s+with|who|which|with\s+knowledge\s+of|briefed\s+on|speaking\s+(?:on|to|with)|"
                    r"talking\s+to|(?:quoted|cited|interviewed)\s+by)\b[^,]*$", "", before)  # "officials quoted by the BBC"
    # A clause set off by commas between the speaker and the verb ("Rybar, which is close to the ministry,",
    # "Estonia's intelligence service, presenting its report in Tallinn on Wednesday,") is no part of the name.
    before = re.sub(r",\s+(?:who|which|whose|speaking|presenting|citing|writing|briefing|addressing|according|"
                    r"for\s+(?:his|her|its|their)\s+part|an?\s+(?=[A-Za-z])|"
                    r"(?:in|on)\s+(?:an?|his|her|its|their|the)\b|at\s+an?\b|during\b|after\b|asked\b|quoted\b|[a-z]+ing\b)"
                    r"[^,]{0,120},(?:\s+(?:has|have|had|also|later|then|again))?\s*$", " ", before)
    text = re.sub(r"(?:\s+(?:also|again|later|then|first|further|previously|earlier|separately|publicly|officially|reportedly|"
                  r"recently|has|have|had|did|does|do|would|will|never|not|n't|yet|still|now|meanwhile|however|though|too|"
                  r"instead|for\s+the\s+first\s+time|once\s+more|in\s+a\s+statement|"
                  r"on\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|\w+ly|"
                  r"(?:(?:late|early|earlier)\s+)?(?:last|this|next)\s+(?:week|month|year|morning|evening|night|weekend)|"
                  r"(?:on|in)\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?),?)+\s*$", "",
                  before.rstrip())
    closed = text.endswith(",")  # "The NIS director, Cho Tae-yong, said": a name set off by a pair of commas
    words = re.findall(r"\S+", re.sub(r",\s*$", "", text))[-14:]
    taken: list[str] = []
    for word in reversed(words):
        bare = word.rstrip(",")
        at = len(words) - 1 - words[::-1].index(word)
        placed = at > 0 and words[at - 1].lower() in ("to", "in", "near", "at", "from", "around", "outside", "into")
        if word.endswith(",") and taken and (not _appositive(taken) or placed or (not closed and bare.islower())
                                             or re.fullmatch(r"(?i)oblast|krai|region|province", bare)):
            # "…as reserve forces, Lee said": a lower-case word before one comma ends a clause, not a title
            break  # "deployed to Kursk Oblast, Defence Intelligence assesses": a place before the comma, not a title
        if word.endswith(("\"", "”")):
            break  # '…including Kursk," the spokesperson told': the speaker's own words end there
        if _WEEKDAY.fullmatch(bare) or bare.endswith(":"):
            break  # "said Sunday it had confirmed": a day is never part of a name, nor a heading before a colon
        if not _name_word(bare) and not (bare == "to" and taken and len(words) > 1 and _envoy(words, word)):
            break
        taken.insert(0, bare)
    while taken and taken[0].lower() in ("of", "for", "and", "in", "on", "at", "as", "but", "so", "yet", "while", "q:"):
        taken.pop(0)
    return " ".join(taken)


_WEEKDAY = re.compile(WEEKDAY, re.IGNORECASE)


def _envoy(words: list[str], word: str) -> bool:
    """"Pyongyang's mission to the United Nations": a mission, envoy or ambassador *to* a body is one name."""
    index = len(words) - 1 - words[::-1].index(word)
    return index > 0 and words[index - 1].lower().strip(",") in ("mission", "envoy", "ambassador", "delegation",
                                                                 "representative", "representatives")


def _name_word(word: str) -> bool:
    """A word that may be part of a speaker's name or title ("Ukraine's", "(JCS)", "spokesman", "the")."""
    if not word or word[0] in "\"“”'‘":
        return False
    base = re.sub(r"(?:'s|’s)$", "", word).lower()
    return word[0].isupper() or word.startswith("(") or base in _TITLE_NOUNS or base in ("he", "she", "they", "it", "we")


def _appositive(taken: list[str]) -> bool:
    """Whether the words read so far are a name that a title before a comma describes ("…, Valery Gerasimov")."""
    return len(taken) <= 4 and all(w[:1].isupper() for w in taken)


def _inside_quote(sentence: str, position: int) -> bool:
    """A verb inside quotation marks is the speaker's own words, not an attribution."""
    before = sentence[:position]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _tidy(written: str) -> str:
    """A name the table does not know, as a filter shows it: no titles of rank, no leading article."""
    name = re.sub(r"^(?:Several|Some|Two|Three|Many|Other|Senior|Lt\.?|Col\.?|Gen\.?|Maj\.?|Adm\.?|Sgt\.?|Capt\.?|Rep\.?|Sen\.?|"
                  r"Dr\.?|Mr\.?|Ms\.?|Mrs\.?)\s+", "", written, flags=re.IGNORECASE)
    name = re.sub(r"\s+(?:has|had|have|also|who|which)$", "", name)
    name = re.sub(r"\s+(?:interviewed|quoted|cited|contacted|reached)\s+(?:for|by|in)\b.*$", "", name)  # "… interviewed for this story"
    return name.strip(" ,")


def is_lawmaker(written: str) -> bool:
    return bool(_LAWMAKER.search(written))
