"""Turn pydantic's validation errors into plain-English problems at a file and line."""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..model.problems import FileProblems, Problem, did_you_mean
from ..model.schema import DOI_PATTERN, PLAIN_TEXT
from .frontmatter import Located

DATE = "should be a date written as YYYY-MM-DD, for example 2026-11-27"
PLAIN = {
    "missing": "is missing. Add it",
    "date_from_datetime_parsing": DATE,
    "date_from_datetime_inexact": DATE,
    "date_parsing": DATE,
    "date_type": DATE,
    "int_parsing": "should be a whole number, written in digits",
    "int_from_float": "should be a whole number, written in digits",
    "int_type": "should be a whole number, written in digits",
    "bool_parsing": "should be true or false",
    "bool_type": "should be true or false",
    "string_type": "should be text. Write it after the colon",
    "list_type": "should be a list (one '- item' per line, or [a, b])",
    "model_type": "should be a group of 'field: value' lines, indented under its name",
    "string_pattern_mismatch": "should use only lowercase letters, digits and hyphens, like 'back-and-neck-pain'",
    "url_parsing": "should be a full web address starting with https://",
    "url_scheme": "should be a full web address starting with https://",
}


EMPTY = {
    "list_type": "is empty. List its items under it, one '- item' a line, indented further than its name",
    "model_type": "is empty. Write its fields under it, one 'field: value' a line, indented further than its name",
}
"""What to do about a field left blank after its colon, which YAML reads as no value at all."""
EMPTY_VALUE = "is empty. Write its value after the colon"


def validate(shape: Any, meta: Located, path: str, unknown: str = "is not a field this page can have") -> Any:
    """Validate parsed YAML against a model (or a list of one); raise `FileProblems` if it does not fit.

    `unknown` words the problem of a field the model does not have.
    """
    try:
        return _adapter(shape).validate_python(meta.data)
    except ValidationError as errors:
        raise FileProblems(_problem(shape, meta, path, error, unknown) for error in errors.errors()) from None


def validate_fields(shape: type[BaseModel], meta: Located, path: str) -> tuple[Any, list[Problem], frozenset[str]]:
    """Validate front matter field by field: (the record, its problems, the fields left out of it).

    A mistake in one field (an unknown one, a misspelt value) is reported, and the record is made
    from the others, so that the page's other problems (its references, its links) are found in the
    same run. When what is left still does not make a record (a required field is wrong), the
    record is None and only the problems are known.
    """
    try:
        return _adapter(shape).validate_python(meta.data), [], frozenset()
    except ValidationError as errors:
        found = errors.errors()
    problems = [_problem(shape, meta, path, error, "is not a field this page can have") for error in found]
    if not isinstance(meta.data, dict):
        return None, problems, frozenset()
    dropped = frozenset(str(error["loc"][0]) for error in found if error["loc"])
    try:
        record = _adapter(shape).validate_python({k: v for k, v in meta.data.items() if k not in dropped})
    except ValidationError:
        return None, problems, dropped
    return record, problems, dropped


@cache
def _adapter(shape: Any) -> TypeAdapter:
    return TypeAdapter(shape)


def _problem(shape: Any, meta: Located, path: str, error: Mapping[str, Any], unknown: str) -> Problem:
    loc = tuple(error["loc"])
    line = meta.line_of(loc)
    if error["type"] == "extra_forbidden":
        name = str(loc[-1])
        hint = did_you_mean(name, _fields_at(shape, loc[:-1]))
        return Problem(path, line, f"'{name}' {unknown}.{hint or ' Remove it.'}")
    where = _describe(loc)
    plain = _as_written(error, meta.written.get(loc)) or _plain(error)
    if plain:
        return Problem(path, line, f"{where} {plain}." if where else f"this file {plain}.")
    message = _lower_first(error["msg"].removeprefix("Value error, "))
    return Problem(path, line, f"{where}: {message}." if where else f"{message[:1].upper()}{message[1:]}.")


