"""The kinds of page and the data files of the site, each declared once.

A collection is a kind of page: a folder under docs/ whose pages share a model (the front
matter they must have), a layout, an archetype for `python -m medmassage new`, a navigation
section and a JSON Schema file. A data file is a YAML file under data/ with its shape.
Loading, the link graph, the check, rendering, the schema export and `new` all read these
declarations, so none of them lists the kinds again (Astro's `defineCollection`).

Adding a kind of page takes one `Collection` here (or in a project's own module, see
`load_registry`), its model in schema.py, its layout in templates/ (or the shared
`topic.md.j2`) and its archetype in archetypes/.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from types import MappingProxyType
from typing import Any

from .schema import Benefit, BodyArea, Clinician, Comparison, Condition, FrontMatter, Technique


@dataclass(frozen=True)
class Related:
    """A list of linked pages that each page of a collection shows under `heading`.

    Without `of`, the list holds the pages this page names in its reference field `field`.
    With `of`, it holds the pages of collection `of` that name this page in their field
    `field`: the reverse relation, derived and never typed. `required` makes an empty list an
    error, worded for the page that has none.
    """

    heading: str
    field: str
    of: str | None = None
    required: bool = False


@dataclass(frozen=True)
class About:
    """What a page of a collection is about, as a schema.org type, for its structured data.

    `links` maps a schema.org property to a reference field whose pages it names (a
    condition's `possibleTreatment` is its `techniques`), only those linked with sources;
    `values` maps a property to a dotted attribute of the record whose items it lists.
    """

    type: str
    links: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    values: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, eq=False)
class Collection:
    """A kind of page, declared once.

    `name` is the folder under docs/ and the name that references use (`Reference("techniques")`);
    `noun` names one page: `new technique`, archetypes/technique.md, schema/technique.schema.json.
    `section` is the navigation section new pages go under, and the label of lists of these pages.
    Two declarations are the same kind only if they are the same object.
    """

    name: str
    noun: str
    model: type[FrontMatter]
    section: str
    layout: str = "topic.md.j2"
    related: tuple[Related, ...] = ()
    about: About | None = None

    @property
    def folder(self) -> str:
        return self.name

    @property
    def archetype(self) -> str:
        return f"archetypes/{self.noun}.md"

    @property
    def schema_file(self) -> str:
        return f"{self.noun}.schema.json"


PAGES = Collection("pages", "page", FrontMatter, section="", layout="page.md.j2")
"""Every page that is in no collection: the home page, an index page, the benefits page."""


@dataclass(frozen=True)
class DataFile:
    """A YAML file under data/, its shape, and whether its entries label the pages that cite them as tags."""

    name: str
    shape: Any
    tags: bool = False
    required: bool = True
    """Without it, a missing file is an empty list: a site may have no clinicians yet."""

    @property
    def file(self) -> str:
        return f"{self.name}.yml"

    @property
    def path(self) -> str:
        return f"data/{self.file}"


TAGS_LIST = "tags-list.md.j2"


@dataclass(frozen=True)
class Insert:
    """A generated part that a page asks for with `<!-- insert: name -->`, and the template that renders it.

    An insert with a `collection` lists that collection's pages; one with a `data_file`, for each
    entry of that file, the pages that name it. Either may be split when long (listings.py).
    """

    name: str
    template: str
    collection: str | None = None
    data_file: str | None = None
    shows: tuple[str, ...] = ()
    """Data files its template reads besides `data_file`: what a clinician reviews with the page (fingerprint.py)."""


@dataclass(frozen=True)
class Registry:
    collections: tuple[Collection, ...]
    data_files: tuple[DataFile, ...]
    extra_inserts: tuple[Insert, ...] = ()
    templates: tuple[Path, ...] = ()
    """Template folders searched before the package's own, for kinds declared outside the package."""

    def __post_init__(self) -> None:
        names = [c.name for c in self.collections] + [d.name for d in self.data_files]
        twice = {name for name in names if names.count(name) > 1}
        if twice:
            raise ValueError(f"declared twice in the registry: {', '.join(sorted(twice))}")
        for collection in self.collections:
            if "id" not in collection.model.model_fields:
                raise ValueError(f"the model of the {collection.name} collection needs an id field")

    @property
    def kinds(self) -> tuple[Collection, ...]:
        """Every collection, then the plain pages."""
        return (*self.collections, PAGES)

    def kind_of(self, path: str) -> Collection:
        """A page directly in a collection's folder belongs to it, except the folder's index page."""
        parts = PurePosixPath(path).parts
        if len(parts) == 2 and parts[1] != "index.md":
            return next((c for c in self.collections if c.folder == parts[0]), PAGES)
        return PAGES

    def collection(self, name: str) -> Collection | None:
        return next((c for c in self.collections if c.name == name), None)

    def kind(self, noun: str) -> Collection | None:
        return next((c for c in self.collections if c.noun == noun), None)

    @property
    def tags(self) -> DataFile | None:
        """The data file whose entries tag the pages that name them (the body areas), if there is one."""
        return next((d for d in self.data_files if d.tags), None)

    def data_file(self, name: str) -> DataFile | None:
        return next((d for d in self.data_files if d.name == name), None)

    @property
    def inserts(self) -> dict[str, Insert]:
        """Every insert by name: a list of each collection's pages, of the pages under each tag, then the others."""
        lists = [Insert(f"{c.name}-list", "list.md.j2", c.name) for c in self.collections]
        tags = [
            Insert(f"{d.name.replace('_', '-')}-list", TAGS_LIST, data_file=d.name) for d in self.data_files if d.tags
        ]
        return {insert.name: insert for insert in (*lists, *tags, *self.extra_inserts)}

    def extend(
        self,
        collections: Iterable[Collection] = (),
        data_files: Iterable[DataFile] = (),
        inserts: Iterable[Insert] = (),
        templates: Iterable[Path] = (),
    ) -> Registry:
        """This registry with more kinds, data files, inserts or template folders."""
        return replace(
            self,
            collections=(*self.collections, *collections),
            data_files=(*self.data_files, *data_files),
            extra_inserts=(*self.extra_inserts, *inserts),
            templates=(*templates, *self.templates),
        )


CONDITIONS = Collection(
    "conditions",
    "condition",
    Condition,
    section="Conditions",
    related=(Related("Techniques therapists use", field="techniques"),),
    about=About("MedicalCondition", links={"possibleTreatment": "techniques"}),
)
TECHNIQUES = Collection(
    "techniques",
    "technique",
    Technique,
    section="Techniques",
    related=(Related("Used for these conditions", field="techniques", of="conditions", required=True),),
    about=About("MedicalTherapy", values={"contraindication": "precautions.items"}),
)

SITE = Registry(
    collections=(CONDITIONS, TECHNIQUES),
    data_files=(
        DataFile("body_areas", list[BodyArea], tags=True),
        DataFile("benefits", list[Benefit]),
        DataFile("comparison", Comparison),
        DataFile("clinicians", list[Clinician], required=False),
    ),
    extra_inserts=(
        Insert("benefits-list", "benefits-list.md.j2", data_file="benefits"),
        Insert("comparison-table", "comparison-table.md.j2", shows=("comparison",)),
        Insert("condition-technique-matrix", "matrix.md.j2", collection="conditions"),
        Insert("urgent-help", "urgent-help.md.j2"),
    ),
)
"""The site's kinds of page and data files."""


class RegistryError(Exception):
    """A project's own registry module could not be used; the message says why, for a maintainer."""


def load_registry(module_file: Path | None) -> Registry:
    """The site's registry, or the one a project declares in its own module.

    A project adds kinds without editing this package: `extra.content_types` in mkdocs.yml names
    a Python file beside mkdocs.yml that sets `REGISTRY`, usually `SITE.extend(...)`.
    """
    if module_file is None:
        return SITE
    return _load_module_registry(module_file, module_file.stat().st_mtime_ns)


@lru_cache(maxsize=4)
def _load_module_registry(module_file: Path, modified: int) -> Registry:
    """Read once per version of the file: `mkdocs serve` rebuilds often, and each new model class costs memory."""
    spec = importlib.util.spec_from_file_location(f"_content_types_{module_file.stem}", module_file)
    if spec is None or spec.loader is None:
        raise RegistryError(f"{module_file.name} could not be loaded as a Python module.")
    module = importlib.util.module_from_spec(spec)
    try:
        spec.loader.exec_module(module)
    except Exception as error:  # a maintainer's module: say what went wrong, with no traceback
        raise RegistryError(f"{module_file.name} could not be loaded: {type(error).__name__}: {error}") from None
    registry = getattr(module, "REGISTRY", None)
    if not isinstance(registry, Registry):
        raise RegistryError(f"{module_file.name} must set REGISTRY to a Registry, such as SITE.extend(...)")
    return registry
