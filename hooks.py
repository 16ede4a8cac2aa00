"""MkDocs hooks: a thin adapter from MkDocs events to the `medmassage` content package.

This is the only module that imports MkDocs. The content check runs in `on_pre_build`, before
MkDocs writes anything, so bad content publishes nothing. `mkdocs build` writes into a staging
folder, which takes the site folder's place only once the build has returned without an error
(MkDocs' own strict checks come after the last page is written), so the last good site stays as
it was whatever fails. `mkdocs serve` instead keeps previewing: every page lists the problems
until they are fixed, then the browser reloads the real page.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from medmassage import sanitize
from medmassage.build import Build, nothing_built
from medmassage.content import LoadCache
from medmassage.generator_warnings import PlacedWarnings, Placement
from medmassage.page_html import TemplateScripts, finish_page
from medmassage.preview import error_page, preview_title
from medmassage.project import load_project, repository_name
from medmassage.render import COMPILED
from medmassage.reporter import annotate
from medmassage.staging import StagedSite

_build: Build | None = None
_files: Files | None = None
_serving = False
_command, _dirty = "", False
_config: MkDocsConfig | None = None
_stage: StagedSite | None = None
_finished = False
"""Whether the build ran to its end without an error, so that its staged site may be published."""
_refused: str | None = None
"""Why MkDocs could not use the config file the last time the preview tried to reload it."""
_placed: PlacedWarnings | None = None
"""MkDocs' own warnings, shown at their file and line."""
_log = logging.getLogger(PluginError.__module__.partition(".")[0])
"""The generator's logger tree: `mkdocs`, or `properdocs` under ProperDocs."""
_loaded = LoadCache()
"""Each file's load from the last rebuild, so that `mkdocs serve` checks again only what changed."""
_theme_scripts = TemplateScripts((), ())
_allowed_scripts: dict[str, frozenset[str]] = {}
"""The theme's inline scripts as rendered for each page (by source path) and template (by name)."""


def on_startup(command: str, dirty: bool) -> None:
    global _serving, _command, _dirty
    _serving = command == "serve"
    _command, _dirty = command, dirty


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    """`mkdocs serve` keeps this module loaded between rebuilds, so each build starts afresh.

    First of all plugins, so that every plugin writes into the staging folder.
    """
    global _build, _config, _stage, _finished, _placed
    _build, _config, _finished = None, config, False
    config.repo_name = repository_name(config.repo_url, config.repo_name)
    _allowed_scripts.clear()
    if _placed is None:
        config_file = Path(config.config_file_path)
        _placed = PlacedWarnings(Placement(config_file.parent, Path(config.docs_dir), config_file))
        _placed.install(_log)
    if _serving:
        _stop_counting_warnings()
    elif _command in ("build", "gh-deploy") and _stage is None:
        _stage = StagedSite(Path(config.site_dir))
        config.site_dir = str(_stage.start(_dirty))


def _stop_counting_warnings() -> None:
    """A warning counted by `strict` would freeze `mkdocs serve` until fixed; in serve it is only printed."""
    for handler in [h for h in _log.handlers if isinstance(h, CountHandler)]:
        _log.removeHandler(handler)


def on_post_build(config: MkDocsConfig) -> None:
    global _finished
    _finished = True


def on_build_error(error: Exception) -> None:
    """Also called when strict mode aborts, which MkDocs does after `on_post_build`."""
    global _finished
    _finished = False


def on_shutdown() -> None:
    """After the build has returned: publish the staged site if it succeeded, else drop it.

    MkDocs' own warnings, already printed at their file and line, are annotated on GitHub here.
    """
    global _stage, _placed
    if _placed is not None:
        _placed.uninstall(_log)
        if _placed.problems:
            annotate(_placed.problems, sys.stderr, "Warnings from MkDocs")
        _placed = None
    if _stage is None:
        return
    _config.site_dir = str(_stage.site)
    if _finished:
        _stage.publish()
    else:
        _stage.discard()
    _stage = None


def on_serve(server, config: MkDocsConfig, builder):
    """`mkdocs serve --clean` starts as a build; the preview must show its first build, and stage no other."""
    global _command
    on_shutdown()
    _command = "serve"
    data_dir = load_project(Path(config.config_file_path)).data_dir
    if data_dir.is_dir():
        server.watch(str(data_dir))
    server.builder = _keep_previewing(server.builder)
    return server


