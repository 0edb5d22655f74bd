"""The layout the README describes: packages along the path of the data, no cycle, Streamlit only in the
pages, kinds decided in one module, and the picture of the modules drawn from the code as it is."""

from __future__ import annotations

import ast
import subprocess
import sys

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import module_map


def test_the_picture_of_the_modules_is_current():
    assert (ROOT / "docs" / "modules.svg").read_text(encoding="utf-8") == module_map.svg(), \
        "run: python scripts/module_map.py"


def test_packages_import_each_other_without_a_cycle():
    assert module_map.cycles(module_map.imports()) == []


def test_geo_stands_alone_and_the_base_imports_no_package_above_it():
    edges = module_map.imports()
    assert edges.get("geo", set()) == set()
    assert edges.get("deploymap", set()) <= {"geo"}
    assert edges.get("deploymap/store", set()) <= {"deploymap"}


def test_streamlit_is_imported_only_by_the_pages():
    for name, path in module_map.modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        if "streamlit" in imported or "streamlit_folium" in imported:
            assert name == "app" or name.startswith("deploymap.pages."), f"{name} imports Streamlit"


def test_no_code_branches_on_a_fields_kind_outside_the_kinds_module():
    # A field's behaviour lives on its kind: a comparison of a field's kind, or an isinstance test
    # against one of the kinds, elsewhere is the ladder the kinds module exists to avoid.
    ladder = (r"(field|column|spec)s?\.kind\s*(==|!=|is |in )"
              r"|isinstance\([^,]*\.kind, *\(?(kinds\.)?(Text|Choice|Date|WholeNumber|Coordinate)")
    found = subprocess.run(["git", "grep", "-nE", ladder, "--", "*.py", ":!deploymap/kinds.py", ":!tests/*", ":!bench/naive.py"], cwd=ROOT,
                           capture_output=True, text=True).stdout
    assert found == ""
