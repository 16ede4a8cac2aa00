"""Page bodies are text: the raw HTML, links and attribute lists an editor may write, and what is refused."""

from __future__ import annotations

import pytest

from medmassage.checks.markup import check_body
from medmassage.model.registry import PAGES
from medmassage.project.content import Entry
from medmassage.project.frontmatter import Document, Located
from medmassage.project.markers import text_outside_code
from support import body_only_record

HEADER_LINES = 4


def problems(body: str) -> list[str]:
    document = Document("page.md", Located({}), body, HEADER_LINES + 1, body)
    return [
        f"{p.line}:{p.severity}:{p.message}" for p in check_body(Entry("page.md", PAGES, document, body_only_record()))
    ]


@pytest.mark.parametrize(
    "body",
    [
        "Plain text with **bold**, *emphasis* and a [link](../techniques/myofascial-release.md#how).\n",
        "<!-- insert: conditions-list -->\n<!-- material/tags -->\n<!-- a note for the next editor -->\n",
        "Line one<br>\nLine two<br />\nm<sup>2</sup>, CO<sub>2</sub>, "
        '<abbr title="temporomandibular joint">TMJ</abbr>.\n',
        "See <https://www.nhs.uk/conditions/sciatica/> or write to <hello@example.org>.\n",
        "Call [111](tel:111) or [email us](mailto:hello@example.org).\n",
        "Pain scores under 5 are < 5, and x<5 or a <= b are text.\n",
        "## A heading { #a-heading }\n",
        "![A diagram](../images/diagram.png)\n[ref]: https://www.nice.org.uk/guidance\n",
        "```html\n<script>alert(1)</script>\n```\nand `<script>` in a code span.\n",
        "1. Item\n\n    ~~~\n    <iframe src=x></iframe>\n    ~~~\n",
    ],
)
def test_what_editors_need_passes(body: str) -> None:
    assert problems(body) == []


@pytest.mark.parametrize(
    ("body", "line", "start"),
    [
        ("Text\n\n<script>alert(1)</script>\n", 7, "'<script>' is HTML"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example">\n', 5, "'<meta>' is HTML"),
        ('<iframe src="https://evil.example"></iframe>\n', 5, "'<iframe>' is HTML"),
        ('<img src=x onerror="alert(1)">\n', 5, "'<img>' is HTML"),
        ('<div markdown="1">\n**x**\n</div>\n', 5, "'<div>' is HTML"),
        ('<a href="https://nhs.uk">NHS</a>\n', 5, "'<a>' is HTML"),
        ("<style>@import url(https://evil.example/x.css)</style>\n", 5, "'<style>' is HTML"),
        ('<br onclick="alert(1)">\n', 5, "'<br>' is HTML"),
        ('<abbr title="x" onclick="alert(1)">x</abbr>\n', 5, "'<abbr>' is HTML"),
        ("\\<script>alert(1)</script>\n", 5, "'<script>' is HTML"),
        ("<!DOCTYPE html>\n", 5, "'<!DOCTYPE>' is HTML"),
        ("<?php echo 1 ?>\n", 5, "'<?php>' is HTML"),
        ("`a` <svg/onload=alert(1)>\n", 5, "'<svg>' is HTML"),
        ("<!-- never closed\n\nrest of the page\n", 5, "this comment (<!--) is never closed"),
        ("<!-- a --!><script>alert(1)</script> -->\n", 5, "'<script>' is HTML"),
        ("[click](javascript:alert(1))\n", 5, "the address 'javascript:alert(1)' is not a web page"),
        ("[click](<JavaScript:alert(1)>)\n", 5, "the address 'JavaScript:alert(1)' is not a web page"),
        ("[click](data:text/html;base64,PHNjcmlwdD4=)\n", 5, "the address 'data:text/html;base64,PHNjcmlwdD4=' is not"),
        ("<javascript:alert(1)>\n", 5, "the address 'javascript:alert(1)' is not a web page"),
        ("[click][x]\n\n[x]: vbscript:msgbox\n", 7, "the address 'vbscript:msgbox' is not a web page"),
        ("See <https://>.\n", 5, "the address 'https://' is not a complete web address"),
        ("[x](https://:80/page)\n", 5, "the address 'https://:80/page' is not a complete web address"),
        ("<tel:111>\n", 5, "'<tel:111>' is not a link in Markdown. Write it as [the text to show](tel:111)."),
        ("[elsewhere](//evil.example/page)\n", 5, "the address '//evil.example/page' leaves out https:"),
        (
            "![pixel](https://tracker.example/p.gif)\n",
            5,
            "the image 'https://tracker.example/p.gif' is on another site",
        ),
        ('Text\n{: onclick="alert(1)" }\n', 6, "'{: onclick=\"alert(1)\" }': curly braces set HTML attributes"),
        ('## Heading { #ok style="display:none" }\n', 5, "'{ #ok style=\"display:none\" }': curly braces"),
        ("[l](page.md){ .md-button }\n", 5, "'{ .md-button }': curly braces set HTML attributes"),
        ("## Heading { #__config }\n", 5, "'{ #__config }': curly braces set HTML attributes"),
    ],
)
def test_markup_that_could_run_navigate_embed_or_style_is_refused(body: str, line: int, start: str) -> None:
    found = problems(body)
    assert len(found) == 1, found
    assert found[0].startswith(f"{line}:error:{start}")


def test_http_links_are_a_warning_that_asks_for_https() -> None:
    assert problems("[NHS](http://www.nhs.uk/)\n") == [
        "5:warning:the address 'http://www.nhs.uk/' starts with http://. Use its https:// address, which readers "
        "expect; most sites have one."
    ]


def test_each_opening_tag_is_reported_at_its_line_and_a_closing_one_only_alone() -> None:
    found = problems("One\n<script>a()</script>\n\n<script>b()</script>\n<object data=x></object>\n</div>\n")
    assert [item.split(":")[0] for item in found] == ["6", "8", "9", "10"]
    assert "'<object>' is HTML" in found[2] and "'</div>' is HTML" in found[3]


def test_code_is_blanked_without_moving_anything() -> None:
    body = "a `<b>` c\n```\n<script>\n```\n"
    masked = text_outside_code(body)
    assert len(masked) == len(body) and masked.count("\n") == body.count("\n")
    assert "<" not in masked and masked.startswith("a ") and masked.split("\n")[0].endswith(" c")


@pytest.mark.parametrize(
    "body",
    [
        "```<script>alert(1)</script>\n",
        "```\n<script>alert(1)</script>\n",
        "text\u2028```\n<script>alert(1)</script>\n```\n",
        "````\n```\n<script>alert(1)</script>\n",
    ],
)
def test_only_a_fence_markdown_reads_as_one_hides_its_content(body: str) -> None:
    assert any("'<script>' is HTML" in problem for problem in problems(body)), body


def test_carriage_returns_end_lines_as_in_markdown() -> None:
    assert problems("one\rtwo\r\n<script>\r") == [problems("one\ntwo\n<script>\n")[0]]
