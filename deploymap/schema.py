"""The public schema of an events file, derived from ``deploymap.fields`` (declared there once)."""

from __future__ import annotations

from deploymap.fields import BY_NAME, COLUMN_ORDER, EVENT_TYPES, FIELDS, GEO_PRECISIONS, STATUSES

__all__ = ["EVENT_TYPES", "GEO_PRECISIONS", "STATUSES"]  # the vocabularies, re-exported

COLUMNS: tuple[str, ...] = COLUMN_ORDER
DATE_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if BY_NAME[c].kind == "date")
NUMBER_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if BY_NAME[c].kind == "number")
COORDINATE_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if BY_NAME[c].kind == "coordinate")
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if BY_NAME[c].required)
# Columns a file must have; newer optional fields may be absent from older files.
HEADER_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if not BY_NAME[c].optional_column)
# Columns whose text comes from the file as written; the rest are generated from parsed values.
TEXT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if BY_NAME[c].kind == "text")
# Low-cardinality columns kept as pandas categoricals: filters on them are integer compares.
CATEGORY_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.category)
VERBATIM_COLUMNS: frozenset[str] = frozenset(f.name for f in FIELDS if f.verbatim)
SEARCHABLE_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.searchable)

# Where the opening map view looks: the places troops are said to be, not where people talk.
FOCUS_EVENT_TYPES: frozenset[str] = frozenset({"deployment", "transport", "readiness", "battles"})

MAX_TEXT_LENGTH = 5000
