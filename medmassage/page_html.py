"""The last pass over each built HTML page: a Content-Security-Policy, and safe external links.

GitHub Pages cannot send headers, so the policy is a `<meta http-equiv>` tag placed before
any script. Scripts run only from the site itself or when their exact text is allowed by
hash: every inline script in the final HTML is hashed here, after the theme has written it.
JSON and JSON-LD blocks are data that the browser never runs, so the policy need not list them.

Links to other sites get `rel="noopener noreferrer"`: the page they open cannot reach back
into this one, and is not told which page of a health site the reader came from.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from urllib.parse import urlsplit

_TAG_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
SCRIPT = re.compile(rf"<script\b(?P<attrs>{_TAG_ATTRS})>(?P<body>.*?)</script\s*>", re.I | re.S)
ANCHOR = re.compile(rf"<a\b(?P<attrs>{_TAG_ATTRS})>", re.I)
ATTRIBUTE = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
DATA_TYPES = {"application/json", "application/ld+json"}
EXTERNAL_REL = ("noopener", "noreferrer")

POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}


def attributes(tag_attrs: str) -> dict[str, str]:
    """A tag's attributes by lower-case name, values unquoted and unescaped; the first of a name wins."""
    found: dict[str, str] = {}
    for match in ATTRIBUTE.finditer(tag_attrs):
        value = match["value"] or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(match["name"].lower(), unescape(value))
    return found


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script a browser would run, as it appears in the page."""
    scripts = []
    for match in SCRIPT.finditer(html):
        attrs = attributes(match["attrs"])
        if "src" in attrs or attrs.get("type", "").strip().lower() in DATA_TYPES:
            continue
        scripts.append(match["body"])
    return scripts


def script_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(html: str) -> str:
    hashes = sorted({script_hash(text) for text in inline_scripts(html)})
    policy = {**POLICY, "script-src": POLICY["script-src"] + hashes}
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


def add_content_security_policy(html: str) -> str:
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html)}">'
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        raise ValueError("the page has no <head>, so it has nowhere to put its Content-Security-Policy")
    return html[:anchor.end()] + tag + html[anchor.end():]


def is_external(href: str, site_host: str) -> bool:
    parts = urlsplit(href.strip())
    return parts.scheme in ("http", "https") and parts.hostname != site_host


def protect_external_links(html: str, site_url: str) -> str:
    site_host = urlsplit(site_url).hostname

    def protect(match: re.Match) -> str:
        if "http" not in match["attrs"].lower():
            return match[0]
        attrs = attributes(match["attrs"])
        if not is_external(attrs.get("href", ""), site_host):
            return match[0]
        rel = attrs.get("rel", "").split()
        missing = [value for value in EXTERNAL_REL if value not in rel]
        if not missing:
            return match[0]
        rel_attr = next((a for a in ATTRIBUTE.finditer(match["attrs"]) if a["name"].lower() == "rel"), None)
        if rel_attr is None:
            return f'{match[0][:-1]} rel="{" ".join(missing)}">'
        start = match.start("attrs") - match.start()
        tag = match[0]
        return (tag[:start + rel_attr.start()] + f'rel="{" ".join(rel + missing)}"'
                + tag[start + rel_attr.end():])

    return ANCHOR.sub(protect, html)


def finish_page(html: str, site_url: str, policy: bool = True) -> str:
    """What every built page gets last: safe external links, then the policy over the final HTML."""
    html = protect_external_links(html, site_url)
    return add_content_security_policy(html) if policy else html
