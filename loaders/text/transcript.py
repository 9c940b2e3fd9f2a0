"""Broadcast transcripts: speaker turns and stage cues, told from the text's shape.

A transcript has no dateline and often no paragraphs: one run of speech where turns
open with a speaker label in capitals ("JOHN KING, CNN CORRESPONDENT: ...",
"KING: ...", "ANNOUNCER: ...") and stage cues sit between them ("(BEGIN VIDEO CLIP)",
"[Laughter]"). Parsed as sentence text, a label becomes an actor or an event
("WOLF BLITZER CNN ANCHOR") and a cue an organisation ("BEGIN"). Here a text is told a
transcript by its labels alone, at turn starts (never by a file name or source), and
its lines are cut into turns with labels and cues left out, so each turn is parsed
as a paragraph of its own: a story's "back then" does not run from one speaker into
the next. Offsets stay those of the original text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from loaders.text.vocabulary import grammar_words

#: A word of a label: capitals, with the dots, apostrophes and hyphens of names
#: ("U.S.", "O'BRIEN", "JEAN-PIERRE").
_WORD = r"[A-Z][A-Z0-9.'\u2019\-]*"
#: A speaker label at a turn start: a name in capitals (an optional "Mr." style title
#: in front, as some networks write), an optional role after a comma ("CNN
#: CORRESPONDENT", "U.S. SECRETARY OF STATE"), an optional aside ("(voice-over)"), a
#: colon. The turn starts a line or follows a sentence end or a cue.
_LABEL = re.compile(
    r"(?:^|(?<=[.!?\"'\u201d)\]])[ \t]+|(?<=--)[ \t]*)"
    r"(?P<label>(?:(?:Mr|Mrs|Ms|Dr)\.\s)?"
    rf"(?P<name>{_WORD}(?:[ \t]{_WORD}){{0,4}})"
    rf"(?:,[ \t]{_WORD}(?:[ \t/&]+{_WORD}){{0,8}})?"
    r"(?:[ \t]\([A-Za-z \-]{1,30}\))?"
    r":)(?=\s)",
    re.MULTILINE,
)
#: A stage cue: square brackets, or parentheses holding capitals only or opening
#: with a cue word of data/grammar.yaml `transcript_cues`.
_CUE = re.compile(r"\[[^\]\n]{1,60}\]|\((?P<inner>[^()\n]{1,60})\)")
_CAPITALS = re.compile(r"[A-Z][A-Z0-9 ,.'\-/&]*")
#: Fewest labelled turns, and fewest different speakers, that make a transcript: one
#: capitalised "UPDATE:" or "EDITOR'S NOTE:" in a wire story does not.
MIN_TURNS = 3
MIN_SPEAKERS = 2
_LINE = re.compile(r"[^\n]+")
_LETTER = re.compile(r"[^\W\d_]")


def speaker_labels(text: str) -> Iterator[re.Match[str]]:
    """The speaker labels of a text, in order (group `label` the whole label, `name`
    the speaker). A name needs two letters: "A:" and "Q:" are not speakers."""
    for match in _LABEL.finditer(text):
        if len(_LETTER.findall(match.group("name"))) >= 2:
            yield match


#: Texts whose answer is remembered: an article is asked about twice, when it is cut into
#: paragraphs and when its events are read, and the label scan is over the whole text.
_REMEMBERED_TEXTS = 4


@lru_cache(maxsize=_REMEMBERED_TEXTS)
def is_transcript(text: str) -> bool:
    """Whether a text is a transcript: at least MIN_TURNS labelled turns by at least
    MIN_SPEAKERS speakers. Decided from the text alone."""
    speakers: set[str] = set()
    for turns, match in enumerate(speaker_labels(text), start=1):
        speakers.add(match.group("name"))
        if turns >= MIN_TURNS and len(speakers) >= MIN_SPEAKERS:
            return True
    return False


def _cues(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    words = grammar_words("transcript_cues")
    for match in _CUE.finditer(text, start, end):
        inner = match.group("inner")
        if inner is not None:
            first = inner.strip().split(" ")[0].lower().strip(".,-")
            if not (_CAPITALS.fullmatch(inner.strip()) or first in words):
                continue  # "(Reuters)", "(the old one)": part of what is said
        yield match.start(), match.end()


def turn_spans(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`lines` (spans of article text) cut at every speaker label and stage cue, with
    the labels and cues left out: (start, end) of each piece of speech, trimmed, in
    order. A piece with no letter (a lone comma between cues) is dropped."""
    pieces = []
    for start, end in lines:
        cuts = [(m.start("label"), m.end("label")) for m in speaker_labels(text[start:end])]
        cuts = [(a + start, b + start) for a, b in cuts]
        cuts += list(_cues(text, start, end))
        position = start
        for cut_start, cut_end in sorted(cuts):
            pieces.append((position, max(position, cut_start)))
            position = max(position, cut_end)
        pieces.append((position, end))
    return [span for span in (_trim(text, a, b) for a, b in pieces) if span is not None]


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if _LETTER.search(text, start, end) else None


def transcript_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line: in a transcript a short line is a short
    turn ("KING: Yes."), not a byline."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]
