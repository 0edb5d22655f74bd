"""Where a sentence puts North Korea's forces: regions, towns and villages, by the names the text uses.

A name counts as a place after a word of place ("in", "near", "to", "the village of", …), in a list
that follows one, or as a region however it is written ("Kursk Oblast", "the Russian oblast of
Kursk", "the Kursk border region": all "Kursk region"). Towns and villages the gazetteer lacks
(Plekhovo, Tetkino, Khasan) are kept by name with their region's coordinates, at precision
``region`` (``data/places.csv`` lists those this story names; an unknown "village of X" takes the
region its sentence or report names). A country is a country, never a city; a vague area ("eastern
Russia", "the Far East", "the front") is no place; neither is where a statement was made ("told
reporters in Washington"), where a journey began ("from Wonsan"), a place on a document ("natives
of Buryatia"), or a capital standing for its government ("Pyongyang's troops").
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from geo.countries import alpha2
from geo.gazetteer import Gazetteer
from geo.place import normalize_name

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "places.csv"
STORY_COUNTRIES = frozenset({"RU", "UA", "KP", "KR", "BY"})  # smaller towns count here; elsewhere only large cities
_NAME = r"[A-ZА-ЯЁ가-힣][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*)){0,2}"
REGION_WORDS = ("region", "oblast", "province", "krai", "territory", "area")  # "the Kursk region", "Kursk Oblast"
_REGION_WORD = rf"(?:{'|'.join(REGION_WORDS)})"
_REGION = re.compile(
    rf"\b(?:the\s+)?(?:Russian\s+|Ukrainian\s+)?(?:{_REGION_WORD})\s+of\s+(?P<of>{_NAME})|"
    rf"(?<![\w'’-])(?P<name>{_NAME})(?:'s|’s)?\s+(?:border\s+|frontier\s+)?(?P<kind>{_REGION_WORD}|Oblast|Krai|Region)\b",
    re.UNICODE)  # a name starts a word: never tried from each capital inside one ("AAAA…" stays linear)
# "the Kursk and Belgorod regions": two regions (looked for only where a sentence has a plural word of region)
_REGION_PAIR = re.compile(
    rf"(?<![\w'’-])(?P<pair>{_NAME}(?:,\s+{_NAME}){{0,4}}),?\s+and\s+(?P<second>{_NAME})\s+(?:border\s+)?"
    rf"(?:regions|oblasts|Oblasts|provinces)\b", re.UNICODE)
_PLURAL_REGIONS = re.compile(r"\b(?:regions|oblasts|provinces)\b", re.IGNORECASE)
_LOCATIVE = re.compile(r"\b(?:in|at|to|near|from|outside|around|across|into|towards?|including|via|reached|entered|inside|"
                       r"of|east|west|north|south|throughout|within|along|among|on|stormed|captured|recaptured|retook|"
                       r"retaken|took|seized|attacked|shelled|liberated|defended|held|holding|occupied|encircled)\s+(?:the\s+)?(?:village|town|city|settlement|"
                       r"area|outskirts|vicinity|region|border\s+station|station|port)?\s*(?:of\s+)?$", re.IGNORECASE)
_VILLAGE_OF = re.compile(r"\b(?:the\s+)?(?:village|town|settlement|hamlet)\s+of\s+$", re.IGNORECASE)
_OPENING_VENUE = re.compile(r"[\w .'’-]{2,40},\s+[^;]{0,120}?\b(?:said|says|told|stated|announced|warned|noted|added|"
                            r"insisted|argued|urged)\b")
_SPEECH_PLACE = re.compile(r"\b(?:told|said|says|briefing|conference|address|talks|summit|meeting|visit|interview|spoke|speaking|"
                           r"podium|presenting|presented|hearing|annual\s+report|"
                           r"statement|remarks|reporters|journalists|press|promise|pledge|made(?!\s+it\b)|monument|hosted|session)\b[^,;]{0,40}$",
                           re.IGNORECASE)
_DOCUMENT = re.compile(r"\b(?:natives?|residents?|citizens?|born|issued|name)\s+(?:\w+\s+){0,3}(?:of|in)\s+(?:the\s+)?$", re.IGNORECASE)
_VAGUE = re.compile(r"^(?:Far East|Russian Far East|Eastern Russia|Western Russia|Front|Front Line|Frontline|North|South|East|West|"
                    r"Europe|Asia|Middle East|Korean Peninsula|Peninsula|Russia's Far East)$", re.IGNORECASE)
_NOT_PLACES = frozenset((
    "the", "a", "an", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "in", "on", "at", "by",
    "near", "around", "outside", "towards", "toward", "west", "east", "north", "south",
    "for", "from", "to", "of", "and", "or", "but", "as", "after", "before", "according", "also", "however", "meanwhile",
    "during", "over", "under", "president", "minister", "general", "secretary", "army", "navy", "ministry", "office",
    "agency", "service", "intelligence", "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "today", "yesterday", "nato", "eu", "un", "kremlin", "pentagon", "white", "house", "telegram", "north",
    "south", "east", "west", "korean", "russian", "ukrainian", "soviet", "western", "eastern", "lt", "col", "gen", "rep",
    "mr", "ms", "dr", "kim", "putin", "zelensky", "christmas", "special", "operations", "forces", "defence", "defense",
    "near", "outside", "around", "across", "into", "towards", "toward", "via", "inside", "throughout", "within", "along",
    "among", "firefight", "clashes", "fighting", "strike", "assault",
))
CAPITALS = frozenset({"Pyongyang", "Moscow", "Kyiv", "Kiev", "Seoul", "Washington", "Beijing", "Brussels", "Tokyo", "London"})


@dataclass(frozen=True, slots=True)
class Place:
    """A place a sentence names: the name as the text gives it, where it is, how precisely, and the words."""

    name: str
    latitude: float | None
    longitude: float | None
    country: str
    precision: str  # city, region, country
    cue: str
    start: int = 0


class Places:
    """The places of this story the gazetteer lacks (``data/places.csv``), with the gazetteer behind them."""

    def __init__(self, gazetteer: Gazetteer, path: Path = SHIPPED) -> None:
        self.gazetteer = gazetteer
        self.regions: dict[str, dict] = {}
        self.known: dict[str, dict] = {}
        with path.open(encoding="utf-8") as rows:
            for row in csv.DictReader(rows):
                names = [row["name"], *filter(None, row["aliases"].split("|"))]
                for name in names:
                    (self.regions if row["kind"] == "region" else self.known)[fold(name)] = row

    def is_story_place(self, name: str) -> bool:
        """Whether ``name`` is one of this story's towns or villages (``data/places.csv``), however transliterated."""
        return fold(name) in self.known

    def home_of(self, name: str) -> str | None:
        """The region a story village belongs to, as places name it ("Kursk region"); None for others."""
        row = self.known.get(fold(name))
        return f"{row['region']} region" if row and row["region"] else None

    def regions_in(self, text: str) -> list[Place]:
        """Every region the text names ("the Kursk region", "Kursk Oblast"), in order."""
        found = []
        for match in _region_matches(text):
            for name in _region_names(match):
                region = self.region(name, match.group(0), match.start()) if name.lower() not in _NOT_PLACES else None
                if region is not None:
                    found.append(region)
        return found

    def region(self, name: str, cue: str, start: int) -> Place | None:
        """``name`` as a region ("Kursk" → "Kursk region"), placed at its capital; None for a name that is no region."""
        row = self.regions.get(fold(name))
        if row is not None:
            return Place(f"{row['name']} region", float(row["latitude"]), float(row["longitude"]), row["country"], "region",
                         cue, start)
        city = self._city(name)
        if city is None:
            return None
        return Place(f"{name} region", city.latitude, city.longitude, city.country, "region", cue, start)

    def named(self, name: str, cue: str, start: int, region: Place | None) -> Place | None:
        """A town, village or city called ``name``; an unknown one only after "the village of" (``region`` placed)."""
        row = self.known.get(fold(name))
        if row is not None:
            home = self.region(row["region"], cue, start) if row["region"] else None
            # under the one spelling the story's table gives it ("Plekhove" and "Plekhovo" are one village)
            return Place(row["name"], home.latitude if home else None, home.longitude if home else None, row["country"],
                         "region", cue, start)
        city = self._city(name)
        if city is not None:
            return Place(name, city.latitude, city.longitude, city.country, "city", cue, start)
        if region is not None and _VILLAGE_OF.search(cue):
            return Place(name, region.latitude, region.longitude, region.country, "region", cue, start)
        return None

    def _city(self, name: str):
        key = normalize_name(name)
        for city in self.gazetteer.candidates(name):
            same = normalize_name(city.name) == key or not name.isascii()
            if same and (city.country in STORY_COUNTRIES or city.population >= 200_000):
                return city
            if city.country in STORY_COUNTRIES and city.population >= 15_000:
                return city  # an alternate spelling of a town of the story ("Lgov" for L'govskiy)
        return None


