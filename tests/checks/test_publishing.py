"""The site as GitHub Pages serves it: under the repository's sub-path, with edit and report links on every page,
at the addresses of whichever copy of the repository publishes it."""

from __future__ import annotations

import functools
import gzip
import json
import os
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock
from urllib.parse import parse_qs, unquote_plus, urljoin, urlsplit
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from support import ROOT, attr, build, built_pages, make_project, one, string, with_site_config

CONFIG = load_config(str(ROOT / "mkdocs.yml"))
SUB_PATH = urlsplit(CONFIG["site_url"]).path
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
COPY = {"SITE_URL": "https://someone.github.io/their-copy/", "REPO_URL": "https://github.com/someone/their-copy"}


def defaults() -> MkDocsConfig:
    """mkdocs.yml as it reads where no workflow sets the addresses."""
    with mock.patch.dict(os.environ):
        for name in COPY:
            os.environ.pop(name, None)
        return load_config(str(ROOT / "mkdocs.yml"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("publishing") / "project")
    with_site_config(project / "mkdocs.yml")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="module")
def copy_site(tmp_path_factory) -> Path:
    """The site built by a copy of the repository: only the environment says where it is published."""
    project = make_project(tmp_path_factory.mktemp("copy") / "project")
    with_site_config(project / "mkdocs.yml")
    result = build(project, **COPY)
    assert result.returncode == 0, result.stderr
    return project / "site"


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Each built page by its source file, as MkDocs names it in `src_uri`."""
    return {
        source: BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for source, html in built_pages(site).items()
    }


def test_every_page_has_an_edit_link_to_its_file_on_github_in_the_footer(site):
    built = pages(site)
    assert sorted(built) == [
        "comparison.md",
        "conditions/back-pain.md",
        "conditions/sciatica.md",
        "contact.md",
        "index.md",
        "referrals.md",
        "techniques/deep-tissue.md",
        "techniques/myofascial-release.md",
    ]
    for source, page in built.items():
        edit = page.select('a[rel~="edit"]')
        if source in ("contact.md", "referrals.md"):  # made from mkdocs.yml: no file of their own to edit
            assert edit == [], source
            continue
        [link] = edit
        assert link.find_parent(class_="site-footer") is not None
        assert link["href"] == f"{CONFIG['repo_url']}/{CONFIG['edit_uri']}{source}"
        assert link.get_text(strip=True) == "Edit this page"


def test_every_page_can_report_a_problem_in_a_new_issue_naming_the_page(site):
    for source, page in pages(site).items():
        [link] = [a for a in page.find_all("a") if a.get_text(strip=True) == "Report a problem with this page"]
        url = urlsplit(attr(link, "href"))
        assert f"{url.scheme}://{url.netloc}{url.path}" == f"{CONFIG['repo_url']}/issues/new"
        address = CONFIG["site_url"] + ("" if source == "index.md" else source.removesuffix(".md") + "/")
        assert parse_qs(url.query) == {
            "title": [f"Problem on the page {source}"],
            "body": [f"Page: {address}\nFile: docs/{source}\n\nWhat is wrong, and what should it say instead?\n"],
        }


@pytest.fixture(scope="module")
def pages_server(site, tmp_path_factory):
    """A local web server that serves the site under the sub-path, as GitHub Pages does."""
    root = tmp_path_factory.mktemp("pages-root")
    (root / SUB_PATH.strip("/")).symlink_to(site, target_is_directory=True)
    handler = functools.partial(QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def local_links(html: str, base: str, origin: str) -> set[str]:
    """Every address a page loads or links to on this site, resolved as a browser would."""
    soup = BeautifulSoup(html, "html.parser")
    found = {
        urljoin(base, attr(tag, attribute))
        for tag in soup.find_all(["a", "link", "script", "img"])
        for attribute in ("href", "src")
        if tag.get(attribute)
    }
    return {url.split("#")[0] for url in found if url.startswith(origin)}


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize("address", ["", "conditions/sciatica/", "techniques/deep-tissue/"])
def test_every_link_and_asset_resolves_under_the_sub_path(pages_server, address):
    base = f"{pages_server}{SUB_PATH}{address}"
    with urllib.request.urlopen(base, timeout=10) as response:
        links = local_links(response.read().decode(), base, pages_server)
    kinds = {Path(urlsplit(url).path).suffix for url in links}
    assert {".css", ".js", ".png", ""} <= kinds
    assert {url: status(url) for url in links if status(url) != 200} == {}


def test_the_not_found_page_works_from_any_depth(site, pages_server):
    """GitHub Pages answers a missing address with 404.html as it is, so its links must not be relative."""
    base = f"{pages_server}{SUB_PATH}no/such/page/"
    links = local_links((site / "404.html").read_text(encoding="utf-8"), base, pages_server)
    assert f"{pages_server}{SUB_PATH}" in links
    assert {url: status(url) for url in links if status(url) != 200} == {}


def site_text(site: Path) -> dict[str, str]:
    """Every text file of a built site, gzipped ones unpacked and URL-encoded text decoded."""
    texts = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".gz", ".json")):
        data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
        texts[path.relative_to(site).as_posix()] = unquote_plus(data.decode("utf-8"))
    return texts


def test_a_copy_published_elsewhere_names_no_address_of_the_original(copy_site):
    original = defaults()
    site_host = urlsplit(original["site_url"]).netloc
    repository = urlsplit(original["repo_url"]).path.strip("/")
    email = original["extra"]["practice"]["email"]  # the practice's own setting, not where the site is published
    texts = site_text(copy_site)
    assert {"index.html", "sitemap.xml", "sitemap.xml.gz", "404.html"} <= set(texts)
    leftovers = {name for name, text in texts.items() if site_host in text.replace(email, "") or repository in text}
    assert leftovers == set()


def test_every_address_of_a_copy_follows_its_environment(copy_site):
    site, repo = COPY["SITE_URL"], COPY["REPO_URL"]
    page = BeautifulSoup((copy_site / "conditions/sciatica/index.html").read_text(encoding="utf-8"), "html.parser")
    address = f"{site}conditions/sciatica/"
    assert one(page, 'link[rel="canonical"]')["href"] == address
    assert one(page, 'meta[property="og:url"]')["content"] == address
    [data] = [json.loads(string(s)) for s in page.select('script[type="application/ld+json"]')]
    web_page = data["@graph"][0]
    assert (web_page["url"], web_page["publisher"]["url"]) == (address, site)
    assert one(page, 'a[rel~="edit"]')["href"] == f"{repo}/edit/main/docs/conditions/sciatica.md"
    [report] = [attr(a, "href") for a in page.find_all("a") if "Report a problem" in a.get_text()]
    assert report.startswith(f"{repo}/issues/new?") and f"Page: {address}" in unquote_plus(report)
    source = one(page, "a.md-source")
    assert (source["href"], source.get_text(strip=True)) == (repo, "someone/their-copy")
    locations = sorted(loc.text or "" for loc in ElementTree.parse(copy_site / "sitemap.xml").iter(f"{SITEMAP}loc"))
    assert locations[0] == site
    assert all(loc.startswith(site) for loc in locations)
