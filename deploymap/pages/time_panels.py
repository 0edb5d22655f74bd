"""The dashboard's time panels: the brushable timeline, the estimates over time, and a claim in its report.

Widgets and charts only; the data comes from ``deploymap.view.timeline``. Charts are Vega-Lite (bundled
with Streamlit, so they draw offline). Each interaction writes session state in a callback, so the
page that follows is drawn with it: a brush sets the date filter (and so the URL), a point limits
the table to its claims.
"""

from __future__ import annotations

import datetime as dt
import html

import numpy as np
import pandas as pd
import streamlit as st

from deploymap.text import md
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


def estimates(events: pd.DataFrame, keep: np.ndarray, ids_key: str) -> None:
    """Each stated figure at its date, coloured by what it counts, shaped by status; a click picks its claims."""
    points = figures_over_time(events, keep)
    if points.empty:
        return

    def on_pick() -> None:
        chosen = (st.session_state.get(ESTIMATES_KEY) or {}).get("selection", {}).get("pick") or []
        ids = tuple(str(p.get("event_id")) for p in chosen if isinstance(p, dict) and p.get("event_id"))
        st.session_state[ids_key] = ids or None

    st.subheader("Estimates over time")
    st.vega_lite_chart(points, estimates_spec(), key=ESTIMATES_KEY, on_select=on_pick, selection_mode="pick",
                       width="stretch")
    stated = points.attrs.get("stated", len(points))
    capped = f" The {len(points):,} largest of {stated:,} figures are drawn." if stated > len(points) else ""
    st.caption("Each figure a claim states, at its date: colour says what it counts, shape how sure the claim is. "
               f"Hover for source and quote; click a point to list its claim in the table.{capped}")


def estimates_spec() -> dict:
    """The estimates as a Vega-Lite spec: one point per figure, a click selection named ``pick`` by event_id.

    Vega renders tooltip values as text, so source and quote cannot become markup.
    """
    return {
        "mark": {"type": "point", "filled": True, "size": 90, "opacity": 0.85},
        "height": 240,
        "encoding": {
            "x": {"field": "date", "type": "temporal", "title": None, "axis": {"format": "%Y-%m-%d", "labelAngle": 0}},
            "y": {"field": "figure", "type": "quantitative", "title": "figure"},
            "color": {"field": "counts", "type": "nominal", "title": "counts"},
            "shape": {"field": "status", "type": "nominal", "title": "status",
                      "scale": {"domain": list(STATUS_SHAPES), "range": list(STATUS_SHAPES.values())}},
            "tooltip": [{"field": "date", "type": "temporal", "format": "%Y-%m-%d"},
                        *({"field": name, "type": kind} for name, kind in
                          (("figure", "quantitative"), ("counts", "nominal"), ("status", "nominal"),
                           ("source", "nominal"), ("quote", "nominal")))],
        },
        "params": [{"name": "pick", "select": {"type": "point", "fields": ["event_id"], "on": "click"}}],
    }


def claim_panel(row: pd.Series, report: str | None) -> None:
    """One claim in full: summary, source, dates, and its quote marked inside its report's text."""
    dates = f"{row['event_date']:%Y-%m-%d}" + (f" to {row['end_date']:%Y-%m-%d}" if pd.notna(row["end_date"]) else "")
    place = str(row["location"]) or "no place named"
    st.markdown("**The claim**")
    st.text(f"{row['summary']}\n{row['source']} · {dates} · {place} · {row['status']}")  # text: never Markdown
    parts = quote_in_report(report or "", str(row["quote"]))
    if parts is None:
        st.caption("The quote (its report's text is not kept here):")
        st.text(str(row["quote"]))
        return
    before, quote, after = (html.escape(part) for part in parts)
    st.caption(md("The quote in its report, {report}:", report=row["report"]))
    # Escaped text in a scrolling box: the report is data, shown as it was written.
    st.html(f'<div data-testid="claim-in-report" style="max-height:260px;overflow:auto;white-space:pre-wrap;'
            f'font-size:.9rem;border:1px solid #ddd;border-radius:6px;padding:8px">{before}'
            f'<mark id="claim-quote" style="background:#ffe58a">{quote}</mark>{after}</div>')
