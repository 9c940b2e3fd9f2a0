"""Article text without page chrome, with offsets into the original text.

HTML goes through trafilatura, which drops menus, share buttons, related stories and
footers. Plain text (often copied from a page) gets paragraph rules: bullets, lines
without a sentence, repeated blocks and known chrome phrases are left out, so
"Newsweek Voices" never becomes an actor. Offsets stay those of the original text, so
every fact can point back at its sentence.
"""

from __future__ import annotations

import re
from datetime import date

import trafilatura

from loaders.text.html_bounds import bounded_html
from loaders.text.transcript import is_transcript, transcript_lines, turn_spans
from loaders.text.vocabulary import chrome_patterns

_LINE = re.compile(r"[^\n]+")
MIN_WORDS = 6
#: Longest span parsed as one spaCy document. A longer line (a run-on sentence, a page
#: pasted without line breaks) is cut below it, so every sentence fits a `Source`
#: (10,000 characters) and no parse or per-sentence step grows with the whole line.
MAX_SPAN_CHARS = 5_000
#: Where a long line is cut, best first: after a sentence end, after a clause break
#: (punctuation or a conjunction), after any space.
_CUTS = (
    re.compile(r"[.!?][\"'\u201d)\]]*\s+"),
    re.compile(r"[;:,]\s+|\s(?:and|but|or|while|whereas)\s+", re.IGNORECASE),
    re.compile(r"\s+"),
)


def _is_chrome(paragraph: str, seen: set[str], alone: bool = False) -> bool:
    """Whether a line is page chrome. `alone`: the line is the whole text. The fragment
    rule (few words, no sentence end) picks bylines and captions out of a page's lines;
    a text of one line is what its sender chose to send ("DAYTON, Ohio (AP)", a
    headline, a clause ending in ';'), so it only has to pass the other rules."""
    stripped = paragraph.strip()
    if stripped in seen:
        return True  # repeated blocks are templates
    if stripped.startswith(("\u2022", "*", "-", "|", "\u203a", "\u00bb")):
        return True
    if any(p.search(stripped) for p in chrome_patterns()):
        return True
    if alone:
        return False
    words = stripped.split()
    has_sentence = bool(re.search(r"[.!?\"”]\s*$|[.!?]\s", stripped))
    return len(words) < MIN_WORDS or not has_sentence


def article_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line that is article text, in order.

    Lines, not blank-line paragraphs: text copied from a page puts a photo id or a
    byline on its own line right above the first sentence. A broadcast transcript is
    cut into its speakers' turns instead (`loaders.text.transcript`): its short lines
    are short turns, not bylines, and its speaker labels and stage cues are not text.
    """
    if is_transcript(text):
        lines = transcript_lines(text)
        kept = [(a, b) for a, b in lines if not _is_chrome(text[a:b], set(), alone=True)]
        return turn_spans(text, kept)
    spans, seen = [], set()
    alone = sum(1 for line in _LINE.finditer(text) if line.group().strip()) == 1
    for match in _LINE.finditer(text):
        paragraph = match.group()
        if not paragraph.strip():
            continue
        if not _is_chrome(paragraph, seen, alone):
            spans.append((match.start(), match.end()))
        seen.add(paragraph.strip())
    return spans


def bounded_spans(
    text: str, spans: list[tuple[int, int]], limit: int = MAX_SPAN_CHARS
) -> list[tuple[int, int]]:
    """`spans`, each longer than `limit` cut in pieces at most that long (see _CUTS)."""
    pieces = []
    for start, end in spans:
        while end - start > limit:
            cut = _cut(text, start + limit // 2, start + limit)
            pieces.append((start, _trimmed(text, start, cut)))
            start = cut
        pieces.append((start, end))
    return pieces


def _cut(text: str, low: int, high: int) -> int:
    """After the last best break in text[low:high] (the piece's second half, so pieces
    stay long and the scan linear), else hard at `high`."""
    for pattern in _CUTS:
        ends = [match.end() for match in pattern.finditer(text, low, high)]
        if ends:
            return ends[-1]
    return high


def _trimmed(text: str, start: int, end: int) -> int:
    """`end` moved back over whitespace: a piece never ends in a sentence of blanks."""
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def html_to_text(html: str) -> tuple[str, date | None, str | None]:
    """Main text of a page, its publication date and title, as trafilatura finds them.

    The page is bounded first (`loaders.text.html_bounds`): lxml's parse costs the
    square of a tag's attributes or worse."""
    html = bounded_html(html)
    text = trafilatura.extract(html, include_comments=False, include_tables=False) or ""
    metadata = trafilatura.extract_metadata(html)
    published = None
    title = None
    if metadata is not None:
        title = metadata.title
        if metadata.date:
            try:
                published = date.fromisoformat(metadata.date[:10])
            except ValueError:
                published = None
    return text, published, title
