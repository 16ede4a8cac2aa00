"""Loading: every page and data file, parsed once, into one content model.

A load never raises for bad content. Each file yields either its record or the
problems that stop it from being one, so that all problems reach the editor at once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from .frontmatter import MAX_DATA_FILE, Document, Located, decode, parse_content_yaml, split
from .problems import Problem
from .schema import DATA_FILES, Benefit, BodyArea, Comparison, Condition, Page, Technique
from .validation import validate

KIND_BY_FOLDER: dict[str, type[Page]] = {"conditions": Condition, "techniques": Technique}


@dataclass(frozen=True)
class Entry:
    """A page of the site: where it is, its parsed text, and its validated record."""

    path: str
    document: Document
    record: Page

    @property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem


@dataclass(frozen=True)
class DataFile:
    path: str
    located: Located
    value: Any
    text: str


@dataclass
class Content:
    """Everything loaded from docs/ and data/, and the problems found on the way."""

    pages: dict[str, Entry] = field(default_factory=dict)
    data: dict[str, DataFile] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    unparsed: set[str] = field(default_factory=set)
    """Pages that exist but could not be loaded: other checks must not report them as missing."""
    unusable_data: set[str] = field(default_factory=set)

    @property
    def body_areas(self) -> list[BodyArea]:
        return self._data_value("body_areas.yml", [])

    @property
    def benefits(self) -> list[Benefit]:
        return self._data_value("benefits.yml", [])

    @property
    def comparison(self) -> Comparison | None:
        return self._data_value("comparison.yml", None)

    def _data_value(self, name: str, default: Any) -> Any:
        loaded = self.data.get(name)
        return loaded.value if loaded else default


def kind_of(path: str) -> type[Page]:
    """Pages in conditions/ and techniques/ are topics; their index pages and all others are plain pages."""
    parts = PurePosixPath(path).parts
    if len(parts) == 2 and parts[1] != "index.md":
        return KIND_BY_FOLDER.get(parts[0], Page)
    return Page


def load(pages: Iterable[tuple[str, bytes]], data: Iterable[tuple[str, bytes]]) -> Content:
    """Load (docs-relative path, bytes) pairs for pages and (data path, bytes) for data files."""
    content = Content()
    for path, raw in pages:
        _add(content, path, load_page(path, raw))
    for path, raw in data:
        name = PurePosixPath(path).name
        if name in DATA_FILES:
            _add(content, path, load_data_file(path, raw, DATA_FILES[name]), key=name)
    for name in sorted(DATA_FILES.keys() - content.data.keys() - content.unusable_data):
        content.problems.append(Problem(f"data/{name}", 1, "this data file is missing. Restore it from git."))
        content.unusable_data.add(name)
    return content


def _add(content: Content, path: str, loaded: Entry | DataFile | list[Problem], key: str = "") -> None:
    if isinstance(loaded, list):
        content.problems.extend(loaded)
        if key:
            content.unusable_data.add(key)
        else:
            content.unparsed.add(path)
    elif isinstance(loaded, DataFile):
        content.data[key] = loaded
    else:
        content.pages[path] = loaded


def unparsed_ids(content: Content) -> set[str]:
    """The ids of topic pages that failed to load: by the naming rule, their file names."""
    return {PurePosixPath(path).stem for path in content.unparsed if kind_of(path) is not Page}


def load_page(path: str, raw: bytes) -> Entry | list[Problem]:
    text = decode(path, raw)
    if isinstance(text, list):
        return text
    document = split(path, text)
    if isinstance(document, list):
        return document
    record, problems = validate(kind_of(path), document.meta, path)
    return problems or Entry(path, document, record)


def load_data_file(path: str, raw: bytes, shape: Any) -> DataFile | list[Problem]:
    text = decode(path, raw)
    if isinstance(text, list):
        return text
    located = parse_content_yaml(path, text, 1, MAX_DATA_FILE, "this data file")
    if isinstance(located, list):
        return located
    value, problems = validate(shape, located, path)
    return problems or DataFile(path, located, value, text)
