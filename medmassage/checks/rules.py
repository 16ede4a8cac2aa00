"""The content rules: each a generator of problems over the whole content model.

Each rule runs in one pass over indexes built once by `Graph.build`, so the cost grows
linearly with the number of pages. `checker.py` runs them all and gathers one result.
"""

from __future__ import annotations

import re
from collections.abc import Collection as Paths
from collections.abc import Iterator

from ..model.problems import Problem, closest, did_you_mean, did_you_mean_or_list
from ..model.references import Cited
from ..model.registry import Collection, Related
from ..project import markers
from ..project.content import Content, Entry
from ..project.graph import WIKI_LINK, Graph
from ..project.navigation import Navigation
from ..project.paths import PagePaths, did_you_mean_path

MAIN_HEADING = re.compile(r"^#(?!#)\s")


def check_identity(content: Content) -> Iterator[Problem]:
    """Ids match file names; ids, file names and titles are each used once."""
    first_by_id: dict[str, Entry] = {}
    first_by_title: dict[str, Entry] = {}
    collections = set(content.registry.collections)
    for entry in sorted(content.pages.values(), key=lambda e: e.path):
        record, meta = entry.record, entry.document.meta
        if entry.kind in collections:
            if entry.id != entry.stem:
                yield Problem(
                    entry.path,
                    meta.line_of(("id",)),
                    f"the id '{entry.id}' does not match the file name '{entry.stem}.md'. "
                    "Make them the same, since the id is the page's address.",
                )
            other = first_by_id.setdefault(entry.id, entry)
            if other is not entry:
                yield Problem(
                    entry.path,
                    meta.line_of(("id",)),
                    f"the id '{entry.id}' is already used by {other.path}. Each page needs its own id.",
                )
        key = record.title.casefold()
        other = first_by_title.setdefault(key, entry)
        if other is not entry:
            yield Problem(
                entry.path,
                meta.line_of(("title",)),
                f"the title '{record.title}' is already used by {other.path}. Give this page its own title.",
            )


def check_data_ids(content: Content) -> Iterator[Problem]:
    """Each entry of a data file list has its own id, since pages name entries by id."""
    for data in content.data.values():
        if not isinstance(data.value, list):
            continue
        first: dict[str, int] = {}
        for index, item in enumerate(data.value):
            line = data.located.line_of((index, "id"))
            if getattr(item, "id", None) is None:
                continue
            if item.id in first:
                yield Problem(
                    data.path,
                    line,
                    f"the id '{item.id}' is already used on line {first[item.id]}. Give each entry its own id.",
                )
            first.setdefault(item.id, line)


class Targets:
    """The ids each reference target holds, and how an editor would name the target."""

    def __init__(self, content: Content, graph: Graph):
        self.content = content
        self.graph = graph
        self._ids: dict[str, set[str] | None] = {}

    def ids(self, citation: Cited, entry: Entry) -> set[str] | None:
        """The valid ids for a citation, or None when they cannot be known (the target did not load)."""
        reference = citation.field.reference
        if reference.local:
            if reference.target in entry.dropped:
                return None
            return {item.id for item in getattr(entry.record, reference.target)}
        if reference.target not in self._ids:
            self._ids[reference.target] = self._known(reference.target)
        return self._ids[reference.target]

    def _known(self, target: str) -> set[str] | None:
        registry = self.content.registry
        if registry.collection(target) is not None:
            return (
                set(self.graph.collections[target])
                | self.content.unparsed_ids(target)
                | self.content.misnamed_ids(target)
            )
        data_file = registry.data_file(target)
        if data_file is None:
            raise ValueError(f"a Reference names '{target}', which is neither a collection nor a data file")
        if data_file.name in self.content.unusable_data:
            return None
        return {item.id for item in self.content.value(target, [])}

    def where(self, citation: Cited) -> str:
        reference = citation.field.reference
        if reference.local:
            return f"this page's {reference.target}"
        data_file = self.content.registry.data_file(reference.target)
        return data_file.path if data_file else f"{reference.target}/"


def check_references(content: Content, graph: Graph) -> Iterator[Problem]:
    """Every id a page names exists where its field says, and every required list has a page.

    The reference fields come from the models, so a new one is checked without change here.
    """
    targets = Targets(content, graph)
    meant: set[tuple[str, str]] = set()
    """(target, id) of each valid id that an unknown id is closest to: what the editor probably meant."""
    for entry in content.pages.values():
        for citation in graph.citations.get(entry.path, []):
            known = targets.ids(citation, entry)
            if known is None or citation.id in known:
                continue
            meant_id = closest(citation.id, known)
            if meant_id is not None:
                meant.add((citation.field.reference.target, meant_id))
            yield Problem(
                entry.path,
                entry.document.meta.line_of(citation.loc),
                f"'{citation.id}' in {citation.field.name} is not an id in {targets.where(citation)}."
                f"{did_you_mean_or_list(citation.id, known)}",
            )
    for collection in content.registry.collections:
        for related in collection.related:
            if related.required and related.of:
                yield from _unlisted(content, graph, collection, related, meant)


