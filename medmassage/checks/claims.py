"""Absolute health claims, judged in context: the site promises no cure, yet may warn and may deny.

A word such as "cure", "guaranteed" or "permanent" is a promise in "massage cures sciatica" and
honest care in "there is no cure", "massage cannot cure it" or "delay can cause permanent nerve
damage". So the rule reads each sentence, not each word:

- It skips safety guidance, recognised by its structure, never by its wording alone: the warning
  signs and precautions in front matter (any record whose class sets `claims = False`, which also
  covers each source's title, the cited work's own words), and in a page's text a call-out of a
  warning kind (`!!! warning`, `danger`, `caution`, `attention`, `error`) or a section whose heading
  says it is about safety ("When to see a doctor", "Who should take care", "Precautions", "Risks").
- It skips a claim word that a negation comes shortly before, in the same clause ("no", "not",
  "cannot", "never", "nothing", "without"), "permanent" when harm follows it ("permanent nerve
  damage"), and questions, which promise nothing.
- A sentence a reviewer has accepted stays, with the reason, in the page's `accepted_claims:`.
  The check lists each acceptance as a warning, so that the acceptance itself is reviewed, and an
  acceptance that matches no claim on the page is an error, so none outlives its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from ..model.problems import Problem
from ..project import markers
from ..project.content import Content, Entry

CLAIM = re.compile(
    r"\b(cur(?:e|es|ed|ing)|guarantee[sd]?|guaranteeing|permanent(?:ly)?|no side[- ]effects?|"
    r"risk[- ]free|miracle|100\s?% (?:safe|effective))\b",
    re.IGNORECASE,
)
NEGATION = re.compile(
    r"\b(no|not|never|nothing|cannot|can't|can’t|won't|won’t|without|neither|nor|"
    r"\w+n't|\w+n’t)\b",
    re.IGNORECASE,
)
CLAUSE_BREAK = re.compile(r"[,;:()\n]|\b(but|and|or|although|though|while|yet)\b", re.IGNORECASE)
NEGATION_REACH = 4
"""How many words before a claim word a negation may stand: 'massage alone can never cure it'."""
HARM = re.compile(
    r"\W*(?:\w+\W+){0,1}(damage|harm|injury|injuries|disability|loss|weakness|numbness|paralysis|"
    r"scarring|scars?|deformity|problems?)\b",
    re.IGNORECASE,
)
BENEFIT = re.compile(
    r"\W*(?:\w+\W+){0,1}(relief|results?|fix|solution|improvement|cure|benefits?|change)\b", re.IGNORECASE
)
SAFETY_HEADING = re.compile(
    r"\b(warning|red flags?|danger|emergenc|urgent|precaution|contraindicat|risks?|side[- ]effects?|safety|"
    r"safe|take care|careful|caution|avoid|not suitable|who should|when (?:to|not to) (?:see|call|get|seek|stop|"
    r"avoid|have)|see a (?:doctor|gp)|seek (?:medical )?help|get (?:medical )?help|medical help)",
    re.IGNORECASE,
)
SAFETY_CALLOUTS = {"warning", "danger", "caution", "attention", "error"}
HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*)")
CALLOUT = re.compile(r"^(?P<indent>\s*)(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)")
LINK_TARGET = re.compile(r"(?<=\])\((?:[^()\n]|\([^()\n]*\))*\)")
"""A link's address, one level of brackets inside it allowed; the next '(' or ')' ends every try, so a line of
'](' repeated costs linear time."""
WORD = re.compile(r"[\w'’]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Claim:
    line: int
    word: str
    sentence: str


def data_claims(content: Content) -> Iterator[Problem]:
    for data in content.data.values():
        for claim in _record_claims(data.value, (), lambda loc, d=data: d.located.line_of(loc)):
            yield Problem(data.path, claim.line, f"{_unsaid(claim.word)}.")


def _unsaid(word: str) -> str:
    return f"'{word}' makes an absolute health claim. Rephrase it with care, for example 'may help' or 'can ease'"


def page_claims(entry: Entry) -> Iterator[Problem]:
    accepted = getattr(entry.record, "accepted_claims", [])
    texts = [_normal(acceptance.text) for acceptance in accepted]
    used: set[int] = set()
    meta = entry.document.meta
    accepting: dict[str, set[int]] = {}
    """The acceptances each sentence matches, worked out once: a sentence may hold many claim words."""
    for claim in [*_body_claims(entry), *_record_claims(entry.record, (), meta.line_of)]:
        if claim.sentence not in accepting:
            sentence = _normal(claim.sentence)
            accepting[claim.sentence] = {index for index, text in enumerate(texts) if text in sentence}
        matches = accepting[claim.sentence]
        used |= matches
        if not matches:
            yield Problem(
                entry.path,
                claim.line,
                f"{_unsaid(claim.word)}. If a clinician agrees that the sentence "
                "must stay as it is, add it to accepted_claims: with the reason.",
            )
    for index, acceptance in enumerate(accepted):
        line = meta.line_of(("accepted_claims", index, "text"))
        if index in used:
            reason = acceptance.reason.rstrip(".")
            yield Problem(
                entry.path,
                line,
                f'the absolute claim "{acceptance.text}" is accepted on this page '
                f"because: {reason}. Reviewers: check that the reason still holds.",
                "warning",
            )
        else:
            yield Problem(
                entry.path,
                line,
                f'accepted_claims lists "{acceptance.text}", but no sentence on '
                "this page makes a claim with those words. Remove it, or copy the words exactly as "
                "the sentence has them.",
            )


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split()).casefold()


def _record_claims(value: object, loc: tuple, line_of) -> Iterator[Claim]:
    """Claims in the text fields of a record, a list or a value; records with `claims = False` are skipped."""
    if isinstance(value, BaseModel):
        if not getattr(value, "claims", True):
            return
        for name in type(value).model_fields:
            if name != "id":
                yield from _record_claims(getattr(value, name), loc + (name,), line_of)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _record_claims(item, loc + (index,), line_of)
    elif isinstance(value, str):
        for match in claim_words(value):
            yield Claim(line_of(loc), match[0], value)


def claim_words(sentence: str) -> Iterator[re.Match]:
    """Each claim word the sentence makes: not in a question, not negated, not describing harm."""
    if sentence.rstrip().endswith("?"):
        return
    clauses = _Clauses(sentence)
    for match in CLAIM.finditer(sentence):
        if not (clauses.negated(match.start()) or _harm(match[0], sentence, match.end())):
            yield match


class _Clauses:
    """A sentence's clause breaks and words, found once: a sentence of many claim words costs linear time."""

    def __init__(self, sentence: str):
        self.sentence = sentence
        self.breaks = [match.end() for match in CLAUSE_BREAK.finditer(sentence)]
        words = [match.span() for match in WORD.finditer(sentence)]
        self.starts = [start for start, _ in words]
        self.ends = [end for _, end in words]

    def negated(self, start: int) -> bool:
        """A negation shortly before the claim word, in the same clause: 'there is no cure', 'cannot cure'."""
        index = bisect_right(self.breaks, start)
        clause = self.breaks[index - 1] if index else 0
        first, last = bisect_right(self.ends, clause), bisect_left(self.starts, start)
        words = range(max(first, last - NEGATION_REACH), last)
        return any(
            NEGATION.fullmatch(self.sentence[max(self.starts[i], clause) : min(self.ends[i], start)]) for i in words
        )


