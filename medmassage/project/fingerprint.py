"""The fingerprint of what a page tells its readers: what a clinician reviews when they sign it.

A fingerprint is the SHA-256 of one canonical form (RFC 8785 JSON, through the `rfc8785` library)
of everything the page says about health:

- its body, as words in order: blank lines, line breaks and indentation do not count;
- its front matter as YAML parsed it, so layout, quoting and key order do not count, less the
  review record itself and the editors' own review schedule (`last_reviewed`, `next_review`,
  `review_every_months`), which tell a reader nothing about their health;
- each data file entry the page names (its body areas and benefits), as written;
- for each insert its body shows, the data it renders (the comparison table, the list of
  benefits) and the title, summary and links of each page it lists;
- for a page with warning signs, the emergency number and services those signs send readers to.

Text is compared word by word, so changing one word of a warning sign, a source or a benefit's
description changes the fingerprint, and re-flowing a paragraph does not (mkdocs-material and
Python-Markdown render both the same). Only a page that loaded without problems has one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import rfc8785

from ..model.references import cited
from . import markers
from .content import Content, Entry
from .settings import Emergency, Settings

VERSION = 1
"""Part of what is hashed: a change to what a fingerprint covers changes every fingerprint, knowingly."""
NOT_TOLD = frozenset({"clinical_review", "last_reviewed", "next_review", "review_every_months"})
"""Front matter fields that say nothing to a reader about their health, or that are the review itself."""
PREFIX = "sha256:"


def fingerprint(entry: Entry, content: Content, settings: Settings | None = None) -> str:
    """`sha256:` and the hexadecimal digest of the page's canonical form."""
    return PREFIX + hashlib.sha256(canonical(entry, content, settings)).hexdigest()


def canonical(entry: Entry, content: Content, settings: Settings | None = None) -> bytes:
    """The page's canonical form: RFC 8785 JSON, UTF-8, sorted keys, no insignificant whitespace."""
    return rfc8785.dumps(told(entry, content, settings))


def told(entry: Entry, content: Content, settings: Settings | None = None) -> dict[str, Any]:
    """Everything the page tells a reader about health, as plain JSON values."""
    meta = entry.document.meta.data
    payload: dict[str, Any] = {
        "version": VERSION,
        "body": words(entry.document.body),
        "front_matter": plain({key: value for key, value in meta.items() if key not in NOT_TOLD}),
        "data": list(_named_entries(entry, content)),
        "inserts": {name: _insert(name, content) for name in _inserts(entry, content)},
    }
    if meta.get("warning_signs") is not None:
        emergency = settings.emergency if settings else Emergency.model_validate({})
        payload["emergency"] = plain(emergency.model_dump(mode="json"))
    return payload


def words(text: str) -> str:
    """The words and marks of a text in order, one space between each."""
    return " ".join(text.split())


def plain(value: Any) -> Any:
    """Parsed YAML as JSON values, each text's words normalised as `words` does."""
    if isinstance(value, str):
        return words(value)
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if value is None or isinstance(value, bool | int):
        return value
    return str(value)  # a float or a date: as text, which RFC 8785 has no trouble with


def _named_entries(entry: Entry, content: Content) -> Iterator[dict[str, Any]]:
    """Each data file entry the page names (a body area, a benefit), as its file has it."""
    for citation in cited(entry.record):
        target = citation.field.reference.target
        if citation.field.reference.local or content.registry.data_file(target) is None:
            continue
        if target == "clinicians":  # the signer, already excluded with the review record
            continue
        yield {"file": target, "id": citation.id, "entry": _raw_entry(content, target, citation.id)}


def _raw_entry(content: Content, name: str, id_: str) -> Any:
    loaded = content.data.get(name)
    items = loaded.located.data if loaded else None
    if not isinstance(items, list):
        return None
    return plain(next((item for item in items if isinstance(item, dict) and item.get("id") == id_), None))


def _inserts(entry: Entry, content: Content) -> list[str]:
    names = [marker.name for marker in markers.markers(entry.document.body)]
    return sorted({name for name in names if name in content.registry.inserts})


def _insert(name: str, content: Content) -> dict[str, Any]:
    """What an insert shows: the data files it renders, and the pages it lists."""
    insert = content.registry.inserts[name]
    files = [insert.data_file] if insert.data_file else []
    shown: dict[str, Any] = {
        data_file: plain(content.data[data_file].located.data) if data_file in content.data else None
        for data_file in (*files, *insert.shows)
    }
    if insert.collection or insert.data_file:
        shown["pages"] = [_listed(page) for page in _listed_pages(content, insert.collection, insert.data_file)]
    return shown


def _listed_pages(content: Content, collection: str | None, data_file: str | None) -> list[Entry]:
    if collection:
        return [page for page in content.pages.values() if page.kind.name == collection]
    return [
        page
        for page in content.pages.values()
        if any(citation.field.reference.target == data_file for citation in cited(page.record))
    ]


def _listed(page: Entry) -> dict[str, Any]:
    """A page as a list shows it: its title and summary, and what it links to (the matrix's ticks)."""
    return {
        "path": page.path,
        "title": words(page.record.title),
        "summary": words(page.record.summary),
        "names": sorted(
            f"{c.field.name}={c.id}"
            for c in cited(page.record)
            if not c.field.reference.local and c.field.reference.target != "clinicians"
        ),
    }
