"""The source-link check against a server on the loopback address that answers every way a source's server can."""

from __future__ import annotations

import asyncio
import os
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from medmassage import __version__
from medmassage.cli.linkcheck import Citation, Politeness, check_addresses, citations
from medmassage.project.config import load_project
from support import ROOT, check, edit, make_project

USER_AGENT = "Mozilla/5.0 (compatible; medmassage-links/test; +https://github.com/someone/their-copy)"
QUICK = Politeness(timeout=0.5, retries=2, concurrency=8, pause=0.01)


class Sources(ThreadingHTTPServer):
    """Plain HTTP on one port, and TLS on the same port for the one path that has an https:// home."""

    daemon_threads = True

    def __init__(self, tls: ssl.SSLContext):
        super().__init__(("127.0.0.1", 0), Answers)
        self.tls, self.stop, self.lock = tls, threading.Event(), threading.Lock()
        self.seen: list[tuple[str, str, str]] = []
        self.in_flight = self.most_in_flight = 0
        self.flaky_failures = 2  # HEAD and GET fail once each

    def finish_request(self, request, client_address):
        if request.recv(1, socket.MSG_PEEK) == b"\x16":  # a TLS handshake starts with this byte
            request = self.tls.wrap_socket(request, server_side=True)
        super().finish_request(request, client_address)

    def handle_error(self, request, client_address):
        """A client that refuses the test certificate, or hangs up, is part of the test, not a server fault."""
        if not isinstance(sys.exc_info()[1], ssl.SSLError | ConnectionError):
            super().handle_error(request, client_address)


class Answers(BaseHTTPRequestHandler):
    server: Sources

    def do_HEAD(self):
        self.answer()

    def do_GET(self):
        self.answer()

    def answer(self):
        server = self.server
        secure = isinstance(self.connection, ssl.SSLSocket)
        server.seen.append(
            (self.command, ("https:" if secure else "http:") + self.path, self.headers.get("User-Agent", ""))
        )
        if self.path == "/never":
            server.stop.wait(30)
            return
        with server.lock:
            server.in_flight += 1
            server.most_in_flight = max(server.most_in_flight, server.in_flight)
        try:
            status, location = self.route(secure)
        finally:
            with server.lock:
                server.in_flight -= 1
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def route(self, secure: bool) -> tuple[int, str | None]:
        if secure:
            return (200, None) if self.path == "/insecure" else (404, None)
        if self.path.startswith("/slow/"):
            time.sleep(0.2)
        if self.path == "/flaky":
            with self.server.lock:
                self.server.flaky_failures -= 1
                return (503, None) if self.server.flaky_failures >= 0 else (200, None)
        return {
            "/moved": (301, "/new-home"),
            "/temporary": (302, "/ok"),
            "/gone": (404, None),
            "/broken": (500, None),
            "/no-head": (405 if self.command == "HEAD" else 200, None),
        }.get(self.path, (200, None))

    def log_message(self, format, *args):
        pass


@dataclass
class LocalSources:
    base: str
    server: Sources
    verify: ssl.SSLContext
    cited: list[Citation] = field(default_factory=list)

    def cite(self, *paths: str) -> list[Citation]:
        return [Citation(f"{self.base}{path}", "docs/page.md", line) for line, path in enumerate(paths, 1)]


@pytest.fixture
def sources(tmp_path) -> Iterator[LocalSources]:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    server = Sources(tls)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield LocalSources(
        f"http://127.0.0.1:{server.server_address[1]}", server, ssl.create_default_context(cafile=str(cert))
    )
    server.stop.set()
    server.shutdown()
    server.server_close()


def ask(sources: LocalSources, cited: list[Citation], politeness: Politeness = QUICK) -> list[str]:
    return [str(problem) for problem in check_addresses(cited, USER_AGENT, politeness, verify=sources.verify)]


