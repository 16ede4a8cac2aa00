"""Insert markers, `<!-- insert: name -->`, and the fence-aware scan of a page's text.

A page asks for a generated part (a list of pages, a table) with a marker on its own line or
inside a paragraph. This module owns the marker syntax and the one scan that skips fenced code
blocks, so the check and the renderer agree: a marker shown as an example inside a code block
is left as it is by both. The check of raw HTML in page bodies (markup.py) uses the same scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache

MARKER = re.compile(r"<!--\s*insert:\s*([\w-]+)\s*-->")
LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
FENCE_OPEN = re.compile(r"^[> ]*(?P<fence>`{3,}|~{3,})[ \t]*[\w#.+-]*[ \t]*$")
FENCE_CLOSE = re.compile(r"^[> ]*(?P<fence>`{3,}|~{3,})[ \t]*$")


@dataclass(frozen=True)
class Marker:
    name: str
    offset: int
    """The line of the text the marker is on, counted from 0."""


@dataclass(frozen=True)
class Line:
    offset: int
    """The line's place in the text, counted from 0."""
    text: str
    """The line with its ending."""
    in_code: bool
    """Whether the line is part of a fenced code block, its fences included."""


def lines(text: str) -> Iterator[Line]:
    """Every line of the text, and whether it is part of a fenced code block.

    A fence counts only as Markdown reads one: a line of three or more backticks or tildes with at
    most a language name after it, closed by a line of the same character at least as long. An
    unclosed fence is text. Lines end at line feeds and carriage returns only, as in Python-Markdown.
    """
    return iter(_lines(text))


@lru_cache(maxsize=4096)
def _lines(text: str) -> tuple[Line, ...]:
    """The check, the renderer and the reading-level rule each scan every page's body: it is split once.

    Python keeps a string's hash, so a body that a rebuild of the preview loads from its cache is
    found at once; an edited body is a new string, and is split afresh."""
    parts = LINE_BREAK.split(text)
    texts = [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
    if texts and not texts[-1]:
        texts.pop()
    found = []
    offset = 0
    while offset < len(texts):
        opening = FENCE_OPEN.match(texts[offset].rstrip("\r\n"))
        closing = _closing_line(texts, offset, opening["fence"]) if opening else None
        if closing is None:
            found.append(Line(offset, texts[offset], False))
            offset += 1
        else:
            found += (Line(index, texts[index], True) for index in range(offset, closing + 1))
            offset = closing + 1
    return tuple(found)


def _closing_line(texts: list[str], opening: int, fence: str) -> int | None:
    for index in range(opening + 1, len(texts)):
        close = FENCE_CLOSE.match(texts[index].rstrip("\r\n"))
        if close and close["fence"][0] == fence[0] and len(close["fence"]) >= len(fence):
            return index
    return None


def text_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line offset from 0, line with its ending) for every line outside fenced code blocks."""
    for line in lines(text):
        if not line.in_code:
            yield line.offset, line.text


def markers(text: str) -> Iterator[Marker]:
    for offset, line in text_lines(text):
        for match in MARKER.finditer(line):
            yield Marker(match[1], offset)


def substitute(text: str, render: Callable[[str], str]) -> str:
    """The text with each marker outside code blocks replaced by `render(name)`."""
    return "".join(
        line.text if line.in_code else MARKER.sub(lambda match: render(match[1]), line.text) for line in lines(text)
    )
