"""Screenshots of the main kinds of page, for a reviewer to look at: artifacts/screenshots/ by default."""

from __future__ import annotations

import struct

import pytest

from .browsing import DESKTOP, SCREENSHOTS, settle
from .sweep import PALETTES, WIDTHS


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def kinds_of_page(site) -> dict[str, str]:
    return {
        "home": "",
        "condition": site.first("conditions/"),
        "technique": site.first("techniques/"),
        "comparison": site.first_with('class="comparison"'),
    }


@pytest.mark.parametrize("palette", PALETTES)
def test_screenshots_of_each_kind_of_page(reader_for, site, palette: str) -> None:
    reader = reader_for(palette)
    tab = reader.tab()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for kind, path in kinds_of_page(site).items():
        tab.set_viewport_size(DESKTOP)
        reader.visit(tab, path)
        for width, viewport in WIDTHS.items():
            tab.set_viewport_size(viewport)
            settle(tab)
            file = SCREENSHOTS / f"{kind}-{width}-{palette}.png"
            shot_width, shot_height = png_size(tab.screenshot(path=file, full_page=True))
            assert shot_width == viewport["width"], f"{file.name} is {shot_width} px wide: the page scrolls sideways"
            assert shot_height >= viewport["height"]
    reader.close(tab)
    assert not reader.trouble
