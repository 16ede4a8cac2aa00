"""The content check: load every file once, build the graph, run every rule, collect the problems."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import chain

from . import bounds, budget, files, markup, publishing, rules, urgency
from .anchors import Anchors, MarkdownOptions, Unresolvable
from .claims import data_claims, page_claims
from .content import Content, Entry, LoadCache, load
from .graph import Graph
from .links import check_links
from .problems import Problem
from .project import Project
from .readability import check_page as check_readability_of
from .registry import SITE
from .render import Renderer
from .review import check_reviews
from .rules import PagePaths
from .settings import Readability
from .trial_render import check_renders


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
    publish = project.publish if publish is None else publish
    found = {*project.problems, *files.check_project_files(project)}
    if project.registry is None:
        return Result(Content(SITE), Graph(), sorted(found))
    pages = project.page_files()
    if cache is not None:
        cache.start((project.registry, json.dumps(project.config, sort_keys=True, default=str)))
    content = load(pages, project.data_files(), project.registry, cache)
    readability = project.settings.content_checks.readability if project.settings else Readability()
    seconds = project.settings.content_checks.seconds_per_page if project.settings else budget.DEFAULT_SECONDS
    page_problems = _page_rules(content, cache, readability, seconds, _markdown_options(project))
    graph = Graph.build(content)
    anchors = _anchors(project, content, Renderer(content, graph, project.settings, project.today))
    every_page = PagePaths(set(content.pages) | content.unparsed | set(anchors.renderer.listings.parts))
    in_content = chain(
        content.problems,
        rules.check_identity(content),
        rules.check_data_ids(content),
        rules.check_references(content, graph),
        rules.check_comparison_links(content, graph),
        rules.check_navigation(content, project.navigation, project.config_name),
        rules.check_all_bodies(content),
        urgency.check_urgency(content),
        page_problems,
        data_claims(content),
        check_links(content, every_page, PagePaths(set(project.other_files())), anchors),
        check_reviews(content, project.today, project.overdue_reviews),
        publishing.check_publishing(content, project.root, project.located, project.config_name, publish, merge),
    )
    docs = project.docs_dir.relative_to(project.root).as_posix()
    page_paths = {path for path, _ in pages}
    found |= {replace(p, path=f"{docs}/{p.path}") if p.path in page_paths else p for p in in_content}
    return Result(content, graph, sorted(found), anchors.renderer)


def _page_rules(
    content: Content,
    cache: LoadCache | None,
    readability: Readability,
    seconds: float,
    options: MarkdownOptions | None,
) -> list[Problem]:
    """The rules that read one page at a time: its bounds, claims, markup and reading level, then a rendering of it,
    all within the page's time budget; a page over its budget leaves `content` (budget.py)."""
    rules = {
        "claims": page_claims,
        "markup": markup.check_page,
        "readability": lambda entry: check_readability_of(entry, readability),
    }

    hostile: set[str] = set()
    """Pages past a bound: what is in them is built to be slow or to crash, so no other rule reads them; an
    honest page never comes near a bound, and its other problems are listed once it is within them."""

    def one_page(entry: Entry) -> Iterator[Problem]:
        refused = _cached(cache, "bounds", entry, bounds.check_page)
        if refused:
            hostile.add(entry.path)
            return iter(refused)
        found = [problem for name, rule in rules.items() for problem in _cached(cache, name, entry, rule)]
        return iter(found + _cached(cache, "renders", entry, lambda entry: check_renders(entry, options)))

    found = budget.check_pages(content, seconds, one_page)[0]
    budget.set_aside(content, hostile)
    return found


def _cached(cache: LoadCache | None, name: str, entry: Entry, rule) -> list[Problem]:
    return cache.page_problems(name, entry, rule) if cache else list(rule(entry))


def _markdown_options(project: Project) -> MarkdownOptions | None:
    try:
        return MarkdownOptions.from_config(project.config)
    except Unresolvable:
        return None


def page_anchors(project: Project, result: Result) -> Anchors:
    """The anchors of each page of a checked project, as links to it are checked."""
    return _anchors(project, result.content, result.renderer)


def _anchors(project: Project, content: Content, renderer: Renderer) -> Anchors:
    """Each page's anchors, the pages long lists add included; unknown (so unchecked) if the config's
    Markdown settings cannot be read."""
    try:
        options = MarkdownOptions.from_config(project.config)
    except Unresolvable:
        options = None
    return Anchors(content, options, renderer)
