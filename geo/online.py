"""The one module that talks to an online geocoding service (off unless settings enable it).

It is polite (a real user agent, one request a second, a timeout) and fails soft and fast: each
batch of lookups shares one time budget, requests are never retried, and the first time the
service cannot be reached it is switched off for the life of this object, so an air-gapped
machine waits a few seconds at most and the offline answers stand.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable

from geopy.adapters import RequestsAdapter
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder

from geo.place import Place

log = logging.getLogger(__name__)

MIN_DELAY_SECONDS = 1.0
BUDGET_SECONDS = 5.0


class OnlineGeocoder:
    """Wraps a geopy geocoder with rate limiting and a circuit breaker."""

    def __init__(self, geocoder: Geocoder, timeout: float, min_delay_seconds: float = MIN_DELAY_SECONDS,
                 clock: Callable[[], float] | None = None, sleep: Callable[[float], None] | None = None,
                 budget_seconds: float = BUDGET_SECONDS, **query_options) -> None:
        self.name = type(geocoder).__name__
        self.timeout = timeout
        self.budget_seconds = budget_seconds
        self.min_delay_seconds = min_delay_seconds
        self._clock = clock or time.monotonic
        self._deadline = float("inf")
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

    def start_budget(self) -> None:
        """Begin a batch (one page load): its lookups together may take ``budget_seconds``."""
        self._deadline = self._clock() + self.budget_seconds

    def lookup(self, name: str, country: str = "") -> Place | None:
        """Ask the service once; None when it knows no such place, is unavailable or out of time."""
        if not self.available:
            return None
        remaining = self._deadline - self._clock()
        if remaining < min(self.timeout, 0.5) + self.min_delay_seconds:
            self.failure = f"{self.name} did not answer within {self.budget_seconds:g} s"
            return None
        kwargs = {"exactly_one": True, "timeout": min(self.timeout, remaining - self.min_delay_seconds),
                  **self.query_options}
        if country:
            kwargs["country_codes"] = country.lower()
        try:
            location = self._rate_limited(name, **kwargs)
        except (GeocoderServiceError, GeopyError, OSError) as exc:
            # The exception text (URLs, connection pools) is for the log, not for the page.
            log.warning("online geocoding failed for %r: %r", name, exc)
            if isinstance(exc, GeocoderTimedOut):
                self.failure = f"{self.name} did not answer within {kwargs['timeout']:.3g} s"
            elif isinstance(exc, (GeocoderUnavailable, OSError)):
                self.failure = f"{self.name} could not be reached"
            else:
                self.failure = f"{self.name} refused the request ({type(exc).__name__})"
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


def nominatim(user_agent: str, timeout: float, budget_seconds: float = BUDGET_SECONDS,
              domain: str = "nominatim.openstreetmap.org", scheme: str = "https") -> OnlineGeocoder:
    """An OnlineGeocoder over OpenStreetMap's Nominatim, with no retries (the budget is the limit)."""
    from geopy.geocoders import Nominatim

    service = Nominatim(user_agent=user_agent, timeout=timeout, domain=domain, scheme=scheme,
                        adapter_factory=functools.partial(RequestsAdapter, max_retries=0))
    return OnlineGeocoder(service, timeout=timeout, budget_seconds=budget_seconds, addressdetails=True)


def _precision(raw: dict) -> str:
    address_type = str(raw.get("addresstype") or raw.get("type") or "")
    return {"country": "country", "state": "region", "region": "region", "province": "region", "county": "region",
            "district": "region"}.get(address_type, "city")
