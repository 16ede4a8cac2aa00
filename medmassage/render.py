"""Rendering: the Markdown each page gets once the whole graph is known.

Layouts live in `templates/` as Jinja files; this module only gathers what they show.
Every value from front matter or data files passes through Jinja's HTML autoescaping,
so a title such as `</script>` stays text wherever it lands.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import markers
from .content import Content, Entry
from .graph import WIKI_LINK, Graph
from .review import is_overdue, next_review_due
from .settings import Emergency, Settings

URL_SAFE = "%/?:@&=+$,;-_.!~*'()#[]"
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|])")


def markdown_text(value: str) -> Markup:
    """Escape text for HTML, then for Markdown, so it renders exactly as written."""
    return Markup(MARKDOWN_SPECIAL.sub(r"\\\1", str(escape(value))))


def autolink(url: object) -> Markup:
    """A validated web address for a Markdown autolink (`<https://…>`), which must hold no space, `<` or `>`.

    Markdown escapes the address itself when it writes the link, so HTML escaping here would double it.
    """
    return Markup(quote(str(url), safe=URL_SAFE))


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Urgency:
    """How a level of warning sign is headed and introduced on the page, in the practice's own words."""

    heading: str
    lead: str


def urgency_words(emergency: Emergency) -> dict[str, Urgency]:
    """The heading and lead of each level, most urgent first, naming the configured number and services."""
    return {
        "emergency": Urgency(f"Emergency: call {emergency.number} or go to {emergency.department} now",
                             f"Call {emergency.number} or go to {emergency.department} straight away "
                             "if you have any of these:"),
        "urgent": Urgency("Urgent: get medical help today",
                          f"If you have any of these, get help the same day: {emergency.same_day}."),
        "before_massage": Urgency("See a doctor before you have massage",
                                  "See a doctor before you book a massage if you have any of these:"),
    }


class Renderer:
    def __init__(self, content: Content, graph: Graph, settings: Settings | None = None,
                 today: date | None = None):
        self.content = content
        self.graph = graph
        self.registry = content.registry
        self.urgency = urgency_words(settings.emergency if settings else Emergency())
        self.today = today or date.today()
        self.insert_pages = {marker.name: entry.path for entry in content.pages.values()
                             for marker in markers.markers(entry.document.body)}
        """Where each insert is shown, e.g. the benefits list, so other pages can link to it."""

    @cached_property
    def env(self) -> Environment:
        loader = ChoiceLoader([FileSystemLoader([str(p) for p in self.registry.templates]),
                               PackageLoader("medmassage")])
        env = Environment(loader=loader, autoescape=True, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters.update(md=markdown_text, long_date=long_date, autolink=autolink)
        return env

    def page(self, entry: Entry, url: Callable[[str], str]) -> str:
        """The full Markdown of a page: its layout, its inserts, and its review footer.

        Markdown links name the target's source file, which the site generator resolves and
        checks; raw HTML (the tables) needs the final address, so `url` maps a source path
        such as `conditions/sciatica.md` to its address relative to this page.
        """
        body = markers.substitute(entry.document.body, lambda name: self.insert(entry, name, url))
        return self.env.get_template(entry.kind.layout).render(self._context(entry, url, Markup(body)))

    def insert(self, entry: Entry, name: str, url: Callable[[str], str]) -> str:
        insert = self.registry.inserts.get(name)
        if insert is None:  # a misspelt name, which the check reports; left as written
            return f"<!-- insert: {name} -->"
        context = self._context(entry, url, Markup(""))
        if insert.collection:
            context.update(entries=self.graph.entries(insert.collection))
        return self.env.get_template(insert.template).render(context)

    def related(self, entry: Entry) -> list[tuple[str, list[Entry]]]:
        """Each linked list a page of this kind shows: (heading, pages), forward or derived."""
        lists = []
        for related in entry.kind.related:
            if related.of is None:
                pages = self.graph.named_by(entry, related.field)
            else:
                pages = self.graph.naming(entry.kind.name, entry.record.id, related.field, related.of)
            lists.append((related.heading, pages))
        return lists

    def _context(self, entry: Entry, url: Callable[[str], str], body: Markup) -> dict:
        here = posixpath.dirname(entry.path)

        def link(target: Entry | str) -> str:
            path = target if isinstance(target, str) else target.path
            return posixpath.relpath(path, here or ".")

        def href(target: Entry) -> str:
            return url(target.path)

        return {
            "page": entry.record,
            "kind": entry.kind,
            "body": body,
            "link": link,
            "href": href,
            "cells": lambda text: self._wiki_links(text, href),
            "listing": lambda collection: self._listing(collection, href),
            "next_review": next_review_due(entry.record),
            "review_overdue": is_overdue(entry.record, self.today),
            "urgency": self.urgency,
            "graph": self.graph,
            "registry": self.registry,
            "data": {name: loaded.value for name, loaded in self.content.data.items()},
            "benefits_page": self.insert_pages.get("benefits-list"),
            "related": self.related(entry),
            "benefits": [b for b in self.content.value("benefits", [])
                         if b.id in getattr(entry.record, "benefits", ())],
        }

    def _listing(self, collection: str, href: Callable[[Entry], str]) -> Markup:
        """Every page of a collection as HTML links, "A, B and C": a table cell that stays up to date."""
        links = [Markup('<a href="{}">{}</a>').format(href(entry), entry.record.title)
                 for entry in self.graph.entries(collection)]
        if len(links) < 2:
            return Markup("").join(links)
        return Markup(", ").join(links[:-1]) + Markup(" and ") + links[-1]

    def _wiki_links(self, text: str, href: Callable[[Entry], str]) -> Markup:
        """Turn `[[id]]` and `[[id|label]]` into HTML links; escape everything else."""
        parts, last = [], 0
        for match in WIKI_LINK.finditer(text):
            target = self.graph.page(match[1].strip())
            label = match[2] or (target.record.title if target else match[1])
            link = Markup('<a href="{}">{}</a>').format(href(target), label) if target else escape(label)
            parts += [escape(text[last:match.start()]), link]
            last = match.end()
        return Markup("").join(parts + [escape(text[last:])])
