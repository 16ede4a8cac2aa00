"""The README stays true: its set-up list names every placeholder that a copy of the site must replace."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from typing import Any
from unittest import mock

import yaml
from mkdocs.utils.yaml import get_yaml_loader

from support import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PLACEHOLDER = re.compile(r"example|\.invalid$", re.IGNORECASE)


def section(title: str) -> str:
    start = README.index(f"\n## {title}\n")
    end = README.find("\n## ", start + 1)
    return README[start : end if end != -1 else None]


def settings(node: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every setting of a YAML mapping as (dotted path, value), lists left whole."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from settings(value, f"{path}.{key}" if path else str(key))
    else:
        yield path, node


def placeholders() -> set[str]:
    """The settings of mkdocs.yml, as it reads where no workflow sets them, whose value stands in for a practice's."""
    with mock.patch.dict(os.environ):
        for name in ("SITE_URL", "REPO_URL"):
            os.environ.pop(name, None)
        config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())
    return {path for path, value in settings(config) if isinstance(value, str) and PLACEHOLDER.search(value)}


def test_setting_up_a_copy_names_every_placeholder_in_mkdocs_yml():
    found = placeholders()
    assert {"site_url", "repo_url", "extra.practice.name", "extra.practice.email"} <= found
    guide = section("Set up your own copy")
    assert sorted(path for path in found if f"`{path}`" not in guide) == []
