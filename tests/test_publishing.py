"""The site as GitHub Pages serves it: under the repository's sub-path, with edit and report links on every page."""

from __future__ import annotations

import functools
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, make_project, run_mkdocs

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SUB_PATH = urlsplit(CONFIG["site_url"]).path


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("publishing") / "project")
    with_site_config(project / "mkdocs.yml")
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def with_site_config(config: Path) -> None:
    """The real mkdocs.yml, with the fixture's own nav: the site's settings on the fixture's pages."""
    real = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    fixture = config.read_text(encoding="utf-8")
    config.write_text(real[: real.index("\nnav:")] + fixture[fixture.index("\nnav:"):], encoding="utf-8")


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Each built page by its source file, as MkDocs names it in `src_uri`."""
    found = {}
    for html in sorted(site.rglob("index.html")):
        folder = html.parent.relative_to(site).as_posix()
        source = "index.md" if folder == "." else f"{folder}.md"
        found[source] = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
    return found


def test_every_page_has_an_edit_button_to_its_file_on_github(site):
    built = pages(site)
    assert sorted(built) == ["comparison.md", "conditions/back-pain.md", "conditions/sciatica.md", "index.md",
                             "techniques/deep-tissue.md", "techniques/myofascial-release.md"]
    for source, page in built.items():
        [button] = page.select('a[rel~="edit"]')
        assert button["href"] == f"{CONFIG['repo_url']}/{CONFIG['edit_uri']}{source}"
        assert button["title"] == "Edit this page"


def test_every_page_can_report_a_problem_in_a_new_issue_naming_the_page(site):
    for source, page in pages(site).items():
        [link] = [a for a in page.find_all("a") if a.get_text(strip=True) == "Report a problem with this page"]
        url = urlsplit(link["href"])
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
    found = {urljoin(base, tag.get(attribute)) for tag in soup.find_all(["a", "link", "script", "img"])
             for attribute in ("href", "src") if tag.get(attribute)}
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
