"""A Markdown extension: raw HTML that a page's text carries comes out as text, never as markup.

Python-Markdown passes raw HTML through by two registered processors, the `html_block`
preprocessor and the `html` inline pattern. This extension registers escaping versions in their
place (and in place of `md_in_html`'s): each finds HTML exactly where Python-Markdown would (the
same parser reads it, so the block structure of a page does not change), then stores it as
escaped text. So a `<div class="admonition danger">` or a `<script>` in a page shows as the
characters a reader can see, whatever the content check said about it. What passes as markup:

- the few inline tags CONTRIBUTING.md allows: `<br>`, `<sup>`, `<sub>`, `<abbr title="…">`;
- markup the project's own templates made, which they hand over through `template_markup`: each
  piece travels in a placeholder with its hash keyed by a secret of this process (or, for a tree
  `export` renders, the key its config gives), so text an editor wrote cannot make one;
- HTML comments, as an empty comment (the sanitiser drops comments anyway).

Each piece of raw HTML from the text is recorded (`ContentHtml.of(md)`), so that the content
check reports what the build escaped, at its line. The extension is listed in mkdocs.yml
`markdown_extensions`, so MkDocs, `verify` and the check all render with it.
"""

from __future__ import annotations

import base64
import hmac
import re
import secrets
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import HTML_RE, HtmlInlineProcessor
from markdown.preprocessors import HtmlBlockPreprocessor
from markupsafe import Markup

NAME = "medmassage.rendering.inert_html"
"""How mkdocs.yml names this extension."""
ALLOWED_TAG = re.compile(r"""<(?:br\s*/?|/?sup|/?sub|abbr\s+title="[^"<>&]*"|/abbr)>""", re.IGNORECASE)
PLACEHOLDER = re.compile(
    r'<medmassage-markup-(?P<key>[0-9a-f]{64}) data-markup="(?P<markup>[A-Za-z0-9_=-]*)"(?: id="[^"<>&]*")*>'
)
EMPTY_COMMENT = "<!---->"
ANCHOR = re.compile(r"[^\s\"<>&]+")
ENTITY = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{0,31});")

_KEY = secrets.token_bytes(32)
"""Signs the templates' markup in this process. `export` writes it into the config of the tree it renders,
whose pages carry the placeholders to another engine; nothing else ever sees it."""


def signing_key() -> str:
    return _KEY.hex()


def template_markup(html: str) -> Markup:
    """A placeholder for markup a template wrote, which the extension puts back as markup.

    For the project's templates only (the `markup` filter of `render.py`): never for text from a page.
    The placeholder carries the markup and its keyed hash, and only this process knows the key, so text
    an editor wrote cannot make one.
    """
    data = str(html).encode("utf-8")
    ids = _Ids()
    ids.feed(str(html))
    ids.close()
    return Markup('<medmassage-markup-{} data-markup="{}"{}>').format(
        hmac.new(_KEY, data, "sha256").hexdigest(),
        base64.urlsafe_b64encode(data).decode("ascii"),
        Markup("").join(Markup(' id="{}"').format(i) for i in ids.found),
    )


def _trusted(match: re.Match[str] | None, key: bytes) -> str | None:
    """The markup a placeholder carries, if a template of a process holding `key` made it."""
    if match is None:
        return None
    try:
        data = base64.urlsafe_b64decode(match["markup"])
    except ValueError:
        return None
    if not hmac.compare_digest(hmac.new(key, data, "sha256").hexdigest(), match["key"]):
        return None
    return data.decode("utf-8", errors="replace")


class _Ids(HTMLParser):
    """The ids in a template's markup, repeated on its placeholder: MkDocs looks for the anchors a page
    has in the raw HTML of its Markdown before the placeholder is replaced (`mkdocs_raw_html`)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value for name, value in attrs if name == "id" and value and ANCHOR.fullmatch(value)]


@dataclass
class ContentHtml:
    """The raw HTML found in the text of the page last converted, in the order the parser met it."""

    pieces: list[str] = field(default_factory=list)

    @staticmethod
    def of(md: Markdown) -> ContentHtml | None:
        return getattr(md, "medmassage_content_html", None)


class _EscapedBlocks(HtmlBlockPreprocessor):
    """Python-Markdown's own block HTML parser; whatever it stashed comes out as escaped text."""

    def __init__(self, md: Markdown, found: ContentHtml, key: bytes):
        super().__init__(md)
        self.found = found
        self.key = key

    def run(self, lines: list[str]) -> list[str]:
        stash = self.md.htmlStash.rawHtmlBlocks
        start = len(stash)
        result = super().run(lines)
        for index in range(start, len(stash)):
            stash[index] = self._inert(str(stash[index]))
        return "\n".join(self._template_markup(line) for line in result).split("\n")

    def _template_markup(self, line: str) -> str:
        """A template's block of markup, stashed here as `html_block` would (MkDocs collects anchors from the stash)."""
        markup = _trusted(PLACEHOLDER.fullmatch(line), self.key)
        if markup is None:
            return line
        return f"\n\n{self.md.htmlStash.store(markup)}\n\n"

    def _inert(self, raw: str) -> str:
        if ENTITY.fullmatch(raw):  # a character reference the parser met inside a declaration: text already
            return raw
        self.found.pieces.append(raw)
        if raw.startswith("<!--"):
            return EMPTY_COMMENT
        return escape(raw, quote=False)


class _EscapedInline(HtmlInlineProcessor):
    """Python-Markdown's own inline HTML pattern; only allowed tags and template markup stay markup."""

    def __init__(self, md: Markdown, found: ContentHtml, key: bytes):
        super().__init__(HTML_RE, md)
        self.found = found
        self.key = key

    def handleMatch(  # type: ignore[override]  # noqa: N802 - InlineProcessor's (m, data), which the stubs give Pattern's
        self, m: re.Match[str], data: str
    ) -> tuple[str | Element | None, int | None, int | None]:
        raw = m.group(1)
        markup = _trusted(PLACEHOLDER.fullmatch(raw), self.key)
        if markup is not None:
            return self.md.htmlStash.store(markup), m.start(0), m.end(0)
        if ALLOWED_TAG.fullmatch(raw):
            return super().handleMatch(m, data)
        self.found.pieces.append(raw)
        inert = "" if raw.startswith("<!--") else escape(raw, quote=False)
        return self.md.htmlStash.store(inert), m.start(0), m.end(0)


class InertHtmlExtension(Extension):
    def __init__(self, **kwargs) -> None:
        self.config = {
            "key": ["", "the key a rendered tree's placeholders are signed with (hex); by default this process's"]
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        key = bytes.fromhex(self.getConfig("key")) if self.getConfig("key") else _KEY
        found = ContentHtml()
        setattr(md, "medmassage_content_html", found)  # noqa: B010 - for whoever holds only the Markdown
        self.found = found
        md.registerExtension(self)
        # The priorities Python-Markdown gives the processors these replace.
        md.preprocessors.register(_EscapedBlocks(md, found, key), "html_block", 20)
        md.inlinePatterns.register(_EscapedInline(md, found, key), "html", 90)

    def reset(self) -> None:
        self.found.pieces.clear()


def makeExtension(**kwargs) -> InertHtmlExtension:  # noqa: N802 - the name Python-Markdown looks for
    return InertHtmlExtension(**kwargs)
