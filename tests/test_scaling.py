"""Work that must stay linear in the number of pages, even when one change breaks many links at once."""

from __future__ import annotations

from medmassage import rules
from medmassage.preview import SHOWN, error_page
from medmassage.problems import Problem


def test_a_renamed_page_is_looked_for_once_however_many_links_break(monkeypatch) -> None:
    looked_for = []
    real = rules.closest
    monkeypatch.setattr(rules, "closest", lambda word, choices: looked_for.append(word) or real(word, choices))
    pages = rules.PagePaths({f"conditions/page-{n}.md" for n in range(500)} | {"conditions/sciatica.md", "index.md"})

    hints = {rules.did_you_mean_path("conditions/sciatika.md", pages, relative_to=f"conditions/page-{n}.md")
             for n in range(500)}

    assert hints == {" Did you mean 'sciatica.md'?"}
    assert looked_for == ["sciatika.md"]
    assert rules.did_you_mean_path("conditions/sciatika.md", pages) == " Did you mean 'conditions/sciatica.md'?"
    assert rules.did_you_mean_path("conditions/zzz-unrelated.md", pages) == ""


def test_the_preview_lists_a_few_problems_on_each_page_and_counts_the_rest() -> None:
    problems = [Problem(f"docs/conditions/page-{n:04}.md", 9, "the link to 'gone.md' points nowhere.")
                for n in range(1000)]

    page = error_page(problems)

    assert "found 1000 problem(s)" in page
    assert "page-0000.md:9" in page and f"page-{SHOWN - 1:04}.md:9" in page
    assert f"page-{SHOWN:04}.md" not in page
    assert f"And {1000 - SHOWN} more, all listed in the terminal where mkdocs serve runs." in page
    assert "more, all listed" not in error_page(problems[:SHOWN])
