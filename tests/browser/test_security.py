"""A Content-Security-Policy without 'unsafe-inline' scripts, which no page breaks; safe outbound links."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from playwright.sync_api import ConsoleMessage

from support import attr, element

from .sweep import PALETTES

CSP = "Content-Security-Policy"


def policy_of(html: str) -> dict[str, list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    head = [tag for tag in element(soup.head).children if isinstance(tag, Tag)]
    assert head[0].name == "meta" and head[0].get("charset"), "the page starts with its charset"
    assert head[1].get("http-equiv") == CSP, "the policy comes before any script or style"
    return {part.split()[0]: part.split()[1:] for part in attr(head[1], "content").split(";") if part.strip()}


def test_every_page_has_a_strict_policy(site) -> None:
    for path in site.pages():
        policy = policy_of(site.html(path))
        assert policy["default-src"] == ["'self'"], path
        assert policy["object-src"] == ["'none'"], path
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"], path
        assert all(source == "'self'" or source.startswith("'sha256-") for source in policy["script-src"]), path


@pytest.mark.parametrize("palette", PALETTES)
def test_no_page_logs_an_error_or_breaks_the_policy(sweep, palette: str) -> None:
    trouble = sweep.trouble[palette]
    assert trouble.csp_violations == []
    assert trouble.console_errors == []


def test_the_policy_blocks_a_script_injected_into_the_page(reader, site) -> None:
    path = site.first("conditions/")
    page = reader.open(path)
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.injected = true";
        document.body.append(script);
    }""")
    assert page.evaluate("window.injected === undefined")
    assert page.evaluate("window.__cspViolations") == ["script-src-elem blocked inline"]
    page.close()


def test_structured_data_is_read_without_a_hash(reader, site) -> None:
    path = site.first("conditions/")
    page = reader.open(path)
    blocks = page.evaluate("""() => [...document.querySelectorAll('script[type="application/ld+json"]')]
        .map(script => script.textContent)""")
    reader.close(page)
    assert len(blocks) == 1
    assert json.loads(blocks[0])["@context"] == "https://schema.org"
    assert reader.trouble.csp_violations == [] and reader.trouble.console_errors == []


def test_links_to_other_sites_carry_noopener_noreferrer(site) -> None:
    site_host = urlsplit(site.base_url).hostname
    external = 0
    for path in site.pages():
        for link in BeautifulSoup(site.html(path), "html.parser").find_all("a", href=True):
            host = urlsplit(attr(link, "href")).hostname
            if urlsplit(attr(link, "href")).scheme in ("http", "https") and host not in (site_host, None):
                external += 1
                assert {"noopener", "noreferrer"} <= set(link.get_attribute_list("rel")), f"{path}: {link}"
    assert external > 0, "the site links to its sources, so there are outbound links to check"


def test_a_missing_address_gets_the_404_page_with_nothing_else_failing(reader, site) -> None:
    page = reader.context.new_page()
    errors: list[str] = []

    def note_error(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", note_error)
    response = page.goto(site.base_url + "no-such-page/")
    page.wait_for_load_state("load")
    assert response.status == 404
    assert page.locator("article h1").text_content().strip() == "404 - Not found"
    assert errors == ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    reader.close(page)
    assert reader.trouble.csp_violations == [] and reader.trouble.offsite_requests == []
