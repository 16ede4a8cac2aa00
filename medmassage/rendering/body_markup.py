"""What the build's own Markdown parser finds in a page's text: raw HTML, links, images and attribute lists.

The check does not scan the text with patterns of its own: it converts each page's body with a
`markdown.Markdown` configured as MkDocs configures it (the config file's `markdown_extensions`,
through `MarkdownOptions`), and reads what that parser made:

- raw HTML: every piece the parser took for HTML, as `inert_html` records it (the build prints it
  as text; the check names it, so that an editor can fix the page);
- links and images: every `<a href>` and `<img src>` in the element tree, however they were
  written (inline, reference-style, nested in brackets, an image inside a link, an autolink);
- attribute lists: every `{ … }` that the `attr_list` extension applied to an element;
- a comment that is never closed, which the parser leaves as text.

Python-Markdown keeps no line numbers, so each finding is placed at the line where its text first
appears in the body, after the one before it with the same text (`Lines`): what the parser found
is always text the editor wrote, so it is there to be found.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.treeprocessors import Treeprocessor, UnescapeTreeprocessor
from markdown.util import AMP_SUBSTITUTE, ETX, STX

from . import inert_html
from .anchors import MarkdownOptions

SITE_EXTENSIONS = (
    "toc",
    "tables",
    "fenced_code",
    "admonition",
    "attr_list",
    "pymdownx.superfences",
    inert_html.NAME,
)
"""The site's configuration (mkdocs.yml), for a page checked without a project around it."""
SITE = MarkdownOptions(SITE_EXTENSIONS, {"toc": {"permalink": True}})
UNCLOSED_COMMENT = "<!--"
CODE = {"code", "pre"}


@dataclass(frozen=True)
class BodyMarkup:
    """What the parser found, each at its line in the body (counted from 0)."""

    html: tuple[tuple[int, str], ...] = ()
    """Each piece of raw HTML, as written."""
    links: tuple[tuple[int, str, bool], ...] = ()
    """(line, address, whether it is an image)."""
    attribute_lists: tuple[tuple[int, str, str], ...] = ()
    """(line, the `{ … }` as written, the attributes inside it)."""
    unclosed_comments: tuple[int, ...] = ()
    too_deep: bool = False
    """Python-Markdown gave up on the body (a RecursionError): nested deeper than it can read. The
    build would fail on it, so the check refuses it; nothing else was found."""


@dataclass
class _Findings:
    links: list[tuple[str, bool]] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    unclosed: int = 0

    def clear(self) -> None:
        self.links.clear()
        self.attributes.clear()
        self.unclosed = 0


class _Collector(Treeprocessor):
    """After `attr_list` (8), before `toc` (5) adds its own links to each heading."""

    def __init__(self, md: markdown.Markdown, found: _Findings):
        super().__init__(md)
        self.found = found

    def run(self, root: Element) -> None:
        self._walk(root, in_code=False)

    def _walk(self, element: Element, in_code: bool) -> None:
        for child in element:
            code = in_code or child.tag in CODE
            address = child.get("href") if child.tag == "a" else child.get("src") if child.tag == "img" else None
            if address is not None:
                self.found.links.append((self._address(address), child.tag == "img"))
            if not code and UNCLOSED_COMMENT in (child.text or ""):
                self.found.unclosed += 1
            if not in_code and UNCLOSED_COMMENT in (child.tail or ""):
                self.found.unclosed += 1
            self._walk(child, code)

    def _address(self, value: str) -> str:
        """The address as written: backslash escapes undone, and an email autolink's character references decoded."""
        unescape = self.md.treeprocessors["unescape"] if "unescape" in self.md.treeprocessors else None
        if isinstance(unescape, UnescapeTreeprocessor):
            value = unescape.unescape(value)
        return html.unescape(value.replace(AMP_SUBSTITUTE, "&"))


