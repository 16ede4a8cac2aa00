"""Page bodies are text, not markup: what an editor may write besides plain Markdown.

Reviewers read the words of a change, not its markup, so the body of a page may hold no raw
HTML except a short allowlist that runs, navigates, embeds and styles nothing:

- `<br>`, `<sup>…</sup>`, `<sub>…</sub>` and `<abbr title="…">…</abbr>`;
- HTML comments, such as the `<!-- insert: … -->` markers, with no `<`, `>` or `--` inside.

Links go to another page of the site (its file name), to a place on a page (`#…`), or to a
full `https://` address (`http://` is reported as a warning); `mailto:` and `tel:` are allowed.
Images are files in docs/: an image from another site would tell that site who reads the page.
Markdown's attribute lists (`{ … }`) may only give an element an anchor, `{ #an-id }`: any
other attribute could carry a script (`onclick=`) or a style.

Fenced code blocks and `code spans` are text, so what is inside them is not checked.

What a body holds is what the build's own parser finds in it (`body_markup.py`), so the check
and the page cannot read it differently; the build prints any raw HTML as text in any case
(`inert_html.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from markdown.extensions.attr_list import get_attrs_and_remainder
from pydantic import HttpUrl, TypeAdapter, ValidationError

from ..model.problems import Problem, Severity
from ..project.content import Entry
from ..rendering.anchors import MarkdownOptions
from ..rendering.body_markup import UNCLOSED_COMMENT, BodyMarkup, body_markup

TOO_DEEP_TO_RENDER = (
    "Markdown cannot read this page: something in it is nested too deep (lists, quotes or emphasis inside "
    "each other, or brackets). Flatten it: no page needs more than a few levels."
)
"""A safety net behind bounds.py's limits: the build's own parser gave up on the page."""
ALLOWED_HTML = '<br>, <sup>, <sub> and <abbr title="…">'
TAG_NAME = re.compile(r"</?[^\s<>/]{0,30}")
COMMENT = re.compile(r"<!--(?P<text>.*?)-->", re.DOTALL)
AUTOLINK = re.compile(r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
ANCHOR_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*):")
SAFE_SCHEMES = {"https", "mailto", "tel"}
WEB_ADDRESS = TypeAdapter(HttpUrl)


def check_page(entry: Entry, markdown: MarkdownOptions | None = None) -> Iterator[Problem]:
    """`markdown`: the project's Markdown configuration (body_markup.SITE without one)."""
    yield from check_body(entry, markdown)
    yield from check_source_addresses(entry)


def check_source_addresses(entry: Entry) -> Iterator[Problem]:
    """A source's url is http or https (the schema says so); http gets the same warning as in the text."""
    for index, source in enumerate(getattr(entry.record, "sources", ())):
        if source.url is not None:
            line = entry.document.meta.line_of(("sources", index, "url"))
            for _, message, severity in _url(0, str(source.url), image=False):
                yield Problem(entry.path, line, message, severity)


def check_body(entry: Entry, options: MarkdownOptions | None = None) -> Iterator[Problem]:
    """Every problem in one page's body, at the line of the file it is on, as the build's parser reads it."""
    parsed = body_markup(entry.document.body, options)
    if parsed.too_deep:
        yield Problem(entry.path, entry.document.body_line, TOO_DEEP_TO_RENDER)
        return
    found = {*_html(parsed), *_links(parsed), *_attribute_lists(parsed)}
    first = entry.document.body_line
    for line, message, severity in sorted(found):
        yield Problem(entry.path, first + line, message, severity)


Found = tuple[int, str, Severity]
"""(offset in the body, message, severity)."""


def _html(parsed: BodyMarkup) -> list[Found]:
    """Raw HTML the parser found outside the allowlist; a closing tag is reported only when its opening tag was not."""
    found: list[Found] = [(line, _raw_html_message(UNCLOSED_COMMENT, 0), "error") for line in parsed.unclosed_comments]
    opened: set[str] = set()
    for line, raw in parsed.html:
        if raw.startswith("<!--"):
            found += [(line, message, severity) for _, message, severity in _comment(COMMENT.match(raw))]
            continue
        autolink = AUTOLINK.fullmatch(raw)
        if autolink:
            found += [(line, message, severity) for _, message, severity in _autolink(0, autolink["url"])]
            continue
        name = _tag_name(raw).lower()
        if not (name.startswith("</") and "<" + name[2:] in opened):
            opened.add(name)
            found.append((line, _raw_html_message(raw, 0), "error"))
    return found


