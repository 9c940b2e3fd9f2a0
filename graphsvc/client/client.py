"""`Client`: one typed method per route of the graphsvc HTTP API.

Each method sends the parameters the route takes, under the route's names, and returns
the route's answer model, validated (`graphsvc.client.models`); an error answer raises
the exception for its status (`graphsvc.client.errors`). The key is sent as
`Authorization: Bearer` and is never part of a repr or a message.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, TypeVar
from urllib.parse import quote

import httpx2
from pydantic import BaseModel

from graphsvc.client import config
from graphsvc.client.bodies import Records, records_body
from graphsvc.client.download import filename, target, write_chunks
from graphsvc.client.errors import connection_failed, from_response
from graphsvc.client.models import (
    ActorDetail,
    ActorDocumentsPage,
    ActorsPage,
    CypherResult,
    DocumentDeleted,
    DocumentDetail,
    DocumentResult,
    DocumentsPage,
    DocumentSummary,
    EventDetail,
    EventView,
    Health,
    PathsResult,
    Ready,
    RelatedActorsPage,
    Schema,
    SearchResults,
    Stats,
    TimelinePage,
    WriteResult,
)
from graphsvc.client.params import DateLike, Many, Params, query
from graphsvc.model import ActorKind

M = TypeVar("M", bound=BaseModel)
ExportFormat = Literal["json", "csv", "timelinejs", "ics", "graphml"]
Mode = Literal["news", "narrative", "auto"]
#: Long enough for an article through spaCy or a Cypher query at the server's timeout.
DEFAULT_TIMEOUT = 60.0
CHUNK_BYTES = 64 * 1024


class Client:
    """A connection to one graphsvc server.

    `base_url`: the argument, else `GRAPHSVC_URL`, else `http://127.0.0.1:8000`.
    `api_key`: the argument, else `GRAPHSVC_API_KEY`, else `GRAPHSVC_READ_KEY`, else
    none. `transport`: an httpx2 transport (a `MockTransport` in tests, or one with
    retries). Use it as a context manager, or call `close()`: it keeps connections open
    between calls.
    """

    def __init__(
        self,
        base_url: str | None = None,
        api_key: str | None = None,
        timeout: float | httpx2.Timeout = DEFAULT_TIMEOUT,
        transport: httpx2.BaseTransport | None = None,
    ) -> None:
        self.base_url = config.base_url(base_url)
        key = config.api_key(api_key)
        headers = {"User-Agent": "graphsvc-client", "Accept": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        self._has_key = key is not None
        # A merged actor's old id answers 301 to the new one: follow it, as a browser does.
        self._http = httpx2.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=timeout,
            transport=transport,
            follow_redirects=True,
        )

    def __repr__(self) -> str:
        return f"Client(base_url={self.base_url!r}, key={'set' if self._has_key else 'none'})"

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the pooled connections."""
        self._http.close()

    # -- plumbing ---------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx2.Response:
        """One request; an error answer or a transport failure raised as ours."""
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx2.TransportError as exc:
            raise connection_failed(exc, method, f"{self.base_url}{path}") from None
        if response.is_error:
            raise from_response(response)
        return response

    def _get(self, model: type[M], path: str, params: Params | None = None) -> M:
        return model.model_validate_json(self._send("GET", path, params=params).content)

    @contextmanager
    def _stream(self, path: str, params: Params) -> Iterator[httpx2.Response]:
        """A GET whose body is read as it arrives; errors raised before any byte is."""
        url = f"{self.base_url}{path}"
        try:
            with self._http.stream("GET", path, params=params) as response:
                if response.is_error:
                    raise from_response(response)
                yield response
        except httpx2.TransportError as exc:
            raise connection_failed(exc, "GET", url) from None

    # -- health -----------------------------------------------------------------------

    def health(self) -> Health:
        """GET /health: the process answers (no key needed)."""
        return self._get(Health, "/health")

    def ready(self) -> Ready:
        """GET /ready: the store answers; `Unavailable` (503) when it does not."""
        return self._get(Ready, "/ready")

    def stats(self) -> Stats:
        """GET /stats: counts of documents, actors, events, relations, participations,
        sources."""
        return self._get(Stats, "/stats")

    def metrics(self) -> str:
        """GET /metrics: the Prometheus text, as is (parse it with prometheus_client's
        `text_string_to_metric_families` if needed)."""
        return self._send("GET", "/metrics", headers={"Accept": "text/plain"}).text

    def schema(self) -> Schema:
        """GET /schema: the vocabularies (event types, kinds, roles, bases,
        factualities, precisions) the filters take."""
        return self._get(Schema, "/schema")

    # -- search -----------------------------------------------------------------------

    def search(
        self,
        q: str,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: Many = None,
        actor: str | None = None,
        kind: Many = None,
        limit: int = 20,
    ) -> SearchResults:
        """GET /search: actors, events and documents matching the words of `q`, each
        list ranked by BM25. `kind` picks lists (actor, event, document); `type` and
        `actor` answer events only, `since`/`until` events and documents. A snippet's
        `marks` are [start, end) offsets of the matched words in its `text`."""
        params = query(
            q=q, since=since, until=until, type=type, actor=actor, kind=kind, limit=limit
        )
        return self._get(SearchResults, "/search", params)

    # -- actors -----------------------------------------------------------------------

    def search_actors(self, q: str = "", limit: int = 20) -> ActorsPage:
        """GET /actors: by name or alias (exact, then prefix, then substring); an empty
        `q` lists actors by name."""
        return self._get(ActorsPage, "/actors", query(q=q, limit=limit))

    def actor(self, actor_id: str) -> ActorDetail:
        """GET /actors/{id}: one actor with its kind's evidence and same-as candidates.
        An id merged away gives the actor it went into (check `.id`)."""
        return self._get(ActorDetail, f"/actors/{_segment(actor_id)}")

    def related_actors(
        self,
        actor_id: str,
        since: DateLike | None = None,
        until: DateLike | None = None,
        kind: ActorKind | str | None = None,
        limit: int = 50,
    ) -> RelatedActorsPage:
        """GET /actors/{id}/relations: direct relations and shared events, with counts
        and first/last dates."""
        params = query(since=since, until=until, kind=kind, limit=limit)
        return self._get(RelatedActorsPage, f"/actors/{_segment(actor_id)}/relations", params)

    def actor_documents(self, actor_id: str, limit: int = 50) -> ActorDocumentsPage:
        """GET /actors/{id}/documents: documents where the actor appears, newest first."""
        path = f"/actors/{_segment(actor_id)}/documents"
        return self._get(ActorDocumentsPage, path, query(limit=limit))

    def merge_actor(self, actor_id: str, into: str) -> ActorDetail:
        """POST /actors/{id}/merge: merge `actor_id` into `into` (API key); answers the
        merged actor. The old id keeps resolving to it."""
        response = self._send("POST", f"/actors/{_segment(actor_id)}/merge", json={"into": into})
        return ActorDetail.model_validate_json(response.content)

    # -- events -----------------------------------------------------------------------

    def timeline(
        self,
        actor: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: Many = None,
        q: str | None = None,
        document: str | None = None,
        basis: Many = None,
        factuality: Many = None,
        undated: bool = False,
        limit: int = 100,
        cursor: str | None = None,
    ) -> TimelinePage:
        """GET /timeline: one page of events ordered by start, end, id. `type`, `basis`
        and `factuality` take one value or several; pass the page's `next_cursor` as
        `cursor` for the next one, or use `iter_timeline`."""
        params = query(
            actor=actor,
            since=since,
            until=until,
            type=type,
            q=q,
            document=document,
            basis=basis,
            factuality=factuality,
            undated=undated or None,
            limit=limit,
            cursor=cursor,
        )
        return self._get(TimelinePage, "/timeline", params)

    def iter_timeline(
        self,
        actor: str | None = None,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: Many = None,
        q: str | None = None,
        document: str | None = None,
        basis: Many = None,
        factuality: Many = None,
        undated: bool = False,
        page_size: int = 100,
    ) -> Iterator[EventView]:
        """Every event of the timeline, page after page (`page_size` a request), following
        `next_cursor`. The cursor is the last event's sort key, so events written
        meanwhile never make one repeat or go missing from the pages still to come."""
        cursor: str | None = None
        while True:
            page = self.timeline(
                actor, since, until, type, q, document, basis, factuality, undated,
                limit=page_size, cursor=cursor,
            )  # fmt: skip
            yield from page.items
            if not page.next_cursor or not page.items:
                return
            cursor = page.next_cursor

    def event(self, event_id: str) -> EventDetail:
        """GET /events/{id}: one event with its sources and the documents they cite."""
        return self._get(EventDetail, f"/events/{_segment(event_id)}")

    def paths(self, source: str, target: str, max_hops: int = 4, limit: int = 10) -> PathsResult:
        """GET /paths: the shortest paths between two actors, through events and
        relations (`max_hops` counts edges: actor-event-actor is 2)."""
        params = query(source=source, target=target, max_hops=max_hops, limit=limit)
        return self._get(PathsResult, "/paths", params)

    # -- exports ----------------------------------------------------------------------

    def export_stream(
        self,
        actor: str | None = None,
        format: ExportFormat = "json",
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: Many = None,
        q: str | None = None,
        document: str | None = None,
        basis: Many = None,
        factuality: Many = None,
        undated: bool = False,
        chunk_size: int = CHUNK_BYTES,
    ) -> Iterator[bytes]:
        """GET /timeline/export as byte chunks, read as they arrive: an export of any
        size in bounded memory. Errors (an unknown actor: `NotFound`) are raised at the
        first `next()`, before any chunk."""
        params = _export_params(
            actor, format, since, until, type, q, document, basis, factuality, undated
        )
        with self._stream("/timeline/export", params) as response:
            yield from response.iter_bytes(chunk_size)

    def export(
        self,
        actor: str | None,
        format: ExportFormat,
        path: str | os.PathLike[str],
        *,
        since: DateLike | None = None,
        until: DateLike | None = None,
        type: Many = None,
        q: str | None = None,
        document: str | None = None,
        basis: Many = None,
        factuality: Many = None,
        undated: bool = False,
    ) -> Path:
        """GET /timeline/export into a file, streamed (never whole in memory), and the
        file's path. `path` may be a directory: the file then takes the name the server
        suggests (`timeline-vladimir-putin-2015.ics`). The file appears only complete."""
        params = _export_params(
            actor, format, since, until, type, q, document, basis, factuality, undated
        )
        with self._stream("/timeline/export", params) as response:
            suggested = filename(response.headers.get("Content-Disposition"))
            where = target(path, suggested, f"timeline.{_EXTENSIONS[format]}")
            return write_chunks(response.iter_bytes(CHUNK_BYTES), where)

    # -- writes and queries -----------------------------------------------------------

    def cypher(
        self,
        query: str,
        params: dict[str, Any] | None = None,
        timeout: float | None = None,
        limit: int | None = None,
    ) -> CypherResult:
        """POST /cypher: a read-only query; `timeout` (seconds) and `limit` (rows) may
        only lower the server's. A query that would write is a `BadRequest` (400)."""
        body: dict[str, Any] = {"query": query, "params": params or {}}
        if timeout is not None:
            body["timeout"] = timeout
        if limit is not None:
            body["limit"] = limit
        return CypherResult.model_validate_json(self._send("POST", "/cypher", json=body).content)

    def post_records(self, records: Records) -> WriteResult:
        """POST /records: write records, all or nothing (API key). `records`: JSON Lines
        or a JSON array as bytes, a file path (`str` or `Path`: `.json` is sent as a JSON
        array, anything else as JSON Lines; streamed from disk), or an iterable of dicts.
        A bad record is a `ValidationFailed` whose `errors` give its `line`."""
        body, content_type = records_body(records)
        try:
            response = self._send(
                "POST", "/records", content=body, headers={"Content-Type": content_type}
            )
        finally:
            if not isinstance(body, bytes):
                body.close()
        return WriteResult.model_validate_json(response.content)

    def post_document(
        self,
        text: str | None = None,
        *,
        html: str | None = None,
        title: str | None = None,
        url: str | None = None,
        published: DateLike | None = None,
        source: str | None = None,
        id: str | None = None,
        language: str | None = None,
        mode: Mode | None = None,
    ) -> DocumentResult:
        """POST /documents: one article (`text`, or `html` to strip the page chrome
        from) with its metadata, through the text loader (API key). `published` anchors
        relative dates ("in August"); answers what was extracted and written."""
        fields = {
            "text": text,
            "html": html,
            "title": title,
            "url": url,
            "published": published.isoformat() if isinstance(published, date) else published,
            "source": source,
            "id": id,
            "language": language,
            "mode": mode,
        }
        body = {name: value for name, value in fields.items() if value is not None}
        response = self._send("POST", "/documents", json=body)
        return DocumentResult.model_validate_json(response.content)

    # -- documents --------------------------------------------------------------------

    def documents(
        self,
        since: DateLike | None = None,
        until: DateLike | None = None,
        q: str | None = None,
        limit: int = 50,
        cursor: str | None = None,
    ) -> DocumentsPage:
        """GET /documents: one page of stored documents, newest first (undated last);
        `since`/`until` by publication date, `q` text in the title. Pass the page's
        `next_cursor` as `cursor` for the next one, or use `iter_documents`."""
        params = query(since=since, until=until, q=q, limit=limit, cursor=cursor)
        return self._get(DocumentsPage, "/documents", params)

    def iter_documents(
        self,
        since: DateLike | None = None,
        until: DateLike | None = None,
        q: str | None = None,
        page_size: int = 50,
    ) -> Iterator[DocumentSummary]:
        """Every stored document matching the filters, page after page."""
        cursor: str | None = None
        while True:
            page = self.documents(since, until, q, limit=page_size, cursor=cursor)
            yield from page.items
            if not page.next_cursor or not page.items:
                return
            cursor = page.next_cursor

    def document(self, document_id: str) -> DocumentDetail:
        """GET /documents/{id}: the document with the actors, events and relations
        taken from it."""
        return self._get(DocumentDetail, f"/documents/{_segment(document_id)}")

    def delete_document(self, document_id: str) -> DocumentDeleted:
        """DELETE /documents/{id} (API key): the document and what only it supports go;
        events other documents report stay. Answers what was removed and kept."""
        response = self._send("DELETE", f"/documents/{_segment(document_id)}")
        return DocumentDeleted.model_validate_json(response.content)


_EXTENSIONS: dict[str, str] = {
    "json": "json",
    "csv": "csv",
    "timelinejs": "json",
    "ics": "ics",
    "graphml": "graphml",
}


def _segment(value: str) -> str:
    """An id as one path segment: `/` and friends escaped, `:` kept (ids use it)."""
    return quote(value, safe=":@")


def _export_params(
    actor: str | None,
    format: str,
    since: DateLike | None,
    until: DateLike | None,
    type: Many,
    q: str | None,
    document: str | None,
    basis: Many,
    factuality: Many,
    undated: bool,
) -> Params:
    return query(
        format=format,
        actor=actor,
        since=since,
        until=until,
        type=type,
        q=q,
        document=document,
        basis=basis,
        factuality=factuality,
        undated=undated or None,
    )


__all__ = ["Client", "ExportFormat"]
