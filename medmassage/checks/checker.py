"""The content check: load every file once, build the graph, run every rule, collect the problems."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain
from types import MappingProxyType

from ..model.problems import Problem
from ..model.registry import SITE
from ..project.config import Project
from ..project.content import Content, LoadCache, load
from ..project.graph import Graph
from ..project.paths import PagePaths
from ..rendering.anchors import Anchors, MarkdownOptions, Unresolvable
from ..rendering.render import Renderer
from . import (
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
from .rule import Checking, PageRule, Rule, run, run_on_page

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
    graph = Graph.build(content)
    anchors = _anchors(project, content, Renderer(content, graph, project.settings, project.today))
    checking = Checking(
        project,
        content,
        graph,
        anchors,
        pages=PagePaths(set(content.pages) | content.unparsed | set(anchors.renderer.added_pages())),
        files=PagePaths(set(project.other_files())),
        publish=project.publish if publish is None else publish,
        merge=merge,
    )
    in_content = chain(content.problems, *(run(rule, checking) for rule in RULES), _page_rules(checking, cache))
    docs = project.docs_dir.relative_to(project.root).as_posix()
    page_paths = {path for path, _ in pages}
    found |= {replace(p, path=f"{docs}/{p.path}") if p.path in page_paths else p for p in in_content}
    return Result(content, graph, sorted(found), anchors.renderer)


def _page_rules(checking: Checking, cache: LoadCache | None) -> Iterator[Problem]:
    """The rules that read one page at a time; the preview keeps what each found on a page that did not change."""
    for entry in checking.content.pages.values():
        for name, rule in PAGE_RULES.items():
            if cache is None:
                yield from run_on_page(rule, entry, checking=checking)
            else:
                yield from cache.page_problems(name, entry, partial(run_on_page, rule, checking=checking))


def _anchors(project: Project, content: Content, renderer: Renderer) -> Anchors:
    """Each page's anchors, the pages long lists add included; unknown (so unchecked) if the config's
    Markdown settings cannot be read."""
    try:
        options = MarkdownOptions.from_config(project.site)
    except Unresolvable:
        options = None
    return Anchors(content, options, renderer)
