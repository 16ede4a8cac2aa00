"""The reading-level measure: the prose it reads, the grade it gives, and what known words do."""

from __future__ import annotations

from collections.abc import Iterable

from medmassage.checks.readability import Passage, passages, reading


def grade_of(text: str, known_words: Iterable[str] = ()) -> float | None:
    """The grade of one piece of plain text."""
    result = reading([Passage(1, text)], known_words)
    return result.grade if result else None


def test_prose_is_paragraphs_and_list_items_with_their_lines() -> None:
    body = "\n".join(
        [
            "## A heading is not prose",  # line 10
            "",
            "A first paragraph that runs",  # 12
            "over two lines.",
            "",
            "- a list item with a [link](other.md)",  # 15
            "- another **item**",
            "",
            "<!-- insert: conditions-list -->",
            "",
            "| a | table |",
            "```",
            "code is not prose",
            "```",
        ]
    )
    found = passages(body, first_line=10)
    assert found == [
        Passage(12, "A first paragraph that runs over two lines."),
        Passage(15, "a list item with a link"),
        Passage(16, "another item"),
    ]


def test_short_plain_sentences_score_low_and_long_latinate_ones_high() -> None:
    easy = grade_of("The cat sat on the mat. It was a warm day. We went out to play.")
    hard = grade_of(
        "Consideration of multidisciplinary rehabilitation interventions necessitates "
        "comprehensive evaluation of physiological characteristics and individual preferences."
    )
    assert easy is not None and easy < 3
    assert hard is not None and hard > 16


def test_a_known_word_counts_as_one_short_word() -> None:
    text = "Lymphoedema is swelling. Fibromyalgia is pain."
    plain, with_known = grade_of(text), grade_of(text, ["lymphoedema", "Fibromyalgia"])
    assert plain is not None and with_known is not None
    assert with_known < plain - 3


def test_the_hardest_passage_is_named_and_short_ones_are_not_blamed() -> None:
    result = reading(
        [
            Passage(3, "Keep moving. Rest a little. Walk each day and stretch."),
            Passage(
                9,
                "Physiotherapists frequently recommend individualised strengthening programmes "
                "incorporating progressive resistance.",
            ),
            Passage(12, "Interdisciplinary rehabilitation."),
        ]
    )
    assert result is not None
    assert result.hardest is not None and result.hardest.line == 9
    assert result.words == 10 + 9 + 2


def test_no_prose_gives_no_reading() -> None:
    assert reading([]) is None
    assert passages("## Only a heading\n\n<!-- insert: benefits-list -->\n") == []