def test_each_kind_of_answer_is_reported_at_its_citation(sources):
    base = sources.base
    cited = sources.cite("/ok", "/moved", "/temporary", "/gone", "/broken", "/never", "/no-head", "/flaky", "/insecure")

    assert ask(sources, cited) == [
        f"docs/page.md:2: {base}/moved has moved to {base}/new-home. Check that it is the same work, "
        "then change the url.",
        f"docs/page.md:4: {base}/gone is broken: the server answers 404 Not Found. Find the page's new address, "
        "or cite another source.",
        f"docs/page.md:5: {base}/broken is broken: the server answers 500 Internal Server Error (tried 3 times). "
        "Find the page's new address, or cite another source.",
        f"docs/page.md:6: {base}/never did not answer: no answer within 0.5 seconds (tried 3 times). "
        "If it still fails in a browser, find the page's new address or cite another source.",
        f"docs/page.md:9: {base}/insecure has an https:// home: change the url to "
        f"{base.replace('http:', 'https:')}/insecure",
    ]


def test_head_comes_first_and_get_only_when_head_is_refused(sources):
    assert ask(sources, sources.cite("/ok", "/no-head")) == []

    asked = [(method, path) for method, path, _ in sources.server.seen if path.startswith("http:")]
    assert sorted(asked) == [("GET", "http:/no-head"), ("HEAD", "http:/no-head"), ("HEAD", "http:/ok")]


def test_a_server_error_is_tried_again_and_a_recovery_is_not_reported(sources):
    assert ask(sources, sources.cite("/flaky")) == []
    assert [m for m, p, _ in sources.server.seen if p == "http:/flaky"] == ["HEAD", "GET", "HEAD"]


def test_every_request_says_who_is_asking(sources):
    ask(sources, sources.cite("/ok", "/moved", "/insecure"))
    assert {agent for _, _, agent in sources.server.seen} == {USER_AGENT}


def test_an_address_cited_twice_is_asked_once_and_reported_at_both_places(sources):
    gone = f"{sources.base}/gone"
    cited = [Citation(gone, "docs/b.md", 9), Citation(gone, "docs/a.md", 3)]

    report = ask(sources, cited)

    assert [line.split(": ", 1)[0] for line in report] == ["docs/a.md:3", "docs/b.md:9"]
    assert [p for _, p, _ in sources.server.seen] == ["http:/gone", "http:/gone"]  # HEAD, then GET


def test_addresses_are_asked_at_once_but_at_most_two_at_a_time_per_host(sources):
    ask(sources, sources.cite(*(f"/slow/{n}" for n in range(6))))
    assert sources.server.most_in_flight == 2


def test_each_source_url_is_found_at_its_line(tmp_path):
    project = make_project(tmp_path / "project")
    page = project / "docs/conditions/sciatica.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    url_lines = [number for number, line in enumerate(lines, 1) if line.strip().startswith("url:")]

    found = citations(load_project(project / "mkdocs.yml"))

    assert [c.line for c in found if c.path == "docs/conditions/sciatica.md"] == url_lines
    assert url_lines and all(c.url.startswith("https://") for c in found)


def test_a_page_that_cannot_be_read_is_left_to_the_content_check(tmp_path):
    project = make_project(tmp_path / "project")
    edit(project / "docs/conditions/sciatica.md", "last_reviewed: 2026-11-01", "last_reviewed: [")

    paths = {c.path for c in citations(load_project(project / "mkdocs.yml"))}

    assert "docs/conditions/back-pain.md" in paths
    assert "docs/conditions/sciatica.md" not in paths


