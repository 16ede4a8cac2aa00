"""Cross-reference checks over the whole content model.

Each check is a generator of problems that runs in one pass over indexes built
once by `Graph.build`, so the cost grows linearly with the number of pages.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from .content import Content, Entry, unparsed_ids
from .graph import WIKI_LINK, Graph
from .problems import Problem, did_you_mean
from .schema import Condition, Topic

INSERT = re.compile(r"<!--\s*insert:\s*([\w-]+)\s*-->")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
FENCE = re.compile(r"^\s*(```|~~~)")
MAIN_HEADING = re.compile(r"^#(?!#)\s")
ABSOLUTE_CLAIM = re.compile(
    r"\b(cur(?:e|es|ed|ing)|guarantee[sd]?|guaranteeing|permanent(?:ly)?|no side[- ]effects?|"
    r"risk[- ]free|miracle|100\s?% (?:safe|effective))\b",
    re.IGNORECASE,
)


def check_identity(content: Content) -> Iterator[Problem]:
    """Ids match file names; ids, file names and titles are each used once."""
    first_by_id: dict[str, Entry] = {}
    first_by_title: dict[str, Entry] = {}
    for entry in sorted(content.pages.values(), key=lambda e: e.path):
        record, meta = entry.record, entry.document.meta
        if isinstance(record, Topic):
            if record.id != entry.stem:
                yield Problem(entry.path, meta.line_of(("id",)),
                              f"the id '{record.id}' does not match the file name '{entry.stem}.md'. "
                              "Make them the same, since the id is the page's address.")
            other = first_by_id.setdefault(record.id, entry)
            if other is not entry:
                yield Problem(entry.path, meta.line_of(("id",)),
                              f"the id '{record.id}' is already used by {other.path}. Each page needs its own id.")
        key = record.title.casefold()
        other = first_by_title.setdefault(key, entry)
        if other is not entry:
            yield Problem(entry.path, meta.line_of(("title",)),
                          f"the title '{record.title}' is already used by {other.path}. Give this page its own title.")


def check_references(content: Content, graph: Graph) -> Iterator[Problem]:
    """Every id a page names exists, and every technique is used by a condition."""
    vocabularies = {
        "body_areas": {area.id for area in content.body_areas},
        "benefits": {benefit.id for benefit in content.benefits},
    }
    unloaded = unparsed_ids(content)
    for entry in content.pages.values():
        record = entry.record
        if not isinstance(record, Topic):
            continue
        for field, known in vocabularies.items():
            if f"{field}.yml" not in content.unusable_data:
                yield from _unknown(entry, field, getattr(record, field), known, f"data/{field}.yml")
        note = "red_flags" if isinstance(record, Condition) else "precautions"
        yield from _unknown(entry, (note, "sources"), getattr(record, note).sources,
                            {source.id for source in record.sources}, "this page's sources")
        if isinstance(record, Condition):
            yield from _unknown(entry, "techniques", record.techniques, graph.techniques.keys() | unloaded,
                                "techniques/")
    if any(path.startswith("conditions/") for path in content.unparsed):
        return
    for id_, technique in graph.techniques.items():
        if not graph.used_for.get(id_):
            yield Problem(technique.path, technique.document.meta.line_of(("id",)),
                          f"no condition lists the technique '{id_}'. Add '{id_}' to the techniques: "
                          "of at least one condition page, or remove this page.")


def _unknown(entry: Entry, field: str | tuple, ids: list[str], known, where: str) -> Iterator[Problem]:
    loc = field if isinstance(field, tuple) else (field,)
    for index, id_ in enumerate(ids):
        if id_ not in known:
            yield Problem(entry.path, entry.document.meta.line_of(loc + (index,)),
                          f"'{id_}' in {'.'.join(loc)} is not an id in {where}.{did_you_mean(id_, known)}")


def check_comparison_links(content: Content, graph: Graph) -> Iterator[Problem]:
    """`[[id]]` links in the comparison table name existing condition or technique pages."""
    data = content.data.get("comparison.yml")
    if data is None:
        return
    known = list(graph.conditions) + list(graph.techniques)
    unloaded = unparsed_ids(content)
    for index, row in enumerate(data.value.rows):
        for column in ("aspect", "medical", "relaxation"):
            for match in WIKI_LINK.finditer(getattr(row, column)):
                if graph.topic(match[1].strip()) is None and match[1].strip() not in unloaded:
                    yield Problem(data.path, data.located.line_of(("rows", index, column)),
                                  f"[[{match[1]}]] does not name a condition or technique page."
                                  f"{did_you_mean(match[1].strip(), known)}")


def check_navigation(content: Content, nav: list[tuple[str, int]] | None, config_path: str) -> Iterator[Problem]:
    """Every page is in the navigation, and every navigation entry is a page."""
    if nav is None:
        return
    listed = {path for path, _ in nav}
    every_page = set(content.pages) | content.unparsed
    pages = Pages(every_page)
    for path, line in nav:
        if path not in every_page:
            yield Problem(config_path, line, f"the navigation lists '{path}', but docs/ has no such page."
                          f"{did_you_mean_path(path, pages)}")
    for path in sorted(every_page - listed):
        yield Problem(path, 1, "this page is not in the navigation. Add it under nav: in mkdocs.yml.")


class Pages:
    """Every page's path and, for a missing one, the page with the closest file name.

    Renaming a page breaks every link to it at once. Each missing name is compared with every
    page once, not once per link, so the check stays linear in the number of pages.
    """

    def __init__(self, paths: set[str]):
        self.paths = paths
        self.by_name = {posixpath.basename(p): p for p in sorted(paths)}
        self._closest: dict[str, str | None] = {}

    def __contains__(self, path: str) -> bool:
        return path in self.paths

    def closest(self, path: str) -> str | None:
        name = posixpath.basename(path)
        if name not in self._closest:
            hint = did_you_mean(name, self.by_name)
            self._closest[name] = self.by_name[hint.split("'")[1]] if hint else None
        return self._closest[name]


def did_you_mean_path(path: str, pages: Pages, relative_to: str = "") -> str:
    """Suggest a page with a similar file name, written as the editor would link to it."""
    match = pages.closest(path)
    if match is None:
        return ""
    written = posixpath.relpath(match, posixpath.dirname(relative_to) or ".") if relative_to else match
    return f" Did you mean '{written}'?"


def check_body(entry: Entry, known_inserts: set[str], every_page: Pages) -> Iterator[Problem]:
    """No second main heading; links to other pages resolve; `<!-- insert: … -->` markers name a known insert."""
    for number, line in body_lines(entry):
        if MAIN_HEADING.match(line):
            yield Problem(entry.path, number, "the page's main heading comes from its title: field. "
                          "Start headings in the text with two hashes (##).")
        for match in INSERT.finditer(line):
            if match[1] not in known_inserts:
                yield Problem(entry.path, number, f"'{match[1]}' is not a known insert."
                              f"{did_you_mean(match[1], known_inserts)}")
        for match in LINK.finditer(line):
            target = match[1].split("#", 1)[0]
            if not target or SCHEME.match(target) or target.startswith("/"):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(entry.path), target))
            if resolved not in every_page and resolved.endswith(".md"):
                suggestion = did_you_mean_path(resolved, every_page, relative_to=entry.path)
                yield Problem(entry.path, number, f"the link to '{target}' points to a page that does not exist."
                              f"{suggestion or ' Check the file name and folder.'}")


def body_lines(entry: Entry) -> Iterator[tuple[int, str]]:
    """(file line number, text) for each body line outside fenced code blocks."""
    fenced = False
    for offset, line in enumerate(entry.document.body.splitlines()):
        if FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            yield entry.document.body_line + offset, line


def check_claims(path: str, text: str) -> Iterator[Problem]:
    """Absolute health claims must be rephrased: the site promises no cure."""
    for number, line in enumerate(text.splitlines(), 1):
        for match in ABSOLUTE_CLAIM.finditer(line):
            yield Problem(path, number, f"'{match[0]}' makes an absolute health claim. Rephrase it with care, "
                          "for example 'may help' or 'can ease'.")


def check_all_bodies(content: Content, known_inserts: set[str]) -> Iterator[Problem]:
    every_page = Pages(set(content.pages) | content.unparsed)
    for entry in content.pages.values():
        yield from check_body(entry, known_inserts, every_page)
        yield from check_claims(entry.path, entry.document.text)
    for data in content.data.values():
        yield from check_claims(data.path, data.text)


