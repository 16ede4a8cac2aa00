"""The link graph between conditions and techniques, and the reverse relations derived from it.

A relation is typed once, on the condition (`techniques:`); a technique's
"used for" list, and each benefit's pages, are derived here and never stored.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .content import Content, Entry
from .schema import Condition, Technique

WIKI_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


@dataclass
class Graph:
    """Indexes by id, built in one pass, so every later lookup is constant time."""

    conditions: dict[str, Entry] = field(default_factory=dict)
    techniques: dict[str, Entry] = field(default_factory=dict)
    used_for: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    by_benefit: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def build(cls, content: Content) -> Graph:
        graph = cls()
        for entry in sorted(content.pages.values(), key=lambda e: e.record.title.lower()):
            record = entry.record
            if isinstance(record, Condition):
                graph.conditions.setdefault(record.id, entry)
            elif isinstance(record, Technique):
                graph.techniques.setdefault(record.id, entry)
            else:
                continue
            for benefit in record.benefits:
                graph.by_benefit[benefit].append(entry)
        for condition in graph.conditions.values():
            for technique in condition.record.techniques:
                graph.used_for[technique].append(condition)
        return graph

    def topic(self, id_: str) -> Entry | None:
        return self.conditions.get(id_) or self.techniques.get(id_)

    def techniques_for(self, condition: Entry) -> list[Entry]:
        return [self.techniques[t] for t in condition.record.techniques if t in self.techniques]

    def conditions_for(self, technique: Entry) -> list[Entry]:
        return self.used_for.get(technique.record.id, [])