def _keep_previewing(builder):
    """A rebuild that survives a config file MkDocs cannot read.

    MkDocs reads mkdocs.yml again before each rebuild, and a mistake there (a navigation line out
    of line) raises before any hook runs: the terminal shows a traceback and the preview stops
    changing. Instead, rebuild with the last config that MkDocs could read: the content check
    reads the file itself and lists its problems, in the terminal and on every page.
    """

    def rebuild(config: MkDocsConfig | None = None) -> None:
        global _refused
        last = _config
        _refused = None
        try:
            builder(config)
        except MkDocsException as error:
            if config is not None or last is None or _config is not last:
                raise  # the config was read, so the build itself failed
            _refused = str(error)
            builder(last)

    return rebuild


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Drop the blank lines that the theme's template tags leave: a third of each page at 1,000 conditions.

    Only whitespace between tags goes (`</li> <li>`, `</svg> <svg>`), so every page looks the same.
    MkDocs makes a new environment for each build, so its templates need no check for changes on each use;
    `mkdocs serve` keeps them compiled from one rebuild to the next.
    """
    global _theme_scripts
    env.trim_blocks = env.lstrip_blocks = True
    env.auto_reload = False
    env.bytecode_cache = COMPILED
    _theme_scripts = TemplateScripts.from_environment(env)
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    global _build
    _build = Build.start(
        Path(config.config_file_path), sys.stderr, _refused, github=False, cache=_loaded if _serving else None
    )
    if _build.errors and _serving:
        print("The preview lists these problems on every page until they are fixed.", file=sys.stderr)
    elif _build.errors:
        raise PluginError(nothing_built(_build.errors))


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the pages the build makes: the practice's (contact, referrals; the navigation may list them) and
    those long lists move to (outside the navigation); see medmassage/practice_pages.py and listings.py.

    With errors (only `mkdocs serve` gets here) MkDocs reads and copies nothing an editor wrote:
    its own front matter parser would choke on what the check refused (an alias bomb), and a
    refused file (a link to a system file) must not be served even in the preview.
    """
    if _build.errors:
        for file in [file for file in files if file.src_dir == config.docs_dir]:
            if file.is_documentation_page():
                file.content_string = ""
            else:
                files.remove(file)
        return files
    global _files
    listed = set(_nav_paths(config.nav))
    for path in _build.generated():
        inclusion = InclusionLevel.INCLUDED if path in listed else InclusionLevel.NOT_IN_NAV
        files.append(_ListPage.generated(config, path, content="", inclusion=inclusion))
    _files = files
    return files


def _nav_paths(nav: object) -> list[str]:
    """Every page path the `nav:` setting lists, however deep."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [path for value in nav.values() for path in _nav_paths(value)]
    if isinstance(nav, list):
        return [path for item in nav for path in _nav_paths(item)]
    return []


class _ListPage(File):
    """A page that a long list adds. `mkdocs serve --dirty` rebuilds only the pages whose source changed,
    and the lists on other pages stay as they were until a full build; so do these, once written."""

    def is_modified(self) -> bool:
        return not Path(self.abs_dest_path).is_file()


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build.errors:
        page.meta = {"title": preview_title(_build.result, page.file.src_uri, page.title)}
        return error_page(_build.result.errors)
    rendered = _build.render(
        page.file.src_uri,
        relative_url=lambda path: files.get_file_from_path(path).url_relative_to(page.file),
        absolute_url=lambda path: urljoin(config.site_url, files.get_file_from_path(path).url),
    )
    if rendered is None:
        return markdown
    page.meta.update(rendered.meta)
    return rendered.markdown


@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Last of all the page's HTML handlers, so whatever a page brings in is sanitised."""
    return sanitize.sanitize_article(html)


class _Tag(NamedTuple):
    """A tag as Material's `partials/tags.html` shows it."""

    name: str
    url: str | None
    hidden: bool = False


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """After the tags plugin: each of its tags links to the page that lists the pages under it."""
    if not _build.errors and (links := _build.tag_pages(page.file.src_uri)):
        urls = {label: _files.get_file_from_path(path).url + anchor for label, path, anchor in links}
        context["tags"] = [_Tag(tag.name, urls.get(tag.name), tag.hidden) for tag in context.get("tags") or []]
    if not _serving:
        _allowed_scripts[page.file.src_uri] = _theme_scripts.rendered(context)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name.endswith(".html") and not _serving:
        _allowed_scripts[template_name] = _theme_scripts.rendered(context)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """`mkdocs serve` adds its own inline reload script to each page, so the preview has no policy."""
    allowed = None if _serving else _allowed_scripts.pop(page.file.src_uri)
    return finish_page(output, config.site_url or "", allowed)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Pages built from a theme template alone, such as 404.html, get the same last pass."""
    if not template_name.endswith(".html"):
        return output_content
    allowed = None if _serving else _allowed_scripts.pop(template_name)
    return finish_page(output_content, config.site_url or "", allowed)
