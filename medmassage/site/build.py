"""One site build, as any site generator would drive it: check everything, then render page by page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cached_property
from typing import Any, TextIO

from markupsafe import escape

from ..checks.checker import Result, check_project
from ..checks.reporter import report
from ..model.problems import Problem
from ..model.references import cited
from ..project.config import Project
from ..project.content import Entry, LoadCache
from ..project.settings import Settings
from ..rendering.front_door import HOME, HOME_TEMPLATE, front_door
from ..rendering.practice_pages import PracticePage
from ..rendering.render import Renderer, counted
from ..rendering.reviewers import reviewers_page
from ..rendering.structured_data import link_preview, page_graph, practice_page_graph


def nothing_built(errors: int) -> str:
    """What a build that the check stopped says last."""
    return f"The content check found {errors} problem(s), listed above. Nothing was built. Fix them and build again."


UrlFor = Callable[[str], str]
"""Maps a source path such as `conditions/sciatica.md` to the address of its page."""


@dataclass(frozen=True)
class RenderedPage:
    markdown: str
    meta: dict[str, Any]


def markup_free(text: str) -> str:
    """A title for the theme, which writes titles unescaped into <title>, the menu and the header.

    The check refuses < and > in a title; should one ever get past it, it still reaches the page
    as text. Only those two are escaped, since the theme escapes titles in attributes itself.
    """
    return text.replace("<", "&lt;").replace(">", "&gt;")


class Build:
    def __init__(self, result: Result, settings: Settings | None, today: date | None = None):
        self.result = result
        self.settings = settings
        self._absolute_urls: dict[str, str] = {}
        self.renderer = result.renderer or Renderer(result.content, result.graph, settings, today)
        content = result.content
        self.tags = {
            (d.name, item.id): item.label
            for d in content.registry.data_files
            if d.tags
            for item in content.value(d.name, [])
        }
        """The label of each data file entry that tags the pages citing it, such as a body area."""
        self.practice_pages = self.renderer.practice_pages

    @classmethod
    def start(
        cls,
        project: Project,
        stream: TextIO,
        refused: str | None = None,
        github: bool = True,
        cache: LoadCache | None = None,
    ) -> Build:
        """Check the whole project and report every problem; the caller stops on `errors`.

        `refused` is why the site generator could not use the config file, when the preview goes on
        with the last config it could use: a problem of its own unless the check found one there.
        Without `github`, the problems are printed but not annotated on GitHub. `mkdocs serve` passes
        the same `cache` to each rebuild, so that only changed files are parsed again.
        """
        result = check_project(project, cache=cache)
        if refused and not any(p.path == project.config_name and p.severity == "error" for p in result.problems):
            refusal = Problem(
                project.config_name,
                1,
                f"MkDocs cannot use this file: {refused.strip().rstrip('.!')}. "
                "Undo your last change to it, or fix what MkDocs names in the terminal.",
            )
            result = replace(result, problems=sorted([*result.problems, refusal]))
        report(result.problems, stream, github)
        return cls(result, project.settings, project.today)

    @property
    def _settings(self) -> Settings:
        """The settings, which a check without errors always read (with a mistake in them, nothing is rendered)."""
        if self.settings is None:
            raise RuntimeError("the config's extra: settings have a mistake, so no page can be rendered")
        return self.settings

    @cached_property
    def error_count(self) -> int:
        """How many errors the check found; each page's hooks ask, so it is counted once."""
        return len(self.result.errors)

    def generated(self) -> list[str]:
        """The pages this build adds (the practice's pages, the parts of long lists, the reviewers page), by the
        path each pretends to have in docs/."""
        return self.renderer.added_pages()

    def pages(self) -> list[str]:
        """Every page the site publishes, by its path in docs/: the content's, then the generated ones."""
        return [*self.result.content.pages, *self.generated()]

    def render(
        self, path: str, relative_url: UrlFor, absolute_url: UrlFor, body: str | None = None
    ) -> RenderedPage | None:
        """The page's Markdown and the metadata the theme shows; None for a page the check did not load.

        `body` is the page's Markdown below its front matter as the generator hands it over, so that
        what another plugin or hook did to it before this one stays; by default, as the file holds it.
        """
        entry = self.result.content.pages.get(path)
        if entry is None and path == self.renderer.reviews.page:
            return RenderedPage(*reviewers_page(self.renderer, path, relative_url))
        absolute_url = self._once(absolute_url)
        if path in self.practice_pages:
            return self._render_practice(self.practice_pages[path], relative_url, absolute_url)
        if entry is None:
            return self._render_part(path, relative_url)
        meta = {
            "title": markup_free(entry.record.title),
            "tags": [self.tags[key] for key in self._cited_ids(entry) if key in self.tags],
            "description": escape(entry.record.summary),
            "link_preview": link_preview(entry, absolute_url),
            "schema_org": page_graph(
                entry,
                self.result.content,
                self.result.graph,
                absolute_url,
                self._settings,
                self.renderer.reviews.of(entry),
            ),
        }
        if path == HOME and self.settings is not None:
            pages = set(self.pages())
            meta["template"] = HOME_TEMPLATE
            meta["hide"] = sorted({*entry.record.hide, "navigation", "toc"})
            meta["front_door"] = front_door(
                self.result.content, self.result.graph, self.renderer.listings, self.settings, pages, relative_url
            )
        return RenderedPage(self.renderer.page(entry, relative_url, body), meta)

    def _once(self, absolute_url: UrlFor) -> UrlFor:
        """An absolute address does not depend on the page that asks for it: work each out once per build."""

        def cached(path: str) -> str:
            if path not in self._absolute_urls:
                self._absolute_urls[path] = absolute_url(path)
            return self._absolute_urls[path]

        return cached

    def _render_practice(self, page: PracticePage, relative_url: UrlFor, absolute_url: UrlFor) -> RenderedPage:
        """A page made from the practice's details; no file in docs/ to edit, so the theme offers no edit link."""
        meta = {
            "title": markup_free(page.title),
            "description": escape(page.summary),
            "link_preview": {"title": page.title, "description": page.summary, "url": absolute_url(page.path)},
            "schema_org": practice_page_graph(page, self.result.content, absolute_url, self._settings),
            "generated": True,
        }
        return RenderedPage(self.renderer.practice_page(page, self._settings, relative_url), meta)

    def _render_part(self, path: str, relative_url: UrlFor) -> RenderedPage | None:
        """A page that lists other pages, which readers' searches would only find again: out of the index."""
        markdown = self.renderer.part(path, relative_url)
        if markdown is None:
            return None
        part = self.renderer.listings.parts[path]
        meta = {
            "title": markup_free(part.title),
            "description": escape(f"{part.title}: {counted(part.entries)}."),
            "search": {"exclude": True},
            "generated": True,
        }
        return RenderedPage(markdown, meta)

    def tag_pages(self, path: str) -> list[tuple[str, str, str]]:
        """Each tag of a page (its body areas): (label, the page that lists the tag's pages, the anchor there).

        Empty when no page lists them, so that the theme keeps its own links.
        """
        entry = self.result.content.pages.get(path)
        tags = self.result.content.registry.tags
        if entry is None or tags is None:
            return []
        found = []
        for key in self._cited_ids(entry):
            where = self.renderer.listings.tag_page(key[1]) if key[0] == tags.name else None
            if where is not None and key in self.tags:
                found.append((self.tags[key], *where))
        return found

    @staticmethod
    def _cited_ids(entry: Entry) -> list[tuple[str, str]]:
        return [(citation.field.reference.target, citation.id) for citation in cited(entry.record)]
