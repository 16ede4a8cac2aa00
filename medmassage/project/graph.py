"""The link graph between pages, and the reverse relations derived from it.

A relation is typed once, in a reference field (a condition's `techniques:`); a technique's
"used for" list, and each benefit's pages, are derived here and never stored. The graph finds
the reference fields in the models (references.py), so it indexes a new one without change.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from ..model.references import Cited, cited
from .content import Content, Entry

WIKI_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


@dataclass
class Graph:
    """Indexes by id, built in one pass, so every later lookup is constant time."""

    collections: dict[str, dict[str, Entry]] = field(default_factory=dict)
    """Each collection's pages by id, in order of title."""
    citations: dict[str, list[Cited]] = field(default_factory=dict)
    """Every id each page names through a reference field, by page path."""
    cited_by: dict[tuple[str, str], list[tuple[str, Entry]]] = field(default_factory=lambda: defaultdict(list))
    """(collection or data file, id) to the (field, page) pairs that name it, in order of title."""

    @classmethod
    def build(cls, content: Content) -> Graph:
        graph = cls({collection.name: {} for collection in content.registry.collections})
        for entry in sorted(content.pages.values(), key=lambda e: e.record.title.lower()):
            if entry.kind.name not in graph.collections:
                continue
            graph.collections[entry.kind.name].setdefault(entry.id, entry)
            graph.citations[entry.path] = list(cited(entry.record))
            for citation in graph.citations[entry.path]:
                if not citation.field.reference.local:
                    graph.cited_by[citation.field.reference.target, citation.id].append((citation.field.name, entry))
        return graph

    def entries(self, collection: str) -> list[Entry]:
        return list(self.collections.get(collection, {}).values())

    def page(self, id_: str) -> Entry | None:
        """The page with this id, in whichever collection."""
        return next((pages[id_] for pages in self.collections.values() if id_ in pages), None)

    def named_by(self, entry: Entry, field_name: str) -> list[Entry]:
        """The pages that `entry` names in its reference field `field_name`, in the order it lists them."""
        found = []
        for citation in self.citations.get(entry.path, []):
            target = self.collections.get(citation.field.reference.target, {}).get(citation.id)
            if citation.field.name == field_name and target is not None:
                found.append(target)
        return found

    def naming(self, target: str, id_: str, field_name: str | None = None, of: str | None = None) -> list[Entry]:
        """The pages that name `id_` of `target`, only through `field_name` and only of collection `of` if given."""
        return [
            entry
            for name, entry in self.cited_by.get((target, id_), [])
            if field_name in (None, name) and of in (None, entry.kind.name)
        ]
