"""The event fields, declared once: everything that knows about a column reads it from here.

Each field says what it holds (its kind: ``deploymap.kinds``), whether it is required, how it is
filtered and under which URL key, how the table shows it. Validation, the filters and the URL
state, the sidebar, the table, the *Add a report* editor, the CSV and GeoJSON exports, the row
hashes and the store's columns (with a migration for a field added later) all follow ``FIELDS``:
adding an optional field is one entry here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from deploymap.kinds import MAX_TEXT_LENGTH, Choice, Coordinate, Date, Kind, Text, WholeNumber
from geo.place import PRECISIONS

__all__ = ["MAX_TEXT_LENGTH"]

# What a filter does with a field: a period on the dates, a multi-select of values, a number
# range, or the text search (over every ``searchable`` field at once).
DATE_RANGE, CHOICE, NUMBER_RANGE = "date_range", "choice", "number_range"
TEXT = Text()


@dataclass(frozen=True)
class Field:
    """One column of an event: its meaning, its checks, its filter, its place on the page."""

    name: str
    label: str
    kind: Kind = TEXT
    required: bool = False
    filter: str | None = None  # DATE_RANGE, CHOICE or NUMBER_RANGE
    url_key: str | None = None  # the link parameter of its filter (a range adds _min and _max)
    help: str = ""
    width: str | None = None  # table column width: "small", "medium", "large" or None
    category: bool = False  # few distinct values: kept as a categorical (filters compare codes)
    verbatim: bool = False  # kept exactly as written, white space included
    searchable: bool = False  # part of the text search
    optional_column: bool = False  # files written before the field existed may lack the column
    required_unless: tuple[str, str] | None = None  # (field, value): not required in rows where field == value
    hashed: bool = True  # part of what the row says; False for where it came from (a new file name changes nothing)
    in_editor: str = "edit"  # in the *Add a report* editor: "edit", "show" (read-only) or "hide"
    description: str = ""  # the README's schema table

    def __post_init__(self) -> None:
        if not isinstance(self.kind, Kind):
            raise ValueError(f"field {self.name!r}: kind must be one of deploymap.kinds, got {self.kind!r}")
        if self.in_editor not in ("edit", "show", "hide"):
            raise ValueError(f"field {self.name!r}: in_editor must be edit, show or hide, got {self.in_editor!r}")
        if self.filter and not self.url_key:
            raise ValueError(f"field {self.name!r}: a filtered field needs a url_key")

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return getattr(self.kind, "vocabulary", ())


EVENT_TYPES = (
    "transport", "deployment", "equipment", "treaty", "meeting", "statement", "readiness", "assessment",
    # ACLED's event types, so that its exports keep their own coding:
    "battles", "explosions/remote violence", "violence against civilians", "protests", "riots", "strategic developments",
)
STATUSES = ("confirmed", "reported", "expected", "denied")
GEO_PRECISIONS = PRECISIONS  # what a geocoder's answer says of itself
WORDINGS = ("verbatim", "dataset")
COUNTS = ("troops", "killed", "wounded", "killed or wounded", "captured")

FIELDS: tuple[Field, ...] = (
    Field("event_date", "Date", Date(), required=True, width="small", filter=DATE_RANGE, url_key="date",
          help="When it happened or starts", description="ISO date the event happened or starts (for a forecast, the date it is expected)"),
    Field("location", "Place", category=True, filter=CHOICE, url_key="location", width="small",
          description="place name as a reader writes it; empty where the claim names no place"),
    Field("source", "Source", required=True, category=True, filter=CHOICE, url_key="source", width="medium",
          help="Who makes the claim", description="who makes the claim, e.g. `NIS (South Korea)`, `NATO`, `DIU (Ukraine)`"),
    Field("troops", "Figure", WholeNumber(), filter=NUMBER_RANGE, url_key="troops", width="small",
          help="The number the claim states; Counts says what it counts",
          description="the number the claim states (troops unless `counts` says otherwise), empty if none"),
    Field("counts", "Counts", Choice(COUNTS), category=True, filter=CHOICE, url_key="counts", width="small",
          optional_column=True, help="What the figure counts",
          description="what the figure counts: " + ", ".join(COUNTS) + "; empty means troops"),
    Field("status", "Status", Choice(STATUSES), required=True, category=True, filter=CHOICE, url_key="status",
          width="small", description="confirmed, reported, expected, denied"),
    Field("summary", "Summary", required=True, searchable=True, verbatim=True, width="large",
          description="one line in our words, or the dataset's own wording where `wording` is `dataset`"),
    Field("quote", "Quote (verbatim)", required=True, required_unless=("wording", "dataset"), searchable=True,
          verbatim=True, width="large",
          help="The report's sentence that supports the row",
          description="the sentence of the report that supports the row, verbatim; required unless `wording` is `dataset`"),
    Field("event_type", "Type", Choice(EVENT_TYPES), required=True, category=True, filter=CHOICE,
          url_key="event_type", width="small", description="our types (" + ", ".join(EVENT_TYPES[:8])
          + ") or ACLED's (" + ", ".join(EVENT_TYPES[8:]) + ")"),
    Field("end_date", "Until", Date(), help="End of a period, if any", description="ISO date a period ends, empty otherwise"),
    Field("fatalities", "Killed", WholeNumber(), filter=NUMBER_RANGE, url_key="fatalities", width="small",
          optional_column=True, help="Deaths the claim states (ACLED's fatalities)",
          description="number of people the claim says were killed (ACLED's `fatalities`), empty if none"),
    Field("sub_event_type", "Sub-type", category=True, filter=CHOICE, url_key="sub_event_type", optional_column=True,
          in_editor="hide",
          description="a finer type where the source has one (ACLED's `sub_event_type`)"),
    Field("actor1", "Actor", category=True, filter=CHOICE, url_key="actor", optional_column=True, in_editor="hide",
          description="the main actor (ACLED's `actor1`), empty if none"),
    Field("actor2", "Other actor", category=True, optional_column=True, in_editor="hide",
          description="the other actor (ACLED's `actor2`), empty if none"),
    Field("reported_date", "Reported", Date(), in_editor="hide", description="ISO date the claim was published"),
    Field("country", "Country", Text(r"[A-Z]{2}", "an ISO 3166-1 alpha-2 code such as 'RU'"), category=True, in_editor="hide",
          description="ISO 3166-1 alpha-2 code of the location"),
    Field("latitude", "Lat", Coordinate(-90, 90), in_editor="hide", description="WGS84 decimal degrees, written by the geocoder"),
    Field("longitude", "Lon", Coordinate(-180, 180), in_editor="hide", description="WGS84 decimal degrees, written by the geocoder"),
    Field("geo_precision", "Precision", Choice(GEO_PRECISIONS), in_editor="hide", category=True, description="city, region, country"),
    Field("report", "Report", category=True, in_editor="hide",
          description="file name of the report under `data/reports/`, or the imported file"),
    Field("wording", "Wording", Choice(WORDINGS), in_editor="hide", category=True, optional_column=True,
          description="`verbatim` (or empty): `quote` is the source's sentence; `dataset`: the row comes from a dataset "
                      "such as ACLED, whose notes are its own wording, not a verbatim quote"),
    Field("provenance", "Provenance", optional_column=True, width="medium", hashed=False, in_editor="show",
          help="Where the row came from: the file, or the words of the report behind each field",
          description="where the row came from beyond its report: the imported file and its timestamp"),
    Field("event_id", "ID", required=True, in_editor="hide", description="stable id, unique"),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
RETRACTED_COLUMN = "_retracted"  # not a field: a store's mark, in a view that shows retracted events too
# The column order of files and exports as released: frozen, so that files keep their shape. A field
# declared later goes after these, in the order of ``FIELDS`` (the table uses the order of ``FIELDS``).
RELEASED_FILE_ORDER: tuple[str, ...] = (
    "event_id", "event_date", "end_date", "reported_date", "event_type", "status", "source", "location", "country",
    "latitude", "longitude", "geo_precision", "troops", "summary", "quote", "report",
    "fatalities", "sub_event_type", "actor1", "actor2", "wording", "provenance", "counts",
)
COLUMNS: tuple[str, ...] = (*RELEASED_FILE_ORDER, *(f.name for f in FIELDS if f.name not in RELEASED_FILE_ORDER))
assert sorted(COLUMNS) == sorted(BY_NAME), "every released column is still declared"

# What the typed frame of events looks like, as a digest: cached copies of files are keyed by it.
SCHEMA_DIGEST: str = hashlib.sha256(repr([(f.name, type(f.kind).__name__, getattr(f.kind, "vocabulary", ()), f.category,
                                           f.verbatim) for f in FIELDS]).encode()).hexdigest()[:16]

# Derived views of the declarations, for the code that works column by column.
# Columns a file must have; newer optional fields may be absent from older files.
HEADER_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if not BY_NAME[c].optional_column)
# Columns a row's hash covers: what it says, not where it came from.
HASHED_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if BY_NAME[c].hashed)
# Low-cardinality columns kept as pandas categoricals: filters on them are integer compares.
CATEGORY_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.category)
VERBATIM_COLUMNS: frozenset[str] = frozenset(f.name for f in FIELDS if f.verbatim)
SEARCHABLE_COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.searchable)

# Where the opening map view looks: the places troops are said to be, not where people talk.
FOCUS_EVENT_TYPES: frozenset[str] = frozenset({"deployment", "transport", "readiness", "battles"})


def has_values(column: pd.Series) -> bool:
    """Whether any cell of ``column`` holds something (not missing, not empty text); a categorical
    column is answered from its codes, a text column by Arrow, never by a million Python strings."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        filled = [i for i, value in enumerate(column.cat.categories) if str(value) != ""]
        return bool(filled) and bool(np.isin(column.cat.codes.to_numpy(), filled).any())
    if pd.api.types.is_string_dtype(column.dtype):
        return bool(column.fillna("").ne("").any())
    return bool(column.notna().any())


def field(name: str) -> Field:
    """The field called ``name``; a KeyError names the unknown field."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"no field {name!r}; fields are {', '.join(BY_NAME)}") from None


def schema_markdown() -> str:
    """The README's schema table, made from the declarations (a test keeps the README in step)."""
    lines = ["| column | meaning |", "|---|---|"]
    for name in COLUMNS:
        spec = BY_NAME[name]
        notes = [spec.description]
        if spec.required and not spec.required_unless:
            notes.append("required")
        if spec.optional_column:
            notes.append("optional column")
        if spec.filter:
            keys = f"`{spec.url_key}_min`, `{spec.url_key}_max`" if spec.filter == NUMBER_RANGE else (
                "`start`, `end`" if spec.filter == DATE_RANGE else f"`{spec.url_key}`")
            notes.append(f"filter: {keys}")
        lines.append(f"| {name} | {'; '.join(notes)} |")
    return "\n".join(lines)
