"""A persistent JSON cache of geocoding answers, so no name is ever asked of a service twice."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from geo.errors import CacheFileError
from geo.place import PRECISIONS, Place, normalize_name

FORMAT_VERSION = 1
MISS = object()  # get() for a name never asked (None is a remembered miss)


def cache_key(name: str, country: str = "") -> str:
    """The key a name is stored under: spelling-folded name plus the country it was asked in."""
    return f"{normalize_name(name)}|{country.upper()}"


class GeocodeCache:
    """Answers (and known misses) stored in a JSON file; a damaged file is reported, never overwritten."""

    def __init__(self, path: str | os.PathLike | None) -> None:
        self.path = Path(path).expanduser() if path else None
        self._entries: dict[str, dict | None] = {}
        self._dirty = False
        if self.path and self.path.exists():
            self._entries = _read(self.path)

    def get(self, name: str, country: str = "") -> Place | object | None:
        """The cached Place, None for a cached miss, or ``MISS`` when the name was never asked."""
        entry = self._entries.get(cache_key(name, country), MISS)
        if entry is MISS or entry is None:
            return entry
        return Place(**{**entry, "origin": "cache"})

    def put(self, name: str, country: str, place: Place | None) -> None:
        self._entries[cache_key(name, country)] = place.as_dict() if place else None
        self._dirty = True

    def save(self) -> None:
        """Write the cache atomically, if anything changed and it has a file."""
        if not (self._dirty and self.path):
            return
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # what an analyst looked up is private
        payload = {"version": FORMAT_VERSION, "entries": self._entries}
        text = json.dumps(payload, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
        replace_file(self.path, lambda out: out.write(text))
        self._dirty = False

    def __len__(self) -> int:
        return len(self._entries)



def replace_file(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write a file of this package in one step: a private temporary file beside it, then a rename; nothing is
    left behind on failure. (The geo package stands alone; deploymap's files have ``deploymap.files``.)"""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> dict[str, dict | None]:
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CacheFileError(f"geocoding cache {str(path)!r} cannot be read: {exc}") from None
    if not isinstance(payload, dict) or payload.get("version") != FORMAT_VERSION or not isinstance(payload.get("entries"), dict):
        raise CacheFileError(f"geocoding cache {str(path)!r} is not a version {FORMAT_VERSION} deploymap cache")
    entries = payload["entries"]
    for key, entry in entries.items():
        if entry is None:
            continue
        try:
            place = Place(**entry)
            ok = -90 <= place.latitude <= 90 and -180 <= place.longitude <= 180 and place.precision in PRECISIONS
        except (TypeError, ValueError):
            ok = False
        if not ok:
            raise CacheFileError(f"geocoding cache {str(path)!r} has a malformed entry for {key!r}: {entry!r}")
    return entries