def _harm(word: str, sentence: str, end: int) -> bool:
    """'permanent' describing harm ('permanent nerve damage') warns; 'permanent relief' promises."""
    if not word.lower().startswith("permanent"):
        return False
    return bool(HARM.match(sentence, end)) and not BENEFIT.match(sentence, end)


def _body_claims(entry: Entry) -> Iterator[Claim]:
    for line, paragraph in _prose(entry):
        counted, breaks = 0, 0
        """Line breaks counted so far, up to `counted`: claims come in order, so each is counted once."""
        for sentence_start, sentence in _sentences(paragraph):
            for match in claim_words(sentence):
                offset = sentence_start + match.start()
                breaks, counted = breaks + paragraph.count("\n", counted, offset), offset
                yield Claim(line + breaks, match[0], sentence)


def _sentences(paragraph: str) -> Iterator[tuple[int, str]]:
    start = 0
    for end in SENTENCE_END.finditer(paragraph):
        yield start, paragraph[start : end.start()]
        start = end.end()
    yield start, paragraph[start:]


def _prose(entry: Entry) -> Iterator[tuple[int, str]]:
    """(first file line, text) of each paragraph outside code and safety guidance, link addresses blanked."""
    paragraph: list[str] = []
    first = 0
    for number, line in _lines_outside_safety(entry):
        if line.strip():
            first = first if paragraph else number
            paragraph.append(_without_comments(LINK_TARGET.sub(lambda match: " " * len(match[0]), line)))
            continue
        if paragraph:
            yield first, "\n".join(paragraph)
        paragraph = []
    if paragraph:
        yield first, "\n".join(paragraph)


def _without_comments(line: str) -> str:
    """The line with each HTML comment blanked, found with `str.find`: many openers and no end cost linear time."""
    pieces, kept = [], 0
    start = line.find("<!--")
    while start >= 0 and (end := line.find("-->", start + 4)) >= 0:
        pieces += [line[kept:start], " " * (end + 3 - start)]
        kept = end + 3
        start = line.find("<!--", kept)
    return "".join([*pieces, line[kept:]])


def _lines_outside_safety(entry: Entry) -> Iterator[tuple[int, str]]:
    """(file line, text) of each body line; a line of safety guidance is given as blank."""
    safety_level = 0
    """The level of the heading that opened a safety section, or 0 outside one."""
    callout: int | None = None
    """The indent of the safety call-out the lines are in, or None."""
    body = LINE_BREAK.split(markers.text_outside_code(entry.document.body))
    for offset, line in enumerate(body):
        number = entry.document.body_line + offset
        indent = len(line) - len(line.lstrip())
        if callout is not None and line.strip() and indent <= callout:
            callout = None
        heading, opened = HEADING.match(line), CALLOUT.match(line)
        if heading:
            level = len(heading["hashes"])
            if safety_level and level <= safety_level:
                safety_level = 0
            if not safety_level and SAFETY_HEADING.search(heading["text"]):
                safety_level = level
        if opened and callout is None and opened["kind"].lower() in SAFETY_CALLOUTS:
            callout = len(opened["indent"])
        yield number, "" if safety_level or callout is not None else line
