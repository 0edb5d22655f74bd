"""Geocoding for deploymap: the only package that resolves place names to coordinates.

Order of lookup: a persistent cache, an offline GeoNames gazetteer, then (only when settings
enable it) an online geocoder. Everything else in deploymap receives ``Place`` answers.
"""

from geo.errors import CacheFileError, GeoError, SettingsError
from geo.gazetteer import Gazetteer, default_cache_dir
from geo.place import Place, normalize_name
from geo.resolver import GeoSettings, Resolution, Resolver

__all__ = [
    "CacheFileError",
    "Gazetteer",
    "GeoError",
    "GeoSettings",
    "Place",
    "Resolution",
    "Resolver",
    "SettingsError",
    "default_cache_dir",
    "normalize_name",
]