def _raw_html_message(text: str, start: int) -> str:
    if text.startswith("<!--", start):
        return "this comment (<!--) is never closed with -->, so it would hide the rest of the page. Close it."
    shown = _tag_name(text, start) + ">"
    return (
        f"'{shown}' is HTML, and the text of a page may only use Markdown and {ALLOWED_HTML}. "
        "Use Markdown instead, or, for a '<' in a sentence, write 'less than'. See CONTRIBUTING.md."
    )


def _tag_name(text: str, start: int = 0) -> str:
    """`<name` or `</name` as written (the pattern matches at any `<`)."""
    found = TAG_NAME.match(text, start)
    return found[0] if found else "<"


def _autolink(offset: int, url: str) -> list[Found]:
    """Markdown makes a link of `<https://…>` only; `<tel:…>` and the like stay HTML tags."""
    scheme = SCHEME.match(url)
    if scheme and scheme["scheme"].lower() in ("http", "https"):
        return _url(offset, url, image=False)
    if re.match(r"(?i)(mailto|tel):", url):
        return [(offset, f"'<{url}>' is not a link in Markdown. Write it as [the text to show]({url}).", "error")]
    return _url(offset, url, image=False) or [
        (offset, f"'<{url}>' is not a link in Markdown. Write it as [the text to show](https://…).", "error")
    ]


def _comment(match: re.Match | None) -> list[Found]:
    if match is not None and re.search(r"[<>]|--", match["text"]):
        return [(match.start(), "a comment (<!-- … -->) may not contain '<', '>' or '--'. Remove them.", "error")]
    return []


def _links(parsed: BodyMarkup) -> list[Found]:
    return [found for line, url, image in parsed.links for found in _url(line, url, image)]


def _url(offset: int, url: str, image: bool) -> list[Found]:
    """Whether an address is one a page may link to (or, for an image, load)."""
    scheme = SCHEME.match(url)
    if url.startswith(("//", "\\\\", "/\\")):
        return [(offset, f"the address '{url}' leaves out https:. Write it in full, starting with https://.", "error")]
    if image and scheme:
        return [
            (
                offset,
                f"the image '{url}' is on another site, and loading it would tell that site who reads "
                "this page. Save the image in docs/ and link to the file instead.",
                "error",
            )
        ]
    if scheme is None:
        if re.search(r"[\x00-\x20\x7f]", url):
            return [(offset, f"the address '{url}' contains spaces or control characters. Remove them.", "error")]
        return []
    name = scheme["scheme"].lower()
    if name in ("http", "https") and not _valid_web_address(url):
        return [
            (
                offset,
                f"the address '{url}' is not a complete web address. Copy it again from the browser's address bar.",
                "error",
            )
        ]
    if name == "http":
        return [
            (
                offset,
                f"the address '{url}' starts with http://. Use its https:// address, which readers "
                "expect; most sites have one.",
                "warning",
            )
        ]
    if name not in SAFE_SCHEMES:
        return [
            (
                offset,
                f"the address '{url}' is not a web page. Links go to a page of this site (its file name) "
                "or to a full address starting with https://.",
                "error",
            )
        ]
    return []


def _valid_web_address(url: str) -> bool:
    """Whether a browser (and the sanitiser, which parses addresses the same way) can follow it."""
    try:
        WEB_ADDRESS.validate_python(url)
    except ValidationError:
        return False
    return True


def _attribute_lists(parsed: BodyMarkup) -> list[Found]:
    found: list[Found] = []
    for line, written, attrs in parsed.attribute_lists:
        attributes, _ = get_attrs_and_remainder(attrs)
        if all(name == "id" and value and ANCHOR_ID.match(value) for name, value in attributes):
            continue
        found.append(
            (
                line,
                f"'{written[:40]}': curly braces set HTML attributes, and the text of a page "
                "may only give an anchor, such as { #an-id } (lowercase letters, digits and hyphens). "
                "For an aside, use round brackets.",
                "error",
            )
        )
    return found
