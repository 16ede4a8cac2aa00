"""Reporting problems: plain text for people, workflow commands and a summary for GitHub."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TextIO

from ..model.problems import Problem


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """A GitHub workflow command that shows the problem on the file's line in a pull request.

    A problem with no file (a site generator's warning that names none) is annotated on the run.
    """
    if not problem.path:
        return f"::{problem.severity}::{_escape_data(problem.message)}"
    file = _escape_property(problem.path)
    return f"::{problem.severity} file={file},line={problem.line}::{_escape_data(problem.message)}"


def summary(problems: list[Problem], title: str = "Content check") -> str:
    """A Markdown job summary listing every problem, since GitHub shows only ten annotations."""
    errors = sum(p.severity == "error" for p in problems)
    lines = [f"## {title}: {errors} error(s), {len(problems) - errors} warning(s)", ""]
    if not problems:
        return "\n".join(lines + ["No problems found.", ""])
    lines += ["| File | Line | Problem |", "| --- | --- | --- |"]
    for problem in problems:
        message = problem.message.replace("|", "\\|")
        lines.append(f"| `{problem.path}` | {problem.line} | {problem.severity}: {message} |")
    return "\n".join(lines) + "\n"


def report(problems: list[Problem], stream: TextIO, github: bool = True) -> None:
    """Print each problem as `path:line: message`; on GitHub Actions (and with `github`), annotate and summarise."""
    for problem in problems:
        print(problem, file=stream)
    if github:
        annotate(problems, stream)


def annotate(problems: list[Problem], stream: TextIO, title: str = "Content check") -> None:
    """On GitHub Actions only: annotate each problem and list them all in the job summary."""
    if os.environ.get("GITHUB_ACTIONS") != "true":
        return
    for problem in problems:
        print(annotation(problem), file=stream)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary_file:
        with Path(summary_file).open("a", encoding="utf-8") as handle:
            handle.write(summary(problems, title))
