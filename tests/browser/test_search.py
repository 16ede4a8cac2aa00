"""The site's search, used as a reader would: by title, in their own words, and with no match."""

from __future__ import annotations

import json

import pytest
import yaml

from .browsing import axe_violations, describe_violations, search

READERS_WORDS = [
    ("sciatica", {"conditions/sciatica/"}),
    ("pain down the leg", {"conditions/sciatica/"}),
    ("jaw pain", {"conditions/tmj-dysfunction/"}),
    ("swollen legs", {"techniques/lymphatic-drainage/", "conditions/swelling-and-inflammation/"}),
]


def front_matter(markdown: str) -> dict:
    return yaml.safe_load(markdown.split("---", 2)[1]) if markdown.startswith("---") else {}


@pytest.mark.parametrize(("query", "expected"), READERS_WORDS, ids=[q for q, _ in READERS_WORDS])
def test_a_readers_words_put_the_right_page_first(reader, site, query: str, expected: set[str]) -> None:
    page = reader.open("")
    results = search(page, query)
    page.close()
    assert results, f"no results for {query!r}"
    assert results[0].removeprefix(site.prefix) in expected, f"{query!r} gave {results[:3]}"


def test_a_search_with_no_results_says_what_to_try(reader) -> None:
    page = reader.open("")
    results = search(page, "xylophone")
    message = page.locator(".md-search-result__meta").text_content()
    page.close()
    assert results == []
    assert message.startswith("No pages match those words.")
    assert "Try a shorter or more everyday word" in message


def test_every_keyword_reaches_its_pages_search_entry(site) -> None:
    docs = json.loads((site.folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    index = {doc["location"]: doc for doc in docs}
    checked = 0
    for source in sorted(site.project.docs_dir.rglob("*.md")):
        keywords = front_matter(source.read_text(encoding="utf-8")).get("keywords")
        if not keywords:
            continue
        location = source.relative_to(site.project.docs_dir).with_suffix("").as_posix() + "/"
        entry = index[location]
        words = (entry["title"] + " " + entry["text"]).lower()
        missing = [keyword for keyword in keywords if keyword.lower() not in words]
        assert missing == [], f"{location}: keywords missing from its search entry"
        checked += 1
    assert checked >= 2


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_results_list_passes_axe(reader_for, scheme: str) -> None:
    page = reader_for(scheme).open("")
    search(page, "massage")
    violations = describe_violations("search results", axe_violations(page))
    page.close()
    assert violations == []
