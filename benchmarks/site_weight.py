"""What a built site costs its readers: each page's size and kind, the search index, a first visit's transfer.

Sizes are of the files MkDocs wrote. Transfer sizes are gzip-compressed at level 9, as the
browser tests' server sends text (GitHub Pages also compresses text), so they are close to
what Lighthouse reports as the total byte weight, less the HTTP headers.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}
SEARCH_INDEX = "search/search_index.json"
TOPIC_FOLDERS = {"conditions": "condition", "techniques": "technique"}
TABLE = re.compile(r"<table\b")
KINDS = ("home", "condition", "technique", "table", "other")
"""A condition or technique page (written as docs/conditions/NAME.md or docs/techniques/NAME.md),
a page with a table (the matrix, the comparison), and every other page: lists and guides."""


@dataclass(frozen=True)
class Page:
    path: str
    """The page's address relative to the site's base, such as `conditions/sciatica/`."""
    bytes: int
    kind: str


def page_path(site: Path, file: Path) -> str:
    return file.relative_to(site).as_posix().removesuffix("index.html")


def kind_of(path: str, html: str, docs: Path) -> str:
    parts = path.rstrip("/").split("/")
    if path == "":
        return "home"
    if len(parts) == 2 and parts[0] in TOPIC_FOLDERS and (docs / parts[0] / f"{parts[1]}.md").is_file():
        return TOPIC_FOLDERS[parts[0]]
    return "table" if TABLE.search(html) else "other"


def pages(site: Path, docs: Path) -> list[Page]:
    """Every page built from `docs` but 404.html, largest first."""
    found = []
    for file in site.rglob("*.html"):
        path = page_path(site, file)
        if path != "404.html":
            html = file.read_text(encoding="utf-8")
            found.append(Page(path, file.stat().st_size, kind_of(path, html, docs)))
    return sorted(found, key=lambda page: (-page.bytes, page.path))


def largest_by_kind(all_pages: list[Page]) -> dict[str, Page]:
    largest: dict[str, Page] = {}
    for page in all_pages:
        largest.setdefault(page.kind, page)
    return {kind: largest[kind] for kind in KINDS if kind in largest}


def transfer_size(file: Path) -> int:
    data = file.read_bytes()
    return len(gzip.compress(data, compresslevel=9, mtime=0)) if file.suffix in COMPRESSIBLE else len(data)


def search_index(site: Path) -> tuple[int, int]:
    """The search index's size as written and as sent; (0, 0) for a site without one."""
    file = site / SEARCH_INDEX
    return (file.stat().st_size, transfer_size(file)) if file.is_file() else (0, 0)


class _Resources(HTMLParser):
    """The local files a browser fetches as it opens a page: styles, scripts, icons, images, and
    Material's search worker, named in the `__config` data, which loads the search index at once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._config = False
        self.config = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        rel = values.get("rel", "").split()
        if tag == "link" and ("stylesheet" in rel or "icon" in rel):
            self.urls.append(values.get("href", ""))
        elif tag in ("script", "img") and values.get("src"):
            self.urls.append(values["src"])
        self._config = tag == "script" and values.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._config:
            self.config += data

    def handle_endtag(self, tag: str) -> None:
        self._config = False


def first_visit(site: Path, path: str) -> dict[str, int]:
    """The bytes sent for a first visit to the page at `path`, nothing cached: the page, the files it
    loads, and the search index. A missing local file is an error: the page would be broken."""
    file = site / path / "index.html" if path == "" or path.endswith("/") else site / path
    parser = _Resources()
    parser.feed(file.read_text(encoding="utf-8"))
    config = json.loads(parser.config) if parser.config else {}
    folder = path if path == "" or path.endswith("/") else posixpath.dirname(path)
    urls = [url for url in parser.urls if url and not re.match(r"[a-z][a-z0-9+.-]*:|//", url, re.I)]
    if config.get("search"):
        urls.append(config["search"])
    assets = sum(transfer_size(_local_file(site, folder, url, path)) for url in dict.fromkeys(urls))
    index = (
        transfer_size(_local_file(site, folder, posixpath.join(config.get("base", "."), SEARCH_INDEX), path))
        if config.get("search")
        else 0
    )
    html = transfer_size(file)
    return {"html": html, "assets": assets, "search_index": index, "total": html + assets + index}


def _local_file(site: Path, folder: str, url: str, page: str) -> Path:
    target = site / posixpath.normpath(posixpath.join(folder, url.split("#")[0].split("?")[0]))
    if not target.is_file():
        raise FileNotFoundError(f"{page or 'the home page'} loads {url}, which the site does not have")
    return target
