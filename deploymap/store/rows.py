"""Events as the store keeps them, and back; what a row's hash covers; which fields two versions differ in.

Every conversion asks each field's kind (``deploymap.kinds``) and works a column at a time in Arrow,
so a million rows go in and out without a Python object per row.
"""

from __future__ import annotations

import hashlib
import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from deploymap.fields import BY_NAME, CATEGORY_COLUMNS, COLUMNS, FIELDS, HASHED_COLUMNS

# Bump when what a hash covers, or how it is encoded, changes: the store then hashes its rows again.
HASH_VERSION = 2  # 2: length-prefixed fields (nothing can be moved across a separator), provenance left out


def stored_table(events: pd.DataFrame) -> pa.Table:
    """Events as the store keeps them (ISO date text, int64, float64, text), with each row's hash."""
    table = pa.table({name: BY_NAME[name].kind.to_arrow(events[name]) for name in COLUMNS})
    return table.append_column("row_hash", pa.array(row_hashes(table), pa.string()))


def row_hashes(table: pa.Table) -> list[str]:
    """SHA-256 of each row's content: equal content, equal hashes, on any backend.

    The content is every hashed field that holds a value, each written as ``name=length:value;``:
    length-prefixed, so no text can pass for another field's, and a field that is empty in every row
    (a field added after the rows were written) leaves the hash as it was.
    """
    parts = []
    for name in HASHED_COLUMNS:
        if name not in table.column_names:
            continue
        value = BY_NAME[name].kind.canonical(table.column(name))
        length = pc.cast(pc.utf8_length(value), pa.string())
        part = pc.binary_join_element_wise(f"{name}=", length, ":", value, ";", "")
        parts.append(pc.fill_null(part, ""))  # an empty field adds nothing
    joined = pc.binary_join_element_wise(*parts, "").to_pylist() if parts else [""] * table.num_rows
    return [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in joined]


def stored_rows(rows: list[dict]) -> pa.Table:
    """Rows of stored values (dicts by column) as a stored table, without their hashes."""
    return pa.table({name: pa.array([row.get(name) for row in rows], BY_NAME[name].kind.arrow_type) for name in COLUMNS})


def one_row(row: dict) -> pa.Table:
    """One row of stored values (a dict by column) as a stored table, without its hash."""
    return stored_rows([row])


def row_hash(row: dict) -> str:
    """The hash ``stored_table`` gives a row, for one row as a dict of stored values."""
    return row_hashes(one_row(row))[0]


def typed_frame(table: pa.Table) -> pd.DataFrame:
    """Stored rows as the frame the loader makes (dates, Int64, floats, categories), column by column."""
    frame = {spec.name: spec.kind.from_arrow(table.column(spec.name), spec.name in CATEGORY_COLUMNS) for spec in FIELDS}
    return pd.DataFrame(frame, index=pd.RangeIndex(table.num_rows))[list(COLUMNS)]


def changed_fields(old: pa.Table, new: pa.Table) -> list[str]:
    """For rows in the same order: the fields each new row changes, as a JSON list (``["troops"]``)."""
    changes = np.zeros((new.num_rows, len(COLUMNS)), dtype=bool)
    for position, name in enumerate(COLUMNS):
        kind = BY_NAME[name].kind
        before, after = kind.canonical(old.column(name)), kind.canonical(new.column(name))
        same = pc.fill_null(pc.equal(before, after), False)
        both_empty = pc.and_(pc.is_null(before), pc.is_null(after))
        changes[:, position] = ~pc.or_(same, both_empty).to_numpy(zero_copy_only=False)
    return [json.dumps([name for name, hit in zip(COLUMNS, row, strict=True) if hit]) for row in changes]


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
