"""CSV records with the exact text they occupy, so a file can be changed one cell at a time.

``python -m geo`` fills a few cells of a user's file. Re-writing the whole file with the csv
module would change what the user did not ask to change: quoting, line endings, a byte-order
mark, the final newline. Here each record keeps its own text; only the cells that change are
written again, quoted so they read back exactly as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deploymap.errors import DeploymapError

_QUOTED = re.compile(r'"((?:[^"]|"")*+)"', re.S)  # possessive: an unclosed quote fails fast
_UNQUOTED = re.compile(r'[^,\r\n]*')
_LINE_BREAK = re.compile(r"\r\n|\n|\r")
# A cell must be quoted if it holds any of these, or if it starts or ends with white space.
_NEEDS_QUOTES = re.compile(r'[,"\r\n]|^\s|\s$')


class CsvRecordError(DeploymapError):
    """Text that cannot be split into CSV records exactly."""


@dataclass(frozen=True)
class Cell:
    start: int  # offsets into the text: the cell's raw text, quotes included
    end: int
    value: str


@dataclass(frozen=True)
class Record:
    line: int  # the line the record starts on (1-based)
    cells: tuple[Cell, ...]

    @property
    def values(self) -> list[str]:
        return [cell.value for cell in self.cells]

    @property
    def blank(self) -> bool:
        return len(self.cells) == 1 and self.cells[0].start == self.cells[0].end


def split_records(text: str, name: str = "<text>") -> list[Record]:
    """Every record of ``text`` (comma-separated, double-quoted), blank lines included."""
    records: list[Record] = []
    position, line, size = 0, 1, len(text)
    while position < size:
        start_line, cells = line, []
        while True:
            if text.startswith('"', position):
                match = _QUOTED.match(text, position)
                if match is None:
                    raise CsvRecordError(f"{name}, line {line}: a quoted cell is never closed")
                value = match.group(1).replace('""', '"')
                line += len(_LINE_BREAK.findall(match.group(0)))
            else:
                match = _UNQUOTED.match(text, position)
                value = match.group(0)
                if '"' in value:
                    raise CsvRecordError(f"{name}, line {line}: a double quote inside an unquoted cell, got {value[:80]!r}")
            cells.append(Cell(position, match.end(), value))
            position = match.end()
            if text.startswith(",", position):
                position += 1
                continue
            if position >= size:
                break
            ending = _LINE_BREAK.match(text, position)
            if ending is None:
                raise CsvRecordError(f"{name}, line {line}: unexpected {text[position]!r} after a quoted cell")
            position, line = ending.end(), line + 1
            break
        records.append(Record(start_line, tuple(cells)))
    return records


def quote_cell(value: str) -> str:
    """``value`` as CSV text that any reader, ours included, reads back unchanged."""
    return '"' + value.replace('"', '""') + '"' if _NEEDS_QUOTES.search(value) else value


def replace_cells(text: str, changes: dict[Cell, str]) -> str:
    """``text`` with each given cell's raw text replaced by its new value; all else unchanged."""
    pieces, position = [], 0
    for cell in sorted(changes, key=lambda c: c.start):
        pieces += [text[position:cell.start], quote_cell(changes[cell])]
        position = cell.end
    pieces.append(text[position:])
    return "".join(pieces)
