"""Reviewed proposals into the store: checked like a file, held to their quotes, saved once.

Every row must pass the events checks, quote its report verbatim, and have its figure and its
place in that quote. A claim already in the store is not saved twice: the same source, date, place,
figure and what it counts (whatever words another report quoted it with), or, for a claim with no
figure and no place, the same source and quote. The report's text is kept once, by its SHA-256, in
the same transaction as its rows. An analyst's edits keep the summary in step with the fields.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pandas as pd

from deploymap.errors import EventFileError, Problem, shown
from deploymap.fields import COLUMNS, VERBATIM_COLUMNS
from deploymap.ingest.events_file import with_all_columns
from deploymap.ingest.validation import validate_events
from deploymap.reading.figures import NUMBER, number_value
from deploymap.reading.places import REGION_WORDS, named_in
from deploymap.store.database import Database, ImportResult, sha256_of

SUMMARY_FIELDS = ("source", "troops", "counts", "location", "status", "event_type")  # what a summary is made of


@dataclass(frozen=True)
class SaveResult:
    result: ImportResult
    skipped: int  # claims already in the store under another id
    report_known: bool  # the same report text was already stored


def check_rows(rows: pd.DataFrame, report: str, text: str) -> pd.DataFrame:
    """The reviewed rows (text cells) as typed events, or EventFileError naming each row and column.

    Beyond the events checks: the quote is a verbatim part of the report, and the figure and the place
    appear in the quote (an edited figure or place the quote does not support is refused).
    """
    raw = with_all_columns(rows.fillna("").astype(str).reset_index(drop=True))
    for column in raw.columns:
        if column not in VERBATIM_COLUMNS:
            raw[column] = raw[column].str.strip()
    raw = raw[list(COLUMNS)]
    problems = []
    for position, row in raw.iterrows():
        quote = row["quote"]
        if quote and quote not in text:
            problems.append(Problem("is not a verbatim part of the report", position + 1, "quote", "row"))
        if row["troops"] and quote and not figure_in(row["troops"], quote):
            problems.append(Problem(f"is not stated in the quote, got {shown(row['troops'])}", position + 1, "troops", "row"))
        if row["location"] and quote and not place_in(row["location"], quote):
            problems.append(Problem(f"is not named in the quote, got {shown(row['location'])}", position + 1, "location", "row"))
    if problems:
        raise EventFileError(f"proposed rows of {report}", problems)
    return validate_events(raw, f"proposed rows of {report}", lambda positions: [p + 1 for p in positions], unit="row")


def figure_in(figure: str, quote: str) -> bool:
    """Whether the quote states ``figure``: in digits (1,500 / 1500 / 1 500), in words ("ten-thousand",
    "15-hundred", "four-thousand-100"), or as the lower bound of a range."""
    try:
        value = int(figure)
    except ValueError:
        return False
    digits = re.sub(r"(?<=\d)[,\s](?=\d{3}\b)", "", quote)
    if re.search(rf"(?<![\d.]){value}(?![\d])", digits):
        return True
    return any(number_value(match.group(0)) == value for match in NUMBER.finditer(quote))


def place_in(location: str, quote: str) -> bool:
    """Whether the quote names the place (a region by its name: "Kursk region" in "the Kursk region")."""
    name = re.sub(rf"\s+(?:{'|'.join(REGION_WORDS)})$", "", location.strip(), flags=re.IGNORECASE)
    return named_in(name, quote)


def save_report(database: Database, name: str, text: str, rows: pd.DataFrame, actor: str | None = None) -> SaveResult:
    """Check the reviewed rows and save them with the report, in one transaction."""
    events = check_rows(rows, name, text)
    known = database.report_text(sha256_of(text)) is not None
    current = database.by_sources(sorted(set(events["source"].astype(str))))  # only rows that could be the same claim
    stored = {claim_key(row): row["event_id"] for row in _text_rows(current)}
    duplicate = [stored.get(claim_key(row)) not in (None, row["event_id"]) for row in _text_rows(events)]
    fresh = events[[not d for d in duplicate]]
    result = database.import_events(fresh, origin=f"report {name}", actor=actor, report_texts=[(name, text)])
    return SaveResult(result, sum(duplicate), known)


def claim_key(row: dict) -> tuple:
    """What makes two rows the same claim: source, date, place, figure and what it counts; without a figure or a
    place, the source and the quote."""
    place, figure = row["location"].strip().casefold(), row["troops"].strip()
    if place or figure:
        return ("claim", row["source"], row["event_date"][:10], place, figure, row["counts"] or "troops")
    return ("quote", row["source"], row["quote"])


def _text_rows(events: pd.DataFrame) -> list[dict]:
    columns = ("event_id", "source", "event_date", "location", "troops", "counts", "quote")
    return [{c: "" if pd.isna(v) else str(v) for c, v in zip(columns, values, strict=True)}
            for values in zip(*(events[c].tolist() for c in columns), strict=True)]


def summary(row: dict) -> str:
    """One line in our words, from a row's fields (the reader's, or an analyst's after an edit)."""
    source = row.get("source") or "The report"
    figure = str(row.get("troops") or "").strip()
    what = f"{int(figure):,} {row.get('counts') or 'troops'}" if figure.isdigit() else (row.get("event_type") or "claim")
    place = str(row.get("location") or "").strip()
    return f"{source}: {what}{f' ({place})' if place else ''}, {row.get('status') or 'reported'}."


def with_summaries(edited: pd.DataFrame, proposed: pd.DataFrame) -> pd.DataFrame:
    """Summaries in step with edits: a row whose source, figure, place, status or type an analyst changed gets its
    summary made again, unless the analyst wrote the summary too."""
    before = {row["event_id"]: row for row in proposed.fillna("").astype(str).to_dict("records")}
    edited = edited.copy()
    for position, row in edited.iterrows():
        old = before.get(row["event_id"])
        changed = old is None or any(str(row[f]) != old[f] for f in SUMMARY_FIELDS)
        untouched = (old is None and not str(row["summary"]).strip()) or (old is not None and row["summary"] == old["summary"])
        if changed and untouched:
            edited.at[position, "summary"] = summary(row.to_dict())
    return edited


def report_name(day: dt.date, publication: str, text: str) -> str:
    """A file-like name for the report: its date, its publication, and a short digest of its text."""
    slug = "-".join(filter(None, "".join(ch.lower() if ch.isalnum() else " " for ch in publication).split()))[:40]
    return f"{day.isoformat()}-{slug or 'report'}-{sha256_of(text)[:8]}.txt"


def fill_new_rows(rows: pd.DataFrame, report: str, day: dt.date) -> pd.DataFrame:
    """Rows the analyst added get an id, the report and its date; every cell is text (empty, never "None")."""
    rows = with_all_columns(rows.astype(object).where(rows.notna(), "").astype(str).reset_index(drop=True))
    for position in rows.index[rows["event_id"] == ""]:
        rows.at[position, "event_id"] = f"{report.removesuffix('.txt')}-added-{position + 1:03d}"
    rows.loc[rows["report"] == "", "report"] = report
    rows.loc[rows["reported_date"] == "", "reported_date"] = day.isoformat()
    rows.loc[rows["wording"] == "", "wording"] = "verbatim"
    return rows
