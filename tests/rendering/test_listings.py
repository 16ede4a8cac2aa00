"""Long generated lists move to pages of their own, so that no page grows with the number of conditions.

A generated corpus (benchmarks/corpus.py) of 30 conditions is built in process with lists split
at 10 pages, and a corpus of 6 with the default, where every list stays on its page.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from engine_builds import finish_and_verify, page_texts

from support import ROOT, attr, build, check, edit, element, environment, one, run_check, run_mkdocs

sys.path.insert(0, str(ROOT / "benchmarks"))
from corpus import build_corpus  # noqa: E402

PER_PAGE = 10


def corpus(root: Path, size: int, per_page: int | None = None) -> Path:
    """A generated project, its review dates before the tools' fixed build date."""
    with environment():
        return build_corpus(root, size, per_page)


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("large") / "project"
    corpus(root, 30, PER_PAGE)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("small") / "project"
    corpus(root, 6)
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root


def page(project: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(project: Path, path: str) -> Tag:
    return element(page(project, path).find("article"))


def target(path: str, href: str) -> str:
    """The site path a relative link on the page at `path` leads to: `matrix/` + `neck/` → `matrix/neck/`."""
    parts = path.rstrip("/").split("/") if path else []
    for step in href.split("#")[0].split("/"):
        if step == "..":
            parts.pop()
        elif step and step != ".":
            parts.append(step)
    return "/".join(parts) + "/" if parts else ""


def front_matter(project: Path) -> dict[str, dict]:
    """Each topic's front matter by its address, such as `conditions/chronic-head-pain-1/`."""
    found = {}
    for source in (project / "docs").glob("*/*.md"):
        if source.name != "index.md":
            found[f"{source.parent.name}/{source.stem}/"] = yaml.safe_load(source.read_text().split("---")[1])
    return found


def linked(project: Path, path: str, within: Tag | None = None) -> list[str]:
    """The pages a page links to from its list items or table rows, as site paths."""
    scope = within or article(project, path)
    return [target(path, attr(a, "href")) for a in scope.select("li > a, tbody th > a")]


def summary(project: Path, path: str) -> dict[str, str]:
    """A split list's summary: each group's label and the page its entries moved to."""
    return {
        li.a.get_text(): target(path, attr(li.a, "href"))
        for li in article(project, path).select("li")
        if li.a and ":" in li.get_text()
    }


def test_a_long_conditions_list_is_split_by_body_area(large: Path) -> None:
    topics = front_matter(large)
    areas = summary(large, "conditions/")

    assert len(areas) == 20
    for label, part in areas.items():
        assert part.startswith("conditions/body-areas/")
        area = part.split("/")[2]
        expected = {
            path for path, meta in topics.items() if path.startswith("conditions/") and area in meta["body_areas"]
        }
        assert set(linked(large, part)) == expected, label
        assert element(page(large, part).h1).get_text().rstrip("¶") == f"Conditions: {label}"
    assert not article(large, "conditions/").select("li a[href*='chronic']")


def test_the_matrix_becomes_one_table_per_body_area_that_a_screen_reader_can_follow(large: Path) -> None:
    topics = front_matter(large)
    assert not article(large, "matrix/").find("table")

    for label, part in summary(large, "matrix/").items():
        tables = article(large, part).find_all("table")
        assert len(tables) == 1
        table = tables[0]
        assert element(table.caption).get_text() == (
            f"{label}: which techniques each condition page lists "
            "(✓ tested in research on massage, ○ the practice's own approach)"
        )
        region = element(table.parent)
        assert region["role"] == "region" and region["aria-labelledby"] == element(table.caption)["id"]
        techniques = [th.get_text() for th in element(table.thead).find_all("th")]
        assert techniques[0] == "Condition" and all(th["scope"] == "col" for th in element(table.thead).find_all("th"))
        for row in element(table.tbody).find_all("tr"):
            assert element(row.th)["scope"] == "row"
            used = topics[target(part, attr(element(row.th).a, "href"))]["techniques"]
            cells = [one(td, ".visually-hidden").get_text() for td in row.find_all("td")]
            assert cells == [
                "Listed, the practice's own approach" if name.lower().replace(" ", "-") in used else "Not listed"
                for name in techniques[1:]
            ]
        skip = one(article(large, part), "a.skip-link")
        landing = article(large, part).find(id=attr(skip, "href")[1:])
        assert landing is not None and region in landing.find_all_previous("div")


def test_no_generated_page_lists_more_than_a_page_of_entries(large: Path) -> None:
    generated = [
        p
        for p in (large / "site").rglob("index.html")
        if not (large / "docs" / f"{p.parent.relative_to(large / 'site')}.md").exists()
        and not (large / "docs" / p.parent.relative_to(large / "site") / "index.md").exists()
        and p.parent.name not in ("site", "search")
    ]
    assert len(generated) > 40
    for file in generated:
        path = file.parent.relative_to(large / "site").as_posix() + "/"
        assert 0 < len(linked(large, path)) <= PER_PAGE, path
        assert not page(large, path).select('a[rel~="edit"]'), f"{path} offers to edit a file that is not there"


def test_a_long_group_continues_on_numbered_pages_linked_both_ways(large: Path) -> None:
    topics = front_matter(large)
    technique = "techniques/neuromuscular-therapy/"
    intro = element(element(article(large, technique).find(id="used-for-these-conditions")).find_next_sibling("p"))
    first = target(technique, attr(intro.a, "href"))
    users = {path for path, meta in topics.items() if "neuromuscular-therapy" in meta.get("techniques", [])}
    assert intro.get_text() == f"{len(users)} conditions, listed on pages of their own."

    seen: list[str] = []
    path: str | None = first
    number = 1
    while path:
        body = article(large, path)
        seen += linked(large, path)
        assert f"page {number} of" in element(page(large, path).title).get_text()
        following = body.find("a", string="Next page")
        if following:
            path, number = target(path, attr(following, "href")), number + 1
            assert target(path, attr(article(large, path).find("a", string="Previous page"), "href")) != path
        else:
            path = None
    assert number > 1
    assert sorted(seen) == sorted(users)


def test_a_benefit_keeps_its_description_and_links_to_its_pages(large: Path) -> None:
    section = element(article(large, "benefits/").find(id="pain-relief"))
    description = element(section.find_next_sibling("p"))
    link = element(element(description.find_next_sibling("div")).a)
    assert description.get_text() == "Massage may support pain relief for some people."
    assert re.fullmatch(r"\d+ conditions and \d+ techniques", link.get_text())
    assert target("benefits/", attr(link, "href")) == "benefits/pain-relief/"


def test_tags_link_to_the_pages_that_list_each_body_area(large: Path, small: Path) -> None:
    condition = "conditions/chronic-head-pain-1/"
    assert [(a.get_text(), target(condition, attr(a, "href"))) for a in page(large, condition).select("a.md-tag")] == [
        ("Head", "body-areas/head/")
    ]
    assert [(a.get_text(), a["href"]) for a in page(small, condition).select("a.md-tag")] == [
        ("Head", "../../body-areas/#head")
    ]
    heading = element(article(small, "body-areas/").find("h2", id="head"))
    assert element(element(heading.find_next_sibling("div")).a).get_text() == "Chronic head pain 1"


def test_short_lists_stay_on_their_page(small: Path) -> None:
    matrix = element(article(small, "matrix/").find("table"))
    assert element(matrix.caption).get_text() == (
        "Which techniques each condition page lists (✓ tested in research on massage, ○ the practice's own approach)"
    )
    assert len(element(matrix.tbody).find_all("tr")) == 6
    assert len(linked(small, "conditions/")) == 6
    assert not (small / "site" / "matrix" / "head").exists()


def test_the_search_index_holds_readers_words_and_no_derived_lists(large: Path) -> None:
    docs = json.loads((large / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = {doc["location"] for doc in docs}
    text = " ".join(doc["title"] + " " + doc["text"] for doc in docs)

    assert not [loc for loc in locations if loc.startswith(("matrix/head", "conditions/body-areas/", "benefits/pain"))]
    assert not [
        loc for loc in locations if loc.endswith(("#references", "#techniques-therapists-use", "#how-it-may-help"))
    ]
    assert "Not listed" not in text and "Skip the table" not in text
    assert "Not yet reviewed by a clinician" not in text and "Last checked by the editors" not in text
    condition = "conditions/chronic-head-pain-1/"
    assert {condition, f"{condition}#what-it-is"} <= locations
    assert "massage for head" in text and "Massage may support pain relief for some people." in text


def test_the_page_size_of_lists_is_a_checked_setting(tmp_path: Path) -> None:
    root = tmp_path / "project"
    config = corpus(root, 3, PER_PAGE)
    edit(config, f"per_page: {PER_PAGE}", "per_page: 2")

    result = check(root)

    assert result.returncode == 1
    line = next(n for n, text in enumerate(config.read_text().splitlines(), 1) if "per_page" in text)
    assert f"mkdocs.yml:{line}: the field 'per_page' in 'lists' should be 10 or more." in result.stderr.splitlines()


def test_without_the_hooks_the_rendered_tree_builds_the_same_split_pages(large: Path, tmp_path: Path) -> None:
    """`render` writes the generated pages too, so that any engine publishes them; `verify` expects them."""
    tree = tmp_path / "tree"
    assert run_check(large, "render", str(tree)).returncode == 0
    front = yaml.safe_load((tree / "docs" / "matrix" / "head.md").read_text(encoding="utf-8").split("---")[1])
    assert front["search"] == {"exclude": True} and front["title"] == "Conditions and techniques at a glance: Head"

    built = run_mkdocs(tree, "build", "--strict", PYTHONPATH=None)
    assert built.returncode == 0, built.stderr
    verified = finish_and_verify(large, tree / "site")

    assert verified.returncode == 0, verified.stderr
    assert page_texts(tree / "site") == page_texts(large / "site")


def test_verify_misses_a_split_page_that_was_not_built(large: Path, tmp_path: Path) -> None:
    site = shutil.copytree(large / "site", tmp_path / "site")
    shutil.rmtree(site / "matrix" / "head")

    verified = run_check(large, "verify", str(site))

    assert verified.returncode == 1
    output = verified.stdout + verified.stderr
    assert "matrix/head/index.html: missing: the page for docs/matrix/head.md was not built" in output


def test_a_generated_page_never_takes_the_address_of_an_editors_page(tmp_path: Path) -> None:
    root = tmp_path / "project"
    config = corpus(root, 30, PER_PAGE)
    edit(
        config,
        "- Is it right for you?: is-it-right-for-you.md",
        "- Is it right for you?: is-it-right-for-you.md\n- Head massage: matrix/head.md",
    )
    own = root / "docs" / "matrix" / "head.md"
    own.parent.mkdir()
    own.write_text(
        (root / "docs" / "is-it-right-for-you.md")
        .read_text(encoding="utf-8")
        .replace("title: Is it right for you", "title: Head massage at a glance"),
        encoding="utf-8",
    )

    result = build(root)

    assert result.returncode == 0, result.stderr
    assert element(page(root, "matrix/head").h1).get_text().rstrip("¶") == "Head massage at a glance"
    assert (
        element(page(root, "matrix/head-list").h1).get_text().rstrip("¶")
        == "Conditions and techniques at a glance: Head"
    )
    assert target("matrix/", attr(article(root, "matrix/").find("a", string="Head"), "href")) == "matrix/head-list/"


def test_the_check_knows_the_pages_a_long_list_adds_and_the_headings_it_moves(tmp_path: Path) -> None:
    root = tmp_path / "project"
    corpus(root, 30, PER_PAGE)
    page = root / "docs" / "conditions" / "chronic-head-pain-1.md"
    lines = len(page.read_text(encoding="utf-8").splitlines())
    with page.open("a", encoding="utf-8") as text:
        text.write(
            "\nSee [the head table](../matrix/head.md#matrix-head-caption), "
            "[the neck list](../conditions/body-areas/neck.md),\n"
            "[head conditions](../body-areas.md#head) and [a misspelt part](../matrix/haed.md).\n"
        )

    result = check(root)

    problems = [line for line in result.stderr.splitlines() if "warning:" not in line][:-1]
    assert problems == [
        f"docs/conditions/chronic-head-pain-1.md:{lines + 3}: the link to '../body-areas.md#head' points to a "
        "heading that body-areas.md does not have. Link to one of its headings: '#browse-by-body-area'.",
        f"docs/conditions/chronic-head-pain-1.md:{lines + 3}: the link to '../matrix/haed.md' points to a page "
        "that does not exist. Did you mean '../matrix/head.md'?",
    ]
