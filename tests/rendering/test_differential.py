"""One reading of a page: what the check accepts, the build renders with no raw HTML, off-site image or foreign link.

The check finds raw HTML, links and images with the build's own parser (body_markup.py); the build
renders with the configured extensions, `inert_html` last, then sanitises. Here every fixture page
and a generated corpus go through both, and the two must agree: every link and image the page
renders is one the check saw (and so judged), and a body the check accepts renders to elements
Markdown itself writes, images from the site only and links with an allowed scheme only.
`benchmarks/differential.py` runs the same comparison on many more examples.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from strategies import parser_body

from medmassage.checks.markup import check_body
from medmassage.html.sanitize import sanitize_article, within_site
from medmassage.model.registry import PAGES
from medmassage.project.config import load_project
from medmassage.project.content import Entry
from medmassage.project.frontmatter import Document, Located
from medmassage.rendering.anchors import MarkdownOptions
from medmassage.rendering.body_markup import body_markup
from medmassage.site import build as build_module
from support import FIXTURES, ROOT, attr, body_only_record, build, make_project

SITE = MarkdownOptions.from_config(load_project(ROOT / "mkdocs.yml").site)
MARKDOWN_TAGS = {
    *("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "hr", "pre", "code", "em", "strong"),
    *("a", "img", "table", "thead", "tbody", "tr", "th", "td", "div", "span", "br", "sup", "sub", "abbr"),
}
"""Python-Markdown's elements, the tables', admonitions' and highlighted code's, and the four allowed inline tags."""
LINK_SCHEMES = {"https", "http", "mailto", "tel"}
FIXTURE_PAGES = sorted(path for path in FIXTURES.rglob("*.md") if "docs" in path.relative_to(FIXTURES).parts)


def disagreements(body: str, options: MarkdownOptions = SITE) -> list[str]:
    """What the build renders from `body` that the check did not see, or should have refused."""
    entry = Entry("page.md", PAGES, Document("page.md", Located({}), body, 1, body), body_only_record())
    problems = [problem for problem in check_body(entry, options) if problem.severity == "error"]
    html = options.markdown().convert(body)
    soup = BeautifulSoup(html, "html.parser")
    rendered = Counter(
        (attr(element, "src" if element.name == "img" else "href"), element.name == "img")
        for element in soup.find_all(["a", "img"])
        if element.get("href" if element.name == "a" else "src") is not None
        and "headerlink" not in (element.get("class") or [])
    )
    seen = Counter((url, image) for _, url, image in body_markup(body, options).links)
    found = [f"rendered links and images {dict(rendered)} but the check saw {dict(seen)}"] if rendered != seen else []
    if problems:
        return found
    found += [
        f"raw HTML element <{element.name}>" for element in soup.find_all(True) if element.name not in MARKDOWN_TAGS
    ]
    found += [f"image from another site: {src}" for (src, image) in rendered if image and not within_site(src)]
    found += [
        f"link with a scheme the site does not allow: {href}"
        for (href, image) in rendered
        if not image and ":" in href.split("/")[0] and href.split(":")[0].lower() not in LINK_SCHEMES
    ]
    if _elements(sanitize_article(html)) != _elements(html):
        found.append("the sanitiser removed an element or attribute of a body the check accepted")
    return found


def _elements(html: str) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    """Each kind of element with its attributes; a set, since an HTML5 parser may split a paragraph around a block."""
    soup = BeautifulSoup(html, "html.parser")
    return {(tag.name, tuple(sorted((k, str(v)) for k, v in tag.attrs.items()))) for tag in soup.find_all(True)}


def fixture_body(path: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return text.split("\n---\n", 1)[1] if text.startswith("---\n") and "\n---\n" in text[4:] else text


@pytest.mark.parametrize("page", FIXTURE_PAGES, ids=[str(p.relative_to(FIXTURES)) for p in FIXTURE_PAGES])
def test_every_fixture_page_reads_the_same_to_the_check_and_the_build(page: Path) -> None:
    assert disagreements(fixture_body(page)) == []


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parser_body)
def test_generated_bodies_read_the_same_to_the_check_and_the_build(body: str) -> None:
    assert disagreements(body) == []


PAYLOADS = ["html-through-fences", "images-from-another-site"]


@pytest.mark.parametrize("case", PAYLOADS)
def test_a_payload_the_check_missed_would_still_publish_inert(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second layer alone: with the check's findings thrown away, the strict build publishes the payload
    as text, with no foreign class and no image from another site."""
    checked = build_module.check_project

    def blind(*args, **kwargs):
        return dataclasses.replace(checked(*args, **kwargs), problems=[])

    monkeypatch.setattr(build_module, "check_project", blind)
    project = make_project(tmp_path / "project", FIXTURES / "invalid" / case)
    monkeypatch.setattr("support.assert_verified", lambda *args, **kwargs: None)  # verify would refuse it too
    assert build(project).returncode == 0
    for page in (project / "site").rglob("*.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if article is None:
            continue
        assert not article.select(".md-visually-hidden, .danger"), page
        assert all(within_site(str(img.get("src", ""))) for img in article.find_all("img")), page
        for line in article.select(".page-review, .page-status"):
            assert "Dr Jane Smith" not in line.get_text(), page
            assert not line.get_text().startswith("Reviewed by a clinician"), page
    text = (project / "site/conditions/sciatica/index.html").read_text(encoding="utf-8")
    if case == "html-through-fences":
        assert '&lt;p class="page-review"&gt;Reviewed by Dr Jane Smith' in text
