"""The pages the build makes from the practice's details: contact, and referring a patient.

Their words come from `extra.practice` and `extra.emergency` in mkdocs.yml and from the
condition pages (the conditions the practice sees, the red flags it screens for), so a
practice edits its details once and every page that shows them follows. Like the parts of
long lists (listings.py), each pretends to have a path in docs/; an editor's own page at
that path wins, and the build then adds nothing there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote_plus

from ..project.content import Content, Entry
from ..project.graph import Graph
from ..project.settings import Practice, Settings, dialled

MAP_SEARCH = "https://www.openstreetmap.org/search?query="
"""Where "open in a map" leads: a link only, which the reader chooses to follow; the page embeds no map."""


@dataclass(frozen=True)
class PracticePage:
    path: str
    title: str
    summary: str
    template: str
    audience: str
    """schema.org's MedicalAudienceType of the page's readers: Patient or Clinician."""
    schema_type: str = "MedicalWebPage"


CONTACT = PracticePage(
    "contact.md",
    "Contact the practice",
    "How to call, write to, find and book with the practice, its opening hours, and how to get in.",
    "contact.md.j2",
    "Patient",
    "ContactPage",
)
REFERRALS = PracticePage(
    "referrals.md",
    "For doctors and physiotherapists: referring a patient",
    "What a referral to the practice should include, the conditions it sees, the red flags it screens for, "
    "and a form to print.",
    "referrals.md.j2",
    "Clinician",
)
PAGES = (CONTACT, REFERRALS)


def practice_pages(content: Content) -> dict[str, PracticePage]:
    """The pages to add, by path: each one whose path no page of the content already has."""
    taken = set(content.pages) | set(content.unparsed)
    return {page.path: page for page in PAGES if page.path not in taken}


def telephone_link(practice: Practice) -> str | None:
    return f"tel:{dialled(practice.phone)}" if practice.phone else None


def map_link(practice: Practice) -> str | None:
    """A search for the address on OpenStreetMap, which needs no key and sets no cookie before the reader acts."""
    if practice.address is None:
        return None
    return MAP_SEARCH + quote_plus(", ".join(practice.address.lines()))


def red_flags(graph: Graph) -> list[tuple[str, list[tuple[Entry, list[str]]]]]:
    """The signs that need help now or the same day, as each condition page files them: by level, then condition.

    The same data as the condition pages' warning-sign boxes, so no page keeps a list of its own.
    """
    levels = []
    for level in ("emergency", "urgent"):
        found = []
        for entry in graph.entries("conditions"):
            note = getattr(getattr(entry.record, "warning_signs", None), level, None)
            if note is not None:
                found.append((entry, list(note.items)))
        levels.append((level, found))
    return levels


def context(settings: Settings, graph: Graph, link: Callable[[Any], str]) -> dict[str, Any]:
    """What a practice page's template shows."""
    practice = settings.practice
    return {
        "practice": practice,
        "emergency": settings.emergency,
        "telephone": telephone_link(practice),
        "map": map_link(practice),
        "conditions": graph.entries("conditions"),
        "red_flags": red_flags(graph),
        "link": link,
        "contact": CONTACT.path,
        "referrals": REFERRALS.path,
    }
