"""A condition or technique page prints as a handout: content, sources, dates and disclaimer only."""

from __future__ import annotations

import io
import re

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from .browsing import reading

HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search", ".md-footer"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=["conditions/", "techniques/"])
def handout(request, browser, site):
    """The printed PDF's text and the page's own HTML, for the first page in a section."""
    path = site.first(request.param)
    with reading(browser, site.base_url) as reader:
        page = reader.open(path)
        page.emulate_media(media="print")
        hidden = page.evaluate(
            "selectors => selectors.map(s => [...document.querySelectorAll(s)]"
            ".every(e => getComputedStyle(e).display === 'none'))",
            HIDDEN_IN_PRINT,
        )
        pdf = page.pdf(format="A4", print_background=False)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return text, BeautifulSoup(site.html(path), "html.parser"), dict(zip(HIDDEN_IN_PRINT, hidden, strict=True))


def test_navigation_header_and_search_are_left_out(handout) -> None:
    text, soup, hidden = handout
    assert hidden == {selector: True for selector in HIDDEN_IN_PRINT}
    assert "Skip to content" not in text
    assert "Table of contents" not in text
    assert soup.select_one(".md-source__repository").get_text(strip=True) not in text


def test_the_title_review_dates_sources_and_disclaimer_stay(handout) -> None:
    text, soup, _ = handout
    assert soup.h1.get_text(strip=True).rstrip("¶") in text
    review = soup.select_one("p.page-review").get_text(" ", strip=True)
    assert squeeze(review) in squeeze(text)
    assert "References" in text
    disclaimer = soup.select_one("aside.page-trust .page-trust__disclaimer").get_text(" ", strip=True)
    assert squeeze(disclaimer) in squeeze(text)


def test_link_targets_are_printed_after_their_text(handout) -> None:
    text, soup, _ = handout
    references = soup.find(id="references").find_next("ol")
    urls = [a["href"] for a in references.find_all("a", href=re.compile("^http"))]
    assert urls
    for url in urls:
        assert squeeze(f"({url})") in squeeze(text)
