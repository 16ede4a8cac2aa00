"""schema.org JSON-LD, read back from the built HTML with a real HTML parser."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config

from support import (
    BASE_FIXTURE,
    FIXTURES,
    ROOT,
    build,
    built_pages,
    check,
    edit,
    element,
    environment,
    make_project,
    one,
    string,
)

QUOTED_TITLE = "Sciatica \"nerve\" & 'leg' pain"


EMERGENCY = (
    "warning_signs:\n  emergency:\n    items: [Numbness around your bottom]\n    sources: [nhs-sciatica]\n"
    "  before_massage:"
)


SUPPORTED_TECHNIQUE = "techniques:\n  - id: myofascial-release\n    sources: [cochrane-low-back-pain]"
MASSAGE_REVIEW = (
    "  - id: cochrane-low-back-pain\n    title: Massage for low-back pain\n"
    "    publisher: Cochrane Database of Systematic Reviews\n    year: 2015\n"
    "    doi: 10.1002/14651858.CD001929.pub3\n    about_massage: true\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site: a title full of quotes and ampersands and an emergency sign on the sciatica
    page, and a clinical review on the back pain page."""
    project = make_project(tmp_path_factory.mktemp("jsonld") / "project", FIXTURES / "signoff")
    page = project / "docs" / "conditions" / "sciatica.md"
    quoted_yaml = QUOTED_TITLE.replace("'", "''")
    edit(page, "title: Sciatica", f"title: '{quoted_yaml}'")
    edit(page, "warning_signs:\n  before_massage:", EMERGENCY)
    back_pain = project / "docs" / "conditions" / "back-pain.md"
    edit(back_pain, "techniques: [myofascial-release]", SUPPORTED_TECHNIQUE)
    edit(back_pain, "sources:\n", "sources:\n" + MASSAGE_REVIEW)
    signed = check(project, "sign", str(back_pain), "--by", "alex-lee")
    assert signed.returncode == 0, signed.stderr
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def graph_of(site: Path, page: str) -> dict[str, dict]:
    soup = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    scripts = element(soup.head).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(string(scripts[0]))
    assert data["@context"] == "https://schema.org"
    return {node["@type"]: node for node in data["@graph"]}


PRACTICE = {
    "@type": "MedicalBusiness",
    "@id": "https://fixture-practice.org.uk/#practice",
    "name": "Fixture Practice",
    "url": "https://fixture-practice.org.uk/",
    "email": "hello@fixture-practice.org.uk",
}
PRACTICE_PAGES = {"contact.md": "ContactPage", "referrals.md": "MedicalWebPage"}


def test_every_page_is_a_web_page_with_breadcrumbs_published_by_the_practice(site: Path) -> None:
    pages = built_pages(site)
    # and Our clinical reviewers, which is a list of people, not a page about health
    assert len(pages) == len(list((BASE_FIXTURE / "docs").rglob("*.md"))) + len(PRACTICE_PAGES) + 1
    for source, html in pages.items():
        if source == "reviewers.md":
            continue
        page = html.parent.relative_to(site).as_posix()
        nodes = graph_of(site, page)
        web_page = nodes[PRACTICE_PAGES.get(source, "MedicalWebPage")]
        fields = ("name", "description", "about", "publisher")
        audience = "audience" if source == "contact.md" else "medicalAudience"
        for field in (*fields, audience) if source in PRACTICE_PAGES else (*fields, audience, "dateModified"):
            assert web_page[field], (page, field)
        assert web_page["publisher"] == PRACTICE
        crumbs = nodes["BreadcrumbList"]["itemListElement"]
        assert crumbs[0]["item"] == "https://example.org/fixture/"
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))


def test_a_page_no_clinician_reviewed_claims_no_reviewer_and_no_review_date(site: Path) -> None:
    for page in ("", "comparison", "conditions/sciatica", "techniques/deep-tissue"):
        web_page = graph_of(site, page)["MedicalWebPage"]
        assert "reviewedBy" not in web_page and "lastReviewed" not in web_page, page
        assert web_page["dateModified"] == "2026-11-01"


