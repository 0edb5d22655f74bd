"""Put the map's scripts, styles and images in the app's static folder, from installed packages.

Nothing is copied into the repository: Leaflet comes from the PyPI package
``django-js-lib-leaflet`` (Leaflet 1.9.4, BSD-2-Clause) at install or first start.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
from pathlib import Path

from deploymap.errors import DeploymapError

LEAFLET_PACKAGE = "js_lib_leaflet"
LEAFLET_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


class AssetError(DeploymapError):
    """The map's offline assets cannot be put in place."""


def leaflet_source() -> Path:
    """The folder of Leaflet's dist files inside the installed package (without importing it)."""
    spec = importlib.util.find_spec(LEAFLET_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise AssetError(f"package {LEAFLET_PACKAGE!r} is not installed; run: pip install -r requirements.txt")
    return Path(next(iter(spec.submodule_search_locations))) / "static" / LEAFLET_PACKAGE


def install_static_assets(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Copy Leaflet into ``static_dir/leaflet`` where missing or changed; return the files in place."""
    source = leaflet_source()
    target = static_dir / "leaflet"
    placed = []
    for name in LEAFLET_FILES:
        src, dst = source / name, target / name
        if not src.is_file():
            raise AssetError(f"{src} is missing from the installed {LEAFLET_PACKAGE!r} package")
        if not dst.is_file() or dst.stat().st_size != src.stat().st_size:
            tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
            try:
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, tmp)
                os.replace(tmp, dst)
            except OSError as exc:
                with contextlib.suppress(OSError):
                    tmp.unlink(missing_ok=True)
                raise AssetError(f"cannot put {name!r} in {str(target)!r}: {exc.strerror or exc}") from None
        placed.append(dst)
    return placed


if __name__ == "__main__":
    for path in install_static_assets():
        print(path)
