"""The settings the security guarantees rest on cannot be dropped from mkdocs.yml or hooks.py by accident.

`safety_problems` reads the configuration as MkDocs loads it. The real one must have none, and
each mutation below, one dropped or loosened setting, must be caught. Changing this list is a
change to the threat model in SECURITY.md.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from medmassage.site import codeowners
from support import ROOT

INERT_HTML = "medmassage.rendering.inert_html"
SAFE_EXTENSIONS = {"admonition", "attr_list", INERT_HTML, "tables", "toc", "fenced_code", "pymdownx.superfences"}
"""Markdown extensions whose output the sanitiser's allowlist covers; none reads files or runs code."""
SAFE_PLUGINS = {"search", "tags"}
"""Plugins that render no template from content (a macros plugin would run Jinja written by editors)."""
HOOK_EVENTS = {
    "on_pre_build",
    "on_files",
    "on_page_markdown",
    "on_page_content",
    "on_env",
    "on_page_context",
    "on_template_context",
    "on_post_page",
    "on_post_template",
}


def safety_problems(config_file: Path) -> list[str]:
    config = load_config(str(config_file))
    problems = []
    hooks = list(config.hooks.values())  # type: ignore[attr-defined]  # MkDocs types it a list; it is a dict by name
    if not hooks:
        problems.append("hooks: hooks.py is not loaded, so nothing checks the content")
    elif missing := sorted(event for event in HOOK_EVENTS if not any(callable(getattr(h, event, None)) for h in hooks)):
        problems.append(f"hooks.py lost {', '.join(missing)}")
    if not config.strict:
        problems.append("strict: a warning no longer stops the build")
    links, nav = config.validation.links, config.validation.nav
    for name, level in [
        ("links.not_found", links.not_found),
        ("links.anchors", links.anchors),
        ("links.absolute_links", links.absolute_links),
        ("links.unrecognized_links", links.unrecognized_links),
        ("nav.not_found", nav.not_found),
        ("nav.omitted_files", nav.omitted_files),
    ]:
        if level < logging.WARNING:
            problems.append(f"validation.{name}: a broken link is no longer a warning")
    if extra := sorted(set(config.markdown_extensions) - SAFE_EXTENSIONS):
        problems.append(f"markdown_extensions: {extra} not covered by the sanitiser")
    if (names := list(config.markdown_extensions)) and names[-1] != INERT_HTML:
        problems.append(f"markdown_extensions: {INERT_HTML} is not last, so raw HTML in a page may render as markup")
    if extra := sorted(
        name for name in config.plugins if name not in config.hooks and name.split("/")[-1] not in SAFE_PLUGINS
    ):
        problems.append(f"plugins: {extra} may render content as templates")
    if Path(config.theme.custom_dir or "") != config_file.parent / "overrides":
        problems.append("theme.custom_dir: the theme's code no longer comes from overrides/")
    for script in config.extra_javascript:
        if "//" in str(script) or not (config_file.parent / "overrides" / str(script)).is_file():
            problems.append(f"extra_javascript: {script} is not a file in overrides/")
    if not str(config.site_url or "").startswith("https://"):
        problems.append("site_url: the site is not served over https://")
    return problems


def test_the_real_configuration_keeps_every_safety_setting() -> None:
    assert safety_problems(ROOT / "mkdocs.yml") == []


def _without_hook_event(text: str) -> str:
    return text.replace("hooks:\n  - hooks.py", "hooks:\n  - weak/hooks.py")


MUTATIONS = {
    "hooks": (lambda text: text.replace("hooks:\n  - hooks.py\n", ""), "hooks: hooks.py is not loaded"),
    "strict": (lambda text: text.replace("strict: true", "strict: false"), "strict:"),
    "validation": (lambda text: text.replace("  anchors: warn", "  anchors: info"), "validation.links.anchors"),
    "extension": (
        lambda text: text.replace("  - admonition\n", "  - admonition\n  - pymdownx.snippets\n"),
        "markdown_extensions: ['pymdownx.snippets']",
    ),
    "inert html": (
        lambda text: text.replace("  - medmassage.rendering.inert_html", "  - md_in_html"),
        "markdown_extensions: ['md_in_html']",
    ),
    "inert html last": (
        lambda text: text.replace("  - medmassage.rendering.inert_html #", "#").replace(
            "  - admonition\n", "  - medmassage.rendering.inert_html\n  - admonition\n"
        ),
        "markdown_extensions: medmassage.rendering.inert_html is not last",
    ),
    "plugin": (lambda text: text.replace("  - tags\n", "  - tags\n  - offline\n"), "plugins: ['material/offline']"),
    "custom_dir": (lambda text: text.replace("custom_dir: overrides", "custom_dir: docs"), "theme.custom_dir"),
    "script": (
        lambda text: text.replace("assets/javascripts/keyboard.js", "https://cdn.example/x.js"),
        "extra_javascript: https://cdn.example/x.js",
    ),
    "hook event": (_without_hook_event, "hooks.py lost on_page_content"),
}


@pytest.mark.parametrize("mutation", MUTATIONS, ids=list(MUTATIONS))
def test_dropping_a_safety_setting_is_caught(tmp_path: Path, mutation: str) -> None:
    change, expected = MUTATIONS[mutation]
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the mutation must change the file"
    (tmp_path / "mkdocs.yml").write_text(changed, encoding="utf-8")
    (tmp_path / "overrides").symlink_to(ROOT / "overrides")
    (tmp_path / "docs").mkdir()
    hooks = (ROOT / "hooks.py").read_text(encoding="utf-8")
    (tmp_path / "hooks.py").write_text(hooks, encoding="utf-8")
    (tmp_path / "weak").mkdir()
    (tmp_path / "weak/hooks.py").write_text(hooks.replace("def on_page_content(", "def _unused("), encoding="utf-8")
    assert yaml.compose(changed, Loader=yaml.SafeLoader) is not None
    assert any(problem.startswith(expected) for problem in safety_problems(tmp_path / "mkdocs.yml")), mutation


def test_codeowners_covers_every_path_that_decides_what_the_site_runs() -> None:
    """Content is gated by the check; the exceptions are who may sign (the register) and the pages clinicians
    signed, listed in the part `medmassage codeowners` generates (tests/site/test_approvals.py)."""
    text = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    before, _, rest = text.partition(codeowners.START)
    outside = before + rest.partition(codeowners.END)[2]
    owned = {line.split()[0] for line in outside.splitlines() if line.strip() and not line.startswith("#")}
    assert {"/hooks.py", "/medmassage/", "/overrides/", "/mkdocs.yml", "/.github/", "/scripts/"} <= owned
    content = {path for path in owned if path.startswith(("/docs", "/data"))}
    assert content == {"/data/clinicians.yml"}, "content is gated by the check"
