"""The home page's front door is derived: body areas head to toe from the data, conditions from their pages."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import yaml
from bs4 import BeautifulSoup
from PIL import Image
from review_dates import last_review, source_date_epoch

from medmassage.project.config import load_project
from medmassage.site.build import Build
from medmassage.site.scaffold import new_page
from support import ROOT, build, edit, environment, make_project, one


def front_door(root: Path) -> dict:
    with environment(SOURCE_DATE_EPOCH=source_date_epoch(last_review(root / "docs"))):
        build = Build.start(load_project(root / "mkdocs.yml"), io.StringIO(), github=False)
        assert build.error_count == 0
        rendered = build.render("index.md", relative_url=lambda path: path, absolute_url=lambda path: path)
    assert rendered is not None
    assert rendered.meta["template"] == "home.html"
    return rendered.meta["front_door"]


def test_the_body_areas_run_head_to_toe_as_the_data_file_lists_them_and_lead_to_their_conditions() -> None:
    door = front_door(ROOT)
    order = [area["id"] for area in yaml.safe_load((ROOT / "data/body_areas.yml").read_text(encoding="utf-8"))]
    shown = [area["id"] for area in door["body_areas"]]
    assert shown == [area for area in order if area in shown]
    assert [area["url"] for area in door["body_areas"]] == [f"body-areas.md#{area}" for area in shown]
    assert door["emergency"]["telephone"] == "tel:999"
    assert door["contact"] == "contact.md" and door["referrals"] == "referrals.md"
    assert door["first_visit"] == "first-visit.md" and door["right_for_you"] == "is-it-right-for-you.md"


def test_a_new_condition_appears_on_the_front_door_without_editing_the_home_page(tmp_path: Path) -> None:
    root = tmp_path / "site"
    for folder in ("docs", "data", "archetypes"):
        shutil.copytree(ROOT / folder, root / folder)
    shutil.copyfile(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    before = {area["id"]: area["total"] for area in front_door(root)["body_areas"]}

    new_page(root / "mkdocs.yml", "condition", "frozen-shoulder", "Frozen shoulder")

    after = {area["id"]: area["total"] for area in front_door(root)["body_areas"]}
    assert after == {**before, "whole-body": before["whole-body"] + 1}


def png() -> bytes:
    """A real, small PNG: the check decodes every image to its end."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_header_shows_the_practices_logo_when_it_has_one(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    (project / "docs" / "images").mkdir()
    (project / "docs" / "images" / "logo.png").write_bytes(png())
    edit(
        project / "mkdocs.yml",
        "    email: hello@fixture-practice.org.uk\n",
        "    email: hello@fixture-practice.org.uk\n    logo: images/logo.png\n",
    )
    assert build(project).returncode == 0
    page = BeautifulSoup((project / "site/conditions/sciatica/index.html").read_text(encoding="utf-8"), "html.parser")
    [logo] = page.select(".md-header a.md-logo img")
    assert logo["src"] == "../../images/logo.png"
    assert one(page, ".md-header a.md-logo")["aria-label"] == "Fixture site"
