"""The content check: load every file once, build the graph, run every rule, collect the problems."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from itertools import chain

from . import files, markup, publishing, rules, urgency
from .anchors import Anchors, MarkdownOptions, Unresolvable
from .claims import data_claims, page_claims
from .content import Content, LoadCache, load
from .graph import Graph
from .links import check_links
from .practice_pages import practice_pages
from .problems import Problem
from .project import Project
from .readability import check_page as check_readability_of
from .registry import SITE
from .render import Renderer
from .review import check_reviews
from .rules import PagePaths
from .settings import Readability


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
    graph = Graph.build(content)
    anchors = _anchors(project, content, Renderer(content, graph, project.settings, project.today))
    every_page = PagePaths(
        set(content.pages) | content.unparsed | set(anchors.renderer.listings.parts) | set(practice_pages(content))
    )
    in_content = chain(
        content.problems,
        rules.check_identity(content),
        rules.check_data_ids(content),
        rules.check_references(content, graph),
        rules.check_comparison_links(content, graph),
        rules.check_navigation(content, project.navigation, project.config_name, anchors.renderer.practice_pages),
        rules.check_all_bodies(content),
        urgency.check_urgency(content),
        _page_rules(content, cache, readability),
        data_claims(content),
        check_links(content, every_page, PagePaths(set(project.other_files())), anchors),
        check_reviews(content, project.today, project.overdue_reviews),
        publishing.check_publishing(content, project.root, project.located, project.config_name, publish, merge),
    )
    docs = project.docs_dir.relative_to(project.root).as_posix()
    page_paths = {path for path, _ in pages}
    found |= {replace(p, path=f"{docs}/{p.path}") if p.path in page_paths else p for p in in_content}
    return Result(content, graph, sorted(found), anchors.renderer)


def _page_rules(content: Content, cache: LoadCache | None, readability: Readability) -> Iterator[Problem]:
    """The rules that read one page at a time: its claims, its markup and its reading level."""
    rules = {
        "claims": page_claims,
        "markup": markup.check_page,
        "readability": lambda entry: check_readability_of(entry, readability),
    }
    for entry in content.pages.values():
        for name, rule in rules.items():
            yield from cache.page_problems(name, entry, rule) if cache else rule(entry)


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
