"""Rendering: the Markdown each page gets once the whole graph is known.

Layouts live in `templates/` as Jinja files; this module only gathers what they show.
Every value from front matter or data files passes through Jinja's HTML autoescaping,
so a title such as `</script>` stays text wherever it lands.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from datetime import date
from functools import cached_property
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from .checks import INSERT
from .content import Content, Entry
from .graph import WIKI_LINK, Graph
from .review import next_review_due
from .schema import Condition, Technique

INSERTS = {
    "conditions-list": "conditions-list.md.j2",
    "techniques-list": "techniques-list.md.j2",
    "benefits-list": "benefits-list.md.j2",
    "comparison-table": "comparison-table.md.j2",
    "condition-technique-matrix": "matrix.md.j2",
}
LAYOUTS = {Condition: "condition.md.j2", Technique: "technique.md.j2"}
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


class Renderer:
    def __init__(self, content: Content, graph: Graph):
        self.content = content
        self.graph = graph
        self.insert_pages = {name: entry.path for entry in content.pages.values()
                             for name in INSERT.findall(entry.document.body)}
        """Where each insert is shown, e.g. the benefits list, so other pages can link to it."""

    @cached_property
    def env(self) -> Environment:
        env = Environment(loader=PackageLoader("medmassage"), autoescape=True, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
        env.filters.update(md=markdown_text, long_date=long_date, autolink=autolink)
        env.tests.update(condition=lambda entry: isinstance(entry.record, Condition),
                         technique=lambda entry: isinstance(entry.record, Technique))
        return env

    def page(self, entry: Entry, url: Callable[[str], str]) -> str:
        """The full Markdown of a page: its layout, its inserts, and its review footer.

        Markdown links name the target's source file, which the site generator resolves and
        checks; raw HTML (the tables) needs the final address, so `url` maps a source path
        such as `conditions/sciatica.md` to its address relative to this page.
        """
        body = INSERT.sub(lambda match: self.insert(entry, match[1], url), entry.document.body)
        layout = LAYOUTS.get(type(entry.record), "page.md.j2")
        return self.env.get_template(layout).render(self._context(entry, url, Markup(body)))

    def insert(self, entry: Entry, name: str, url: Callable[[str], str]) -> str:
        return self.env.get_template(INSERTS[name]).render(self._context(entry, url, Markup("")))

    def _context(self, entry: Entry, url: Callable[[str], str], body: Markup) -> dict:
        here = posixpath.dirname(entry.path)
        graph = self.graph

        def link(target: Entry | str) -> str:
            path = target if isinstance(target, str) else target.path
            return posixpath.relpath(path, here or ".")

        def href(target: Entry) -> str:
            return url(target.path)

        return {
            "page": entry.record,
            "body": body,
            "link": link,
            "href": href,
            "cells": lambda text: self._wiki_links(text, href),
            "next_review": next_review_due(entry.record),
            "graph": graph,
            "benefits_page": self.insert_pages.get("benefits-list"),
            "content": self.content,
            "techniques": graph.techniques_for(entry) if isinstance(entry.record, Condition) else [],
            "conditions": graph.conditions_for(entry) if isinstance(entry.record, Technique) else [],
            "benefits": [b for b in self.content.benefits if b.id in getattr(entry.record, "benefits", ())],
        }

    def _wiki_links(self, text: str, href: Callable[[Entry], str]) -> Markup:
        """Turn `[[id]]` and `[[id|label]]` into HTML links; escape everything else."""
        parts, last = [], 0
        for match in WIKI_LINK.finditer(text):
            target = self.graph.topic(match[1].strip())
            label = match[2] or (target.record.title if target else match[1])
            link = Markup('<a href="{}">{}</a>').format(href(target), label) if target else escape(label)
            parts += [escape(text[last:match.start()]), link]
            last = match.end()
        return Markup("").join(parts + [escape(text[last:])])
