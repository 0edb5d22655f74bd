"""The dashboard's time panels: the brushable timeline, the estimates over time, and a claim in its report.

Widgets and charts only; the data comes from ``deploymap.view.timeline``. Charts are Vega-Lite (bundled
with Streamlit, so they draw offline). Each interaction writes session state in a callback, so the
page that follows is drawn with it: a brush sets the date filter (and so the URL), a point limits
the table to its claims.
"""

from __future__ import annotations

import datetime as dt
import html
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

from deploymap.fields import RETRACTED_COLUMN
from deploymap.text import escape_markdown, md
from deploymap.view.selection import EVENT_KEY
from deploymap.view.timeline import brushed_dates, figures_over_time, per_period, quote_in_report

TIMELINE_KEY, ESTIMATES_KEY = "timeline", "estimates"
STATUS_SHAPES = {"confirmed": "circle", "reported": "square", "expected": "triangle-up", "denied": "cross"}


def timeline(events: pd.DataFrame, keep: np.ndarray, low: dt.date, high: dt.date, date_key: str) -> None:
    """Events per day or week for the current filter (dates aside); brushing sets the date filter."""
    counts = per_period(events, keep)
    if counts.empty:
        return

    def on_brush() -> None:
        chosen = brushed_dates((st.session_state.get(TIMELINE_KEY) or {}).get("selection", {}).get("brush"), low, high)
        if chosen:
            st.session_state[date_key] = chosen

    st.vega_lite_chart(counts, timeline_spec(), key=TIMELINE_KEY, on_select=on_brush, selection_mode="brush",
                       width="stretch")
    st.caption(f"Events per {counts.attrs.get('bucket', 'day')} for the current filter, whatever its dates. "
               "Drag across the bars to set the dates.")


def timeline_spec() -> dict:
    """The timeline as a Vega-Lite spec: bars per period, with an x brush named ``brush``.

    Plain specs rather than Altair objects: Altair validates every chart against the Vega-Lite schema
    on each run, a tenth of a second that a filter change should not wait for.
    """
    return {
        "mark": {"type": "bar", "color": "#c0392b"},
        "height": 130,
        "encoding": {
            "x": {"field": "period", "type": "temporal", "title": None, "axis": {"format": "%Y-%m-%d", "labelAngle": 0}},
            "y": {"field": "events", "type": "quantitative", "title": "events"},
            "tooltip": [{"field": "period", "type": "temporal", "title": "from", "format": "%Y-%m-%d"},
                        {"field": "events", "type": "quantitative"}],
        },
        "params": [{"name": "brush", "select": {"type": "interval", "encodings": ["x"]}}],
    }


# One colour per kind of figure, whatever the view holds: the domain is fixed, so "killed" is the same red
# in every view (Vega would otherwise hand out colours in the order the view's values come).
COUNT_COLOURS = {"troops": "#1f5fbf", "killed": "#c0392b", "wounded": "#e67e22", "killed or wounded": "#8e44ad",
                 "captured": "#2c7a3f"}
CASUALTIES = [kind for kind in COUNT_COLOURS if kind != "troops"]


def estimates(events: pd.DataFrame, keep: np.ndarray, ids_key: str) -> None:
    """Each stated figure at its date, coloured by what it counts, shaped by status, troops apart from casualties
    (a 2 and a 12,000 both readable); a click picks its claims."""
    points = figures_over_time(events, keep)
    if points.empty:
        return
    panels = [("troops", points[points["counts"] == "troops"], "linear"),
              ("casualties", points[points["counts"] != "troops"], "log")]

    def on_pick(key: str) -> None:
        chosen = (st.session_state.get(key) or {}).get("selection", {}).get("pick") or []
        ids = tuple(str(p.get("event_id")) for p in chosen if isinstance(p, dict) and p.get("event_id"))
        st.session_state[ids_key] = ids or None

    st.subheader("Estimates over time")
    days = (points["date"].min(), points["date"].max())  # both panels on one time axis
    for name, shown, scale in panels:
        if shown.empty:
            continue
        key = f"{ESTIMATES_KEY}_{name}"
        st.vega_lite_chart(shown, estimates_spec(name, scale, days), key=key, on_select=lambda key=key: on_pick(key),
                           selection_mode="pick", width="stretch")
    stated = points.attrs.get("stated", len(points))
    capped = f" The {len(points):,} largest of {stated:,} figures are drawn." if stated > len(points) else ""
    st.caption("Each figure a claim states, at its date: troops above, killed, wounded and captured below (on a "
               "scale of powers of ten, so that 2 and 2,000 both show); colour says what it counts, shape how sure the "
               f"claim is. Hover for source and quote; click a point to list its claim in the table.{capped}")


