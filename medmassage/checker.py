"""The content check: load every file once, build the graph, run every rule, collect the problems."""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import chain

from . import files, markup, rules
from .content import Content, load
from .graph import Graph
from .problems import Problem
from .project import Project
from .registry import SITE
from .review import check_reviews


@dataclass(frozen=True)
class Result:
    content: Content
    graph: Graph
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def check_project(project: Project) -> Result:
    """Check every page and data file of a project; page paths in problems start with the docs folder."""
    found = {*project.problems, *files.check_project_files(project)}
    if project.registry is None:
        return Result(Content(SITE), Graph(), sorted(found))
    pages = project.page_files()
    content = load(pages, project.data_files(), project.registry)
    graph = Graph.build(content)
    in_content = chain(
        content.problems,
        rules.check_identity(content),
        rules.check_data_ids(content),
        rules.check_references(content, graph),
        rules.check_comparison_links(content, graph),
        rules.check_navigation(content, project.navigation, project.config_name),
        rules.check_all_bodies(content),
        markup.check_bodies(content),
        check_reviews(content, project.today, project.overdue_reviews),
    )
    docs = project.docs_dir.relative_to(project.root).as_posix()
    page_paths = {path for path, _ in pages}
    found |= {replace(p, path=f"{docs}/{p.path}") if p.path in page_paths else p for p in in_content}
    return Result(content, graph, sorted(found))
