"""The absolute-claim rule reads sentences in context: a promise is refused, a warning or a denial is not.

fixtures/invalid/claims-in-context and accepted-claims show the rule on whole pages.
"""

from __future__ import annotations

import pytest

from medmassage.checks.claims import claim_words


@pytest.mark.parametrize(
    "sentence",
    [
        "Massage cures sciatica.",
        "Results are guaranteed.",
        "It gives permanent relief from pain.",
        "It gives permanent pain relief.",
        "A miracle for stiff necks.",
        "Deep tissue work is risk-free and has no side effects.",
        "It is not painful, and it cures back pain.",
        "Do not press hard.\nIt cures the pain.",
    ],
)
def test_a_promise_is_refused(sentence: str) -> None:
    assert [match[0] for match in claim_words(sentence)]


@pytest.mark.parametrize(
    "sentence",
    [
        "There is no cure for fibromyalgia.",
        "Massage cannot cure it.",
        "Massage will not cure a slipped disc.",
        "It won't cure the cause.",
        "Nothing cures it, but massage may ease the pain.",
        "No massage can cure arthritis.",
        "It is not a cure.",
        "Delay can cause permanent nerve damage.",
        "Pressure on the nerve can leave permanent weakness.",
        "Can massage cure sciatica?",
        "Recovery is never guaranteed.",
    ],
)
def test_a_warning_a_denial_or_a_question_is_not(sentence: str) -> None:
    assert [match[0] for match in claim_words(sentence)] == []
