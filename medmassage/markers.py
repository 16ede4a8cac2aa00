"""Insert markers, `<!-- insert: name -->`, and the fence-aware scan of a page's text.

A page asks for a generated part (a list of pages, a table) with a marker on its own line or
inside a paragraph. This module owns the marker syntax and the one scan that skips fenced code
blocks, so the check and the renderer agree: a marker shown as an example inside a code block
is left as it is by both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MARKER = re.compile(r"<!--\s*insert:\s*([\w-]+)\s*-->")
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Marker:
    name: str
    offset: int
    """The line of the text the marker is on, counted from 0."""


def text_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line offset from 0, line with its ending) for every line outside fenced code blocks.

    A fence closes with a run of the same character at least as long as the one that opened it,
    as in CommonMark; the fence lines themselves are part of the block.
    """
    fence = ""
    for offset, line in enumerate(text.splitlines(keepends=True)):
        match = FENCE.match(line)
        if not fence and match:
            fence = match["fence"]
        elif fence and match and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
            fence = ""
        elif not fence:
            yield offset, line


def markers(text: str) -> Iterator[Marker]:
    for offset, line in text_lines(text):
        for match in MARKER.finditer(line):
            yield Marker(match[1], offset)


def substitute(text: str, render: Callable[[str], str]) -> str:
    """The text with each marker outside code blocks replaced by `render(name)`."""
    lines = text.splitlines(keepends=True)
    for offset, line in text_lines(text):
        lines[offset] = MARKER.sub(lambda match: render(match[1]), line)
    return "".join(lines)
