"""The last pass over each built HTML page: a Content-Security-Policy, safe external links, valid toggles.

GitHub Pages cannot send headers, so the policy is a `<meta http-equiv>` tag placed before
any script. Scripts run only from the site itself or when their exact text is allowed by
hash. The policy never trusts the page: the only texts it may hash are the inline scripts
written in the theme's templates and `overrides/`, rendered with the page's template context
(`TemplateScripts`). A script that reached the HTML any other way, through a page body, a
front-matter field or a data file, is not in that list, so the browser refuses to run it.
JSON and JSON-LD blocks are data that the browser never runs, so the policy need not list them.

Links to other sites get `rel="noopener noreferrer"`: the page they open cannot reach back
into this one, and is not told which page of a health site the reader came from.

The theme's checkboxes lose the `autocomplete` attribute, which HTML allows on text fields only.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, Template, meta

_TAG_ATTRS = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
SCRIPT = re.compile(rf"<script\b(?P<attrs>{_TAG_ATTRS})>(?P<body>.*?)</script\s*>", re.I | re.S)
ANCHOR = re.compile(rf"<a\b(?P<attrs>{_TAG_ATTRS})>", re.I)
INPUT = re.compile(rf"<input\b(?P<attrs>{_TAG_ATTRS})>", re.I)
ATTRIBUTE = re.compile(r"""(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
HEAD = re.compile(r"<head\b[^>]*>", re.I)
BROWSER_IGNORED = re.compile(r"[\t\n\r]")
MAY_LEAVE = re.compile(r"[/\\][\t\n\r]*[/\\]|[:&]")
"""What a link's attributes must hold to leave the site: `//` (or with backslashes, or with the tabs
and line breaks a browser ignores), a scheme's `:`, or a character reference (`&#47;`) that may
stand for either. The other links, nearly all of them, are not parsed."""
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


@functools.lru_cache(maxsize=256)
def script_hash(text: str) -> str:
    """The theme's few scripts recur on every page: each is hashed once."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass(frozen=True)
class TemplateScripts:
    """Every inline script written in the theme's templates, compiled once per build.

    A template's script may depend on the page's context (Material's first script names the
    site's base address relative to the page), so each is rendered with the context that
    renders the page. What a page says can change which of them appear, never their text.
    """

    templates: tuple[Template, ...]
    names: tuple[tuple[str, ...], ...]
    """The context names each template reads (`config`), and `base_url`, which the `url` filter reads
    unseen: the key of each rendering."""
    renderings: dict[tuple, str | None] = field(default_factory=dict, compare=False)
    kept: list[list[Any]] = field(default_factory=list, compare=False)
    """The values of each rendering's key, kept alive for the build, so that no other object takes the id of one."""

    @classmethod
    def from_environment(cls, env: Environment) -> TemplateScripts:
        sources: list[str] = []
        loader = env.loader
        if loader is None:
            return cls((), ())
        for name in _html_templates(env):
            source, _, _ = loader.get_source(env, name)
            sources += inline_scripts(source)
        texts = list(dict.fromkeys(sources))
        names = tuple(tuple(sorted(meta.find_undeclared_variables(env.parse(text)) | {"base_url"})) for text in texts)
        return cls(tuple(env.from_string(text) for text in texts), names)

    def rendered(self, context: Mapping[str, Any]) -> frozenset[str]:
        """Each script as this page's context renders it; rendered once for each set of values it reads.

        Most pages share their values (`base_url` is the same for every page at the same depth);
        an object such as `config` is the same object throughout a build, so it is keyed by identity.
        """
        texts: set[str] = set()
        for index, template in enumerate(self.templates):
            values = [context.get(name) for name in self.names[index]]
            key = (index, *map(_value_key, values))
            if key not in self.renderings:
                self.renderings[key] = _render(template, context)
                self.kept.append(values)
            rendered = self.renderings[key]
            if rendered is not None:
                texts.add(rendered)
        return frozenset(texts)


def _value_key(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool | type(None)) else ("id", id(value))


def _render(template: Template, context: Mapping[str, Any]) -> str | None:
    try:
        return template.render(context)
    except Exception:  # noqa: BLE001 - a script that needs another template's context is not this page's
        return None


def _html_templates(env: Environment) -> list[str]:
    """The theme's HTML templates; hidden folders are skipped (Material keeps 10,000 icons in `.icons/`)."""
    folders = getattr(env.loader, "searchpath", None)
    if folders is None:
        return env.list_templates(extensions=["html"])
    names: set[str] = set()
    for folder in folders:
        for parent, subfolders, files in os.walk(folder):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            relative = Path(parent).relative_to(folder)
            names.update((relative / name).as_posix() for name in files if name.endswith(".html"))
    return sorted(names)


def content_security_policy(html: str, allowed: Collection[str]) -> str:
    """The policy for `html`: it hashes only the scripts in `allowed` that the page actually has."""
    hashes = sorted({script_hash(text) for text in inline_scripts(html) if text in allowed})
    policy = {**POLICY, "script-src": POLICY["script-src"] + hashes}
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


POLICY_TAG = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
"""The tag `add_content_security_policy` writes, as `finish` finds it again in a built page."""


def add_content_security_policy(html: str, allowed: Collection[str]) -> str:
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(html, allowed)}">'
    anchor = CHARSET.search(html) or HEAD.search(html)
    if anchor is None:
        raise ValueError("the page has no <head>, so it has nowhere to put its Content-Security-Policy")
    return html[: anchor.end()] + tag + html[anchor.end() :]


def is_external(href: str, site_host: str | None) -> bool:
    """Whether a link leaves the site, read as a browser reads it.

    A protocol-relative address (`//host/…`) leaves too, and browsers drop tabs and line breaks
    from an address and read a backslash as a slash, so `/\\host` is one as well.
    """
    href = BROWSER_IGNORED.sub("", href.strip()).replace("\\", "/")
    try:
        parts = urlsplit(href)
    except ValueError:  # not an address Python can read (`https://]`): treat it as leaving, the safe side
        return True
    leaves = parts.scheme.lower() in ("http", "https") or (not parts.scheme and href.startswith("//"))
    return leaves and parts.hostname != site_host


def protect_external_links(html: str, site_url: str) -> str:
    site_host = urlsplit(site_url).hostname

    def protect(match: re.Match) -> str:
        if not MAY_LEAVE.search(match["attrs"]):
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
        return tag[: start + rel_attr.start()] + f'rel="{" ".join(rel + missing)}"' + tag[start + rel_attr.end() :]

    return ANCHOR.sub(protect, html)


def drop_checkbox_autocomplete(html: str) -> str:
    """Checkboxes and radio buttons without `autocomplete`, which HTML does not allow on them.

    The theme marks its menu and search checkboxes `autocomplete="off"` so that Firefox does not
    restore them open on reload; the site's script closes them when a page starts instead
    (overrides/assets/javascripts/keyboard.js).
    """

    def drop(match: re.Match) -> str:
        attrs = attributes(match["attrs"])
        if attrs.get("type", "").lower() not in ("checkbox", "radio") or "autocomplete" not in attrs:
            return match[0]
        kept = [a[0] for a in ATTRIBUTE.finditer(match["attrs"]) if a["name"].lower() != "autocomplete"]
        return f"<input {' '.join(kept)}>"

    return INPUT.sub(drop, html)


def finish_page(html: str, site_url: str, allowed_scripts: Collection[str] | None) -> str:
    """What every built page gets last: valid toggles, safe external links, then the policy over the final HTML.

    `allowed_scripts` are the theme's scripts for this page (`TemplateScripts.rendered`);
    None gives no policy, for the `mkdocs serve` preview, which adds a reload script of its own.
    """
    html = protect_external_links(drop_checkbox_autocomplete(html), site_url)
    return html if allowed_scripts is None else add_content_security_policy(html, allowed_scripts)
