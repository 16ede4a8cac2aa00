"""The content check: load every file once, build the graph, run every check, collect problems."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import chain

from . import checks, files, markup
from .content import Content, load
from .graph import Graph
from .problems import Problem
from .project import CONFIG_FILE, Project, Settings
from .render import INSERTS
from .review import check_reviews


@dataclass(frozen=True)
class Result:
    content: Content
    graph: Graph
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check(pages: Iterable[tuple[str, bytes]], data: Iterable[tuple[str, bytes]],
          nav: list[tuple[str, int]] | None, settings: Settings) -> Result:
    content = load(pages, data)
    graph = Graph.build(content)
    found = chain(
        content.problems,
        checks.check_identity(content),
        checks.check_references(content, graph),
        checks.check_comparison_links(content, graph),
        checks.check_navigation(content, nav, CONFIG_FILE),
        checks.check_all_bodies(content, set(INSERTS)),
        markup.check_bodies(content),
        check_reviews(content, settings),
    )
    return Result(content, graph, sorted(set(found)))


def check_project(project: Project, pages: Iterable[tuple[str, bytes]] | None = None) -> Result:
    """Check a project; `pages` overrides reading docs/ (MkDocs hands its own files in)."""
    pages = list(project.page_files() if pages is None else pages)
    result = check(pages, project.data_files(), project.nav, project.settings)
    docs = project.docs_dir.relative_to(project.root).as_posix()
    page_paths = {path for path, _ in pages}
    problems = [replace(p, path=f"{docs}/{p.path}") if p.path in page_paths else p for p in result.problems]
    found = set(problems) | set(project.problems) | set(files.check_project_files(project))
    return Result(result.content, result.graph, sorted(found))
