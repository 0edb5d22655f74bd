"""The command line: ``python -m deploymap import|export|retract|restore|history|log``.

    python -m deploymap import FILE...                    CSV/Parquet in our schema, or ACLED exports
    python -m deploymap export --format csv|geojson --output FILE [--query "source=NATO&start=2024-10-01"]
    python -m deploymap retract EVENT_ID --reason "…"     hide an event (kept, with its history)
    python -m deploymap restore EVENT_ID --reason "…"
    python -m deploymap extract REPORT [--date YYYY-MM-DD]  proposed rows of a report, as CSV (nothing saved)
    python -m deploymap history EVENT_ID                  every version of one event
    python -m deploymap log                               the changes, newest first
    python -m deploymap geocode EVENTS_CSV                fill missing coordinates, changing only those cells
    python -m deploymap sources [merge NAME INTO --reason "…"]  the sources; merge or rename one
    python -m deploymap prepare [EVENTS]                  check a file and make its typed copy before anyone opens it

The store is ``DEPLOYMAP_DATABASE`` (default: the SQLite file under ``var/``); ``export`` reads
``DEPLOYMAP_EVENTS`` instead when it is set, as the page does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import parse_qs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploymap", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add = commands.add_parser("import", help="add events files to the store (all checked first)")
    add.add_argument("files", nargs="+", type=Path)
    out = commands.add_parser("export", help="write the events of a view as CSV or GeoJSON")
    out.add_argument("--format", choices=("csv", "geojson"), required=True)
    out.add_argument("--output", type=Path, required=True, help="a file, a device or pipe, or - for standard output")
    out.add_argument("--query", default="", help="the page's URL parameters, e.g. 'source=NATO&start=2024-10-01'")
    for name in ("retract", "restore"):
        one = commands.add_parser(name, help=f"{name} one event (a new version; nothing is deleted)")
        one.add_argument("event_id")
        one.add_argument("--reason", required=True)
    extract = commands.add_parser("extract", help="propose event rows from a report's text, as CSV (nothing is saved)")
    extract.add_argument("report", type=Path)
    extract.add_argument("--date", help="the report's date (YYYY-MM-DD) when it has no dateline")
    commands.add_parser("history", help="every version of one event").add_argument("event_id")
    commands.add_parser("log", help="the store's changes, newest first")
    sources = commands.add_parser("sources", help="the sources and how many events each has; merge or rename one")
    sources_commands = sources.add_subparsers(dest="sources_command")
    merge = sources_commands.add_parser("merge", help="make NAME a name of INTO (a rename when INTO is new): every event "
                                                      "of NAME gets INTO, and the reader proposes INTO from then on")
    merge.add_argument("name")
    merge.add_argument("into")
    merge.add_argument("--reason", required=True)
    geocode = commands.add_parser("geocode", help="fill the coordinates an events CSV lacks, changing only those cells")
    geocode.add_argument("events", type=Path, help="events CSV in the deploymap schema; rewritten in place")
    geocode.add_argument("--config", type=Path, default=None, help="settings file (default: deploymap.toml)")
    prepare = commands.add_parser("prepare", help="check an events file and make its typed copy now, so that the "
                                                  "page's first open takes a second (default: DEPLOYMAP_EVENTS)")
    prepare.add_argument("events", type=Path, nargs="?")
    args = parser.parse_args(argv)

    from deploymap.errors import DeploymapError

    try:
        return COMMANDS[args.command](args)
    except DeploymapError as exc:
        from deploymap.text import escape_controls

        # A file name is data: no escape sequence reaches the terminal (the message's own lines stay lines).
        print("\n".join(escape_controls(line) for line in str(exc).split("\n")), file=sys.stderr)
        return 2


def _import(args: argparse.Namespace) -> int:
    from deploymap.ingest.imports import import_files
    from deploymap.view.dataset import open_store

    database = open_store(_store_url())
    for path, result in zip(args.files, import_files(database, args.files, actor=_actor()), strict=True):
        print(f"{path}: {result.describe()}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from deploymap.config import load_settings
    from deploymap.view.dataset import event_source, load_placed
    from deploymap.view.export import events_to_csv, events_to_geojson
    from deploymap.view.filters import CHOICE_FILTERS, filter_mask
    from deploymap.view.url_state import parse_view
    from geo import Resolver

    settings = load_settings()
    source = event_source()
    placement = load_placed(source, lambda: Resolver.from_settings(settings.geo))
    events = placement.events
    choices = {one.field.name: one.options(events) for one in CHOICE_FILTERS}
    view, notices = parse_view(parse_qs(args.query.lstrip("?"), keep_blank_values=True), choices)
    for notice in notices:
        print(f"note: {notice}", file=sys.stderr)
    chosen = events[filter_mask(events, view)]
    if args.format == "csv":
        data, note = events_to_csv(chosen), f"{len(chosen):,} events"
    else:
        data, left_out = events_to_geojson(chosen)
        note = f"{len(chosen) - left_out:,} events as features; {left_out:,} left out for lack of coordinates"
    _write(args.output, data)
    # The summary goes to stderr: the data itself may be going to stdout (``--output -`` or /dev/stdout).
    print(f"{args.output}: {note} from {source.label()}", file=sys.stderr)
    return 0


def _extract(args: argparse.Namespace) -> int:
    import datetime as dt
    import io

    from deploymap.errors import DeploymapError
    from deploymap.files import read_input
    from deploymap.kinds import neutralize_formula
    from deploymap.reading.document import report_date, report_from_bytes
    from deploymap.reading.extraction import extract, proposals_frame
    from deploymap.reading.pool import MAX_REPORT_CHARS, check_length
    from geo.gazetteer import Gazetteer

    data = read_input(args.report, limit=4 * MAX_REPORT_CHARS)  # UTF-8 takes at most four bytes a character
    text, published = report_from_bytes(str(args.report), data)  # a saved page: the article, and the page's date
    check_length(text, str(args.report))
    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise DeploymapError(f"--date must be YYYY-MM-DD, got {args.date!r}") from None
    found, cue, origin = report_date(text, day, published)
    if found is not None:  # said on stderr: the rows go to stdout
        print(f"{args.report}: dated {found}" + (f", from {origin}: {cue!r}" if origin else ", as given"), file=sys.stderr)
    try:
        proposals = extract(text, args.report.name, Gazetteer.default(), day, published=published)
    except ValueError as exc:
        if found is None and cue:  # "MOSCOW, November 1.": a day without a year, and nothing in the report gives it
            raise DeploymapError(f"{args.report}: its dateline {cue!r} gives no year; give the date with --date "
                                 "YYYY-MM-DD") from None
        raise DeploymapError(f"{args.report}: {exc} with --date YYYY-MM-DD") from None
    frame = proposals_frame(proposals, args.report.name).map(neutralize_formula)  # safe to open in a spreadsheet
    out = io.StringIO()
    frame.to_csv(out, index=False, lineterminator="\n")
    sys.stdout.write(out.getvalue())
    return 0


def _retract(args: argparse.Namespace, restore: bool = False) -> int:
    from deploymap.view.dataset import open_store

    change = open_store(_store_url()).retract(args.event_id, args.reason, _actor(), restore=restore)
    print(f"change {change}: event {args.event_id!r} {'restored' if restore else 'retracted'}")
    return 0


def _history(args: argparse.Namespace) -> int:
    from deploymap.fields import BY_NAME
    from deploymap.text import escape_controls
    from deploymap.view.dataset import open_store

    database = open_store(_store_url())
    versions = database.versions(args.event_id)
    if not versions:
        print(f"no event {escape_controls(repr(args.event_id))} in the store", file=sys.stderr)
        return 2
    first = database.history(args.event_id).iloc[0]
    for version in versions:  # what each version changed, field by field (old → new)
        print(escape_controls(f"version {version.version_id} · change {version.change_id} · {version.at} · "
                              f"{version.actor} · {version.action}{' (retracted)' if version.retracted else ''} · "
                              f"{version.origin}"))
        if version is versions[0]:
            shown = [(name, BY_NAME[name].kind.shown(first[name])) for name in BY_NAME]
            print("  " + escape_controls(" · ".join(f"{name} {value}" for name, value in shown if value)))
        for name, old, new in version.differences:
            print("  " + escape_controls(f"{name}: {old or '(empty)'} → {new or '(empty)'}"))
        if version.reason:
            print("  " + escape_controls(f"reason: {version.reason}"))
    return 0


def _log(args: argparse.Namespace) -> int:
    from deploymap.view.dataset import open_store

    print(_table(open_store(_store_url()).changes(), 80))
    return 0


def _table(frame, width: int) -> str:
    """A frame as text for a terminal: control characters in its cells are shown escaped, never sent raw
    (event text could otherwise clear the screen or retitle the window)."""
    from deploymap.text import escape_controls

    return frame.map(lambda value: escape_controls(str(value))).to_string(index=False, max_colwidth=width)


def _actor() -> str:
    """The command line acts as the operating-system user, labelled so in the change log."""
    from deploymap.store.database import current_user

    return f"{current_user()} (command line)"


def _store_url() -> str:
    from deploymap.store.database import default_url

    return default_url()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``: a file in one step, through a link, or straight to a device or pipe."""
    from deploymap.files import write_file

    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(path, data)


