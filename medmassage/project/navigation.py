"""The navigation under `nav:` in mkdocs.yml: every page it lists, and what MkDocs would refuse in it.

Editors add pages to the navigation by hand (CONTRIBUTING.md asks them to), and MkDocs checks
its shape before it loads the hooks: an entry with two names, or a section with nothing under
it, stops MkDocs with a message about "a dict of size 1". The same rules are checked here, at
the entry's line and in plain words, so the check and every build say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.problems import Problem
from .frontmatter import Located

EXTERNAL = ("http://", "https://", "/")


@dataclass(frozen=True)
class Navigation:
    pages: list[tuple[str, int]] = field(default_factory=list)
    """(docs path, config line) of every local page the navigation lists."""
    problems: list[Problem] = field(default_factory=list)
    """What MkDocs would refuse; while there is any, the navigation may leave out pages it meant to list."""


def read_navigation(located: Located, config_name: str) -> Navigation | None:
    """The navigation of a parsed config file, or None if it has none (MkDocs then lists every page)."""
    node = located.data.get("nav") if isinstance(located.data, dict) else None
    if node is None:
        return None
    reader = _Reader(located, config_name)
    if not isinstance(node, list):
        reader.problem(
            ("nav",),
            "nav: should be a list, one '- page.md' or '- Title: page.md' a line, "
            "each starting with a dash (-). See CONTRIBUTING.md",
        )
    else:
        reader.section(node, ("nav",))
    return Navigation(reader.pages, reader.problems)


@dataclass
class _Reader:
    located: Located
    config_name: str
    pages: list[tuple[str, int]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def problem(self, loc: tuple, message: str) -> None:
        self.problems.append(Problem(self.config_name, self.located.line_of(loc), f"{message}."))

    def section(self, items: list, loc: tuple) -> None:
        for index, item in enumerate(items):
            self.entry(item, loc + (index,))

    def entry(self, item: Any, loc: tuple) -> None:
        if isinstance(item, str):
            self.page(item, loc)
        elif isinstance(item, dict) and len(item) == 1:
            [(title, value)] = item.items()
            self.titled(title, value, loc + (title,))
        elif isinstance(item, dict):
            names = ", ".join(f"'{name}'" for name in item)
            self.problem(
                loc + (list(item)[1],),
                f"this navigation entry has {len(item)} names ({names}). Put each "
                "on its own line, starting with a dash (-) lined up with the dash above",
            )
        else:
            self.problem(
                loc,
                f"this navigation entry is {_kind(item)}. Write a page's file name, such as "
                "'benefits.md', or 'Title: file name'",
            )

    def titled(self, title: Any, value: Any, loc: tuple) -> None:
        if isinstance(value, str):
            self.page(value, loc)
        elif isinstance(value, list):
            self.section(value, loc)
        elif value is None:
            self.problem(
                loc,
                f"the section '{title}' has nothing under it. List its pages on the lines below it, "
                "each starting with a dash (-) indented further than the dash of its name",
            )
        else:
            self.problem(
                loc,
                f"'{title}' should be followed by a page's file name or by a list of pages, "
                f"not {_kind(value)}. Start each page of a section with a dash (-) on its own line",
            )

    def page(self, path: str, loc: tuple) -> None:
        if not path.startswith(EXTERNAL):
            self.pages.append((path, self.located.line_of(loc)))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a group of 'name: value' lines"
    if isinstance(value, bool):
        return "yes-or-no (true or false)"
    return "a number" if isinstance(value, int | float) else f"'{value}'"
