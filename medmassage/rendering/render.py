"""Rendering: the Markdown each page gets once the whole graph is known.

Layouts live in `templates/` as Jinja files; this module only gathers what they show.
Every value from front matter or data files passes through Jinja's HTML autoescaping,
so a title such as `</script>` stays text wherever it lands.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property
from urllib.parse import quote

from jinja2 import BytecodeCache, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from jinja2.bccache import Bucket
from markupsafe import Markup, escape

from ..model.reviews import is_overdue, next_review_due
from ..project import evidence, markers
from ..project.content import Content, Entry
from ..project.graph import WIKI_LINK, Graph
from ..project.settings import Emergency, Settings
from ..project.signoff import Reviews
from .front_door import HOME, HOME_LAYOUT
from .inert_html import template_markup
from .listings import PER_PAGE, Listings, Part, label
from .practice_pages import PracticePage, practice_pages, red_flags
from .practice_pages import context as practice_context
from .wording import urgency_words

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


def relative_path(path: str, folder: str) -> str:
    """`path` relative to `folder`, both relative to the same root: `relative_path("a/b.md", "a/c")` is `../b.md`."""
    parts, base = path.split("/"), folder.split("/") if folder else []
    common = 0
    while common < min(len(parts) - 1, len(base)) and parts[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


def counted(entries: Iterable[Entry]) -> str:
    """How many pages of each kind, as readers say it: `75 conditions and 1 technique`."""
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.kind.noun] = counts.get(entry.kind.noun, 0) + 1
    phrases = [f"{n} {noun}{'' if n == 1 else 's'}" for noun, n in sorted(counts.items())]
    return " and ".join(filter(None, [", ".join(phrases[:-1]), phrases[-1]])) if phrases else "no pages"


class CompiledTemplates(BytecodeCache):
    """Compiled templates kept from one build to the next: `mkdocs serve` makes new Jinja environments
    for each rebuild, which would compile every template of the theme again (a third of a second).

    Jinja compares each template's source with the checksum the code was compiled from, and the key
    holds the options that shape the compiled code, so an edited template or a changed setting is
    compiled afresh. An environment that decides autoescaping per template is not cached.
    """

    def __init__(self) -> None:
        self.compiled: dict[tuple, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        key = _compile_key(bucket)
        if key is not None and key in self.compiled:
            bucket.bytecode_from_string(self.compiled[key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        key = _compile_key(bucket)
        if key is not None:
            self.compiled[key] = bucket.bytecode_to_string()


def _compile_key(bucket: Bucket) -> tuple | None:
    env = bucket.environment
    if not isinstance(env.autoescape, bool):
        return None
    syntax = (
        env.block_start_string,
        env.block_end_string,
        env.variable_start_string,
        env.variable_end_string,
        env.comment_start_string,
        env.comment_end_string,
        env.line_statement_prefix,
        env.line_comment_prefix,
        env.newline_sequence,
    )
    return (
        bucket.key,
        syntax,
        env.trim_blocks,
        env.lstrip_blocks,
        env.keep_trailing_newline,
        env.autoescape,
        env.optimized,
        env.is_async,
        tuple(sorted(env.extensions)),
    )


COMPILED = CompiledTemplates()
"""This package's templates and the theme's, compiled once per process and version of each template."""


class Renderer:
    def __init__(self, content: Content, graph: Graph, settings: Settings | None = None, today: date | None = None):
        self.content = content
        self.graph = graph
        self.registry = content.registry
        self.urgency = urgency_words(settings.emergency if settings else Emergency())
        self.today = today or date.today()
        shown = [
            (entry, marker.name)
            for entry in content.pages.values()
            for marker in markers.markers(entry.document.body)
            if marker.name in self.registry.inserts
        ]
        self.insert_pages = {name: entry.path for entry, name in shown}
        """Where each insert is shown, e.g. the benefits list, so other pages can link to it."""
        per_page = settings.lists.per_page if settings else PER_PAGE
        self.listings = Listings(
            content, graph, [(entry, self.registry.inserts[name]) for entry, name in shown], per_page
        )
        self._relative_paths: dict[tuple[str, str], str] = {}
        self.reviews = Reviews(content, settings)
        """What each page may say about its clinical review (signoff.py)."""
        self.settings = settings
        self.practice_pages = practice_pages(content) if settings is not None else {}
        """The pages made from the practice's details (contact, referrals), by path; see practice_pages.py."""

    @cached_property
    def env(self) -> Environment:
        """One environment per build; templates do not change during a build, so they are not re-checked."""
        loader = ChoiceLoader(
            [FileSystemLoader([str(p) for p in self.registry.templates]), PackageLoader("medmassage.rendering")]
        )
        env = Environment(
            loader=loader,
            autoescape=True,
            undefined=StrictUndefined,
            auto_reload=False,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=COMPILED,
        )
        env.filters.update(md=markdown_text, long_date=long_date, autolink=autolink, counted=counted, label=label)
        env.filters.update(markup=template_markup)  # the markup a template writes: see inert_html.py
        env.globals["red_flags"] = red_flags
        return env

    def added_pages(self) -> list[str]:
        """The pages the build adds, by the path each pretends to have in docs/: the practice's pages, the
        parts of long lists, the reviewers page. A link to one is a link to a page."""
        reviewers = self.reviews.page
        return [*self.practice_pages, *self.listings.parts, *([reviewers] if reviewers else [])]

    def page(self, entry: Entry, url: Callable[[str], str], body: str | None = None) -> str:
        """The full Markdown of a page: its layout, its inserts, and its review footer.

        `body` is the Markdown below the front matter (by default, as the file holds it).
        Markdown links name the target's source file, which the site generator resolves and
        checks; raw HTML (the tables) needs the final address, so `url` maps a source path
        such as `conditions/sciatica.md` to its address relative to this page.
        """
        text = entry.document.body if body is None else body
        filled = markers.substitute(text, lambda name: self.insert(entry, name, url))
        filled = self._with_evidence(entry, filled, url)
        layout = HOME_LAYOUT if entry.path == HOME else entry.kind.layout  # the home template writes its title
        return self.env.get_template(layout).render(self._context(entry, url, Markup(filled)))

    def _with_evidence(self, entry: Entry, body: str, url: Callable[[str], str]) -> str:
        """The body with "What the research says" under its "may help" heading, or at its end (evidence.py)."""
        found = getattr(entry.record, "evidence", None)
        if found is None:
            return body
        box = self.env.get_template("_evidence.md.j2").render(self._context(entry, url, Markup("")), evidence=found)
        return evidence.place(body, box)

    def insert(self, entry: Entry, name: str, url: Callable[[str], str]) -> str:
        """A generated part; a long list shows its summary (`listing`) instead, see listings.py."""
        insert = self.registry.inserts.get(name)
        if insert is None:  # a misspelt name, which the check reports; left as written
            return f"<!-- insert: {name} -->"
        context = self._context(entry, url, Markup(""))
        context.update(insert=insert, listing=self.listings.of(entry, name), part=None)
        if insert.collection:
            context.update(entries=self.graph.entries(insert.collection))
        return self.env.get_template(insert.template).render(context)

    def part(self, path: str, url: Callable[[str], str]) -> str | None:
        """The Markdown of a page that the build adds: a part of a long list (`matrix/neck.md`), or a page made
        from the practice's details (`contact.md`); None for any other path."""
        if path in self.practice_pages and self.settings is not None:  # practice pages need the settings
            return self.practice_page(self.practice_pages[path], self.settings, url)
        part = self.listings.parts.get(path)
        if part is None:
            return None
        context = {
            **self._links(path, url),
            "graph": self.graph,
            "part": part,
            "listing": None,
            "entries": part.entries,
        }
        body = self.env.get_template(part.listing.template).render(context)
        return self.env.get_template("part.md.j2").render(context, listing=part.listing, body=Markup(body))

    def practice_page(self, page: PracticePage, settings: Settings, url: Callable[[str], str]) -> str:
        """The Markdown of a page made from the practice's details (practice_pages.py)."""
        links = self._links(page.path, url)
        context = {
            **practice_context(settings, self.graph, links["link"]),
            "title": page.title,
            "urgency": self.urgency,
            "per_page": self.listings.per_page,
        }
        return self.env.get_template(page.template).render(context)

    def related(self, entry: Entry) -> list[tuple[str, list[Entry]]]:
        """Each linked list a page of this kind shows: (heading, pages), forward or derived."""
        lists = []
        for related in entry.kind.related:
            if related.of is None:
                pages = self.graph.named_by(entry, related.field)
            else:
                pages = self.graph.naming(entry.kind.name, entry.id, related.field, related.of)
            lists.append((related.heading, pages))
        return lists

    def _links(self, path: str, url: Callable[[str], str]) -> dict:
        """How a page at `path` links: to a source file in Markdown (`link`), to an address in HTML (`href`)."""
        here = posixpath.dirname(path)

        def link(target: Entry | Part | str) -> str:
            return self._relative(target if isinstance(target, str) else target.path, here)

        def href(target: Entry) -> str:
            return url(target.path)

        return {"link": link, "href": href, "cells": lambda text: self._wiki_links(text, href)}

    def _relative(self, path: str, folder: str) -> str:
        """`path` relative to `folder`, both in docs/: what `posixpath.relpath` gives, without its calls to the disk."""
        key = path, folder
        if key not in self._relative_paths:
            self._relative_paths[key] = relative_path(path, folder)
        return self._relative_paths[key]

    def _context(self, entry: Entry, url: Callable[[str], str], body: Markup) -> dict:
        links = self._links(entry.path, url)
        return {
            **links,
            "page": entry.record,
            "kind": entry.kind,
            "body": body,
            "every_page": lambda collection: self._every_page(collection, links["href"]),
            "next_review": next_review_due(entry.record),
            "review_overdue": is_overdue(entry.record, self.today),
            "urgency": self.urgency,
            "review": self.reviews.of(entry),
            "reviewers_url": url(self.reviews.page) if self.reviews.page else None,
            "graph": self.graph,
            "registry": self.registry,
            "data": {name: loaded.value for name, loaded in self.content.data.items()},
            "benefits_page": self.insert_pages.get("benefits-list"),
            "related": self.related(entry),
            "split": lambda heading: self.listings.of(entry, heading),
            "backing": lambda other: evidence.backing(entry, other),
            "benefits": [
                b for b in self.content.value("benefits", []) if b.id in getattr(entry.record, "benefits", ())
            ],
        }

    def _every_page(self, collection: str, href: Callable[[Entry], str]) -> Markup:
        """Every page of a collection as HTML links, "A, B and C": a table cell that stays up to date."""
        links = [
            Markup('<a href="{}">{}</a>').format(href(entry), entry.record.title)
            for entry in self.graph.entries(collection)
        ]
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
            parts += [escape(text[last : match.start()]), link]
            last = match.end()
        return Markup("").join(parts + [escape(text[last:])])
