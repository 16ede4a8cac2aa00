"""`mkdocs build --strict` runs: the derived content lands where readers see it.

The fixture builds run MkDocs in this process; the real site is built and checked end to end,
with the commands an editor and CI run.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from support import (
    FIXTURES,
    ROOT,
    build,
    built_pages,
    check,
    edit,
    element,
    files_in,
    make_project,
    one,
    real_site_today,
    run_check,
    run_mkdocs,
    tool_env,
)


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("fixture") / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    return project / "site"


def html(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, page: str) -> Tag:
    return element(html(site, page).find("article"))


def section_links(site: Path, page: str, heading: str) -> list[str]:
    """The link texts of the list that follows the heading `heading`."""
    title = article(site, page).find(lambda tag: tag.name == "h2" and tag.get_text(strip=True).startswith(heading))
    return [a.get_text() for a in element(element(title).find_next_sibling("ul")).find_all("a")]


def test_condition_page_lists_its_techniques(fixture_site: Path) -> None:
    assert section_links(fixture_site, "conditions/sciatica", "Techniques therapists use") == [
        "Myofascial release",
        "Deep tissue",
    ]


def test_technique_page_lists_the_conditions_it_is_used_for(fixture_site: Path) -> None:
    assert section_links(fixture_site, "techniques/deep-tissue", "Used for these conditions") == ["Sciatica"]
    assert section_links(fixture_site, "techniques/myofascial-release", "Used for these conditions") == [
        "Back pain",
        "Sciatica",
    ]


def test_safety_callouts_carry_their_items_and_sources(fixture_site: Path) -> None:
    page = article(fixture_site, "conditions/sciatica")
    assert element(page.find("h2", id="when-to-get-help")).get_text(strip=True) == "When to get help"
    callout = one(page, ".admonition.warning-signs.before-massage")
    assert element(callout.find("h3")).get_text(strip=True) == "See a doctor before you have massage"
    assert [li.get_text() for li in callout.find_all("li")] == ["Sciatica in both legs"]
    assert "Based on: NHS, Sciatica (2023)." in callout.get_text()
    warning = one(article(fixture_site, "techniques/deep-tissue"), ".admonition.warning")
    assert one(warning, ".admonition-title").get_text() == "Precautions and contraindications"
    assert warning.find_all("p")[-1].get_text().startswith("Based on: ")


def test_references_review_dates_and_disclaimer(fixture_site: Path) -> None:
    page = article(fixture_site, "conditions/sciatica")
    references = element(element(page.find("h2", string="References")).find_next_sibling("ol"))
    assert element(references.find("a"))["href"] == "https://www.nhs.uk/conditions/sciatica/"
    assert one(page, "p.page-review").get_text() == (
        "Last checked by the editors: 1 November 2026 · Next review due: 1 November 2027 · "
        "Not yet reviewed by a clinician"
    )
    assert "Educational only." in one(page, "aside.page-trust").get_text()


def test_body_areas_become_tags(fixture_site: Path) -> None:
    tags = [tag.get_text(strip=True) for tag in html(fixture_site, "conditions/sciatica").select(".md-tag")]
    assert tags == ["Legs", "Lower back"]


def test_comparison_table_is_generated_with_links(fixture_site: Path) -> None:
    table = element(article(fixture_site, "comparison").find("table"))
    assert element(table.caption).get_text() == "Medical and relaxation massage compared"
    assert [th.get_text() for th in element(table.thead).find_all("th")] == [
        "Aspect",
        "Medical massage",
        "Relaxation massage",
    ]
    first_row = element(element(table.tbody).find("tr"))
    assert element(first_row.th)["scope"] == "row"
    assert [(a.get_text(), a["href"]) for a in first_row.find_all("a")] == [
        ("Deep tissue", "../techniques/deep-tissue/"),
        ("myofascial work", "../techniques/myofascial-release/"),
    ]


def test_meta_description_and_social_tags_come_from_the_summary(fixture_site: Path) -> None:
    head = element(html(fixture_site, "conditions/sciatica").head)
    summary = "Pain that runs from the lower back down one leg, caused by an irritated sciatic nerve."
    assert element(head.find("meta", attrs={"name": "description"}))["content"] == summary
    assert element(head.find("meta", property="og:description"))["content"] == summary
    assert element(head.find("meta", attrs={"name": "twitter:card"}))["content"] == "summary"
    assert element(head.find("link", rel="canonical"))["href"] == "https://example.org/fixture/conditions/sciatica/"


def test_overdue_review_warns_but_builds_by_default(project: Path) -> None:
    result = build(project, SOURCE_DATE_EPOCH="1830000000")  # 2027-12-28
    assert result.returncode == 0, result.stderr
    assert (
        "docs/comparison.md:5: warning: the review of this page was due on 2027-06-01. "
        "Ask a reviewer to check the page, then update last_reviewed."
    ) in result.stderr.splitlines()


def test_due_lists_pages_falling_due(project: Path) -> None:
    result = check(project, "due", "--days", "200")  # build date 2026-11-18
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["2027-06-01  due soon  docs/comparison.md  Medical or relaxation massage"]


def test_the_real_site_checks_clean_and_builds_every_page(tmp_path: Path) -> None:
    """End to end, as CI runs it: the check command, then `mkdocs build --strict`."""
    today = real_site_today()
    checked = run_check(ROOT, SOURCE_DATE_EPOCH=today)
    assert checked.returncode == 0, checked.stderr
    built = run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(tmp_path / "site"), SOURCE_DATE_EPOCH=today)
    assert built.returncode == 0, built.stderr
    sources = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    made_from_the_practice_details = {"contact.md", "referrals.md"}
    assert (
        set(built_pages(tmp_path / "site"))
        == {s.removesuffix("/index.md") + ".md" if s.endswith("/index.md") else s for s in sources}
        | made_from_the_practice_details
    )


def test_committed_schema_matches_the_models(tmp_path: Path) -> None:
    result = check(ROOT, "schema", "--output", str(tmp_path))
    assert result.returncode == 0
    for generated in tmp_path.glob("*.schema.json"):
        committed = ROOT / "schema" / generated.name
        assert json.loads(committed.read_text()) == json.loads(generated.read_text()), (
            f"{committed} is out of date: run python -m medmassage schema"
        )


def test_a_broken_anchor_stops_the_strict_build_before_mkdocs_finds_it(project: Path) -> None:
    """The check names the anchors the table's page has, its caption's among them; MkDocs never gets that far."""
    edit(project / "docs" / "index.md", "(comparison.md)", "(comparison.md#no-such-heading)")
    result = build(project)
    assert result.returncode == 1
    assert (
        "docs/index.md:8: the link to 'comparison.md#no-such-heading' points to a heading that comparison.md "
        "does not have. Link to one of its headings: '#comparison-caption', '#medical-or-relaxation-massage'."
    ) in result.stderr.splitlines()
    assert "Doc file 'index.md' contains a link" not in result.stderr


def test_an_insert_marker_in_a_code_block_is_shown_as_written(project: Path) -> None:
    """The check and the renderer share one scan: a marker inside a fence is an example, not a request."""
    example = "```html\n<!-- insert: comparison-tabel -->\n<!-- insert: conditions-list -->\n```\n"
    edit(project / "docs" / "index.md", "Start with", example + "\nStart with")

    result = build(project)

    assert result.returncode == 0, result.stderr
    code = element(element(html(project / "site", ".").find("article")).find("code")).get_text()
    assert code == "<!-- insert: comparison-tabel -->\n<!-- insert: conditions-list -->\n"


def test_scripts_build_names_a_config_mistake_that_stops_mkdocs(project: Path) -> None:
    """`scripts/build` as an editor runs it: MkDocs cannot read a navigation out of line, so the check says why."""
    assert build(project).returncode == 0
    built = files_in(project / "site")
    (project / "scripts").mkdir()
    shutil.copy(ROOT / "scripts/build", project / "scripts/build")
    (project / "scripts/setup").write_text("#!/bin/sh\n# this test's .venv is set up already\n")
    (project / "scripts/setup").chmod(0o755)
    (project / ".venv").symlink_to(Path(sys.executable).parents[1])
    case = FIXTURES / "invalid" / "navigation-indented-too-little"
    shutil.copy(case / "mkdocs.yml", project / "mkdocs.yml")

    result = subprocess.run(["bash", "scripts/build"], cwd=project, capture_output=True, text=True, env=tool_env())

    assert result.returncode == 1
    assert [line for line in result.stderr.splitlines() if line.startswith("mkdocs.yml:")] == (
        case / "expected.txt"
    ).read_text().splitlines()
    assert "Nothing was built. Fix them and build again." in result.stderr
    assert "MkDocs encountered an error" not in result.stdout + result.stderr
    assert files_in(project / "site") == built
