"""`finish` and `verify` on small pages and folders, in process: what they let through and what they report."""

from __future__ import annotations

from pathlib import Path

from medmassage.html.page_html import content_security_policy, script_hash
from medmassage.html.theme_scripts import ThemeScripts
from medmassage.project.config import load_project
from medmassage.project.paths import page_url, relative_url
from medmassage.site.export import ARTICLE_END, ARTICLE_START, finish_html
from medmassage.site.verify import Block, Gap, TextBlocks, content_gaps, file_gaps, policy_gaps, shown_text

HEAD = '<html><head><meta charset="utf-8"><script>theme()</script></head><body>'


def scripts(*allowed: str) -> ThemeScripts:
    class Fixed(ThemeScripts):
        def allowed(self, page: str) -> frozenset[str]:
            return frozenset(allowed)

    return Fixed((), {}, "/")


def test_finish_sanitises_the_whole_article_even_past_an_end_mark_typed_into_it() -> None:
    planted = f"<p>Text</p>{ARTICLE_END}<script>planted()</script><img src=x onerror=alert(1)>"
    page = f"{HEAD}<article>{ARTICLE_START}{planted}{ARTICLE_END}</article></body></html>"

    finished = finish_html(page, "a/index.html", scripts("theme()"), "https://example.org/")

    assert "planted()" not in finished and "onerror" not in finished and "medmassage:article" not in finished
    assert "<p>Text</p>" in finished
    assert script_hash("theme()") in finished


def test_finish_twice_gives_the_same_page_with_one_policy() -> None:
    page = f'{HEAD}<a href="https://nhs.uk/">NHS</a></body></html>'
    once = finish_html(page, "index.html", scripts("theme()"), "https://example.org/")

    assert finish_html(once, "index.html", scripts("theme()"), "https://example.org/") == once
    assert once.count("Content-Security-Policy") == 1
    assert 'rel="noopener noreferrer"' in once


def test_the_templates_scripts_are_rendered_for_each_page_depth_and_the_sites_path(tmp_path: Path) -> None:
    (tmp_path / "overrides").mkdir()
    (tmp_path / "overrides" / "main.html").write_text('<script>scope("{{ base_url }}")</script>')
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: A site\nsite_url: https://example.org/site/\ntheme:\n  name: material\n  custom_dir: overrides\n"
    )
    theme = ThemeScripts.for_site(load_project(tmp_path / "mkdocs.yml"))

    allowed = theme.allowed("conditions/sciatica/index.html")

    assert {'scope("../..")', 'scope("/site/")', 'scope("/site")'} <= allowed
    assert 'scope(".")' in theme.allowed("index.html")


def test_page_addresses_and_links_are_written_as_mkdocs_writes_them() -> None:
    assert [page_url(p) for p in ("index.md", "conditions/index.md", "conditions/sciatica.md")] == [
        "./",
        "conditions/",
        "conditions/sciatica/",
    ]
    assert page_url("benefits.md", directory_urls=False) == "benefits.html"
    assert relative_url("techniques/deep-tissue/", "conditions/sciatica/") == "../../techniques/deep-tissue/"
    assert relative_url("./", "conditions/sciatica/") == "../../"
    assert relative_url("./", "./") == "./"


def test_content_gaps_name_the_missing_section_or_line_under_its_heading() -> None:
    expected = TextBlocks.of(
        '<h2 id="r">References<a class="headerlink" href="#r">¶</a></h2><ol><li>NHS</li></ol>'
        '<div class="admonition danger"><p class="admonition-title">Call 999 now</p>'
        "<ul><li>Chest pain</li><li>Cannot breathe</li></ul></div>"
        '<p class="page-review">Page last reviewed: 1 May 2026</p>'
    )
    assert expected[0] == Block("References", "References")
    built = shown_text("<h2>References</h2><ol><li>NHS</li></ol><p>Call 999 now</p><li>Chest pain</li>")

    assert content_gaps("a/index.html", built, expected) == [
        Gap("a/index.html", 'missing "Cannot breathe" under "Call 999 now"'),
        Gap("a/index.html", 'missing "Page last reviewed: 1 May 2026"'),
    ]
    assert [str(g) for g in content_gaps("a/index.html", "", expected)][:2] == [
        'a/index.html: missing "References" and the 1 line(s) under it',
        'a/index.html: missing "Call 999 now" and the 2 line(s) under it',
    ]


def test_the_policy_may_hash_only_the_templates_scripts_and_must_come_first() -> None:
    policy = content_security_policy("<script>theme()</script><script>planted()</script>", {"theme()", "planted()"})
    planted = (
        f'<html><head><meta http-equiv="Content-Security-Policy" content="{policy}"></head>'
        "<body><script>theme()</script><script>planted()</script></body></html>"
    )
    late = "<html><head><script>theme()</script><meta http-equiv='Content-Security-Policy' content=\"default-src *\">"

    assert policy_gaps("p.html", planted, frozenset({"theme()"})) == [
        Gap(
            "p.html",
            f"the Content-Security-Policy allows an inline script no template wrote: {script_hash('planted()')}",
        ),
        Gap("p.html", 'an inline script no template wrote: "planted()"'),
    ]
    assert [gap.message.split(":")[0] for gap in policy_gaps("p.html", late, frozenset({"theme()"}))][:2] == [
        "the Content-Security-Policy comes after a script, so it does not cover it",
        "the Content-Security-Policy's default-src is not the site's",
    ]
    assert policy_gaps("p.html", "<html><head></head></html>", frozenset()) == [
        Gap("p.html", "no Content-Security-Policy: run `python -m medmassage finish` on the built site")
    ]


def test_the_site_folder_holds_only_pages_of_the_content_and_theme_assets(tmp_path: Path) -> None:
    for name in (
        "index.html",
        "404.html",
        "assets/javascripts/bundle.js",
        "assets/images/logo.png",
        "old-page/index.html",
        "payload.js",
        "notes.txt",
        "assets/javascripts/LICENSE",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "passwd.html").symlink_to("/etc/passwd")

    assert file_gaps(tmp_path, {"index.html"}) == [
        Gap("notes.txt", "a .txt file, which the site does not publish"),
        Gap("old-page/index.html", "a page that is not in the content"),
        Gap("passwd.html", "a symbolic link: the site publishes only plain files"),
        Gap("payload.js", "a script or style outside assets/, where only the theme's own belong"),
    ]
