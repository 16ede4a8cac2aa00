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

import shutil
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urljoin

import yaml

from ..html import sanitize
from ..html.page_html import POLICY_TAG, finish_page
from ..html.theme_scripts import ThemeScripts
from ..project.config import Project, repository_name
from ..project.paths import page_url, regular_files, relative_url
from ..rendering import inert_html
from .build import Build

ARTICLE_START = "<!-- medmassage:article -->"
ARTICLE_END = "<!-- /medmassage:article -->"


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
