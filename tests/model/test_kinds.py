"""A site declares a kind of page the package does not know, and it is checked, built and scaffolded.

tests/fixtures/kinds/ adds exercise pages to the minimal project: a model with a new reference
field, a layout and an archetype in its own content_types.py, templates/ and archetypes/, named
by `extra.content_types` in mkdocs.yml. Nothing in medmassage/ mentions exercises.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import FIXTURES, ROOT, build, check, edit, element, make_project

PAGE = "docs/exercises/cat-cow.md"


@pytest.fixture
def site_with_exercises(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project", FIXTURES / "kinds")


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_the_package_does_not_know_the_new_kind() -> None:
    package = [path for path in (ROOT / "medmassage").rglob("*") if path.is_file()]
    assert [path for path in package if b"exercise" in path.read_bytes()] == []


def test_a_new_kind_builds_with_its_layout_lists_and_structured_data(site_with_exercises: Path) -> None:
    result = build(site_with_exercises)

    assert result.returncode == 0, result.stderr
    page = soup(site_with_exercises / "site/exercises/cat-cow/index.html")
    article = element(page.find("article"))
    assert element(article.h1).get_text(strip=True) == "Cat and cow stretch"
    assert "Repeat 10 times." in [p.get_text() for p in article.find_all("p")]
    heading = element(article.find("h2", string="Conditions it may help"))
    assert [a.get_text() for a in element(heading.find_next_sibling("ul")).find_all("a")] == ["Back pain"]
    assert [tag.get_text(strip=True) for tag in page.select(".md-tag")] == ["Lower back"]
    index = element(soup(site_with_exercises / "site/exercises/index.html").find("article"))
    assert [(a.get_text(), a["href"]) for a in index.find_all("a") if a.get_text() == "Cat and cow stretch"] == [
        ("Cat and cow stretch", "cat-cow/")
    ]


def test_a_new_reference_field_is_checked(site_with_exercises: Path) -> None:
    edit(site_with_exercises / PAGE, "conditions: [back-pain]", "conditions: [back-pian, sciatica, knee]")

    result = check(site_with_exercises)

    assert result.returncode == 1
    assert result.stderr.splitlines()[:-1] == [
        f"{PAGE}:10: 'back-pian' in conditions is not an id in conditions/. Did you mean 'back-pain'?",
        f"{PAGE}:10: 'knee' in conditions is not an id in conditions/. The ids there are: 'back-pain', 'sciatica'.",
    ]


def test_the_new_kind_has_a_schema_and_a_new_command(site_with_exercises: Path, tmp_path: Path) -> None:
    exported = check(site_with_exercises, "schema", "--output", str(tmp_path / "schema"))
    made = check(site_with_exercises, "new", "exercise", "wall-push", "--title", "Wall push", "--section", "Exercises")

    assert exported.returncode == 0, exported.stderr
    schema = json.loads((tmp_path / "schema/exercise.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Exercise" and "repetitions" in schema["required"]
    assert made.returncode == 0, made.stderr
    assert "id: wall-push" in (site_with_exercises / "docs/exercises/wall-push.md").read_text(encoding="utf-8")


def test_a_broken_content_types_module_is_reported_at_its_setting(site_with_exercises: Path) -> None:
    (site_with_exercises / "content_types.py").write_text("REGISTRY = 1\n", encoding="utf-8")

    result = check(site_with_exercises)

    assert (result.returncode, result.stderr.splitlines()[:-1]) == (
        1,
        ["mkdocs.yml:32: content_types.py must set REGISTRY to a Registry, such as SITE.extend(...)"],
    )
