"""Open pages in headless Chromium the way a reader would, and record what goes wrong.

Every request to a host other than the site's own is blocked and recorded, and so are
console errors, uncaught script errors and Content-Security-Policy violations.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Page, Route

from .site_build import ROOT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium")  # scripts/setup-browser sets it
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = "java"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 780}
SCREENSHOTS = Path(os.environ.get("SCREENSHOT_DIR", ROOT / "artifacts" / "screenshots"))

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`);
});
"""
SETTLE = """() => Promise.all(document.getAnimations()
  .filter(animation => animation.effect && animation.effect.getComputedTiming().endTime !== Infinity)
  .map(animation => animation.finished.catch(() => null)))"""

SEARCH_READY = """() => {
  const meta = document.querySelector("[data-md-component=search-result] .md-search-result__meta");
  return meta !== null && meta.textContent.trim() !== "Initializing search";
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
    """One browser context (a palette and a screen size) that records trouble page by page."""

    def __init__(self, context: BrowserContext, base_url: str):
        self.context = context
        self.base_url = base_url
        self.origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
        self.trouble = Trouble()
        context.add_init_script(WATCH_CSP)
        context.route("**/*", self._route)

    def _route(self, route: Route) -> None:
        url = route.request.url
        if url == self.origin or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.trouble.offsite_requests.append(url)
            route.abort("blockedbyclient")

    def open(self, path: str) -> Page:
        """A new tab on the page at `path` (relative to the site's base), once it has stopped loading."""
        page = self.context.new_page()
        page.on("console", lambda message: message.type == "error" and self.trouble.console_errors.append(
            f"{path}: {message.text}"))
        page.on("pageerror", lambda error: self.trouble.console_errors.append(f"{path}: uncaught {error}"))
        page.goto(self.base_url + path, wait_until="networkidle")
        page.wait_for_function(SEARCH_READY)
        return page

    def close(self, page: Page, path: str) -> None:
        """Close a tab, first collecting the policy violations it saw."""
        self.trouble.csp_violations += [f"{path}: {v}" for v in page.evaluate("window.__cspViolations || []")]
        page.close()


def axe_violations(page: Page) -> list[dict]:
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return result["violations"]


def describe_violations(path: str, violations: list[dict]) -> list[str]:
    return [f"{path}: {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
            for v in violations]


def settle(page: Page) -> None:
    """Wait until every running transition has finished, so the page is measured as a reader sees it."""
    page.evaluate(SETTLE)


def search(page: Page, query: str) -> list[str]:
    """Search the site for `query` from a freshly opened page; the paths of the results, best first.

    The query goes in whole, then a key is released in the box, so the theme searches once, for it.
    """
    meta = page.locator(".md-search-result__meta")
    placeholder = meta.text_content().strip()
    box = page.locator(".md-search__input")
    box.focus()
    box.fill(query)
    box.press("End")
    page.wait_for_function("([meta, placeholder]) => meta.textContent.trim() !== placeholder",
                           arg=[meta.element_handle(), placeholder])
    settle(page)
    return [urlsplit(href).path for href in
            page.locator(".md-search-result__link").evaluate_all("links => links.map(link => link.href)")]
