"""WCAG 2.2 AA as axe-core checks it, on every page, in both palettes, on a desktop and a phone."""

from __future__ import annotations

import pytest

from .browsing import WCAG_TAGS, describe_violations
from .sweep import PALETTES, VIEWS


@pytest.mark.parametrize("view", VIEWS)
def test_every_page_has_no_axe_violations(sweep, view: str) -> None:
    problems = [line for page in sweep.views[view] for line in describe_violations(page.path, page.axe)]
    assert problems == [], f"axe ({', '.join(WCAG_TAGS)}) in the {view} view:\n" + "\n".join(problems)


@pytest.mark.parametrize("view", VIEWS)
def test_the_readers_colour_scheme_is_the_one_checked(sweep, site, view: str) -> None:
    expected = next(theme for palette, theme in PALETTES.items() if view.startswith(f"{palette}-"))
    pages = sweep.views[view]
    assert {page.path: page.color_scheme for page in pages if page.color_scheme != expected} == {}
    assert [page.path for page in pages] == site.pages()
