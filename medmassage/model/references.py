"""References between records, declared in the schema and found by walking the models.

A field whose value names another record says so in its type, and nowhere else:

    techniques: list[Annotated[Id, Reference("techniques")]]       # a page of the techniques collection
    techniques: list[Annotated[Link, Reference("techniques")]]     # the same, by a record's `id`, with details
    body_areas: list[Annotated[Id, Reference("body_areas")]]       # an entry of data/body_areas.yml
    sources: list[Annotated[Id, Reference("sources", local=True)]]  # an entry of this page's own `sources`

The check and the link graph find every such field here, so a new reference field is checked
and indexed as soon as a model declares it (Astro's `reference('collection')`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel


@dataclass(frozen=True)
class Reference:
    """Field metadata: the value is the id of a page in collection `target`, or of an entry of data file `target`.

    With `local`, the id names an entry of the list field `target` of the same page, such as its `sources`.
    """

    target: str
    local: bool = False


@dataclass(frozen=True)
class ReferenceField:
    """Where a model holds references: field names, with None for "each item of a list"."""

    path: tuple[str | None, ...]
    reference: Reference

    @property
    def name(self) -> str:
        """The field as an editor writes it, such as `warning_signs.urgent.sources`."""
        return ".".join(part for part in self.path if part is not None)


@dataclass(frozen=True)
class Cited:
    """One id that a record names: where (its YAML location), through which field, and the id."""

    loc: tuple
    field: ReferenceField
    id: str


@cache
def reference_fields(model: type[BaseModel]) -> tuple[ReferenceField, ...]:
    """Every reference field of a model, nested models and lists included."""
    found = (
        found for name, info in model.model_fields.items() for found in _walk(info.annotation, info.metadata, (name,))
    )
    return tuple(dict.fromkeys(found))  # a union of two referring types (an id, or a record with one) is one field


def _walk(annotation: Any, metadata: list, path: tuple) -> Iterator[ReferenceField]:
    for item in metadata:
        if isinstance(item, Reference):
            yield ReferenceField(path, item)
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        yield from _walk(args[0], list(args[1:]), path)
    elif origin in (list, tuple, set, frozenset):
        for arg in args:
            if arg is not Ellipsis:
                yield from _walk(arg, [], path + (None,))
    elif origin in (Union, UnionType):
        for arg in args:
            yield from _walk(arg, [], path)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        for field in reference_fields(annotation):
            yield ReferenceField(path + field.path, field.reference)


def cited(record: BaseModel) -> Iterator[Cited]:
    """Every id that `record` names through a reference field, in the order of its fields."""
    for field in reference_fields(type(record)):
        yield from _values(record, field.path, (), field)


def _values(value: Any, path: tuple, loc: tuple, field: ReferenceField) -> Iterator[Cited]:
    if value is None:
        return
    if not path:
        if isinstance(value, str):
            yield Cited(loc, field, value)
        elif isinstance(value, BaseModel) and isinstance(id_ := getattr(value, "id", None), str):
            yield Cited(loc + ("id",), field, id_)  # a record that refers by its id, with details
        return
    step, rest = path[0], path[1:]
    if step is None:
        for index, item in enumerate(value):
            yield from _values(item, rest, loc + (index,), field)
    else:
        yield from _values(getattr(value, step, None), rest, loc + (step,), field)
