"""What the checks need to know about a project: its pages, data, navigation and settings.

Read from `mkdocs.yml` and the folders beside it with plain YAML, so the same checks
run from the command line, from MkDocs hooks, or under another site generator.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple
from urllib.parse import urlsplit

import yaml

from ..model.problems import FileProblems, Problem
from ..model.registry import SITE, Registry, RegistryError, load_registry
from .frontmatter import Located, TextDatesLoader, parse_yaml
from .navigation import Navigation, read_navigation
from .paths import regular_files
from .settings import Settings, load_settings


class PythonTag(NamedTuple):
    """A `!!python/...` value in the config file, such as `!!python/name:pymdownx.slugs.uslugify`.

    Left unresolved when the config is read: only the Markdown options import what it names.
    """

    suffix: str
    value: Any


class ConfigLoader(TextDatesLoader):
    """Reads mkdocs.yml: resolves `!ENV` as MkDocs does and ignores Python tags."""


def _env(loader: ConfigLoader, node: yaml.Node) -> Any:
    names = [node.value] if isinstance(node, yaml.ScalarNode) else [n.value for n in node.value]
    *variables, default = names if len(names) > 1 else (names + [None])
    return next((os.environ[v] for v in variables if v in os.environ), default)


ConfigLoader.add_constructor("!ENV", _env)


def _python_tag(loader: ConfigLoader, suffix: str, node: yaml.Node) -> PythonTag:
    """Kept as written: only the Markdown options import what such a tag names (anchors.py)."""
    if isinstance(node, yaml.MappingNode):
        return PythonTag(suffix, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return PythonTag(suffix, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.ScalarNode):
        return PythonTag(suffix, loader.construct_scalar(node))
    return PythonTag(suffix, None)


ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


@dataclass(frozen=True)
class SiteConfig:
    """The generator settings of the config file that this package uses, typed once as the file is read.

    MkDocs validates these itself; here a value of the wrong type falls back to MkDocs' default.
    `as_read` is the whole file as read, for what hands the config to the theme's templates (their
    scripts read `config`) and for the preview's cache key: no code reads a setting from it.
    """

    docs_dir: str = "docs"
    site_url: str = ""
    repo_url: str | None = None
    repo_name: str | None = None
    use_directory_urls: bool = True
    not_in_nav: str = ""
    theme_name: str = "mkdocs"
    custom_dir: str | None = None
    """The theme's `custom_dir` (overrides/), where the project's own templates live."""
    extra_css: tuple[str, ...] = ()
    extra_javascript: tuple[str, ...] = ()
    """The stylesheets and scripts the config adds, as paths in the site (a script may be a mapping with a `path:`)."""
    markdown_extensions: list[Any] | dict[str, Any] = field(default_factory=list)
    as_read: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> SiteConfig:
        theme = config.get("theme")
        extensions = config.get("markdown_extensions")
        return cls(
            docs_dir=_text(config.get("docs_dir")) or "docs",
            site_url=_text(config.get("site_url")) or "",
            repo_url=_text(config.get("repo_url")),
            repo_name=_text(config.get("repo_name")),
            use_directory_urls=config.get("use_directory_urls") is not False,
            not_in_nav=_text(config.get("not_in_nav")) or "",
            theme_name=(_text(theme.get("name")) if isinstance(theme, dict) else _text(theme)) or "mkdocs",
            custom_dir=_text(theme.get("custom_dir")) if isinstance(theme, dict) else None,
            extra_css=_paths(config.get("extra_css")),
            extra_javascript=_paths(config.get("extra_javascript")),
            markdown_extensions=extensions if isinstance(extensions, list | dict) else [],
            as_read=config,
        )


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _paths(value: Any) -> tuple[str, ...]:
    """`extra_css:` or `extra_javascript:` as paths: each item a path, or a mapping with a `path:`."""
    items = value if isinstance(value, list) else []
    found = [_text(item.get("path")) if isinstance(item, dict) else _text(item) for item in items]
    return tuple(path for path in found if path)


@dataclass(frozen=True)
class Project:
    """A site to check: where its files are, its navigation and settings, and what was wrong with its config."""

    root: Path
    config_name: str
    """The config file's name, such as `mkdocs.yml`, as problems name it."""
    docs_dir: Path
    navigation: Navigation | None
    settings: Settings | None
    """None when `extra:` has a mistake, which is then in `problems`."""
    site: SiteConfig
    today: date
    registry: Registry | None = SITE
    """None when the site's own kinds of page could not be read: then its pages cannot be checked."""
    problems: tuple[Problem, ...] = ()
    config_refused: bool = False
    """Whether MkDocs would stop before it loads the hooks: the config is not valid YAML, or MkDocs
    refuses its navigation. Only the check can then say what is wrong, in plain words."""

    @property
    def nav(self) -> list[tuple[str, int]] | None:
        """(docs path, config line) of each page the navigation lists; None without a navigation."""
        return self.navigation.pages if self.navigation else None

    located: Located | None = None
    """The config file as read, with the line of each value, for problems in it."""

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def overdue_reviews(self) -> Literal["warn", "error"]:
        return self.settings.content_checks.overdue_reviews if self.settings else "warn"

    @property
    def publish(self) -> bool:
        """Publish mode, set by CONTENT_PUBLISH=1 (through mkdocs.yml) or `check --publish`."""
        return bool(self.settings and self.settings.content_checks.publish)

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

    def other_files(self) -> list[str]:
        """Every file under docs/ that is not a page (images, PDFs), docs-relative, as MkDocs would see them."""
        files = []
        for path in regular_files(self.docs_dir):
            relative = path.relative_to(self.docs_dir)
            if path.suffix != ".md" and not any(part.startswith(".") for part in relative.parts):
                files.append(relative.as_posix())
        return files


