"""Generated lists that stay short: a long one moves to pages of its own, one group at a time.

A page shows a generated list (the conditions, the matrix, each benefit's pages, the conditions
a technique is used for) in full while the list holds at most `per_page` pages, as on a small
site. A longer list would make its page grow with every condition added, so the page shows a
summary instead, one line per group (a body area, a benefit), and the build adds a page for
each group, or several of `per_page` entries each. No page then grows without bound: a summary
grows only with the groups, which are data (body areas, benefits), not pages.

A split list's pages go in the folder named after the page that shows it (`matrix.md` →
`matrix/neck.md`); for a section's index page, in a sub-folder named after the grouping
(`conditions/index.md` → `conditions/body-areas/neck.md`), so that they cannot take the
address of a page of that section.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..model.registry import TAGS_LIST, Insert, Related
from ..project.content import Content, Entry
from ..project.graph import Graph

PER_PAGE = 100


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    entries: tuple[Entry, ...]


@dataclass(frozen=True, eq=False)
class Part:
    """One page the build adds: a group's entries, or the `number`th `per_page` of them."""

    path: str
    listing: Listing
    group: Group
    number: int
    count: int
    entries: tuple[Entry, ...]

    @property
    def title(self) -> str:
        title = f"{self.listing.title}: {self.group.label}"
        return title if self.count == 1 else f"{title} (page {self.number} of {self.count})"

    @property
    def previous(self) -> Part | None:
        return self.listing.part(self.group, self.number - 1)

    @property
    def next(self) -> Part | None:
        return self.listing.part(self.group, self.number + 1)


@dataclass(eq=False)
class Listing:
    """A list too long for its page: the page that shows its summary, its groups, and the pages they fill."""

    name: str
    """The insert (`condition-technique-matrix`) or the related list's heading."""
    host: Entry
    template: str
    """What renders a part's entries: the matrix's table, or a list of pages."""
    groups: tuple[Group, ...]
    parts: list[Part] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.host.record.title

    def part(self, group: Group, number: int = 1) -> Part | None:
        return next((p for p in self.parts if p.group is group and p.number == number), None)

    def first(self, group_id: str) -> Part | None:
        """The first page of the group with this id (a body area's, a benefit's); None if it has no pages."""
        return next((p for p in self.parts if p.group.id == group_id), None)


class Listings:
    """Every generated list of the site that is too long for its page, decided once per build."""

    def __init__(
        self, content: Content, graph: Graph, inserts: Iterable[tuple[Entry, Insert]], per_page: int = PER_PAGE
    ):
        self.content = content
        self.graph = graph
        self.per_page = per_page
        tags = content.registry.tags
        self.tags = tags.name if tags else None
        self.tag_host: tuple[Entry, str] | None = None
        """The page that lists the pages under each tag, and the insert that does it."""
        self.by_host: dict[tuple[str, str], Listing] = {}
        self.parts: dict[str, Part] = {}
        """Every page the lists add, by the path it pretends to have in docs/ (`matrix/neck.md`)."""
        for host, insert in inserts:
            self._add(self._for_insert(host, insert))
            if insert.template == TAGS_LIST and insert.data_file == self.tags:
                self.tag_host = host, insert.name
        for entry in content.pages.values():
            for related in entry.kind.related:
                if related.of is not None:
                    self._add(self._for_related(entry, related))

    def of(self, host: Entry, name: str) -> Listing | None:
        """The list `name` (an insert, or a related list's heading) on `host`, if it is split."""
        return self.by_host.get((host.path, name))

    def tag_page(self, tag_id: str) -> tuple[str, str] | None:
        """Where the pages under a tag are listed, as (page path, anchor); None if no page lists them."""
        if self.tag_host is None:
            return None
        host, name = self.tag_host
        listing = self.of(host, name)
        part = listing.first(tag_id) if listing else None
        return (part.path, "") if part else (host.path, f"#{tag_id}")

    def _add(self, listing: Listing | None) -> None:
        if listing is None or len({e.path for g in listing.groups for e in g.entries}) <= self.per_page:
            return
        folder = self._folder(listing.host.path)
        for group in listing.groups:
            chunks = [group.entries[i : i + self.per_page] for i in range(0, len(group.entries), self.per_page)]
            for number, entries in enumerate(chunks, 1):
                stem = group.id if number == 1 else f"{group.id}-{number}"
                part = Part(self._free(f"{folder}/{stem}"), listing, group, number, len(chunks), entries)
                listing.parts.append(part)
                self.parts[part.path] = part
        self.by_host[listing.host.path, listing.name] = listing

    def _free(self, stem: str) -> str:
        """`stem.md`, or `stem-list.md` (and so on) if a page of the site or another part has that path:
        an editor's page keeps its address, and no generated page takes another's."""
        while f"{stem}.md" in self.parts or f"{stem}.md" in self.content.pages or f"{stem}.md" in self.content.unparsed:
            stem += "-list"
        return f"{stem}.md"

    def _folder(self, host: str) -> str:
        if posixpath.basename(host) != "index.md":
            return posixpath.splitext(host)[0]
        return posixpath.join(posixpath.dirname(host), _slug(self.tags or "pages"))

    def _for_insert(self, host: Entry, insert: Insert) -> Listing | None:
        if insert.collection:
            return Listing(insert.name, host, insert.template, self._by_tag(self.graph.entries(insert.collection)))
        if insert.data_file:
            return Listing(insert.name, host, "list.md.j2", self._by_entry(insert.data_file))
        return None

    def _for_related(self, entry: Entry, related: Related) -> Listing:
        pages = tuple(self.graph.naming(entry.kind.name, entry.id, related.field, related.of))
        return Listing(related.heading, entry, "list.md.j2", (Group(_slug(related.heading), related.heading, pages),))

    def _by_tag(self, entries: list[Entry]) -> tuple[Group, ...]:
        """The entries under each tag (body area) they name, in the order of the tags' data file."""
        if self.tags is None:
            return (Group("all", "All", tuple(entries)),)
        members = {entry.path for entry in entries}
        groups = (
            Group(g.id, g.label, tuple(e for e in g.entries if e.path in members)) for g in self._by_entry(self.tags)
        )
        return tuple(group for group in groups if group.entries)

    def _by_entry(self, data_file: str) -> tuple[Group, ...]:
        """One group for each entry of a data file: the pages that name it, in order of title."""
        return tuple(
            Group(item.id, label(item), tuple(self.graph.naming(data_file, item.id)))
            for item in self.content.value(data_file, [])
        )


def label(item: Any) -> str:
    """What readers call a data file entry: a body area's `label`, a benefit's `name`."""
    return getattr(item, "label", None) or item.name


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
