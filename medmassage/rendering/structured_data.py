"""What each page tells other programs: its schema.org graph and its link preview, as plain data.

The content package only gathers the values; `overrides/partials/page-data.html` writes them
into the page's head, escaped for where they land (attributes, and JSON inside <script>).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from ..model.schema import WarningSigns
from ..project.content import Content, Entry
from ..project.graph import Graph
from ..project.settings import Address, Settings
from ..project.signoff import UNREVIEWED, Signoff
from .practice_pages import PracticePage, map_link
from .wording import urgency_words


def link_preview(entry: Entry, url: Callable[[str], str]) -> dict[str, str]:
    """What a link to the page shows when shared (Open Graph and Twitter cards): its title, summary and address."""
    return {"title": entry.record.title, "description": entry.record.summary, "url": url(entry.path)}


def page_graph(
    entry: Entry,
    content: Content,
    graph: Graph,
    url: Callable[[str], str],
    settings: Settings,
    review: Signoff = UNREVIEWED,
) -> dict[str, Any]:
    """MedicalWebPage and BreadcrumbList for every page; plus MedicalCondition or MedicalTherapy.

    Only a page a clinician has reviewed, as it now reads (signoff.py), says `reviewedBy` and
    `lastReviewed`: the editors' own check is `dateModified`, which claims no medical review.
    """
    record = entry.record
    page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "@id": url(entry.path),
        "url": url(entry.path),
        "name": record.title,
        "description": record.summary,
        "dateModified": record.last_reviewed.isoformat(),
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": _organization(settings),
        "about": _about(entry, graph, url),
        "breadcrumb": {"@id": url(entry.path) + "#breadcrumb"},
    }
    if review.reviewed and review.clinician is not None and review.date is not None:
        page["lastReviewed"] = review.date.isoformat()
        page["reviewedBy"] = {
            "@type": "Person",
            "name": review.clinician.name,
            "jobTitle": review.clinician.credential,
            "identifier": review.clinician.registration,
        }
    page["author"] = {"@type": "Organization", "name": settings.author.name}
    signs = getattr(record, "warning_signs", None)
    if signs is not None:
        page["hasPart"] = _warning_signs(signs, urgency_words(settings.emergency), url(entry.path))
    return {"@context": "https://schema.org", "@graph": [page, _breadcrumbs(entry, content, url)]}


def _warning_signs(signs: WarningSigns, words: dict, page_url: str) -> list[dict[str, Any]]:
    """Each level of warning sign as a part of the page: its heading (naming where to go), lead and signs."""
    parts = []
    for level, note in signs.levels():
        anchor = level.replace("_", "-")
        parts.append(
            {
                "@type": "WebPageElement",
                "@id": f"{page_url}#{anchor}",
                "name": words[level].heading,
                "description": words[level].lead,
                "mainEntity": {
                    "@type": "ItemList",
                    "itemListElement": [
                        {"@type": "ListItem", "position": position, "name": item}
                        for position, item in enumerate(note.items, 1)
                    ],
                },
            }
        )
    return parts


def _organization(settings: Settings) -> dict[str, Any]:
    """The practice, every page's publisher: a MedicalBusiness with the details extra.practice gives."""
    practice = settings.practice
    organization: dict[str, Any] = {
        "@type": "MedicalBusiness",
        "@id": practice_id(settings),
        "name": practice.name,
        "url": str(practice.url),
    }
    if practice.email:
        organization["email"] = practice.email
    if practice.phone:
        organization["telephone"] = practice.phone
    if practice.address:
        organization["address"] = _postal_address(practice.address)
        organization["hasMap"] = map_link(practice)
    if practice.languages:
        organization["knowsLanguage"] = list(practice.languages)
    return organization


def practice_id(settings: Settings) -> str:
    """The practice's node id, the same on every page, so that search engines know it is one practice."""
    return str(settings.practice.url).split("#")[0] + "#practice"


def _postal_address(address: Address) -> dict[str, str]:
    fields = {
        "streetAddress": address.street,
        "addressLocality": address.locality,
        "addressRegion": address.region,
        "postalCode": address.postal_code,
        "addressCountry": address.country,
    }
    return {"@type": "PostalAddress", **{name: value for name, value in fields.items() if value}}


def practice_page_graph(
    page: PracticePage, content: Content, url: Callable[[str], str], settings: Settings
) -> dict[str, Any]:
    """A page made from the practice's details: a ContactPage about the practice, or a page for clinicians."""
    node: dict[str, Any] = {
        "@type": page.schema_type,
        "@id": url(page.path),
        "url": url(page.path),
        "name": page.title,
        "description": page.summary,
        # schema.org's medicalAudience is a MedicalWebPage's; any other page has an audience
        "medicalAudience" if page.schema_type == "MedicalWebPage" else "audience": {
            "@type": "MedicalAudience",
            "audienceType": page.audience,
        },
        "publisher": _organization(settings),
        "about": {"@id": practice_id(settings)},
        "breadcrumb": {"@id": url(page.path) + "#breadcrumb"},
    }
    trail = [(home.record.title, home.path) for home in [content.pages.get("index.md")] if home is not None]
    crumbs = {
        "@type": "BreadcrumbList",
        "@id": url(page.path) + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url(path)}
            for position, (name, path) in enumerate([*trail, (page.title, page.path)], 1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [node, crumbs]}


def _about(entry: Entry, graph: Graph, url: Callable[[str], str]) -> dict[str, Any]:
    """The thing the page is about, as its collection declares it; the therapy itself for other pages."""
    about, record = entry.kind.about, entry.record
    if about is None:
        return {"@type": "MedicalTherapy", "name": "Medical massage therapy"}
    node: dict[str, Any] = {
        "@type": about.type,
        "name": record.title,
        "description": record.summary,
        "url": url(entry.path),
    }
    for name, field in about.links.items():
        node[name] = [
            _reference(target, url) for target in graph.named_by(entry, field) if _cited(record, field, target)
        ]
    for name, attribute in about.values.items():
        node[name] = list(_attribute(record, attribute))
    return node


def _cited(record: Any, field: str, target: Entry) -> bool:
    """Whether the record links to `target` with sources: a bare id is the practice's own choice, and
    structured data, which search engines may show as a treatment, states only what a source supports."""
    return any(
        getattr(item, "id", None) == target.id and getattr(item, "sources", None) for item in getattr(record, field, ())
    )


def _reference(entry: Entry, url: Callable[[str], str]) -> dict[str, str]:
    kind = entry.kind.about.type if entry.kind.about else "Thing"
    return {"@type": kind, "name": entry.record.title, "url": url(entry.path)}


def _attribute(record: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        record = getattr(record, name)
    return record


def _breadcrumbs(entry: Entry, content: Content, url: Callable[[str], str]) -> dict[str, Any]:
    """Home, then the section's index page if there is one, then the page itself."""
    folder = posixpath.dirname(entry.path)
    above = [content.pages.get("index.md"), content.pages.get(f"{folder}/index.md") if folder else None]
    trail = [crumb for crumb in above if crumb is not None and crumb is not entry] + [entry]
    return {
        "@type": "BreadcrumbList",
        "@id": url(entry.path) + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.record.title, "item": url(crumb.path)}
            for position, crumb in enumerate(trail, 1)
        ],
    }
