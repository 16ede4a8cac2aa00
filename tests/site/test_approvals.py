"""Only the clinician can sign: the pull request's "Clinical sign-off" step, run as GitHub would run it,
on a git repository of the fixture site, with a stand-in for GitHub's `gh` that answers with reviews."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_workflows import OFFLINE, load

from support import FIXTURES, ROOT, check, edit, make_project, tool_env

SIGNOFF_STEP = "Require the signing clinician's approval"
FAKE_GH = """#!/bin/sh
# A stand-in for GitHub's gh: records each call, and answers the reviews query from $REVIEWS.
echo "$*" >> "$GH_LOG"
printf '%s' "$REVIEWS"
"""


def git(project: Path, *args: str) -> str:
    env = tool_env(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@t", GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@t")
    done = subprocess.run(["git", *args], cwd=project, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(project: Path, message: str) -> str:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)
    return git(project, "rev-parse", "HEAD")


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, str, str, str]:
    """A repository whose pull request signs the sciatica page: (project, base, an older commit, the latest)."""
    project = make_project(tmp_path / "project", FIXTURES / "signoff")
    (project / ".venv").symlink_to(Path(sys.executable).parents[1], target_is_directory=True)
    (project / ".gitignore").write_text(".venv\nsite\n", encoding="utf-8")
    git(project, "init", "-q")
    base = commit(project, "base")
    assert check(project, "sign", str(project / "docs/conditions/sciatica.md"), "--by", "alex-lee").returncode == 0
    older = commit(project, "sign sciatica")
    edit(project / "docs/conditions/back-pain.md", "## ", "## ")  # an unchanged file: a commit with no change
    edit(project / ".gitignore", "site\n", "site\nsite-properdocs\n")
    latest = commit(project, "a later commit")
    return project, base, older, latest


def run_signoff(project: Path, base: str, head: str, reviews: str, **extra: str) -> subprocess.CompletedProcess:
    workflow = load("pull-request.yml")
    [step] = [s for s in workflow["jobs"]["signoff"]["steps"] if s.get("name") == SIGNOFF_STEP]
    assert step["env"] == {
        "GH_TOKEN": "${{ github.token }}",
        "GH_REPO": "${{ github.repository }}",
        "PULL_REQUEST": "${{ github.event.pull_request.number }}",
        "BASE_SHA": "${{ github.event.pull_request.base.sha }}",
        "HEAD_SHA": "${{ github.event.pull_request.head.sha }}",
    }
    bin_dir = project.parent / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    env = {
        **OFFLINE,
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "GH_LOG": str(project.parent / "gh.log"),
        "REVIEWS": reviews,
        "GH_TOKEN": "a-token",
        "GH_REPO": "someone/their-copy",
        "PULL_REQUEST": "7",
        "BASE_SHA": base,
        "HEAD_SHA": head,
        **extra,
    }
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_job_reads_reviews_with_a_read_only_token_and_reruns_on_a_review():
    workflow = load("pull-request.yml")
    job = workflow["jobs"]["signoff"]
    assert job["permissions"] == {"contents": "read", "pull-requests": "read"}
    triggers = workflow.get("on", workflow.get(True))
    assert triggers is not None and triggers["pull_request_review"] == {"types": ["submitted", "dismissed"]}
    checkout = job["steps"][0]
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}


def test_the_clinicians_approval_on_the_latest_commit_passes(repository):
    project, base, _, latest = repository

    result = run_signoff(project, base, latest, f"someone\tCOMMENTED\t{latest}\nalexlee\tAPPROVED\t{latest}\n")

    assert result.returncode == 0, result.stderr
    assert "docs/conditions/sciatica.md: signed by alex-lee, approved by @alexlee on the latest commit." in (
        result.stderr
    )
    calls = (project.parent / "gh.log").read_text(encoding="utf-8").splitlines()
    assert calls == [
        "api repos/{owner}/{repo}/pulls/7/reviews --paginate --jq .[] | [.user.login, .state, .commit_id] | @tsv"
    ]


@pytest.mark.parametrize(
    ("reviews", "why"),
    [
        ("", "@alexlee has not approved it"),
        ("alexlee\tAPPROVED\t{older}\n", "@alexlee approved an earlier commit ({older7}), and the pages may have"),
        ("sam-okafor\tAPPROVED\t{latest}\n", "@alexlee has not approved it"),
        ("alexlee\tAPPROVED\t{latest}\nalexlee\tCHANGES_REQUESTED\t{latest}\n", "@alexlee has not approved it"),
    ],
    ids=["no-approval", "on-an-older-commit", "from-another-account", "then-changes-requested"],
)
def test_without_the_clinicians_approval_on_the_latest_commit_it_fails(repository, reviews, why):
    project, base, older, latest = repository

    result = run_signoff(project, base, latest, reviews.format(older=older, latest=latest))

    assert result.returncode == 1
    line = result.stderr.splitlines()[0]
    assert line.startswith(
        "docs/conditions/sciatica.md:5: this pull request signs the page for alex-lee, so @alexlee must approve "
        f"the pull request on its latest commit ({latest[:7]}); "
    )
    assert why.format(older7=older[:7]) in line


def test_a_pull_request_that_changes_no_review_needs_no_approval(repository):
    project, _, older, latest = repository

    result = run_signoff(project, older, latest, "")

    assert result.returncode == 0, result.stderr
    assert "no clinician's approval is needed" in result.stderr
    assert not (project.parent / "gh.log").exists()


def test_the_job_summary_names_the_reviews_a_change_withdraws(repository):
    project, _, older, _ = repository
    edit(project / "docs/conditions/sciatica.md", "Sciatica in both legs", "Sciatica in one leg")
    latest = commit(project, "an urgent fix")
    summary = project.parent / "summary.md"

    result = run_signoff(project, older, latest, "", GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))

    assert result.returncode == 0, result.stderr
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Clinical reviews this change withdraws\n")
    assert "- Sciatica, `docs/conditions/sciatica.md`: changed since Alex Lee (@alexlee) reviewed it on" in text


def test_a_clinician_added_in_the_same_pull_request_cannot_sign(repository):
    """The GitHub login comes from the base branch's register, so no pull request adds a clinician and signs."""
    project, base, _, latest = repository
    git(project, "checkout", "-q", "-b", "without-alex", base)
    edit(project / "data/clinicians.yml", "id: alex-lee", "id: alex-lea")
    without_alex = commit(project, "a register without alex-lee")
    git(project, "checkout", "-q", latest)

    result = run_signoff(project, without_alex, latest, f"alexlee\tAPPROVED\t{latest}\n")

    assert result.returncode == 1
    assert "who is not in data/clinicians.yml on the base branch" in result.stderr


def test_codeowners_names_each_signed_pages_reviewer_with_the_maintainers(repository):
    project, _, _, _ = repository
    (project / ".github").mkdir()
    (project / ".github/CODEOWNERS").write_text("/.github/ @org/maintainers\n", encoding="utf-8")

    assert check(project, "codeowners", "--check").returncode == 1
    assert check(project, "codeowners").returncode == 0

    lines = (project / ".github/CODEOWNERS").read_text(encoding="utf-8").splitlines()
    assert "/docs/conditions/sciatica.md @org/maintainers @alexlee" in lines
    assert check(project, "codeowners", "--check").returncode == 0


def test_the_repositorys_codeowners_is_current_with_its_register():
    result = subprocess.run(
        [sys.executable, "-m", "medmassage", "codeowners", "--check"],
        cwd=ROOT,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "/data/clinicians.yml      @example-practice/maintainers" in text
