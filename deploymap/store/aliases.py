"""The names a source is also known by (``source_aliases``), as changes leave them and undo puts them back.

A merge rewrites alias rows (its own name becomes an alias of the other; the names that pointed at it point
further on). The change records the rows it touched as they were before, and an undo writes them back, as
its own change, so that undoing the undo applies the merge's names again: nothing about a source's names
is lost by a merge, an undo, or an undo of the undo.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from deploymap.errors import shown
from deploymap.store.dialects import StoreError

Execute = Callable[[object, str, tuple], None]


def rows(execute: Execute, cursor, keys: Sequence[str]) -> list[list]:
    """The alias rows of ``keys`` as they are: [alias, canonical, change_id] (absent keys have none)."""
    found = []
    for key in sorted(set(keys)):
        execute(cursor, "SELECT alias, canonical, change_id FROM source_aliases WHERE alias = ?", (key,))
        found += [[str(a), str(c), int(i)] for a, c, i in cursor.fetchall()]
    return found


def touched_by_merge(execute: Execute, cursor, name: str) -> list[str]:
    """The aliases a merge of ``name`` rewrites: ``name`` itself and every alias that names it."""
    execute(cursor, "SELECT alias FROM source_aliases WHERE canonical = ?", (name,))
    return sorted({name, *(str(row[0]) for row in cursor.fetchall())})


def before_undo(execute: Execute, cursor, change_id: int, detail: dict) -> dict:
    """What an undo of ``change_id`` records of the names it will write back (the rows as they are now, so that it
    can be undone in turn); refused when a later change has set one of them since."""
    keys = detail.get("aliases_touched") or []
    now = rows(execute, cursor, keys)
    later = next((row for row in now if row[2] != int(change_id)), None)
    if later is not None:
        raise StoreError(f"change {change_id} cannot be undone: the source name {shown(later[0])} was set since, in "
                         f"change {later[2]}; undo that change first")
    return {"aliases_touched": keys, "aliases_before": now}


def put_back(execute: Execute, cursor, undo_id: int, detail: dict) -> None:
    """Write back the alias rows a change found (its detail's ``aliases_before``), as change ``undo_id``."""
    keys = detail.get("aliases_touched") or []
    for key in keys:
        execute(cursor, "DELETE FROM source_aliases WHERE alias = ?", (key,))
    for alias, canonical, _ in detail.get("aliases_before") or []:
        execute(cursor, "INSERT INTO source_aliases (alias, canonical, change_id) VALUES (?, ?, ?)",
                (alias, canonical, int(undo_id)))
