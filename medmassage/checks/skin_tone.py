"""A sign that depends on redness says how it can look on brown or black skin.

Redness is harder to see on brown or black skin, so a reader told only to look for "red, hot,
swollen skin" (an infection, a blood clot) may miss the sign. The NHS says so on its own pages
("this may be harder to see on brown or black skin"). This rule warns, at the first warning sign
or precaution that mentions redness, when nothing on the page says how it can look on darker skin.
It is a warning, not an error: the wording is the editor's to choose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.problems import Problem
from ..project.content import Content, Entry

REDNESS = re.compile(r"\bred(?:ness|dish|dened|der)?\b", re.IGNORECASE)
"""Red, redness, reddish, reddened, redder: whole words only, so "reduce" is not redness."""

DARKER_SKIN = re.compile(r"\b(?:brown|black) (?:or|and) (?:brown|black) skin\b", re.IGNORECASE)
"""The NHS's words for darker skin: "brown or black skin". ("Darker skin" is not enough: a clot can
make any skin look darker, so the words would not say whose skin is meant.)"""


def check_skin_tone(content: Content) -> Iterator[Problem]:
    for entry in content.pages.values():
        first = next(_signs_about_redness(entry), None)
        if first is not None and not DARKER_SKIN.search(entry.document.text):
            item, location = first
            yield Problem(
                entry.path,
                entry.document.meta.line_of(location),
                f"'{item}' depends on redness, and this page does not say how that can look on brown or "
                "black skin, where redness may be harder to see. Say so next to the sign, as the NHS does: "
                "for example, 'redness may be harder to see on brown or black skin'.",
                "warning",
            )


def _signs_about_redness(entry: Entry) -> Iterator[tuple[str, tuple]]:
    """Each warning sign or precaution on the page that mentions redness, with where it is."""
    signs = getattr(entry.record, "warning_signs", None)
    for level, note in signs.levels() if signs is not None else ():
        for index, item in enumerate(note.items):
            if REDNESS.search(item):
                yield item, ("warning_signs", level, "items", index)
    precautions = getattr(entry.record, "precautions", None)
    for index, item in enumerate(precautions.items if precautions is not None else ()):
        if REDNESS.search(item):
            yield item, ("precautions", "items", index)
