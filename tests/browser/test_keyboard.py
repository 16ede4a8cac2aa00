"""The site by keyboard alone: skip link, visible focus, menu, search and palette toggle."""

from __future__ import annotations

import pytest

from .browsing import DESKTOP, PHONE
from .keyboard import focus_report, focused, focused_matches, tab_until

MENU = 'button.md-header__button[for="__drawer"]'
SEARCH = 'button.md-header__button[for="__search"]'


def test_the_skip_link_comes_first_and_moves_focus_into_the_content(reader, site) -> None:
    page = reader.open(site.first("conditions/"))
    page.keyboard.press("Tab")
    assert focused_matches(page, "a.md-skip")
    assert focused(page)["problems"] == []
    target = page.evaluate("document.activeElement.hash")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{target}")
    page.keyboard.press("Tab")
    assert focused_matches(page, ".md-content *")
    assert focused(page)["problems"] == []


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("section", ["conditions/", "techniques/"])
def test_focus_is_visible_at_every_tab_stop(reader_for, site, viewport: dict, section: str) -> None:
    page = reader_for(viewport=viewport).open(site.first(section))
    stops = []
    for _ in range(400):
        page.keyboard.press("Tab")
        report = focus_report(page)
        if report is None:
            break
        stops.append(report)
    assert len(stops) >= 10, "the page has links, buttons and a search box to reach"
    assert len(stops) < 400, "Tab reaches the end of the page"
    assert [stop for stop in stops if stop["problems"]] == []


@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_the_phone_menu_opens_holds_focus_and_closes_by_keyboard(phone_reader, site, key: str) -> None:
    page = phone_reader.open(site.first("conditions/"))
    tab_until(page, MENU)
    assert page.get_attribute(MENU, "aria-expanded") == "false"
    page.keyboard.press(key)
    assert page.is_checked("#__drawer")
    assert page.get_attribute(MENU, "aria-expanded") == "true"
    stops = [focus_report(page)]
    while len(stops) < 100 and focused_matches(page, ".md-sidebar--primary *"):
        page.keyboard.press("Tab")
        stops.append(focus_report(page))
    assert len(stops) >= 3, "focus moves into the menu and through its links"
    assert stops[-1] is None, "Tab goes from the menu's last link out of the page, not behind the menu"
    assert [stop for stop in stops[:-1] if stop is None or stop["problems"]] == []
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Escape")
    assert not page.is_checked("#__drawer")
    assert focused_matches(page, MENU)


def test_the_phone_menu_moves_between_levels_by_keyboard(phone_reader, site) -> None:
    page = phone_reader.open(site.first("conditions/"))
    tab_until(page, MENU)
    page.keyboard.press("Enter")
    assert focused_matches(page, "label.md-nav__title[role=button]"), "the menu should open at the page's level"
    level = page.evaluate("document.activeElement.htmlFor")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')").startswith("Back from ")
    page.keyboard.press("Enter")
    assert not page.is_checked(f"#{level}")
    assert focused_matches(page, f'label.md-nav__link[for="{level}"]')
    assert focused(page)["problems"] == []
    page.keyboard.press(" ")
    assert page.is_checked(f"#{level}")
    assert focused_matches(page, f'label.md-nav__title[for="{level}"]')
    assert focused(page)["problems"] == []


@pytest.mark.parametrize("key", ["Enter", " "], ids=["Enter", "Space"])
def test_search_works_by_keyboard_alone(phone_reader, site, key: str) -> None:
    page = phone_reader.open("")
    tab_until(page, SEARCH)
    page.keyboard.press(key)
    assert focused_matches(page, ".md-search__input")
    page.keyboard.type("sciatica")
    page.locator(".md-search-result__link").first.wait_for()
    page.keyboard.press("ArrowDown")
    assert focused_matches(page, ".md-search-result__link")
    assert focused(page)["problems"] == []
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{site.prefix}conditions/sciatica/**")


def test_the_palette_toggles_by_keyboard(reader) -> None:
    page = reader.open("")
    tab_until(page, ".md-option")
    assert focused(page)["problems"] == []
    schemes = []
    for _ in range(2):
        page.keyboard.press("Enter")
        schemes.append(page.evaluate("document.body.dataset.mdColorScheme"))
        assert focused(page)["problems"] == []
    assert schemes == ["slate", "default"]
