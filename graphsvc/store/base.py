"""The one seam between the service and a graph backend.

Both `EmbeddedStore` and `Neo4jStore` implement `GraphStore` and pass the same contract
tests, so the API and CLI never know which one they talk to.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar, Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, model_validator

from graphsvc.errors import InvalidInput
from graphsvc.limits import MAX_HOPS, MAX_LIMIT
from graphsvc.model import (
    SHOWN_FACTUALITIES,
    Actor,
    ActorKind,
    DateBasis,
    Document,
    EventType,
    Factuality,
    GraphBatch,
)
from graphsvc.names import normalise_name
from graphsvc.views import (
    ActorDetail,
    ActorDocumentsPage,
    CypherResult,
    DocumentDeleted,
    DocumentDetail,
    DocumentsPage,
    EventDetail,
    EventView,
    PathsResult,
    RelatedActorsPage,
    SearchResults,
    Stats,
    TimelinePage,
    WriteResult,
)

__all__ = [
    "KINDS",
    "MAX_HOPS",
    "MAX_LIMIT",
    "MAX_NAMES",
    "DocumentQuery",
    "GraphStore",
    "SearchKind",
    "SearchQuery",
    "TimelineQuery",
    "Window",
]

#: Most distinct names one `actors_by_names` call looks up: a document names a few
#: hundred actors at most, and the Neo4j store answers it with one scan of actors.
MAX_NAMES = 2000


def bounded_ids(ids: Iterable[str]) -> list[str]:
    """Distinct ids, in order; InvalidInput past MAX_NAMES (one lookup stays bounded)."""
    wanted = list(dict.fromkeys(ids))
    if len(wanted) > MAX_NAMES:
        raise InvalidInput(f"at most {MAX_NAMES} ids at once, not {len(wanted)}")
    return wanted


def normalised_names(names: Iterable[str]) -> list[str]:
    """The distinct non-empty normalised forms of `names`, in order; InvalidInput past
    MAX_NAMES, so no caller turns a lookup into an unbounded one."""
    found = list(dict.fromkeys(n for n in map(normalise_name, names) if n))
    if len(found) > MAX_NAMES:
        raise InvalidInput(
            f"{len(found)} distinct names to look up at once; at most {MAX_NAMES}: split them"
        )
    return found


class Window(BaseModel):
    """A closed date range with open ends; keeps what overlaps it."""

    model_config = ConfigDict(frozen=True)

    since: date | None = None
    until: date | None = None

    @model_validator(mode="after")
    def _ordered(self) -> Window:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"since {self.since} is after until {self.until}")
        return self

    @property
    def is_open(self) -> bool:
        return self.since is None and self.until is None

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """True when [start, end] meets the window; an open end on either side is unbounded."""
        if self.until is not None and start is not None and start > self.until:
            return False
        return not (self.since is not None and end is not None and end < self.since)


class TimelineQuery(BaseModel):
    model_config = ConfigDict(frozen=True)

    actor: str | None = None
    window: Window = Window()
    types: tuple[EventType, ...] = ()
    bases: tuple[DateBasis, ...] = Field(
        default=(),
        description="Keep dated events whose date has one of these bases; empty: all.",
    )
    factualities: tuple[Factuality, ...] = Field(
        default=SHOWN_FACTUALITIES,
        description="Keep events of these factualities; negated and possible ones only when asked.",
    )
    q: str | None = Field(default=None, description="Case-insensitive text in the summary.")
    document: str | None = Field(
        default=None, description="Only events reported in this document (by id)."
    )
    undated: bool = Field(default=False, description="Append undated events after dated ones.")
    limit: int = Field(default=100, ge=1, le=MAX_LIMIT)
    cursor: str | None = None


SearchKind = Literal["actor", "event", "document"]
KINDS: tuple[SearchKind, ...] = ("actor", "event", "document")


class SearchQuery(BaseModel):
    """What a store searches: words already cut (`terms_of`), an actor id already
    resolved, filters, and which kinds of results to give."""

    model_config = ConfigDict(frozen=True)

    terms: tuple[str, ...] = Field(min_length=1)
    kinds: tuple[SearchKind, ...] = KINDS
    window: Window = Window()
    types: tuple[EventType, ...] = ()
    actor: str | None = None
    limit: int = Field(default=20, ge=1)

    def wants(self, kind: SearchKind) -> bool:
        """Whether results of `kind` are searched. Filters keep only what they can speak
        of: a type or an actor narrows to events; dates to events and documents (by
        publication day), as actors have no date."""
        if kind not in self.kinds:
            return False
        if self.types or self.actor is not None:
            return kind == "event"
        if not self.window.is_open:
            return kind in ("event", "document")
        return True

    def keeps_event(self, view: EventView) -> bool:
        """The event filters, for a store that applies them outside its engine."""
        if self.types and view.type not in self.types:
            return False
        if self.actor is not None and all(p.id != self.actor for p in view.participants):
            return False
        if self.window.is_open:
            return True
        if view.start is None:
            return False  # undated: no overlap with any window can be shown
        return self.window.overlaps(view.start, view.end)

    def keeps_document(self, document: Document) -> bool:
        if self.window.is_open:
            return True
        published = document.published
        if published is None:
            return False
        since, until = self.window.since, self.window.until
        return (since is None or published >= since) and (until is None or published <= until)


class DocumentQuery(BaseModel):
    """GET /documents' filters and page (`graphsvc.store.documents` has the order)."""

    model_config = ConfigDict(frozen=True)

    window: Window = Field(default=Window(), description="Publication date in it.")
    q: str | None = Field(default=None, description="Case-insensitive text in the title.")
    limit: int = Field(default=50, ge=1, le=MAX_LIMIT)
    cursor: str | None = None


