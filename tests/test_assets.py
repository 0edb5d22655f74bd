"""The map's offline files: copied from installed packages, or a clear error."""

from __future__ import annotations

import pytest


def test_offline_assets_that_cannot_be_copied_raise_the_projects_error(tmp_path):
    from deploymap.assets import AssetError, install_static_assets

    (tmp_path / "leaflet").write_text("a file where the folder should be")
    with pytest.raises(AssetError, match=r"cannot put 'leaflet.js' in .*leaflet"):
        install_static_assets(tmp_path)