def named_in(name: str, text: str) -> bool:
    """Whether ``text`` names the place ``name``, in any transliteration ("Plekhovo" in "near Plekhove")."""
    if name.casefold() in text.casefold():
        return True
    size, key = len(name.split()), fold(name)
    words = re.findall(r"[\w'’-]+", text)
    return any(fold(" ".join(words[i:i + size])) == key for i in range(len(words) - size + 1))


@functools.lru_cache(maxsize=8192)  # a report names a few places many times
def fold(name: str) -> str:
    """A name as its transliterations agree on it: "Kremyanoye" and "Kremyanoe", "Nikolayevo-Daryino" and
    "Nikolaevo-Darino" are one key."""
    key = normalize_name(name).replace("'", "").replace("’", "").replace("ʼ", "")
    for written, plain in (("ye", "e"), ("yo", "e"), ("ya", "a"), ("yu", "u"), ("iy", "i"), ("yi", "i"), ("y", "i"),
                           ("kh", "h"), ("ts", "c")):
        key = key.replace(written, plain)
    # Ukrainian spellings of the same villages: "Mykolaivo-Darine" is "Nikolayevo-Darino", "Novoivanivka" is
    # "Novoivanovka", "Mala Loknia" is "Malaya Loknya".
    for pattern, plain in _UKRAINIAN:
        key = pattern.sub(plain, key)
    key = key.replace("ia", "a").replace("aa", "a").replace("ai", "ae")
    return key


