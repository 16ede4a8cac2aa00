"""The `extra:` settings are checked like front matter, and problems name the config file MkDocs was given."""

from __future__ import annotations

from pathlib import Path

from support import build, check, edit


def test_problems_name_the_config_file_that_was_given(project: Path) -> None:
    config = project / "other.yml"
    (project / "mkdocs.yml").rename(config)
    edit(config, "  author:\n    name: Fixture Author\n", "  author:\n    nmae: Fixture Author\n")
    (project / "docs" / "extra.md").write_text((project / "docs" / "index.md").read_text().replace("Home", "Extra"))
    expected = [
        "docs/extra.md:1: this page is not in the navigation. Add it under nav: in other.yml.",
        "other.yml:29: the field 'name' in 'author' is missing. Add it.",
        "other.yml:30: 'nmae' is not a setting this site uses. Did you mean 'name'?",
    ]

    checked = check(project, config="other.yml")
    built = build(project, config="other.yml")

    assert checked.returncode == built.returncode == 1
    assert checked.stderr.splitlines()[:-1] == expected
    assert [line for line in built.stderr.splitlines() if line.startswith(("docs/", "other.yml:"))] == expected
