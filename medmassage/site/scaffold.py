"""`python -m medmassage new condition <id> --title "…"`: a new page from its archetype, listed in the navigation.

The page is a copy of its kind's archetype (`archetypes/<noun>.md`, see registry.py) with its
id, title and review date filled in.
The navigation gets one new line, inserted as text, so that the comments and `!ENV` tags
of mkdocs.yml stay as they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from ..model.registry import Collection, Registry
from ..model.reviews import add_months
from ..model.schema import Id
from ..project.config import Project, load_project

NAV = re.compile(r"^nav:[ \t]*(#.*)?$")
SECTION = re.compile(r"^(?P<indent>[ \t]*)-[ \t]+(?P<quote>['\"]?)(?P<name>.+?)(?P=quote)[ \t]*:[ \t]*(#.*)?$")
ITEM = re.compile(r"^(?P<indent>[ \t]*)-[ \t]")


class ScaffoldError(Exception):
    """Why the page was not made, worded for an editor."""


@dataclass(frozen=True)
class Created:
    page: str
    section: str
    added_to_nav: bool


def new_page(config_file: Path, noun: str, id_: str, title: str, section: str | None = None) -> Created:
    """Write docs/<folder>/<id>.md from its kind's archetype and list it under `section` in the navigation."""
    project = load_project(config_file)
    kind = kind_named(project, noun)
    check_id(id_)
    if not title.strip():
        raise ScaffoldError('the title is empty. Give one with --title "…".')
    page = project.docs_dir / kind.folder / f"{id_}.md"
    refuse_taken(project, id_)
    text = fill(read_archetype(project.root, kind), id_, title, project.today)
    entry = f"{kind.folder}/{id_}.md"
    section = section or kind.section
    added_to_nav = entry not in {path for path, _ in project.nav or []}
    if added_to_nav:
        add_to_nav_file(config_file, section, entry)
    page.parent.mkdir(parents=True, exist_ok=True)
    with page.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return Created(_relative(page, project.root), section, added_to_nav)


def kind_named(project: Project, noun: str) -> Collection:
    registry = _registry(project)
    kind = registry.kind(noun)
    if kind is None:
        nouns = ", ".join(c.noun for c in registry.collections)
        raise ScaffoldError(f"'{noun}' is not a kind of page. The kinds are: {nouns}.")
    return kind


def check_id(id_: str) -> None:
    try:
        TypeAdapter(Id).validate_python(id_)
    except ValidationError:
        slug = re.sub(r"[^a-z0-9]+", "-", id_.lower()).strip("-")[:60].strip("-")
        example = f" such as '{slug}'" if slug else ""
        raise ScaffoldError(
            f"'{id_}' cannot be an id. Use lowercase letters, digits and single hyphens "
            f"(at most 60 characters){example}. The id is also the file name."
        ) from None


def refuse_taken(project: Project, id_: str) -> None:
    """Ids are shared by every collection, so a page of any kind takes the id."""
    for collection in _registry(project).collections:
        existing = project.docs_dir / collection.folder / f"{id_}.md"
        if existing.exists():
            raise ScaffoldError(
                f"{_relative(existing, project.root)} already exists, and each page needs its own id. "
                "Edit that page, or choose another id."
            )


def read_archetype(root: Path, kind: Collection) -> str:
    archetype = root / kind.archetype
    if not archetype.is_file():
        raise ScaffoldError(f"{kind.archetype} is missing: it is the template for a new {kind.noun} page.")
    return archetype.read_text(encoding="utf-8")


