"""The event fields, declared once: everything that knows about a column reads it from here.

Each field says what it holds (its kind, whether it is required, its vocabulary), how it is
filtered and under which URL key, how the table shows it and where it goes in the export.
Validation, the filters and the URL state, the sidebar, the table, the CSV and GeoJSON exports
and the store's columns are all driven by ``FIELDS``; adding a field is one entry here plus its
data.
"""

from __future__ import annotations

from dataclasses import dataclass

# What a filter does with a field: a period on the dates, a multi-select of values, a number
# range, or the text search (over every ``searchable`` field at once).
DATE_RANGE, CHOICE, NUMBER_RANGE = "date_range", "choice", "number_range"
KINDS = ("text", "date", "number", "coordinate")


@dataclass(frozen=True)
class Field:
    """One column of an event: its meaning, its checks, its filter, its place on the page."""

    name: str
    label: str
    kind: str = "text"  # text, date, number (a whole number), coordinate (decimal degrees)
    required: bool = False
    vocabulary: tuple[str, ...] = ()  # allowed values, when the field has a fixed set
    filter: str | None = None  # DATE_RANGE, CHOICE or NUMBER_RANGE
    url_key: str | None = None  # the link parameter of its filter (a range adds _min and _max)
    help: str = ""
    width: str | None = None  # table column width: "small", "medium", "large" or None
    category: bool = False  # few distinct values: kept as a categorical (filters compare codes)
    verbatim: bool = False  # kept exactly as written, white space included
    searchable: bool = False  # part of the text search
    pattern: str | None = None  # a regular expression the whole value must match
    pattern_hint: str = ""  # what the pattern means, for the message
    optional_column: bool = False  # files written before the field existed may lack the column
    required_unless: tuple[str, str] | None = None  # (field, value): not required in rows where field == value
    bounds: tuple[float, float] | None = None  # the smallest and largest value a number may take
    description: str = ""  # the README's schema table

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"field {self.name!r}: kind must be one of {KINDS}, got {self.kind!r}")
        if self.filter and not self.url_key:
            raise ValueError(f"field {self.name!r}: a filtered field needs a url_key")


EVENT_TYPES = (
    "transport", "deployment", "equipment", "treaty", "meeting", "statement", "readiness", "assessment",
    # ACLED's event types, so that its exports keep their own coding:
    "battles", "explosions/remote violence", "violence against civilians", "protests", "riots", "strategic developments",
)
STATUSES = ("confirmed", "reported", "expected", "denied")
GEO_PRECISIONS = ("city", "region", "country")
WORDINGS = ("verbatim", "dataset")
COUNTS = ("troops", "killed", "wounded", "killed or wounded", "captured")

