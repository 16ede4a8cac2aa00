"""The source-link check: does every cited source's address still answer, and at the same place?

Sources rot: a page is removed, a site moves, an `http://` address gains an `https://` home.
This asks every source's server, a few at a time, and reports what an editor should change,
as `path:line: message` at the source's `url:` line. The answers are other people's and change
without any change here, so the check runs on a schedule, never as part of a pull request.

Politeness: one request per address (however many pages cite it), at most two at a time per
host, `HEAD` first and `GET` (without reading the body) only when `HEAD` is refused, a timeout,
a few retries with growing pauses, and a user agent that says who is asking.
"""

from __future__ import annotations

import asyncio
import ssl
from collections import defaultdict
from collections.abc import Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from .. import __version__
from ..model.problems import Problem
from ..model.registry import SITE
from ..project.config import Project, SiteConfig
from ..project.content import load

MAX_REDIRECTS = 10
PER_HOST = 2
PERMANENT = {301, 308}
REFUSED = {401, 403, 429}  # the server would not tell a program; a person may still see the page
RETRY = {429, 500, 502, 503, 504}
T = TypeVar("T")


@dataclass(frozen=True)
class Citation:
    """A source's address, where a page cites it."""

    url: str
    path: str
    line: int


@dataclass(frozen=True)
class Answer:
    """What an address answered in the end: a status, or the reason there was none."""

    status: int | None
    final_url: str
    moved: bool = False
    """Every redirect on the way was permanent, so the final address is the source's new home."""
    error: str = ""
    tries: int = 1

    @property
    def ok(self) -> bool:
        return self.status is not None and self.status < 400


@dataclass(frozen=True)
class Politeness:
    timeout: float = 15.0
    retries: int = 2
    concurrency: int = 8
    pause: float = 1.0
    """Seconds before the first retry; each later retry waits twice as long."""


def user_agent(config: SiteConfig) -> str:
    """Says who asks and where to find them, as well-behaved crawlers do."""
    contact = config.repo_url or config.site_url
    return f"Mozilla/5.0 (compatible; medmassage-links/{__version__}; +{contact})"


def citations(project: Project) -> list[Citation]:
    """Every source `url` in the pages' front matter, with its file and line."""
    docs = project.docs_dir.relative_to(project.root).as_posix()
    found = []
    for entry in load(project.page_files(), [], project.registry or SITE).pages.values():
        meta = entry.document.meta
        for index, source in enumerate(meta.data.get("sources") or []):
            if isinstance(source, dict) and isinstance(source.get("url"), str):
                line = meta.line_of(("sources", index, "url"))
                found.append(Citation(source["url"].strip(), f"{docs}/{entry.path}", line))
    return sorted(found, key=lambda c: (c.path, c.line))


def check_addresses(
    cited: Iterable[Citation],
    user_agent: str,
    politeness: Politeness = Politeness(),
    verify: ssl.SSLContext | bool = True,
) -> list[Problem]:
    """Ask about each address once and report every citation of one that needs an editor's attention."""
    by_url: dict[str, list[Citation]] = defaultdict(list)
    for citation in cited:
        by_url[citation.url].append(citation)
    answers = _run(_ask_all(sorted(by_url), user_agent, politeness, verify))
    problems: list[Problem] = []
    for url, (answer, https_home) in answers.items():
        message = finding(url, answer, https_home)
        if message:
            problems.extend(Problem(c.path, c.line, message) for c in by_url[url])
    return sorted(problems)


def _run(coroutine: Coroutine[Any, Any, T]) -> T:
    """`asyncio.run` on a thread of its own, so a caller already inside an event loop can use it too.

    Playwright's synchronous API, for one, keeps a loop running on the thread that drives the browser.
    """
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def finding(url: str, answer: Answer, https_home: str | None) -> str | None:
    """What an editor should do about an address, or None when it is fine."""
    tried = f" (tried {answer.tries} times)" if answer.tries > 1 else ""
    if answer.status is None:
        return (
            f"{url} did not answer: {answer.error}{tried}. If it still fails in a browser, "
            "find the page's new address or cite another source."
        )
    if answer.status in REFUSED:
        return (
            f"{url} refused the check with {_status(answer.status)}. Open it in a browser: if the page "
            "is still there, nothing needs to change."
        )
    if not answer.ok:
        return (
            f"{url} is broken: the server answers {_status(answer.status)}{tried}. Find the page's new "
            "address, or cite another source."
        )
    if https_home:
        return f"{url} has an https:// home: change the url to {https_home}"
    if answer.moved and answer.final_url != url:
        return f"{url} has moved to {answer.final_url}. Check that it is the same work, then change the url."
    return None


