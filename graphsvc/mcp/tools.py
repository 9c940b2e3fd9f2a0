"""The MCP tools: the API's read routes, its read-only Cypher and (with the API key) its
article ingest, over the same use cases (`graphsvc.service`): the same parameter
parsing, guards and limits.

Each tool answers compact text a model can cite (`graphsvc.mcp.text`) and, as structured
content, the API's JSON for the same question. A failure the API answers with a problem
(unknown actor, bad date, a refused query) is a tool error carrying the API's message.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field, ValidationError
from starlette.datastructures import Headers

from graphsvc.errors import GraphsvcError
from graphsvc.export import Citations
from graphsvc.http.keys import presented_key
from graphsvc.limits import MAX_CYPHER_QUERY_CHARS, MAX_HOPS, MAX_LIMIT
from graphsvc.mcp import text as render
from graphsvc.mcp.document_tools import register_documents
from graphsvc.mcp.hints import for_tools
from graphsvc.model import ID_PATTERN, ActorKind, EventType
from graphsvc.service import reads
from graphsvc.service import search as searching
from graphsvc.service.calls import ask, run_in_thread
from graphsvc.service.cypher import GuardedCypher
from graphsvc.service.ingest import ingest, limits_of
from graphsvc.service.keys import check_write_key
from graphsvc.service.params import check_text_lengths
from graphsvc.service.reads import TimelineFilter
from graphsvc.settings import Settings
from graphsvc.store.base import MAX_NAMES, GraphStore
from graphsvc.views import (
    ActorsPage,
    CypherResult,
    DocumentResult,
    EventDetail,
    PathsResult,
    RelatedActorsPage,
    SearchResults,
    TimelinePage,
)
from loaders.text.article import Article

#: Most events whose sources the relations and paths tools look up (one store call
#: each); past it an event is one line that points to the event tool.
MAX_EVENTS_WITH_SOURCES = 60

READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)

ActorId = Annotated[
    str,
    Field(
        max_length=200,
        description="An actor id as search_actors gives it, e.g. `person:vladimir-putin`.",
    ),
]
DateBound = Annotated[
    str | None,
    Field(
        description="`2015`, `2015-09`, `2015-09-30`, or a phrase such as `September 2015`, "
        "`Q3 2015`, `last week` (read against today). `since` keeps what overlaps from the "
        "first day of it on, `until` from the last day of it back."
    ),
]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description="Items at most.")]


def _result(words: str, model: BaseModel) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=words)],
        structured_content=model.model_dump(mode="json"),
    )


@contextmanager
def api_errors() -> Iterator[None]:
    """A domain error as a tool error with the API's message (and status), never a
    traceback; an argument a model got wrong likewise. The routes a message names to
    fix it are named as the tools that do the same (`hints.for_tools`)."""
    try:
        yield
    except GraphsvcError as exc:
        raise ToolError(for_tools(f"{exc.title} ({exc.status}): {exc.detail}")) from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "input"
        raise ToolError(f"Invalid input (422): {where}: {first['msg']}") from exc


def register(
    server: MCPServer,
    store: GraphStore,
    settings: Settings,
    *,
    over_http: bool,
) -> None:
    """Add the tools to `server`. `over_http`: calls carry HTTP headers, and the tools
    that need the API key (cypher when any key is set, ingest_document) check them; stdio
    trusts its parent process."""
    cypher_runner = GuardedCypher(settings)

    def texts(**given: object) -> None:
        check_text_lengths(
            [(k, v) for k, v in given.items() if v is not None], settings.max_text_param_chars
        )

    def needs_api_key(ctx: Context, what: str) -> None:
        """Over HTTP, the call must have presented the API key itself (a read key is not
        enough), as the API's write routes require; with only the read key set, nobody
        may (`check_write_key`)."""
        if not over_http or (settings.api_key is None and settings.read_key is None):
            return
        headers = ctx.headers
        if headers is None:
            raise ToolError(f"{what} needs the API key, and this call carried no HTTP headers")
        with api_errors():
            check_write_key(settings, presented_key(Headers(headers=dict(headers))))

    async def events_with_sources(ids: list[str]) -> dict[str, list[str]]:
        """The citation lines of each event, by id (the first MAX_EVENTS_WITH_SOURCES)."""
        found: dict[str, list[str]] = {}
        for event_id in render.unique(ids)[:MAX_EVENTS_WITH_SOURCES]:
            detail = await ask(store, store.get_event, event_id)
            documents = {d.id: d for d in detail.documents}
            found[event_id] = render.event_lines(detail, documents.get)
        return found

    @server.tool(annotations=READ)
    async def search_actors(
        q: Annotated[
            str,
            Field(
                max_length=200,
                description="A name or alias (exact matches first, then prefixes, then "
                "substrings); empty lists actors by name.",
            ),
        ] = "",
        limit: Annotated[int, Field(ge=1, le=MAX_LIMIT, description="Actors at most.")] = 20,
    ) -> Annotated[CallToolResult, ActorsPage]:
        """Find actors (people, organisations, places, groups) by name or alias, to get
        the ids the other tools take. As GET /actors?q=."""
        with api_errors():
            texts(q=q)
            page = await run_in_thread(reads.search_actors, store, settings, q, limit)
        return _result(render.actors_text(q, page.items), page)

    @server.tool(annotations=READ)
    async def search(
        q: Annotated[
            str,
            Field(
                min_length=1,
                max_length=searching.MAX_QUERY_CHARS,
                description="Words to find in event summaries and source sentences, actor "
                "names and aliases, document titles (any word matches; stemmed).",
            ),
        ],
        since: DateBound = None,
        until: DateBound = None,
        type: Annotated[
            list[EventType] | None, Field(description="Only events of these types.")
        ] = None,
        actor: Annotated[
            str | None,
            Field(max_length=200, description="Only events this actor (an id) took part in."),
        ] = None,
        kind: Annotated[
            list[Literal["actor", "event", "document"]] | None,
            Field(description="Which lists to fill; default all three."),
        ] = None,
        limit: Annotated[int, Field(ge=1, le=MAX_LIMIT, description="Of each kind at most.")] = 20,
    ) -> Annotated[CallToolResult, SearchResults]:
        """Full-text search across the graph ("which events mention a ceasefire", "where
        is this company mentioned"): events, actors and documents, each ranked by BM25,
        with snippets whose matched words are between `**`. `type` and `actor` answer
        events only; `since`/`until` events and documents. As GET /search."""
        with api_errors():
            texts(q=q, since=since, until=until, actor=actor)
            call = functools.partial(
                searching.search,
                since=since,
                until=until,
                types=type,
                actor=actor,
                kinds=kind,
                limit=limit,
            )
            found = await run_in_thread(call, store, settings, q)
        return _result(render.search_text(found), found)

    @server.tool(annotations=READ)
    async def timeline(
        actor: Annotated[
            str | None,
            Field(
                max_length=200,
                description="Only events this actor took part in (an id such as "
                "`person:vladimir-putin`).",
            ),
        ] = None,
        since: DateBound = None,
        until: DateBound = None,
        type: Annotated[
            list[EventType] | None,
            Field(description="Only events of these types (see the graphsvc://schema resource)."),
        ] = None,
        q: Annotated[
            str | None, Field(max_length=200, description="Text in the event's summary.")
        ] = None,
        basis: Annotated[
            list[str] | None,
            Field(
                description="Keep dated events whose date has one of these bases: `text` "
                "(stated for the event), `context` (carried from earlier text), "
                "`publication` (inferred from the publication date). Default: all."
            ),
        ] = None,
        factuality: Annotated[
            list[str] | None,
            Field(
                description="Keep events of these factualities: asserted, negated, planned, "
                "possible, reported. Default: asserted, planned and reported."
            ),
        ] = None,
        undated: Annotated[
            bool,
            Field(description="Also list undated events, after the dated ones (no window)."),
        ] = False,
        document: Annotated[
            str | None,
            Field(max_length=200, description="Only events reported in this document (its id)."),
        ] = None,
        limit: Limit = 100,
        cursor: Annotated[
            str | None,
            Field(max_length=500, description="`next_cursor` of the previous page."),
        ] = None,
    ) -> Annotated[CallToolResult, TimelinePage]:
        """Events in date order (start, end, id), each with its date (precision and
        whether it is stated or inferred), participants with roles, and the source
        sentences with their documents. The same filters as GET /timeline."""
        with api_errors():
            texts(actor=actor, since=since, until=until, q=q, document=document, cursor=cursor)
            given = TimelineFilter(
                actor=actor,
                since=since,
                until=until,
                types=type,
                q=q,
                document=document,
                basis=basis,
                factuality=factuality,
                undated=undated,
            )
            page = await reads.timeline(store, settings, given, limit, cursor)
            citations = Citations(store)
            await run_in_thread(citations.learn, page.items)
        return _result(render.timeline_text(page, actor, undated, citations.of), page)

    @server.tool(annotations=READ)
    async def relations(
        actor: ActorId,
        since: DateBound = None,
        until: DateBound = None,
        as_of: DateBound = None,
        kind: Annotated[
            ActorKind | None, Field(description="Only related actors of this kind.")
        ] = None,
        limit: Annotated[
            int, Field(ge=1, le=MAX_LIMIT, description="Related actors at most.")
        ] = 50,
    ) -> Annotated[CallToolResult, RelatedActorsPage]:
        """An actor's related actors, most connected first: direct relations (WORKS_FOR,
        LEADER_OF, BASED_IN, ...) with role text ("chief executive"), validity interval,
        basis and source sentence, and shared events with both roles, dates and sources.
        `as_of`: only what held that day. As GET /actors/{id}/relations."""
        with api_errors():
            texts(actor=actor, since=since, until=until, as_of=as_of)
            page = await reads.related_actors(
                store,
                settings,
                actor,
                since=since,
                until=until,
                as_of=as_of,
                kind=kind,
                limit=limit,
            )
            shared = [e.id for item in page.items for e in item.events]
            events = await events_with_sources(shared)
            cited = [r.document for i in page.items for r in i.relations if r.document]
            found = await run_in_thread(store.get_documents, render.unique(cited)[:MAX_NAMES])
        documents = {d.id: d for d in found}
        words = render.relations_text(page, events, documents.get)
        if page.actor.id != actor:
            words = f"({actor} was merged into {page.actor.id}.)\n{words}"
        return _result(words, page)

    @server.tool(annotations=READ)
    async def paths(
        source: Annotated[str, Field(max_length=200, description="Actor id the path starts at.")],
        target: Annotated[str, Field(max_length=200, description="Actor id the path ends at.")],
        max_hops: Annotated[
            int,
            Field(ge=1, le=MAX_HOPS, description="Edges at most; actor-event-actor is 2 hops."),
        ] = 4,
        limit: Annotated[int, Field(ge=1, le=100, description="Paths at most.")] = 10,
    ) -> Annotated[CallToolResult, PathsResult]:
        """The shortest paths between two actors, through shared events and relations
        (not documents), each event with its date and sources. As GET /paths."""
        with api_errors():
            texts(source=source, target=target)
            result = await run_in_thread(
                reads.find_paths, store, settings, source, target, max_hops, limit
            )
            ids = [n.id for p in result.paths for n in p.nodes if n.label == "Event"]
            events = await events_with_sources(ids)
        return _result(render.paths_text(result, events), result)

    @server.tool(annotations=READ)
    async def event(
        id: Annotated[
            str,
            Field(
                pattern=ID_PATTERN,
                max_length=200,
                description="An event id as the other tools give it, e.g. "
                "`event:putin-assad-kremlin-meeting`.",
            ),
        ],
    ) -> Annotated[CallToolResult, EventDetail]:
        """One event: date, type, participants with roles, every source sentence and the
        documents they come from (title, link, publication date). As GET /events/{id}."""
        with api_errors():
            detail = await ask(store, store.get_event, id)
        documents = {d.id: d for d in detail.documents}
        return _result(render.event_text(detail, documents.get), detail)

    @server.tool(annotations=READ)
    async def cypher(
        query: Annotated[
            str,
            Field(
                min_length=1,
                max_length=MAX_CYPHER_QUERY_CHARS,
                description="One read-only Cypher query; `$name` takes a value from params. "
                "The graphsvc://explore/* resources are examples.",
            ),
        ],
        params: Annotated[
            dict[str, Any] | None, Field(description="Values for the query's `$name`s.")
        ] = None,
        ctx: Context | None = None,
    ) -> Annotated[CallToolResult, CypherResult]:
        """Run a read-only Cypher query over the graph (nodes :Actor, :Event, :Document;
        edges PARTICIPATED_IN {role}, REPORTED_IN {sentence}, and actor relations).
        Writes, LOAD CSV and procedures that are not read-only are refused before they
        run; the server's timeout and row limit apply. As POST /cypher (over HTTP it
        needs the API key when any key is set)."""
        assert ctx is not None
        needs_api_key(ctx, "the cypher tool")
        with api_errors():
            result = await cypher_runner.run(store, query, params or {})
        return _result(render.cypher_text(result), result)

    register_documents(server, store, settings, texts, api_errors)
    if settings.api_key is not None:
        _register_ingest(server, store, settings, needs_api_key)


def _register_ingest(
    server: MCPServer,
    store: GraphStore,
    settings: Settings,
    needs_api_key: Callable[[Context, str], None],
) -> None:
    """ingest_document exists only when the API key is configured; over HTTP each call
    must present it."""

    @server.tool(
        annotations=ToolAnnotations(
            read_only_hint=False, destructive_hint=False, idempotent_hint=True
        )
    )
    async def ingest_document(
        text: Annotated[
            str,
            Field(
                min_length=1,
                max_length=1_000_000,
                description="The article's plain text.",
            ),
        ],
        published: Annotated[
            str,
            Field(
                description="Publication date, `2016-01-22` (or as people type it, "
                "'22.01.2016'): relative dates in the text are read against it."
            ),
        ],
        title: Annotated[str | None, Field(max_length=1000, description="Title.")] = None,
        url: Annotated[str | None, Field(max_length=2000, description="Link.")] = None,
        source: Annotated[str | None, Field(max_length=200, description="Publisher.")] = None,
        id: Annotated[
            str | None,
            Field(max_length=200, description="Document id (default: from title and text)."),
        ] = None,
        mode: Annotated[
            Literal["news", "narrative", "auto"],
            Field(description="news, narrative (histories) or auto (decided from the text)."),
        ] = "auto",
        ctx: Context | None = None,
    ) -> Annotated[CallToolResult, DocumentResult]:
        """Ingest one news article: extract actors, dated events and relations with
        their sentences, and write them to the graph (loading it again changes
        nothing). As POST /documents; needs the API key."""
        assert ctx is not None
        needs_api_key(ctx, "ingest_document")
        with api_errors():
            article = Article(
                id=id,
                title=title,
                url=url,
                published=published,  # type: ignore[arg-type]
                source=source,
                text=text,
                mode=mode,
            )
            limits = limits_of(settings)
            result = await run_in_thread(ingest, store, article, settings.spacy_model, limits)
        return _result(render.ingest_text(result), result)
