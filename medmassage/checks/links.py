"""Every link a page's text makes inside the site: to a page, to a heading on a page, or to a file.

These are the links MkDocs checks only once it has written every page, and then reports without
a line. Here each is checked before anything is built, at its line, with what the editor most
likely meant. Links to other sites are markup.py's (which addresses a page may use), and the
ones a layout adds are made from checked data.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..model.problems import Problem, closest
from ..project.content import Content, Entry
from ..project.paths import PagePaths
from ..rendering.anchors import Anchors
from ..rendering.body_markup import link_targets

PAGE_SUFFIX = ".md"
LISTED = 8
"""How many of a page's anchors a message lists when none is close to the one written."""


def check_links(content: Content, pages: PagePaths, files: PagePaths, anchors: Anchors) -> Iterator[Problem]:
    """`pages` holds every page's path, `files` every other file's, both relative to docs/."""
    links = Links(pages, files, anchors)
    for entry in content.pages.values():
        for line, url, image in link_targets(entry.document.body, anchors.options):
            message = links.problem(entry, url, image)
            if message:
                yield Problem(entry.path, entry.document.body_line + line, message)


@dataclass(frozen=True)
class Link:
    page: str
    """The page the link is on."""
    url: str
    image: bool

    @property
    def what(self) -> str:
        return f"the image '{self.url}'" if self.image else f"the link to '{self.url}'"

    def relative(self, target: str, anchor: str = "") -> str:
        """How the link would name `target` (docs-relative) from this page."""
        written = posixpath.relpath(target, posixpath.dirname(self.page) or ".")
        return f"{written}#{anchor}" if anchor else written


@dataclass(frozen=True)
class Links:
    pages: PagePaths
    files: PagePaths
    anchors: Anchors

    def problem(self, entry: Entry, url: str, image: bool) -> str | None:
        """What is wrong with one link of a page, or None (an address that is no address at all: markup.py)."""
        try:
            parts = urlsplit(url)
        except ValueError:  # such as `https://]`, "Invalid IPv6 URL"
            return None
        if parts.scheme or parts.netloc or url.startswith("//"):
            return None
        link = Link(entry.path, url, image)
        if url.startswith(("/", "\\")):
            return self._absolute(link)
        path, anchor = unquote(parts.path), parts.fragment
        if not path:
            return self._anchor(link, entry.path, anchor) if anchor else None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(entry.path), path))
        if target == ".." or target.startswith("../"):
            return (
                f"{link.what} points outside docs/, which the site does not publish. Link to a page or file in docs/."
            )
        if target in self.pages:
            return self._anchor(link, target, anchor) if anchor else None
        if target in self.files:
            return None
        return self._missing(link, path, target, anchor)

    def _missing(self, link: Link, path: str, target: str, anchor: str) -> str:
        name = posixpath.basename(target)
        if name.endswith(PAGE_SUFFIX):
            meant = self.pages.closest(target)
            hint = f" Did you mean '{link.relative(meant)}'?" if meant else " Check the file name and folder."
            return f"the link to '{path}' points to a page that does not exist.{hint}"
        if "." not in name or name.endswith((".html", ".htm")):
            meant = self._page_for(target)
            hint = f" Did you mean '{link.relative(meant, anchor)}'?" if meant else ""
            return f"{link.what} names no page file. Link to the page's Markdown file, ending in .md.{hint}"
        meant = self.files.closest(target)
        hint = (
            f" Did you mean '{link.relative(meant)}'?"
            if meant
            else " Add the file to docs/, or check its name and folder."
        )
        return f"{link.what} points to a file that is not in docs/.{hint}"

    def _page_for(self, target: str) -> str | None:
        """The page a link to a folder, an address without .md, or a built .html page meant."""
        stem = target.removesuffix(".html").removesuffix(".htm").rstrip("/")
        for guess in (f"{stem}.md", f"{stem}/index.md"):
            if guess in self.pages:
                return guess
        return None

    def _absolute(self, link: Link) -> str:
        target = posixpath.normpath(unquote(urlsplit(link.url).path).lstrip("/\\"))
        meant = target if target in self.pages or target in self.files else self._page_for(target)
        hint = f", such as '{link.relative(meant, urlsplit(link.url).fragment)}'" if meant else ""
        return (
            f"{link.what} starts with a slash (/), so it would break wherever the site is published. "
            f"Link to the file relative to this page{hint}."
        )

    def _anchor(self, link: Link, target: str, anchor: str) -> str | None:
        ids = self.anchors.of(target)
        if ids is None or anchor in ids:
            return None
        where = "this page does not have" if target == link.page else f"{target} does not have"
        meant = closest(anchor, ids)
        if meant:
            written = f"#{meant}" if target == link.page else link.relative(target, meant)
            return f"{link.what} points to a heading that {where}. Did you mean '{written}'?"
        shown = ", ".join(f"'#{id_}'" for id_ in sorted(ids)[:LISTED])
        more = f" and {len(ids) - LISTED} more" if len(ids) > LISTED else ""
        return (
            f"{link.what} points to a heading that {where}. Link to one of its headings: {shown}{more}."
            if ids
            else f"{link.what} points to a heading that {where}, and it has none. Remove '#{anchor}'."
        )