class GraphStore(Protocol):
    """Persist batches atomically and answer relationship and timeline queries."""

    #: Kept answers (docs/consistency.md): True when the store hands the very same answer
    #: object out again while nothing it shows has changed (an actor's timeline pages and
    #: related actors), so a caller may key what it derives from an answer (the API: its
    #: JSON) by the object's identity. Answers are shared then: callers never change them.
    keeps_answers: ClassVar[bool]

    def answers_from_memory(self) -> bool:
        """Whether a read now needs no I/O (no write in progress, nothing to reload): the
        API may then call the store on its event loop instead of a thread pool. A hint,
        true at the moment of asking."""
        ...

    def write_batch(self, batch: GraphBatch) -> WriteResult:
        """Commit the whole batch or nothing; raise InvalidInput for unknown references."""
        ...

    def get_actor(self, actor_id: str) -> Actor:
        """The actor of that id; an id merged away resolves to the actor it went into.
        NotFound when there is none."""
        ...

    def actor_detail(self, actor_id: str) -> ActorDetail:
        """`get_actor` with the actor's same-as candidates (either direction)."""
        ...

    def get_documents(self, ids: Iterable[str]) -> list[Document]:
        """The stored documents among `ids` (at most MAX_NAMES of them; unknown ids
        are left out): titles and links for what an export cites."""
        ...

    def search_actors(self, q: str, limit: int) -> list[Actor]: ...

    def actors_by_names(self, names: Iterable[str]) -> list[Actor]:
        """Actors whose name or an alias equals one of `names`, both normalised
        (`graphsvc.names.normalise_name`), by id: how a new document's actors are
        resolved against the store. At most MAX_NAMES distinct names (InvalidInput)."""
        ...

    def merge_actors(self, actor_id: str, into: str) -> Actor:
        """Merge `actor_id` into `into` atomically (see `graphsvc.store.actor_merge`) and
        return the merged actor. NotFound for an unknown id (saying where an id merged
        away went), InvalidInput when both are the same actor."""
        ...

    def actor_documents(self, actor_id: str, limit: int) -> ActorDocumentsPage:
        """Documents where the actor appears, newest first, at most `limit`."""
        ...

    def list_documents(self, query: DocumentQuery) -> DocumentsPage:
        """Stored documents, newest first (undated last, then by id), filtered by
        publication date and title text, one page after `query.cursor`."""
        ...

    def document_detail(self, document_id: str) -> DocumentDetail:
        """The document with its events, relations and the actors they name; NotFound
        when there is none."""
        ...

    def delete_document(self, document_id: str) -> DocumentDeleted:
        """Delete the document and what only it supports, atomically: its sources and
        account leave the events it shares (they stay), events and relations only it
        gives go, and actors left with nothing go. NotFound when there is none."""
        ...

    def timeline(self, query: TimelineQuery) -> TimelinePage: ...

    def search(self, query: SearchQuery) -> SearchResults:
        """Actors, events and documents matching any of the query's words, each kind
        ranked by BM25 (`graphsvc.store.fulltext`), at most `query.limit` of each."""
        ...

    def get_event(self, event_id: str) -> EventDetail:
        """One event as the timeline shows it (dated or not, of any factuality), with
        the documents its sources cite. NotFound when there is none."""
        ...

    def related_actors(
        self, actor_id: str, window: Window, kind: ActorKind | None, limit: int
    ) -> RelatedActorsPage: ...

    def find_paths(self, source: str, target: str, max_hops: int, limit: int) -> PathsResult: ...

    def run_cypher(
        self,
        query: str,
        params: dict[str, Any],
        timeout: float,
        row_limit: int,
        max_bytes: int | None = None,
    ) -> CypherResult:
        """A read-only query (already through the write guard) with a timeout, at most
        `row_limit` rows and `max_bytes` bytes of JSON rows (None: no byte bound); raise
        InvalidCypher, CypherRefused, QueryTimeout, or PayloadTooLarge past `max_bytes`."""
        ...

    def stats(self) -> Stats: ...

    def start(self) -> None:
        """Connect and prepare (schema); raise StoreUnavailable when the backend is away."""
        ...

    def check_ready(self) -> None:
        """Raise StoreUnavailable when the backend cannot answer."""
        ...

    def close(self) -> None: ...
