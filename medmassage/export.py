"""The site without MkDocs hooks: a complete Markdown tree for any engine, and the last HTML pass over its output.

`render` writes what the hooks would give each page (the layout, the derived lists, tables and
call-outs, the metadata the theme reads) as plain Markdown files, and a config file beside them
with no `hooks:`, so that MkDocs, ProperDocs or Zensical can build the site as it is.

`finish` is what `on_page_content` and `on_post_page` do, run over the built HTML instead:
it sanitises each article (the rendered tree marks where it starts and ends), makes outbound
links safe and adds the Content-Security-Policy. Without the engine's template context, the
policy's allowed scripts are the theme templates' inline scripts rendered with every context a
page can have: each page's own relative address of the site root, and the site's path, which
the engines give pages that may be served from any folder (404.html). None of it is read from
the page, so the policy still never trusts what it guards.
"""

from __future__ import annotations

import importlib.util
import posixpath
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urljoin, urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from . import sanitize
from .build import Build
from .files import regular_files
from .page_html import POLICY_TAG, TemplateScripts, finish_page
from .project import load_project, repository_name

ARTICLE_START = "<!-- medmassage:article -->"
ARTICLE_END = "<!-- /medmassage:article -->"
THEMES = ("material", "zensical")
"""Packages whose `templates/` folder is a theme an engine may build with: Material, and Zensical's copy of it."""


def page_url(path: str, directory_urls: bool = True) -> str:
    """A page's address under the site root, as MkDocs gives it: `a/b.md` is `a/b/`, `index.md` is `./`."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    folder, name = posixpath.split(stem)
    return f"{folder or '.'}/" if name in ("index", "README") else f"{stem}/"


def relative_url(url: str, from_url: str) -> str:
    """`url` as a link from the page at `from_url`, as MkDocs' `get_relative_url` writes it."""
    folder, _, name = from_url.rpartition("/")
    base = [part for part in (folder if "." in name else from_url).split("/") if part not in ("", ".")]
    target = [part for part in url.split("/") if part not in ("", ".")]
    common = 0
    for a, b in zip(base, target, strict=False):
        if a != b:
            break
        common += 1
    relative = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    return relative + "/" if url.endswith("/") else relative


def render_tree(config_file: Path, out_dir: Path, stream: TextIO) -> int:
    """Check the project, then write its rendered pages and a config without hooks to `out_dir`.

    Returns the number of errors the check found; with any, nothing is written.
    """
    build = Build.start(config_file, stream)
    if build.errors:
        return build.errors
    root = config_file.parent
    project = load_project(config_file)
    config = project.config
    docs_dir = root / config.get("docs_dir", "docs")
    directory_urls = config.get("use_directory_urls", True)
    site_url = config.get("site_url") or ""
    out_docs = out_dir / "docs"

    def write(path: str, source: Path | None) -> None:
        target = out_docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        here = page_url(path, directory_urls)
        rendered = (
            build.render(
                path,
                relative_url=lambda other: relative_url(page_url(other, directory_urls), here),
                absolute_url=lambda other: urljoin(site_url, page_url(other, directory_urls)),
            )
            if path.endswith(".md")
            else None
        )
        if rendered is None:
            shutil.copyfile(source, target)
            return
        entry = build.result.content.pages.get(path)
        meta = {**(entry.document.meta.data if entry else {}), **rendered.meta}
        target.write_text(page_text(meta, rendered.markdown), encoding="utf-8")

    for source in regular_files(docs_dir):
        write(source.relative_to(docs_dir).as_posix(), source)
    for path in build.generated():
        write(path, None)
    _copy_theme(root, config, out_dir)
    name = repository_name(config.get("repo_url"), config.get("repo_name"))
    settings = {"repo_name": name} if name else {}
    if build.generated():
        navigated = {path for path, _ in project.nav or []}
        added = [f"/{path}" for path in build.generated() if path not in navigated]
        settings["not_in_nav"] = "\n".join([config.get("not_in_nav") or "", *added]).strip()
    text = plain_config(config_file.read_text(encoding="utf-8"), settings)
    (out_dir / config_file.name).write_text(text, encoding="utf-8")
    return 0


