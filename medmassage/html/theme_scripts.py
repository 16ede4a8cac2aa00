"""The inline scripts the theme's templates write, for every page of one site, whichever engine built it.

`finish` and `verify` work on a built site without the build's template context, so they render
each template's scripts with every context a page may have had (its depth, the site's path).
"""

from __future__ import annotations

import importlib.util
import posixpath
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..project.config import Project
from .page_html import TemplateScripts

THEMES = ("material", "zensical")
"""Packages whose `templates/` folder is a theme an engine may build with: Material, and Zensical's copy of it."""


@dataclass(frozen=True)
class ThemeScripts:
    """The inline scripts the theme's templates write, for every page of one site."""

    themes: tuple[TemplateScripts, ...]
    config: Mapping[str, Any]
    """The config as the templates read it (`config.extra`, `config.theme`)."""
    site_path: str

    @classmethod
    def for_site(cls, project: Project) -> ThemeScripts:
        """The templates of each installed theme, under the site's own `custom_dir` as the engines stack them."""
        config = project.site
        custom = [str(project.root / config.custom_dir)] if config.custom_dir else []
        themes = []
        for folder in theme_folders():
            env = Environment(loader=FileSystemLoader([*custom, str(folder)]), undefined=StrictUndefined)
            themes.append(TemplateScripts.from_environment(env))
        return cls(tuple(themes), config.as_read, urlsplit(config.site_url).path or "/")

    def allowed(self, page: str) -> frozenset[str]:
        """What the templates may have written into `page`, a path under the site folder such as `a/b/index.html`."""
        folder = posixpath.dirname(page)
        relative_root = posixpath.relpath(".", folder or ".")
        contexts = [
            {"config": self.config, "base_url": base}
            for base in dict.fromkeys([relative_root, self.site_path, self.site_path.rstrip("/") or "/"])
        ]
        return frozenset().union(*(theme.rendered(context) for theme in self.themes for context in contexts))


def theme_folders() -> Iterator[Path]:
    for name in THEMES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            folder = Path(spec.origin).parent / "templates"
            if folder.is_dir():
                yield folder
