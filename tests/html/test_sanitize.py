"""The second layer: each page's article is sanitised by allowlist, and the real pages come through unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment
from mkdocs.commands.build import build
from mkdocs.config import load_config

from medmassage.html import sanitize
from medmassage.html.sanitize import sanitize_article
from medmassage.rendering.practice_pages import PAGES as PRACTICE_PAGES
from support import ROOT, real_site_today


@pytest.mark.parametrize(
    ("hostile", "inert"),
    [
        ("<p>a</p><script>alert(1)</script>", "<p>a</p>"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">', ""),
        ('<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x">', ""),
        ('<p onclick="alert(1)" style="color:red">a</p>', "<p>a</p>"),
        ('<a href="javascript:alert(1)">a</a>', "<a>a</a>"),
        ('<a href="data:text/html,x">a</a>', "<a>a</a>"),
        ('<img src="x" onerror="alert(1)">', '<img src="x">'),
        ('<form action="https://evil.example"><input name="card"></form>', ""),
        ("<style>body{display:none}</style><link rel=stylesheet href=x>", ""),
        ("<svg><script>alert(1)</script></svg><math><mi>x</mi></math>", ""),
        ('<base href="https://evil.example/">', ""),
        ('<div class="md-sidebar admonition note">a</div>', '<div class="admonition note">a</div>'),
        ('<h2 id="__config">a</h2><h2 id="md-toggle">b</h2>', "<h2>a</h2><h2>b</h2>"),
        ("</div></article><script>alert(1)</script>", ""),
        ("<!-- a --><p>b</p>", "<p>b</p>"),
        ('<img alt="p" src="https://tracker.example/p.gif">', '<img alt="p">'),
        ('<img src="//tracker.example/p.gif">', "<img>"),
        ('<img src=" \t//tracker.example/p.gif">', "<img>"),
        ('<img src="\\\\tracker.example\\p.gif">', "<img>"),
        ('<img src="/\\tracker.example/p.gif">', "<img>"),
        ('<img src="HTTP://tracker.example/p.gif">', "<img>"),
        ('<img src="data:image/svg+xml,x">', "<img>"),
        ('<p class="md-visually-hidden page-review">a</p>', '<p class="page-review">a</p>'),
        ('<div class="admonition example md-typeset">a</div>', '<div class="admonition">a</div>'),
        ("<dl><dt>a</dt><dd>b</dd></dl><b>c</b><i>d</i>", "abcd"),
    ],
)
def test_what_the_site_never_writes_is_removed(hostile: str, inert: str) -> None:
    assert sanitize_article(hostile) == inert


def test_what_the_site_writes_is_kept() -> None:
    html = (
        '<h2 id="what-it-is">What it is<a class="headerlink" href="#what-it-is" title="Permanent link">¶</a></h2>'
        '<div class="admonition danger"><p class="admonition-title">Call 999</p><ul><li>x</li></ul></div>'
        '<div class="table-scroll" role="region" aria-labelledby="c" tabindex="0"><table class="matrix">'
        '<caption id="c">t</caption><thead><tr><th scope="col">A</th></tr></thead><tbody><tr>'
        '<td data-label="Medical"><span aria-hidden="true">✓</span><span class="visually-hidden">Used</span></td>'
        "</tr></tbody></table></div>"
        '<p class="page-review">r</p><p><a href="https://www.nhs.uk/">NHS</a> <a href="../x/#y">x</a>'
        ' <a href="mailto:a@b.org">m</a> <a href="tel:111">111</a> m<sup>2</sup> CO<sub>2</sub>'
        ' <abbr title="temporomandibular joint">TMJ</abbr><br><img alt="A diagram" src="../img/a.png"></p>'
        "<pre><code>x &lt; y</code></pre><ol><li><strong>a</strong> <em>b</em> <code>c</code></li></ol>"
    )
    assert sanitize_article(html) == html


def _dom(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    return soup.decode()


def test_the_real_site_articles_are_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page of the real site, built in process, is the same document before and after sanitising.

    The bytes differ only where Ammonia writes a character instead of its entity (`&para;` as `¶`).
    """
    seen: list[tuple[str, str]] = []

    def recording(html: str) -> str:
        seen.append((html, sanitize_article(html)))
        return seen[-1][1]

    monkeypatch.setattr(sanitize, "sanitize_article", recording)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", real_site_today())
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    assert len(seen) == len(list((ROOT / "docs").rglob("*.md"))) + len(PRACTICE_PAGES)
    for before, after in seen:
        assert _dom(after) == _dom(before)


def _classes(html: str) -> set[tuple[str, str]]:
    soup = BeautifulSoup(html, "html.parser")
    return {(element.name, name) for element in soup.find_all(class_=True) for name in element["class"]}


def test_the_allowlist_holds_the_classes_the_real_site_writes_and_few_more(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built in process, the real site writes no class the sanitiser drops, and the allowlist names no class
    that neither the site nor a documented extension output (an editor's `!!! danger`, highlighted code) makes."""
    written: set[tuple[str, str]] = set()

    def recording(html: str) -> str:
        written.update(_classes(html))
        return sanitize_article(html)

    monkeypatch.setattr(sanitize, "sanitize_article", recording)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    allowed = {(tag, name) for tag, names in sanitize.CLASSES.items() for name in names}
    assert written - allowed == set(), "the site writes a class the sanitiser drops"
    extensions = {(tag, name) for tag, names in sanitize.EXTENSION_CLASSES.items() for name in names}
    sometimes = {("div", "draft"), ("div", "failure")}  # a draft's notice; the preview's problem page
    assert allowed - written - extensions - sometimes == set(), "the allowlist names a class nothing writes"
    assert {("div", "warning-signs"), ("p", "page-review"), ("table", "matrix")} <= written


def test_images_load_only_from_the_site() -> None:
    for inside in ("a.png", "../images/a.png", "img/a%20b.png", "#x", "?a=b"):
        assert sanitize.within_site(inside), inside
    for outside in (
        "https://x.example/a.png",
        "//x.example/a.png",
        "\\\\x.example/a.png",
        " \x01//x",
        "JaVa\tscript:x",
    ):
        assert not sanitize.within_site(outside), outside
