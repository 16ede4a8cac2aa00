"""A failed build never touches site/: MkDocs writes into a staging folder that replaces site/ only on success.

Each failure is one that happens at a different point of a build: the content check before
anything is written, an exception half-way through the pages, and MkDocs' strict mode, which
aborts only after every page has been written.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from medmassage.site.staging import StagedSite
from support import build, edit, files_in, run_mkdocs, tool, tool_env

LATE_WARNING = """
from mkdocs.plugins import get_plugin_logger

log = get_plugin_logger("late")


def on_post_build(config):
    log.warning("a warning logged after every page was written")
"""
FAILING_PAGE = """
def on_page_content(html, page, config, files):
    if page.file.src_uri == "techniques/deep-tissue.md":
        raise RuntimeError("a plugin failed half-way through the pages")
    return html
"""


def add_hook(project: Path, name: str, code: str) -> None:
    (project / name).write_text(code, encoding="utf-8")
    edit(project / "mkdocs.yml", "  - hooks.py\n", f"  - hooks.py\n  - {name}\n")


def change_a_page(project: Path) -> None:
    """A change that a build would write, so that a site written by a failed build would differ."""
    edit(project / "docs/index.md", "Start with", "Begin with")


def leftovers(project: Path) -> list[str]:
    return sorted(path.name for path in project.iterdir() if path.name.startswith(".site"))


@pytest.fixture
def built(project: Path) -> dict[Path, bytes]:
    """The project built once: the site a failed build must leave as it is."""
    assert build(project).returncode == 0
    return files_in(project / "site")


def test_content_errors_leave_the_site_as_it_was(project: Path, built: dict[Path, bytes]) -> None:
    edit(project / "docs/index.md", "title: Home", "title:")
    assert build(project).returncode == 1
    assert files_in(project / "site") == built
    assert leftovers(project) == []


def test_a_failure_half_way_through_the_pages_leaves_the_site_as_it_was(project: Path, built) -> None:
    add_hook(project, "failing_page.py", FAILING_PAGE)
    change_a_page(project)
    with pytest.raises(RuntimeError, match="half-way"):
        build(project)
    assert files_in(project / "site") == built
    assert leftovers(project) == []


def test_strict_mode_aborting_after_the_last_page_leaves_the_site_as_it_was(project: Path, built) -> None:
    add_hook(project, "late_warning.py", LATE_WARNING)
    change_a_page(project)
    result = build(project)
    assert result.returncode == 1
    assert "Aborted with 1 warnings in strict mode!" in result.stderr
    assert files_in(project / "site") == built
    assert leftovers(project) == []


def test_a_failed_first_build_leaves_no_site(project: Path) -> None:
    add_hook(project, "late_warning.py", LATE_WARNING)
    assert build(project).returncode == 1
    assert not (project / "site").exists()
    assert leftovers(project) == []


def test_a_good_build_replaces_the_whole_site(project: Path, built: dict[Path, bytes]) -> None:
    (project / "site" / "stale.html").write_text("from an older build", encoding="utf-8")
    change_a_page(project)
    assert build(project).returncode == 0
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert "Begin with" in home and "Start with" not in home
    assert not (project / "site" / "stale.html").exists()
    assert leftovers(project) == []


@pytest.mark.parametrize("command", [["mkdocs", "build", "--strict"], ["properdocs", "build", "--strict"]])
def test_the_commands_keep_the_site_when_strict_mode_aborts(project: Path, built, command: list[str]) -> None:
    """The real commands, MkDocs' and ProperDocs' (which CI builds with too), end to end."""
    add_hook(project, "late_warning.py", LATE_WARNING)
    change_a_page(project)
    result = run_mkdocs(project, *command[1:]) if command[0] == "mkdocs" else _properdocs(project, *command[1:])
    assert result.returncode == 1, result.stderr
    assert "a warning logged after every page was written" in result.stderr
    assert files_in(project / "site") == built
    assert leftovers(project) == []


def _properdocs(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [tool("properdocs"), *args, "-f", "mkdocs.yml"], capture_output=True, text=True, env=tool_env(), cwd=project
    )


def test_after_the_build_the_config_names_the_site_folder_again(project: Path) -> None:
    """`mkdocs gh-deploy` builds, shuts the plugins down, then pushes whatever `site_dir` names."""
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config

    from support import environment

    with environment():
        config = load_config(config_file=str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="gh-deploy", dirty=False)
        build_site(config)
        config.plugins.on_shutdown()
    assert Path(config.site_dir) == project / "site"
    assert (project / "site" / "index.html").is_file()


def test_a_dirty_build_starts_from_a_copy_of_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "kept.html").write_text("unchanged page", encoding="utf-8")
    staging = StagedSite(site).start(dirty=True)
    assert (staging / "kept.html").read_text(encoding="utf-8") == "unchanged page"
    assert (site / "kept.html").exists()


def test_a_site_folder_that_cannot_be_renamed_gets_the_new_contents(tmp_path: Path, monkeypatch) -> None:
    """A site folder that is a mount point (a container's volume, say) cannot be renamed."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "old.html").write_text("old", encoding="utf-8")
    staged = StagedSite(site)
    (staged.start() / "new.html").write_text("new", encoding="utf-8")
    rename = Path.rename

    def refuse_the_site(path: Path, target):
        if path == site:
            raise OSError("Device or resource busy")
        return rename(path, target)

    monkeypatch.setattr(Path, "rename", refuse_the_site)
    staged.publish()
    assert {p.name: p.read_text() for p in site.iterdir()} == {"new.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
