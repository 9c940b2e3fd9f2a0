"""What stores answer: read models shared by every backend, the API and the CLI.

Kept apart from `model.py` (what loaders write) so both stores can be held to the same
answer shapes in the contract tests.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from graphsvc.model import (
    Actor,
    ActorKind,
    Claim,
    DateBasis,
    Document,
    EventType,
    Factuality,
    LinkBasis,
    Precision,
    Relation,
    RelationBasis,
    RelationType,
    Role,
    Source,
)


class ActorsPage(BaseModel):
    """GET /actors: actors by name or alias."""

    items: list[Actor]
    count: int


class ActorRef(BaseModel):
    id: str
    name: str
    kind: ActorKind


class ParticipantView(ActorRef):
    role: Role
    basis: LinkBasis = Field(
        default="stated",
        description="how the link was found: stated (named in the clause), resolved (a "
        "pronoun or description resolved to the actor) or inferred (a group or "
        "possession of the actor)",
    )
    mention: str | None = Field(
        default=None, description="the words the link came through, when not the name"
    )

    def link_note(self) -> str:
        """How a reader is told a link the text does not state by name: "resolved from
        'she'", "inferred from 'Acme's shares'"; empty for a stated one."""
        if self.basis == "stated":
            return ""
        return f"{self.basis} from '{self.mention}'" if self.mention else self.basis

    def described(self, role: bool = False) -> str:
        """The participant's name, with its role if asked and how a resolved or
        inferred link was found: "Jane Roe (agent, resolved from 'she')"."""
        notes = [n for n in (self.role.value if role else "", self.link_note()) if n]
        return f"{self.name} ({', '.join(notes)})" if notes else self.name


class SameAsCandidateView(ActorRef):
    """Another actor that may be the same entity, and why; merged only by hand."""

    reason: str


class ActorDetail(Actor):
    """One actor as GET /actors/{id} shows it: the actor and its same-as candidates."""

    same_as_candidates: list[SameAsCandidateView] = Field(
        default_factory=list,
        description="Actors a weak match says may be this one (either direction), by "
        "name; `POST /actors/{id}/merge` merges one by hand.",
    )