def test_a_page_a_clinician_reviewed_names_them_and_the_date(site: Path) -> None:
    web_page = graph_of(site, "conditions/back-pain")["MedicalWebPage"]
    assert web_page["reviewedBy"] == {
        "@type": "Person",
        "name": "Alex Lee",
        "jobTitle": "Registered Physiotherapist",
        "identifier": "HCPC PH123456",
    }
    assert web_page["lastReviewed"] == "2026-11-18"
    status = one(
        BeautifulSoup((site / "conditions/back-pain/index.html").read_text(encoding="utf-8"), "html.parser"),
        "article p.page-status",
    )
    assert status.get_text() == "Reviewed by Alex Lee, Registered Physiotherapist (HCPC PH123456), on 18 November 2026."


def test_warning_signs_are_parts_of_the_page_most_urgent_first(site: Path) -> None:
    web_page = graph_of(site, "conditions/sciatica")["MedicalWebPage"]
    emergency, before = web_page["hasPart"]
    assert emergency["@id"] == "https://example.org/fixture/conditions/sciatica/#emergency"
    assert emergency["name"] == "Emergency: call 999 or go to A&E now"
    assert emergency["description"] == "Call 999 or go to A&E straight away if you have any of these:"
    assert emergency["mainEntity"]["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Numbness around your bottom"}
    ]
    assert before["name"] == "See a doctor before you have massage"
    assert "hasPart" not in graph_of(site, "techniques/deep-tissue")["MedicalWebPage"]


def test_a_technique_listed_without_a_source_is_no_treatment_in_structured_data(site: Path) -> None:
    """Search engines may show possibleTreatment as a treatment: the practice's own choice is not research."""
    condition = graph_of(site, "conditions/sciatica")["MedicalWebPage"]["about"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["possibleTreatment"] == []


def test_condition_pages_point_to_the_treatments_their_sources_support(site: Path) -> None:
    condition = graph_of(site, "conditions/back-pain")["MedicalWebPage"]["about"]
    assert condition["@type"] == "MedicalCondition"
    assert condition["possibleTreatment"] == [
        {
            "@type": "MedicalTherapy",
            "name": "Myofascial release",
            "url": "https://example.org/fixture/techniques/myofascial-release/",
        }
    ]


def test_technique_pages_list_contraindications(site: Path) -> None:
    therapy = graph_of(site, "techniques/deep-tissue")["MedicalWebPage"]["about"]
    assert therapy["@type"] == "MedicalTherapy"
    assert therapy["contraindication"] == ["A bleeding disorder, or taking blood thinners"]


def test_quotes_in_a_title_stay_text_in_json_and_attributes(site: Path) -> None:
    assert graph_of(site, "conditions/sciatica")["MedicalWebPage"]["name"] == QUOTED_TITLE
    soup = BeautifulSoup((site / "conditions/sciatica/index.html").read_text(encoding="utf-8"), "html.parser")
    assert element(element(soup.head).find("meta", property="og:title"))["content"] == QUOTED_TITLE
    assert element(element(soup.find("article")).h1).get_text() == QUOTED_TITLE


HOSTILE = "</script><script>alert(1)</script><!-- & \u2028 \u2029 \"double\" 'single'"


def head_data(meta: dict, site_name: str) -> BeautifulSoup:
    """overrides/partials/page-data.html, rendered by the theme's own template environment."""
    with environment():
        config = load_config(str(ROOT / "mkdocs.yml"))
    template = config.theme.get_env().get_template("partials/page-data.html")
    return BeautifulSoup(template.render(page={"meta": meta}, config={"site_name": site_name}), "html.parser")


def test_the_head_data_escapes_whatever_the_values_hold() -> None:
    """Nothing here can end the <script> element or an attribute, however the values were checked before."""
    preview = {"title": HOSTILE, "description": HOSTILE, "url": 'https://example.org/"><script>x()</script>'}

    head = head_data({"link_preview": preview, "schema_org": {"name": HOSTILE}}, site_name=HOSTILE)

    [script] = head.find_all("script")
    assert script["type"] == "application/ld+json"
    assert re.search("[<>&\u2028\u2029]", string(script)) is None
    assert json.loads(string(script)) == {"name": HOSTILE}
    tags = {tag.get("property") or tag.get("name"): tag["content"] for tag in head.find_all("meta")}
    assert tags == {
        "og:type": "article",
        "og:site_name": HOSTILE,
        "og:title": HOSTILE,
        "og:description": HOSTILE,
        "og:url": preview["url"],
        "twitter:card": "summary",
        "twitter:title": HOSTILE,
        "twitter:description": HOSTILE,
    }


SCHEMA_ORG = {
    "MedicalWebPage": {
        "name",
        "url",
        "description",
        "about",
        "publisher",
        "author",
        "breadcrumb",
        "dateModified",
        "lastReviewed",
        "reviewedBy",
        "hasPart",
        "medicalAudience",
        "audience",
        "mainEntity",
    },
    "ContactPage": {"name", "url", "description", "about", "publisher", "author", "breadcrumb", "audience"},
    "MedicalBusiness": {"name", "url", "email", "telephone", "address", "hasMap", "knowsLanguage"},
    "PostalAddress": {"streetAddress", "addressLocality", "addressRegion", "postalCode", "addressCountry"},
    "MedicalAudience": {"audienceType"},
    "BreadcrumbList": {"itemListElement"},
    "ListItem": {"position", "name", "item"},
    "Organization": {"name", "url", "email"},
    "Person": {"name", "jobTitle"},
    "MedicalCondition": {"name", "description", "url", "possibleTreatment"},
    "MedicalTherapy": {"name", "description", "url", "contraindication"},
    "WebPageElement": {"name", "description", "mainEntity"},
    "ItemList": {"itemListElement"},
}
"""The properties schema.org gives each type this site writes (its own and those it inherits), as schema.org's
pages list them: medicalAudience only on a MedicalWebPage (ContactPage has `audience`), knowsLanguage on an
Organization, hasMap on a Place (a MedicalBusiness is a LocalBusiness, both Organization and Place)."""
DETAILS = """    email: hello@fixture-practice.org.uk
    phone: +44 161 123 4567
    address:
      street: 12 High Street
      locality: Manchester
      postal_code: M1 1AA
      country: United Kingdom
    languages: [English, Welsh]
"""


@pytest.fixture(scope="module")
def practice_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("practice") / "project")
    edit(project / "mkdocs.yml", "    email: hello@fixture-practice.org.uk\n", DETAILS)
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def typed_nodes(node: object) -> list[dict]:
    """Every node of a JSON-LD graph that has a type, however deep."""
    if isinstance(node, list):
        return [found for item in node for found in typed_nodes(item)]
    if not isinstance(node, dict):
        return []
    return ([node] if "@type" in node else []) + [found for value in node.values() for found in typed_nodes(value)]


