"""Helpers for moving through a page with the keyboard alone."""

from __future__ import annotations

from playwright.sync_api import Page

from .browsing import settle

FOCUS_REPORT = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  // The palette's radio buttons are invisible; their labels carry the focus ring.
  const shown = element.matches(".md-option") ? element.nextElementSibling : element;
  const box = shown.getBoundingClientRect();
  const style = getComputedStyle(shown);
  const problems = [];
  if (box.width < 1 || box.height < 1 || style.visibility !== "visible") problems.push("not rendered");
  if (box.right <= 0 || box.bottom <= 0 || box.left >= innerWidth || box.top >= innerHeight) {
    problems.push("outside the window");
  }
  if (style.outlineStyle === "none" || parseFloat(style.outlineWidth) < 2) problems.push("no focus ring");
  const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
  const top = document.elementFromPoint(x, y);
  if (top && !shown.contains(top) && !top.contains(shown)) problems.push(`covered by ${top.className || top.tagName}`);
  const name = (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 40);
  return {element: `${element.tagName.toLowerCase()}.${element.className} "${name}"`, problems};
}"""


def focus_report(page: Page) -> dict | None:
    """What has keyboard focus, and what keeps a reader from seeing it; None when nothing has it."""
    settle(page)
    return page.evaluate(FOCUS_REPORT)


def focused(page: Page) -> dict:
    """What has keyboard focus, as `focus_report` gives it; the test fails if nothing has it."""
    report = focus_report(page)
    assert report is not None, "nothing has keyboard focus"
    return report


def tab_until(page: Page, selector: str, limit: int = 30) -> None:
    """Press Tab until the focused element matches `selector`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    raise AssertionError(f"{limit} presses of Tab never reached {selector}")


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)
