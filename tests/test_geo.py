"""Geocoding: offline gazetteer, context for ambiguous names, cache, polite optional online step."""

from __future__ import annotations

import csv
import io
import json

import pytest
from geopy.exc import GeocoderUnavailable
from geopy.location import Location

from deploymap.__main__ import main as command
from deploymap.ingest.events_file import read_events
from geo import GeoSettings, Place, Resolver, SettingsError
from geo.cache import GeocodeCache
from geo.gazetteer import distance_km
from geo.online import OnlineGeocoder

from .conftest import ROOT, event_row, write_events

AMUR = (50.27593, 127.52637)
BASHKORTOSTAN = (55.0352, 55.97703)


@pytest.mark.parametrize(
    ("name", "expected", "country"),
    [
        ("Vladivostok", (43.10562, 131.87353), "RU"),
        ("Владивосток", (43.10562, 131.87353), "RU"),
        ("블라디보스토크", (43.10562, 131.87353), "RU"),
        ("Уссурийск", (43.80467, 131.95734), "RU"),
        ("Nikol’sk-Ussuriyskiy", (43.80467, 131.95734), "RU"),
        ("하바롭스크", (48.46204, 135.0971), "RU"),
        ("KHABAROVSK", (48.46204, 135.0971), "RU"),
        ("Blagoveshchensk", AMUR, "RU"),
        ("Blagoveščensk", AMUR, "RU"),
        ("Kiev", (50.45466, 30.5238), "UA"),
        ("Kyiv", (50.45466, 30.5238), "UA"),
        ("Київ", (50.45466, 30.5238), "UA"),
        ("Brussels", (50.85045, 4.34878), "BE"),
        ("Seoul", (37.566, 126.9784), "KR"),
        ("서울", (37.566, 126.9784), "KR"),
        ("Pyongyang", (39.03385, 125.75432), "KP"),
        ("Vladivostok, Russia", (43.10562, 131.87353), "RU"),
    ],
)
def test_gazetteer_resolves_spellings(gazetteer, name, expected, country):
    location = gazetteer.geocode(name)
    assert isinstance(location, Location)
    assert distance_km((location.latitude, location.longitude), expected) < 10
    assert location.raw["country"] == country


@pytest.mark.parametrize("name", ["Qwxzvillе", "", "   ", "Zzyzx Prime"])
def test_gazetteer_unknown_names(gazetteer, name):
    assert gazetteer.geocode(name) is None


@pytest.mark.parametrize(
    ("mentioned_with", "expected"),
    [
        (["Khabarovsk", "Vladivostok"], AMUR),  # the report's context: the Russian Far East
        (["Ufa", "Sterlitamak"], BASHKORTOSTAN),  # a report about Bashkortostan
        ([], AMUR),  # no context: the larger town
    ],
)
def test_ambiguous_names_follow_their_context(gazetteer, mentioned_with, expected):
    resolver = Resolver(gazetteer)
    result = resolver.resolve([(n, "") for n in [*mentioned_with, "Blagoveshchensk"]])
    place = result.places[("Blagoveshchensk", "")]
    assert distance_km((place.latitude, place.longitude), expected) < 10


def test_a_far_larger_city_wins_over_a_nearer_namesake(gazetteer):
    place = Resolver(gazetteer).resolve([("Vladivostok", ""), ("Moscow", "")]).places[("Moscow", "")]
    assert place.country == "RU"


def test_report_places_resolve_offline_quickly(gazetteer):
    import time

    names = [("Vladivostok", ""), ("Ussuriysk", ""), ("Khabarovsk", ""), ("Blagoveshchensk", ""),
             ("Seoul", ""), ("Brussels", ""), ("Pyongyang", "")]
    started = time.perf_counter()
    result = Resolver.from_settings(GeoSettings(), gazetteer=gazetteer).resolve(names)
    assert not result.unresolved and len(result.places) == 7
    assert time.perf_counter() - started < 5  # generous: the benchmark measures; this only catches a hang


class FakeService:
    """Stands in for Nominatim: counts calls, answers or fails as told. No network."""

    def __init__(self, answer=None, error=None):
        self.calls = []
        self.answer, self.error = answer, error

    def geocode(self, query, **kwargs):
        self.calls.append((query, kwargs))
        if self.error:
            raise self.error
        return self.answer


