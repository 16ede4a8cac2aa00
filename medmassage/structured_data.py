"""What each page tells other programs: its schema.org graph and its link preview, as plain data.

The content package only gathers the values; `overrides/partials/page-data.html` writes them
into the page's head, escaped for where they land (attributes, and JSON inside <script>).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from typing import Any

from .content import Content, Entry
from .graph import Graph
from .settings import Settings


def link_preview(entry: Entry, url: Callable[[str], str]) -> dict[str, str]:
    """What a link to the page shows when shared (Open Graph and Twitter cards): its title, summary and address."""
    return {"title": entry.record.title, "description": entry.record.summary, "url": url(entry.path)}


def page_graph(entry: Entry, content: Content, graph: Graph, url: Callable[[str], str],
               settings: Settings) -> dict[str, Any]:
    """MedicalWebPage and BreadcrumbList for every page; plus MedicalCondition or MedicalTherapy."""
    record = entry.record
    page: dict[str, Any] = {
        "@type": "MedicalWebPage",
        "@id": url(entry.path),
        "url": url(entry.path),
        "name": record.title,
        "description": record.summary,
        "lastReviewed": record.last_reviewed.isoformat(),
        "reviewedBy": {"@type": "Person", "name": record.reviewed_by},
        "medicalAudience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "publisher": _organization(settings),
        "about": _about(entry, graph, url),
        "breadcrumb": {"@id": url(entry.path) + "#breadcrumb"},
    }
    page["author"] = {"@type": "Organization", "name": settings.author.name}
    return {"@context": "https://schema.org", "@graph": [page, _breadcrumbs(entry, content, url)]}


def _organization(settings: Settings) -> dict[str, Any]:
    practice = settings.practice
    organization = {"@type": "Organization", "name": practice.name, "url": str(practice.url)}
    if practice.email:
        organization["email"] = practice.email
    return organization


def _about(entry: Entry, graph: Graph, url: Callable[[str], str]) -> dict[str, Any]:
    """The thing the page is about, as its collection declares it; the therapy itself for other pages."""
    about, record = entry.kind.about, entry.record
    if about is None:
        return {"@type": "MedicalTherapy", "name": "Medical massage therapy"}
    node: dict[str, Any] = {"@type": about.type, "name": record.title, "description": record.summary,
                            "url": url(entry.path)}
    for name, field in about.links.items():
        node[name] = [_reference(target, url) for target in graph.named_by(entry, field)]
    for name, attribute in about.values.items():
        node[name] = list(_attribute(record, attribute))
    return node


def _reference(entry: Entry, url: Callable[[str], str]) -> dict[str, str]:
    kind = entry.kind.about.type if entry.kind.about else "Thing"
    return {"@type": kind, "name": entry.record.title, "url": url(entry.path)}


def _attribute(record: Any, dotted: str) -> Any:
    for name in dotted.split("."):
        record = getattr(record, name)
    return record


def _breadcrumbs(entry: Entry, content: Content, url: Callable[[str], str]) -> dict[str, Any]:
    """Home, then the section's index page if there is one, then the page itself."""
    trail = [content.pages.get("index.md")]
    folder = posixpath.dirname(entry.path)
    if folder:
        trail.append(content.pages.get(f"{folder}/index.md"))
    trail = [crumb for crumb in trail if crumb is not None and crumb is not entry] + [entry]
    return {
        "@type": "BreadcrumbList",
        "@id": url(entry.path) + "#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": crumb.record.title, "item": url(crumb.path)}
            for position, crumb in enumerate(trail, 1)
        ],
    }