_UKRAINIAN = [(re.compile(pattern), plain) for pattern, plain in
              ((r"\bmikola", "nikola"), (r"ivka\b", "ovka"), (r"ine\b", "ino"), (r"ove\b", "ovo"))]


def _region_matches(text: str) -> list[re.Match]:
    """The words naming regions, in order: one region each, or a pair ("the Kursk and Belgorod regions")."""
    found = list(_REGION.finditer(text))
    if _PLURAL_REGIONS.search(text):
        found = sorted([*found, *_REGION_PAIR.finditer(text)], key=lambda match: match.start())
    return found


def _region_names(match: re.Match) -> list[str]:
    """The region names one match gives: one, or two ("the Kursk and Belgorod regions")."""
    if match.re is _REGION_PAIR:
        names = [*re.split(r",\s+", match.group("pair")), match.group("second")]
        return [re.sub(r"^(?:The|the)\s+", "", name) for name in names]
    return [re.split(r"['’]s\s+", match.group("of") or match.group("name"))[-1]]


def places(sentence: str, known: Places, context_region: Place | None = None) -> list[Place]:
    """Where the sentence puts things: regions first, then towns, villages and cities; countries last."""
    found: list[Place] = []
    taken: list[tuple[int, int]] = []
    for match in _region_matches(sentence):
        for name in _region_names(match):
            if name.lower() in _NOT_PLACES or _excluded(sentence, match.start()):
                continue
            region = known.region(name, match.group(0), match.start())
            if region is not None:
                found.append(region)
                if not taken or taken[-1] != match.span():
                    taken.append(match.span())
    region = next((p for p in found if p.precision == "region"), context_region)
    listing = False
    hosts = None  # whether the sentence bases troops where it names a capital: asked once, if a capital comes
    span = 0  # the regions' spans and the names both come in order: one pass over both
    for match in re.finditer(rf"(?<![\w'’-]){_NAME}", sentence):
        name = match.group(0)
        words = name.split()
        while words and words[0].lower() in _NOT_PLACES:
            words = words[1:]
        while span < len(taken) and taken[span][1] <= match.start():
            span += 1
        if not words or (span < len(taken) and taken[span][0] <= match.start()):
            continue
        name = " ".join(words).removesuffix("'s").removesuffix("’s")
        start = match.end() - len(" ".join(words))
        before = sentence[max(0, start - 40):start]
        possessive = sentence[start + len(name):start + len(name) + 2] in ("'s", "’s")
        locative = bool(_LOCATIVE.search(before)) and not re.search(r"according\s+to\s+(?:the\s+)?$", before, re.IGNORECASE)
        in_list = listing and bool(re.search(r"(?:,|\band|\bor|[–—-])\s*$", before))
        # A village or town of this story (data/places.csv) needs no word of place: "Plekhovo – Vorozhba area:".
        story = known.is_story_place(name) and not re.match(r"\s*(?:direction|axis|group)\b", sentence[start + len(name):])
        if locative and re.match(r"\s+(?:direction|axis)\b", sentence[start + len(name):]):
            # "in the Kursk direction": the front's sector in that region; "the Sudzha direction": around that town
            place = known.region(name, name + " direction", start) if fold(name) in known.regions else \
                known.named(name, before[-24:] + name, start, region)
            if place is not None:
                found.append(place)
            continue
        if possessive or not (locative or in_list or story) or _demonym(sentence, start + len(name)) or name.isupper() \
                or _excluded(sentence, start) or _VAGUE.match(name) or _reference(sentence, start, start + len(name)):
            listing = listing and in_list
            continue
        code = alpha2(name=name)
        if code:
            found.append(Place(name, None, None, code, "country", name, start))
            listing = True
            continue
        if fold(name) in _CAPITALS and not (hosts := bool(_HOSTS_TROOPS.search(sentence)) if hosts is None else hosts):
            listing = False  # where governments sit, meet and speak, and prisoners are held, unless troops are based there
            continue
        place = known.named(name, before[-24:] + name, start, region)
        if place is None:
            listing = False
            continue
        found.append(place)
        listing = True
    # A region that only locates the villages named with it ("near Plekhovo and Vorozhba in the Kursk region") is no
    # place of its own: the villages are where the forces are.
    homes = {known.home_of(p.name) for p in found} - {None}
    found = [p for p in found if not (p.precision == "region" and p.name in homes)]
    # A place in an aside that tells where a place named before it lies ("near Gornal, a village on the Kursk region's
    # border with Ukraine's Sumy region"): the aside locates, it puts no forces there.
    for aside in _LOCATING_ASIDE.finditer(sentence):
        if any(p.start < aside.start() for p in found):
            found = [p for p in found if not aside.start() < p.start < aside.end()]
    unique: dict[str, Place] = {}
    for place in found:
        unique.setdefault(place.name.casefold(), place)
    return list(unique.values())


