"""Put the map's scripts, styles and images in the app's static folder, from installed packages.

Nothing is copied into the repository: Leaflet comes from the PyPI package
``django-js-lib-leaflet`` (Leaflet 1.9.4, BSD-2-Clause) at install or first start.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from deploymap.errors import DeploymapError
from deploymap.files import FileWriteError, atomic_write

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
            try:
                dst.parent.mkdir(parents=True, exist_ok=True)
                atomic_write(dst, src.read_bytes(), mode=0o644)  # served to the browser: readable by all
            except (OSError, FileWriteError) as exc:
                raise AssetError(f"cannot put {name!r} in {str(target)!r}: {getattr(exc, 'strerror', None) or exc}") from None
        placed.append(dst)
    return placed


if __name__ == "__main__":
    for path in install_static_assets():
        print(path)