class ActorDocument(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: date | None
    count: int = Field(
        description="The actor's events this document reports (as participant or "
        "reporter) plus the actor's relations taken from it."
    )


class ActorDocumentsPage(BaseModel):
    actor: ActorRef
    items: list[ActorDocument] = Field(
        description="Newest first (by publication date, undated last), then by id."
    )
    count: int = Field(description="Documents where the actor appears, before `limit`.")


class EventView(BaseModel):
    """An event as a timeline shows it: flat dates, who took part, where it was reported."""

    id: str
    type: EventType
    summary: str
    start: date | None
    end: date | None
    precision: Precision | None
    approximate: bool
    open_start: bool = Field(
        default=False,
        description="No known start: the event happened on or before `end` (`start` "
        "equals `end`, the day it is ordered by)",
    )
    date_text: str | None
    date_basis: DateBasis | None = None
    confidence: float
    factuality: Factuality = "asserted"
    reported_by: str | None = None
    participants: list[ParticipantView]
    sources: list[Source]


class SourceDocument(BaseModel):
    """A document an event's sources cite: what a reader needs to find it."""

    id: str
    title: str | None
    url: str | None
    published: date | None

    @classmethod
    def of(cls, document: Document) -> SourceDocument:
        return cls(
            id=document.id, title=document.title, url=document.url, published=document.published
        )


class EventDetail(EventView):
    """One event as GET /events/{id} shows it: the timeline's event, plus the documents
    its sources cite (by id, in the order first cited)."""

    documents: list[SourceDocument] = Field(
        default_factory=list,
        description="Title, link and publication date of each document a source cites.",
    )
    claims: list[Claim] = Field(
        default_factory=list,
        description="What cited documents say that differs from what the event shows (its "
        "first-cited document's account): each such document's own type, summary, date, "
        "factuality, reporter and participants. Withdrawing a document drops its claim; "
        "withdrawing the first makes the next cited document's account the shown one.",
    )


class TimelinePage(BaseModel):
    items: list[EventView]
    count: int = Field(description="Events matching the filters, over all pages.")
    undated_count: int = Field(
        default=0,
        description="Undated events that match the type, text and factuality filters, "
        "counted whether listed or not: `undated=true` with no window lists them after "
        "the dated ones (and `count` includes them); otherwise they are left out.",
    )
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")


class RelationView(BaseModel):
    type: RelationType
    direction: Literal["out", "in"] = Field(
        description="`out`: the asked actor is the relation's source."
    )
    since: date | None
    until: date | None
    document: str | None
    sentence: str | None
    role: str | None = Field(
        default=None, description='The role the text names ("chief executive").'
    )
    basis: RelationBasis | None = Field(
        default=None, description="stated (the text says it) or inferred (implied by it)."
    )
    since_precision: Precision | None = None
    until_precision: Precision | None = None
    current: bool | None = Field(
        default=None,
        description="true: held when the text was written (`stated_on`); false: had "
        "ended by then (`until` is then at the latest that day); null: not said.",
    )
    stated_on: date | None = Field(
        default=None, description="The publication date of the text that states it."
    )
    phrase: str = Field(
        default="",
        description='The relation in words between source and target ("chief executive '
        'of", "based in").',
    )
    validity: str = Field(
        default="",
        description='The validity in words ("since 1961", "1961 to 1975", "as of '
        '2016-01-22"); empty when the text says nothing of it.',
    )


class SharedEvent(BaseModel):
    id: str
    type: EventType
    summary: str
    start: date | None
    end: date | None
    precision: Precision | None
    role: Role = Field(description="The asked actor's role in the event.")
    other_role: Role = Field(description="The related actor's role in the event.")


class RelatedActor(BaseModel):
    actor: ActorRef
    relations: list[RelationView]
    shared_events: int
    first: date | None = Field(description="Earliest start among the shared dated events.")
    last: date | None = Field(description="Latest end among the shared dated events.")
    events: list[SharedEvent]


class RelatedActorsPage(BaseModel):
    actor: ActorRef
    items: list[RelatedActor]
    count: int = Field(description="Related actors matching the filters, before `limit`.")


class PathNode(BaseModel):
    id: str
    label: Literal["Actor", "Event"]
    name: str = Field(description="An actor's name or an event's summary.")
    kind: str = Field(description="An actor's kind or an event's type.")
    start: date | None = None
    end: date | None = None


class PathEdge(BaseModel):
    source: str
    target: str
    type: str = Field(description="`PARTICIPATED_IN` or an actor relation type.")
    role: Role | None = None
    since: date | None = None
    until: date | None = None


class GraphPath(BaseModel):
    hops: int
    nodes: list[PathNode]
    edges: list[PathEdge]


class PathsResult(BaseModel):
    source: ActorRef
    target: ActorRef
    max_hops: int
    paths: list[GraphPath] = Field(description="Shortest paths; empty when none within max_hops.")


class Stats(BaseModel):
    documents: int
    actors: int
    events: int
    undated_events: int
    relations: int
    participations: int
    sources: int


class CypherResult(BaseModel):
    columns: list[str]
    rows: list[list[Any]] = Field(description="Values as JSON: nodes are {labels, properties}.")
    truncated: bool = Field(description="More rows matched than `row_limit`.")
    row_limit: int


class WriteResult(BaseModel):
    written: dict[str, int] = Field(description="Items in the batch, by kind.")
    stats: Stats


class Schema(BaseModel):
    """GET /schema: each vocabulary as a list of its values, in the code's order."""

    event_types: list[EventType] = Field(description="Event types (`type=` of /timeline).")
    actor_kinds: list[ActorKind] = Field(description="Actor kinds (`kind=` of relations).")
    relation_types: list[RelationType] = Field(description="Actor-to-actor relation types.")
    roles: list[Role] = Field(description="Roles of an actor in an event.")
    date_bases: list[DateBasis] = Field(
        description="Where a date comes from (`basis=` of /timeline): text, context or publication."
    )
    factualities: list[Factuality] = Field(
        description="What the text says of an event's reality (`factuality=` of /timeline)."
    )
    shown_factualities: list[Factuality] = Field(
        description="The factualities a timeline shows when `factuality` is not given."
    )
    precisions: list[Precision] = Field(description="Date precisions, finest first.")
    link_bases: list[LinkBasis] = Field(
        default_factory=list,
        description="How a participant was tied to an event (`basis` of a participant): "
        "stated, resolved or inferred.",
    )


class ExtractedEvent(BaseModel):
    """An event POST /documents extracted from an article."""

    id: str
    type: EventType
    summary: str
    start: date | None
    end: date | None
    precision: Precision | None
    approximate: bool = False
    open_start: bool = Field(default=False, description="On or before `end`, start unknown")
    date_basis: DateBasis | None = Field(
        default=None,
        description="text: stated for this event; context: carried from earlier text; "
        "publication: inferred from the publication date",
    )
    confidence: float
    factuality: Factuality
    reported_by: str | None = None
    participants: list[str]


class DocumentResult(BaseModel):
    """POST /documents: what one article gave, and the graph's counts after writing it."""

    document: str
    written: dict[str, int]
    actors: list[str]
    events: list[ExtractedEvent]
    stats: Stats


# -- documents (GET /documents, GET and DELETE /documents/{id}) ----------------
class DocumentSummary(BaseModel):
    """One stored document as GET /documents lists it."""

    id: str
    title: str | None
    url: str | None
    published: date | None
    source: str | None = None
    language: str | None = None
    ingested_at: datetime | None = None
    events: int = Field(description="Events whose sources cite this document.")

    @classmethod
    def of(cls, document: Document, events: int) -> DocumentSummary:
        return cls(**document.model_dump(exclude={"text_sha256"}), events=events)


class DocumentsPage(BaseModel):
    items: list[DocumentSummary] = Field(
        description="Newest first by publication date, undated last, then by id."
    )
    count: int = Field(description="Documents matching the filters, over all pages.")
    next_cursor: str | None = Field(description="Pass as `cursor` for the next page.")


class DocumentActor(ActorRef):
    """An actor the document names: in its events (as participant or reporter) or its
    relations, with how many of each."""

    events: int = Field(description="Events of this document the actor takes part in or reports.")
    relations: int = Field(description="Relations from this document the actor is an end of.")


class DocumentRelation(Relation):
    """A relation the document gives, with both ends' names and kinds."""

    source_actor: ActorRef
    target_actor: ActorRef


class DocumentDetail(BaseModel):
    """GET /documents/{id}: the document and everything taken from it, with the basis
    of each (an event's `date_basis` and its participants' `basis`, a relation's
    `basis`), so a reader can judge what the extraction made of the text."""

    document: DocumentSummary
    actors: list[DocumentActor] = Field(description="By name; participants and relation ends.")
    events: list[EventView] = Field(
        description="In timeline order (dated by start, undated last). Each event as the "
        "timeline shows it: sources from other documents included."
    )
    relations: list[DocumentRelation] = Field(description="Relations taken from this document.")


class DocumentDeleted(BaseModel):
    """DELETE /documents/{id}: what went, what stayed, and the graph's counts after."""

    document: str
    removed_events: list[str] = Field(description="Events no other document reports: deleted.")
    kept_events: list[str] = Field(
        description="Events other documents also report: they stay, with this document's "
        "sources and account withdrawn."
    )
    removed_relations: int = Field(description="Relations taken from this document: deleted.")
    removed_actors: list[str] = Field(
        description="Actors left with no event, relation or account after the delete: deleted."
    )
    stats: Stats


class Health(BaseModel):
    """GET /health: the process answers."""

    status: str


class Ready(BaseModel):
    """GET /ready: the store answers, and which store it is (`embedded` or `neo4j`)."""

    status: str
    backend: str


# -- search (GET /search) -----------------------------------------------------------------


class Snippet(BaseModel):
    """Where a result matched, as plain text: the page, CLI and MCP mark it their own way
    (the page with <mark> elements built from `marks`, never from markup in the text)."""

    field: Literal["name", "alias", "summary", "sentence", "title"] = Field(
        description="What the text is: an actor's name or alias, an event's summary or "
        "a source sentence, a document's title."
    )
    text: str = Field(
        description='At most ~160 characters of the field around its first match; "…" '
        "where text was left out."
    )
    marks: list[tuple[int, int]] = Field(
        description="The matched words: [start, end) character offsets into `text` "
        "(Python string indices, i.e. Unicode code points)."
    )
    document: str | None = Field(
        default=None, description="For a source sentence: the document it is from."
    )

    def marked(self, before: str, after: str) -> str:
        """The text with each match between `before` and `after` (for plain-text
        readers: `**`…`**` for an agent, `[`…`]` on a terminal)."""
        parts, at = [], 0
        for start, end in self.marks:
            parts += [self.text[at:start], before, self.text[start:end], after]
            at = end
        return "".join([*parts, self.text[at:]])


class ActorHit(ActorRef):
    aliases: list[str]
    score: float = Field(description="BM25 relevance; compare within one list only.")
    snippet: Snippet | None


class EventHit(BaseModel):
    id: str
    type: EventType
    summary: str
    start: date | None
    end: date | None
    precision: Precision | None
    date_text: str | None
    factuality: Factuality
    participants: list[ParticipantView]
    score: float = Field(
        description="BM25 relevance of the summary plus that of the best source sentence; "
        "compare within one list only."
    )
    snippet: Snippet | None


class DocumentHit(BaseModel):
    id: str
    title: str | None
    url: str | None
    published: date | None
    score: float = Field(description="BM25 relevance of the title; compare within one list only.")
    snippet: Snippet | None


class SearchResults(BaseModel):
    """GET /search: actors, events and documents matching the words of `q`, each list
    ranked by BM25, best first."""

    q: str
    terms: list[str] = Field(description="The words searched for (lower-cased).")
    actors: list[ActorHit]
    events: list[EventHit]
    documents: list[DocumentHit]
