"""The second layer: each page's rendered article passes an allowlist sanitiser before the theme sees it.

The content check already refuses raw HTML in page bodies (`markup.py`). If a change ever
slips past it, Ammonia (through `nh3`) still drops every element, attribute, class and address
scheme that the site's own Markdown does not produce, so the published page stays inert:
no script, no event handler, no style, no frame, no form, no redirect.

The allowlist is what Python-Markdown, the site's extensions (admonition, tables, toc,
attr_list, superfences) and the layouts in `templates/` write, and nothing else
(tests/html/test_sanitize.py builds the real site and compares). Images load only from the site itself.
"""

from __future__ import annotations

import re

import nh3
from pygments.token import STANDARD_TYPES

TEXT = {"p", "br", "hr", "strong", "em", "code", "pre", "blockquote", "sup", "sub", "abbr", "span"}
STRUCTURE = {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "div", "a", "img"}
TABLES = {"table", "caption", "thead", "tbody", "tr", "th", "td"}
TAGS = TEXT | STRUCTURE | TABLES
"""What Markdown writes (Python-Markdown and the tables extension), the allowed inline tags
(`<br> <sup> <sub> <abbr>`), and the templates' tables and wrappers; no `b`, `i`, `dl` or `col`,
which nothing of the site writes."""

ATTRIBUTES = {
    "*": {"id", "title", "data-search-exclude"},
    "a": {"href"},
    "img": {"src", "alt"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"scope", "data-label", "align"},
    "td": {"data-label", "align"},
    "div": {"role", "aria-labelledby", "tabindex"},
    "span": {"aria-hidden"},
}

TEMPLATE_CLASSES = {
    "div": {
        "admonition",
        "warning",
        "draft",
        "warning-signs",
        "emergency",
        "urgent",
        "before-massage",
        "table-scroll",
        "referral-form",
    },
    "p": {"page-review", "page-keywords", "page-status"},
    "a": {"skip-link"},
    "span": {"visually-hidden"},
    "table": {"comparison", "matrix"},
}
"""What `templates/*.j2` and the preview's problem page write: the precautions (`!!! warning`), a
draft's notice (`!!! draft`), the warning signs' levels, the tables and their wrappers."""
EXTENSION_CLASSES = {
    "div": {"admonition", "note", "tip", "warning", "danger", "failure", "highlight"},
    "p": {"admonition-title"},
    "a": {"headerlink"},
    "span": {name for name in STANDARD_TYPES.values() if name},
    "code": {"highlight"},
}
"""What the configured extensions write: `toc`'s permalinks, `superfences`' highlighted code (Pygments'
token classes), and the admonitions CONTRIBUTING.md offers editors (`!!! note`, `tip`, `warning`,
`danger`) with the preview's `failure`. A class of any other kind, such as `md-visually-hidden` or
an admonition named after the theme's own, is dropped."""
CLASSES = {
    tag: TEMPLATE_CLASSES.get(tag, set()) | EXTENSION_CLASSES.get(tag, set())
    for tag in TEMPLATE_CLASSES.keys() | EXTENSION_CLASSES.keys()
}

URL_SCHEMES = {"https", "http", "mailto", "tel"}
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
BROWSER_IGNORED = re.compile(r"[\t\n\r]")
CONTROLS_AND_SPACE = "".join(chr(code) for code in range(0x21))
"""What a browser strips from both ends of an address before it reads it."""

RESERVED_ID_PREFIXES = ("__", "md-")
"""The theme finds its own elements by ids such as `__config` and `__drawer`: a page may not take them."""


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.startswith(RESERVED_ID_PREFIXES):
        return None
    if tag == "img" and attribute == "src" and not within_site(value):
        return None
    return value


def within_site(url: str) -> bool:
    """Whether an image's address, read as a browser reads it, stays on this site: relative, no scheme, no `//host`."""
    cleaned = BROWSER_IGNORED.sub("", url).strip(CONTROLS_AND_SPACE).replace("\\", "/")
    return not (SCHEME.match(cleaned) or cleaned.startswith("//"))


def sanitize_article(html: str) -> str:
    """The article's HTML with everything outside the allowlist removed; inert content is unchanged."""
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_keep_attribute,
        link_rel=None,
        strip_comments=True,
    )
