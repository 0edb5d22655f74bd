"""What a field holds, and all that follows from it: one class per kind of value.

A field (``deploymap.fields``) names its kind; the kind knows how a cell of a file is parsed and
checked (with the message a user sees), how the value is stored (its SQL type in each dialect,
its Arrow type), how it takes part in a row's hash, how it is written to CSV and JSON, and how
the table and the *Add a report* editor show it. Code elsewhere asks the kind; nothing else
branches on what kind a field is (as datasette's ``column_types`` do).

All of it works column by column, in Arrow or numpy: a million rows parse, store and export
without a Python object per row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from deploymap.errors import shown

MAX_TEXT_LENGTH = 5000
_ISO_DATE = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # ASCII digits only: \d also takes ８ and ٨
_WHOLE_NUMBER = r"[0-9]{1,9}"
# OWASP "CSV injection": a cell starting with one of these may be run as a formula. The guard is an
# apostrophe, reversibly: a cell that (after any apostrophes) starts with a trigger gets one more
# on export and loses one on import, so that a file deploymap wrote reads back exactly.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_TRIGGER_PATTERN = "^'*[=+\\-@\t\r]"
_GUARDED_PATTERN = "^'+[=+\\-@\t\r]"

# Problems are reported through this: (mask of bad rows, message for a bad value).
Report = Callable[[np.ndarray | pd.Series, Callable[[str], str]], None]


class Kind:
    """The behaviour common to every kind; each subclass says what differs."""

    name: ClassVar[str] = ""
    storage: ClassVar[str] = "text"  # the dialect's type family: text, integer, real
    arrow_type: ClassVar[pa.DataType] = pa.string()

    # ---- a file's cell -----------------------------------------------------------------
    def parse(self, text: pd.Series, report: Report) -> pd.Series:
        """The typed column of a file's text cells ('' is empty), reporting each bad cell."""
        raise NotImplementedError

    def unguard(self, column: pa.ChunkedArray) -> pa.ChunkedArray:
        """A CSV column as deploymap wrote it, without the export's formula guard (text kinds only)."""
        return column

    # ---- the store ------------------------------------------------------------------------
    def sql_type(self, dialect) -> str:
        return dialect.types[self.storage]

    def to_arrow(self, values: pd.Series) -> pa.Array:
        """Typed values as the store keeps them."""
        raise NotImplementedError

    def from_arrow(self, column: pa.ChunkedArray, category: bool) -> pd.Series | np.ndarray | pd.api.extensions.ExtensionArray:
        """Stored values as the typed column of a loaded file."""
        raise NotImplementedError

    def stored_value(self, value: object) -> object:
        """One value as the store keeps it (a correction's new value); empty is None."""
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return self._stored(value)

    def _stored(self, value: object) -> object:
        return str(value)

    def canonical(self, column: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
        """Stored values as the text a row's hash covers: null where empty, no float or format noise."""
        return column.cast(pa.string())

    def differs(self, old: object, new: object) -> bool:
        """Whether two stored values are different values (for the fields a version changed)."""
        return _empty(old) != _empty(new) or (not _empty(old) and old != new)

    # ---- exports ----------------------------------------------------------------------------
    def csv(self, values: pd.Series) -> pa.Array:
        """The text the CSV export writes for these values."""
        raise NotImplementedError

    def json(self, values: pd.Series) -> list:
        """The values as JSON would have them (GeoJSON properties)."""
        raise NotImplementedError

    def shown(self, value: object) -> str:
        """One value as a person reads it in a list of changes."""
        return "" if _empty(value) else str(value)

    # ---- the page ---------------------------------------------------------------------------
    def table_column(self, label: str, help: str, width: str | None) -> tuple[str, dict]:
        """The table's column: the name of a ``st.column_config`` class and its arguments."""
        return "TextColumn", {"label": label, "help": help or None, "width": width}

    def editor_column(self, label: str, help: str, width: str | None) -> tuple[str, dict]:
        """The *Add a report* editor's column (its cells are text, as a file's are)."""
        return "TextColumn", {"label": label, "help": help or None, "width": width}


class Text(Kind):
    """Free text: at most ``MAX_TEXT_LENGTH`` characters, optionally matching a pattern."""

    name = "text"

    def __init__(self, pattern: str | None = None, pattern_hint: str = "") -> None:
        self.pattern, self.pattern_hint = pattern, pattern_hint

    def sql_type(self, dialect) -> str:
        return f"{dialect.types['text']} NOT NULL DEFAULT ''"

    def parse(self, text: pd.Series, report: Report) -> pd.Series:
        report(text.str.len() > MAX_TEXT_LENGTH, lambda v: f"is {len(v)} characters long, more than {MAX_TEXT_LENGTH}")
        if self.pattern:
            report((text != "") & ~text.str.fullmatch(self.pattern), lambda v: f"must be {self.pattern_hint}, got {shown(v)}")
        return text

    def unguard(self, column: pa.ChunkedArray) -> pa.ChunkedArray:
        if not pc.any(pc.starts_with(column, "'")).as_py():  # the usual file: nothing guarded, no regex run
            return column
        guarded = pc.match_substring_regex(column, _GUARDED_PATTERN)
        return pc.if_else(guarded, pc.utf8_slice_codeunits(column, 1), column)

    def to_arrow(self, values: pd.Series) -> pa.Array:
        if isinstance(values.dtype, pd.CategoricalDtype):
            codes = values.cat.codes.to_numpy()
            categories = pa.array([str(c) for c in values.cat.categories], pa.string())
            encoded = pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), categories)
            return pc.fill_null(encoded.cast(pa.string()), "")
        return pc.fill_null(pa.array(values, pa.string(), from_pandas=True), "")

    def from_arrow(self, column, category):
        text = column.cast(pa.string()).fill_null("")
        return text.dictionary_encode().to_pandas() if category else text.to_pandas().astype("str")

    def stored_value(self, value: object) -> object:
        return "" if value is None else str(value)

    def canonical(self, column):
        text = column.cast(pa.string())
        return pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)

    def csv(self, values: pd.Series) -> pa.Array:
        if isinstance(values.dtype, pd.CategoricalDtype):  # defuse each distinct value once, not each row
            categories = [neutralize_formula(str(c)) for c in values.cat.categories]
            codes = pa.array(values.cat.codes.to_numpy(), mask=values.cat.codes.to_numpy() < 0)
            return pc.cast(pa.DictionaryArray.from_arrays(codes, pa.array(categories, pa.large_string())),
                           pa.large_string())
        text = pa.array(values.astype(str)).cast(pa.large_string())
        risky = pc.match_substring_regex(text, _TRIGGER_PATTERN)
        quote, nothing = pa.scalar("'", pa.large_string()), pa.scalar("", pa.large_string())
        return pc.if_else(risky, pc.binary_join_element_wise(quote, text, nothing), text)

    def json(self, values: pd.Series) -> list:
        return values.astype(str).tolist()


