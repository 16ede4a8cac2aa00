"""Property-based attacks on the content check: generated front matter, bodies and data files never raise.

A few hundred examples run here; `benchmarks/fuzz_check.py` runs the same properties 10,000 times.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

import markdown
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from strategies import FIXTURE, TARGET, markdown_body, projects

from medmassage.checks.checker import Result, check_project
from medmassage.checks.markup import check_body
from medmassage.html.sanitize import sanitize_article
from medmassage.model.registry import PAGES
from medmassage.project.config import Project, load_project
from medmassage.project.content import Entry
from medmassage.project.frontmatter import Document, Located
from medmassage.rendering.render import Renderer
from support import body_only_record, environment

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
with environment():  # the tools' fixed date: generated review dates are checked against the same day each run
    PROJECT = load_project(FIXTURE / "mkdocs.yml")
SITE_MARKDOWN: dict[str, Any] = {
    "extensions": [
        "admonition",
        "attr_list",
        "tables",
        "toc",
        "pymdownx.superfences",
        "medmassage.rendering.inert_html",
    ],
    "extension_configs": {"toc": {"permalink": True}},
}


@dataclass(frozen=True)
class InMemory(Project):
    """The fixture project with its pages and data files replaced by generated ones."""

    pages: list[tuple[str, bytes]] = field(default_factory=list)
    data: list[tuple[str, bytes]] = field(default_factory=list)

    @classmethod
    def of(cls, project: Project, pages: list[tuple[str, bytes]], data: list[tuple[str, bytes]]) -> InMemory:
        return cls(**{f.name: getattr(project, f.name) for f in fields(project)}, pages=pages, data=data)

    def page_files(self) -> list[tuple[str, bytes]]:
        return self.pages

    def data_files(self) -> list[tuple[str, bytes]]:
        return self.data


def check_and_render(pages, data) -> Result:
    """The whole check, then every page the check accepted rendered to HTML and sanitised, as a build would."""
    result = check_project(InMemory.of(PROJECT, pages, data))
    for problem in result.problems:
        assert problem.line >= 1 and problem.message and problem.path, problem
    if not result.errors:
        renderer = Renderer(result.content, result.graph, today=PROJECT.today)
        for entry in result.content.pages.values():
            sanitize_article(markdown.markdown(renderer.page(entry, lambda path: path), **SITE_MARKDOWN))
    return result


@FUZZ
@given(projects())
def test_the_check_answers_any_project_without_raising(project) -> None:
    pages, data = project
    check_and_render(pages, data)


def _elements(html: str) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    """Each kind of element with its attributes: what could run, navigate, embed or style (text cannot).

    A set, since an HTML5 parser may split a paragraph around a block (`<p><div>`) without removing anything.
    """
    soup = BeautifulSoup(html, "html.parser")
    return {
        (tag.name, tuple(sorted((name, str(value)) for name, value in tag.attrs.items())))
        for tag in soup.find_all(True)
    }


@FUZZ
@given(markdown_body)
def test_a_body_the_check_accepts_renders_to_nothing_the_sanitiser_removes(body: str) -> None:
    """The two layers agree: whatever raw HTML, link or attribute list passes the check, the sanitiser keeps."""
    entry = Entry(TARGET, PAGES, Document(TARGET, Located({}), body, 1, body), body_only_record())
    if any(problem.severity == "error" for problem in check_body(entry)):
        return
    html = markdown.markdown(body, **SITE_MARKDOWN)
    assert _elements(sanitize_article(html)) == _elements(html)
