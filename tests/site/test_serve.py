"""The editor's loop: `mkdocs serve` survives a mistake and shows the fix; `mkdocs build` fails and writes nothing."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support import edit, files_in, free_port, lines_of, make_project, run_mkdocs, tool_env

DATE_PROBLEM = (
    "docs/conditions/back-pain.md:4: the field 'last_reviewed' should be a date written as "
    "YYYY-MM-DD, for example 2026-11-27."
)


class Server:
    """`mkdocs serve` on a free local port, with everything it prints collected."""

    def __init__(self, project: Path):
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{self.port}"],
            cwd=project,
            env=tool_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.output: list[str] = []
        threading.Thread(target=self._collect, daemon=True).start()

    def _collect(self) -> None:
        for line in lines_of(self.process):
            self.output.append(line.rstrip("\n"))

    def printed(self) -> str:
        return "\n".join(self.output)

    def wait_until(self, condition, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert self.process.poll() is None, f"mkdocs serve stopped:\n{self.printed()}"
            assert time.monotonic() < deadline, f"{what} did not happen. mkdocs serve printed:\n{self.printed()}"
            time.sleep(0.2)

    def page_text(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/fixture/{path}", timeout=30) as response:
            return BeautifulSoup(response.read(), "html.parser").get_text(" ", strip=True)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture
def serve():
    servers = []

    def start(project: Path) -> Server:
        servers.append(Server(project))
        servers[-1].wait_until(lambda: "Serving on" in servers[-1].printed(), "Serving")
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_serve_prints_the_mistake_keeps_answering_and_shows_the_fix(tmp_path, serve):
    project = make_project(tmp_path / "project")
    page = project / "docs/conditions/back-pain.md"
    server = serve(project)
    assert "Most back pain gets better" in server.page_text("conditions/back-pain/")

    edit(page, "last_reviewed: 2026-11-01", "last_reviewed: 1 Nov 2026")
    server.wait_until(lambda: DATE_PROBLEM in server.output, "The problem being printed")
    server.wait_until(lambda: "The preview is paused" in server.page_text("conditions/back-pain/"), "The error page")
    shown = server.page_text("conditions/back-pain/")
    assert "The preview is paused: the content check found 1 problem(s)" in shown
    assert DATE_PROBLEM.replace(".md:4: ", ".md:4 ") in shown
    assert "Most back pain gets better" not in shown

    edit(page, "last_reviewed: 1 Nov 2026", "last_reviewed: 2026-11-01")
    edit(page, "Most back pain gets better", "Much back pain eases")
    server.wait_until(lambda: "Much back pain eases" in server.page_text("conditions/back-pain/"), "The fixed page")
    assert "The preview is paused" not in server.page_text("conditions/back-pain/")
    assert server.process.poll() is None


def test_serve_starts_on_broken_content_even_when_strict_mkdocs_warns(tmp_path, serve):
    """A renamed page leaves the nav pointing nowhere: MkDocs warns, which `strict: true` would turn into a stop."""
    project = make_project(tmp_path / "project")
    (project / "docs/conditions/back-pain.md").rename(project / "docs/conditions/backpain.md")

    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    nav_line = config.splitlines().index("  - conditions/back-pain.md") + 1

    server = serve(project)

    assert (
        f"mkdocs.yml:{nav_line}: the navigation lists 'conditions/back-pain.md', but docs/ has no such page. "
        "Did you mean 'conditions/backpain.md'?" in server.output
    )
    assert (
        "docs/conditions/backpain.md:1: this page is not in the navigation. Add it under nav: in mkdocs.yml."
        in server.output
    )
    assert "The preview is paused: the content check found 3 problem(s)" in server.page_text("")


def test_build_fails_on_the_same_mistake_and_leaves_the_last_good_site(tmp_path):
    project = make_project(tmp_path / "project")
    assert run_mkdocs(project, "build", "--strict").returncode == 0
    built = files_in(project / "site")
    edit(project / "docs/conditions/back-pain.md", "last_reviewed: 2026-11-01", "last_reviewed: 1 Nov 2026")

    result = run_mkdocs(project, "build", "--strict")

    assert result.returncode == 1
    assert DATE_PROBLEM in result.stderr.splitlines()
    assert "Aborted with a BuildError!" in result.stdout + result.stderr
    assert files_in(project / "site") == built


def test_serve_shows_a_navigation_mistake_in_plain_words_and_recovers(tmp_path, serve):
    """MkDocs cannot read the config while the navigation is out of line; the preview says why, with no traceback."""
    project = make_project(tmp_path / "project")
    server = serve(project)
    config = project / "mkdocs.yml"
    edit(config, "  - conditions/back-pain.md\n", " - conditions/back-pain.md\n")
    line = config.read_text(encoding="utf-8").splitlines().index(" - conditions/back-pain.md") + 1
    problem = (
        f"mkdocs.yml:{line}: this list item is indented 1 space fewer than the item on line {line - 1} "
        "('- conditions/sciatica.md'). Line up its dash (-) with that one."
    )

    server.wait_until(lambda: problem in server.output, "The problem being printed")
    server.wait_until(lambda: "The preview is paused" in server.page_text(""), "The error page")
    assert f"mkdocs.yml:{line} this list item is indented 1 space fewer" in server.page_text("")
    assert "Traceback" not in server.printed()
    assert "appear stuck" not in server.printed()

    edit(config, " - conditions/back-pain.md\n", "  - conditions/back-pain.md\n")
    server.wait_until(lambda: "The preview is paused" not in server.page_text(""), "The page once fixed")
    assert "Start with" in server.page_text("")