def estimates_spec(panel: str = "troops", scale: str = "linear", days: tuple | None = None) -> dict:
    """One panel of estimates as a Vega-Lite spec: a point per figure, a click selection named ``pick`` by event_id.

    Vega renders tooltip values as text, so source and quote cannot become markup.
    """
    kinds = ["troops"] if panel == "troops" else CASUALTIES
    x_scale = {"domain": [f"{day:%Y-%m-%d}" for day in days]} if days else {}
    y_scale = {"type": "log", "domainMin": 1} if scale == "log" else {"zero": True}
    return {
        "mark": {"type": "point", "filled": True, "size": 90, "opacity": 0.85},
        "height": 200 if panel == "troops" else 180,
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": None, "scale": x_scale,
                  "axis": {"format": "%Y-%m-%d", "labelAngle": 0}},
            "y": {"field": "figure", "type": "quantitative", "title": panel, "scale": y_scale,
                  # powers of ten only: a log axis's default ticks draw a line at every 20, 30, … 90
                  "axis": {"format": ",d", **({"values": [10 ** n for n in range(10)]} if scale == "log"
                                              else {"tickCount": 6})}},
            "color": {"field": "counts", "type": "nominal", "title": "counts",
                      "scale": {"domain": kinds, "range": [COUNT_COLOURS[k] for k in kinds]}},
            "shape": {"field": "status", "type": "nominal", "title": "status",
                      "scale": {"domain": list(STATUS_SHAPES), "range": list(STATUS_SHAPES.values())}},
            "tooltip": [{"field": "date", "type": "temporal", "format": "%Y-%m-%d"},
                        {"field": "figure", "type": "quantitative", "format": ","},
                        *({"field": name, "type": "nominal"} for name in ("counts", "status", "source", "quote"))],
        },
        "params": [{"name": "pick", "select": {"type": "point", "fields": ["event_id"], "on": "click"}}],
    }


def claim_panel(row: pd.Series, report: str | None, outside: str = "", versions: list | None = None) -> None:
    """One claim in full: summary, source, dates, figure, its id and link, its quote marked inside its report's text
    (or the dataset's own wording), and its history."""
    dates = f"{row['event_date']:%Y-%m-%d}" + (f" to {row['end_date']:%Y-%m-%d}" if pd.notna(row["end_date"]) else "")
    place = str(row["location"]) or "no place named"
    figure = "" if pd.isna(row.get("troops")) else f" · {int(row['troops']):,} {row.get('counts') or 'troops'}"
    retracted = bool(row.get(RETRACTED_COLUMN, False))
    st.markdown("**The claim**" + (" · :red[retracted]" if retracted else ""))
    if outside:
        st.info(escape_markdown(outside, limit=600), icon="📌")
    if retracted:
        reason = next((v.reason for v in reversed(versions or []) if v.action == "retract"), "")
        st.warning("Retracted: it is kept with its history and hidden unless *Show retracted events* is on."
                   + (md(" Reason given: {reason}", reason=reason) if reason else ""))
    st.text(f"{row['summary']}\n{row['source']} · {dates} · {place} · {row['status']}{figure}")  # text: never Markdown
    event_id = str(row.get("event_id", ""))
    id_column, link_column = st.columns([1, 2])
    id_column.caption("Event ID (copy it for the command line)")
    id_column.code(event_id, language=None)
    link_column.caption("Link to this claim")
    link_column.code(f"{_page_address()}?{urlencode({EVENT_KEY: event_id})}", language=None)
    if str(row.get("wording") or "") == "dataset":
        st.caption(md("The dataset's own wording (its notes, not a verbatim quote), from {report}:",
                      report=row["report"] or "an imported file"))
        st.text(str(row["quote"]) or str(row["summary"]))
    else:
        parts = quote_in_report(report or "", str(row["quote"]))
        if parts is None:
            st.caption("The quote (its report's text is not kept here):")
            st.text(str(row["quote"]))
        else:
            before, quote, after = (html.escape(part) for part in parts)
            st.caption(md("The quote in its report, {report}:", report=row["report"]))
            # Escaped text in a scrolling box: the report is data, shown as it was written.
            st.html(f'<div data-testid="claim-in-report" style="max-height:260px;overflow:auto;white-space:pre-wrap;'
                    f'font-size:.9rem;border:1px solid #ddd;border-radius:6px;padding:8px">{before}'
                    f'<mark id="claim-quote" style="background:#ffe58a">{quote}</mark>{after}</div>')
    if versions:
        with st.expander(f"History: {len(versions)} version{'s' if len(versions) != 1 else ''}"):
            st.text("\n".join(version.describe() for version in reversed(versions)))  # newest first, as text


def _page_address() -> str:
    """This page's address without its query (the claim's link is built on it)."""
    address = str(getattr(st.context, "url", "") or "")
    return address.split("?", 1)[0].split("#", 1)[0]
