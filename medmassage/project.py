"""What the checks need to know about a project: its pages, data, navigation and settings.

Read from `mkdocs.yml` and the folders beside it with plain YAML, so the same checks
run from the command line, from MkDocs hooks, or under another site generator.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import yaml

from .files import regular_files
from .frontmatter import Located, TextDatesLoader, parse_yaml
from .problems import Problem

CONFIG_FILE = "mkdocs.yml"


class ConfigLoader(TextDatesLoader):
    """Reads mkdocs.yml: resolves `!ENV` as MkDocs does and ignores Python tags."""


def _env(loader: ConfigLoader, node: yaml.Node) -> Any:
    names = [node.value] if isinstance(node, yaml.ScalarNode) else [n.value for n in node.value]
    *variables, default = names if len(names) > 1 else (names + [None])
    return next((os.environ[v] for v in variables if v in os.environ), default)


ConfigLoader.add_constructor("!ENV", _env)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class Settings:
    """The content checks' own settings, from `extra.content_checks` in mkdocs.yml."""

    overdue_reviews: Literal["warn", "error"] = "warn"
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    nav: list[tuple[str, int]] | None
    settings: Settings
    config: dict[str, Any]
    problems: tuple[Problem, ...] = ()

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def data_files(self) -> list[tuple[str, bytes]]:
        """Every data file, never read through a symbolic link (the file check reports those)."""
        found = [p for p in regular_files(self.data_dir, ".yml") if p.parent == self.data_dir]
        return [(f"data/{p.name}", p.read_bytes()) for p in found]

    def page_files(self) -> list[tuple[str, bytes]]:
        """Every Markdown page under docs/, as MkDocs would see it (no hidden files), never through a link."""
        pages = []
        for path in regular_files(self.docs_dir, ".md"):
            relative = path.relative_to(self.docs_dir)
            if not any(part.startswith(".") for part in relative.parts):
                pages.append((relative.as_posix(), path.read_bytes()))
        return pages


def build_date() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def load_project(config_file: Path) -> Project:
    root = config_file.parent
    located = parse_yaml(CONFIG_FILE, config_file.read_text(encoding="utf-8"), loader_class=ConfigLoader)
    if isinstance(located, list):
        return Project(root, root / "docs", None, Settings(today=build_date()), {}, tuple(located))
    config = located.data or {}
    checks = (config.get("extra") or {}).get("content_checks") or {}
    overdue = checks.get("overdue_reviews", "warn")
    problems = []
    if overdue not in ("warn", "error"):
        line = located.line_of(("extra", "content_checks", "overdue_reviews"))
        problems.append(Problem(CONFIG_FILE, line, "overdue_reviews must be 'warn' or 'error'."))
        overdue = "warn"
    nav = list(_nav_pages(config.get("nav"), ("nav",), located)) if config.get("nav") else None
    settings = Settings(overdue_reviews=overdue, today=build_date())
    return Project(root, root / config.get("docs_dir", "docs"), nav, settings, config, tuple(problems))


def _nav_pages(node: Any, loc: tuple, located: Located):
    """Yield (docs path, mkdocs.yml line) for every local page in the navigation."""
    if isinstance(node, str):
        if not node.startswith(("http://", "https://", "/")):
            yield node, located.line_of(loc)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _nav_pages(item, loc + (index,), located)
    elif isinstance(node, dict):
        for key, value in node.items():
            yield from _nav_pages(value, loc + (key,), located)