def _status(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return str(code)


async def _ask_all(
    urls: list[str], user_agent: str, politeness: Politeness, verify: ssl.SSLContext | bool
) -> dict[str, tuple[Answer, str | None]]:
    limits = httpx.Limits(max_connections=politeness.concurrency, max_keepalive_connections=politeness.concurrency)
    hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(PER_HOST))
    async with httpx.AsyncClient(
        headers={"User-Agent": user_agent},
        timeout=politeness.timeout,
        limits=limits,
        verify=verify,
        follow_redirects=False,
    ) as client:
        asker = _Asker(client, hosts, politeness)
        answers = await asyncio.gather(*(asker.about(url) for url in urls))
    return dict(zip(urls, answers, strict=True))


class _Asker:
    def __init__(self, client: httpx.AsyncClient, hosts: dict[str, asyncio.Semaphore], politeness: Politeness):
        self.client, self.hosts, self.politeness = client, hosts, politeness

    async def about(self, url: str) -> tuple[Answer, str | None]:
        """The address's answer and, for an `http://` address that answers, its `https://` home if it has one."""
        answer = await self.answer(url)
        if not answer.ok or urlsplit(url).scheme != "http":
            return answer, None
        if answer.moved and answer.final_url == _secure(url):
            return answer, answer.final_url
        if urlsplit(answer.final_url).scheme != "http":
            return answer, None
        upgraded = await self.answer(_secure(answer.final_url), retries=0)
        return answer, (upgraded.final_url if upgraded.ok else None)

    async def answer(self, url: str, retries: int | None = None) -> Answer:
        """HEAD, then GET if HEAD is refused; tried again after a pause on no answer or a server error."""
        retries = self.politeness.retries if retries is None else retries
        answer = Answer(None, url)
        for attempt in range(retries + 1):
            if attempt:
                await asyncio.sleep(self.politeness.pause * 2 ** (attempt - 1))
            answer = await self._once(url)
            answer = Answer(answer.status, answer.final_url, answer.moved, answer.error, attempt + 1)
            if answer.status is not None and answer.status not in RETRY:
                break
        return answer

    async def _once(self, url: str) -> Answer:
        answer = await self._follow("HEAD", url)
        if answer.status is not None and answer.status >= 400:
            answer = await self._follow("GET", url)
        return answer

    async def _follow(self, method: str, url: str) -> Answer:
        """Follow redirects by hand, to tell a permanent move from a temporary one."""
        moved, current = True, url
        for _ in range(MAX_REDIRECTS + 1):
            try:
                status, location = await self._request(method, current)
            except (TimeoutError, httpx.HTTPError, ssl.SSLError, OSError) as error:
                return Answer(None, current, error=_describe(error, self.politeness.timeout))
            if location is None:
                return Answer(status, current, moved=moved and current != url)
            moved = moved and status in PERMANENT
            current = urljoin(current, location)
        return Answer(None, current, error=f"more than {MAX_REDIRECTS} redirects")

    async def _request(self, method: str, url: str) -> tuple[int, str | None]:
        """One request, its status and any redirect; the body is never read. A hung server counts as no answer."""
        async with self.hosts[urlsplit(url).netloc]:
            request = self.client.stream(method, url)
            async with asyncio.timeout(self.politeness.timeout * 2):
                async with request as response:
                    location = response.headers.get("location") if response.is_redirect else None
                    return response.status_code, location


def _secure(url: str) -> str:
    return urlunsplit(urlsplit(url)._replace(scheme="https"))


def _describe(error: BaseException, timeout: float) -> str:
    if isinstance(error, httpx.TimeoutException | asyncio.TimeoutError | TimeoutError):
        return f"no answer within {timeout:g} seconds"
    if isinstance(error, httpx.ConnectError):
        return f"could not connect ({error or 'connection refused'})"
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
