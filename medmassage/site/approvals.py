"""Only the clinician can sign: a pull request that adds or renews a page's review needs their approval.

Anyone can type a review record into a page; what makes it count is that the clinician it names
approved the pull request, from their own GitHub account, on its latest commit (so on the exact
words). This runs in the pull request's workflow with the workflow's own read-only token: it
compares each page's review record with the base branch's (git), reads the pull request's reviews
(`gh api`), and fails, naming who must approve, for any record without that approval. The GitHub
login comes from the base branch's register, so a pull request cannot add a clinician, or change
one's account, and sign with it at once.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import yaml

from ..checks.checker import check_project
from ..checks.reporter import annotate
from ..model.problems import Problem
from ..model.schema import ClinicalReview
from ..project.config import load_project
from ..project.content import Entry
from ..project.fingerprint import plain
from ..project.frontmatter import TextDatesLoader
from ..project.signoff import Reviews, withdrawn_markdown

DECIDING = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")
"""Review states that decide whether a reviewer approves; a comment leaves their last decision standing."""


class ApprovalError(Exception):
    """The approvals could not be checked at all (git or gh failed); the message says why."""


@dataclass(frozen=True)
class Review:
    login: str
    state: str
    commit: str


def check_approvals(config_file: Path, pull: int, base: str, head: str, stream: TextIO) -> int:
    """Exit status 1, with each missing approval reported at its page's line, else 0."""
    project = load_project(config_file)
    result = check_project(project)
    docs = project.docs_dir.relative_to(project.root).as_posix()
    if result.renderer is not None:
        summarise_withdrawn(result.renderer.reviews, docs)
    renewed = [entry for entry in result.content.pages.values() if _renewed(project.root, base, docs, entry)]
    if not renewed:
        print("No page's review record changes in this pull request: no clinician's approval is needed.", file=stream)
        return 0
    logins = _base_register(project.root, base)
    reviews = pull_request_reviews(project.root, pull)
    problems = []
    for entry in renewed:
        problem = _missing_approval(entry, logins, reviews, head)
        if problem is None:
            by = _record(entry).by
            print(f"{docs}/{entry.path}: signed by {by}, approved by @{logins[by]} on the latest commit.", file=stream)
        else:
            problems.append(Problem(f"{docs}/{problem.path}", problem.line, problem.message))
    for problem in problems:
        print(problem, file=stream)
    annotate(problems, stream, "Clinical sign-off")
    if problems:
        print(f"{len(problems)} sign-off(s) lack the clinician's approval, listed above.", file=stream)
    return 1 if problems else 0


def summarise_withdrawn(reviews: Reviews, docs: str) -> None:
    """On GitHub Actions: the job summary names the pages whose review this branch withdraws, and whom to ask."""
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    listed = withdrawn_markdown(reviews, docs)
    if os.environ.get("GITHUB_ACTIONS") == "true" and summary_file and listed:
        with Path(summary_file).open("a", encoding="utf-8") as handle:
            handle.write(f"## Clinical reviews this change withdraws\n\n{listed}\n")


def _missing_approval(entry: Entry, logins: dict[str, str], reviews: list[Review], head: str) -> Problem | None:
    record = _record(entry)
    line = entry.document.meta.line_of(("clinical_review",))
    login = logins.get(record.by)
    if login is None:
        return Problem(
            entry.path,
            line,
            f"this pull request signs the page for '{record.by}', who is not in data/clinicians.yml on the base "
            "branch. A clinician is added in a pull request of their own, which a maintainer approves, "
            "before they sign.",
        )
    decision = latest_decision(reviews, login)
    if decision is not None and decision.state == "APPROVED" and decision.commit == head:
        return None
    if decision is not None and decision.state == "APPROVED":
        why = f"@{login} approved an earlier commit ({decision.commit[:7]}), and the pages may have changed since"
    else:
        why = f"@{login} has not approved it"
    return Problem(
        entry.path,
        line,
        f"this pull request signs the page for {record.by}, so @{login} must approve the pull request on its "
        f"latest commit ({head[:7]}); {why}. Ask them to read the changes and approve (Files changed, "
        "Review changes, Approve).",
    )


def _record(entry: Entry) -> ClinicalReview:
    """The review record of a page `_renewed` found one on."""
    record = entry.record.clinical_review
    if record is None:
        raise ApprovalError(f"{entry.path} has no review record")
    return record


def latest_decision(reviews: list[Review], login: str) -> Review | None:
    """The login's last approval, request for changes or dismissal, in the order GitHub lists them."""
    mine = [r for r in reviews if r.login.casefold() == login.casefold() and r.state in DECIDING]
    return mine[-1] if mine else None


def pull_request_reviews(root: Path, pull: int) -> list[Review]:
    """Every review of the pull request, oldest first, through `gh api` (GH_TOKEN and GH_REPO set)."""
    output = _run(
        root,
        "gh",
        "api",
        f"repos/{{owner}}/{{repo}}/pulls/{pull}/reviews",
        "--paginate",
        "--jq",
        ".[] | [.user.login, .state, .commit_id] | @tsv",
    )
    reviews = []
    for line in output.splitlines():
        fields = line.split("\t")
        if len(fields) == 3:
            reviews.append(Review(*fields))
    return reviews


def _renewed(root: Path, base: str, docs: str, entry: Entry) -> bool:
    """Whether the page's review record differs from the base branch's (added, or any field changed)."""
    now = entry.document.meta.data.get("clinical_review")
    if now is None:
        return False
    before = _front_matter(_at_base(root, base, f"{docs}/{entry.path}")).get("clinical_review")
    return plain(now) != plain(before)


def _base_register(root: Path, base: str) -> dict[str, str]:
    """Each clinician's GitHub login by id, as the base branch's data/clinicians.yml has it."""
    try:
        items = yaml.load(_at_base(root, base, "data/clinicians.yml") or "[]", Loader=TextDatesLoader)
    except yaml.YAMLError:
        return {}
    return {
        str(item["id"]): str(item["github"])
        for item in items or []
        if isinstance(item, dict) and "id" in item and "github" in item
    }


def _front_matter(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return {}
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    try:
        data = yaml.load("\n".join(lines[1:end]), Loader=TextDatesLoader) if end else None
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def _at_base(root: Path, base: str, path: str) -> str | None:
    """The file's text on the base commit, or None if it did not exist there."""
    try:
        return _run(root, "git", "show", f"{base}:./{path}")
    except ApprovalError:
        if _run(root, "git", "cat-file", "-t", base).strip() != "commit":
            raise
        return None


def _run(root: Path, *command: str) -> str:
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ApprovalError(f"{command[0]} could not run: {error}") from None
    if done.returncode != 0:
        raise ApprovalError(f"{' '.join(command[:3])} failed: {done.stderr.strip() or done.returncode}")
    return done.stdout
