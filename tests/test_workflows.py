"""The GitHub workflows, Dependabot and pre-commit settings: linted offline, and held to the hardening rules."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import yaml
from support import edit, tool

from conftest import ROOT, make_project, tool_env

WORKFLOWS = ROOT / ".github" / "workflows"
OFFLINE = tool_env(GH_TOKEN=None, GITHUB_TOKEN=None, ZIZMOR_GITHUB_TOKEN=None)
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def lines_using(text: str) -> list[str]:
    stripped = (line.strip().removeprefix("- ") for line in text.splitlines())
    return [line.removeprefix("uses:").strip() for line in stripped if line.startswith("uses:")]


def triggers(workflow: dict) -> dict:
    return workflow.get("on", workflow.get(True))  # YAML 1.1 reads the key `on` as true


def steps(workflow: dict, job: str) -> list[dict]:
    return workflow["jobs"][job]["steps"]


def test_zizmor_finds_nothing_offline():
    result = subprocess.run([tool("zizmor"), "--offline", "--no-config", "--format", "json", str(ROOT)],
                            capture_output=True, text=True, env=OFFLINE, cwd=ROOT, timeout=120)
    assert json.loads(result.stdout) == []
    assert result.returncode == 0


def test_workflows_match_githubs_schema():
    files = sorted(str(path) for path in WORKFLOWS.glob("*.yml"))
    assert len(files) == 2
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files],
                            capture_output=True, text=True, env=OFFLINE, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")


def test_dependabot_matches_its_schema_and_waits_before_updating():
    path = ROOT / ".github" / "dependabot.yml"
    result = subprocess.run([tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(path)],
                            capture_output=True, text=True, env=OFFLINE, timeout=120)
    assert (result.returncode, result.stdout.strip()) == (0, "ok -- validation done")
    updates = yaml.safe_load(path.read_text(encoding="utf-8"))["updates"]
    cooldowns = {u["package-ecosystem"]: u["cooldown"]["default-days"] for u in updates}
    assert cooldowns == {"github-actions": 7, "pip": 7, "npm": 7}


def test_pre_commit_config_is_valid_and_runs_the_content_check():
    result = subprocess.run([tool("pre-commit"), "validate-config", ".pre-commit-config.yaml"],
                            capture_output=True, text=True, env=OFFLINE, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["content-check"]["entry"] == ".venv/bin/python -m medmassage check"
    assert "ruff-check" in hooks


def test_every_action_is_pinned_to_a_commit_with_its_version():
    for path in WORKFLOWS.glob("*.yml"):
        used = lines_using(path.read_text(encoding="utf-8"))
        assert used, path
        assert [u for u in used if not PINNED.match(u)] == [], path


def test_permissions_start_empty_and_no_run_step_expands_an_expression():
    for path in WORKFLOWS.glob("*.yml"):
        workflow = load(path.name)
        assert workflow["permissions"] == {}, path
        assert "pull_request_target" not in triggers(workflow), path
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                assert "${{" not in step.get("run", ""), step
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def test_pull_requests_check_then_build_then_test():
    workflow = load("pull-request.yml")
    assert list(triggers(workflow)) == ["pull_request"]
    job = workflow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert runs[-3:] == [
        ".venv/bin/python -m medmassage check",
        "env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY .venv/bin/mkdocs build --strict",
        "env -u GITHUB_ACTIONS -u GITHUB_STEP_SUMMARY scripts/test",
    ]
    assert "scripts/setup --test" in runs


def test_main_is_built_then_deployed_to_pages_without_cancelling_a_deployment():
    workflow = load("publish.yml")
    assert triggers(workflow)["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in build["steps"] + deploy["steps"] if "uses" in s] == [
        "actions/checkout", "actions/setup-python", "actions/upload-pages-artifact",
        "actions/configure-pages", "actions/deploy-pages",
    ]
    assert steps(workflow, "build")[-1]["with"] == {"path": "site/"}


def test_the_commit_hook_stops_a_page_with_a_content_error(tmp_path):
    """The local hook of .pre-commit-config.yaml, run by pre-commit on a fixture copy (the ruff hook needs GitHub)."""
    project = make_project(tmp_path / "project")
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = {"repos": [repo for repo in config["repos"] if repo["repo"] == "local"]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(local), encoding="utf-8")
    (project / ".venv").symlink_to(Path(sys.executable).parents[1], target_is_directory=True)
    edit(project / "docs/conditions/back-pain.md", "last_reviewed: 2026-11-01", "last_reviewed: 2026-13-01")
    env = tool_env(PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"))
    for command in (["git", "init", "-q"], ["git", "add", "-A"]):
        subprocess.run(command, cwd=project, env=env, check=True)

    result = subprocess.run([tool("pre-commit"), "run", "--files", "docs/conditions/back-pain.md"], cwd=project,
                            env=env, capture_output=True, text=True, timeout=120)

    assert result.returncode == 1
    assert ("docs/conditions/back-pain.md:4: the field 'last_reviewed' should be a date written as YYYY-MM-DD, "
            "for example 2026-11-27.") in result.stdout.splitlines()


def test_overdue_reviews_fail_both_workflows_as_the_readme_says():
    assert load("pull-request.yml")["jobs"]["check"]["env"]["CONTENT_OVERDUE_REVIEWS"] == "error"
    assert load("publish.yml")["jobs"]["build"]["env"]["CONTENT_OVERDUE_REVIEWS"] == "error"
