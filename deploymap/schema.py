"""The public schema of an events file, derived from ``deploymap.fields`` (declared there once)."""

from __future__ import annotations

import numpy as np
import pandas as pd

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


def has_values(column: pd.Series) -> bool:
    """Whether any cell of ``column`` holds something (not missing, not empty text); a categorical
    column is answered from its codes, a text column by Arrow, never by a million Python strings."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        filled = [i for i, value in enumerate(column.cat.categories) if str(value) != ""]
        return bool(filled) and bool(np.isin(column.cat.codes.to_numpy(), filled).any())
    if pd.api.types.is_string_dtype(column.dtype):
        return bool(column.fillna("").ne("").any())
    return bool(column.notna().any())
