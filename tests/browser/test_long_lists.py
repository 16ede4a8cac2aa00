"""A large site's lists in a browser: split into pages that axe passes, with tables a keyboard can skip.

The real site is too small to split a list, so these tests build a generated corpus of 30
conditions (benchmarks/corpus.py) with lists split at 10 pages.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from playwright.sync_api import ViewportSize

from .browsing import DESKTOP, PHONE, Reader, axe_problems, box, reading
from .keyboard import focused, focused_matches
from .site_build import ROOT, Project, Site, build_site
from .site_server import serve

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import build_corpus  # noqa: E402

PAGES = [
    "matrix/",
    "matrix/head/",
    "conditions/",
    "conditions/body-areas/neck/",
    "benefits/",
    "benefits/pain-relief/",
    "body-areas/",
    "techniques/neuromuscular-therapy/used-for-these-conditions-2/",
]


@pytest.fixture(scope="module")
def large_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("large-site") / "project"
    config = build_corpus(root, 30, per_page=10)
    project = Project(config, root / "docs", "a generated corpus of 30 conditions")
    folder = build_site(project, root / "site")
    with serve(folder) as base_url:
        yield Site(project, folder, base_url)


@pytest.fixture
def large_reader(browser, large_site: Site) -> Iterator[Callable[[ViewportSize], Reader]]:
    """Readers at any window size, each in a context of its own, closed after the test."""
    with ExitStack() as stack:
        yield lambda viewport: stack.enter_context(reading(browser, large_site.base_url, viewport=viewport))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_split_lists_and_their_pages_have_no_axe_violations(large_reader, viewport: dict) -> None:
    reader = large_reader(viewport)
    assert axe_problems(reader, PAGES) == []
    assert not reader.trouble, reader.trouble


def test_the_skip_link_shows_when_focused_and_moves_focus_past_the_table(large_reader) -> None:
    page = large_reader(DESKTOP).open("matrix/head/")
    skip = page.locator("a.skip-link")
    assert box(skip)["width"] <= 1

    skip.focus()
    assert focused(page)["problems"] == []
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")

    assert not focused_matches(page, "table *, .table-scroll")
    assert page.evaluate("""() => document.querySelector("table.matrix")
        .compareDocumentPosition(document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING""")
