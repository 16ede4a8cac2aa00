"""Bounds on a page's body, checked before Python-Markdown reads it: what no page needs, and what breaks the reader.

Python-Markdown reads nested lists, quotes and emphasis by calling itself once for each level, so a
few thousand levels end in a RecursionError in the middle of the build; and it looks for the end
of each open bracket by scanning the rest of the paragraph, so a run of unclosed brackets takes it
minutes. No page needs any of it. One pass over the body, outside fenced code, counts for each
paragraph how deep its quotes, lists, emphasis and brackets go, and refuses, at the line, what
goes past a limit no real page comes near:

- a line of more than `MAX_LINE` characters (fenced code included: the highlighter reads it);
- a list item more than `MAX_LIST_DEPTH` levels deep, a quote inside more than `MAX_QUOTE_DEPTH` quotes;
- emphasis (`*`, `_`) opened more than `MAX_EMPHASIS_DEPTH` times without being closed;
- brackets (`[`, `(`) opened more than `MAX_BRACKET_DEPTH` times without being closed;
- a paragraph (lines with no blank line between) of more than `MAX_PARAGRAPH_LINES` lines: Python-Markdown's
  block readers take one line off the top and scan the rest again, so their time grows with its square;
- more than `MAX_FENCE_LINES` lines of ``` or ~~~: the highlighter costs milliseconds for each code block,
  and Python-Markdown looks for the end of each unclosed one through the rest of the page.

The counts are approximations of Markdown's rules that err towards counting more; the limits are
far above what the site's pages use (its deepest list is two levels, its longest line about 550
characters), so an honest page never meets them. Each scan reads each character once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.problems import Problem
from ..project import markers
from ..project.content import Entry

MAX_LINE = 2000
MAX_LIST_DEPTH = 8
MAX_QUOTE_DEPTH = 8
MAX_EMPHASIS_DEPTH = 16
MAX_BRACKET_DEPTH = 16
MAX_PARAGRAPH_LINES = 300
MAX_FENCE_LINES = 200
TAB_WIDTH = 4
LIST_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
EMPHASIS_RUN = re.compile(r"[*_]+")
BRACKETS = {"[": ("[", 1), "]": ("[", -1), "(": ("(", 1), ")": ("(", -1)}


def long_line(length: int) -> str:
    return (
        f"this line is {length:,} characters long, over the limit of {MAX_LINE:,}. Break it up: a paragraph "
        "can run over several lines, and a blank line starts a new paragraph."
    )


DEEP_LIST = (
    f"this list item is nested more than {MAX_LIST_DEPTH} levels deep (each level is four more spaces "
    "of indent). Flatten the list: no page needs that many levels."
)
DEEP_QUOTE = (
    f"this line is quoted more than {MAX_QUOTE_DEPTH} levels deep ('>' inside '>'). Remove the extra '>' marks."
)
DEEP_EMPHASIS = (
    f"emphasis (* or _) is opened more than {MAX_EMPHASIS_DEPTH} times in this paragraph without being "
    "closed. Check the * and _ marks: each one that starts bold or italic text needs one that ends it."
)
LONG_PARAGRAPH = (
    f"this paragraph runs on for more than {MAX_PARAGRAPH_LINES} lines without a blank line. Put a blank "
    "line between paragraphs, list items or headings: no paragraph needs that many lines."
)
MANY_FENCES = (
    f"this page has more than {MAX_FENCE_LINES} lines that start or end a code block (three backticks or "
    "tildes). Remove the code blocks that are not needed: no page about massage needs that many."
)
OPEN_BRACKETS = (
    f"more than {MAX_BRACKET_DEPTH} brackets ('[' or '(') are opened in this paragraph without being "
    "closed. Close each bracket, or remove the ones that are not needed."
)


def check_page(entry: Entry) -> Iterator[Problem]:
    """Every bound the page's body goes past, at its file line; each kind once a paragraph."""
    first = entry.document.body_line
    paragraph: _Paragraph | None = None
    fences = 0
    for line in markers.lines(entry.document.body):
        text = line.text.rstrip("\r\n")
        number = first + line.offset
        if len(text) > MAX_LINE:
            yield Problem(entry.path, number, long_line(len(text)))
        if markers.FENCE_OPEN.match(text):
            fences += 1
            if fences == MAX_FENCE_LINES + 1:
                yield Problem(entry.path, number, MANY_FENCES)
        if line.in_code or not text.strip():
            paragraph = None
            continue
        paragraph = paragraph or _Paragraph()
        for message in paragraph.read(text):
            yield Problem(entry.path, number, message)


class _Paragraph:
    """Running depths over the lines of one paragraph; each limit is reported once."""

    def __init__(self) -> None:
        self.emphasis = 0
        self.brackets = {"[": 0, "(": 0}
        self.reported: set[str] = set()
        self.lines = 0

    def read(self, text: str) -> Iterator[str]:
        quotes, rest = _quote_depth(text)
        self.lines += 1
        found = [
            LONG_PARAGRAPH if self.lines > MAX_PARAGRAPH_LINES else None,
            DEEP_QUOTE if quotes > MAX_QUOTE_DEPTH else None,
            DEEP_LIST if _list_depth(rest) > MAX_LIST_DEPTH else None,
            DEEP_EMPHASIS if self._emphasis(rest) > MAX_EMPHASIS_DEPTH else None,
            OPEN_BRACKETS if self._brackets(rest) > MAX_BRACKET_DEPTH else None,
        ]
        for message in found:
            if message is not None and message not in self.reported:
                self.reported.add(message)
                yield message

    def _emphasis(self, text: str) -> int:
        """The deepest emphasis reaches on this line: a run of * or _ opens before a word and closes after one."""
        deepest = self.emphasis
        for run in EMPHASIS_RUN.finditer(text):
            before = text[run.start() - 1] if run.start() else " "
            after = text[run.end()] if run.end() < len(text) else " "
            opens, closes = not after.isspace(), not before.isspace()
            if closes and (self.emphasis or not opens):
                self.emphasis = max(0, self.emphasis - 1)
            elif opens:
                self.emphasis += 1
                deepest = max(deepest, self.emphasis)
        return deepest

    def _brackets(self, text: str) -> int:
        deepest = max(self.brackets.values())
        for character in text:
            if character in BRACKETS:
                kind, step = BRACKETS[character]
                self.brackets[kind] = max(0, self.brackets[kind] + step)
                deepest = max(deepest, self.brackets[kind])
        return deepest


def _quote_depth(text: str) -> tuple[int, str]:
    """How many '>' marks start the line, and the line after them."""
    depth, index = 0, 0
    while True:
        while index < len(text) and text[index] in " \t":
            index += 1
        if index < len(text) and text[index] == ">":
            depth, index = depth + 1, index + 1
        else:
            return depth, text[index:] if depth else text


def _list_depth(text: str) -> int:
    """The list level of a list item (1 at no indent, one more for each four columns), 0 for any other line."""
    if not LIST_ITEM.match(text):
        return 0
    indent = len(text) - len(text.lstrip(" \t"))
    columns = len(text[:indent].expandtabs(TAB_WIDTH))
    return 1 + columns // TAB_WIDTH
