"""Time on the page: events per day or week, the stated figures over time, and a claim in its report.

Plain data for the charts (the page draws them with Altair, which Streamlit bundles, so they work
offline); a million events aggregate with integer work, and only figures (rarely more than a few
thousand) are handed to the chart one by one.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

WEEKLY_AFTER_DAYS = 180  # beyond this span, bars are weeks
MAX_POINTS = 1_000  # figures drawn at most (the largest ones): more are a blur, and slow to draw
QUOTE_CHARS = 240


def per_period(events: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """Kept events counted per day (or per week over a long span): columns ``period`` and ``events``."""
    days = events["event_date"].to_numpy().astype("datetime64[D]")[keep]
    days = days[~np.isnat(days)]
    if not len(days):
        return pd.DataFrame({"period": pd.Series(dtype="datetime64[ms]"), "events": pd.Series(dtype="int64")})
    numbers = days.astype("int64")
    first = int(numbers.min())
    weekly = int(numbers.max()) - first > WEEKLY_AFTER_DAYS
    if weekly:  # weeks start on Monday (1970-01-01 was a Thursday)
        first -= (first + 3) % 7
        slots = (numbers - first) // 7
    else:
        slots = numbers - first
    counts = np.bincount(slots)
    present = np.flatnonzero(counts)
    starts = first + present * (7 if weekly else 1)
    frame = pd.DataFrame({"period": starts.astype("datetime64[D]").astype("datetime64[ms]"), "events": counts[present]})
    frame.attrs["bucket"] = "week" if weekly else "day"
    return frame


def figures_over_time(events: pd.DataFrame, keep: np.ndarray) -> pd.DataFrame:
    """Each kept event that states a figure: its date, figure, what it counts, status, source and quote.

    Beyond ``MAX_POINTS`` figures, the largest are kept; ``attrs["stated"]`` says how many there were.
    """
    figure = events["troops"].to_numpy(dtype="float64", na_value=np.nan)
    chosen = np.flatnonzero(keep & np.isfinite(figure))
    stated = len(chosen)  # how many figures there are; the chart shows the largest MAX_POINTS of them
    if len(chosen) > MAX_POINTS:
        chosen = chosen[np.argsort(-figure[chosen], kind="stable")[:MAX_POINTS]]
    def column(name: str) -> pd.Series:  # only the chosen rows of only this column are touched
        return events[name].iloc[chosen].astype(str) if name in events else pd.Series("", index=range(len(chosen)))

    counts = column("counts")
    points = pd.DataFrame({
        "event_id": column("event_id").to_numpy(),
        "date": events["event_date"].to_numpy()[chosen],
        "figure": figure[chosen].astype("int64"),
        "counts": counts.where(counts != "", "troops").to_numpy(),
        "status": column("status").to_numpy(),
        "source": column("source").to_numpy(),
        "quote": [q if len(q) <= QUOTE_CHARS else q[: QUOTE_CHARS - 1] + "…" for q in column("quote")],
    })
    points.attrs["stated"] = stated
    return points


def brushed_dates(selection: object, low: dt.date, high: dt.date) -> tuple[dt.date, dt.date] | None:
    """The date range of a brush on the timeline (Vega-Lite gives epoch milliseconds or ISO text), within
    the data's dates; None when nothing usable is brushed."""
    if not isinstance(selection, dict):
        return None
    values = next((v for v in selection.values() if isinstance(v, (list, tuple)) and len(v) == 2), None)
    if values is None:
        return None
    days = []
    for value in values:
        try:
            if isinstance(value, (int, float)):
                day = dt.datetime.fromtimestamp(value / 1000, dt.UTC).date()
            else:
                day = dt.date.fromisoformat(str(value)[:10])
        except (ValueError, OverflowError, OSError):
            return None
        days.append(day)
    start, end = sorted(days)
    start, end = max(start, low), min(end, high)
    return (start, end) if start <= end else None


def quote_in_report(text: str, quote: str, context: int = 420) -> tuple[str, str, str] | None:
    """The quote with the text around it in its report (before, quote, after), about ``context`` characters
    each side, cut at line or word breaks and marked "…" where cut; None if the quote is not in the report."""
    at = text.find(quote) if quote else -1
    if at < 0:
        return None
    start, end = max(0, at - context), min(len(text), at + len(quote) + context)
    before, after = text[start:at], text[at + len(quote):end]
    if start > 0:
        cut = max(before.find("\n") + 1, before.find(" ") + 1)
        before = "…" + before[cut:]
    if end < len(text):
        cut = max(after.rfind("\n"), after.rfind(" "))
        after = after[:cut if cut > 0 else len(after)] + "…"
    return before, quote, after
