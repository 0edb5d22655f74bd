"""Exceptions raised by the geocoding layer."""

from __future__ import annotations


class GeoError(Exception):
    """Base of every error the geo package raises on purpose."""


class CacheFileError(GeoError):
    """The persistent geocoding cache exists but cannot be used; it is left untouched."""


class SettingsError(GeoError):
    """Geocoding settings that cannot work, such as online lookups without a user agent."""
