"""MkDocs hooks: a thin adapter from MkDocs events to the `medmassage` content package.

This is the only module that imports MkDocs. Each hook hands its arguments, as plain values, to
the command's `Session` (medmassage/site/session.py), which holds everything kept from one event
to the next. The content check runs in `on_pre_build`, before MkDocs writes anything, so bad
content publishes nothing. `mkdocs build` writes into a staging folder that takes the site
folder's place only once the build has returned without an error. `mkdocs serve` keeps
previewing instead: every page lists the problems until they are fixed.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urljoin

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from medmassage.html.page_html import TemplateScripts
from medmassage.project.config import load_project, repository_name
from medmassage.rendering.render import COMPILED
from medmassage.site.session import Command, ContentErrors, Session

LOG = logging.getLogger(PluginError.__module__.partition(".")[0])
"""The generator's logger tree: `mkdocs`, or `properdocs` under ProperDocs."""


class _Current:
    """The command under way. MkDocs keeps this module loaded for the whole command (and `serve`
    for every rebuild), so its session lives here, replaced when a command starts and ends."""

    session = Session()
    config: MkDocsConfig | None = None
    """The config of the build under way: the last one MkDocs could read."""


def _session() -> Session:
    return _Current.session


def on_startup(command: Command, dirty: bool) -> None:
    _Current.session = Session(command, dirty)


@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    """First of all plugins, so that every plugin writes into the staging folder."""
    _Current.config = config
    config.repo_name = repository_name(config.repo_url, config.repo_name)
    if _session().serving:
        _stop_counting_warnings()
    site_dir = _session().configure(Path(config.config_file_path), Path(config.docs_dir), Path(config.site_dir), LOG)
    config.site_dir = str(site_dir)


def _stop_counting_warnings() -> None:
    """A warning counted by `strict` would freeze `mkdocs serve` until fixed; in serve it is only printed."""
    for handler in [h for h in LOG.handlers if isinstance(h, CountHandler)]:
        LOG.removeHandler(handler)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Drop the blank lines that the theme's template tags leave: a third of each page at 1,000 conditions.

    Only whitespace between tags goes (`</li> <li>`, `</svg> <svg>`), so every page looks the same.
    MkDocs makes a new environment for each build; `mkdocs serve` keeps templates compiled between rebuilds.
    """
    env.trim_blocks = env.lstrip_blocks = True
    env.auto_reload = False
    env.bytecode_cache = COMPILED
    _session().use_theme(TemplateScripts.from_environment(env))
    return env


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        _session().check(Path(config.config_file_path), sys.stderr)
    except ContentErrors as errors:
        raise PluginError(str(errors)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the pages the build makes: the practice's (contact, referrals; the navigation may list them) and
    those long lists move to (outside the navigation); see medmassage/rendering/practice_pages.py and listings.py.

    With errors (only `mkdocs serve` gets here) MkDocs reads and copies nothing an editor wrote:
    its own front matter parser would choke on what the check refused (an alias bomb), and a
    refused file (a link to a system file) must not be served even in the preview.
    """
    current = _session().site_build
    if current.error_count:
        for file in [file for file in files if file.src_dir == config.docs_dir]:
            if file.is_documentation_page():
                file.content_string = ""
            else:
                files.remove(file)
        return files
    listed = set(_nav_paths(config.nav))
    for path in current.build.generated():
        inclusion = InclusionLevel.INCLUDED if path in listed else InclusionLevel.NOT_IN_NAV
        files.append(_ListPage.generated(config, path, content="", inclusion=inclusion))
    current.url_of = lambda path: _file(files, path).url
    return files


def _file(files: Files, path: str) -> File:
    file = files.get_file_from_path(path)
    if file is None:
        raise PluginError(f"{path} is not among the site's files; the content check should have said so.")
    return file


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
    rendered = _session().page_markdown(
        page.file.src_uri,
        markdown,
        page.title or "",
        relative_url=lambda path: _file(files, path).url_relative_to(page.file),
        absolute_url=lambda path: urljoin(config.site_url or "", _file(files, path).url),
    )
    page.meta.update(rendered.meta)
    return rendered.markdown


@event_priority(-100)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Last of all the page's HTML handlers, so whatever a page brings in is sanitised."""
    return _session().page_content(html)


class _Tag(NamedTuple):
    """A tag as Material's `partials/tags.html` shows it."""

    name: str
    url: str | None
    hidden: bool = False


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    """After the tags plugin: each of its tags links to the page that lists the pages under it."""
    if urls := _session().tag_urls(page.file.src_uri):
        context["tags"] = [_Tag(tag.name, urls.get(tag.name), tag.hidden) for tag in context.get("tags") or []]
    _session().note_scripts(page.file.src_uri, context)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    if template_name.endswith(".html"):
        _session().note_scripts(template_name, context)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """`mkdocs serve` adds its own inline reload script to each page, so the preview has no policy."""
    return _session().finish(page.file.src_uri, output, config.site_url or "")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Pages built from a theme template alone, such as 404.html, get the same last pass."""
    if not template_name.endswith(".html"):
        return output_content
    return _session().finish(template_name, output_content, config.site_url or "")


def on_post_build(config: MkDocsConfig) -> None:
    _session().built()


def on_build_error(error: Exception) -> None:
    """Also called when strict mode aborts, which MkDocs does after `on_post_build`."""
    _session().failed()


def on_shutdown() -> None:
    """After the build has returned: publish the staged site if it succeeded, else drop it."""
    _end_command()
    _Current.session, _Current.config = Session(), None


def _end_command() -> None:
    """Publish or drop the staged site; the config names the real site folder again."""
    site = _session().end(LOG, sys.stderr)
    if site is not None and _Current.config is not None:
        _Current.config.site_dir = str(site)


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """`mkdocs serve --clean` starts as a build: its first build is published, and the preview stages no other."""
    _end_command()
    _session().command = "serve"
    data_dir = load_project(Path(config.config_file_path)).data_dir
    if data_dir.is_dir():
        server.watch(str(data_dir))
    server.builder = _keep_previewing(server.builder)
    return server


def _keep_previewing(builder: Any) -> Any:
    """A rebuild that survives a config file MkDocs cannot read.

    MkDocs reads mkdocs.yml again before each rebuild, and a mistake there (a navigation line out
    of line) raises before any hook runs: the terminal shows a traceback and the preview stops
    changing. Instead, rebuild with the last config that MkDocs could read: the content check
    reads the file itself and lists its problems, in the terminal and on every page. LiveReload
    offers no other place to catch that error than the builder it calls.
    """

    def rebuild(config: MkDocsConfig | None = None) -> None:
        last = _Current.config
        _session().refused = None
        try:
            builder(config)
        except MkDocsException as error:
            if config is not None or last is None or _Current.config is not last:
                raise  # the config was read, so the build itself failed
            _session().refused = str(error)
            builder(last)

    return rebuild