class FakeTime:
    def __init__(self):
        self.now, self.waits = 1000.0, []

    def sleep(self, seconds):
        self.waits.append(seconds)
        self.now += seconds


def online(service, time=None) -> OnlineGeocoder:
    time = time or FakeTime()
    return OnlineGeocoder(service, timeout=2, clock=lambda: time.now, sleep=time.sleep)


def test_online_is_off_by_default():
    assert GeoSettings().online is False


def test_online_needs_a_user_agent():
    with pytest.raises(SettingsError, match="user_agent"):
        GeoSettings(online=True, user_agent=" ")


def test_an_unreachable_service_is_asked_once_then_offline_answers_stand(gazetteer, tmp_path):
    service = FakeService(error=GeocoderUnavailable("no route to host"))
    cache = GeocodeCache(tmp_path / "cache.json")
    resolver = Resolver(gazetteer, cache, online(service))
    result = resolver.resolve([("Qwxzville", ""), ("Zzyzx Prime", ""), ("Vladivostok", "")])
    assert len(service.calls) == 1
    assert sorted(result.unresolved) == [("Qwxzville", ""), ("Zzyzx Prime", "")]
    assert ("Vladivostok", "") in result.places
    assert any("could not be reached" in note and "'Qwxzville', 'Zzyzx Prime'" in note for note in result.notes)
    assert len(cache) == 0  # an outage is not remembered as "no such place"


def test_online_answers_and_misses_are_cached_and_never_asked_twice(gazetteer, tmp_path):
    answer = Location("Hamhung, North Korea", (39.9, 127.5, 0), {"address": {"country_code": "kp"}, "addresstype": "city"})
    service = FakeService(answer=answer)
    cache_file = tmp_path / "cache.json"
    time = FakeTime()
    first = Resolver(gazetteer, GeocodeCache(cache_file), online(service, time))
    result = first.resolve([("Sinpo-ish", "KP"), ("Elsewhere-ish", "")])
    assert len(service.calls) == 2
    assert service.calls[0][1]["country_codes"] == "kp" and service.calls[0][1]["timeout"] == 2
    assert time.waits == [1.0]  # the second request waited out the one-second limit
    assert result.places[("Sinpo-ish", "KP")].origin == "online"

    service.answer = None
    again = Resolver(gazetteer, GeocodeCache(cache_file), online(service)).resolve([("Sinpo-ish", "KP")])
    assert len(service.calls) == 2  # answered from the persistent cache
    assert again.places[("Sinpo-ish", "KP")].origin == "cache"
    assert json.loads(cache_file.read_text())["version"] == 1


def test_cache_comes_before_the_gazetteer(gazetteer, tmp_path):
    cache = GeocodeCache(tmp_path / "c.json")
    cache.put("Blagoveshchensk", "", Place("Blagoveshchensk", 55.0352, 55.97703, "RU", "city", "online"))
    cache.save()
    place = Resolver(gazetteer, GeocodeCache(tmp_path / "c.json")).resolve([("Blagoveshchensk", "")]).places
    assert place[("Blagoveshchensk", "")].origin == "cache"


@pytest.mark.parametrize("content", ["{not json", '{"version": 9, "entries": {}}',
                                     '{"version": 1, "entries": {"x|": {"name": "x", "latitude": 999}}}'])
def test_a_damaged_cache_is_reported_and_left_alone(gazetteer, tmp_path, content):
    path = tmp_path / "cache.json"
    path.write_text(content)
    resolver = Resolver.from_settings(GeoSettings(cache_file=str(path)), gazetteer=gazetteer)
    result = resolver.resolve([("Vladivostok", "")])
    assert ("Vladivostok", "") in result.places
    assert any(str(path) in note for note in result.notes)
    assert path.read_text() == content


