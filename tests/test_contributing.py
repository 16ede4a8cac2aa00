"""CONTRIBUTING.md stays true: it names every front matter field, and its error examples are real output."""

from __future__ import annotations

import pytest

from medmassage.model.schema import Condition, SafetyNote, Source, Technique
from support import ROOT, check, edit

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_front_matter_field_is_explained():
    fields = {*Condition.model_fields, *Technique.model_fields, *Source.model_fields, *SafetyNote.model_fields}
    assert sorted(name for name in fields if f"`{name}`" not in GUIDE) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("techniques: [myofascial-release, deep-tissue]", "techniques: [myofascial-relase, deep-tissue]"),
        ("last_reviewed: 2026-11-01", "last_reviewed: 01/11/2026"),
    ],
)
def test_the_error_examples_are_what_the_check_prints(project, old, new):
    edit(project / "docs/conditions/sciatica.md", old, new)

    result = check(project)

    assert result.returncode == 1
    assert f"```text\n{result.stderr}```" in GUIDE
