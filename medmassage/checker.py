"""The content check: load every file once, build the graph, run every rule, collect the problems."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from itertools import chain

from . import files, markup, publishing, rules
from .anchors import Anchors, MarkdownOptions, Unresolvable
from .claims import check_claims
from .content import Content, LoadCache, load
from .graph import Graph
from .links import check_links
from .problems import Problem
from .project import Project
from .readability import check_readability
from .registry import SITE
from .review import check_reviews
from .rules import PagePaths
from .settings import Readability


@dataclass(frozen=True)
class Result:
    content: Content
    graph: Graph
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check_project(project: Project, publish: bool | None = None, cache: LoadCache | None = None) -> Result:
    """Check every page and data file of a project; page paths in problems start with the docs folder.

    `publish` (default: the project's publish setting) makes drafts and placeholders errors.
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
    graph = Graph.build(content)
    every_page = PagePaths(set(content.pages) | content.unparsed)
    in_content = chain(
        content.problems,
        rules.check_identity(content),
        rules.check_data_ids(content),
        rules.check_references(content, graph),
        rules.check_comparison_links(content, graph),
        rules.check_navigation(content, project.navigation, project.config_name),
        rules.check_all_bodies(content),
        check_claims(content),
        check_links(content, every_page, PagePaths(set(project.other_files())), _anchors(project, content, graph)),
        markup.check_bodies(content),
        check_reviews(content, project.today, project.overdue_reviews),
        publishing.check_publishing(content, project.root, project.located, project.config_name, publish),
        check_readability(content, project.settings.content_checks.readability if project.settings
                          else Readability()),
    )
    docs = project.docs_dir.relative_to(project.root).as_posix()
    page_paths = {path for path, _ in pages}
    found |= {replace(p, path=f"{docs}/{p.path}") if p.path in page_paths else p for p in in_content}
    return Result(content, graph, sorted(found))


def page_anchors(project: Project, result: Result) -> Anchors:
    """The anchors of each page of a checked project, as links to it are checked."""
    return _anchors(project, result.content, result.graph)


def _anchors(project: Project, content: Content, graph: Graph) -> Anchors:
    """Each page's anchors; unknown (so unchecked) if the config's Markdown settings cannot be read."""
    try:
        options = MarkdownOptions.from_config(project.config)
    except Unresolvable:
        options = None
    return Anchors(content, graph, options)

