"""Signs that are always emergencies may not be filed under a less urgent level.

An editor decides each warning sign's level from its sources, and a reviewer reads the words,
not the YAML key above them: a sign moved from `emergency:` to `before_massage:` would tell a
reader with a possible stroke to book a doctor's appointment. The signs below are emergencies
in every source this site cites (NHS: "call 999 or go to A&E"; MedlinePlus: "call 911"), so the
check refuses them at the urgent and before-massage levels. data/SOURCES-NOTES.md records, for
each, the sources and their words. Each pattern is a plain alternation with no nested repeats,
so a scan takes time in proportion to the sign's length. The list lives in code, which a
maintainer reviews, not in `data/`, which a content change could edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model.problems import Problem
from ..project.content import Content, Entry


@dataclass(frozen=True)
class EmergencySign:
    name: str
    patterns: tuple[re.Pattern[str], ...]
    """Every one must match the sign's words."""

    def named_in(self, text: str) -> bool:
        return all(pattern.search(text) for pattern in self.patterns)


def _sign(name: str, *patterns: str) -> EmergencySign:
    return EmergencySign(name, tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns))


EMERGENCY_SIGNS = (
    _sign("loss of bladder or bowel control", r"\b(bladder|bowel)\b"),
    _sign("numbness around the genitals or bottom", r"\bgenitals?\b|\bsaddle\b|\baround (your|the) bottom\b"),
    _sign("signs of a stroke", r"\bslurred\b|\bdroop"),
    _sign("a sudden, severe headache", r"\bworst headache\b|\bexplosive\b|\bthunderclap\b"),
    _sign("a stiff neck with a high temperature", r"\bstiff neck\b", r"\btemperature\b|\bfever\b|\brash\b"),
    _sign("chest pain", r"\bchest pain\b"),
    _sign("sudden weakness or numbness, a sign of a stroke", r"\bsudden(?:ly)? (?:weakness|numbness)\b"),
    _sign("sudden loss of sight", r"\bsudden", r"\b(?:loss of|losing|lose|lost) (?:your )?(?:sight|vision)\b"),
    _sign("jaw pain with chest pain, a sign of a heart attack", r"\bjaw\b", r"\bchest\b"),
    _sign(
        "breathlessness with a painful or swollen leg or arm, a sign of a clot in the lungs",
        r"\bbreathless|\bshort(?:ness)? of breath\b",
        r"\b(?:leg|arm)\b",
    ),
    _sign(
        "pain, numbness or weakness in both legs",
        r"\bboth legs\b",
        r"\b(?:pain|tingling|numb|numbness|weak|weakness)\b",
    ),
    _sign("back pain after a serious accident", r"\bserious accident\b|\bmajor trauma\b|\bfall from a height\b"),
    _sign(
        "a bone through the skin",
        r"\bbones?\b",
        r"\bthrough (?:the|your) skin\b|\bsticking out\b|\bpok(?:e|es|ing) (?:out|through)\b",
    ),
)
LESS_URGENT = ("urgent", "before_massage")


def check_urgency(content: Content) -> Iterator[Problem]:
    for entry, level, index, item in _less_urgent_signs(content):
        sign = next((sign for sign in EMERGENCY_SIGNS if sign.named_in(item)), None)
        if sign is not None:
            yield Problem(
                entry.path,
                entry.document.meta.line_of(("warning_signs", level, "items", index)),
                f"'{item}' is an emergency sign ({sign.name}): the sources say to call the emergency "
                "number or go to the emergency department now. Move it under warning_signs: emergency:.",
            )


def _less_urgent_signs(content: Content) -> Iterator[tuple[Entry, str, int, str]]:
    for entry in content.pages.values():
        signs = getattr(entry.record, "warning_signs", None)
        for level, note in signs.levels() if signs is not None else ():
            if level in LESS_URGENT:
                yield from ((entry, level, index, item) for index, item in enumerate(note.items))
