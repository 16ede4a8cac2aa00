"""The content check: load every file once, build the graph, run every rule, collect the problems."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain
from types import MappingProxyType

from ..model.problems import Problem
from ..model.registry import SITE
from ..project.config import Project
from ..project.content import Content, Entry, LoadCache, load
from ..project.graph import Graph
from ..project.paths import PagePaths
from ..rendering.anchors import Anchors, MarkdownOptions, Unresolvable
from ..rendering.render import Renderer
from . import (
    bounds,
    budget,
    claims,
    evidence,
    files,
    links,
    listed_sources,
    markup,
    publishing,
    readability,
    review,
    rules,
    signoff,
    skin_tone,
    urgency,
)
from .rule import Checking, PageRule, PageScope, Rule, run, run_on_page

RULES: tuple[Rule, ...] = (
    rules.check_identity,
    rules.check_data_ids,
    rules.check_references,
    rules.check_comparison_links,
    rules.check_navigation,
    rules.check_inserts,
    urgency.check_urgency,
    skin_tone.check_skin_tone,
    evidence.check_evidence,
    listed_sources.check_listed_sources,
    signoff.check_signoffs,
    claims.data_claims,
    links.check_links,
    review.check_reviews,
    publishing.check_publishing,
)
"""The rules over the whole project, in the order they report (problems are sorted by file and line anyway)."""
PAGE_RULES: Mapping[str, PageRule] = MappingProxyType(
    {"claims": claims.page_claims, "markup": markup.check_page, "readability": readability.check_page}
)
"""The rules that read one page alone, by the name the preview keeps what each found under."""


@dataclass(frozen=True)
class Result:
    content: Content
    graph: Graph
    problems: list[Problem]
    renderer: Renderer | None = None
    """The renderer the check used to find each page's anchors; the build renders the pages with it."""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check_project(
    project: Project, publish: bool | None = None, cache: LoadCache | None = None, merge: bool = False
) -> Result:
    """Check every page and data file of a project; page paths in problems start with the docs folder.

    `publish` (default: the project's publish setting) makes drafts and placeholders errors;
    `merge`, as a pull request's check, makes drafts and archetype sentences errors.
    With a `cache` from the last check, files that have not changed are not parsed again.
    """
    found = {*project.problems, *files.check_project_files(project)}
    if project.registry is None:
        return Result(Content(SITE), Graph(), sorted(found))
    pages = project.page_files()
    if cache is not None:
        cache.start((project.registry, json.dumps(project.site.as_read, sort_keys=True, default=str)))
    content = load(pages, project.data_files(), project.registry, cache)
    scope = PageScope(project)
    page_problems = _page_rules(content, scope, cache)
    graph = Graph.build(content)
    anchors = _anchors(project, content, Renderer(content, graph, project.settings, project.today))
    checking = Checking(
        project,
        content=content,
        graph=graph,
        anchors=anchors,
        pages=PagePaths(set(content.pages) | content.unparsed | set(anchors.renderer.added_pages())),
        files=PagePaths(set(project.other_files())),
        publish=project.publish if publish is None else publish,
        merge=merge,
    )
    in_content = chain(content.problems, page_problems, *(run(rule, checking) for rule in RULES))
    docs = project.docs_dir.relative_to(project.root).as_posix()
    page_paths = {path for path, _ in pages}
    found |= {replace(p, path=f"{docs}/{p.path}") if p.path in page_paths else p for p in in_content}
    return Result(content, graph, sorted(found), anchors.renderer)


def _page_rules(content: Content, scope: PageScope, cache: LoadCache | None) -> list[Problem]:
    """The rules that read one page alone, each page within its time budget (budget.py), before any rule
    reads the pages together. A page past a bound (bounds.py) is read by no other rule: what is in it
    is built to be slow or to crash, and an honest page never comes near one. A page past a bound
    or its budget leaves the content model, as a page that did not load. The preview keeps what
    each rule found on a page that did not change."""
    hostile: set[str] = set()

    def one_page(entry: Entry) -> list[Problem]:
        refused = _kept(cache, "bounds", entry, bounds.check_page)
        if refused:
            hostile.add(entry.path)
            return refused
        return [
            problem
            for name, rule in PAGE_RULES.items()
            for problem in _kept(cache, name, entry, partial(run_on_page, rule, scope=scope))
        ]

    found, _ = budget.check_pages(content, scope.seconds_per_page, one_page)
    budget.set_aside(content, hostile)
    return found


def _kept(
    cache: LoadCache | None, name: str, entry: Entry, rule: Callable[[Entry], Iterable[Problem]]
) -> list[Problem]:
    return cache.page_problems(name, entry, rule) if cache else list(rule(entry))


def _anchors(project: Project, content: Content, renderer: Renderer) -> Anchors:
    """Each page's anchors, the pages long lists add included; unknown (so unchecked) if the config's
    Markdown settings cannot be read."""
    try:
        options = MarkdownOptions.from_config(project.site)
    except Unresolvable:
        options = None
    return Anchors(content, options, renderer)
