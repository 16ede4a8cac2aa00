"""Open every page of the site once per palette, and measure it at desktop and at phone width.

Each palette is one reader (a browser context that prefers light or dark) with one tab, which
has axe from the start. The tabs go through the pages side by side: both load a page, then axe
runs in both at once, at desktop width and again at phone width, so the two renderer processes
use both of the machine's cores. Narrowing a loaded page gives axe the same results as loading
it at that width.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass

from playwright.sync_api import Browser, Page, ViewportSize

from .browsing import AXE, DESKTOP, PHONE, ColorScheme, Trouble, axe_result, reading, settle, start_axe
from .site_build import Site

PALETTES: dict[ColorScheme, str] = {"light": "default", "dark": "slate"}
"""The colour scheme a reader's system prefers, and the theme's scheme that should follow from it."""
WIDTHS: dict[str, ViewportSize] = {"desktop": DESKTOP, "phone": PHONE}
VIEWS = [f"{palette}-{width}" for palette in PALETTES for width in WIDTHS]

MEASURE = """() => ({
  colorScheme: document.body.getAttribute("data-md-color-scheme"),
  overflowX: document.documentElement.scrollWidth - window.innerWidth,
})"""


@dataclass(frozen=True)
class PageReport:
    path: str
    color_scheme: str
    overflow_x: int
    """How many CSS pixels the page is wider than the window: a reader would scroll sideways."""
    axe: list[dict]


@dataclass(frozen=True)
class Sweep:
    views: dict[str, list[PageReport]]
    """What each view (palette and width) showed of every page, such as `dark-phone`."""
    trouble: dict[str, Trouble]
    """What went wrong in each palette's reader, at either width."""


def run_sweep(browser: Browser, site: Site) -> Sweep:
    views: dict[str, list[PageReport]] = {view: [] for view in VIEWS}
    with ExitStack() as stack:
        readers = {palette: stack.enter_context(reading(browser, site.base_url, palette)) for palette in PALETTES}
        for reader in readers.values():
            reader.context.add_init_script(path=AXE)
        tabs = {palette: reader.tab() for palette, reader in readers.items()}
        for path in site.pages():
            for palette, tab in tabs.items():
                tab.set_viewport_size(DESKTOP)
                readers[palette].start_visit(tab, path)
            for palette, tab in tabs.items():
                readers[palette].finish_visit(tab)
            for width, viewport in WIDTHS.items():
                for palette, report in measure(tabs, path, viewport).items():
                    views[f"{palette}-{width}"].append(report)
        for palette, tab in tabs.items():
            readers[palette].close(tab)
    return Sweep(views, {palette: reader.trouble for palette, reader in readers.items()})


def measure(tabs: dict[ColorScheme, Page], path: str, viewport: ViewportSize) -> dict[ColorScheme, PageReport]:
    """Each tab's page at this size, with axe running in all the tabs at once."""
    seen = {}
    for palette, tab in tabs.items():
        if tab.viewport_size != viewport:
            tab.set_viewport_size(viewport)
            settle(tab)
        seen[palette] = tab.evaluate(MEASURE)
        start_axe(tab)
    return {
        palette: PageReport(path, seen[palette]["colorScheme"], seen[palette]["overflowX"], axe_result(tab))
        for palette, tab in tabs.items()
    }
