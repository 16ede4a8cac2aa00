"""Work that must stay linear in the number of pages, even when one change breaks many links at once; a re-check
that parses only what changed."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from jinja2 import DictLoader, Environment

from medmassage.checks import checker, markup
from medmassage.checks.checker import check_project
from medmassage.model.problems import Problem
from medmassage.project import content, paths
from medmassage.project.config import load_project
from medmassage.project.content import Entry, LoadCache
from medmassage.rendering.anchors import MarkdownOptions
from medmassage.rendering.render import CompiledTemplates
from medmassage.site.preview import SHOWN, error_page
from support import FIXTURES, edit, environment, make_project, recording


def test_a_renamed_page_is_looked_for_once_however_many_links_break(monkeypatch) -> None:
    looked_for: list[str] = []
    monkeypatch.setattr(paths, "closest", recording(paths.closest, looked_for, lambda word, choices: word))
    pages = paths.PagePaths({f"conditions/page-{n}.md" for n in range(500)} | {"conditions/sciatica.md", "index.md"})

    hints = {
        paths.did_you_mean_path("conditions/sciatika.md", pages, relative_to=f"conditions/page-{n}.md")
        for n in range(500)
    }

    assert hints == {" Did you mean 'sciatica.md'?"}
    assert looked_for == ["sciatika.md"]
    assert paths.did_you_mean_path("conditions/sciatika.md", pages) == " Did you mean 'conditions/sciatica.md'?"
    assert paths.did_you_mean_path("conditions/zzz-unrelated.md", pages) == ""


def test_the_preview_lists_a_few_problems_on_each_page_and_counts_the_rest() -> None:
    problems = [
        Problem(f"docs/conditions/page-{n:04}.md", 9, "the link to 'gone.md' points nowhere.") for n in range(1000)
    ]

    page = error_page(problems)

    assert "found 1000 problem(s)" in page
    assert "page-0000.md:9" in page and f"page-{SHOWN - 1:04}.md:9" in page
    assert f"page-{SHOWN:04}.md" not in page
    assert f"And {1000 - SHOWN} more, all listed in the terminal where mkdocs serve runs." in page
    assert "more, all listed" not in error_page(problems[:SHOWN])


def parsed_pages(monkeypatch) -> list[str]:
    """The pages whose front matter the check parses from now on, in order."""
    seen: list[str] = []
    real = content.split
    monkeypatch.setattr(content, "split", recording(real, seen, lambda path, text: path))
    return seen


def test_with_a_cache_a_recheck_parses_only_the_files_that_changed(project: Path, monkeypatch) -> None:
    cache = LoadCache()
    with environment():
        first = check_project(load_project(project / "mkdocs.yml"), cache=cache)
        parsed = parsed_pages(monkeypatch)
        again = check_project(load_project(project / "mkdocs.yml"), cache=cache)
        assert parsed == []
        assert again.problems == first.problems and again.content.pages.keys() == first.content.pages.keys()

        edit(project / "docs" / "conditions" / "sciatica.md", "title: Sciatica", "title: Sciatica\ntitle: Twice")
        broken = check_project(load_project(project / "mkdocs.yml"), cache=cache)
        assert parsed == ["conditions/sciatica.md"]
        assert [p.message for p in broken.errors] == [
            "the field 'title' is given twice (first on line 2). Keep one of them."
        ]
        assert [p.message for p in check_project(load_project(project / "mkdocs.yml"), cache=cache).errors] == [
            p.message for p in broken.errors
        ], "a file's problems are reported again from the cache"

        edit(project / "mkdocs.yml", "Fixture Author", "Another Author")
        check_project(load_project(project / "mkdocs.yml"), cache=cache)
        assert len(parsed) == 1 + len(first.content.pages), "a change of settings empties the cache"


def checked_pages(monkeypatch) -> list[str]:
    """The pages whose markup the check reads from now on, in order."""
    seen: list[str] = []
    real = markup.check_page

    def check_page(entry: Entry, markdown: MarkdownOptions | None = None) -> Iterable[Problem]:
        seen.append(entry.path)
        return real(entry, markdown)

    monkeypatch.setattr(checker, "PAGE_RULES", {**checker.PAGE_RULES, "markup": check_page})
    return seen


def test_with_a_cache_a_recheck_runs_the_page_rules_only_on_the_pages_that_changed(project: Path, monkeypatch) -> None:
    page = project / "docs" / "conditions" / "sciatica.md"
    cache = LoadCache()
    with environment():
        check_project(load_project(project / "mkdocs.yml"), cache=cache)
        edit(page, "## ", "This cures it.\n\n## ")
        first = check_project(load_project(project / "mkdocs.yml"), cache=cache)
        checked = checked_pages(monkeypatch)
        again = check_project(load_project(project / "mkdocs.yml"), cache=cache)
        assert checked == []
        assert again.problems == first.problems
        assert any("'cures' makes an absolute health claim" in p.message for p in again.errors)

        edit(page, "This cures it.", "This may ease it.")
        fixed = check_project(load_project(project / "mkdocs.yml"), cache=cache)
        assert checked == ["conditions/sciatica.md"]
        assert not any("absolute health claim" in p.message for p in fixed.problems)


def test_a_changed_content_types_module_empties_the_cache(tmp_path: Path, monkeypatch) -> None:
    project = make_project(tmp_path / "project", FIXTURES / "kinds")
    module = project / "content_types.py"
    cache = LoadCache()
    with environment():
        first = check_project(load_project(project / "mkdocs.yml"), cache=cache)
        parsed = parsed_pages(monkeypatch)
        check_project(load_project(project / "mkdocs.yml"), cache=cache)
        assert parsed == []

        module.write_text(module.read_text(encoding="utf-8") + "\n# a maintainer's change\n", encoding="utf-8")
        os.utime(module, ns=(module.stat().st_atime_ns, module.stat().st_mtime_ns + 1_000_000_000))
        check_project(load_project(project / "mkdocs.yml"), cache=cache)
        assert sorted(parsed) == sorted(first.content.pages)


def test_compiled_templates_are_reused_until_the_template_or_the_options_change(monkeypatch) -> None:
    compiled, sources = CompiledTemplates(), {"page.html": "{% if x %}\n{{ x }}\n{% endif %}"}
    compiles: list[int] = []

    def render(**options) -> str:
        env = Environment(loader=DictLoader(sources), bytecode_cache=compiled, **options)
        real = env._compile
        monkeypatch.setattr(env, "_compile", recording(real, compiles, lambda *args: 1))
        return env.get_template("page.html").render(x="a")

    assert render() == "\na\n"
    assert render() == "\na\n" and len(compiles) == 1, "a new environment reuses the compiled template"
    assert render(trim_blocks=True) == "a\n" and len(compiles) == 2, "other options compile afresh"
    sources["page.html"] = "{{ x }}!"
    assert render() == "a!" and len(compiles) == 3, "an edited template compiles afresh"
