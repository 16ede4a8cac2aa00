"""MkDocs hooks: a thin adapter from MkDocs events to the `medmassage` content package.

This is the only module that imports MkDocs. The content check runs in `on_pre_build`,
before MkDocs cleans or writes the site folder, so bad content publishes nothing and
leaves the last good site as it was.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urljoin

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from medmassage.build import Build
from medmassage.page_html import finish_page

_build: Build | None = None


def on_config(config: MkDocsConfig) -> None:
    """`mkdocs serve` keeps this module loaded between rebuilds, so each build starts afresh."""
    global _build
    _build = None


def on_pre_build(config: MkDocsConfig) -> None:
    global _build
    _build = Build.start(Path(config.config_file_path), sys.stderr)
    if _build.errors:
        raise PluginError(f"The content check found {_build.errors} problem(s), listed above. "
                          "Nothing was built. Fix them and build again.")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    rendered = _build.render(
        page.file.src_uri,
        relative_url=lambda path: files.get_file_from_path(path).url_relative_to(page.file),
        absolute_url=lambda path: urljoin(config.site_url, files.get_file_from_path(path).url),
    )
    if rendered is None:
        return markdown
    page.meta.update(rendered.meta)
    return rendered.markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return finish_page(output, config.site_url or "")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Pages built from a theme template alone, such as 404.html, get the same last pass."""
    return finish_page(output_content, config.site_url or "") if template_name.endswith(".html") else output_content
