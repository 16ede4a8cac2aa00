"""The front door, as a reader in pain and a referring clinician use it, on a 360 px phone and a desktop.

Urgent help is on the first screen of the home page; every condition is two taps away by body
area; the contact page's telephone and email links dial and write to the configured practice;
the referral form prints on one A4 sheet with the practice's details.
"""

from __future__ import annotations

import io
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from pypdf import PdfReader

from medmassage.project.settings import dialled
from support import attr, one

from .browsing import DESKTOP, PHONE
from .site_build import ROOT

SMALL_PHONE = {"width": 360, "height": 640}
SCREENS = {"small phone": SMALL_PHONE, "phone": PHONE, "desktop": DESKTOP}


@pytest.fixture(scope="module")
def extra() -> dict:
    return dict(load_config(str(ROOT / "mkdocs.yml")).extra)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_emergency_number_is_on_the_first_screen_of_the_home_page(reader_for, extra, screen: str) -> None:
    viewport = SCREENS[screen]
    page = reader_for(viewport=viewport).open("")
    number = extra["emergency"]["number"]
    call = page.locator(f'.urgent-help a[href="tel:{number}"]')
    assert call.is_visible()
    assert call.inner_text().strip() == f"Call {number}"
    box = call.bounding_box()
    assert page.evaluate("window.scrollY") == 0
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], box
    same_day = page.locator(".urgent-help", has_text=extra["emergency"]["same_day"])
    assert same_day.count() == 1


SECTION_LINKS = """anchor => {
  const start = anchor ? document.getElementById(anchor) : document.querySelector("article h1");
  const links = [];
  for (let node = start.nextElementSibling; node && node.tagName !== "H2"; node = node.nextElementSibling) {
    links.push(...[...node.querySelectorAll("a[href]")].map(a => a.href));
  }
  return links;
}"""


MARK = "url => [...document.querySelectorAll('a[href]')].find(a => a.href === url).setAttribute('data-second-tap', '')"


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_every_condition_is_two_taps_from_home_by_body_area(reader_for, site, screen: str) -> None:
    """Tap a body area on the home page, then a condition in the list it opens."""
    reader = reader_for(viewport=SCREENS[screen])
    home = reader.open("")
    areas = home.locator(".front-door__areas a")
    assert areas.count() >= 2
    conditions = {
        site.base_url + path for path in site.pages() if path.startswith("conditions/") and path != "conditions/"
    }
    reached: set[str] = set()
    for index in range(areas.count()):
        home.goto(site.base_url)
        area = home.locator(".front-door__areas a").nth(index)
        target = urljoin(home.url, area.get_attribute("href"))
        area.click()  # the first tap
        home.wait_for_url(target)
        anchor = target.partition("#")[2]
        listed = {url for url in home.evaluate(SECTION_LINKS, anchor) if url in conditions}
        assert listed, f"{target} lists no condition"
        reached |= listed
    assert reached == conditions
    home.goto(site.base_url)
    home.locator(".front-door__areas a").first.click()
    home.wait_for_load_state()
    first = home.evaluate(SECTION_LINKS, home.url.partition("#")[2])
    second = next(url for url in first if url in conditions)
    home.evaluate(MARK, second)
    home.locator("[data-second-tap]").first.click()  # the second tap
    home.wait_for_url(second)
    assert not reader.trouble


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_contact_page_calls_and_writes_to_the_practice(reader_for, extra, screen: str) -> None:
    practice = extra["practice"]
    page = reader_for(viewport=SCREENS[screen]).open("contact/")
    call = page.locator('article a[href^="tel:"]')
    assert call.count() == 1 and call.is_visible()
    assert call.get_attribute("href") == f"tel:{dialled(practice['phone'])}"
    assert call.inner_text() == practice["phone"]
    write = page.locator('article a[href^="mailto:"]').first
    assert write.get_attribute("href") == f"mailto:{practice['email']}"
    the_map = page.get_by_role("link", name="Open this address in OpenStreetMap")
    assert the_map.get_attribute("href").startswith("https://www.openstreetmap.org/search?query=")
    assert page.locator("iframe, embed, object").count() == 0


def test_every_page_links_to_the_contact_page(site) -> None:
    for path in site.pages():
        footer = one(BeautifulSoup(site.html(path), "html.parser"), "aside.site-footer")
        here = site.base_url + path
        links = {urljoin(here, attr(a, "href")) for a in footer.select("a[href]")}
        assert site.base_url + "contact/" in links, path


def test_the_referral_form_prints_on_one_a4_sheet_with_the_practices_details(reader, extra) -> None:
    page = reader.open("referrals/")
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))
    assert len(pdf.pages) == 1
    text = " ".join(pdf.pages[0].extract_text().split())
    practice = extra["practice"]
    for detail in (f"Referral to {practice['name']}", practice["phone"], practice["email"], "Date of birth"):
        assert detail in text
    assert "Red flags we screen for" not in text, "the guidance is for the screen; the form prints alone"
