"""The Changes page: the store's change log, filterable by who, when and kind; each change opens to its
field-by-field differences, and an admin can undo one (a new change)."""

from __future__ import annotations

import streamlit as st

from deploymap.errors import DeploymapError
from deploymap.pages.common import guarded
from deploymap.pages.signin import may, require
from deploymap.store.database import Database
from deploymap.text import escape_markdown, md
from deploymap.view.changes import ChangeFilter, filter_changes, summary

SHOWN = 50  # changes listed at once, newest first
LISTED = 200  # events of one change listed with their differences


@guarded
def undo_now(database: Database, change_id: int) -> None:
    """The undo button's action: the server's role check, then the undo, as one new change."""
    reason = str(st.session_state.get(f"undo_reason_{change_id}") or "").strip()
    try:
        actor = require("undo").actor
        if not reason:
            raise DeploymapError("say why the change is undone (the reason is kept with the undo)")
        undone = database.undo(change_id, reason, actor)
    except DeploymapError as exc:
        st.session_state["changes_message"] = ("error", str(exc))
        return
    st.session_state["changes_message"] = ("success", f"Change {change_id} undone by change {undone}.")


def render(database: Database | None) -> None:
    st.title("Changes")
    if database is None:
        st.info("This dashboard shows one file read-only (DEPLOYMAP_EVENTS); changes are kept by the store.")
        return
    changes = database.changes()
    st.caption("Every change to the store, newest first: who made it, when, and what it changed. Nothing is ever "
               "deleted; an undo is a change of its own.")
    who, kind, when = st.columns([2, 2, 2])
    actors = who.multiselect("Who", sorted(changes["actor"].astype(str).unique()), key="changes_who")
    actions = kind.multiselect("Kind", sorted(changes["action"].astype(str).unique()), key="changes_kind")
    days = when.date_input("When", value=(), key="changes_when", format="YYYY-MM-DD")
    start, end = (*tuple(days), None, None)[:2] if isinstance(days, (tuple, list)) else (days, days)
    shown = filter_changes(changes, ChangeFilter(tuple(actors), tuple(actions), start, end))
    level, message = st.session_state.pop("changes_message", (None, None))
    if level:
        getattr(st, level)(escape_markdown(message, limit=600))
    st.caption(f"{len(shown):,} of {len(changes):,} changes" + (f"; the newest {SHOWN} are listed" if len(shown) > SHOWN else ""))
    for change in shown.head(SHOWN).itertuples(index=False):
        title = md("Change {id} · {at} · {actor} · {action} · {origin}", id=change.id, at=str(change.at)[:19],
                   actor=change.actor, action=change.action, origin=change.origin)
        # Lazy: a change's versions are read only when its box is opened (an import may hold a million).
        box = st.expander(title, key=f"change_{change.id}", on_change="rerun")
        with box:
            st.text(summary(change.detail) or "—")
            if box.open:
                versions = database.change_versions(int(change.id), limit=LISTED)
                st.text("\n".join(f"{event_id}: {version.describe()}" for event_id, version in versions)
                        + (f"\n… the first {LISTED} events are listed" if len(versions) >= LISTED else ""))
                if may("undo"):
                    st.text_input("Why undo it?", key=f"undo_reason_{change.id}", placeholder="the reason is kept", max_chars=2_000)
                    st.button(f"Undo change {change.id}", key=f"undo_{change.id}", on_click=undo_now,
                              args=(database, int(change.id)))
