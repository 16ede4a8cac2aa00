"""Loading: every page and data file, parsed once, into one content model.

A load never stops at bad content. A file that cannot be used raises `FileProblems` from
whichever step finds out; `load` catches it in one place, records the problems and goes on,
so that all problems reach the editor at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..model.problems import FileProblems, Problem
from ..model.registry import Collection, DataFile, Registry
from ..model.schema import FrontMatter
from .frontmatter import MAX_DATA_FILE, Document, Located, decode, parse_content_yaml, split
from .validation import validate, validate_fields


@dataclass(frozen=True)
class Entry:
    """A page of the site: where it is, its kind, its parsed text, and its validated record."""

    path: str
    kind: Collection
    document: Document
    record: FrontMatter
    problems: tuple[Problem, ...] = ()
    """What was wrong with its front matter, when the record could be made from its other fields."""
    dropped: frozenset[str] = frozenset()
    """The fields left out of the record because they were wrong: nothing can be known of them."""

    @property
    def stem(self) -> str:
        return PurePosixPath(self.path).stem

    @property
    def id(self) -> str:
        """The page's id: its `id:` field in a collection (which must match its file name), else its file name."""
        return str(getattr(self.record, "id", self.stem))


@dataclass(frozen=True)
class Data:
    """A data file: its declaration, its parsed YAML with lines, and its validated value."""

    declared: DataFile
    located: Located
    value: Any

    @property
    def path(self) -> str:
        return self.declared.path


@dataclass
class Content:
    """Everything loaded from docs/ and data/, and the problems found on the way."""

    registry: Registry
    pages: dict[str, Entry] = field(default_factory=dict)
    data: dict[str, Data] = field(default_factory=dict)
    """Each data file that loaded, by its name in the registry, such as `benefits`."""
    problems: list[Problem] = field(default_factory=list)
    unparsed: set[str] = field(default_factory=set)
    """Pages that exist but could not be loaded: other checks must not report them as missing."""
    unusable_data: set[str] = field(default_factory=set)

    def value(self, name: str, default: Any = None) -> Any:
        """The value of a data file, or `default` if it did not load."""
        loaded = self.data.get(name)
        return loaded.value if loaded else default

    def misnamed_ids(self, collection: str) -> set[str]:
        """The file names of a collection's pages whose id differs from it (reported once, at the id).

        Other pages may name such a page by its file name; that is not a second mistake.
        """
        return {entry.stem for entry in self.pages.values() if entry.kind.name == collection and entry.id != entry.stem}

    def unknown_field(self, collection: str, field: str) -> bool:
        """Whether some page of a collection did not load, or left `field` out as wrong: what it names is unknown."""
        return bool(self.unparsed_ids(collection)) or any(
            field in entry.dropped for entry in self.pages.values() if entry.kind.name == collection
        )

    def unparsed_ids(self, collection: str) -> set[str]:
        """The ids of a collection's pages that failed to load: by the naming rule, their file names."""
        return {PurePosixPath(path).stem for path in self.unparsed if self.registry.kind_of(path).name == collection}


class LoadCache:
    """Each file's load and each page's own problems in the last check, kept for the next, so that
    `mkdocs serve` works again only on what changed.

    A load reads nothing but the file's path, its bytes and its kind's model, and the key holds all
    three (a kind is its own object: a changed `content_types` module declares new ones). A page's
    own problems (its claims, markup, reading level) are kept while its load is the very same one.
    Nothing outlives a change of code or settings: each check starts with a fingerprint of the
    registry (a new one for each version of a `content_types` module) and of the whole config
    file, and a different one empties the cache. The package's own code cannot change under it:
    a Python process runs the code it imported, and the cache lives only as long as the process.
    Only the last check's results are kept.
    """

    def __init__(self) -> None:
        self.fingerprint: object = None
        self.last: dict[tuple, Any] = {}
        self.now: dict[tuple, Any] = {}

    def start(self, fingerprint: object) -> None:
        """Begin a check; results carry over only from a check with the same fingerprint."""
        self.last = self.now if fingerprint == self.fingerprint else {}
        self.fingerprint, self.now = fingerprint, {}

    def attempt(self, content: Content, load_file: Callable[..., Any], *args: Any) -> Any:
        key = (load_file, *args)
        value, problems = self.now[key] = self.last[key] if key in self.last else _outcome(load_file, *args)
        content.problems.extend(problems)
        return value

    def page_problems(self, rule: str, entry: Entry, check: Callable[[Entry], Iterable[Problem]]) -> list[Problem]:
        """What a rule that reads only this page finds there; worked out again for a page loaded afresh."""
        key = (rule, entry.path)
        kept = self.last.get(key)
        problems = kept[1] if kept is not None and kept[0] is entry else list(check(entry))
        self.now[key] = (entry, problems)
        return problems


def load(
    pages: Iterable[tuple[str, bytes]],
    data: Iterable[tuple[str, bytes]],
    registry: Registry,
    cache: LoadCache | None = None,
) -> Content:
    """Load (docs-relative path, bytes) pairs for pages and (data path, bytes) for data files."""
    content = Content(registry)
    attempt = cache.attempt if cache else _attempt
    for path, raw in pages:
        entry = attempt(content, load_page, path, raw, registry.kind_of(path))
        if entry is None:
            content.unparsed.add(path)
        else:
            content.pages[path] = entry
            content.problems.extend(entry.problems)
    declared = {d.file: d for d in registry.data_files}
    for path, raw in data:
        data_file = declared.get(PurePosixPath(path).name)
        if data_file is None:
            continue
        loaded = attempt(content, load_data, data_file, raw)
        if loaded is None:
            content.unusable_data.add(data_file.name)
        else:
            content.data[data_file.name] = loaded
    for data_file in registry.data_files:
        if data_file.required and data_file.name not in content.data.keys() | content.unusable_data:
            content.problems.append(Problem(data_file.path, 1, "this data file is missing. Restore it from git."))
            content.unusable_data.add(data_file.name)
    return content


def _attempt(content: Content, load_file: Callable[..., Any], *args: Any) -> Any:
    """A file's value, or None with its problems recorded."""
    value, problems = _outcome(load_file, *args)
    content.problems.extend(problems)
    return value


def _outcome(load_file: Callable[..., Any], *args: Any) -> tuple[Any, list[Problem]]:
    """The one place where a file's problems are caught: (its value, []) or (None, its problems)."""
    try:
        return load_file(*args), []
    except FileProblems as failed:
        return None, failed.problems


def load_page(path: str, raw: bytes, kind: Collection) -> Entry:
    document = split(path, decode(path, raw))
    record, problems, dropped = validate_fields(kind.model, document.meta, path)
    if record is None:
        raise FileProblems(problems)
    return Entry(path, kind, document, record, tuple(problems), dropped)


def load_data(data_file: DataFile, raw: bytes) -> Data:
    path = data_file.path
    text = decode(path, raw)
    located = parse_content_yaml(path, text, 1, MAX_DATA_FILE, "this data file")
    return Data(data_file, located, validate(data_file.shape, located, path))