def test_geocode_command_fills_only_missing_coordinates(tmp_path, capsys):
    rows = [
        event_row(event_id="a", location="Ussuriysk", country="", latitude="", longitude="", geo_precision=""),
        event_row(event_id="b", location="Blagoveshchensk", country="", latitude="", longitude="", geo_precision=""),
        event_row(event_id="c", location="Somewhere Unknown", country="", latitude="", longitude="", geo_precision=""),
        event_row(event_id="d", location="Vladivostok", latitude="43.1", longitude="131.9"),  # left exactly as is
        event_row(event_id="e", location="", country="", latitude="", longitude="", geo_precision=""),
    ]
    path = write_events(tmp_path / "events.csv", rows)
    assert geocode_file([str(path)]) == 0
    events = read_events(path).set_index("event_id")
    assert distance_km((events.at["a", "latitude"], events.at["a", "longitude"]), (43.80467, 131.95734)) < 1
    assert distance_km((events.at["b", "latitude"], events.at["b", "longitude"]), AMUR) < 1
    assert events.at["a", "country"] == "RU" and events.at["a", "geo_precision"] == "city"
    assert events.at["d", "latitude"] == 43.1
    assert str(events.at["c", "location"]) == "Somewhere Unknown" and events["latitude"].isna().sum() == 2
    assert "unresolved: 'Somewhere Unknown' (events c)" in capsys.readouterr().out


def test_geocode_command_refuses_an_invalid_file(tmp_path, capsys):
    path = write_events(tmp_path / "events.csv", [event_row(event_date="later")])
    before = path.read_bytes()
    assert geocode_file([str(path)]) == 2
    assert "line 2, column 'event_date'" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_shipped_data_is_what_the_geocoder_writes(tmp_path):
    """data/events.csv carries the geocoder's coordinates, not hand-typed ones."""
    text = (ROOT / "data" / "events.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    for row in rows:
        if row["location"]:
            row.update(latitude="", longitude="", country="", geo_precision="")
    copy = write_events(tmp_path / "events.csv", rows)
    assert geocode_file([str(copy)]) == 0
    assert copy.read_text(encoding="utf-8") == text


class SilentServer:
    """A local service that accepts connections and never answers (a dead proxy, a black hole)."""

    def __init__(self):
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.held = []
        self.accepted = 0
        threading.Thread(target=self._hold, daemon=True).start()

    def _hold(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.accepted += 1
            self.held.append(conn)

    def close(self):
        for conn in self.held:
            conn.close()
        self.sock.close()


def test_a_silent_service_costs_one_budget_then_a_plain_message(gazetteer):
    import time

    from geo.online import nominatim

    server = SilentServer()
    try:
        service = nominatim("deploymap-tests", timeout=3, budget_seconds=2.0, domain=f"127.0.0.1:{server.port}",
                            scheme="http")
        resolver = Resolver(gazetteer, None, service)
        started = time.monotonic()
        result = resolver.resolve([("Qwxzville", ""), ("Zzyzx Prime", ""), ("Vladivostok", "")])
        elapsed = time.monotonic() - started
    finally:
        server.close()
    assert elapsed < 2.8, f"the page waited {elapsed:.1f} s"
    assert server.accepted == 1  # asked once, never retried
    assert ("Vladivostok", "") in result.places
    (note,) = result.notes
    assert "did not answer within" in note and "'Qwxzville', 'Zzyzx Prime'" in note and "2 names stay unresolved" in note
    assert "Pool" not in note and "127.0.0.1" not in note and "http" not in note


def test_the_budget_is_per_batch_and_ends_lookups_early(gazetteer):
    time = FakeTime()
    service = FakeService(answer=None)
    geocoder = OnlineGeocoder(service, timeout=2, clock=lambda: time.now, sleep=time.sleep, budget_seconds=2.5)
    result = Resolver(gazetteer, None, geocoder).resolve([(f"Nowhere {i}", "") for i in range(5)])
    # Three lookups fit (two of them after the one-second pause); their timeouts end within the budget.
    assert [kwargs["timeout"] for _, kwargs in service.calls] == [1.5, 1.5, 0.5]
    assert sum(time.waits) + service.calls[-1][1]["timeout"] <= 2.5
    assert "did not answer within 2.5 s" in result.notes[0] and "5 names stay unresolved" in result.notes[0]


def geocode_file(argv: list[str]) -> int:
    return command(["geocode", *argv])
