"""The checks stay linear in the number of pages, even when one change breaks many links at once."""

from __future__ import annotations

from medmassage import checks


def test_a_renamed_page_is_looked_for_once_however_many_links_break(monkeypatch) -> None:
    looked_for = []
    real = checks.did_you_mean
    monkeypatch.setattr(checks, "did_you_mean", lambda word, choices: looked_for.append(word) or real(word, choices))
    pages = checks.Pages({f"conditions/page-{n}.md" for n in range(500)} | {"conditions/sciatica.md", "index.md"})

    hints = {checks.did_you_mean_path("conditions/sciatika.md", pages, relative_to=f"conditions/page-{n}.md")
             for n in range(500)}

    assert hints == {" Did you mean 'sciatica.md'?"}
    assert looked_for == ["sciatika.md"]
    assert checks.did_you_mean_path("conditions/sciatika.md", pages) == " Did you mean 'conditions/sciatica.md'?"
    assert checks.did_you_mean_path("conditions/zzz-unrelated.md", pages) == ""
