"""Open pages in headless Chromium the way a reader would, and record what goes wrong.

Every request to a host other than the site's own is blocked and recorded, and so are
console errors, uncaught script errors and Content-Security-Policy violations.

A page counts as open once its `load` event has fired and the theme's search has loaded its
index: then every request the page makes by itself has been made.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, FloatRect, Locator, Page, Route, ViewportSize

from .site_build import ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium")  # scripts/setup-browser sets it
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = "java"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 360, "height": 780}
ColorScheme = Literal["light", "dark", "no-preference"]
"""The colour scheme a reader's system prefers."""
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "artifacts" / "screenshots"))


def tools_required() -> bool:
    """Whether a missing browser tool fails the run instead of skipping: under CI, and from scripts/test."""
    return os.environ.get("CI", "").lower() in ("1", "true", "yes") or os.environ.get("BROWSER_TESTS") == "required"


WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
});
"""
SETTLE = """() => document.getAnimations()
  .filter(animation => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
  .forEach(animation => animation.finish())"""

SEARCH_READY = """() => {
  const meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
  return meta !== null && meta.textContent.trim() !== "Initializing search";
}"""

START_AXE = """tags => {
  window.__axe = axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
    .then(result => result.violations);
}"""


@dataclass
class Trouble:
    """What went wrong while a page was open, by kind."""

    offsite_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.offsite_requests or self.console_errors or self.csp_violations)


class Reader:
    """One browser context (a reader's preferred palette and window) that records trouble page by page.

    A tab can go from page to page (`visit`), which is faster than a new tab for each page.
    """

    def __init__(self, context: BrowserContext, base_url: str):
        self.context = context
        self.base_url = base_url
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
        self.trouble = Trouble()
        self._paths: dict[Page, str] = {}
        context.add_init_script(WATCH_CSP)
        context.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url == self.origin or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.trouble.offsite_requests.append(url)
            route.abort("blockedbyclient")

    def _error(self, page: Page, text: str) -> None:
        self.trouble.console_errors.append(f"{self._paths.get(page, page.url)}: {text}")

    def tab(self) -> Page:
        """A new, empty tab whose errors are recorded."""
        page = self.context.new_page()

        def console(message: ConsoleMessage) -> None:
            if message.type == "error":
                self._error(page, message.text)

        page.on("console", console)
        page.on("pageerror", lambda error: self._error(page, f"uncaught {error}"))
        return page

    def open(self, path: str) -> Page:
        """A new tab on the page at `path` (relative to the site's base), once it is open."""
        return self.visit(self.tab(), path)

    def visit(self, page: Page, path: str) -> Page:
        """Take the tab `page` to `path`, once what it saw on the page it leaves is recorded."""
        self.start_visit(page, path)
        return self.finish_visit(page)

    def start_visit(self, page: Page, path: str) -> None:
        """Send the tab to `path` without waiting for it to load, so that other tabs can load meanwhile."""
        if page in self._paths:
            self._record_policy_violations(page)
        self._paths[page] = path
        page.goto(self.base_url + path, wait_until="commit")

    def finish_visit(self, page: Page) -> Page:
        page.wait_for_load_state("load")
        page.wait_for_function(SEARCH_READY)
        return page

    def close(self, page: Page) -> None:
        """Close a tab, first recording the policy violations it saw."""
        self._record_policy_violations(page)
        self._paths.pop(page, None)
        page.close()

    def _record_policy_violations(self, page: Page) -> None:
        path = self._paths.get(page, page.url)
        self.trouble.csp_violations += [f"{path}: {v}" for v in page.evaluate("window.__cspViolations || []")]


@contextmanager
def reading(
    browser: Browser,
    base_url: str,
    scheme: ColorScheme = "light",
    viewport: ViewportSize | None = None,
    **options: Any,
) -> Iterator[Reader]:
    """A reader in a browser context of its own, which prefers `scheme` and has the window `viewport`."""
    context = browser.new_context(color_scheme=scheme, viewport=viewport or DESKTOP, **options)
    try:
        yield Reader(context, base_url)
    finally:
        context.close()


def start_axe(page: Page) -> None:
    """Start axe on the page as it is now, without waiting for it: `axe_result` collects the result."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    page.evaluate(START_AXE, WCAG_TAGS)


def axe_result(page: Page) -> list[dict]:
    return page.evaluate("() => window.__axe")


def axe_violations(page: Page) -> list[dict]:
    start_axe(page)
    return axe_result(page)


def axe_problems(reader: Reader, paths: Iterable[str]) -> list[str]:
    """Every axe violation on each page, described; each page is opened and closed in turn."""
    problems: list[str] = []
    for path in paths:
        page = reader.open(path)
        problems += describe_violations(path, axe_violations(page))
        reader.close(page)
    return problems


def describe_violations(path: str, violations: list[dict]) -> list[str]:
    return [
        f"{path}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}" for v in violations
    ]


def box(element: Locator) -> FloatRect:
    """Where an element is drawn on the page; the test fails if it is not drawn at all."""
    drawn = element.bounding_box()
    assert drawn is not None, f"{element} is not drawn"
    return drawn


def settle(page: Page) -> None:
    """Bring every running transition to its end, so the page is measured as a reader sees it once it stops.

    Finishing them at once gives the same styles and boxes as waiting for them, a tenth of a
    second for each focus move, without the wait.
    """
    page.evaluate(SETTLE)


def search(page: Page, query: str) -> list[str]:
    """Search the site for `query` from a freshly opened page; the paths of the results, best first.

    The query goes in whole, then a key is released in the box, so the theme searches once, for it.
    """
    meta = page.locator(".md-search-result__meta")
    placeholder = (meta.text_content() or "").strip()
    box = page.locator(".md-search__input")
    box.focus()
    box.fill(query)
    box.press("End")
    page.wait_for_function(
        "([meta, placeholder]) => meta.textContent.trim() !== placeholder", arg=[meta.element_handle(), placeholder]
    )
    settle(page)
    return [
        urlsplit(href).path
        for href in page.locator(".md-search-result__link").evaluate_all("links => links.map(link => link.href)")
    ]
