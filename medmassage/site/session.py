"""One site generator command (`build`, `serve`, `gh-deploy`) and each build it runs, as the hooks drive them.

`hooks.py` turns each MkDocs event into one call here, with plain values; everything a command
keeps from one event to the next lives on one `Session`, created when the command starts and
dropped when it ends. No MkDocs import: another generator's adapter could drive the same session.

What a command keeps:
- the staging folder a `build` writes into, published only if the build ends without an error
  (staging.py);
- MkDocs' own warnings, placed at their file and line (generator_warnings.py);
- for `serve`, each file's load from the last rebuild, and why MkDocs last refused the config file.

What a build keeps (`SiteBuild`, new for each build): the content check's result, and the theme's
inline scripts as rendered for each page, which the page's Content-Security-Policy allows.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TextIO

from ..checks.reporter import annotate
from ..html import sanitize
from ..html.page_html import TemplateScripts, finish_page
from ..project.config import load_project
from ..project.content import LoadCache
from .build import Build, RenderedPage, UrlFor, nothing_built
from .generator_warnings import PlacedWarnings, Placement
from .preview import error_page, preview_title
from .staging import StagedSite

Command = Literal["build", "serve", "gh-deploy", ""]
"""What the generator runs; "" for a build that a tool drives without starting a command (a test, a script)."""


class ContentErrors(Exception):
    """The content check found errors, so nothing may be built; the message says so in plain words."""


@dataclass
class SiteBuild:
    """One build: the content check's result, and the scripts each page's policy allows."""

    build: Build
    theme_scripts: TemplateScripts = field(default_factory=lambda: TemplateScripts((), ()))
    allowed_scripts: dict[str, frozenset[str]] = field(default_factory=dict)
    """The theme's inline scripts as rendered for each page (by source path) and template (by name)."""
    url_of: Callable[[str], str] | None = None
    """The address of a page by its source path, once the generator knows every file."""

    @property
    def error_count(self) -> int:
        return self.build.error_count


@dataclass
class Session:
    """One command, from its start to its end: its staging folder, its preview state, and its current build."""

    command: Command = ""
    dirty: bool = False
    loaded: LoadCache = field(default_factory=LoadCache)
    """Each file's load from the last rebuild, so that `serve` checks again only what changed."""
    stage: StagedSite | None = None
    placed: PlacedWarnings | None = None
    refused: str | None = None
    """Why the generator could not use the config file the last time the preview tried to reload it."""
    finished: bool = False
    """Whether the last build ran to its end without an error, so that its staged site may be published."""
    current: SiteBuild | None = None

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    def configure(self, config_file: Path, docs_dir: Path, site_dir: Path, logger: logging.Logger) -> Path:
        """Start a build; returns the folder the generator should write into (a staging folder for `build`)."""
        self.current, self.finished = None, False
        if self.placed is None:
            self.placed = PlacedWarnings(Placement(config_file.parent, docs_dir, config_file))
            self.placed.install(logger)
        if self.command in ("build", "gh-deploy") and self.stage is None:
            self.stage = StagedSite(site_dir)
            return self.stage.start(self.dirty)
        return site_dir

    def check(self, config_file: Path, stream: TextIO) -> SiteBuild:
        """Check the whole project before anything is written; a build with errors raises, a preview goes on."""
        build = Build.start(
            load_project(config_file), stream, self.refused, github=False, cache=self.loaded if self.serving else None
        )
        self.current = SiteBuild(build)
        if build.error_count and self.serving:
            print("The preview lists these problems on every page until they are fixed.", file=stream)
        elif build.error_count:
            raise ContentErrors(nothing_built(build.error_count))
        return self.current

    @property
    def site_build(self) -> SiteBuild:
        """The build under way; the hooks call this only between the check and the build's end."""
        if self.current is None:
            raise RuntimeError("no build is under way: the content check runs first, in on_pre_build")
        return self.current

    def page_markdown(
        self, path: str, markdown: str, fallback_title: str, relative_url: UrlFor, absolute_url: UrlFor
    ) -> RenderedPage:
        """A page's Markdown as the site shows it, from the Markdown the generator hands over.

        While the preview has errors, every page lists them instead.
        """
        build = self.site_build.build
        if build.error_count:
            return RenderedPage(
                error_page(build.result.errors), {"title": preview_title(build.result, path, fallback_title)}
            )
        return build.render(path, relative_url, absolute_url, markdown) or RenderedPage(markdown, {})

    @staticmethod
    def page_content(html: str) -> str:
        """The page's article HTML, sanitised by allowlist: whatever a page or a plugin brought in."""
        return sanitize.sanitize_article(html)

    def use_theme(self, theme_scripts: TemplateScripts) -> None:
        self.site_build.theme_scripts = theme_scripts

    def note_scripts(self, key: str, context: Mapping[str, Any]) -> None:
        """The theme's scripts as this page's (or template's) context renders them; the preview has no policy."""
        if not self.serving:
            current = self.site_build
            current.allowed_scripts[key] = current.theme_scripts.rendered(context)

    def finish(self, key: str, html: str, site_url: str) -> str:
        """The last pass over a built page. A page whose scripts were never noted gets a policy that
        allows none of them: stricter, never looser."""
        if self.serving:
            return finish_page(html, site_url, None)
        return finish_page(html, site_url, self.site_build.allowed_scripts.pop(key, frozenset()))

    def tag_urls(self, path: str) -> dict[str, str]:
        """Each tag of a page, by its label, and the address of the list of the pages under it."""
        current = self.site_build
        if current.error_count or current.url_of is None:
            return {}
        url_of = current.url_of
        return {label: url_of(where) + anchor for label, where, anchor in current.build.tag_pages(path)}

    def built(self) -> None:
        self.finished = True

    def failed(self) -> None:
        """Also called when strict mode aborts, which MkDocs does after its last page."""
        self.finished = False

    def end(self, logger: logging.Logger, stream: TextIO) -> Path | None:
        """After the command: publish the staged site if its build succeeded, else drop it.

        Returns the real site folder when there was a staging folder, for the generator's config.
        The generator's own warnings, already printed at their file and line, are annotated on GitHub.
        """
        if self.placed is not None:
            self.placed.uninstall(logger)
            if self.placed.problems:
                annotate(self.placed.problems, stream, "Warnings from MkDocs")
            self.placed = None
        if self.stage is None:
            return None
        site = self.stage.site
        if self.finished:
            self.stage.publish()
        else:
            self.stage.discard()
        self.stage = None
        return site
