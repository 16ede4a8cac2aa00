"""The anchors each page has once built, computed the way MkDocs computes them, without MkDocs.

A link such as `sciatica.md#when-to-see-a-doctor` works only if the built page has an element
with that id. MkDocs checks this only after it has written every page; the check does it first,
on the same ids: each page's full Markdown (its layout adds headings such as "References" and
the warning signs), converted with the Markdown extensions and settings of the config file (the
`toc` extension's slugify function among them, imported as MkDocs would), collecting every
element's id, the name of each `<a>`, and the ids in raw HTML, as MkDocs' own anchor check does.
"""

from __future__ import annotations

import importlib
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import markdown
from jinja2 import TemplateError
from markdown.treeprocessors import Treeprocessor

from ..project.config import PythonTag, SiteConfig
from ..project.content import Content
from .render import Renderer

ENGINE_EXTENSIONS = ("toc", "tables", "fenced_code")
"""The Markdown extensions MkDocs always adds to those the config file names."""


class Unresolvable(Exception):
    """A config value the check cannot turn into what MkDocs would."""


@dataclass(frozen=True)
class MarkdownOptions:
    """The Markdown extensions and their settings, as MkDocs reads them from `markdown_extensions:`."""

    extensions: tuple[str, ...] = ENGINE_EXTENSIONS
    configs: Mapping[str, dict] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: SiteConfig) -> MarkdownOptions:
        """Raises `Unresolvable` for a `!!python/` value that cannot be imported or called."""
        declared = config.markdown_extensions
        items = (
            declared.items()
            if isinstance(declared, dict)
            else [next(iter(item.items())) if isinstance(item, dict) else (item, None) for item in declared]
        )
        extensions, configs = list(ENGINE_EXTENSIONS), {}
        for name, options in items:
            if name not in extensions:
                extensions.append(name)
            if options:
                configs[name] = _resolve(options)
        options = cls(tuple(extensions), configs)
        try:
            options.markdown()
        except Exception as error:  # an extension or setting MkDocs itself would refuse, and say why
            raise Unresolvable(f"the Markdown extensions cannot be loaded: {error}") from None
        return options

    def markdown(self) -> markdown.Markdown:
        return markdown.Markdown(extensions=list(self.extensions), extension_configs=dict(self.configs))


def _resolve(value: Any) -> Any:
    if isinstance(value, PythonTag):
        return _python(value)
    if isinstance(value, dict):
        return {key: _resolve(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_resolve(item) for item in value]
    return value


def _python(tag: PythonTag) -> Any:
    """What MkDocs' YAML loader makes of `!!python/name:module.attr` and `!!python/object/apply:module.function`."""
    kind, _, dotted = tag.suffix.partition(":")
    module_name, _, attribute = dotted.rpartition(".")
    try:
        target = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError, ValueError) as error:
        raise Unresolvable(f"!!python/{tag.suffix}: {error}") from None
    if kind == "name":
        return target
    if kind == "object/apply":
        arguments = _resolve(tag.value) if isinstance(tag.value, dict) else {"args": _resolve(tag.value or [])}
        return target(*arguments.get("args", []), **arguments.get("kwds", {}))
    raise Unresolvable(f"!!python/{tag.suffix} is not a kind of value the check can read")


class _IdCollector(Treeprocessor):
    """Every element's id and every link's name, after the `toc` extension has given headings theirs."""

    def __init__(self, md: markdown.Markdown, ids: set[str]):
        super().__init__(md)
        self.ids = ids

    def run(self, root) -> None:
        for element in root.iter():
            if element.get("id"):
                self.ids.add(element.get("id"))
            if element.tag == "a" and element.get("name"):
                self.ids.add(element.get("name"))


class _RawIds(HTMLParser):
    def __init__(self, ids: set[str]):
        super().__init__()
        self.ids = ids

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (name == "id" or (name == "name" and tag == "a")):
                self.ids.add(value)


def anchor_ids(text: str, options: MarkdownOptions) -> set[str]:
    """The ids a page built from this Markdown has, as MkDocs finds them."""
    ids: set[str] = set()
    md = options.markdown()
    md.treeprocessors.register(_IdCollector(md, ids), "medmassage_ids", 5)  # after `toc`, as MkDocs' own
    md.convert(text)
    raw = _RawIds(ids)
    for block in md.htmlStash.rawHtmlBlocks:
        raw.feed(str(block))
    raw.close()
    return ids


class Anchors:
    """Each page's anchors, computed the first time a link asks for them."""

    def __init__(self, content: Content, options: MarkdownOptions | None, renderer: Renderer):
        self.content = content
        self.options = options
        self.renderer = renderer
        """The build's renderer, so a long list is split here too: its pages are known, and the
        headings it moves off its page are not."""
        self._ids: dict[str, set[str] | None] = {}

    def of(self, path: str) -> set[str] | None:
        """The anchors of the page at `path` (docs-relative), or None when they cannot be known."""
        if path not in self._ids:
            self._ids[path] = self._compute(path)
        return self._ids[path]

    def _compute(self, path: str) -> set[str] | None:
        entry = self.content.pages.get(path)
        if self.options is None:
            return None
        here = posixpath.dirname(path) or "."
        relative: Callable[[str], str] = lambda target: posixpath.relpath(target, here)  # noqa: E731
        try:
            text = self.renderer.page(entry, relative) if entry else self.renderer.part(path, relative)
        except TemplateError:  # a data file it shows did not load; that problem is reported already
            return None
        if text is None:
            return None
        return anchor_ids(text, self.options)
