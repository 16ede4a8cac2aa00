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
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urljoin, urlsplit

import yaml
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..html import sanitize
from ..html.page_html import POLICY_TAG, TemplateScripts, finish_page
from ..project.config import Project, repository_name
from ..project.paths import regular_files
from ..rendering import inert_html
from .build import Build

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


def render_tree(project: Project, out_dir: Path, stream: TextIO) -> int:
    """Check the project, then write its rendered pages and a config without hooks to `out_dir`.

    Returns the number of errors the check found; with any, nothing is written.
    """
    build = Build.start(project, stream)
    if build.error_count:
        return build.error_count
    config, docs_dir = project.site, project.docs_dir
    directory_urls, site_url = config.use_directory_urls, config.site_url
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
            if source is not None:
                shutil.copyfile(source, target)
            return
        entry = build.result.content.pages.get(path)
        meta = {**(entry.document.meta.data if entry else {}), **rendered.meta}
        target.write_text(markdown_file(meta, rendered.markdown), encoding="utf-8")

    for source in regular_files(docs_dir):
        write(source.relative_to(docs_dir).as_posix(), source)
    for path in build.generated():
        write(path, None)
    if config.custom_dir:
        shutil.copytree(project.root / config.custom_dir, out_dir / config.custom_dir, dirs_exist_ok=True)
    name = repository_name(config.repo_url, config.repo_name)
    settings = {"repo_name": name} if name else {}
    if build.generated():
        navigated = {path for path, _ in project.nav or []}
        added = [f"/{path}" for path in build.generated() if path not in navigated]
        settings["not_in_nav"] = "\n".join([config.not_in_nav, *added]).strip()
    config_file = project.root / project.config_name
    text = plain_config(config_file.read_text(encoding="utf-8"), settings)
    (out_dir / project.config_name).write_text(text, encoding="utf-8")
    return 0


def markdown_file(meta: dict[str, Any], markdown: str) -> str:
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


def plain_config(text: str, settings: dict[str, str]) -> str:
    """The config file without `hooks:`, its pages in `docs/`, with `settings` that the hooks would set
    (`not_in_nav`: the pages the hooks add outside the navigation).

    Tags such as `!ENV` are kept as written, so the built site takes its addresses from where it is built.
    """
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("the config file is not a mapping of settings")
    dropped = {"hooks", "docs_dir", "site_dir", *settings}
    root.value = [(key, value) for key, value in root.value if key.value not in dropped]
    root.value += [
        (yaml.ScalarNode("tag:yaml.org,2002:str", key), yaml.ScalarNode("tag:yaml.org,2002:str", value))
        for key, value in settings.items()
    ]
    _sign_template_markup(root)
    return yaml.serialize(root, Dumper=yaml.SafeDumper, width=10_000, allow_unicode=True)


def _sign_template_markup(root: yaml.MappingNode) -> None:
    """`inert_html` in the tree's config, with the key this process signed the templates' markup with,
    so that the engine puts that markup back and prints any other raw HTML as text."""
    text = "tag:yaml.org,2002:str"
    signed = yaml.MappingNode(
        "tag:yaml.org,2002:map",
        [
            (
                yaml.ScalarNode(text, inert_html.NAME),
                yaml.MappingNode(
                    "tag:yaml.org,2002:map",
                    [(yaml.ScalarNode(text, "key"), yaml.ScalarNode(text, inert_html.signing_key()))],
                ),
            )
        ],
    )
    extensions = next((value for key, value in root.value if key.value == "markdown_extensions"), None)
    if not isinstance(extensions, yaml.SequenceNode):
        return
    extensions.value = [
        item
        for item in extensions.value
        if not (isinstance(item, yaml.ScalarNode) and item.value == inert_html.NAME)
        and not (isinstance(item, yaml.MappingNode) and any(k.value == inert_html.NAME for k, _ in item.value))
    ] + [signed]


@dataclass(frozen=True)
class ThemeScripts:
    """The inline scripts the theme's templates write, for every page of one site."""

    themes: tuple[TemplateScripts, ...]
    config: Mapping[str, Any]
    """The config as the templates read it (`config.extra`, `config.theme`)."""
    site_path: str

    @classmethod
    def for_site(cls, project: Project) -> ThemeScripts:
        """The templates of each installed theme, under the site's own `custom_dir` as the engines stack them."""
        config = project.site
        custom = [str(project.root / config.custom_dir)] if config.custom_dir else []
        themes = []
        for folder in theme_folders():
            env = Environment(loader=FileSystemLoader([*custom, str(folder)]), undefined=StrictUndefined)
            themes.append(TemplateScripts.from_environment(env))
        return cls(tuple(themes), config.as_read, urlsplit(config.site_url).path or "/")

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


def finish_site(site_dir: Path, project: Project) -> list[str]:
    """Finish every HTML page under `site_dir` in place; return their paths under it."""
    scripts = ThemeScripts.for_site(project)
    site_url = project.site.site_url
    finished = []
    for path in regular_files(site_dir, ".html"):
        page = path.relative_to(site_dir).as_posix()
        path.write_text(finish_html(path.read_text(encoding="utf-8"), page, scripts, site_url), encoding="utf-8")
        finished.append(page)
    return finished
