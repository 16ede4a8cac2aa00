"""Build into a staging folder, so that a failed build never touches the last good site.

MkDocs empties the site folder before it writes the first page, and in strict mode it counts
warnings only once every page is written: a build that fails leaves half a site behind, and
an exception half-way leaves whatever was written so far. So the hooks point the generator
at a staging folder beside the site folder, and only once the build has returned without an
error does the staging folder take the site folder's place. A failed build deletes the
staging folder, and the site folder stays exactly as it was, byte for byte.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class StagedSite:
    site: Path
    """The folder readers' copy of the site lives in, such as `site/`."""

    @property
    def staging(self) -> Path:
        return self.site.with_name(f".{self.site.name}.staging")

    @property
    def previous(self) -> Path:
        return self.site.with_name(f".{self.site.name}.previous")

    def start(self, dirty: bool = False) -> Path:
        """An empty staging folder, or, for a `--dirty` build, a copy of the site to update."""
        _remove(self.staging)  # left behind by a build that was killed
        if dirty and self.site.is_dir():
            shutil.copytree(self.site, self.staging, symlinks=True)
        else:
            self.staging.mkdir(parents=True)
        return self.staging

    def publish(self) -> None:
        """Put the staged build in the site folder's place: two renames, so no reader sees half a site."""
        _remove(self.previous)
        if not self.site.exists():
            self.staging.rename(self.site)
            return
        try:
            self.site.rename(self.previous)
        except OSError:  # the site folder is a mount point or a link: replace what it holds instead
            _replace_contents(self.site, self.staging)
            return
        try:
            self.staging.rename(self.site)
        except OSError:
            self.previous.rename(self.site)
            raise
        _remove(self.previous)

    def discard(self) -> None:
        _remove(self.staging)


def _replace_contents(folder: Path, new: Path) -> None:
    for old in list(folder.iterdir()):
        _remove(old)
    for item in list(new.iterdir()):
        item.rename(folder / item.name)
    new.rmdir()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