def test_every_node_is_a_schema_org_type_with_its_own_properties(practice_site: Path) -> None:
    for html in built_pages(practice_site).values():
        data = json.loads(
            string(
                BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").find(
                    "script", type="application/ld+json"
                )
            )
        )
        for node in typed_nodes(data["@graph"]):
            assert node["@type"] in SCHEMA_ORG, (html, node["@type"])
            assert set(node) - {"@type", "@id"} <= SCHEMA_ORG[node["@type"]], (html, node["@type"])


def test_the_practice_is_a_medical_business_once_per_page_as_publisher(practice_site: Path) -> None:
    practice = {
        "@type": "MedicalBusiness",
        "@id": "https://fixture-practice.org.uk/#practice",
        "name": "Fixture Practice",
        "url": "https://fixture-practice.org.uk/",
        "email": "hello@fixture-practice.org.uk",
        "telephone": "+44 161 123 4567",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "12 High Street",
            "addressLocality": "Manchester",
            "postalCode": "M1 1AA",
            "addressCountry": "United Kingdom",
        },
        "hasMap": "https://www.openstreetmap.org/search?query=12+High+Street%2C+Manchester%2C+M1+1AA%2C+United+Kingdom",
        "knowsLanguage": ["English", "Welsh"],
    }
    for source, html in built_pages(practice_site).items():
        page = html.parent.relative_to(practice_site).as_posix()
        graph = graph_of(practice_site, page)
        businesses = [node for node in typed_nodes(list(graph.values())) if node["@type"] == "MedicalBusiness"]
        assert businesses == [practice], source
        assert graph[PRACTICE_PAGES.get(source, "MedicalWebPage")]["publisher"] is businesses[0]
    contact = graph_of(practice_site, "contact")["ContactPage"]
    assert contact["about"] == {"@id": practice["@id"]}
    assert contact["audience"] == {"@type": "MedicalAudience", "audienceType": "Patient"}
    referrals = graph_of(practice_site, "referrals")["MedicalWebPage"]
    assert referrals["medicalAudience"] == {"@type": "MedicalAudience", "audienceType": "Clinician"}
