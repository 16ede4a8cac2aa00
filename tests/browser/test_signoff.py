"""Clinical sign-off in a browser: the review lines and the reviewers page pass axe on a desktop and a phone,
and a page's review line takes the reader to its reviewer.

The real site has no clinician yet, so this builds the minimal fixture site with the fixture register:
one page signed and unchanged, one signed and changed since.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import ViewportSize

from support import FIXTURES, check, edit, environment, make_project

from .browsing import DESKTOP, PHONE, Reader, axe_problems, reading
from .site_build import Project, Site, build_site
from .site_server import serve

PAGES = ["conditions/sciatica/", "techniques/deep-tissue/", "reviewers/"]
THEME = """  palette:
    - scheme: default
      primary: custom
      accent: custom
extra_css:
  - assets/stylesheets/site.css
"""
"""The real site's colours and stylesheet, which the minimal fixture leaves out."""


@pytest.fixture(scope="module")
def signed_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = make_project(tmp_path_factory.mktemp("signed-site") / "project", FIXTURES / "signoff")
    pages = [str(root / "docs/conditions/sciatica.md"), str(root / "docs/techniques/deep-tissue.md")]
    assert check(root, "sign", *pages, "--by", "alex-lee").returncode == 0
    edit(root / "docs/techniques/deep-tissue.md", "A bleeding disorder", "A clotting disorder")
    edit(root / "mkdocs.yml", "  font: false\nplugins:", f"  font: false\n{THEME}plugins:")
    with environment():
        folder = build_site(Project(root / "mkdocs.yml", root / "docs", "the signed fixture site"), root / "site")
    with serve(folder) as base_url:
        yield Site(Project(root / "mkdocs.yml", root / "docs", "the signed fixture site"), Path(folder), base_url)


@pytest.fixture
def signed_reader(browser, signed_site: Site) -> Iterator[Callable[[ViewportSize], Reader]]:
    """Readers at any window size, each in a context of its own, closed after the test."""
    with ExitStack() as stack:
        yield lambda viewport: stack.enter_context(reading(browser, signed_site.base_url, viewport=viewport))


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_review_lines_and_the_reviewers_page_have_no_axe_violations(signed_reader, viewport: dict) -> None:
    reader = signed_reader(viewport)
    assert axe_problems(reader, PAGES) == []
    assert not reader.trouble, reader.trouble


def test_the_review_line_takes_the_reader_to_the_reviewer(signed_reader) -> None:
    reader = signed_reader(DESKTOP)
    page = reader.open("conditions/sciatica/")
    status = page.locator("article .page-status")
    assert status.inner_text().startswith("Reviewed by Alex Lee, Registered Physiotherapist (HCPC PH123456)")

    status.get_by_role("link", name="Alex Lee").click()
    page.wait_for_url("**/reviewers/#alex-lee")

    heading = page.locator("#alex-lee")
    assert heading.inner_text() == "Alex Lee"
    assert heading.is_visible()
    reader.close(page)
