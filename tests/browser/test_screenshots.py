"""Screenshots of the main kinds of page, for a reviewer to look at: artifacts/screenshots/ by default."""

from __future__ import annotations

import struct

import pytest

from .browsing import DESKTOP, PHONE, SCREENSHOTS

SIZES = {"desktop": DESKTOP, "phone": PHONE}


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def kinds_of_page(site) -> dict[str, str]:
    comparison = [p for p in site.pages() if p.endswith("/") and 'class="comparison"' in site.html(p)]
    return {"home": "", "condition": site.first("conditions/"), "technique": site.first("techniques/"),
            "comparison": comparison[0]}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_each_kind_of_page(reader_for, site, size: str, scheme: str) -> None:
    reader = reader_for(scheme, SIZES[size])
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for kind, path in kinds_of_page(site).items():
        page = reader.open(path)
        file = SCREENSHOTS / f"{kind}-{size}-{scheme}.png"
        width, height = png_size(page.screenshot(path=file, full_page=True))
        reader.close(page, path)
        assert width == SIZES[size]["width"], f"{file.name} is {width} px wide: the page scrolls sideways"
        assert height >= SIZES[size]["height"]
    assert not reader.trouble
