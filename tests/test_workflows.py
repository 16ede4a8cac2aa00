"""The GitHub workflows, Dependabot and pre-commit settings: linted offline, held to the hardening rules,
and their steps run here as GitHub would run them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from support import ROOT, edit, make_project, one, tool, tool_env, with_site_config

WORKFLOWS = ROOT / ".github" / "workflows"
OFFLINE = tool_env(GH_TOKEN=None, GITHUB_TOKEN=None, ZIZMOR_GITHUB_TOKEN=None)
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
VENV_BIN = str(Path(sys.executable).parent)
GITHUB = {  # what GitHub would put in the expressions of a copy published at its own address
    "steps.pages.outputs.base_url": "https://someone.github.io/their-copy",
    "github.server_url": "https://github.com",
    "github.repository": "someone/their-copy",
}


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def lines_using(text: str) -> list[str]:
    stripped = (line.strip().removeprefix("- ") for line in text.splitlines())
    return [line.removeprefix("uses:").strip() for line in stripped if line.startswith("uses:")]


def triggers(workflow: dict) -> dict:
    return workflow["on"] if "on" in workflow else workflow[True]  # YAML 1.1 reads the key `on` as true


def step(workflow: str, job: str, name: str) -> tuple[dict, dict]:
    """A step by its name, and the environment GitHub gives it: the workflow's, the job's and its own."""
    loaded = load(workflow)
    [found] = [s for s in loaded["jobs"][job]["steps"] if s.get("name") == name]
    env = {**loaded.get("env", {}), **loaded["jobs"][job].get("env", {}), **found.get("env", {})}
    return found, {key: EXPRESSION.sub(lambda m: GITHUB[m.group(1)], str(value)) for key, value in env.items()}


def run_step(workflow: str, job: str, name: str, project: Path) -> subprocess.CompletedProcess:
    """Run a workflow's step in `project`, whose .venv is this test run's."""
    found, env = step(workflow, job, name)
    venv = project / ".venv"
    if not venv.exists():
        venv.symlink_to(Path(sys.executable).parents[1], target_is_directory=True)
    return subprocess.run(
        ["bash", "-e", "-c", found["run"]],
        cwd=project,
        env=tool_env(**env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_zizmor_finds_nothing_offline():
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-config", "--format", "json", str(ROOT)],
        capture_output=True,
        text=True,
        env=OFFLINE,
        cwd=ROOT,
        timeout=120,
    )
    assert json.loads(result.stdout) == []
    assert result.returncode == 0


def test_workflows_match_githubs_schema():
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    assert files
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
        capture_output=True,
        text=True,
        env=OFFLINE,
        timeout=120,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_dependabot_matches_its_schema():
    path = ROOT / ".github" / "dependabot.yml"
    result = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(path)],
        capture_output=True,
        text=True,
        env=OFFLINE,
        timeout=120,
    )
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_pre_commit_config_is_valid():
    result = subprocess.run(
        [tool("pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        capture_output=True,
        text=True,
        env=OFFLINE,
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_action_is_pinned_to_a_commit_with_its_version():
    for path in WORKFLOWS.glob("*.yml"):
        used = lines_using(path.read_text(encoding="utf-8"))
        assert used, path
        assert [u for u in used if not PINNED.match(u)] == [], path


def test_permissions_start_empty_and_no_run_step_expands_an_expression():
    for path in WORKFLOWS.glob("*.yml"):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert workflow["permissions"] == {}, path
        assert "pull_request_target" not in triggers(workflow), path
        for job in workflow["jobs"].values():
            for found in job["steps"]:
                assert "${{" not in found.get("run", ""), found
                if found.get("uses", "").startswith("actions/checkout@"):
                    assert found["with"]["persist-credentials"] is False


def collected(command: str) -> set[str]:
    """The tests a step's pytest command would run."""
    command = command.replace(".venv/bin/", f"{VENV_BIN}/")
    result = subprocess.run(
        ["bash", "-c", f"{command} --collect-only -q"],
        cwd=ROOT,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return {line for line in result.stdout.splitlines() if "::" in line}


def test_every_test_runs_in_exactly_one_pull_request_job():
    fast = collected(step("pull-request.yml", "check", "Run the tests that need no browser")[0]["run"])
    browser = collected(step("pull-request.yml", "browser", "Run the browser tests")[0]["run"])
    everything = collected(".venv/bin/python -m pytest")

    assert fast and browser
    assert fast & browser == set()
    assert fast | browser == everything
    assert all(test.startswith("tests/browser/") for test in browser)


@pytest.mark.parametrize(("workflow", "job"), [("pull-request.yml", "check"), ("publish.yml", "build")])
def test_an_overdue_review_never_stops_a_workflow(tmp_path, workflow, job):
    """One review date must never block every pull request and deploy at once (CONTRIBUTING.md)."""
    project = make_project(tmp_path / "project")
    edit(project / "docs/comparison.md", "next_review: 2027-06-01", "next_review: 2026-11-10")

    result = run_step(workflow, job, "Check the content", project)

    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[0] == (
        "docs/comparison.md:5: warning: the review of this page was due on "
        "2026-11-10. Ask a reviewer to check the page, then update last_reviewed."
    )


@pytest.mark.parametrize(("workflow", "job"), [("pull-request.yml", "check"), ("publish.yml", "build")])
def test_a_draft_can_be_neither_merged_nor_deployed(tmp_path, workflow, job):
    """Merged, a draft would stop every deploy after it, urgent safety fixes included."""
    project = make_project(tmp_path / "project")
    edit(project / "docs/conditions/sciatica.md", "last_reviewed:", "draft: true\nlast_reviewed:")

    result = run_step(workflow, job, "Check the content", project)

    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines()[0] == (
        "docs/conditions/sciatica.md:4: this page is a draft (draft: "
        "true), so it cannot be published. When it is finished, delete the "
        "draft line."
    )


def test_the_published_site_takes_its_addresses_from_github(tmp_path):
    project = make_project(tmp_path / "project")
    with_site_config(project / "mkdocs.yml")
    for placeholder, real in PRACTICE.items():  # publish mode refuses the placeholders
        edit(project / "mkdocs.yml", placeholder, real)

    result = run_step("publish.yml", "build", "Build the site strictly", project)

    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((project / "site/conditions/sciatica/index.html").read_text(encoding="utf-8"), "html.parser")
    assert one(page, 'link[rel="canonical"]')["href"] == "https://someone.github.io/their-copy/conditions/sciatica/"
    assert one(page, 'a[rel~="edit"]')["href"] == (
        "https://github.com/someone/their-copy/edit/main/docs/conditions/sciatica.md"
    )


def test_the_commit_hook_stops_a_page_with_a_content_error(tmp_path):
    """The local hook of .pre-commit-config.yaml, run by pre-commit on a fixture copy (the ruff hook needs GitHub)."""
    project = make_project(tmp_path / "project")
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = {"repos": [repo for repo in config["repos"] if repo["repo"] == "local"]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(local), encoding="utf-8")
    (project / ".venv").symlink_to(Path(sys.executable).parents[1], target_is_directory=True)
    edit(project / "docs/conditions/back-pain.md", "last_reviewed: 2026-11-01", "last_reviewed: 1 Nov 2026")
    env = tool_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=project, env=env, check=True)

    result = subprocess.run(
        [tool("pre-commit"), "run", "--files", "docs/conditions/back-pain.md"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 1
    assert (
        "docs/conditions/back-pain.md:4: the field 'last_reviewed' should be a date written as YYYY-MM-DD, "
        "for example 2026-11-27."
    ) in result.stdout.splitlines()


def test_pull_requests_build_with_mkdocs_and_properdocs_and_verify_both(tmp_path):
    project = make_project(tmp_path / "project")

    for name in ("Build the site strictly", "Build the site strictly with ProperDocs", "Verify both built sites"):
        result = run_step("pull-request.yml", "check", name, project)
        assert result.returncode == 0, result.stderr

    assert "ProperDocs" in (project / "site-properdocs" / "index.html").read_text(encoding="utf-8")
    (project / "site-properdocs" / "index.html").unlink()
    result = run_step("pull-request.yml", "check", "Verify both built sites", project)
    assert result.returncode == 1
    assert "site-properdocs/index.html: missing: the page for docs/index.md was not built" in result.stderr


def test_the_published_site_is_verified_before_it_is_uploaded(tmp_path):
    project = make_project(tmp_path / "project")
    assert run_step("publish.yml", "build", "Build the site strictly", project).returncode == 0
    (project / "site" / "conditions" / "sciatica" / "index.html").write_text("<html><head></head></html>")

    result = run_step("publish.yml", "build", "Verify the built site", project)

    assert result.returncode == 1
    assert "site/conditions/sciatica/index.html: missing the disclaimer (extra.disclaimer in the config)" in (
        result.stderr.splitlines()
    )
    steps = [s.get("name") for s in load("publish.yml")["jobs"]["build"]["steps"]]
    assert steps.index("Verify the built site") == steps.index("Upload the site for GitHub Pages") - 1


def test_no_workflow_fails_on_an_overdue_review_and_the_deploy_runs_in_publish_mode():
    """One review date must never block every pull request and deploy at once (CONTRIBUTING.md)."""
    for path in WORKFLOWS.glob("*.yml"):
        workflow = load(path.name)
        assert "CONTENT_OVERDUE_REVIEWS" not in workflow.get("env", {}), path
        for job in workflow["jobs"].values():
            assert "CONTENT_OVERDUE_REVIEWS" not in job.get("env", {}), path
    assert "CONTENT_PUBLISH" not in load("pull-request.yml")["jobs"]["check"].get("env", {})
    assert load("publish.yml")["jobs"]["build"]["env"]["CONTENT_PUBLISH"] == "1"


def test_reviews_falling_due_are_listed_weekly_in_one_issue():
    workflow = load("review-due.yml")
    assert triggers(workflow)["schedule"] == [{"cron": "17 6 * * 1"}]
    job = workflow["jobs"]["list"]
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs == [
        "scripts/setup",
        ".venv/bin/python -m medmassage due --days 60 --format markdown > review-due.md",
        "scripts/review-issue review-due.md",
    ]
    assert job["steps"][-1]["env"] == {"GH_TOKEN": "${{ github.token }}", "GH_REPO": "${{ github.repository }}"}


PRACTICE = {
    "&practice_name Example Medical Massage Practice": "&practice_name Someone's Massage Practice",
    "email: hello@example-practice.invalid": "email: hello@someones-practice.co.uk",
    "phone: 020 7946 0000": "phone: 0161 123 4567",
    "street: 1 Example Street": "street: 1 High Street",
    "locality: Exampletown": "locality: Manchester",
    '"Example: Monday': '"Monday',
    '"Example: Saturday': '"Saturday',
    "booking.example-practice.invalid": "book.someones-practice.co.uk",
    '"Example: English"': "English",
    '"Example: step-free': '"Step-free',
    '"Example: parking': '"Parking',
}
FAKE_GH = """#!/bin/sh
# A stand-in for GitHub's gh: records each call, and answers `issue list` from $OPEN_ISSUE.
echo "$*" >> "$GH_LOG"
if [ "$1 $2" = "issue list" ]; then echo "$OPEN_ISSUE"; fi
"""


@pytest.mark.parametrize(
    ("open_issue", "listing", "expected"),
    [
        (
            "",
            "- 2026-12-01: Sciatica, `docs/conditions/sciatica.md`\n",
            ["issue create --title Pages due for review --label review-due --body-file due.md"],
        ),
        ("7", "- 2026-12-01: Sciatica, `docs/conditions/sciatica.md`\n", ["issue edit 7 --body-file due.md"]),
        (
            "7",
            "No page is due for review by 2027-01-17. This issue can be closed.\n",
            ["issue edit 7 --body-file due.md"],
        ),
        ("", "No page is due for review by 2027-01-17. This issue can be closed.\n", []),
    ],
    ids=["opens-one", "updates-the-open-one", "says-when-the-list-empties", "opens-none-for-nothing"],
)
def test_the_review_issue_is_opened_once_then_updated(tmp_path, open_issue, listing, expected):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    (tmp_path / "due.md").write_text(listing, encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {**OFFLINE, "PATH": f"{bin_dir}:/usr/bin:/bin", "GH_LOG": str(log), "OPEN_ISSUE": open_issue}

    result = subprocess.run(
        [str(ROOT / "scripts" / "review-issue"), "due.md"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    calls = log.read_text(encoding="utf-8").splitlines()
    assert calls[0].startswith("label create review-due")
    assert calls[1] == "issue list --label review-due --state open --limit 1 --json number --jq .[0].number // empty"
    assert calls[2:] == expected


def test_the_review_issue_is_opened_for_a_withdrawn_clinical_review_alone(tmp_path):
    """`medmassage due` lists a withdrawn review as a '- ' line, which is what makes the script open the issue."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    listing = (
        "These pages have changed since a clinician reviewed them, so they no longer say they were reviewed.\n\n"
        "- Sciatica, `docs/conditions/sciatica.md`: changed since Alex Lee (@alexlee) reviewed it on 2026-11-18; "
        "ask Alex Lee to sign it again\n"
    )
    (tmp_path / "due.md").write_text(listing, encoding="utf-8")
    log = tmp_path / "gh.log"
    env = {**OFFLINE, "PATH": f"{bin_dir}:/usr/bin:/bin", "GH_LOG": str(log), "OPEN_ISSUE": ""}

    result = subprocess.run(
        [str(ROOT / "scripts" / "review-issue"), "due.md"], cwd=tmp_path, env=env, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert log.read_text(encoding="utf-8").splitlines()[-1] == (
        "issue create --title Pages due for review --label review-due --body-file due.md"
    )
