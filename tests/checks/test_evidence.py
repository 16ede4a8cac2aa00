"""Evidence, not hope: what research on massage says is data, shown at the claim, and checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from medmassage.project.evidence import may_help_offset, place
from support import build, check, edit, element, make_project, one

MAY_HELP = (
    "\n## How medical massage may help\n\nMassage may ease tight muscles around the hips.\n"
    "\n## Other care\n\nKeep active.\n"
)
REVIEW = (
    "sources:\n  - id: review\n    title: A review of massage\n    publisher: A journal\n    year: 2020\n"
    "    doi: 10.1000/review\n    about_massage: true\n"
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The fixture site, whose sciatica page says massage may help."""
    project = make_project(tmp_path / "project")
    sciatica = project / "docs/conditions/sciatica.md"
    sciatica.write_text(sciatica.read_text(encoding="utf-8") + MAY_HELP, encoding="utf-8")
    return project


def with_evidence(project: Path, evidence: str, sources: str = "sources:\n") -> None:
    page = project / "docs/conditions/sciatica.md"
    edit(
        page,
        "techniques: [myofascial-release, deep-tissue]\n",
        f"techniques: [myofascial-release, deep-tissue]\n{evidence}",
    )
    edit(page, "sources:\n", sources)


def test_a_may_help_section_without_evidence_is_refused_at_its_heading(project: Path) -> None:
    result = check(project)
    assert result.returncode == 1
    assert "docs/conditions/sciatica.md:27: this section says massage may help" in result.stderr


def test_a_massage_review_or_a_plain_little_research_statement_lets_it_pass(project: Path, tmp_path: Path) -> None:
    with_evidence(
        project,
        "evidence: {strength: low, summary: A review found less pain for a while., sources: [review]}\n",
        REVIEW,
    )
    assert check(project).returncode == 0
    other = make_project(tmp_path / "other")
    page = other / "docs/conditions/sciatica.md"
    page.write_text(page.read_text(encoding="utf-8") + MAY_HELP, encoding="utf-8")
    with_evidence(other, "evidence: {strength: little-research, summary: There are few good studies of this.}\n")
    assert check(other).returncode == 0


def test_a_source_that_is_not_about_massage_cannot_carry_the_evidence(project: Path) -> None:
    with_evidence(project, "evidence: {strength: moderate, summary: The NHS page says so., sources: [nhs-sciatica]}\n")
    result = check(project)
    assert result.returncode == 1
    assert "the research is rated 'moderate', but evidence: names no source about massage" in result.stderr
    assert "the source 'nhs-sciatica' backs evidence, but it is not marked about_massage: true" in result.stderr


def test_a_page_without_sources_cannot_say_it_lists_them(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    home = project / "docs/index.md"
    home.write_text(home.read_text(encoding="utf-8") + "\nSee the references below.\n", encoding="utf-8")
    result = check(project)
    assert result.returncode == 1
    assert "docs/index.md:10: this line says the page lists its sources, but the page has none" in result.stderr


def test_the_research_box_sits_under_the_may_help_heading(project: Path) -> None:
    with_evidence(
        project,
        "evidence: {strength: low, summary: A review found less pain for a while., sources: [review]}\n",
        REVIEW,
    )
    assert build(project).returncode == 0
    html = (project / "site/conditions/sciatica/index.html").read_text(encoding="utf-8")
    heading = element(BeautifulSoup(html, "html.parser").find("h2", id="how-medical-massage-may-help"))
    box = element(heading.find_next_sibling())
    assert "admonition" in box["class"]
    text = box.get_text(" ", strip=True)
    assert text.startswith("What the research says How strong the research is: Low.")
    assert "Based on: A journal, A review of massage (2020)." in text


def test_the_heading_is_found_outside_code_blocks_only() -> None:
    assert may_help_offset("```\n## How it may help\n```\n") is None
    assert may_help_offset("Text\n\n## How medical massage may help\n") == 2
    assert may_help_offset("# may help\n####### may help\n") is None


def test_the_box_goes_under_the_heading_or_at_the_end() -> None:
    assert place("## How it may help\n\nText.\n", "BOX\n") == "## How it may help\n\nBOX\n\nText.\n"
    assert place("## What it is\n\nText.\n", "BOX\n") == "## What it is\n\nText.\n\nBOX\n"


def test_a_page_without_sources_does_not_say_it_was_written_from_them(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    assert build(project).returncode == 0
    status = {
        page: one(
            BeautifulSoup((project / "site" / page / "index.html").read_text(encoding="utf-8"), "html.parser"),
            "p.page-status",
        ).get_text()
        for page in ("", "conditions/sciatica")
    }
    assert "sources listed at the end" not in status[""]
    assert "It lists no sources of its own" in status[""]
    assert "from the sources listed at the end" in status["conditions/sciatica"]
