"""The last pass over built pages: the Content-Security-Policy tag, outbound link attributes, valid toggles."""

from __future__ import annotations

import base64
import hashlib

import pytest
from jinja2 import DictLoader, Environment

from medmassage.html.page_html import (
    TemplateScripts,
    content_security_policy,
    drop_checkbox_autocomplete,
    finish_page,
    inline_scripts,
    is_external,
    protect_external_links,
)

SITE = "https://example.org/fixture/"


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_only_inline_scripts_that_run_are_hashed() -> None:
    html = (
        '<script>var a = 1</script><script type="module">go()</script>'
        '<script src="x.js"></script><script type="application/ld+json">{"@context": 1}</script>'
        "<script id='__config' type='application/json'>{}</script>"
    )
    assert inline_scripts(html) == ["var a = 1", "go()"]
    policy = content_security_policy(html, {"var a = 1", "go()"})
    assert f"script-src 'self' {' '.join(sorted([sha256('var a = 1'), sha256('go()')]))};" in policy
    assert "unsafe-inline" not in policy


def test_the_policy_hashes_only_the_theme_scripts_never_one_from_the_page() -> None:
    html = "<head></head><script>theme()</script><article><script>planted()</script></article>"
    policy = content_security_policy(html, {"theme()", "absent()"})
    assert f"script-src 'self' {sha256('theme()')};" in policy
    assert sha256("planted()") not in policy and sha256("absent()") not in policy


def test_the_theme_scripts_are_rendered_with_each_page_context() -> None:
    env = Environment(
        loader=DictLoader(
            {
                "base.html": '<script>scope("{{ base_url }}")</script>'
                '<script type="application/json">{{ config }}</script>'
                '{% block content %}{% endblock %}<script src="x.js"></script>',
                "partial.html": "<script>other()</script>{{ page.content }}",
            }
        )
    )
    scripts = TemplateScripts.from_environment(env)
    assert scripts.rendered({"base_url": "../.."}) == {'scope("../..")', "other()"}
    page = env.get_template("partial.html").render(page={"content": "<script>planted()</script>"})
    assert inline_scripts(page) == ["other()", "planted()"]
    assert sha256("planted()") not in content_security_policy(page, scripts.rendered({"base_url": "."}))


def test_each_theme_script_is_rendered_once_for_each_set_of_values_it_reads() -> None:
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        return len(calls)

    env = Environment(loader=DictLoader({"base.html": '<script>go("{{ base_url }}", {{ count() }})</script>'}))
    env.globals["count"] = count
    scripts = TemplateScripts.from_environment(env)

    first = scripts.rendered({"base_url": ".."})
    again = scripts.rendered({"base_url": "..", "page": object()})
    deeper = scripts.rendered({"base_url": "../.."})

    assert first == again == {'go("..", 1)'}
    assert deeper == {'go("../..", 2)'}


def test_the_policy_goes_right_after_the_charset() -> None:
    page = finish_page(
        '<html><head><meta charset="utf-8"><title>t</title><script>x()</script></head></html>', SITE, {"x()"}
    )
    assert page.startswith('<html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="')
    assert sha256("x()") in page


def test_a_preview_page_gets_safe_links_but_no_policy() -> None:
    page = finish_page('<html><head><meta charset="utf-8"></head><a href="https://a.b">a</a></html>', SITE, None)
    assert "Content-Security-Policy" not in page
    assert 'rel="noopener noreferrer"' in page


def test_a_page_without_a_head_is_refused() -> None:
    with pytest.raises(ValueError, match="no <head>"):
        finish_page("<p>fragment</p>", SITE, set())


@pytest.mark.parametrize(
    ("href", "external"),
    [
        ("//evil.example/x", True),
        ("/\\evil.example/x", True),
        ("\t//evil.example", True),
        ("HTTPS://a.b", True),
        ("//example.org/fixture/page/", False),
        ("/fixture/page/", False),
        ("page/", False),
        ("#top", False),
        ("mailto:x@example.org", False),
    ],
)
def test_protocol_relative_links_count_as_external(href: str, external: bool) -> None:
    assert is_external(href, "example.org") is external


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ('<a href="https://nhs.uk/a">', '<a href="https://nhs.uk/a" rel="noopener noreferrer">'),
        ('<a rel="nofollow" href="http://nhs.uk">', '<a rel="nofollow noopener noreferrer" href="http://nhs.uk">'),
        (
            "<a data-rel='x' rel='noopener' href='https://a.b'>",
            "<a data-rel='x' rel=\"noopener noreferrer\" href='https://a.b'>",
        ),
        ('<a title="a > b" href="https://a.b">', '<a title="a > b" href="https://a.b" rel="noopener noreferrer">'),
        ('<a href="https://example.org/fixture/page/">', '<a href="https://example.org/fixture/page/">'),
        ('<a href="../page/">', '<a href="../page/">'),
        ('<a href="mailto:x@example.org">', '<a href="mailto:x@example.org">'),
        ('<a href="//evil.example/x">', '<a href="//evil.example/x" rel="noopener noreferrer">'),
        ('<a href="https://a.b" rel="noreferrer noopener">', '<a href="https://a.b" rel="noreferrer noopener">'),
        ('<a href="/\t/evil.example">', '<a href="/\t/evil.example" rel="noopener noreferrer">'),
        (r'<a href="\\evil.example">', r'<a href="\\evil.example" rel="noopener noreferrer">'),
        ('<a href="&#47;&#47;evil.example">', '<a href="&#47;&#47;evil.example" rel="noopener noreferrer">'),
        ('<a href="https&colon;//evil.example">', '<a href="https&colon;//evil.example" rel="noopener noreferrer">'),
    ],
)
def test_links_to_other_sites_get_noopener_noreferrer(link: str, expected: str) -> None:
    assert protect_external_links(link + "text</a>", SITE) == expected + "text</a>"


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        (
            '<input class="md-toggle" type="checkbox" id="__drawer" autocomplete="off">',
            '<input class="md-toggle" type="checkbox" id="__drawer">',
        ),
        ("<input autocomplete=off TYPE='Radio' name=p />", "<input TYPE='Radio' name=p>"),
        ('<input type="text" autocomplete="off">', '<input type="text" autocomplete="off">'),
        ('<input type="checkbox" data-autocomplete="off">', '<input type="checkbox" data-autocomplete="off">'),
    ],
)
def test_checkboxes_and_radio_buttons_lose_autocomplete(field: str, expected: str) -> None:
    assert drop_checkbox_autocomplete(f"<p>{field}</p>") == f"<p>{expected}</p>"


def test_a_rendering_keyed_by_an_object_is_not_reused_for_another_object() -> None:
    """Objects are keyed by identity; an object that is gone must not lend its id to the next one."""
    env = Environment(loader=DictLoader({"base.html": "<script>go({{ page.n }})</script>"}))
    scripts = TemplateScripts.from_environment(env)

    class Page:
        def __init__(self, n: int):
            self.n = n

    seen = [scripts.rendered({"base_url": ".", "page": Page(n)}) for n in range(50)]

    assert seen == [{f"go({n})"} for n in range(50)]


def test_an_address_python_cannot_read_counts_as_leaving_the_site() -> None:
    from medmassage.html.page_html import is_external

    assert is_external("https://]x", "example.org")
