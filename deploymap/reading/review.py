"""Reviewed proposals into the store: checked like a file, held to their quotes, saved once.

Every row must pass the events checks, quote its report verbatim, and have its figure and its
place in that quote; a claim already in the store (same source and quote) is not saved twice; the
report's text is kept once, by its SHA-256, in the same transaction as its rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from deploymap.errors import EventFileError, Problem, shown
from deploymap.fields import COLUMNS, VERBATIM_COLUMNS
from deploymap.ingest.events_file import with_all_columns
from deploymap.ingest.validation import validate_events
from deploymap.reading.figures import NUMBER, number_value
from deploymap.reading.places import REGION_WORDS
from deploymap.store.database import Database, ImportResult, sha256_of

# A claim is its source and quote, and (for a sentence with several places or figures) which one.
CLAIM = ("source", "quote", "location", "troops", "counts")


@dataclass(frozen=True)
class SaveResult:
    result: ImportResult
    skipped: int  # claims already in the store under another id (same source and quote)
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
    return name.casefold() in quote.casefold()


def save_report(database: Database, name: str, text: str, rows: pd.DataFrame, actor: str | None = None) -> SaveResult:
    """Check the reviewed rows and save them with the report, in one transaction."""
    events = check_rows(rows, name, text)
    known = database.report_text(sha256_of(text)) is not None
    current = database.quoting(events["quote"].astype(str).tolist())  # only rows that could be the same claim
    claims = dict(zip(zip(*(current[c].astype(str) for c in CLAIM), strict=True), current["event_id"].astype(str),
                      strict=True))
    keys = zip(*(events[c].astype(str) for c in CLAIM), strict=True)
    duplicate = [claims.get(key) not in (None, event_id) for key, event_id in zip(keys, events["event_id"].astype(str),
                                                                                     strict=True)]
    fresh = events[[not d for d in duplicate]]
    result = database.import_events(fresh, origin=f"report {name}", actor=actor, report_texts=[(name, text)])
    return SaveResult(result, sum(duplicate), known)
