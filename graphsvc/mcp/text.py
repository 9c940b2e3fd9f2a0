"""Store answers as compact text a model can cite: one line a fact.

An event is one line (its date with precision and basis, type, summary, id), then a line
of participants with their roles (and, for a link the text does not make by name, how it
was made: `(agent, person:jane-roe, resolved from "she")`), then one line per source:
the sentence and the title and id of the document it comes from. Dates say how sure they are:
`2015-10-20 (day, stated)`, `2015-Q4 (quarter, approximate, stated as "toward the end of
2015")`, `2016-01-22 (day, approximate, inferred from publication)`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from graphsvc import relation_text
from graphsvc.model import Actor, Document, When
from graphsvc.temporal.formats import before_label, to_edtf, to_timex
from graphsvc.views import (
    ActorRef,
    CypherResult,
    EventView,
    ParticipantView,
    PathsResult,
    RelatedActorsPage,
    SearchResults,
    Snippet,
    SourceDocument,
    TimelinePage,
)

#: How each date basis reads in a citation.
BASIS_WORDS = {
    "text": "stated",
    "context": "inferred from context",
    "publication": "inferred from publication",
}
SEASON_WORDS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}

#: Looks up a cited document by id (None: not stored).
DocumentOf = Callable[[str], Document | SourceDocument | None]


def date_value(start: date, end: date, precision: str | None) -> str:
    """`2015-10-20`, `2015-09`, `2015-Q4`, `2015-H2`, `summer 2015`, `2015`, `1990s`, or
    `start..end` for a span that is no single calendar unit (a week is written so too)."""
    if precision is None:
        return start.isoformat() if start == end else f"{start}..{end}"
    when = When(start=start, end=end, precision=precision)  # type: ignore[arg-type]
    edtf = to_edtf(when)
    if "/" in edtf or edtf.startswith("["):
        return start.isoformat() if start == end else f"{start}..{end}"
    if precision == "decade":
        return f"{start.year}s"
    if precision == "day":
        return start.isoformat()
    timex = to_timex(when)
    if precision == "season":
        year, _, season = timex.partition("-")
        return f"{SEASON_WORDS.get(season, season)} {year}"
    return timex


def date_label(
    start: date | None,
    end: date | None,
    precision: str | None,
    approximate: bool = False,
    basis: str | None = None,
    date_text: str | None = None,
    open_start: bool = False,
) -> str:
    """The date and how it is known: `2015-Q4 (quarter, approximate, stated as "...")`,
    `before 1998-01-08 (day, carried from earlier text)` for a date open at its start."""
    if start is None or end is None:
        return "undated"
    how = [precision or "span"]
    if approximate:
        how.append("approximate")
    if basis is not None:
        said = BASIS_WORDS.get(basis, basis)
        if date_text and basis == "text":
            said += f" as {json.dumps(date_text, ensure_ascii=False)}"
        how.append(said)
    value = before_label(end) if open_start else date_value(start, end, precision)
    return f"{value} ({', '.join(how)})"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def cite(document_id: str, document: Document | SourceDocument | None) -> str:
    """`"Title" (id, published 2016-01-22, url)`: what a reader needs to find it."""
    if document is None:
        return f"document {document_id}"
    parts = [document_id]
    if document.published:
        parts.append(f"published {document.published}")
    if document.url:
        parts.append(document.url)
    title = _quoted(document.title) if document.title else "untitled"
    return f"{title} ({', '.join(parts)})"


def _participant(p: ParticipantView) -> str:
    """`Jane Roe (agent, person:jane-roe, resolved from "she")`: a link the text does
    not make by name says how it was made, and through which words."""
    notes = [p.role.value, p.id]
    if p.basis != "stated":
        notes.append(f"{p.basis} from {_quoted(p.mention)}" if p.mention else p.basis)
    return f"{p.name} ({', '.join(notes)})"


def event_lines(event: EventView, document_of: DocumentOf, indent: str = "") -> list[str]:
    """An event: its line, its participants' line, a line per source."""
    head = f"{indent}{event_date(event)} - {event.type}: {event.summary} [{event.id}]"
    if event.factuality != "asserted":
        head += f" (factuality: {event.factuality})"
    if event.reported_by:
        head += f" (reported by {event.reported_by})"
    lines = [head]
    if event.participants:
        who = ", ".join(_participant(p) for p in event.participants)
        lines.append(f"{indent}  participants: {who}")
    for source in event.sources:
        document = cite(source.document, document_of(source.document))
        lines.append(f"{indent}  source: {_quoted(source.sentence)} - {document}")
    return lines