class Choice(Text):
    """Text from a fixed vocabulary (or empty)."""

    name = "choice"

    def __init__(self, vocabulary: tuple[str, ...]) -> None:
        super().__init__()
        self.vocabulary = vocabulary

    def parse(self, text: pd.Series, report: Report) -> pd.Series:
        choices = ", ".join(self.vocabulary)
        report((text != "") & ~text.isin(self.vocabulary), lambda v: f"must be one of {choices}; got {shown(v)}")
        return text

    def editor_column(self, label: str, help: str, width: str | None) -> tuple[str, dict]:
        return "SelectboxColumn", {"label": label, "help": help or None, "width": width,
                                   "options": ["", *self.vocabulary]}


class Date(Kind):
    """A day, written ``YYYY-MM-DD``; kept as ISO text in the store (the same on every backend)."""

    name = "date"

    def parse(self, text: pd.Series, report: Report) -> pd.Series:
        parsed = pd.to_datetime(text.where(text.str.match(_ISO_DATE), None), format="%Y-%m-%d", errors="coerce")
        report((text != "") & parsed.isna(), lambda v: f"is not an ISO date (YYYY-MM-DD), got {shown(v)}")
        return parsed.astype("datetime64[ms]")  # the unit Parquet keeps

    def to_arrow(self, values: pd.Series) -> pa.Array:
        days = values.to_numpy().astype("datetime64[D]")
        return pa.array(np.datetime_as_string(days, unit="D"), pa.string(), mask=np.isnat(days))

    def from_arrow(self, column, category):
        parsed = pc.strptime(column.cast(pa.string()), format="%Y-%m-%d", unit="ms", error_is_null=True)
        return parsed.to_pandas().astype("datetime64[ms]")

    def _stored(self, value: object) -> object:
        import datetime as dt

        return dt.date.fromisoformat(str(value)[:10]).isoformat()

    def csv(self, values: pd.Series) -> pa.Array:
        return self.to_arrow(values)

    def json(self, values: pd.Series) -> list:
        days = values.to_numpy().astype("datetime64[D]")
        return [None if np.isnat(d) else str(d) for d in days]

    def shown(self, value: object) -> str:
        return "" if _empty(value) else str(value)[:10]

    def table_column(self, label, help, width):
        return "DateColumn", {"label": label, "help": help or None, "width": width, "format": "YYYY-MM-DD"}

    def editor_column(self, label, help, width):
        return "TextColumn", {"label": label, "help": help or "YYYY-MM-DD", "width": width}