# A sentence that bases, trains or parades North Korean troops somewhere, and tells of no talks, visits, statements or
# prisoners: a capital it names is where the troops are ("1,500 North Korean soldiers marched through Red Square in Moscow").
_HOSTS_TROOPS = re.compile(
    r"^(?=.*\b(?:North\s+Korean?|DPRK|KPA|Pyongyang's)\b)"
    r"(?=.*\b(?:stationed|deployed|based|trained|training|marched|march|parade\w*|garrisoned|quartered|drills?|exercises?)\b)"
    r"(?!.*\b(?:talks|visit\w*|met|meeting|summit|signed|treaty|told|reporters|hospital|questioning|prisoners?|captured|"
    r"captives?|briefing|conference|embassy|statement)\b)", re.IGNORECASE | re.DOTALL)
# Capitals of the governments in this story and of those that comment on it. North Korea's troops are in Russia's
# regions and border villages; a capital in a report is a venue, a visit, a treaty signing or a prisoner's hospital.
CAPITALS = ("Moscow", "Pyongyang", "Washington", "Seoul", "Kyiv", "Kiev", "Beijing", "Tokyo", "Brussels", "London", "Paris",
            "Berlin", "Rome", "Warsaw", "Riga", "Tallinn", "Vilnius", "Helsinki", "Stockholm", "Oslo", "Copenhagen", "Geneva",
            "New York", "Tehran", "Ankara", "Budapest", "Prague", "Vienna", "Canberra", "Ottawa")
_CAPITALS = frozenset(fold(name) for name in CAPITALS)


def _excluded(sentence: str, start: int) -> bool:
    """Where a statement was made, where a journey began, or a place on a document: not where the forces are."""
    before = sentence[max(0, start - 60):start]
    if re.fullmatch(r"\W*(?:In|At|From)\s+", sentence[:start]) and _OPENING_VENUE.match(sentence, start):
        return True  # "In Tokyo, the chief cabinet secretary said …": where the speaker was
    if _SPEECH_PLACE.search(before) and not re.search(r"\b(?:troops|soldiers|units|forces|deployed|stationed)\b[^,;]*$", before):
        return True
    if _DOCUMENT.search(before):
        return True
    return bool(re.search(r"\bfrom\s+(?:the\s+)?(?:\w+\s+)?$", before) and re.match(
        r"[\w\s'’-]{0,30}?\b(?:area\s+)?to\b", sentence[start:start + 40]))


_LOCATING_ASIDE = re.compile(r",\s+(?:an?|the)\s+(?:small\s+|border\s+|frontline\s+)?(?:village|town|settlement|city|hamlet)\s+"
                             r"(?:on|near|in|by|along|north|south|east|west|just|some|about|close)\b[^,;.]*")


def _reference(sentence: str, start: int, end: int) -> bool:
    """A place that only locates another ("east of Plekhovo (southeast of Sudzha)", "in the Glushkovo district")."""
    if sentence[:start].count("(") > sentence[:start].count(")"):
        return True
    if re.search(r"\b(?:brought|taken|transferred|flown)\s+(?:them|him|her|the\s+\w+)?\s*to\s+$", sentence[max(0, start - 40):start]) \
            and re.search(r"\b(?:captured|prisoners?|questioning|captives?)\b", sentence):
        return True  # where prisoners were taken is not where the forces are
    return bool(re.match(r"\s+(?:district|raion|rayon|municipality|county|direction|axis|sector)\b", sentence[end:end + 16],
                         re.IGNORECASE))


def _demonym(sentence: str, end: int) -> bool:
    return bool(re.match(r"(?:n|an|ian|ese|i)\b", sentence[end:end + 4]))
