"""Check a built site against the content model, whichever engine built it and however.

A site can look finished and still lack what makes it safe to read: an engine that ignores
the hooks (Zensical does) builds every page without its warning signs, references or review
line, and reports no problem. So the published folder itself is checked, not the engine:

- every page of the content is there, with all that its layout gives it: each line of the
  Markdown the build renders for it (the warning signs at each level, the precautions, the
  lists, the references, the review line) appears in the page's article, and the disclaimer
  from the settings appears on the page;
- every content page has the schema.org data the build derives for it;
- every page has a Content-Security-Policy, before any script, that allows no inline script
  the theme's templates did not write;
- the folder holds only pages of the content, the theme's assets and the kinds of file docs/
  may hold.

Each gap is reported as the page's path in the site folder and what is missing.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urljoin

from ..checks.files import SIGNATURES
from ..html.page_html import POLICY, SCRIPT, attributes, inline_scripts, script_hash
from ..html.theme_scripts import ThemeScripts
from ..project.config import Project
from ..project.paths import page_url, regular_files
from ..rendering.anchors import MarkdownOptions
from .build import Build

BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "th", "td", "dt", "dd", "pre", "summary"}
SECTIONS = {"h1", "h2", "h3"}
SKIPPED = {"script", "style", "template", "svg"}
SPACE = re.compile(r"\s+")
POLICY_META = re.compile(
    r"""<meta\s+http-equiv=["']?Content-Security-Policy["']?\s+content=(?:"([^"]*)"|'([^']*)')""", re.I
)
THEME_FILES = {".html", ".css", ".js", ".map", ".json", ".xml", ".gz"}
PUBLISHED_FILES = THEME_FILES | set(SIGNATURES)
LICENCE_NOTICES = {"LICENSE"}


@dataclass(frozen=True, order=True)
class Gap:
    """Something a reader would miss on a built page, or a file the site must not publish."""

    page: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.message}"


@dataclass
class Block:
    text: str
    section: str
    """The heading or call-out title the block sits under, as the reader sees it, or its own text."""


@dataclass
class TextBlocks(HTMLParser):
    """The text of each block element (paragraph, list item, heading, cell) of an HTML fragment."""

    blocks: list[Block] = field(default_factory=list)
    _text: list[str] = field(default_factory=list)
    _tags: list[str] = field(default_factory=list)
    _skipping: int = 0
    _section: str = ""
    _kind: str = ""
    """"section" for a heading or call-out title, "line" for a paragraph a layout marks with a class."""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    @classmethod
    def of(cls, html: str) -> list[Block]:
        parser = cls()
        parser.feed(html)
        parser.close()
        parser._flush()
        return parser.blocks

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag in SKIPPED or (tag == "a" and "headerlink" in classes):
            self._skipping += 1
        elif tag in BLOCKS:
            self._flush()
            self._tags.append(tag)
            self._kind = "section" if tag in SECTIONS or "admonition-title" in classes else "line" if classes else ""

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED or (tag == "a" and self._skipping):
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCKS:
            self._flush()
            if self._tags:
                self._tags.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._text.append(data)

    def _flush(self) -> None:
        text = SPACE.sub(" ", "".join(self._text)).strip()
        self._text.clear()
        if not text:
            return
        if self._kind == "section":
            self._section = text
        self.blocks.append(Block(text, text if self._kind == "line" else self._section))
        self._kind = ""


def article(html: str) -> str:
    """The page's article: what the theme shows as the page itself, without its navigation."""
    start = html.find("<article")
    end = html.rfind("</article>")
    return html[start:end] if 0 <= start < end else ""


def shown_text(html: str) -> str:
    return "\n".join(block.text for block in TextBlocks.of(html))


class Expectations:
    """What each page of the content must show, derived the way the build derives it."""

    def __init__(self, build: Build, project: Project):
        self.build = build
        self.directory_urls = project.site.use_directory_urls
        self.site_url = project.site.site_url
        disclaimer = project.settings.disclaimer if project.settings else ""
        self.disclaimer = SPACE.sub(" ", disclaimer).strip()
        self.markdown = MarkdownOptions.from_config(project.site).markdown()

    def pages(self) -> Iterator[tuple[str, str]]:
        """(source path, built file) of every page the content publishes."""
        for path in self.build.pages():
            url = page_url(path, self.directory_urls)
            yield path, (url + "index.html" if url.endswith("/") else url).removeprefix("./")

    def page(self, path: str) -> tuple[list[Block], list[Any]]:
        """The text blocks of the page's rendered Markdown, and its structured data."""
        rendered = self.build.render(
            path, relative_url=lambda other: page_url(other, self.directory_urls), absolute_url=self.absolute_url
        )
        if rendered is None:
            return [], []
        self.markdown.reset()
        blocks = TextBlocks.of(self.markdown.convert(rendered.markdown))
        return blocks, [rendered.meta["schema_org"]] if "schema_org" in rendered.meta else []

    def absolute_url(self, path: str) -> str:
        return urljoin(self.site_url, page_url(path, self.directory_urls))


def structured_data(html: str) -> list[Any]:
    """Every schema.org JSON-LD block of a page, parsed; a block that does not parse is left out."""
    found = []
    for match in SCRIPT.finditer(html):
        if attributes(match["attrs"]).get("type", "").strip().lower() == "application/ld+json":
            try:
                found.append(json.loads(match["body"]))
            except ValueError:
                continue
    return found


def content_gaps(page: str, shown: str, expected: list[Block]) -> list[Gap]:
    """The lines of the page's rendered Markdown that `shown`, its article's text, lacks, grouped by section."""
    missing: dict[str, list[Block]] = {}
    for block in expected:
        if block.text not in shown:
            missing.setdefault(block.section, []).append(block)
    gaps = []
    for section, blocks in missing.items():
        if blocks[0].text == section:
            under = f" and the {len(blocks) - 1} line(s) under it" if len(blocks) > 1 else ""
            gaps.append(Gap(page, f'missing "{_short(section)}"{under}'))
        else:
            more = f" and {len(blocks) - 1} more line(s)" if len(blocks) > 1 else ""
            gaps.append(Gap(page, f'missing "{_short(blocks[0].text)}"{more} under "{section}"'))
    return gaps


def policy_gaps(page: str, html: str, allowed: frozenset[str]) -> list[Gap]:
    """The page's Content-Security-Policy: there, before every script, and hashing only the templates' scripts."""
    match = POLICY_META.search(html)
    if match is None:
        return [Gap(page, "no Content-Security-Policy: run `python -m medmassage finish` on the built site")]
    gaps = []
    first_script = html.lower().find("<script")
    if 0 <= first_script < match.start():
        gaps.append(Gap(page, "the Content-Security-Policy comes after a script, so it does not cover it"))
    policy = match[1] if match[1] is not None else match[2]
    directives = {name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())}
    for name, sources in POLICY.items():
        extra = [
            s
            for s in directives.get(name, [])
            if s not in sources and not (name == "script-src" and s.startswith("'sha256-"))
        ]
        if name not in directives or extra or any(s not in directives[name] for s in sources):
            gaps.append(
                Gap(
                    page,
                    f"the Content-Security-Policy's {name} is not the site's: "
                    f"{' '.join(directives.get(name, ['(none)']))}",
                )
            )
    allowed_hashes = {script_hash(text) for text in allowed}
    for source in directives.get("script-src", []):
        if source.startswith("'sha256-") and source not in allowed_hashes:
            gaps.append(Gap(page, f"the Content-Security-Policy allows an inline script no template wrote: {source}"))
    for script in inline_scripts(html):
        if script not in allowed:
            gaps.append(Gap(page, f'an inline script no template wrote: "{_short(script)}"'))
    return gaps


def file_gaps(site_dir: Path, pages: set[str]) -> list[Gap]:
    """Files the project does not publish: unknown kinds, scripts and styles outside assets/, stray pages."""
    gaps = []
    for parent, folders, names in os.walk(site_dir):
        folders.sort()
        for name in sorted(names):
            path = Path(parent, name).relative_to(site_dir).as_posix()
            suffix = posixpath.splitext(name)[1].lower()
            if Path(parent, name).is_symlink():
                gaps.append(Gap(path, "a symbolic link: the site publishes only plain files"))
            elif suffix not in PUBLISHED_FILES and not (name in LICENCE_NOTICES and path.startswith("assets/")):
                gaps.append(Gap(path, f"a {suffix or 'extensionless'} file, which the site does not publish"))
            elif suffix in (".js", ".css", ".map") and not path.startswith("assets/"):
                gaps.append(Gap(path, "a script or style outside assets/, where only the theme's own belong"))
            elif suffix == ".html" and path not in pages and path != "404.html":
                gaps.append(Gap(path, "a page that is not in the content"))
    return sorted(gaps)


def verify_site(project: Project, site_dir: Path, stream: TextIO) -> list[Gap] | None:
    """Every gap between the built site and the content; None when the content itself has errors."""
    build = Build.start(project, stream)
    if build.error_count:
        return None
    expected = Expectations(build, project)
    scripts = ThemeScripts.for_site(project)
    gaps: list[Gap] = []
    pages = dict(expected.pages())
    for path, page in pages.items():
        built = site_dir / page
        if not built.is_file():
            gaps.append(Gap(page, f"missing: the page for docs/{path} was not built"))
            continue
        html = built.read_text(encoding="utf-8")
        blocks, data = expected.page(path)
        shown = shown_text(article(html))
        gaps += content_gaps(page, shown, blocks)
        if expected.disclaimer and expected.disclaimer not in SPACE.sub(" ", shown):
            gaps.append(Gap(page, "missing the disclaimer (extra.disclaimer in the config)"))
        if not all(item in structured_data(html) for item in data):
            gaps.append(Gap(page, "missing its schema.org structured data (JSON-LD), or it differs from the content"))
    for built in regular_files(site_dir, ".html"):
        page = built.relative_to(site_dir).as_posix()
        gaps += policy_gaps(page, built.read_text(encoding="utf-8"), scripts.allowed(page))
    gaps += file_gaps(site_dir, set(pages.values()))
    return sorted(set(gaps), key=lambda gap: (gap.page, gap.message))


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
