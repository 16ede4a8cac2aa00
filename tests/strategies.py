"""Hypothesis strategies that attack the content check: tests/checks/test_fuzz.py and benchmarks/fuzz_check.py use them.

Each strategy draws a whole project's worth of input: the minimal fixture's pages and data
files, with one page's front matter or body, or one data file, replaced by generated text.
The property is always the same: the check answers with problems or with none, and never raises.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from hypothesis import strategies as st

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "valid" / "minimal"
PAGES = sorted((p.relative_to(FIXTURE / "docs").as_posix(), p.read_bytes()) for p in (FIXTURE / "docs").rglob("*.md"))
DATA = sorted((f"data/{p.name}", p.read_bytes()) for p in (FIXTURE / "data").glob("*.yml"))
TARGET = "conditions/sciatica.md"
TARGET_TEXT = dict(PAGES)[TARGET].decode()
TARGET_FRONT, TARGET_BODY = TARGET_TEXT.split("\n---\n", 1)
FIELDS = [
    "title",
    "summary",
    "draft",
    "last_reviewed",
    "clinical_review",
    "name",
    "credential",
    "date",
    "review_every_months",
    "next_review",
    "id",
    "body_areas",
    "benefits",
    "keywords",
    "techniques",
    "sources",
    "warning_signs",
    "emergency",
    "urgent",
    "before_massage",
    "precautions",
    "hide",
    "items",
    "url",
    "doi",
    "year",
    "accessed",
    "publisher",
]

YAML_SPECIALS = "-:?,[]{}#&*!|>'\"%@`\\ \t\n"
MARKDOWN_SPECIALS = "<>/!-=\"'{}[]()#*_`~&;:.|\\ \t\n"
UNUSUAL = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\u00a0\u2028\u2029\ufeff\ufffd\U0001f600\u202e\u0301"

unusual_text = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(UNUSUAL)), max_size=40)
huge_text = st.builds(lambda piece, count: piece * count, st.text(min_size=1, max_size=3), st.integers(0, 7000))
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=10**20),
    st.floats(),
    st.dates().map(str),
    unusual_text,
    huge_text,
    st.from_regex(r"10\.\d{4,9}/[-._;()/:A-Za-z0-9<>]{1,20}"),
    st.sampled_from(["https://www.nhs.uk/", "http://a.b", "javascript:alert(1)", "//evil.example", "<script>"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(max_size=8)), inner, max_size=4)
    ),
    max_leaves=16,
)


def _dump(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10**6)


shaped_front_matter = st.dictionaries(
    st.one_of(st.sampled_from(FIELDS), st.text(max_size=10)), values, max_size=10
).map(_dump)
raw_front_matter = st.text(alphabet=st.one_of(st.sampled_from(YAML_SPECIALS), st.characters()), max_size=300)


@st.composite
def mutated_front_matter(draw) -> str:
    """The valid page's front matter with a few lines replaced or inserted: deep paths into the schema."""
    lines = TARGET_FRONT.split("\n")[1:]
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines)))
        indent = draw(st.sampled_from(["", "  ", "    ", "  - "]))
        key = draw(st.sampled_from(FIELDS))
        value = _dump(draw(values)).strip()
        value = value if "\n" not in value else draw(st.sampled_from(['"x"', "[a, b]", value.replace("\n", " ")]))
        replace = draw(st.booleans()) and index < len(lines)
        lines[index : index + replace] = [f"{indent}{key}: {value}"]
    return "\n".join(lines)


front_matter = st.one_of(shaped_front_matter, raw_front_matter, mutated_front_matter())
TEXT_CHARACTERS = st.characters(exclude_categories=["Cs"])
"""Any character a UTF-8 file can hold: a lone surrogate cannot come out of one."""
markdown_piece = st.one_of(
    st.sampled_from(list(MARKDOWN_SPECIALS)),
    TEXT_CHARACTERS,
    st.sampled_from(list(UNUSUAL)),
    st.sampled_from(
        [
            "<script>",
            "<!--",
            "-->",
            "javascript:",
            "{: ",
            "](",
            "```",
            "<br>",
            "<sup>",
            '<abbr title="',
            "\n    ",
            '!!! danger "x"\n',
            "| a | b |\n|---|---|\n",
            "<div markdown>",
            "&lt;",
            "&#x3C;",
            "<https://",
            "[a]: ",
            "![",
            "{ #",
            ".class",
            "onclick=",
            "<tel:",
            "//",
            "\\<",
            "<!DOCTYPE",
            "<?",
            "</",
            "\r",
            "```js\n",
            "\n```\n",
            "~~~\n",
            "\u2028```",
        ]
    ),
)
markdown_body = st.lists(markdown_piece, max_size=120).map("".join)


@st.composite
def projects(draw) -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(pages, data files) with one page's front matter, its body, or a data file generated."""
    pages, data = dict(PAGES), dict(DATA)
    target = draw(st.sampled_from(["front matter", "body", "both", "data file", "raw bytes"]))
    front = draw(front_matter) if target in ("front matter", "both") else TARGET_FRONT.split("\n", 1)[1]
    body = draw(markdown_body) if target in ("body", "both") else TARGET_BODY
    pages[TARGET] = f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")
    if target == "data file":
        name = draw(st.sampled_from(sorted(data)))
        data[name] = draw(st.one_of(shaped_front_matter, raw_front_matter)).encode("utf-8", "surrogatepass")
    if target == "raw bytes":
        pages[TARGET] = draw(st.binary(max_size=300))
    return sorted(pages.items()), sorted(data.items())


PARSER_TRICKS = [
    "```\n",
    "````\n",
    "   ```\n",
    "    ```\n",
    "~~~\n",
    "~~~~\n",
    "``` html\n",
    "[[",
    "]]",
    "[[[x]]](page.md)",
    "![x][ref]",
    "\n[ref]: https://tracker.example/ref.png\n",
    "[ref]",
    "[![i](https://tracker.example/in-link.png)](../index.md)",
    "[[![i](https://tracker.example/nested.png)]](../index.md)",
    "![local](../images/a.png)",
    "<https://www.nhs.uk/>",
    "<hello@example.org>",
    "<!-- note -->",
    "<!--",
    "{ .page-review }",
    "{: #an-id }",
    '<p class="page-review">Reviewed by Dr X</p>',
    '<span class="md-visually-hidden">',
    '<div class="admonition danger">',
    "\n\n",
    "\n> ",
    "\n- ",
    "\n1. ",
]
"""Where a second parser of Markdown and Python-Markdown used to disagree: fences opened and closed
differently, nested brackets, reference-style images, images inside links, autolinks, comments and
attribute lists (issue 22)."""
parser_piece = st.one_of(markdown_piece, st.sampled_from(PARSER_TRICKS))
parser_body = st.lists(parser_piece, max_size=80).map("".join)
