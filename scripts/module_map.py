"""The picture of the modules in the README, drawn from the code: ``python scripts/module_map.py``.

Reads every import of ``app.py``, ``deploymap/`` and ``geo/`` (statements and function-level ones),
groups the modules by package, and writes ``docs/modules.svg``: one box per package listing its
modules, one arrow per package that imports another. ``tests/test_layout.py`` checks that the picture
is current and that the packages import each other without a cycle.
"""

from __future__ import annotations

import ast
import html
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "modules.svg"
SUBPACKAGES = ("pages", "view", "reading", "ingest", "store")
# Where each group sits in the picture (column, row), and what it is for, in a few words.
PLACES = {
    "entry points": (1, 0, "the page, and the command line (which uses all)"),
    "deploymap/pages": (1, 1, "Streamlit pages: widgets, layout"),
    "deploymap/reading": (0, 2, "reports into proposed rows"),
    "deploymap/view": (2, 2, "what the page shows"),
    "deploymap/ingest": (1, 3, "files and uploads in"),
    "deploymap/store": (1, 4, "the store of record"),
    "deploymap": (0, 5, "fields, kinds, errors: used by every package"),
    "geo": (2, 5, "geocoding (stands alone)"),
}
BOX_WIDTH, LINE, GAP_X, GAP_Y, MARGIN = 250, 15, 60, 46, 20


def group_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] == "app" or module == "deploymap.__main__":
        return "entry points"
    if parts[0] == "deploymap":
        return f"deploymap/{parts[1]}" if len(parts) > 1 and parts[1] in SUBPACKAGES else "deploymap"
    return "geo" if parts[0] == "geo" else None


def modules() -> dict[str, Path]:
    found = {"app": ROOT / "app.py"}
    for package in ("deploymap", "geo"):
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            if name.endswith(".__init__"):
                continue
            found[name] = path
    return found


def imports() -> dict[str, set[str]]:
    """Group → the groups it imports (any import, at any depth of the module)."""
    edges: dict[str, set[str]] = defaultdict(set)
    for name, path in modules().items():
        source = group_of(name)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            else:
                continue
            for target in targets:
                group = group_of(target)
                if group and group != source:
                    edges[source].add(group)
    return edges


def members() -> dict[str, list[str]]:
    listed: dict[str, list[str]] = defaultdict(list)
    for name, path in modules().items():
        shown = "app.py" if name == "app" else ("__main__.py" if name == "deploymap.__main__" else path.name)
        listed[group_of(name)].append(shown)
    return listed


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle of package imports (there must be none)."""
    found = []

    def visit(node: str, path: list[str]) -> None:
        for target in sorted(edges.get(node, ())):
            if target in path:
                found.append([*path[path.index(target):], target])
            elif target not in done:
                visit(target, [*path, target])
        done.add(node)

    done: set[str] = set()
    for start in sorted(edges):
        visit(start, [start])
    return found


def drawn(source: str, targets: set[str]) -> set[str]:
    """The arrows worth drawing: every package uses the base one, and the command line uses every package."""
    if source == "entry points":
        return {"deploymap/pages"}
    return targets - {"deploymap"}


def svg() -> str:
    listed, edges = members(), imports()
    heights = {group: 44 + LINE * (len(names) + 1) // 2 for group, names in listed.items()}
    row_height = {row: max(heights[g] for g, (_, r, _) in PLACES.items() if r == row) for row in {r for _, r, _ in PLACES.values()}}
    tops, top = {}, MARGIN
    for row in sorted(row_height):
        tops[row] = top
        top += row_height[row] + GAP_Y
    box = {g: (MARGIN + c * (BOX_WIDTH + GAP_X), tops[r], BOX_WIDTH, heights[g]) for g, (c, r, _) in PLACES.items()}
    width = MARGIN * 2 + 3 * BOX_WIDTH + 2 * GAP_X
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{top}" viewBox="0 0 {width} {top}" '
             'font-family="sans-serif">',
             '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" '
             'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#777"/></marker></defs>',
             f'<rect width="{width}" height="{top}" fill="#fff"/>']
    for source in sorted(edges):
        for target in sorted(drawn(source, edges[source])):
            (x1, y1, w1, h1), (x2, y2, w2, h2) = box[source], box[target]
            start = (x1 + w1 / 2, y1 + h1) if y2 > y1 else (x1 + w1 / 2, y1) if y2 < y1 else (x1 + w1, y1 + h1 / 2)
            end = (x2 + w2 / 2, y2) if y2 > y1 else (x2 + w2 / 2, y2 + h2) if y2 < y1 else (x2, y2 + h2 / 2)
            if start[0] > end[0] and y1 == y2:
                start, end = (x1, y1 + h1 / 2), (x2 + w2, y2 + h2 / 2)
            parts.append(f'<line x1="{start[0]:.0f}" y1="{start[1]:.0f}" x2="{end[0]:.0f}" y2="{end[1]:.0f}" '
                         'stroke="#999" stroke-width="1.2" marker-end="url(#a)"/>')
    for group, (x, y, w, h) in box.items():
        colour = "#fde8e6" if group == "entry points" else "#eef3fb" if group != "geo" else "#eaf6ec"
        parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="6" fill="{colour}" stroke="#667"/>')
        parts.append(f'<text x="{x + 8}" y="{y + 17}" font-size="13" font-weight="600">{html.escape(group)}</text>')
        parts.append(f'<text x="{x + 8}" y="{y + 32}" font-size="11" fill="#555">{html.escape(PLACES[group][2])}</text>')
        for i, name in enumerate(sorted(listed[group])):
            column, line = divmod(i, (len(listed[group]) + 1) // 2)
            parts.append(f'<text x="{x + 10 + column * (w // 2)}" y="{y + 50 + line * LINE}" font-size="10.5" '
                         f'font-family="monospace">{html.escape(name)}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> int:
    found = cycles(imports())
    if found:
        print("package imports form a cycle: " + "; ".join(" → ".join(c) for c in found), file=sys.stderr)
        return 1
    OUT.write_text(svg(), encoding="utf-8")
    print(OUT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