def event_date(event: EventView) -> str:
    return date_label(
        event.start,
        event.end,
        event.precision,
        event.approximate,
        event.date_basis or ("text" if event.start else None),
        event.date_text,
        event.open_start,
    )


def _ref(actor: ActorRef | Actor) -> str:
    return f"{actor.name} ({actor.kind}, {actor.id})"


def actors_text(q: str, actors: list[Actor]) -> str:
    head = f"{len(actors)} actor(s) matching {_quoted(q)}" if q else f"{len(actors)} actor(s)"
    lines = [head + ":"]
    for actor in actors:
        line = f"- {_ref(actor)}"
        if actor.aliases:
            line += f"; aliases: {', '.join(actor.aliases)}"
        lines.append(line)
    return "\n".join(lines)


def search_text(results: SearchResults) -> str:
    """Each list best first; matched words in a snippet between `**`."""
    lines = [
        f"Search for {_quoted(results.q)} (words: {', '.join(results.terms)}): "
        f"{len(results.events)} event(s), {len(results.actors)} actor(s), "
        f"{len(results.documents)} document(s), each list best first."
    ]

    def shown(snippet: Snippet | None) -> str:
        if snippet is None:
            return ""
        where = f" in {snippet.document}" if snippet.document else ""
        return f"\n  {snippet.field}{where}: {snippet.marked('**', '**')}"

    if results.events:
        lines.append("Events:")
    for event in results.events:
        day = event.start.isoformat() if event.start else "undated"
        lines.append(f"- {event.summary} ({event.type}, {day}, {event.id}){shown(event.snippet)}")
    if results.actors:
        lines.append("Actors:")
    lines += [f"- {_ref(actor)}{shown(actor.snippet)}" for actor in results.actors]
    if results.documents:
        lines.append("Documents:")
    for document in results.documents:
        cited = SourceDocument(
            id=document.id, title=document.title, url=document.url, published=document.published
        )
        lines.append(f"- {cite(document.id, cited)}")
    return "\n".join(lines)


def timeline_text(
    page: TimelinePage, actor: str | None, undated: bool, document_of: DocumentOf
) -> str:
    subject = "all actors"
    if actor is not None:
        subject = actor
        for event in page.items:
            found = next((p for p in event.participants if p.id == actor), None)
            if found is not None:
                subject = _ref(found)
                break
    head = f"Timeline of {subject}: {len(page.items)} of {page.count} event(s), in date order"
    if page.undated_count and not undated:
        head += f"; {page.undated_count} undated event(s) not listed (pass undated=true)"
    lines = [head + "."]
    for number, event in enumerate(page.items, 1):
        block = event_lines(event, document_of)
        lines.append(f"{number}. {block[0]}")
        lines.extend(f"   {line}" for line in block[1:])
    if page.next_cursor:
        lines.append(f"More: pass cursor={_quoted(page.next_cursor)} for the next page.")
    return "\n".join(lines)


def event_text(event: EventView, document_of: DocumentOf) -> str:
    return "\n".join(event_lines(event, document_of))


class _Shown:
    """Each event's lines in full the first time an answer shows it, then its first
    line only ("sources above"): one answer names an event once with its sources."""

    def __init__(self, events: dict[str, list[str]]) -> None:
        self.events = events
        self.seen: set[str] = set()

    def lines(self, event_id: str, fallback: str, indent: str) -> list[str]:
        block = self.events.get(event_id)
        if not block:
            return [f"{indent}{fallback} (sources: call the event tool)"]
        if event_id in self.seen:
            return [f"{indent}{block[0]} (sources above)"]
        self.seen.add(event_id)
        return [f"{indent}{block[0]}", *(f"{indent}  {line.lstrip()}" for line in block[1:])]