def fill(archetype: str, id_: str, title: str, today: date) -> str:
    """The archetype with its top-level id, title and review dates set; every other line as it was."""
    values = {"id": id_, "title": yaml_text(title), "last_reviewed": today.isoformat()}
    parts = archetype.split("\n---", 1)
    if not archetype.startswith("---") or len(parts) < 2:
        raise ScaffoldError("the archetype has no front matter between two lines of three dashes (---).")
    meta = parts[0]
    if re.search(r"^next_review:", meta, re.MULTILINE):
        values["next_review"] = add_months(today, 12).isoformat()
    for key, value in values.items():
        meta, found = re.subn(
            rf"^{key}:[ \t]*[^#\n]*?(?P<comment>[ \t]+#.*)?$",
            partial(_keep_comment, f"{key}: {value}"),
            meta,
            count=1,
            flags=re.M,
        )
        if not found:
            raise ScaffoldError(f"the archetype has no '{key}:' line in its front matter.")
    return meta + "\n---" + parts[1]


def yaml_text(text: str) -> str:
    """`text` as a YAML value on one line: plain where that reads back the same, quoted where not."""
    return yaml.safe_dump(text, allow_unicode=True, width=float("inf")).removesuffix("\n...\n").strip()


def add_to_nav_file(config_file: Path, section: str, entry: str) -> None:
    """Insert the entry as text, then read the file back; put the old text back if the entry is not there."""
    old = config_file.read_text(encoding="utf-8")
    name = config_file.name
    config_file.write_text(add_to_nav(old, section, entry, name), encoding="utf-8")
    after = load_project(config_file)
    if after.problems or entry not in {path for path, _ in after.nav or []}:
        config_file.write_text(old, encoding="utf-8")
        raise ScaffoldError(
            f"{name} could not be updated safely, so nothing was changed. "
            f"Add the line '- {entry}' under '{section}' in the nav: of {name} by hand."
        )


def add_to_nav(config: str, section: str, entry: str, config_name: str = "mkdocs.yml") -> str:
    """Insert `- entry` after the last line under the nav section named `section`."""
    lines = config.splitlines(keepends=True)
    start, stop = nav_block(lines, config_name)
    names = []
    for index in range(start, stop):
        match = SECTION.match(lines[index].rstrip("\r\n"))
        if match and match["name"] == section:
            last, indent = section_end(lines, index, stop, len(match["indent"]))
            if not lines[last].endswith("\n"):
                lines[last] += "\n"
            lines.insert(last + 1, f"{indent}- {entry}\n")
            return "".join(lines)
        if match:
            names.append(f"'{match['name']}'")
    known = f" The sections are: {', '.join(names)}." if names else ""
    raise ScaffoldError(
        f"the nav: of {config_name} has no section called '{section}'.{known} Name one with --section \"…\"."
    )


def nav_block(lines: list[str], config_name: str) -> tuple[int, int]:
    """The indexes of the lines after `nav:` up to the next top-level key."""
    start = next((i + 1 for i, line in enumerate(lines) if NAV.match(line.rstrip("\r\n"))), None)
    if start is None:
        raise ScaffoldError(f"{config_name} has no nav: section.")
    stop = next((i for i in range(start, len(lines)) if _is_top_level_key(lines[i])), len(lines))
    return start, stop


def section_end(lines: list[str], header: int, stop: int, depth: int) -> tuple[int, str]:
    """The last line that belongs to the section at `header`, and the indent of its items."""
    last, indent = header, None
    for index in range(header + 1, stop):
        line = lines[index].rstrip("\r\n")
        if not line.strip():
            continue
        if _indent(line) <= depth:
            break
        last = index
        item = ITEM.match(line)
        if item and indent is None:
            indent = item["indent"]
    return last, indent if indent is not None else " " * (depth + 4)


def _is_top_level_key(line: str) -> bool:
    return bool(line.strip()) and not line[0].isspace() and not line.startswith(("#", "-"))


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \t"))


def _registry(project: Project) -> Registry:
    if project.registry is None:
        raise ScaffoldError("the site's kinds of page could not be read. Run the check to see why.")
    return project.registry


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _keep_comment(line: str, match: re.Match[str]) -> str:
    """The new `key: value` line, with the comment the archetype had at its end."""
    return line + (match["comment"] or "")
