"""Settings from ``deploymap.toml`` (or the file ``DEPLOYMAP_CONFIG`` names); all optional."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from deploymap.access import Access, AccessError
from deploymap.errors import ConfigError
from geo import GeoSettings, SettingsError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "deploymap.toml"
DEFAULT_EVENTS = PROJECT_ROOT / "data" / "events.csv"
CONNECT_TIMEOUT_SECONDS = 5  # libpq waits this long for a server that accepts and never answers
STATEMENT_TIMEOUT_SECONDS = 120  # the server stops one statement after this long (a million-row import takes ~60 s)

_KNOWN = {
    "geocoding": {"online", "user_agent", "timeout_seconds", "budget_seconds", "cache_file"},
    "map": {"online_tiles"},
    "store": {"connect_timeout_seconds", "statement_timeout_seconds"},
    "access": {"viewers", "editors", "admins"},
}


@dataclass(frozen=True)
class StoreSettings:
    """How long to wait for a PostgreSQL server: to connect, and for one statement (0: no limit)."""

    connect_timeout_seconds: float = CONNECT_TIMEOUT_SECONDS
    statement_timeout_seconds: float = STATEMENT_TIMEOUT_SECONDS


@dataclass(frozen=True)
class Settings:
    geo: GeoSettings = field(default_factory=GeoSettings)
    online_tiles: bool = False
    store: StoreSettings = field(default_factory=StoreSettings)
    access: Access = field(default_factory=Access)  # who may do what once sign-in is configured


def config_path() -> Path:
    return Path(os.environ.get("DEPLOYMAP_CONFIG") or DEFAULT_CONFIG)


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing file means defaults (offline), a malformed one raises ConfigError."""
    path = path or config_path()
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read as TOML: {exc}") from None
    for section, values in raw.items():
        if section not in _KNOWN or not isinstance(values, dict):
            raise ConfigError(f"{path}: unknown section [{section}]; expected one of {sorted(_KNOWN)}")
        for key in values:
            if key not in _KNOWN[section]:
                raise ConfigError(f"{path}: unknown setting {section}.{key}; expected one of {sorted(_KNOWN[section])}")
    geocoding = raw.get("geocoding", {})
    map_section = raw.get("map", {})
    try:
        geo = GeoSettings(
            cache_file=_text(path, geocoding, "cache_file", "") or None,
            online=_flag(path, geocoding, "online"),
            user_agent=_text(path, geocoding, "user_agent", ""),
            timeout_seconds=float(geocoding.get("timeout_seconds", 3.0)),
            budget_seconds=float(geocoding.get("budget_seconds", 5.0)),
        )
    except (SettingsError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: [geocoding] {exc}") from None
    store = raw.get("store", {})
    timeouts = StoreSettings(_seconds(path, store, "connect_timeout_seconds", CONNECT_TIMEOUT_SECONDS, 2),
                             _seconds(path, store, "statement_timeout_seconds", STATEMENT_TIMEOUT_SECONDS, 0))
    try:
        access = Access.from_settings(raw.get("access", {}), str(path))
    except AccessError as exc:
        raise ConfigError(str(exc)) from None
    return Settings(geo=geo, online_tiles=_flag(path, map_section, "online_tiles"), store=timeouts, access=access)


def _seconds(path: Path, section: dict, key: str, default: float, least: float) -> float:
    value = section.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not least <= value <= 3600:
        raise ConfigError(f"{path}: [store] {key} must be a number of seconds from {least:g} to 3600, got {value!r}")
    return float(value)


def _flag(path: Path, section: dict, key: str) -> bool:
    value = section.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: {key} must be true or false, got {value!r}")
    return value


def _text(path: Path, section: dict, key: str, default: str) -> str:
    value = section.get(key, default)
    if not isinstance(value, str):
        raise ConfigError(f"{path}: {key} must be a string, got {value!r}")
    return value