def _unlisted(
    content: Content, graph: Graph, collection: Collection, related: Related, meant: set[tuple[str, str]]
) -> Iterator[Problem]:
    """Pages that no page of `related.of` lists, unless one of those failed to load or misspelt the id.

    A misspelt id is reported once, where the editor typed it, and not again as a page that no one lists.
    """
    source = content.registry.collection(related.of) if related.of else None
    if source is None or content.unknown_field(source.name, related.field):
        return
    for id_, entry in graph.collections[collection.name].items():
        if (collection.name, id_) in meant or graph.naming(collection.name, id_, related.field, related.of):
            continue
        yield Problem(
            entry.path,
            entry.document.meta.line_of(("id",)),
            f"no {source.noun} lists the {collection.noun} '{id_}'. Add '{id_}' to the "
            f"{related.field}: of at least one {source.noun} page, or remove this page.",
        )


def check_comparison_links(content: Content, graph: Graph) -> Iterator[Problem]:
    """`[[id]]` links in the comparison table name existing condition or technique pages."""
    data = content.data.get("comparison")
    if data is None:
        return
    known = [id_ for pages in graph.collections.values() for id_ in pages]
    unloaded = set().union(
        *(content.unparsed_ids(c.name) | content.misnamed_ids(c.name) for c in content.registry.collections)
    )
    for index, row in enumerate(data.value.rows):
        for column in ("aspect", "medical", "relaxation"):
            for match in WIKI_LINK.finditer(getattr(row, column) or ""):
                if graph.page(match[1].strip()) is None and match[1].strip() not in unloaded:
                    yield Problem(
                        data.path,
                        data.located.line_of(("rows", index, column)),
                        f"[[{match[1]}]] does not name a condition or technique page."
                        f"{did_you_mean(match[1].strip(), known)}",
                    )


def check_navigation(
    content: Content, navigation: Navigation | None, config_name: str, practice_pages: Paths[str] = ()
) -> Iterator[Problem]:
    """Every page is in the navigation, and every navigation entry is a page.

    While the navigation has a mistake of its own, a page missing from it is left unreported:
    most likely it is under the entry with the mistake. The navigation may list the pages the build
    makes from the practice's details (`practice_pages`, such as the contact page), but need not.
    """
    if navigation is None:
        return
    every_page = set(content.pages) | content.unparsed
    pages = PagePaths(every_page)
    for path, line in navigation.pages:
        if path not in every_page and path not in practice_pages:
            yield Problem(
                config_name,
                line,
                f"the navigation lists '{path}', but docs/ has no such page."
                f"{did_you_mean_path(path, pages) or ' Check the file name, or remove the entry.'}",
            )
    if navigation.problems:
        return
    for path in sorted(every_page - {path for path, _ in navigation.pages}):
        yield Problem(path, 1, f"this page is not in the navigation. Add it under nav: in {config_name}.")


def check_body_markers(entry: Entry, known_inserts: set[str]) -> Iterator[Problem]:
    """No second main heading; `<!-- insert: … -->` markers name a known insert. Links are links.py's."""
    for number, line in body_lines(entry):
        if MAIN_HEADING.match(line):
            yield Problem(
                entry.path,
                number,
                "the page's main heading comes from its title: field. Start headings in the text with two hashes (##).",
            )
        for match in markers.MARKER.finditer(line):
            if match[1] not in known_inserts:
                yield Problem(
                    entry.path,
                    number,
                    f"'{match[1]}' is not a known insert."
                    f"{did_you_mean_or_list(match[1], known_inserts, 'The inserts are')}",
                )


def body_lines(entry: Entry) -> Iterator[tuple[int, str]]:
    """(file line number, text) for each body line outside fenced code blocks."""
    for offset, line in markers.text_lines(entry.document.body):
        yield entry.document.body_line + offset, line.rstrip("\r\n")


def check_inserts(content: Content) -> Iterator[Problem]:
    """Each page's text: one main heading (its title), and insert markers that name a known insert."""
    known_inserts = set(content.registry.inserts)
    for entry in content.pages.values():
        yield from check_body_markers(entry, known_inserts)