FIELDS: tuple[Field, ...] = (
    Field("event_date", "Date", "date", required=True, width="small", filter=DATE_RANGE, url_key="date",
          help="When it happened or starts", description="ISO date the event happened or starts (for a forecast, the date it is expected)"),
    Field("location", "Place", category=True, filter=CHOICE, url_key="location", width="small",
          description="place name as a reader writes it; empty where the claim names no place"),
    Field("source", "Source", required=True, category=True, filter=CHOICE, url_key="source", width="small",
          help="Who makes the claim", description="who makes the claim, e.g. `NIS (South Korea)`, `NATO`, `DIU (Ukraine)`"),
    Field("troops", "Figure", "number", filter=NUMBER_RANGE, url_key="troops", width="small",
          help="The number the claim states; Counts says what it counts",
          description="the number the claim states (troops unless `counts` says otherwise), empty if none"),
    Field("counts", "Counts", vocabulary=COUNTS, category=True, filter=CHOICE, url_key="counts", width="small",
          optional_column=True, help="What the figure counts",
          description="what the figure counts: " + ", ".join(COUNTS) + "; empty means troops"),
    Field("status", "Status", required=True, vocabulary=STATUSES, category=True, filter=CHOICE, url_key="status",
          width="small", description="confirmed, reported, expected, denied"),
    Field("summary", "Summary", required=True, searchable=True, verbatim=True, width="large",
          description="one line in our words, or the dataset's own wording where `wording` is `dataset`"),
    Field("quote", "Quote (verbatim)", required=True, required_unless=("wording", "dataset"), searchable=True,
          verbatim=True, width="large",
          help="The report's sentence that supports the row",
          description="the sentence of the report that supports the row, verbatim; required unless `wording` is `dataset`"),
    Field("event_type", "Type", required=True, vocabulary=EVENT_TYPES, category=True, filter=CHOICE,
          url_key="event_type", width="small", description="our types (" + ", ".join(EVENT_TYPES[:8])
          + ") or ACLED's (" + ", ".join(EVENT_TYPES[8:]) + ")"),
    Field("end_date", "Until", "date", help="End of a period, if any", description="ISO date a period ends, empty otherwise"),
    Field("fatalities", "Killed", "number", filter=NUMBER_RANGE, url_key="fatalities", width="small",
          optional_column=True, help="Deaths the claim states (ACLED's fatalities)",
          description="number of people the claim says were killed (ACLED's `fatalities`), empty if none"),
    Field("sub_event_type", "Sub-type", category=True, filter=CHOICE, url_key="sub_event_type", optional_column=True,
          description="a finer type where the source has one (ACLED's `sub_event_type`)"),
    Field("actor1", "Actor", category=True, filter=CHOICE, url_key="actor", optional_column=True,
          description="the main actor (ACLED's `actor1`), empty if none"),
    Field("actor2", "Other actor", category=True, optional_column=True,
          description="the other actor (ACLED's `actor2`), empty if none"),
    Field("reported_date", "Reported", "date", description="ISO date the claim was published"),
    Field("country", "Country", category=True, pattern=r"[A-Z]{2}", pattern_hint="an ISO 3166-1 alpha-2 code such as 'RU'",
          description="ISO 3166-1 alpha-2 code of the location"),
    Field("latitude", "Lat", "coordinate", bounds=(-90, 90), description="WGS84 decimal degrees, written by the geocoder"),
    Field("longitude", "Lon", "coordinate", bounds=(-180, 180), description="WGS84 decimal degrees, written by the geocoder"),
    Field("geo_precision", "Precision", vocabulary=GEO_PRECISIONS, category=True, description="city, region, country"),
    Field("report", "Report", category=True, description="file name of the report under `data/reports/`, or the imported file"),
    Field("wording", "Wording", vocabulary=WORDINGS, category=True, optional_column=True,
          description="`verbatim` (or empty): `quote` is the source's sentence; `dataset`: the row comes from a dataset "
                      "such as ACLED, whose notes are its own wording, not a verbatim quote"),
    Field("provenance", "Provenance", optional_column=True, width="medium",
          description="where the row came from beyond its report: the imported file and its timestamp"),
    Field("event_id", "ID", required=True, description="stable id, unique"),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
# The public column order of files and exports (the table uses the order of ``FIELDS``).
COLUMN_ORDER: tuple[str, ...] = (
    "event_id", "event_date", "end_date", "reported_date", "event_type", "status", "source", "location", "country",
    "latitude", "longitude", "geo_precision", "troops", "summary", "quote", "report",
    "fatalities", "sub_event_type", "actor1", "actor2", "wording", "provenance", "counts",
)
assert sorted(COLUMN_ORDER) == sorted(BY_NAME), "every field has a place in the file order"


def field(name: str) -> Field:
    """The field called ``name``; a KeyError names the unknown field."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"no field {name!r}; fields are {', '.join(BY_NAME)}") from None


def schema_markdown() -> str:
    """The README's schema table, made from the declarations (a test keeps the README in step)."""
    lines = ["| column | meaning |", "|---|---|"]
    for name in COLUMN_ORDER:
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