def build_date() -> date:
    """Today, or the date in SOURCE_DATE_EPOCH for reproducible builds and tests."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else date.today()


def load_project(config_file: Path) -> Project:
    """Read the config file; its problems are in `problems`, worded with the file's real name."""
    root, name = config_file.parent, config_file.name
    try:
        located = parse_yaml(name, config_file.read_text(encoding="utf-8"), loader_class=ConfigLoader)
    except FileProblems as failed:
        return Project(
            root,
            name,
            root / "docs",
            None,
            None,
            SiteConfig(),
            build_date(),
            problems=tuple(failed.problems),
            config_refused=True,
        )
    config = located.data if isinstance(located.data, dict) else {}
    site = SiteConfig.of(config)
    problems: list[Problem] = []
    try:
        settings = load_settings(located, name)
    except FileProblems as failed:
        settings, problems = None, failed.problems
    registry: Registry | None = SITE
    if settings is not None and settings.content_types:
        try:
            registry = _project_registry(root / settings.content_types)
        except RegistryError as error:
            problems.append(Problem(name, located.line_of(("extra", "content_types")), str(error)))
            registry = None
    elif settings is None and "content_types" in (config.get("extra") or {}):
        registry = None
    navigation = read_navigation(located, name)
    if navigation:
        problems += navigation.problems
    return Project(
        root,
        name,
        root / site.docs_dir,
        navigation,
        settings,
        site,
        build_date(),
        registry,
        tuple(problems),
        config_refused=bool(navigation and navigation.problems),
        located=located,
    )


def _project_registry(module_file: Path) -> Registry:
    if not module_file.is_file():
        raise RegistryError(
            f"extra.content_types names {module_file.name}, but there is no such file "
            "beside the config file. Restore it, or remove the setting."
        )
    return load_registry(module_file)


def repository_name(repo_url: str | None, repo_name: str | None) -> str | None:
    """`owner/name` from repo_url, so a copy of the site names its own repository.

    MkDocs labels an unnamed repository after its host ("GitHub"); a name set in mkdocs.yml is kept.
    """
    path = urlsplit(repo_url or "").path.strip("/").removesuffix(".git")
    generic = repo_name in (None, "GitHub", "GitLab", "Bitbucket")
    return path if path and generic else repo_name
