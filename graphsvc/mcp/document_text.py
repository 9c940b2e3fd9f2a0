"""The document tools' answers as text a model can cite: the list with a line per
document, and one document with its events (sources from it), relations and actors."""

from __future__ import annotations

import json

from graphsvc.mcp.text import cite, event_date
from graphsvc.views import DocumentDetail, DocumentsPage, DocumentSummary, SourceDocument


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _line(document: DocumentSummary) -> str:
    shown = SourceDocument(
        id=document.id, title=document.title, url=document.url, published=document.published
    )
    return f"{cite(document.id, shown)}: {document.events} event(s)"


def documents_text(page: DocumentsPage) -> str:
    lines = [f"{len(page.items)} of {page.count} document(s), newest first:"]
    lines.extend(f"- {_line(d)}" for d in page.items)
    if page.next_cursor:
        lines.append(f"More: pass cursor={_quoted(page.next_cursor)} for the next page.")
    return "\n".join(lines)


def document_text(detail: DocumentDetail) -> str:
    """The document, then each event with this document's sentences for it (the event
    tool gives the other documents' ones), its relations, and the actors named."""
    doc = detail.document
    lines = [f"Document {_line(doc)}"]
    if doc.source:
        lines.append(f"source: {doc.source}")
    lines.append(f"Events ({len(detail.events)}), in date order:")
    for event in detail.events:
        head = f"- {event_date(event)} - {event.type}: {event.summary} [{event.id}]"
        if event.factuality != "asserted":
            head += f" (factuality: {event.factuality})"
        lines.append(head)
        if event.participants:
            who = ", ".join(f"{p.name} ({p.role.value}, {p.basis})" for p in event.participants)
            lines.append(f"  participants: {who}")
        others = {s.document for s in event.sources} - {doc.id}
        for source in event.sources:
            if source.document == doc.id:
                lines.append(f"  sentence: {_quoted(source.sentence)}")
        if others:
            lines.append(f"  also reported in: {', '.join(sorted(others))}")
    lines.append(f"Relations ({len(detail.relations)}):")
    for r in detail.relations:
        line = f"- {r.source_actor.name} {r.type} {r.target_actor.name}"
        if r.basis:
            line += f" ({r.basis})"
        if r.sentence:
            line += f": {_quoted(r.sentence)}"
        lines.append(line)
    lines.append(f"Actors ({len(detail.actors)}):")
    lines.extend(
        f"- {a.name} ({a.kind}, {a.id}): {a.events} event(s), {a.relations} relation(s)"
        for a in detail.actors
    )
    return "\n".join(lines)