def relations_text(
    page: RelatedActorsPage, events: dict[str, list[str]], document_of: DocumentOf
) -> str:
    """`events`: the lines of each shared event (with its sources) by id, when known;
    `document_of`: the documents the relations come from."""
    shown = _Shown(events)
    lines = [
        f"{_ref(page.actor)} is related to {len(page.items)} of {page.count} actor(s), "
        "most connected first."
    ]
    for number, item in enumerate(page.items, 1):
        span = ""
        if item.first or item.last:
            span = f", {item.first or '?'}..{item.last or '?'}"
        lines.append(f"{number}. {_ref(item.actor)}: {item.shared_events} shared event(s){span}")
        for relation in item.relations:
            words = relation_text.phrase(relation.type, relation.role)
            arrow = (
                f"{page.actor.name} {words} {item.actor.name}"
                if relation.direction == "out"
                else f"{item.actor.name} {words} {page.actor.name}"
            )
            interval = relation_text.validity(
                relation.since,
                relation.until,
                relation.since_precision,
                relation.until_precision,
                relation.current,
                relation.stated_on,
            )
            when = f" ({interval})" if interval else ""
            basis = f", {relation.basis}" if relation.basis else ""
            line = f"   relation: {arrow} [{relation.type}{basis}]{when}"
            if relation.sentence:
                line += f"; source: {_quoted(relation.sentence)}"
            if relation.document:
                line += f" - {cite(relation.document, document_of(relation.document))}"
            lines.append(line)
        for shared in item.events:
            roles = f"{page.actor.name}: {shared.role}, {item.actor.name}: {shared.other_role}"
            lines.append(f"   shared event ({roles}):")
            label = date_label(shared.start, shared.end, shared.precision)
            fallback = f"{label} - {shared.type}: {shared.summary} [{shared.id}]"
            lines.extend(shown.lines(shared.id, fallback, "     "))
    return "\n".join(lines)


def paths_text(result: PathsResult, events: dict[str, list[str]]) -> str:
    shown = _Shown(events)
    lines = [
        f"{len(result.paths)} shortest path(s) from {_ref(result.source)} to "
        f"{_ref(result.target)} within {result.max_hops} hops."
    ]
    for number, path in enumerate(result.paths, 1):
        walk = [_step(path.nodes[0])]
        for node, edge in zip(path.nodes[1:], path.edges, strict=False):
            walk.append(f"-[{edge.role or edge.type}]-")
            walk.append(_step(node))
        lines.append(f"Path {number} ({path.hops} hops): {' '.join(walk)}")
        for node in path.nodes:
            if node.label == "Event":
                label = date_label(node.start, node.end, None)
                fallback = f"{label} - {node.kind}: {node.name} [{node.id}]"
                lines.extend(shown.lines(node.id, fallback, "  "))
    return "\n".join(lines)


def _step(node: Any) -> str:
    return node.name if node.label == "Actor" else f"[{node.id}]"


def cypher_text(result: CypherResult) -> str:
    lines = [f"{len(result.rows)} row(s); columns: {', '.join(result.columns)}"]
    lines.extend(_json(row) for row in result.rows)
    if result.truncated:
        lines.append(f"(truncated at {result.row_limit} rows)")
    return "\n".join(lines)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def ingest_text(result: Any) -> str:
    """A `DocumentResult` (POST /documents): what was written, and each event."""
    counts = ", ".join(f"{n} {kind}" for kind, n in result.written.items())
    lines = [f"Document {result.document} ingested: {counts}."]
    if result.actors:
        lines.append(f"actors: {', '.join(result.actors)}")
    for event in result.events:
        label = date_label(
            event.start,
            event.end,
            event.precision,
            event.approximate,
            event.date_basis,
            open_start=event.open_start,
        )
        line = f"- {label} - {event.type}: {event.summary} [{event.id}]"
        if event.factuality != "asserted":
            line += f" (factuality: {event.factuality})"
        if event.participants:
            line += f"; participants: {', '.join(event.participants)}"
        lines.append(line)
    return "\n".join(lines)


def unique(ids: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(ids))