def test_the_command_lists_each_citation_to_look_at_and_fails(tmp_path, sources):
    project = make_project(tmp_path / "project")
    edit(project / "docs/conditions/sciatica.md", "https://www.nhs.uk/conditions/sciatica/", f"{sources.base}/gone")
    edit(project / "docs/conditions/back-pain.md", "https://www.nhs.uk/conditions/back-pain/", f"{sources.base}/ok")
    for page in ("techniques/deep-tissue.md", "techniques/myofascial-release.md"):
        edit(
            project / "docs" / page,
            "https://www.nccih.nih.gov/health/massage-therapy-what-you-need-to-know",
            f"{sources.base}/moved",
        )

    result = check(project, "links", "--timeout", "2", "--retries", "0")

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"docs/conditions/sciatica.md:16: {sources.base}/gone is broken: the server answers 404 Not Found. "
        "Find the page's new address, or cite another source.",
        *(
            f"docs/techniques/{page}.md:15: {sources.base}/moved has moved to {sources.base}/new-home. "
            "Check that it is the same work, then change the url."
            for page in ("deep-tissue", "myofascial-release")
        ),
    ]
    assert result.stderr == "Asked 3 source address(es): 3 citation(s) to look at.\n"
    assert {agent for _, _, agent in sources.server.seen} == {
        f"Mozilla/5.0 (compatible; medmassage-links/{__version__}; +https://example.org/fixture/)"
    }


FAKE_GH = """#!/usr/bin/env bash
# Stands in for the GitHub CLI: logs each call, answers `issue list` after its --jq, keeps each --body-file.
echo "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ] && [ -n "${GH_OPEN_ISSUE:-}" ]; then echo "$GH_OPEN_ISSUE"; fi
while [ $# -gt 0 ]; do [ "$1" = --body-file ] && cp "$2" "$GH_LOG.body"; shift; done
"""


def report_links(tmp_path: Path, report: str, open_issue: str = "") -> tuple[list[str], str]:
    """Run scripts/report-links with a stand-in `gh`; return its calls and the issue text it sent."""
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin/gh").write_text(FAKE_GH, encoding="utf-8")
    (tmp_path / "bin/gh").chmod(0o755)
    (tmp_path / "links.txt").write_text(report, encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {
        **os.environ,
        "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}",
        "GH_LOG": str(log),
        "GH_OPEN_ISSUE": open_issue,
    }
    subprocess.run(
        [str(ROOT / "scripts/report-links"), str(tmp_path / "links.txt")],
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    body = log.with_name("gh.log.body")
    calls = [line.split(" --body-file")[0] for line in log.read_text(encoding="utf-8").splitlines()]
    return calls, body.read_text(encoding="utf-8") if body.exists() else ""


LISTED = (
    "issue list --state open --limit 500 --json number,title --jq "
    '.[] | select(.title == "Sources to check: broken or moved links") | .number'
)
REPORT = "docs/conditions/sciatica.md:16: https://example.org/gone is broken: the server answers 404 Not Found.\n"


def test_links_to_look_at_open_one_issue_that_lists_them(tmp_path):
    calls, body = report_links(tmp_path, REPORT)
    assert calls == [LISTED, "issue create --title Sources to check: broken or moved links"]
    assert f"```text\n{REPORT}```\n" in body


def test_the_open_issue_is_updated_rather_than_a_second_opened(tmp_path):
    calls, body = report_links(tmp_path, REPORT, open_issue="7")
    assert calls == [LISTED, "issue edit 7"]
    assert REPORT in body


def test_the_issue_is_closed_when_every_source_answers(tmp_path):
    calls, _ = report_links(tmp_path, "", open_issue="7")
    assert [call.split(" --comment")[0] for call in calls] == [LISTED, "issue close 7"]


def test_nothing_is_opened_when_every_source_answers(tmp_path):
    assert report_links(tmp_path, "") == ([LISTED], "")


def test_the_check_runs_for_a_caller_already_inside_an_event_loop(sources):
    """Playwright's synchronous API keeps a loop running, as the browser tests before these do."""

    async def caller() -> list[str]:
        return ask(sources, sources.cite("/gone"))

    with ThreadPoolExecutor(max_workers=1) as thread:  # a thread of its own: this one may hold Playwright's loop
        assert len(thread.submit(asyncio.run, caller()).result()) == 1
