"""Page bodies built to be slow or to crash a reader: shared by tests/test_bounds.py and the benchmarks.

Each family is what an attacker would try against a Markdown reader and the check's own scans:
a long run of one punctuation character, nesting as deep as it goes, many openers that are never
closed, and one word the claim rule looks at, repeated. `FAMILIES` builds each at a given size, for
the scaling benchmark; `adversarial_body` draws mixtures of them for Hypothesis.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import strategies as st

PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
"""Every ASCII punctuation character, each of which Markdown gives a meaning somewhere."""


def _repeat(piece: str) -> Callable[[int], str]:
    return lambda size: piece * max(1, size // len(piece))


def _nested_list(size: int) -> str:
    lines: list[str] = []
    depth = 0
    while sum(map(len, lines)) < size:
        lines.append("    " * depth + "- item\n")
        depth += 1
    return "".join(lines)


FAMILIES: dict[str, Callable[[int], str]] = {
    **{f"run of {character!r}": _repeat(character) for character in PUNCTUATION},
    "nested list": _nested_list,
    "nested quote": lambda size: "> " * (size // 2) + "text",
    "nested emphasis": lambda size: "*a " * (size // 6) + "a*" * (size // 6),
    "nested brackets": lambda size: "[" * (size // 2) + "a" + "]" * (size // 2),
    "unclosed links": _repeat("[a]("),
    "unclosed images": _repeat("!["),
    "fence openers": _repeat("```\n"),
    "fence openers with a language": _repeat("```py\n"),
    "tilde fence openers": _repeat("~~~\n"),
    "fence openers between blank lines": _repeat("```py\n\n"),
    "comment openers": _repeat("<!--"),
    "attribute list openers": _repeat("{: "),
    "code span openers": _repeat("`a"),
    "headings": _repeat("## a\n"),
    "claim word": _repeat("cure "),
    "negated claim words": _repeat("no cure, "),
    "permanent": _repeat("permanent "),
    "plain prose": _repeat("Massage may ease pain in the lower back for some people. "),
}

family = st.sampled_from(sorted(FAMILIES))
adversarial_piece = st.builds(lambda name, size: FAMILIES[name](size), family, st.integers(1, 3000))
adversarial_body = st.lists(
    st.one_of(adversarial_piece, st.sampled_from(["\n\n", "\n", " text ", "## Heading\n"])), min_size=1, max_size=6
).map("".join)
