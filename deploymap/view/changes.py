"""The change log as the Changes page shows it: filtered by who, when and kind, newest first."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class ChangeFilter:
    """Empty means any; dates are inclusive, in UTC."""

    actors: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    start: dt.date | None = None
    end: dt.date | None = None


def filter_changes(changes: pd.DataFrame, view: ChangeFilter) -> pd.DataFrame:
    """The changes (``Database.changes``: id, at, actor, action, origin, detail) in ``view``, newest first."""
    keep = pd.Series(True, index=changes.index)
    if view.actors:
        keep &= changes["actor"].isin(view.actors)
    if view.actions:
        keep &= changes["action"].isin(view.actions)
    days = pd.to_datetime(changes["at"], utc=True, errors="coerce").dt.date
    if view.start is not None:
        keep &= days >= view.start
    if view.end is not None:
        keep &= days <= view.end
    return changes[keep].sort_values("id", ascending=False)


def summary(detail: str) -> str:
    """A change's detail (JSON) in a few words: counts, the reason, what it undid."""
    try:
        found = json.loads(detail) if isinstance(detail, str) else {}
    except ValueError:
        return ""
    if not isinstance(found, dict):
        return ""
    parts = [f"{found[key]:,} {key}" for key in ("added", "changed", "events") if isinstance(found.get(key), int)]
    if isinstance(found.get("undoes"), int):
        parts.append(f"undoes change {found['undoes']}")
    if found.get("from") and found.get("into"):
        parts.append(f"{found['from']} → {found['into']}")
    if isinstance(found.get("reason"), str) and found["reason"]:
        parts.append(f"reason: {found['reason']}")
    return "; ".join(parts)
