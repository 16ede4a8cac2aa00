"""overrides/ copies a Material template only where no block or script can make the change.

Each copy is recorded here as the installed original and the change made to it. Making that
change to the installed original again must give the copy, so a Material update that touches
the original fails this test: read the new original, then copy it again with the change.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

import pytest

from support import ROOT

MATERIAL = Path(str(files("material") / "templates"))
OVERRIDES = ROOT / "overrides"
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)

EXTENSION_POINTS = {"main.html"}
"""Templates Material provides to be replaced, whose blocks the replacement extends."""

COPIES = {
    # The theme picks up its source component when its script loads, before any script of the
    # site runs, and then asks GitHub's API for the repository's stars and forks.
    "partials/source.html": [(' data-md-component="source"', "")],
    # The header shows the practice's logo (extra.practice.logo); the theme has no block for it.
    "partials/logo.html": [
        (
            "{% if config.theme.logo %}",
            "{% set practice_logo = (config.extra.practice or {}).logo %}\n{% if practice_logo %}\n"
            '  <img src="{{ practice_logo | url }}" alt="">\n{% elif config.theme.logo %}',
        )
    ],
}
"""Each copied template, with the (old, new) replacements made to Material's original."""


def template(folder: Path, name: str) -> str:
    """A template's text without its leading comment (Material's "generated" note, or ours on why)."""
    return LEADING_COMMENT.sub("", (folder / name).read_text(encoding="utf-8"), count=1)


@pytest.mark.parametrize("name", COPIES)
def test_each_copy_is_the_installed_original_with_its_recorded_change(name: str) -> None:
    expected = template(MATERIAL, name)
    for old, new in COPIES[name]:
        assert expected.count(old) == 1, f"Material's {name} no longer has {old!r} once: copy it again"
        expected = expected.replace(old, new)
    assert template(OVERRIDES, name) == expected, f"overrides/{name} differs from Material's with the change"


def test_overrides_replace_no_other_material_template() -> None:
    replaced = {
        path.relative_to(OVERRIDES).as_posix()
        for path in OVERRIDES.rglob("*")
        if path.is_file() and (MATERIAL / path.relative_to(OVERRIDES)).is_file()
    }
    assert replaced == EXTENSION_POINTS | set(COPIES)
