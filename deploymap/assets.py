"""Put the map's scripts, styles and images in the app's static folder, from installed packages.

Nothing is copied into the repository: Leaflet comes from the PyPI package ``django-js-lib-leaflet``
(Leaflet 1.9.4, BSD-2-Clause), and Leaflet.markercluster from ``XStatic-Leaflet-MarkerCluster``
(1.4.1, MIT), at install or first start. The browser then loads them from the app: no CDN.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from deploymap.errors import DeploymapError
from deploymap.files import FileWriteError, atomic_write

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"


class AssetError(DeploymapError):
    """The map's offline assets cannot be put in place."""


@dataclass(frozen=True)
class Asset:
    """Files of one installed package, served from ``static/<folder>``."""

    package: str  # the importable package that holds the files
    inside: str  # the files' folder inside it
    folder: str
    files: tuple[str, ...]

    def source(self) -> Path:
        """Where the files are in the installed package (found without importing it)."""
        try:
            spec = importlib.util.find_spec(self.package)
        except ModuleNotFoundError:
            spec = None
        if spec is None or not spec.submodule_search_locations:
            raise AssetError(f"package {self.package!r} is not installed; run: pip install -r requirements.txt")
        return Path(next(iter(spec.submodule_search_locations))) / self.inside


LEAFLET = Asset("js_lib_leaflet", "static/js_lib_leaflet", "leaflet", (
    "leaflet.js", "leaflet.css", "images/layers.png", "images/layers-2x.png", "images/marker-icon.png",
    "images/marker-icon-2x.png", "images/marker-shadow.png"))
MARKERCLUSTER = Asset("xstatic.pkg.leaflet_markercluster", "data", "markercluster", (
    "leaflet.markercluster.js", "MarkerCluster.css"))
ASSETS = (LEAFLET, MARKERCLUSTER)


def install_static_assets(static_dir: Path = STATIC_DIR) -> list[Path]:
    """Copy each asset's files into ``static_dir/<folder>`` where missing or changed; return the files in place."""
    placed = []
    for asset in ASSETS:
        source, target = asset.source(), static_dir / asset.folder
        for name in asset.files:
            src, dst = source / name, target / name
            if not src.is_file():
                raise AssetError(f"{src} is missing from the installed {asset.package!r} package")
            if not dst.is_file() or dst.stat().st_size != src.stat().st_size:
                try:
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    atomic_write(dst, src.read_bytes(), mode=0o644)  # served to the browser: readable by all
                except (OSError, FileWriteError) as exc:
                    raise AssetError(f"cannot put {name!r} in {str(target)!r}: "
                                     f"{getattr(exc, 'strerror', None) or exc}") from None
            placed.append(dst)
    return placed


if __name__ == "__main__":
    for path in install_static_assets():
        print(path)
