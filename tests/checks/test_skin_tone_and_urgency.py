"""Signs about redness say how they look on brown or black skin; emergency signs stay at their level.

The fixtures show the messages (warning/redness-without-darker-skin and
invalid/more-emergency-signs-filed-as-less-urgent); these tests show what each rule lets through,
so that neither fires on wording that only looks alike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from medmassage.checks.skin_tone import DARKER_SKIN, REDNESS
from medmassage.checks.urgency import EMERGENCY_SIGNS
from support import FIXTURES, check, make_project

SCIATICA = FIXTURES / "valid" / "minimal" / "docs" / "conditions" / "sciatica.md"
DEEP_TISSUE = FIXTURES / "valid" / "minimal" / "docs" / "techniques" / "deep-tissue.md"


def _project_with(tmp_path: Path, page: Path, old: str, new: str) -> Path:
    project = make_project(tmp_path / "project")
    target = project / page.relative_to(FIXTURES / "valid" / "minimal")
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new), encoding="utf-8")
    return project


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "depends on redness" in line]


@pytest.mark.parametrize("word", ["Red", "redness", "reddish", "reddened", "redder"])
def test_each_form_of_red_is_redness(word: str) -> None:
    assert REDNESS.search(f"Skin that is {word} and hot")


@pytest.mark.parametrize("text", ["Ice may reduce swelling", "A redo of the scan", "Shredded"])
def test_words_that_only_contain_red_are_not_redness(text: str) -> None:
    assert not REDNESS.search(text)


def test_red_or_darker_skin_does_not_count_as_saying_how_brown_or_black_skin_looks() -> None:
    assert not DARKER_SKIN.search("warm, red or darker skin")
    assert DARKER_SKIN.search("this may be harder to see on Brown or Black skin")
    assert DARKER_SKIN.search("less obvious on black and brown skin")


def test_a_sign_about_redness_that_says_how_it_looks_on_darker_skin_passes(tmp_path: Path) -> None:
    sign = "Red, hot, swollen skin. Redness may be harder to see on brown or black skin"
    project = _project_with(tmp_path, SCIATICA, "Sciatica in both legs", sign)
    result = check(project)
    assert result.returncode == 0 and _warnings(result.stderr) == []


def test_the_body_may_say_it_instead_of_the_sign(tmp_path: Path) -> None:
    project = _project_with(tmp_path, SCIATICA, "Sciatica in both legs", "Red, hot, swollen skin")
    page = project / "docs" / "conditions" / "sciatica.md"
    page.write_text(page.read_text() + "\nOn brown or black skin, redness may be harder to see.\n")
    assert _warnings(check(project).stderr) == []


def test_a_precaution_about_redness_is_checked_too(tmp_path: Path) -> None:
    project = _project_with(
        tmp_path, DEEP_TISSUE, "A bleeding disorder, or taking blood thinners", "Red, hot skin in the area"
    )
    result = check(project)
    assert result.returncode == 0
    assert [line.split(": warning:")[0] for line in _warnings(result.stderr)] == ["docs/techniques/deep-tissue.md:18"]


def _named(text: str) -> list[str]:
    return [sign.name for sign in EMERGENCY_SIGNS if sign.named_in(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Severe headache with jaw pain when you eat",
        "Swollen ankles and legs together with breathlessness or tiredness, which can be signs of heart failure",
        "Double vision, or other problems with your sight",
        "Sciatica in both legs",
        "New heaviness or weakness in your arms or legs",
        "Back pain after a minor fall if you are older",
        "A possible broken finger or toe, or another small break",
        "Vision problems, such as double vision or loss of vision in one or both eyes",
    ],
)
def test_signs_that_sources_put_at_a_lower_level_are_not_taken_for_emergencies(text: str) -> None:
    assert _named(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Jaw pain with pain or tightness in your chest, or with pain in your arm, back or neck",
        "Sudden loss of sight, or sudden blurred sight, in one or both eyes",
        "Sudden weakness or numbness in your face, arm or leg",
        "Pain or swelling in one leg or arm together with breathlessness",
        "Pain, tingling, numbness or weakness in both legs",
        "Back pain that started after a serious accident, such as a car crash or a fall from a height",
        "A bone poking through the skin, or a bad break",
    ],
)
def test_the_real_sites_wording_of_each_new_emergency_is_known(text: str) -> None:
    assert _named(text) != []
