"""What a condition page says about the research on massage, read from its text and front matter.

A condition's `evidence:` says how strong the research on massage for it is, with sources that
are themselves about massage (`about_massage: true`), or says plainly that there is little
research. This module finds where the page says massage may help (where the page shows what the
research says, render.py), whether the evidence is backed, and which sources back a technique;
checks/evidence.py holds the rule.
"""

from __future__ import annotations

import re

from ..model.schema import Condition, Evidence, Source
from . import markers
from .content import Entry

HEADING = re.compile(r"#{2,6}[ \t]")
MAY_HELP = re.compile(r"\bmay help\b", re.IGNORECASE)
"""A section that says how massage may help, such as `## How medical massage may help`."""
LITTLE_RESEARCH = "little-research"
ABOUT_MASSAGE = re.compile(r"\bmay help\b|\bwhat massage can\b", re.IGNORECASE)
"""Where "What the research says" goes: under the "may help" section, or the one that says there is little research.
Each pattern is searched in a heading's text, not matched across it, so the time is linear in the line."""


def may_help_offset(body: str, words: re.Pattern[str] = MAY_HELP) -> int | None:
    """The line of the body (from 0) that heads its "may help" section, outside code blocks; None if it has none."""
    return next(
        (
            line.offset
            for line in markers.lines(body)
            if not line.in_code and HEADING.match(line.text) and words.search(line.text)
        ),
        None,
    )


def is_supported(evidence: Evidence, condition: Condition) -> bool:
    """Whether the evidence names a source about massage, or says plainly that there is little research."""
    if evidence.strength == LITTLE_RESEARCH:
        return True
    about_massage = {source.id for source in condition.sources if source.about_massage}
    return any(id_ in about_massage for id_ in evidence.sources)


def place(body: str, box: str) -> str:
    """`box` under the body's "may help" heading, so the claim and its evidence are read together; else at the end."""
    offset = may_help_offset(body, ABOUT_MASSAGE)
    if offset is None:
        return f"{body.rstrip()}\n\n{box}"
    lines = [line.text for line in markers.lines(body)]
    head, tail = "".join(lines[: offset + 1]), "".join(lines[offset + 1 :])
    return f"{head.rstrip()}\n\n{box}\n{tail.lstrip(chr(10))}"


def backing(entry: Entry, other: Entry) -> list[Source] | None:
    """The sources that support a condition-technique pairing, [] for the practice's own approach,
    None when the two pages are not such a pair."""
    condition, technique = (entry, other) if isinstance(entry.record, Condition) else (other, entry)
    record, technique_id = condition.record, getattr(technique.record, "id", None)
    if not isinstance(record, Condition) or isinstance(technique.record, Condition) or technique_id is None:
        return None
    if not record.lists_technique(technique_id):
        return None
    ids = record.technique_sources(technique_id)
    return [source for id_ in ids for source in record.sources if source.id == id_]
