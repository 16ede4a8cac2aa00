"""On a 360 px phone screen: a menu that opens even without JavaScript, no sideways scrolling, and a
comparison table that still reads as a table."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from .browsing import PHONE, reading
from .sweep import VIEWS


def test_the_menu_opens_and_leads_to_a_page_without_javascript(browser, site) -> None:
    """The theme's own markup, which the site's script only upgrades: its <label> opens the menu."""
    with reading(browser, site.base_url, viewport=PHONE, java_script_enabled=False) as reader:
        page = reader.tab()
        page.goto(site.base_url + site.first("conditions/"))
        assert page.locator("html.no-js").count() == 1, "no script ran"
        links = page.locator(".md-sidebar--primary a.md-nav__link:visible")
        assert links.count() == 0, "the menu starts closed"
        menu = page.locator('label.md-header__button[for="__drawer"]')
        assert menu.count() == 1, "the header has the theme's menu <label>"
        menu.click()
        target = urljoin(page.url, links.first.get_attribute("href"))
        links.first.click()
        page.wait_for_url(target)
    assert not reader.trouble


@pytest.mark.parametrize("view", [view for view in VIEWS if view.endswith("phone")])
def test_no_page_scrolls_sideways(sweep, view: str) -> None:
    assert {page.path: page.overflow_x for page in sweep.views[view] if page.overflow_x > 0} == {}


@pytest.fixture(scope="module")
def comparison(browser, site):
    with reading(browser, site.base_url, viewport=PHONE) as reader:
        yield reader.open(site.first_with('class="comparison"')).locator("table.comparison")


def test_the_comparison_table_fits_the_phone(comparison) -> None:
    box = comparison.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_the_comparison_table_keeps_its_caption_and_header_cells(comparison) -> None:
    caption = comparison.locator("caption")
    assert caption.is_visible()
    tree = comparison.aria_snapshot()
    assert tree.startswith(f'- table "{caption.text_content().strip()}"')
    headers = comparison.locator("thead th").all_text_contents()
    assert len(headers) == 3
    for header in headers:
        assert f'- columnheader "{header}"' in tree
    for aspect in comparison.locator("tbody th").all_text_contents():
        assert f'- rowheader "{aspect}"' in tree


def test_each_stacked_cell_names_its_column(comparison) -> None:
    labels = comparison.locator("tbody td").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)"
    )
    columns = comparison.locator("thead th").all_text_contents()[1:]
    assert len(labels) >= len(columns) == 2
    assert labels == [f'"{column}"' for column in columns] * (len(labels) // len(columns))
