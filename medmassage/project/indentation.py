"""Which line of a YAML block is out of line, and by how much.

YAML reads structure from indentation, so one space too many or too few changes what a line
means, and the parser's own words are about what it found ("mapping values are not allowed
here"), not about what the editor did. These helpers compare the line with the lines above it
and say which item is out of line, and how far, in words an editor can act on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import yaml

KEY = re.compile(r"^(?P<indent> *)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*) *:(?: |$)")
ITEM = re.compile(r"^(?P<indent> *)- ")


@dataclass(frozen=True)
class Key:
    """A field name that starts a line, such as `title:` or `- id:`."""

    name: str
    column: int
    """Where the name starts: after the dash of a list item."""
    dash: bool
    end: int
    """Where what follows the colon starts."""


@dataclass(frozen=True)
class Line:
    number: int
    """Counted from 0 in the text."""
    text: str

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))

    @cached_property
    def key(self) -> Key | None:
        match = KEY.match(self.text)
        return Key(match["key"], match.start("key"), bool(match["dash"]), match.end()) if match else None

    @property
    def key_column(self) -> int | None:
        """Where the field name starts: after the dash of a list item such as `- id: nhs`."""
        return self.key.column if self.key else None

    @property
    def has_value(self) -> bool:
        rest = self.text[self.key.end :] if self.key else ""
        return bool(rest.strip() and not rest.lstrip().startswith("#"))

    @property
    def shown(self) -> str:
        text = self.text.strip()
        return text if len(text) <= 40 else text[:39] + "…"


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _lines_above(lines: list[str], number: int) -> list[Line]:
    """The lines above `number`, nearest first, without blank lines and comments."""
    above = []
    for index in range(number - 1, -1, -1):
        text = lines[index].rstrip()
        if text.strip() and not text.lstrip().startswith("#"):
            above.append(Line(index, text))
    return above


def hint(text: str, number: int, first_line: int = 1) -> str | None:
    """Why line `number` (from 0) is out of line with the lines above it, or None if it is not.

    `first_line` is the file line the text starts on, for the line numbers the message names.
    """
    lines = text.splitlines()
    if number >= len(lines):
        return None
    line, above = Line(number, lines[number].rstrip()), _lines_above(lines, number)
    if not above:
        return None
    if ITEM.match(line.text):
        return _item_hint(line, above, first_line)
    if line.key:
        return _field_hint(line, above, first_line)
    return None


def _item_hint(line: Line, above: list[Line], first_line: int) -> str | None:
    """A list item (`- …`) whose dash is not under the dash of the item before it."""
    for other in above:
        if other.indent < line.indent - 4 or (not ITEM.match(other.text) and other.indent < line.indent):
            return None
        if ITEM.match(other.text) and other.indent != line.indent and abs(other.indent - line.indent) <= 4:
            how = "more" if line.indent > other.indent else "fewer"
            return (
                f"this list item is indented {_spaces(abs(line.indent - other.indent))} {how} than the item "
                f"on line {other.number + first_line} ('{other.shown}'). Line up its dash (-) with that one"
            )
        if ITEM.match(other.text):
            return None
    return None


def _field_hint(line: Line, above: list[Line], first_line: int) -> str | None:
    """A field that lines up with no field above it, or sits deeper than a field that already has a value."""
    if line.key is None:
        return None
    column, name = line.key.column, line.key.name
    previous = next((other for other in above if other.key), None)
    if previous is None or previous.key is None:
        return None
    if column > previous.key.column and previous.has_value:
        return (
            f"'{name}:' is indented {_spaces(column - previous.key.column)} more than '{previous.key.name}:' "
            f"on line {previous.number + first_line}. Line it up with '{previous.key.name}:'"
        )
    levels = _open_levels(above)
    if column in {level for level, _ in levels}:
        return None
    level, other = min(levels, key=lambda item: abs(item[0] - column))
    how = "more" if column > level else "fewer"
    other_name = other.key.name if other.key else ""
    return (
        f"'{name}:' is indented {_spaces(abs(column - level))} {how} than '{other_name}:' on line "
        f"{other.number + first_line}, so it lines up with no field above it. Line it up with the field it "
        "belongs with"
    )


def _open_levels(above: list[Line]) -> list[tuple[int, Line]]:
    """(column, line) of each field that a new field may line up with: the fields it could be beside."""
    levels: list[tuple[int, Line]] = []
    deepest = None
    for other in above:
        if other.key is None or (deepest is not None and other.key.column >= deepest):
            continue
        levels.append((other.key.column, other))
        deepest = other.indent if other.key.dash else other.key.column
    return levels


def joined_items(node: yaml.Node, lines: list[str], first_line: int) -> list[tuple[int, str]]:
    """(file line, message) for each list item that YAML read as the end of the value above it.

    A `- item` indented further than the item before it is not an error to YAML: it continues
    the plain text above, so `- a` and `   - b` become the one value "a - b".
    """
    found = []
    if isinstance(node, yaml.ScalarNode) and not node.style and node.end_mark.line > node.start_mark.line:
        start = Line(node.start_mark.line, lines[node.start_mark.line])
        if not ITEM.match(start.text):
            return []
        for index in range(start.number + 1, min(node.end_mark.line, len(lines) - 1) + 1):
            line = Line(index, lines[index])
            if ITEM.match(line.text):
                value = node.value if len(node.value) <= 80 else node.value[:79] + "…"
                found.append(
                    (
                        index + first_line,
                        (
                            f"this list item is indented {_spaces(line.indent - start.indent)} more "
                            f"than the item on line "
                            f"{start.number + first_line} ('{start.shown}'), so YAML reads both as one value, "
                            f"'{value}'. "
                            "Line up its dash (-) with that one"
                        ),
                    )
                )
                break
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            found += joined_items(value, lines, first_line)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += joined_items(item, lines, first_line)
    return found
