"""Strict front matter: split it off, parse it as YAML, and remember each value's line.

MkDocs silently drops front matter that is not valid YAML, and PyYAML silently keeps
the last of two equal keys. Both would hide an editor's mistake, so this module parses
the block itself and reports every such problem with the file's own line numbers.

Content is untrusted input, and YAML can do more than content needs: ten lines of anchors
and aliases expand to billions of values (an "alias bomb"), deep nesting overflows the
parser's stack, and tags build other types. Before anything is built from it, front matter
and data files are read as a stream of events that stops at the first anchor, alias, tag,
or level of nesting past `MAX_DEPTH`, so such text costs a fraction of a second and gets a
plain message at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from ..model.problems import FileProblems, Problem
from .indentation import hint, joined_items

FENCE = re.compile(r"^---[ \t]*$")
CLOSING_FENCE = re.compile(r"^(---|\.\.\.)[ \t]*$")

FRIENDLY_YAML = {
    "mapping values are not allowed here": "a value contains a colon (:). Put the whole value in quotes",
    "found character '\\t' that cannot start any token": "a tab is used for indenting. Use spaces instead",
    "could not find expected ':'": "a line is missing the colon (:) between a field name and its value",
    "found undefined alias": "a value starts with '*'. Put the whole value in quotes",
    "expected alphabetic or numeric character": "a value starts with '*' or '&', which YAML reads as an alias "
    "or an anchor. Put the whole value in quotes",
    "expected <block end>, but found '-'": "a list item is indented differently from the ones before it",
}


class TextDatesLoader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so the schema reports a bad date with its line."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


if TYPE_CHECKING:
    _FastSafeLoader = yaml.SafeLoader
else:  # libyaml's loader where PyYAML was built with it
    _FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FastTextDatesLoader(_FastSafeLoader):
    """The same rules on libyaml, which MkDocs also uses: about six times faster than pure Python."""

    yaml_implicit_resolvers = TextDatesLoader.yaml_implicit_resolvers


MAX_DIGITS = 100
"""The longest whole number a field may hold: a year has four digits, a page count a few more."""
WHOLE_NUMBER = re.compile(r"[-+]?(?:0b[0-1_]+|0o?[0-7_]+|0x[0-9a-fA-F_]+|[0-9][0-9_]*(?::[0-5]?[0-9])*)")
"""Every form YAML 1.1 reads as an int (`yaml.SafeLoader`'s resolver), loosely: a long one of any is refused."""
MAX_DEPTH = 8
"""Levels of lists and fields inside each other; a page's deepest (a source's field) is three."""
TOO_DEEP = (
    f"the fields and lists here are nested more than {MAX_DEPTH} levels deep. "
    "Check the indentation and the brackets: no page needs that many levels."
)
MAX_FRONT_MATTER = 16_000
"""Characters of front matter: five times the longest page's."""
MAX_DATA_FILE = 256_000
"""Characters of a data file: a hundred times the longest one's."""


@dataclass(frozen=True)
class Located:
    """Parsed YAML plus a map from each value's path to its line in the file."""

    data: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    first_line: int = 1
    written: dict[tuple, str] = field(default_factory=dict)
    """What the editor wrote for each value that YAML did not read as text, such as `yes` (read as true)."""

    def line_of(self, loc: tuple) -> int:
        """The line of the deepest part of `loc` that exists in the YAML."""
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.first_line


@dataclass(frozen=True)
class Document:
    """A Markdown page split into its front matter and its body."""

    path: str
    meta: Located
    body: str
    body_line: int
    text: str


def decode(path: str, raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FileProblems(
            [Problem(path, line, "the file is not saved as UTF-8 text. Save it again with the encoding set to UTF-8.")]
        ) from None
    if not text.strip():
        raise FileProblems([Problem(path, 1, "the file is empty. Start from a template in archetypes/.")])
    return text


def split(path: str, text: str) -> Document:
    """Split a page into front matter and body, and parse the front matter."""
    lines = text.splitlines(keepends=True)
    if not FENCE.match(lines[0].rstrip("\r\n")):
        raise FileProblems(
            [
                Problem(
                    path,
                    1,
                    "the page has no front matter. The first line must be three dashes "
                    "(---), followed by the fields, followed by another line of three dashes.",
                )
            ]
        )
    end = next((i for i in range(1, len(lines)) if CLOSING_FENCE.match(lines[i].rstrip("\r\n"))), None)
    if end is None:
        raise FileProblems(
            [
                Problem(
                    path,
                    1,
                    "the front matter that starts here is never closed. "
                    "Add a line of three dashes (---) after the last field.",
                )
            ]
        )
    meta = parse_content_yaml(path, "".join(lines[1:end]), 2, MAX_FRONT_MATTER, "the front matter")
    if not isinstance(meta.data, dict):
        raise FileProblems(
            [
                Problem(
                    path,
                    2,
                    "the front matter must be 'field: value' lines, one field a line. "
                    "Start from a template in archetypes/.",
                )
            ]
        )
    return Document(path, meta, "".join(lines[end + 1 :]), end + 2, text)


def parse_content_yaml(path: str, text: str, first_line: int, max_chars: int, what: str) -> Located:
    """Parse YAML an editor wrote: refuse what content never needs before building anything from it."""
    if len(text) > max_chars:
        raise FileProblems(
            [
                Problem(
                    path,
                    first_line,
                    f"{what} is {len(text):,} characters long, over the limit of "
                    f"{max_chars:,}. Shorten it: long text belongs in the body of a page.",
                )
            ]
        )
    refused = _refuse_hostile(text)
    if refused is not None:
        line, message = refused
        raise FileProblems([Problem(path, first_line + line, message)])
    return parse_yaml(path, text, first_line)


def _refuse_hostile(text: str) -> tuple[int, str] | None:
    """(line, message) for the first anchor, alias, tag or level too deep; None if there is none.

    A syntax error is left to `parse_yaml`, which words it for an editor.
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=FastTextDatesLoader):
            line = event.start_mark.line if event.start_mark else 0
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return line, (
                    "this line has a YAML anchor or alias (a value that starts with '&' or '*'). "
                    "Write the value out in full, and put a value that starts with '&' or '*' in quotes."
                )
            if getattr(event, "tag", None) is not None:
                return line, (
                    "this line has a YAML tag (a value that starts with '!'). Remove it, or put "
                    "a value that starts with '!' in quotes."
                )
            if isinstance(event, yaml.ScalarEvent) and _too_many_digits(event):
                return line, (
                    f"this number is {sum(c.isdigit() for c in event.value):,} digits long, over the limit of "
                    f"{MAX_DIGITS}. If it is meant as text, put it in quotes; no field needs a number that long."
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return line, TOO_DEEP
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as error:
        if "nesting depth" in str(error.problem):
            return (error.problem_mark.line if error.problem_mark else 0), TOO_DEEP
    except yaml.YAMLError:
        return None
    return None


def _too_many_digits(event: yaml.ScalarEvent) -> bool:
    """A plain scalar YAML would read as a whole number too long to convert (Python refuses past 4,300 digits)."""
    return not event.style and len(event.value) > MAX_DIGITS and bool(WHOLE_NUMBER.fullmatch(event.value))


def parse_yaml(
    path: str, text: str, first_line: int = 1, loader_class: type[yaml.SafeLoader] = TextDatesLoader
) -> Located:
    """Parse YAML strictly; `first_line` is the file line the text starts on.

    Pages are read with libyaml; text with any problem is read again in pure Python,
    since FRIENDLY_YAML rewords that parser's messages.
    """
    if loader_class is TextDatesLoader:
        try:
            return _parse(path, text, first_line, FastTextDatesLoader)
        except FileProblems:
            pass
    return _parse(path, text, first_line, loader_class)


def _parse(path: str, text: str, first_line: int, loader_class: type) -> Located:
    loader = None
    try:
        loader = loader_class(text)
        node = loader.get_single_node()
        if node is None:
            return Located(None, {}, first_line)
        found = _duplicate_keys(node, first_line) + joined_items(node, text.splitlines(), first_line)
        if found:
            raise FileProblems(Problem(path, line, f"{message}.") for line, message in sorted(found))
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        raise FileProblems([_syntax_problem(path, text, first_line, error)]) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + first_line
        code = error.character if isinstance(error.character, int) else ord(error.character)
        raise FileProblems(
            [
                Problem(
                    path,
                    line,
                    f"this line has a character YAML does not allow "
                    f"(U+{code:04X}), such as a control code pasted from another program. "
                    "Delete it and type the text again.",
                )
            ]
        ) from None
    except RecursionError:
        raise FileProblems([Problem(path, first_line, TOO_DEEP)]) from None
    finally:
        if loader is not None:
            loader.dispose()
    lines: dict[tuple, int] = {}
    written: dict[tuple, str] = {}
    _index_lines(node, (), first_line, lines, written)
    return Located(data, lines, first_line, written)


def _syntax_problem(path: str, text: str, first_line: int, error: yaml.MarkedYAMLError) -> Problem:
    """The line YAML stopped at, and what to do: first, whether it is out of line with the lines above."""
    mark = error.problem_mark or error.context_mark
    if "could not find expected ':'" in str(error.problem) and error.context_mark:
        mark = error.context_mark  # the line without a colon, not the line after it
    number = mark.line if mark else 0
    out_of_line = hint(text, number, first_line)
    if out_of_line:
        return Problem(path, number + first_line, f"{out_of_line}.")
    return Problem(path, number + first_line, f"this line is not valid YAML: {_friendly(error)}.")


def _friendly(error: yaml.MarkedYAMLError) -> str:
    problem = str(error.problem or error.context or "it could not be read")
    for known, plain in FRIENDLY_YAML.items():
        if known in problem:
            return plain
    return problem


def _duplicate_keys(node: yaml.Node, first_line: int) -> list[tuple[int, str]]:
    found = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + first_line
            if key.value in seen:
                found.append(
                    (
                        line,
                        f"the field '{key.value}' is given twice (first on line {seen[key.value]}). Keep one of them",
                    )
                )
            else:
                seen[key.value] = line
            found += _duplicate_keys(value, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _duplicate_keys(item, first_line)
    return found


def _index_lines(
    node: yaml.Node, loc: tuple, first_line: int, lines: dict[tuple, int], written: dict[tuple, str]
) -> None:
    lines[loc] = node.start_mark.line + first_line
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:str":
        written[loc] = node.value
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _index_lines(value, loc + (key.value,), first_line, lines, written)
            lines[loc + (key.value,)] = key.start_mark.line + first_line
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _index_lines(item, loc + (index,), first_line, lines, written)
