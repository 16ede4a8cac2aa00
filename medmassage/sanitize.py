"""The second layer: each page's rendered article passes an allowlist sanitiser before the theme sees it.

The content check already refuses raw HTML in page bodies (`markup.py`). If a change ever
slips past it, Ammonia (through `nh3`) still drops every element, attribute, class and address
scheme that the site's own Markdown does not produce, so the published page stays inert:
no script, no event handler, no style, no frame, no form, no redirect.

The allowlist is what Python-Markdown, the site's extensions (admonition, tables, toc,
attr_list, md_in_html, superfences) and the layouts in `templates/` write, and nothing else.
"""

from __future__ import annotations

import nh3
from pygments.token import STANDARD_TYPES

TEXT = {"p", "br", "hr", "strong", "em", "b", "i", "code", "pre", "blockquote", "sup", "sub", "abbr", "span"}
STRUCTURE = {"h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "div", "a", "img"}
TABLES = {"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col"}
TAGS = TEXT | STRUCTURE | TABLES

ATTRIBUTES = {
    "*": {"id", "title", "data-search-exclude"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan", "data-label", "align"},
    "td": {"colspan", "rowspan", "data-label", "align"},
    "div": {"role", "aria-labelledby", "tabindex"},
    "span": {"aria-hidden"},
}

ADMONITIONS = {
    "admonition",
    "note",
    "abstract",
    "info",
    "tip",
    "success",
    "question",
    "warning",
    "failure",
    "danger",
    "bug",
    "example",
    "quote",
    "attention",
    "caution",
    "error",
    "hint",
    "important",
}
WARNING_LEVELS = {"warning-signs", "emergency", "urgent", "before-massage"}
CLASSES = {
    "div": ADMONITIONS | WARNING_LEVELS | {"draft", "table-scroll", "highlight", "referral-form"},
    "p": {"admonition-title", "page-review", "page-keywords", "page-status"},
    "a": {"headerlink", "skip-link"},
    "span": {"visually-hidden"} | {name for name in STANDARD_TYPES.values() if name},
    "table": {"comparison", "matrix"},
    "code": {"highlight"},
}

URL_SCHEMES = {"https", "http", "mailto", "tel"}

RESERVED_ID_PREFIXES = ("__", "md-")
"""The theme finds its own elements by ids such as `__config` and `__drawer`: a page may not take them."""


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "id" and value.startswith(RESERVED_ID_PREFIXES):
        return None
    return value


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
