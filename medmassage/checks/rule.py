"""The one interface of every rule: it asks for what it needs by name, and yields problems.

A rule is a function whose parameters are named after what a check knows (`Checking` below):
`check_references(content, graph)` asks for the loaded content and the link graph,
`check_navigation(content, navigation, config_name)` also for the navigation and the config's
name. A page rule's first parameter is the page (`Entry`); the checker runs it once per page and,
in the preview, again only for a page that changed. Every rule yields `Problem`s; the checker
runs the registered ones (checker.py) and nothing else calls a rule with arguments of its own.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

from ..model.problems import Problem
from ..project.config import Project
from ..project.content import Content, Entry
from ..project.frontmatter import Located
from ..project.graph import Graph
from ..project.navigation import Navigation
from ..project.paths import PagePaths
from ..project.settings import Readability
from ..project.signoff import Reviews
from ..rendering.anchors import Anchors, MarkdownOptions, Unresolvable
from .budget import DEFAULT_SECONDS

Rule = Callable[..., Iterable[Problem]]
"""A rule over the whole project: its parameters name fields of `Checking`."""
PageRule = Callable[..., Iterable[Problem]]
"""A rule over one page: the page first, then fields of `Checking` by name."""


@dataclass(frozen=True)
class PageScope:
    """What a page rule may ask for besides the page, each by the name a parameter gives it: read from
    the project alone, since page rules run before the link graph exists (a page past its bounds or
    its time budget is set aside first, so no other rule reads it)."""

    project: Project

    @property
    def readability(self) -> Readability:
        settings = self.project.settings
        return settings.content_checks.readability if settings else Readability()

    @cached_property
    def markdown(self) -> MarkdownOptions | None:
        """The Markdown extensions and settings the build reads pages with; None if they cannot be read."""
        try:
            return MarkdownOptions.from_config(self.project.site)
        except Unresolvable:
            return None

    @property
    def seconds_per_page(self) -> float:
        settings = self.project.settings
        return settings.content_checks.seconds_per_page if settings else DEFAULT_SECONDS


@dataclass(frozen=True)
class Checking(PageScope):
    """Everything a rule over the whole project may ask for, each by the name a parameter gives it."""

    content: Content
    graph: Graph
    anchors: Anchors
    pages: PagePaths
    """Every page's path, the pages the build adds included."""
    files: PagePaths
    """Every file under docs/ that is not a page (images, PDFs)."""
    publish: bool
    merge: bool

    @property
    def root(self) -> Path:
        return self.project.root

    @property
    def navigation(self) -> Navigation | None:
        return self.project.navigation

    @property
    def config_name(self) -> str:
        return self.project.config_name

    @property
    def config(self) -> Located | None:
        return self.project.located

    @property
    def today(self) -> date:
        return self.project.today

    @property
    def overdue(self) -> Literal["warn", "error"]:
        return self.project.overdue_reviews

    @property
    def practice_pages(self) -> list[str]:
        """The pages made from the practice's details (contact, referrals), which the navigation may list."""
        return list(self.anchors.renderer.practice_pages)

    @property
    def docs(self) -> str:
        """The docs folder as problems name it, such as `docs`."""
        return self.project.docs_dir.relative_to(self.project.root).as_posix()

    @property
    def reviews(self) -> Reviews:
        """What each page may say about its clinical review, as the pages will say it."""
        return self.anchors.renderer.reviews


def _names(scope: type) -> frozenset[str]:
    return frozenset(
        {field.name for field in fields(scope)}
        | {
            name
            for cls in scope.__mro__
            for name, value in vars(cls).items()
            if isinstance(value, property | cached_property)
        }
    )


KNOWN = _names(Checking)
"""The names a rule's parameters may have."""
PAGE_KNOWN = _names(PageScope)
"""The names a page rule's parameters (after the page) may have."""


@cache
def needs(rule: Callable[..., object], page: bool = False) -> tuple[str, ...]:
    """The names a rule asks for (a page rule's first parameter, the page, aside); an unknown name is a bug."""
    names = tuple(inspect.signature(rule).parameters)[1 if page else 0 :]
    unknown = set(names) - (PAGE_KNOWN if page else KNOWN)
    if unknown:
        raise TypeError(f"{rule.__qualname__} asks for {sorted(unknown)}, which a check does not know")
    return names


def run(rule: Rule, checking: Checking) -> Iterable[Problem]:
    return rule(**{name: getattr(checking, name) for name in needs(rule)})


def run_on_page(rule: PageRule, entry: Entry, *, scope: PageScope) -> Iterable[Problem]:
    return rule(entry, **{name: getattr(scope, name) for name in needs(rule, page=True)})