def page_text(meta: dict[str, Any], markdown: str) -> str:
    """A rendered page: its front matter, then its Markdown between the marks `finish` sanitises within."""
    front = yaml.safe_dump(_plain(meta), sort_keys=False, allow_unicode=True, width=10_000)
    return f"---\n{front}---\n\n{ARTICLE_START}\n\n{markdown.strip()}\n\n{ARTICLE_END}\n"


def _plain(value: Any) -> Any:
    """Markup and other str subclasses as plain text, for YAML's safe dumper."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return str(value) if isinstance(value, str) else value


def _copy_theme(root: Path, config: dict[str, Any], out_dir: Path) -> None:
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    if theme.get("custom_dir"):
        shutil.copytree(root / theme["custom_dir"], out_dir / theme["custom_dir"], dirs_exist_ok=True)


def plain_config(text: str, settings: dict[str, str]) -> str:
    """The config file without `hooks:`, its pages in `docs/`, with `settings` that the hooks would set
    (`not_in_nav`: the pages the hooks add outside the navigation).

    Tags such as `!ENV` are kept as written, so the built site takes its addresses from where it is built.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    dropped = {"hooks", "docs_dir", "site_dir", *settings}
    root.value = [(key, value) for key, value in root.value if key.value not in dropped]
    root.value += [
        (yaml.ScalarNode("tag:yaml.org,2002:str", key), yaml.ScalarNode("tag:yaml.org,2002:str", value))
        for key, value in settings.items()
    ]
    return yaml.serialize(root, Dumper=yaml.SafeDumper, width=10_000, allow_unicode=True)


@dataclass(frozen=True)
class ThemeScripts:
    """The inline scripts the theme's templates write, for every page of one site."""

    themes: tuple[TemplateScripts, ...]
    config: dict
    site_path: str

    @classmethod
    def for_site(cls, root: Path, config: dict) -> ThemeScripts:
        """The templates of each installed theme, under the site's own `custom_dir` as the engines stack them."""
        theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
        custom = [str(root / theme["custom_dir"])] if theme.get("custom_dir") else []
        themes = []
        for folder in theme_folders():
            env = Environment(loader=FileSystemLoader([*custom, str(folder)]), undefined=StrictUndefined)
            themes.append(TemplateScripts.from_environment(env))
        return cls(tuple(themes), config, urlsplit(config.get("site_url") or "").path or "/")

    def allowed(self, page: str) -> frozenset[str]:
        """What the templates may have written into `page`, a path under the site folder such as `a/b/index.html`."""
        folder = posixpath.dirname(page)
        relative_root = posixpath.relpath(".", folder or ".")
        contexts = [
            {"config": self.config, "base_url": base}
            for base in dict.fromkeys([relative_root, self.site_path, self.site_path.rstrip("/") or "/"])
        ]
        return frozenset().union(*(theme.rendered(context) for theme in self.themes for context in contexts))


def theme_folders() -> Iterator[Path]:
    for name in THEMES:
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.origin:
            folder = Path(spec.origin).parent / "templates"
            if folder.is_dir():
                yield folder


def sanitize_marked_article(html: str) -> str:
    """Sanitise what lies between the first start mark and the last end mark, and drop the marks.

    Taking the outermost pair means a mark typed into a page cannot end the region early.
    """
    start, end = html.find(ARTICLE_START), html.rfind(ARTICLE_END)
    if start < 0 or end < start:
        return html
    inner = html[start + len(ARTICLE_START) : end]
    return html[:start] + sanitize.sanitize_article(inner) + html[end + len(ARTICLE_END) :]


def finish_html(html: str, page: str, scripts: ThemeScripts, site_url: str) -> str:
    """One built page after the last pass; running it twice gives the same page."""
    html = POLICY_TAG.sub("", sanitize_marked_article(html), count=1)
    return finish_page(html, site_url, scripts.allowed(page))


def finish_site(site_dir: Path, root: Path, config: dict) -> list[str]:
    """Finish every HTML page under `site_dir` in place; return their paths under it."""
    scripts = ThemeScripts.for_site(root, config)
    site_url = config.get("site_url") or ""
    finished = []
    for path in regular_files(site_dir, ".html"):
        page = path.relative_to(site_dir).as_posix()
        path.write_text(finish_html(path.read_text(encoding="utf-8"), page, scripts, site_url), encoding="utf-8")
        finished.append(page)
    return finished