class WholeNumber(Kind):
    """A count: the digits 0-9, at most nine of them."""

    name = "whole number"
    storage = "integer"
    arrow_type = pa.int64()

    def parse(self, text: pd.Series, report: Report) -> pd.Series:
        bad = (text != "") & ~text.str.fullmatch(_WHOLE_NUMBER)
        report(bad, lambda v: f"must be a whole number written with the digits 0-9, got {shown(v)}")
        good = text.where((text != "") & ~bad, None)
        parsed = pc.cast(pa.array(good, type=pa.large_string()), pa.int64())  # Arrow's parser: ten times pandas'
        return pd.Series(parsed.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get).array, index=text.index)

    def to_arrow(self, values: pd.Series) -> pa.Array:
        return pa.array(values, pa.int64(), from_pandas=True)

    def from_arrow(self, column, category):
        numbers = column.cast(pa.int64()).combine_chunks()
        values = numbers.fill_null(0).to_numpy(zero_copy_only=False)
        return pd.arrays.IntegerArray(values, numbers.is_null().to_numpy(zero_copy_only=False))

    def _stored(self, value: object) -> object:
        return int(value)

    def csv(self, values: pd.Series) -> pa.Array:
        return pc.cast(pa.array(values, pa.int64(), from_pandas=True), pa.string())

    def json(self, values: pd.Series) -> list:
        return [None if pd.isna(v) else int(v) for v in values.tolist()]

    def shown(self, value: object) -> str:
        return "" if _empty(value) else f"{int(value):,}"

    def table_column(self, label, help, width):
        return "NumberColumn", {"label": label, "help": help or None, "width": width, "format": "localized"}


class Coordinate(Kind):
    """Decimal degrees between two bounds (WGS84)."""

    name = "coordinate"
    storage = "real"
    arrow_type = pa.float64()

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = low, high

    def parse(self, text: pd.Series, report: Report) -> pd.Series:
        number = _decimals(text.where(text != "", None))
        not_number = (text != "") & (number.isna() | ~np.isfinite(number))
        report(not_number, lambda v: f"is not a number, got {shown(v)}")
        outside = (number < self.low) | (number > self.high)
        report(outside, lambda v: f"must be between {self.low:g} and {self.high:g}, got {shown(v)}")
        return number.where(~(not_number | outside))

    def to_arrow(self, values: pd.Series) -> pa.Array:
        return pa.array(np.asarray(values, dtype="float64"), pa.float64(), from_pandas=True)

    def from_arrow(self, column, category):
        return column.cast(pa.float64()).to_numpy(zero_copy_only=False)

    def _stored(self, value: object) -> object:
        return float(value)

    def canonical(self, column):  # micro-degrees: no float formatting differences between backends
        return pc.cast(pc.cast(pc.round(pc.multiply(column.cast(pa.float64()), 1e6)), pa.int64()), pa.string())

    def differs(self, old: object, new: object) -> bool:
        if _empty(old) or _empty(new):
            return _empty(old) != _empty(new)
        return round(float(old) * 1e6) != round(float(new) * 1e6)

    def csv(self, values: pd.Series) -> pa.Array:  # the shortest text that reads back as the same number
        return pc.cast(pa.array(np.asarray(values, dtype="float64"), pa.float64(), from_pandas=True), pa.string())

    def json(self, values: pd.Series) -> list:
        return [None if pd.isna(v) else round(float(v), 6) for v in values.tolist()]

    def table_column(self, label, help, width):
        return "NumberColumn", {"label": label, "help": help or None, "width": width, "format": "%.4f"}


def neutralize_formula(value: str) -> str:
    """Prefix a cell that a spreadsheet would evaluate with an apostrophe, as OWASP recommends (reversibly)."""
    return "'" + value if value.lstrip("'").startswith(FORMULA_TRIGGERS) else value


def _decimals(text: pd.Series) -> pd.Series:
    """Text (or missing) as float64, NaN where it is not a number: Arrow's parser when every cell parses
    (the usual case, ten times faster), else pandas', which marks each bad cell for its message."""
    try:
        parsed = pc.cast(pa.array(text, type=pa.large_string()), pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pd.to_numeric(text, errors="coerce").astype("float64")
    return pd.Series(parsed.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")


def _empty(value: object) -> bool:
    if value is None or value is pd.NaT:
        return True
    if isinstance(value, str):
        return value == ""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
