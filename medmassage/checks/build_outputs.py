"""The paths the build writes on its own, and the files in docs/ that would take their place.

MkDocs copies docs/ into the site, then the theme's files (its scripts, styles, fonts, images),
the theme's custom folder (overrides/), and writes the 404 page, the sitemap and the search index.
A file in docs/ at one of those paths wins over the theme's ("theme files do not override docs
files"), and a folder named like one makes MkDocs copy the theme's file inside that folder, or
fail with a traceback when it writes the 404 page or the search index: either way every page loses
its script or its styles. So the check refuses any file or folder in docs/ whose path is one the
build writes, or lies beneath one.

The theme's files are read from the installed theme's own folder (found through the
`mkdocs.themes` entry point MkDocs itself uses), so a new theme release with a new bundle name is
known at once. Every file there counts, templates too: refusing a name the theme only might write
costs an editor nothing. Names are compared without case, as a case-insensitive disk would.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import import_module
from importlib.metadata import entry_points
from pathlib import Path, PurePosixPath

from ..model.problems import Problem
from ..project.config import Project

WRITTEN_BY_THE_BUILD = ("404.html", "sitemap.xml", "sitemap.xml.gz", "search/search_index.json")
"""What MkDocs and its search plugin write besides pages and copied files."""


def check_project(project: Project) -> list[Problem]:
    """Files and folders in a project's docs/ that lie on or beneath a path the build writes."""
    config = project.site
    written = {
        *theme_files(config.theme_name),
        *_files_under(project.root / (config.custom_dir or "overrides")),
        *WRITTEN_BY_THE_BUILD,
        *_configured([*config.extra_css, *config.extra_javascript]),
    }
    return list(shadowing(project.root, project.docs_dir, written))


def shadowing(root: Path, docs_dir: Path, written: Iterable[str]) -> Iterator[Problem]:
    """Each topmost file or folder under docs_dir whose path, or a folder above it, is in `written`."""
    reserved = {path.casefold(): path for path in written}
    if not docs_dir.is_dir() or docs_dir.is_symlink():
        return
    for parent, folders, names in os.walk(docs_dir):
        for name in sorted(folders + names):
            path = Path(parent, name)
            relative = path.relative_to(docs_dir).as_posix()
            if relative.casefold() in reserved:
                yield _problem(root, path, reserved[relative.casefold()], "folder" if name in folders else "file")
                if name in folders:
                    folders.remove(name)
        folders[:] = sorted(name for name in folders if not os.path.islink(os.path.join(parent, name)))


def _problem(root: Path, path: Path, written: str, kind: str) -> Problem:
    try:
        shown = path.relative_to(root).as_posix()
    except ValueError:
        shown = path.as_posix()
    return Problem(
        shown,
        1,
        f"the build writes the site's own file '{written}' here (the theme's scripts, styles and images, the "
        f"404 page, the sitemap and the search index are written by the build), and this {kind} would take "
        "its place, so pages could lose their script or styles. Rename it, or move it to another folder.",
    )


@lru_cache(maxsize=8)
def theme_files(name: str) -> frozenset[str]:
    """Every file of the installed theme's folder, as a path in the site; empty if no theme has that name."""
    found = [point for point in entry_points(group="mkdocs.themes") if point.name == name]
    if not found:
        return frozenset()
    try:
        module = import_module(found[0].value)
    except ImportError:
        return frozenset()
    folders = [Path(folder) for folder in getattr(module, "__path__", [])]
    return frozenset(path for folder in folders for path in _files_under(folder))


NOT_COPIED = (".py", ".pyc", ".html", ".md", "mkdocs_theme.yml")
"""What MkDocs leaves out when it copies a theme's files into the site (`Files.add_files_from_theme`):
code, templates (a page such as 404.html is rendered, and is in WRITTEN_BY_THE_BUILD), pages, the
theme's own settings, and hidden files and folders (Material keeps 10,000 icons in `.icons/`)."""


def _files_under(folder: Path) -> Iterator[str]:
    if not folder.is_dir():
        return
    root = str(folder)
    for parent, folders, names in os.walk(root):
        folders[:] = [name for name in folders if not name.startswith(".")]
        prefix = os.path.relpath(parent, root).replace(os.sep, "/")
        for name in names:
            if not name.startswith(".") and not name.lower().endswith(NOT_COPIED) and "readme" not in name.lower():
                yield name if prefix == "." else f"{prefix}/{name}"


def _configured(entries: object) -> Iterator[str]:
    """The paths of `extra_css` or `extra_javascript`: each a path or a mapping with one."""
    for entry in entries if isinstance(entries, list) else []:
        path = entry.get("path") if isinstance(entry, dict) else entry
        if isinstance(path, str) and "://" not in path and not path.startswith("/"):
            yield PurePosixPath(path).as_posix()
