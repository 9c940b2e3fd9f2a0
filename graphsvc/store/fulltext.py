"""Full-text search shared by both stores: the words of a query, the query each index
engine is given, which results a filter keeps, and snippets with their matches marked.

User text never becomes query syntax. The query is cut into words (letters and digits)
and each word is quoted for SQLite FTS5 or escaped for Lucene (Neo4j's full-text
indexes), joined by OR: `"ceasefire" OR "talks"`. Both engines rank with BM25 over
Porter-stemmed words, so the two stores agree on what matches and, nearly, on order.
Snippets are built here from the stored text, not by an engine (Neo4j has no
highlighter), so they look the same on both stores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import snowballstemmer

from graphsvc.errors import InvalidInput
from graphsvc.model import Actor, Document
from graphsvc.views import ActorHit, DocumentHit, EventHit, EventView, Snippet

#: Words of one query at most: each is one more clause for the engine to score.
MAX_TERMS = 32
#: Characters of one query word at most (longer runs are not words anyone searches).
MAX_TERM_CHARS = 100
#: Matches of each kind an engine hands over before filters (dates, type, actor) apply:
#: what keeps one search bounded on a graph of millions of events.
SCAN_LIMIT = 5000
#: Characters of a snippet around its first match.
SNIPPET_CHARS = 160

_WORD = re.compile(r"[^\W_]+")
#: Lucene query syntax: every character its classic parser gives a meaning to.
_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def terms_of(q: str) -> tuple[str, ...]:
    """The distinct words of `q`, lower-cased, in order: InvalidInput (422) when it has
    none or too many, saying which."""
    words = list(dict.fromkeys(w.casefold() for w in _WORD.findall(q)))
    if not words:
        raise InvalidInput(
            f"q={q[:40]!r} has no letters or digits to search for; give one or more words"
        )
    if len(words) > MAX_TERMS:
        raise InvalidInput(f"q has {len(words)} distinct words; at most {MAX_TERMS}")
    too_long = [w for w in words if len(w) > MAX_TERM_CHARS]
    if too_long:
        raise InvalidInput(
            f"q has a word of {len(too_long[0])} characters; at most {MAX_TERM_CHARS}"
        )
    return tuple(words)


def lucene_escape(word: str) -> str:
    """`word` with every Lucene special character escaped: a literal, never syntax."""
    return _LUCENE_SPECIAL.sub(r"\\\1", word)


def lucene_query(terms: Iterable[str]) -> str:
    """Terms for Neo4j's full-text indexes: escaped, OR-ed. Words are lower-cased first,
    so `OR`, `AND` and `NOT` typed by a user are words, not operators."""
    return " OR ".join(lucene_escape(t.lower()) for t in terms)


def fts5_query(terms: Iterable[str]) -> str:
    """Terms for SQLite FTS5: each a quoted string (quotes doubled), OR-ed, so `*`, `-`,
    `NEAR`, column filters and parentheses are only ever text."""
    return " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)


def combined_event_scores(
    summaries: Iterable[tuple[str, float]], sentences: Iterable[tuple[str, float]]
) -> list[tuple[str, float]]:
    """An event's score: its summary's BM25 plus its best source sentence's (a sentence
    several documents repeat counts once), best first, ties by id."""
    summary: dict[str, float] = {}
    for event_id, score in summaries:
        summary[event_id] = max(score, summary.get(event_id, 0.0))
    sentence: dict[str, float] = {}
    for event_id, score in sentences:
        sentence[event_id] = max(score, sentence.get(event_id, 0.0))
    scores = {i: summary.get(i, 0.0) + sentence.get(i, 0.0) for i in {*summary, *sentence}}
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))


# -- snippets --------------------------------------------------------------------------


@cache
def _stemmer() -> Any:
    # Porter, as FTS5's porter tokenizer and Lucene's English analyzer stem.
    return snowballstemmer.stemmer("porter")


def _stem(word: str) -> str:
    stem: str = _stemmer().stemWord(word.casefold())
    return stem


def marks_in(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """[start, end) of every word of `text` that matches a term, stemmed as the engines
    stem (so "ceasefires" marks "ceasefire")."""
    wanted = {_stem(t) for t in terms}
    return [(m.start(), m.end()) for m in _WORD.finditer(text) if _stem(m.group()) in wanted]


def _window(text: str, marks: list[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    """At most SNIPPET_CHARS of `text` around its first mark, cut at spaces, with "…"
    where text was left out; marks moved to the snippet's offsets."""
    if len(text) <= SNIPPET_CHARS:
        return text, marks
    first = marks[0][0] if marks else 0
    start = max(0, first - SNIPPET_CHARS // 3)
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    shift = len(prefix) - start
    kept = [(s + shift, e + shift) for s, e in marks if s >= start and e <= end]
    return prefix + text[start:end] + suffix, kept


def snippet(
    candidates: Iterable[tuple[str, str, str | None]], terms: Sequence[str]
) -> Snippet | None:
    """The snippet of the candidate text (field, text, document) matching the most
    distinct terms; the first such candidate on a tie (callers list the most telling
    field first). None when no candidate matches."""
    best: tuple[int, str, str, str | None, list[tuple[int, int]]] | None = None
    for field, text, document in candidates:
        marks = marks_in(text, terms)
        if not marks:
            continue
        distinct = len({_stem(text[s:e]) for s, e in marks})
        if best is None or distinct > best[0]:
            best = (distinct, field, text, document, marks)
    if best is None:
        return None
    _, field, text, document, marks = best
    shown, kept = _window(text, marks)
    return Snippet(field=field, text=shown, marks=kept, document=document)


def actor_hit(actor: Actor, score: float, terms: Sequence[str]) -> ActorHit:
    candidates = [("name", actor.name, None), *(("alias", a, None) for a in actor.aliases)]
    return ActorHit(
        id=actor.id,
        name=actor.name,
        kind=actor.kind,
        aliases=list(actor.aliases),
        score=round(score, 4),
        snippet=snippet(candidates, terms),
    )


def event_hit(view: EventView, score: float, terms: Sequence[str]) -> EventHit:
    candidates = [
        ("summary", view.summary, None),
        *(("sentence", s.sentence, s.document) for s in view.sources),
    ]
    return EventHit(
        id=view.id,
        type=view.type,
        summary=view.summary,
        start=view.start,
        end=view.end,
        precision=view.precision,
        date_text=view.date_text,
        factuality=view.factuality,
        participants=view.participants,
        score=round(score, 4),
        snippet=snippet(candidates, terms),
    )


def document_hit(document: Document, score: float, terms: Sequence[str]) -> DocumentHit:
    candidates = [("title", document.title, None)] if document.title else []
    return DocumentHit(
        id=document.id,
        title=document.title,
        url=document.url,
        published=document.published,
        score=round(score, 4),
        snippet=snippet(candidates, terms),
    )