class _Parser:
    """One configured Markdown instance, reset between pages (building one takes longer than a page)."""

    def __init__(self, options: MarkdownOptions):
        if inert_html.NAME not in options.extensions:
            options = MarkdownOptions((*options.extensions, inert_html.NAME), options.configs)
        self.md = options.markdown()
        self.found = _Findings()
        self.md.treeprocessors.register(_Collector(self.md, self.found), "medmassage_body_markup", 6)
        attr_list = self.md.treeprocessors["attr_list"] if "attr_list" in self.md.treeprocessors else None
        if isinstance(attr_list, AttrListTreeprocessor):
            attr_list.assign_attrs = self._recording(attr_list.assign_attrs)  # type: ignore[method-assign]  # on this one instance

    def _recording(self, assign):
        def assign_attrs(elem: Element, attrs_string: str, *, strict: bool = False) -> str:
            _, remainder = get_attrs_and_remainder(attrs_string)
            if not (strict and remainder):
                self.found.attributes.append(attrs_string)
            return assign(elem, attrs_string, strict=strict)

        return assign_attrs

    def parse(self, body: str) -> BodyMarkup:
        self.md.reset()
        self.found.clear()
        try:
            self.md.convert(body)
        except RecursionError:
            return BodyMarkup(too_deep=True)
        content_html = inert_html.ContentHtml.of(self.md)
        lines = Lines(body)
        raw = [(lines.of(piece), piece) for piece in (content_html.pieces if content_html else [])]
        links = [(lines.of(url, address=True), url, image) for url, image in self.found.links]
        attributes = [(*lines.attribute_list(attrs), attrs) for attrs in self.found.attributes]
        unclosed = [lines.of(UNCLOSED_COMMENT) for _ in range(self.found.unclosed)]
        return BodyMarkup(tuple(raw), tuple(links), tuple(attributes), tuple(unclosed))


class Lines:
    """Places what the parser found at a line of the body, as Python-Markdown normalises it
    (line breaks, tabs): each finding after the last one with the same text."""

    def __init__(self, body: str):
        text = body.replace(STX, "").replace(ETX, "").replace("\r\n", "\n").replace("\r", "\n")
        self.text = text.expandtabs(4)
        self._after: dict[str, int] = {}

    def offset(self, written: str, address: bool = False) -> int:
        """Where `written` is in the body: after the previous finding of the same text, else anywhere, else 0.

        An `address` is found where an address is written: after `(`, `<`, `:` or a space and before
        `)`, `>`, a space or the end of a line, so that `conditions/` is not found in `conditions/a.md`.
        """
        start = self._after.get(written, 0)
        found = self._find(written, start, address)
        if found < 0 and start:
            found = self._find(written, 0, address)
        if found < 0 and address:
            found = self._find(written, 0, False)
        if found < 0:
            first_line = written.split("\n", 1)[0]
            found = self.text.find(first_line) if first_line.strip() else -1
        found = max(found, 0)
        self._after[written] = found + 1
        return found

    def _find(self, written: str, start: int, address: bool) -> int:
        if not written:
            return -1
        found = self.text.find(written, start)
        while address and found >= 0 and not self._delimited(found, found + len(written)):
            found = self.text.find(written, found + 1)
        return found

    def _delimited(self, start: int, end: int) -> bool:
        before = self.text[start - 1] if start else "\n"
        after = self.text[end] if end < len(self.text) else "\n"
        return before in "(<: \t\n" and after in ")> \t\n\"'"

    def of(self, written: str, address: bool = False) -> int:
        return self.line_at(self.offset(written, address))

    def line_at(self, offset: int) -> int:
        return self.text.count("\n", 0, offset)

    def attribute_list(self, attrs: str) -> tuple[int, str]:
        """The line of an attribute list, and the list as written, braces and all."""
        offset = self.offset(attrs)
        start = self.text.rfind("{", 0, offset + 1)
        end = self.text.find("}", offset + len(attrs) - 1)
        line_start = self.text.rfind("\n", 0, offset) + 1
        if start < line_start or end < 0:
            return self.line_at(offset), "{ " + attrs + " }"
        return self.line_at(offset), self.text[start : end + 1]


_PARSERS: dict[str, _Parser] = {}


def body_markup(body: str, options: MarkdownOptions | None = None) -> BodyMarkup:
    """What the build's parser finds in a page's body; worked out once per body and configuration
    (the markup check and the link check both ask, on every rebuild)."""
    options = options or SITE
    key = repr((options.extensions, sorted(options.configs.items(), key=lambda item: item[0])))
    if key not in _PARSERS:
        _PARSERS[key] = _Parser(options)
    return _parse(body, key)


@lru_cache(maxsize=4096)
def _parse(body: str, key: str) -> BodyMarkup:
    return _PARSERS[key].parse(body)


def link_targets(body: str, options: MarkdownOptions | None = None) -> tuple[tuple[int, str, bool], ...]:
    """(line in the body, address, whether it is an image) of each link and image the parser made."""
    return body_markup(body, options).links
