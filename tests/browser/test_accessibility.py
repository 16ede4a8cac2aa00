"""WCAG 2.2 AA as axe-core checks it, on every page, in both palettes, on a desktop and a phone."""

from __future__ import annotations

import pytest

from .browsing import WCAG_TAGS, describe_violations
from .sweep import THEME_SCHEMES, VIEWS


@pytest.mark.parametrize("view", VIEWS)
def test_every_page_has_no_axe_violations(sweeps, view: str) -> None:
    sweep = sweeps(view)
    problems = [line for page in sweep.pages for line in describe_violations(page.path, page.axe)]
    assert problems == [], f"axe ({', '.join(WCAG_TAGS)}) in the {view} view:\n" + "\n".join(problems)


@pytest.mark.parametrize("view", VIEWS)
def test_the_readers_colour_scheme_is_the_one_checked(sweeps, view: str) -> None:
    sweep = sweeps(view)
    expected = THEME_SCHEMES[sweep.scheme]
    assert {page.path: page.color_scheme for page in sweep.pages if page.color_scheme != expected} == {}
    assert len(sweep.pages) >= 6