def _as_written(error: Mapping[str, Any], written: str | None) -> str | None:
    """What to do about a value YAML did not read as the editor meant: `yes` as true, `12:30` as a number, a blank."""
    value = error.get("input")
    if value is None and error["type"].endswith("_type"):
        return EMPTY.get(error["type"], EMPTY_VALUE)
    if error["type"] == "string_type" and written is not None and isinstance(value, bool):
        return (
            f"should be text, but YAML reads {written}, written without quotes, as true or false. "
            f'Put it in quotes: "{written}"'
        )
    if error["type"] == "string_type" and written is not None and isinstance(value, int | float):
        return (
            f"should be text, but YAML reads {written}, written without quotes, as a number. "
            f'Put it in quotes: "{written}"'
        )
    if error["type"].startswith("date_") and isinstance(value, str):
        return _impossible_date(value.strip())
    return None


def _impossible_date(value: str) -> str | None:
    """Why a date written as YYYY-MM-DD does not exist, such as 2026-02-30."""
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if not match:
        return None
    year, month, day = map(int, match.groups())
    if not 1 <= month <= 12:
        return f"is {value}, but there is no month {match[2]}. Write the month as 01 to 12, in YYYY-MM-DD order"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return (
            f"is {value}, a day that does not exist: {calendar.month_name[month]} {year} has {days} days. "
            "Check the date"
        )
    return None


def _plain(error: Mapping[str, Any]) -> str | None:
    context = error.get("ctx") or {}
    if error["type"] == "too_short":
        count = context.get("min_length", 1)
        return f"needs at least {count} {'entry' if count == 1 else 'entries'}. Add {'one' if count == 1 else 'them'}"
    if error["type"] == "string_pattern_mismatch" and context.get("pattern") == PLAIN_TEXT:
        if "<" in str(error.get("input")) or ">" in str(error.get("input")):
            return "should be plain text: remove the < and > characters"
        return "should be plain text: remove the control characters (such as escape codes)"
    if error["type"] == "string_pattern_mismatch" and context.get("pattern") == DOI_PATTERN:
        return (
            "should be a DOI such as 10.1002/14651858.CD004871.pub5, with nothing before the 10. "
            "and only letters, digits and - . _ ; ( ) / : after it"
        )
    if error["type"] == "string_too_short" and context.get("min_length") == 1:
        return "is empty. Write it in"
    if error["type"] == "string_too_short":
        return f"is too short: write at least {context.get('min_length')} characters"
    if error["type"] == "literal_error":
        return f"should be {context.get('expected')}"
    if error["type"] == "string_too_long":
        return f"is too long: keep it under {context.get('max_length')} characters"
    if error["type"] == "greater_than_equal":
        return f"should be {context['ge']} or more"
    if error["type"] == "less_than_equal":
        return f"should be {context['le']} or less"
    return PLAIN.get(error["type"])


def _describe(loc: tuple) -> str:
    """('sources', 1, 'year') becomes "the field 'year' of source 2"."""
    if not loc:
        return ""
    field = f"the field '{loc[-1]}'" if isinstance(loc[-1], str) else f"item {loc[-1] + 1}"
    parents = [
        f"item {part + 1} of '{loc[i - 1]}'" if i else f"item {part + 1}"
        for i, part in enumerate(loc[:-1])
        if isinstance(part, int)
    ]
    if not parents and len(loc) > 1:
        parents = [f"'{loc[-2]}'"]
    return f"{field} in {parents[-1]}" if parents else field


def _fields_at(shape: Any, loc: tuple) -> list[str]:
    """The field names allowed at `loc`, for 'did you mean'."""
    current = _model_in(shape)
    for part in loc:
        if isinstance(part, str) and current is not None and part in current.model_fields:
            current = _model_in(current.model_fields[part].annotation)
    return list(current.model_fields) if current else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model inside an annotation such as `list[Source]` or `SafetyNote | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_model_in, get_args(annotation))), None)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
