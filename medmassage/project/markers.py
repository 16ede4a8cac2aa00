"""Insert markers, `<!-- insert: name -->`, and the fence-aware scan of a page's text.

A page asks for a generated part (a list of pages, a table) with a marker on its own line or
inside a paragraph. This module owns the marker syntax and the one scan that skips fenced code
blocks, so the check and the renderer agree: a marker shown as an example inside a code block
is left as it is by both. The prose rules (claims, readability) read the text outside code with it.
Every scan here runs in time linear in the text (a long run of backticks or fence openers included).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

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
    closers = _Closers(texts)
    while offset < len(texts):
        opening = FENCE_OPEN.match(texts[offset].rstrip("\r\n"))
        closing = closers.after(offset, opening["fence"]) if opening else None
        if closing is None:
            found.append(Line(offset, texts[offset], False))
            offset += 1
        else:
            found += (Line(index, texts[index], True) for index in range(offset, closing + 1))
            offset = closing + 1
    return tuple(found)


class _Closers:
    """Where each fence could close, found in one pass: a page of unclosed openers costs linear time, not quadratic.

    For each fence character, the lines that could close a fence of it, and from each of them on the longest such
    line still to come; an opener no line after it can close is text at once, without a scan to the page's end.
    A scan that finds its closing line makes the lines it passed code, so no line is scanned twice.
    """

    def __init__(self, texts: list[str]):
        self._texts = texts
        self._lines: dict[str, list[int]] = {"`": [], "~": []}
        lengths: dict[str, list[int]] = {"`": [], "~": []}
        for index, text in enumerate(texts):
            close = FENCE_CLOSE.match(text.rstrip("\r\n"))
            if close:
                self._lines[close["fence"][0]].append(index)
                lengths[close["fence"][0]].append(len(close["fence"]))
        self._longest_from = {char: list(accumulate(reversed(found), max))[::-1] for char, found in lengths.items()}

    def after(self, opening: int, fence: str) -> int | None:
        """The line that closes a fence opened at line `opening`, or None if none does."""
        lines, longest = self._lines[fence[0]], self._longest_from[fence[0]]
        first = bisect_right(lines, opening)
        if first == len(lines) or longest[first] < len(fence):
            return None
        for index in range(opening + 1, len(self._texts)):
            close = FENCE_CLOSE.match(self._texts[index].rstrip("\r\n"))
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


BACKTICKS = re.compile(r"`+")


@lru_cache(maxsize=4096)
def text_outside_code(body: str) -> str:
    """The body with fenced code and code spans blanked out; every other character stays where it was.

    Which lines are fenced code is decided by `lines`, the scan the renderer uses too.
    """
    return "".join(_blank(line.text) if line.in_code else _without_code_spans(line.text) for line in lines(body))


def _without_code_spans(line: str) -> str:
    """The line with each code span blanked: a run of backticks opens one, and the next run of the same
    length closes it (an opener with no such closer is plain text). Each run is visited once, and its
    closer found by bisection among the runs of its length, so the time is linear in the line, give or
    take a logarithm, however many backticks it holds."""
    runs = [(found.start(), found.end()) for found in BACKTICKS.finditer(line)]
    if len(runs) < 2:
        return line
    starts_by_length: dict[int, list[int]] = {}
    for index, (start, end) in enumerate(runs):
        starts_by_length.setdefault(end - start, []).append(index)
    spans, index = [], 0
    while index < len(runs):
        start, end = runs[index]
        escaped = start > 0 and line[start - 1] == "\\"
        same = starts_by_length[end - start]
        later = bisect_right(same, index)
        if escaped or later == len(same):
            index += 1
            continue
        closer = same[later]
        spans.append((start, runs[closer][1]))
        index = closer + 1
    for start, end in reversed(spans):
        line = line[:start] + _blank(line[start:end]) + line[end:]
    return line


def _blank(text: str) -> str:
    return re.sub(r"[^\r\n]", " ", text)
