"""The one module that talks to an online geocoding service (off unless settings enable it).

It is polite (a real user agent, one request a second, a timeout) and fails soft: the first
time the service cannot be reached it is switched off for the life of this object, so an
air-gapped machine pays for one timeout at most, and the offline answer stands.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from geopy.exc import GeocoderServiceError, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder

from geo.place import Place

log = logging.getLogger(__name__)

MIN_DELAY_SECONDS = 1.0


class OnlineGeocoder:
    """Wraps a geopy geocoder with rate limiting and a circuit breaker."""

    def __init__(self, geocoder: Geocoder, timeout: float, min_delay_seconds: float = MIN_DELAY_SECONDS,
                 clock: Callable[[], float] | None = None, sleep: Callable[[float], None] | None = None,
                 **query_options) -> None:
        self.name = type(geocoder).__name__
        self.timeout = timeout
        self.query_options = query_options
        self._rate_limited = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                         max_retries=0, swallow_exceptions=False)
        if clock is not None and sleep is not None:  # tests replace time itself, not the limiting
            self._rate_limited._clock = clock
            self._rate_limited._sleep = sleep
        self.failure: str | None = None

    @property
    def available(self) -> bool:
        return self.failure is None

    def lookup(self, name: str, country: str = "") -> Place | None:
        """Ask the service once; None when it knows no such place or is unavailable."""
        if not self.available:
            return None
        kwargs = {"exactly_one": True, "timeout": self.timeout, **self.query_options}
        if country:
            kwargs["country_codes"] = country.lower()
        try:
            location = self._rate_limited(name, **kwargs)
        except (GeocoderServiceError, GeopyError, OSError) as exc:
            self.failure = f"{self.name} is unreachable ({type(exc).__name__}: {exc}); using offline answers only"
            log.warning(self.failure)
            return None
        if location is None:
            return None
        raw = location.raw if isinstance(location.raw, dict) else {}
        address = raw.get("address", {}) if isinstance(raw.get("address"), dict) else {}
        return Place(
            name=name,
            latitude=float(location.latitude),
            longitude=float(location.longitude),
            country=str(address.get("country_code", country)).upper()[:2],
            precision=_precision(raw),
            origin="online",
        )


def nominatim(user_agent: str, timeout: float) -> OnlineGeocoder:
    """An OnlineGeocoder over OpenStreetMap's Nominatim."""
    from geopy.geocoders import Nominatim

    return OnlineGeocoder(Nominatim(user_agent=user_agent, timeout=timeout), timeout=timeout, addressdetails=True)


def _precision(raw: dict) -> str:
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    if kind == "country":
        return "country"
    if kind in {"state", "region", "province", "county", "district"}:
        return "region"
    return "city"
