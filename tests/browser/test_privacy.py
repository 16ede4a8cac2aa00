"""A reader's visit reaches no host but the site's own: no fonts, CDNs, analytics or GitHub API."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from .browsing import reading, search
from .site_build import ROOT
from .sweep import PALETTES


@pytest.mark.parametrize("palette", PALETTES)
def test_no_page_requests_another_host(sweep, palette: str) -> None:
    assert sweep.trouble[palette].offsite_requests == []


def test_no_page_would_request_another_host_even_without_the_policy(browser, site) -> None:
    """The Content-Security-Policy would block such requests; the pages must not make them at all."""
    with reading(browser, site.base_url, bypass_csp=True) as reader:
        tab = reader.tab()
        for path in site.pages():
            reader.visit(tab, path)
    assert reader.trouble.offsite_requests == []


def test_searching_and_switching_palette_stay_on_the_site(reader, site) -> None:
    page = reader.open("")
    assert search(page, "massage")
    page.keyboard.press("Escape")
    scheme = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=scheme)
    reader.close(page)
    assert reader.trouble.offsite_requests == []


def test_the_repository_link_stays_but_fetches_nothing(site) -> None:
    repo_url = load_config(str(ROOT / "mkdocs.yml")).repo_url
    soup = BeautifulSoup(site.html(""), "html.parser")
    assert soup.select(f'.site-footer a[href="{repo_url}"]'), "the footer links to the repository, for editors"
    links = soup.select(f'a.md-source[href="{repo_url}"]')  # the theme's, which site.css hides
    assert all(link.get("data-md-component") is None for link in links)
