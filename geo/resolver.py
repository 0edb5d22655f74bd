"""Resolve place names in a fixed order: persistent cache, offline gazetteer, then (opt-in) online.

This is the one interface the rest of deploymap uses; it receives ``Place`` answers and never
talks to a service itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from geo.cache import MISS, GeocodeCache
from geo.errors import CacheFileError, SettingsError
from geo.gazetteer import Gazetteer, choose, is_ambiguous
from geo.online import OnlineGeocoder, nominatim
from geo.place import Place


@dataclass(frozen=True)
class GeoSettings:
    """How names are resolved. Online lookups are off unless asked for, with a real user agent."""

    cache_file: str | None = None
    online: bool = False
    user_agent: str = ""
    timeout_seconds: float = 3.0
    budget_seconds: float = 5.0  # all online lookups of one page load together

    def __post_init__(self) -> None:
        if self.online and not self.user_agent.strip():
            raise SettingsError("online geocoding needs a user_agent that identifies you (e.g. 'deploymap/1.0 you@example.org'), got ''")
        if not 0 < self.timeout_seconds <= 30:
            raise SettingsError(f"timeout_seconds must be between 0 and 30, got {self.timeout_seconds!r}")
        if not 0 < self.budget_seconds <= 60:
            raise SettingsError(f"budget_seconds must be between 0 and 60, got {self.budget_seconds!r}")


@dataclass
class Resolution:
    """What a batch of names resolved to, and what could not be resolved."""

    places: dict[tuple[str, str], Place] = field(default_factory=dict)
    unresolved: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class Resolver:
    """Cache → gazetteer → optional online geocoder, with context for ambiguous names."""

    def __init__(self, gazetteer: Gazetteer, cache: GeocodeCache | None = None,
                 online: OnlineGeocoder | None = None) -> None:
        self.gazetteer = gazetteer
        self.cache = cache
        self.online = online
        self.notes: list[str] = []

    @classmethod
    def from_settings(cls, settings: GeoSettings, gazetteer: Gazetteer | None = None) -> Resolver:
        notes = []
        cache = None
        try:
            cache = GeocodeCache(settings.cache_file)
        except CacheFileError as exc:
            notes.append(f"{exc}; it is not used and not overwritten")
        online = nominatim(settings.user_agent, settings.timeout_seconds, settings.budget_seconds) if settings.online else None
        resolver = cls(gazetteer or Gazetteer.default(), cache, online)
        resolver.notes.extend(notes)
        return resolver

    def resolve(self, names: Iterable[tuple[str, str]]) -> Resolution:
        """Resolve (name, country-hint) pairs; names mentioned together give each other context."""
        wanted = list(dict.fromkeys((n.strip(), (c or "").strip().upper()) for n, c in names if n and n.strip()))
        result = Resolution()
        if self.online is not None:
            self.online.start_budget()
        pending: dict[tuple[str, str], list[Place]] = {}
        for key in wanted:
            cached = self.cache.get(*key) if self.cache is not None else MISS
            if isinstance(cached, Place):
                result.places[key] = cached
                continue
            found = self.gazetteer.candidates(*key)
            if found:
                pending[key] = found
            elif cached is None:
                result.unresolved.append(key)  # the online service already said no
            else:
                place = self._ask_online(*key)
                if place:
                    result.places[key] = place
                else:
                    result.unresolved.append(key)

        anchors = [(p.latitude, p.longitude) for k, c in pending.items() if not is_ambiguous(c) for p in c[:1]]
        anchors += [(p.latitude, p.longitude) for p in result.places.values()]
        for key, found in pending.items():
            if is_ambiguous(found):
                others = [a for a in anchors if (found[0].latitude, found[0].longitude) != a]
                result.places[key] = choose(found, others)
            else:
                result.places[key] = found[0]

        if self.cache is not None:
            self.cache.save()
        result.notes = list(self.notes)
        if self.online and self.online.failure:
            names = sorted({name for name, _ in result.unresolved})
            listed = ", ".join(repr(n[:60]) for n in names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
            result.notes.append(f"The online geocoder did not help: {self.online.failure}. Offline answers are used"
                                + (f"; {len(names)} {'name stays' if len(names) == 1 else 'names stay'} unresolved: {listed}."
                                   if names else "."))
        return result

    def _ask_online(self, name: str, country: str) -> Place | None:
        if not self.online or not self.online.available:
            return None
        place = self.online.lookup(name, country)
        if self.online.available and self.cache is not None:
            self.cache.put(name, country, place)  # misses too: the same name is never asked twice
        return place
