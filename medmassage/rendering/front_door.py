"""The home page's front door, as data for `overrides/home.html`: urgent help, a way in by body area, booking.

Everything it shows is derived: the body areas from data/body_areas.yml (head to toe, in the
file's order) with the conditions filed under each, the techniques from their pages, and the
practice's details from mkdocs.yml. A new condition or body area appears here without anyone
editing the home page. Each body area leads to where its conditions are listed (the body-area
page, or its own page when the list is long), so every condition is two taps from home, and the
home page does not grow with the number of conditions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..project.content import Content
from ..project.graph import Graph
from ..project.settings import Settings
from .listings import Listings, label
from .practice_pages import CONTACT, REFERRALS, telephone_link

HOME = "index.md"
HOME_LAYOUT = "home.md.j2"
"""The home page's Markdown: its page layout without the title, which the home template writes above the front door."""
HOME_TEMPLATE = "home.html"
GUIDES = {"right_for_you": "is-it-right-for-you.md", "first_visit": "first-visit.md", "body_area_page": "body-areas.md"}
"""Pages the front door links to when the site has them."""
MAX_TECHNIQUES = 12


def front_door(
    content: Content,
    graph: Graph,
    listings: Listings,
    settings: Settings,
    pages: set[str],
    url: Callable[[str], str],
) -> dict[str, Any]:
    """What the home template shows; `pages` are the site's pages, `url` gives each one's address from home."""
    practice = settings.practice
    emergency = settings.emergency
    return {
        "emergency": {
            "number": emergency.number,
            "department": emergency.department,
            "same_day": emergency.same_day,
            "telephone": f"tel:{emergency.number}",
        },
        "body_areas": _body_areas(content, graph, listings, url),
        "techniques": [
            {"title": entry.record.title, "summary": entry.record.summary, "url": url(entry.path)}
            for entry in graph.entries("techniques")[:MAX_TECHNIQUES]
        ],
        "all_techniques": url("techniques/index.md") if "techniques/index.md" in pages else None,
        "telephone": telephone_link(practice),
        **{name: url(path) if path in pages else None for name, path in GUIDES.items()},
        "contact": url(CONTACT.path) if CONTACT.path in pages else None,
        "referrals": url(REFERRALS.path) if REFERRALS.path in pages else None,
    }


def _body_areas(content: Content, graph: Graph, listings: Listings, url: Callable[[str], str]) -> list[dict[str, Any]]:
    """Each body area with conditions filed under it, head to toe, and where they are listed."""
    tags = content.registry.tags
    if tags is None:
        return []
    areas = []
    for area in content.value(tags.name, []):
        conditions = graph.naming(tags.name, area.id, of="conditions")
        where = listings.tag_page(area.id)
        if conditions and where is not None:
            path, anchor = where
            areas.append(
                {
                    "id": area.id,
                    "label": label(area),
                    "url": url(path) + anchor,
                    "total": len(conditions),
                    "examples": [entry.record.title for entry in conditions[:3]],
                }
            )
    return areas
