"""The exceptions deploymap raises; the page catches them at one boundary and shows them."""

from __future__ import annotations

from dataclasses import dataclass

MAX_PROBLEMS_SHOWN = 10


class DeploymapError(Exception):
    """Base of every error deploymap raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an events file, placed as precisely as the file allows."""

    message: str
    line: int | None = None
    column: str | None = None
    unit: str = "line"  # "line" for text files (header = line 1), "row" for Parquet

    def where(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(f"{self.unit} {self.line}")
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        return ", ".join(parts)


class EventFileError(DeploymapError):
    """An events file that cannot be used as it is; names the file and every problem found."""

    def __init__(self, path: str, problems: list[Problem], total: int | None = None) -> None:
        self.path = str(path)
        self.problems = list(problems)
        self.total = total if total is not None else len(self.problems)
        super().__init__(self._describe())

    def _describe(self) -> str:
        shown = self.problems[:MAX_PROBLEMS_SHOWN]
        lines = [f"{self.path}: {self.total} problem{'s' if self.total != 1 else ''}"]
        for problem in shown:
            where = problem.where()
            lines.append(f"  {self.path}, {where}: {problem.message}" if where else f"  {self.path}: {problem.message}")
        if self.total > len(shown):
            lines.append(f"  … and {self.total - len(shown)} more")
        return "\n".join(lines)


class ConfigError(DeploymapError):
    """A configuration file or value that cannot be used."""


def shown(value: object, limit: int = 200) -> str:
    """``repr(value)`` cut to about ``limit`` characters: a message quotes a bad value, not a whole file."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}…' ({len(str(value)):,} characters)"
