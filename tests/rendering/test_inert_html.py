"""The renderer cannot emit content HTML: raw HTML in a page's text comes out as text, whatever the check said."""

from __future__ import annotations

import base64
import hashlib
import hmac

import markdown
import pytest
from bs4 import BeautifulSoup

from medmassage.rendering import inert_html
from medmassage.rendering.inert_html import template_markup

EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "pymdownx.superfences", inert_html.NAME]


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def elements(html: str) -> list[str]:
    return [tag.name for tag in BeautifulSoup(html, "html.parser").find_all(True)]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>\n",
        '<p class="page-review">Reviewed by Dr X</p>\n',
        'Text <span class="md-visually-hidden">hidden</span> here.\n',
        '<div class="admonition danger" markdown>\n\n**Stop**\n\n</div>\n',
        '<img src="https://tracker.example/p.gif">\n',
        "```\ncode\n````\n\n<iframe src=x></iframe>\n",
        '<br onclick="alert(1)">\n',
    ],
)
def test_raw_html_in_text_renders_as_the_characters_typed(text: str) -> None:
    html = render(text)
    assert set(elements(html)) <= {"p", "code", "pre"}
    assert "&lt;" in html


def test_the_four_allowed_tags_and_comments_pass() -> None:
    html = render(
        'm<sup>2</sup>, CO<sub>2</sub>,<br> <abbr title="temporomandibular joint">TMJ</abbr> <!-- a note -->\n'
    )
    assert elements(html) == ["p", "sup", "sub", "br", "abbr"]
    assert "a note" not in html


def test_markup_a_template_hands_over_passes_and_keeps_its_ids_for_mkdocs() -> None:
    placeholder = template_markup('<div class="table-scroll"><table><caption id="cap">c</caption></table></div>')
    assert 'id="cap"' in placeholder
    html = render(f"Before.\n\n{placeholder}\n\nAfter.\n")
    assert elements(html) == ["p", "div", "table", "caption", "p"]


def test_a_placeholder_an_editor_writes_is_text() -> None:
    forged_markup = base64.urlsafe_b64encode(b'<p class="page-review">Reviewed</p>').decode()
    wrong_key = hmac.new(b"guess", base64.urlsafe_b64decode(forged_markup), hashlib.sha256).hexdigest()
    html = render(f'<medmassage-markup-{wrong_key} data-markup="{forged_markup}">\n')
    assert elements(html) == ["p"] and BeautifulSoup(html, "html.parser").get_text().startswith("<medmassage-markup-")


def test_an_exported_tree_is_read_with_the_key_its_config_gives() -> None:
    placeholder = template_markup("<hr>")
    assert elements(render(f"{placeholder}\n")) == ["hr"]
    other_process = markdown.Markdown(extensions=EXTENSIONS[:-1] + [inert_html.makeExtension(key="00" * 32)])
    assert elements(other_process.convert(f"{placeholder}\n")) == ["p"]
    exported = markdown.Markdown(extensions=EXTENSIONS[:-1] + [inert_html.makeExtension(key=inert_html.signing_key())])
    assert elements(exported.convert(f"{placeholder}\n")) == ["hr"]
