"""The public schema of an events file: column order, vocabularies and value rules."""

from __future__ import annotations

COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "end_date",
    "reported_date",
    "event_type",
    "status",
    "source",
    "location",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "troops",
    "summary",
    "quote",
    "report",
)

DATE_COLUMNS: tuple[str, ...] = ("event_date", "end_date", "reported_date")
REQUIRED_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "event_type",
    "status",
    "source",
    "summary",
    "quote",
)
# Columns whose text comes from the file as written; the rest are generated from parsed values.
TEXT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_type",
    "status",
    "source",
    "location",
    "country",
    "geo_precision",
    "summary",
    "quote",
    "report",
)
# Low-cardinality columns kept as pandas categoricals: filters on them are integer compares.
CATEGORY_COLUMNS: tuple[str, ...] = (
    "event_type",
    "status",
    "source",
    "location",
    "country",
    "geo_precision",
    "report",
)

EVENT_TYPES: frozenset[str] = frozenset(
    {
        "transport",
        "deployment",
        "equipment",
        "treaty",
        "meeting",
        "statement",
        "readiness",
        "assessment",
    }
)
STATUSES: frozenset[str] = frozenset({"confirmed", "reported", "expected", "denied"})
GEO_PRECISIONS: frozenset[str] = frozenset({"city", "region", "country"})

# Where the opening map view looks: the places troops are said to be, not where people talk.
FOCUS_EVENT_TYPES: frozenset[str] = frozenset({"deployment", "transport", "readiness"})

MAX_TEXT_LENGTH = 5000

# Internal column (not exported): summary and quote, lower-cased, for the text search.
SEARCH_COLUMN = "_search"
