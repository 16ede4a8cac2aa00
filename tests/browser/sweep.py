"""Open every page of the site once per view (palette and screen size), and run axe on each."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Browser

from .browsing import DESKTOP, PHONE, Reader, Trouble, axe_violations
from .site_build import Site

VIEWS = {
    "light-desktop": ("light", DESKTOP),
    "dark-desktop": ("dark", DESKTOP),
    "light-phone": ("light", PHONE),
    "dark-phone": ("dark", PHONE),
}
THEME_SCHEMES = {"light": "default", "dark": "slate"}


@dataclass(frozen=True)
class PageReport:
    path: str
    color_scheme: str
    overflow_x: int
    """How many CSS pixels the page is wider than the window: a reader would scroll sideways."""
    axe: list[dict]


@dataclass(frozen=True)
class Sweep:
    view: str
    scheme: str
    pages: list[PageReport]
    trouble: Trouble


def run_sweep(browser: Browser, site: Site, view: str) -> Sweep:
    scheme, viewport = VIEWS[view]
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    try:
        reader = Reader(context, site.base_url)
        reports = []
        for path in site.pages():
            page = reader.open(path)
            reports.append(PageReport(
                path=path,
                color_scheme=page.evaluate("document.body.getAttribute('data-md-color-scheme')"),
                overflow_x=page.evaluate("document.documentElement.scrollWidth - window.innerWidth"),
                axe=axe_violations(page),
            ))
            reader.close(page, path)
    finally:
        context.close()
    return Sweep(view, scheme, reports, reader.trouble)
