"""MkDocs hooks: a thin adapter from MkDocs events to the `medmassage` content package.

This is the only module that imports MkDocs. The checks run in `on_pre_build`, before
MkDocs cleans or writes the site folder, so bad content leaves the last good site as it was
and publishes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from medmassage.checker import Result, check_project
from medmassage.project import load_project
from medmassage.render import Renderer
from medmassage.reporter import report

_state: dict[str, object] = {}


def on_config(config: MkDocsConfig) -> None:
    """`mkdocs serve` keeps this module loaded between rebuilds, so state starts fresh here."""
    _state.clear()


def on_pre_build(config: MkDocsConfig) -> None:
    project = load_project(Path(config.config_file_path))
    result = check_project(project)
    report(result.problems, sys.stderr)
    if result.errors:
        raise PluginError(f"The content check found {len(result.errors)} problem(s), listed above. "
                          "Nothing was built. Fix them and build again.")
    _state["result"] = result
    _state["renderer"] = Renderer(result.content, result.graph)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    result: Result = _state["result"]  # type: ignore[assignment]
    entry = result.content.pages.get(page.file.src_uri)
    if entry is None:
        return markdown
    labels = {area.id: area.label for area in result.content.body_areas}
    page.meta["tags"] = [labels[area] for area in getattr(entry.record, "body_areas", [])]
    page.meta["description"] = entry.record.summary
    renderer: Renderer = _state["renderer"]  # type: ignore[assignment]
    return renderer.page(entry, lambda path: files.get_file_from_path(path).url_relative_to(page.file))
