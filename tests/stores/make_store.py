"""Make a small store with a released version of deploymap, for the upgrade tests.

    PYTHONPATH=/path/to/that/checkout python tests/stores/make_store.py STORE_URL

Run it with the code of the version whose stores the next version must open (a ``git worktree`` of
that commit on ``PYTHONPATH``). It uses only the store's public calls, which every released version
has: the shipped seed (21 events and their report), an import of our own CSV, an ACLED import, a
correction, a retraction, a restore, and an update of one row. The stores it made are kept beside it,
named by the commit that made them, and opened by ``tests/test_upgrades.py`` with today's code.
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

OUR_COLUMNS = ["event_id", "event_date", "end_date", "reported_date", "event_type", "status", "source", "location",
               "country", "latitude", "longitude", "geo_precision", "troops", "summary", "quote", "report"]
ROWS = [
    {"event_id": "up-1", "event_date": "2024-12-14", "end_date": "2024-12-15", "reported_date": "2024-12-19",
     "event_type": "battles", "status": "reported", "source": "NIS (South Korea)", "location": "Kursk region",
     "country": "RU", "latitude": "51.73", "longitude": "36.19", "geo_precision": "region", "troops": "100",
     "summary": "About 100 killed", "quote": "At least 100 North Korean soldiers have been killed.", "report": "up.txt"},
    {"event_id": "up-2", "event_date": "2024-11-04", "end_date": "", "reported_date": "2024-11-05",
     "event_type": "deployment", "status": "reported", "source": "DIU (Ukraine)", "location": "Хабаровск",
     "country": "RU", "latitude": "48.46204", "longitude": "135.0971", "geo_precision": "city", "troops": "",
     "summary": "Troops in Khabarovsk, {{7*7}} =1+1", "quote": "  Troops seen, \"quoted\",\nover two lines  ",
     "report": "up.txt"},
    {"event_id": "up-3", "event_date": "2024-10-18", "end_date": "", "reported_date": "2024-10-18",
     "event_type": "statement", "status": "denied", "source": "Kremlin (Russia)", "location": "", "country": "",
     "latitude": "", "longitude": "", "geo_precision": "", "troops": "", "summary": "Denied", "quote": "No troops.",
     "report": "up.txt"},
]
ACLED_LINE = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
              "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
              "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
              "tags,timestamp")
ACLED_HEADER = ACLED_LINE.split(",")


def acled_row(event_id: str, fatalities: str) -> dict:
    row = dict.fromkeys(ACLED_HEADER, "")
    row.update({"event_id_cnty": event_id, "event_date": "14 December 2024", "year": "2024", "event_type": "Battles",
                "sub_event_type": "Armed clash", "actor1": "Military Forces of Russia (2000-)", "iso": "643",
                "country": "Russia", "location": "Sudzha", "latitude": "51.1903", "longitude": "35.2706",
                "geo_precision": "2", "source": "Ukrainska Pravda", "notes": "Test row, not ACLED data.",
                "fatalities": fatalities, "timestamp": "1734480000"})
    return row


def write(path: Path, columns: list[str], rows: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def main(url: str) -> None:
    try:  # where the public calls live has moved between versions; their signatures have not
        from deploymap.dataset import open_store
        from deploymap.importing import import_files
    except ImportError:
        from deploymap.ingest.imports import import_files
        from deploymap.view.dataset import open_store

    database = open_store(url)
    folder = Path(tempfile.mkdtemp())
    ours = write(folder / "ours.csv", OUR_COLUMNS, ROWS)
    acled = write(folder / "acled.csv", ACLED_HEADER, [acled_row("RUS9001", "3"), acled_row("RUS9002", "0")])
    import_files(database, [ours, acled], actor="maker")
    database.correct("up-1", {"troops": 120, "summary": "About 120 killed"}, reason="a later count", actor="maker")
    database.retract("dprk-2024-002", reason="duplicate", actor="maker")
    database.retract("up-3", reason="test", actor="maker")
    database.retract("up-3", reason="test again", actor="maker", restore=True)
    updated = [dict(ROWS[1], summary="Troops in Khabarovsk, seen again")]
    import_files(database, [write(folder / "ours-2.csv", OUR_COLUMNS, updated)], actor="maker")
    print(f"{url}: version {database.version()}, {len(database.snapshot(include_retracted=True))} events")


if __name__ == "__main__":
    main(sys.argv[1])