def _sources(args: argparse.Namespace) -> int:
    from deploymap.view.dataset import open_store

    database = open_store(_store_url())
    if args.sources_command == "merge":
        change = database.merge_source(args.name, args.into, args.reason, _actor())
        print(f"change {change}: {args.name!r} is now {args.into!r}")
        return 0
    aliases: dict[str, list[str]] = {}
    for alias, canonical in database.source_aliases():
        aliases.setdefault(canonical, []).append(alias)
    frame = database.sources()
    frame["also named"] = ["; ".join(aliases.get(name, [])) for name in frame["source"]]
    print(_table(frame, 80))
    return 0


def _prepare(args: argparse.Namespace) -> int:
    import os

    from deploymap.errors import shown
    from deploymap.ingest.typed_copy import copy_is_current, make_copy
    from geo import default_cache_dir

    path = args.events or (Path(os.environ["DEPLOYMAP_EVENTS"]) if os.environ.get("DEPLOYMAP_EVENTS") else None)
    if path is None:
        print("name an events file, or set DEPLOYMAP_EVENTS", file=sys.stderr)
        return 2
    if copy_is_current(path, default_cache_dir()):
        print(f"{path}: its checked copy is up to date", file=sys.stderr)
        return 0
    if not Path(path).is_file():
        print(f"{shown(str(path))}: no such file", file=sys.stderr)
        return 2
    make_copy(path, default_cache_dir(), progress=lambda done, what: print(f"{done:4.0%} {what}", file=sys.stderr))
    if not copy_is_current(path, default_cache_dir()):  # the cache folder could not be written
        print(f"{shown(str(path))}: checked, but its copy could not be written in {shown(str(default_cache_dir()))}; "
              "the dashboard would read the whole file on each first open (set DEPLOYMAP_CACHE_DIR to a folder it may "
              "write)", file=sys.stderr)
        return 2
    print(f"{path}: checked; its copy is in {default_cache_dir()}", file=sys.stderr)
    return 0


def _geocode(args: argparse.Namespace) -> int:
    from deploymap.ingest.geocode_file import geocode_file

    return geocode_file(args.events, args.config)


COMMANDS = {"import": _import, "export": _export, "extract": _extract, "retract": _retract,
            "restore": lambda args: _retract(args, restore=True), "history": _history, "log": _log,
            "geocode": _geocode, "sources": _sources, "prepare": _prepare}


if __name__ == "__main__":
    sys.exit(main())
