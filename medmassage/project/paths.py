"""Paths in a project: its plain files, never through a link, and an index of its pages' paths."""

from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterator
from pathlib import Path

from ..model.problems import closest


def regular_files(folder: Path, suffix: str = "") -> Iterator[Path]:
    """Plain files under `folder`, sorted, never through a symbolic link; hidden ones included."""
    if not is_real_folder(folder):
        return
    for parent, subfolders, names in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if not os.path.islink(os.path.join(parent, name)))
        for name in sorted(names):
            path = Path(parent, name)
            if name.endswith(suffix) and stat.S_ISREG(path.lstat().st_mode):
                yield path


def is_real_folder(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink()


def folders(folder: Path) -> Iterator[Path]:
    if not is_real_folder(folder):
        return
    for parent, subfolders, _ in os.walk(folder):
        subfolders[:] = sorted(name for name in subfolders if not os.path.islink(os.path.join(parent, name)))
        yield from (Path(parent, name) for name in subfolders)


class PagePaths:
    """An index of every page's path and, for a missing one, the page with the closest file name.

    Renaming a page breaks every link to it at once. Each missing name is compared with every
    page once, not once per link, so the check stays linear in the number of pages.
    """

    def __init__(self, paths: set[str]):
        self.paths = paths
        self.by_name = {posixpath.basename(p): p for p in sorted(paths)}
        self._closest: dict[str, str | None] = {}

    def __contains__(self, path: str) -> bool:
        return path in self.paths

    def closest(self, path: str) -> str | None:
        name = posixpath.basename(path)
        if name not in self._closest:
            match = closest(name, self.by_name)
            self._closest[name] = self.by_name[match] if match else None
        return self._closest[name]


def did_you_mean_path(path: str, pages: PagePaths, relative_to: str = "") -> str:
    """Suggest a page with a similar file name, written as the editor would link to it."""
    match = pages.closest(path)
    if match is None:
        return ""
    written = posixpath.relpath(match, posixpath.dirname(relative_to) or ".") if relative_to else match
    return f" Did you mean '{written}'?"


def page_url(path: str, directory_urls: bool = True) -> str:
    """A page's address under the site root, as MkDocs gives it: `a/b.md` is `a/b/`, `index.md` is `./`."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    folder, name = posixpath.split(stem)
    return f"{folder or '.'}/" if name in ("index", "README") else f"{stem}/"


def relative_url(url: str, from_url: str) -> str:
    """`url` as a link from the page at `from_url`, as MkDocs' `get_relative_url` writes it."""
    folder, _, name = from_url.rpartition("/")
    base = [part for part in (folder if "." in name else from_url).split("/") if part not in ("", ".")]
    target = [part for part in url.split("/") if part not in ("", ".")]
    common = 0
    for a, b in zip(base, target, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return relative + "/" if url.endswith("/") else relative
