"""How hard a page is to read: the Flesch–Kincaid grade of its prose.

Patient-information guidance asks for text a 12- to 14-year-old can follow (US grade 6-8).
The grade is 0.39 × words per sentence + 11.8 × syllables per word − 15.59.

Syllables come from syllapy (MIT, no dependencies): a list of known words shipped inside the
wheel, and rules for the rest, so the measure works offline. textstat was the first choice, but
for English it downloads the CMU pronouncing dictionary from the internet on first use, which an
offline build cannot do; pyphen counts hyphenation points, not syllables ("area" has one).

Medical names that a page cannot avoid ("lymphoedema", "fibromyalgia") can be passed as known
words: each counts as one syllable, as a familiar word would, so a page is not pushed up a
grade by a name the reader came to look up.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import syllapy

from ..model.problems import Problem
from ..project import markers

if TYPE_CHECKING:
    from ..project.content import Entry
    from ..project.settings import Readability

MIN_WORDS = 50
"""A grade needs enough text to mean anything: shorter pages (an index page's line) are not graded."""

_WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?=\s|$)")
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_WIKI_LINK = re.compile(r"\[\[[^\[\]|]*\|([^\[\]]*)\]\]|\[\[([^\[\]]*)\]\]")
_INLINE_MARKUP = re.compile(r"[*_`]|\{[^{}]*\}")
_HTML_TAG = re.compile(r"<[^<>]+>")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
r"""Each pattern that runs on a page stops at the next character that could open another match (a bracket
inside `[^\[\]]`, a dot behind `(?<![.!?])`), so no run of one character makes it try again from every place
in the run: a scan's time grows with the page, not with its square (benchmarks/check_scaling.py)."""


@dataclass(frozen=True)
class Passage:
    """A paragraph or list item of a page, with the line it starts on (1-based)."""

    line: int
    text: str


@dataclass(frozen=True)
class Reading:
    """The grade of a whole page and of its hardest passage."""

    grade: float
    words: int
    hardest: Passage | None
    hardest_grade: float | None


def passages(markdown: str, first_line: int = 1) -> list[Passage]:
    """The prose of a Markdown body: paragraphs and list items, without headings, code,
    tables, HTML blocks or insert markers. `first_line` is the file line of the body's
    first line, so passages carry the line an editor sees."""
    found: list[Passage] = []
    buffer: list[str] = []
    start = 0

    def flush() -> None:
        if buffer:
            found.append(Passage(start, _plain(" ".join(buffer))))
            buffer.clear()

    for scanned in markers.lines(markdown):
        raw = scanned.text.rstrip("\r\n")
        line = raw.strip()
        number = first_line + scanned.offset
        if scanned.in_code or not line or _is_structure(line):
            flush()
            continue
        if _LIST_MARKER.match(raw):
            flush()
            line = _LIST_MARKER.sub("", raw).strip()
        if not buffer:
            start = number
        buffer.append(line)
    flush()
    return [passage for passage in found if _WORD.search(passage.text)]


def _is_structure(line: str) -> bool:
    return line.startswith(("#", "|", "<", "!!!", "???", "---", "***", ":::"))


def _plain(text: str) -> str:
    text = _LINK.sub(r"\1", text)
    text = _WIKI_LINK.sub(lambda match: match.group(1) or match.group(2), text)
    text = _HTML_TAG.sub(" ", text)
    return _INLINE_MARKUP.sub("", text)


def reading(texts: Iterable[Passage], known_words: Iterable[str] = ()) -> Reading | None:
    """The Flesch–Kincaid grade of all the passages together, and the hardest one.
    None when there is no prose to measure."""
    known = frozenset(word.lower() for word in known_words)
    totals = [0, 0, 0]
    hardest: tuple[float, Passage] | None = None
    for passage in texts:
        counts = _counts(_plain(passage.text), known)
        for index, value in enumerate(counts):
            totals[index] += value
        score = _grade(*counts)
        if score is not None and counts[1] >= 8 and (hardest is None or score > hardest[0]):
            hardest = (score, passage)
    overall = _grade(*totals)
    if overall is None:
        return None
    return Reading(
        grade=overall,
        words=totals[1],
        hardest=hardest[1] if hardest else None,
        hardest_grade=hardest[0] if hardest else None,
    )


def _counts(text: str, known: frozenset[str]) -> tuple[int, int, int]:
    """Sentences, words and syllables. A passage without end punctuation (a list item, a
    heading-like line) still counts as one sentence."""
    words = _WORD.findall(text)
    if not words:
        return (0, 0, 0)
    sentences = max(1, len(_SENTENCE_END.findall(text.rstrip() + ("" if text.rstrip()[-1:] in ".!?" else "."))))
    syllables = sum(_syllables(word, known) for word in words)
    return (sentences, len(words), syllables)


def _grade(sentences: int, words: int, syllables: int) -> float | None:
    if not words or not sentences:
        return None
    return round(0.39 * words / sentences + 11.8 * syllables / words - 15.59, 1)


@lru_cache(maxsize=65536)
def _syllables(word: str, known: frozenset[str]) -> int:
    """A page's words recur from page to page, so each is counted once (with the known words it was counted by)."""
    lowered = word.lower()
    if lowered in known or lowered.isdigit():
        return 1
    return sum(_part_syllables(part) for part in re.split(r"[-]", lowered.replace("’", "'")) if part)


@lru_cache(maxsize=8192)
def _part_syllables(part: str) -> int:
    return max(1, syllapy.count(part))


def check_page(entry: Entry, readability: Readability) -> Iterator[Problem]:
    document = entry.document
    result = reading(passages(document.body, document.body_line), readability.known_words)
    if result is None or result.words < MIN_WORDS or result.grade <= readability.target_grade:
        return
    line = result.hardest.line if result.hardest else document.body_line
    yield Problem(
        entry.path,
        line,
        f"this page reads at grade {result.grade:g}; aim for {readability.target_grade:g} or below so "
        "patients can follow it. The hardest paragraph starts here: use shorter sentences and "
        "plainer words, or list a medical name you cannot avoid under "
        "extra.content_checks.readability.known_words.",
        "warning",
    )
