"""The MCP document tools: `documents` (what was loaded) and `document` (one, with what
was taken from it), over `graphsvc.service.documents` as GET /documents and
GET /documents/{id} are."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Annotated

from mcp.server.mcpserver import MCPServer
from mcp_types import CallToolResult, TextContent, ToolAnnotations
from pydantic import BaseModel, Field

from graphsvc.limits import MAX_LIMIT
from graphsvc.mcp.document_text import document_text, documents_text
from graphsvc.model import DOCUMENT_ID_PATTERN
from graphsvc.service import documents as use_cases
from graphsvc.service.calls import run_in_thread
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from graphsvc.views import DocumentDetail, DocumentsPage

READ = ToolAnnotations(read_only_hint=True, open_world_hint=False)
DateBound = Annotated[
    str | None,
    Field(
        description="Publication date bound: `2015`, `2015-09`, `2015-09-30` or a phrase "
        "such as `September 2015`; `since` from the first day of it, `until` to the last."
    ),
]


def _result(words: str, model: BaseModel) -> CallToolResult:
    return CallToolResult(
        content=[TextContent(type="text", text=words)],
        structured_content=model.model_dump(mode="json"),
    )


def register_documents(
    server: MCPServer,
    store: GraphStore,
    settings: Settings,
    texts: Callable[..., None],
    api_errors: Callable[[], AbstractContextManager[None]],
) -> None:
    """Add the two tools; `texts` checks text lengths, `api_errors` turns a domain error
    into a tool error (both the other tools' own)."""

    @server.tool(annotations=READ)
    async def documents(
        since: DateBound = None,
        until: DateBound = None,
        q: Annotated[str | None, Field(max_length=200, description="Text in the title.")] = None,
        limit: Annotated[int, Field(ge=1, le=MAX_LIMIT, description="Items at most.")] = 20,
        cursor: Annotated[
            str | None, Field(max_length=1000, description="A previous answer's cursor.")
        ] = None,
    ) -> Annotated[CallToolResult, DocumentsPage]:
        """The documents loaded, newest first (undated last), each with its title,
        publication date, link and how many events cite it; filter by publication date
        and by title text. As GET /documents. Open one with the document tool."""
        with api_errors():
            texts(q=q)
            page = await run_in_thread(
                lambda: use_cases.list_documents(
                    store, settings, since=since, until=until, q=q, limit=limit, cursor=cursor
                )
            )
        return _result(documents_text(page), page)

    @server.tool(annotations=READ)
    async def document(
        id: Annotated[
            str,
            Field(
                pattern=DOCUMENT_ID_PATTERN,
                max_length=200,
                description="A document id as the documents tool or an event's source gives it.",
            ),
        ],
    ) -> Annotated[CallToolResult, DocumentDetail]:
        """One document and what was extracted from it: its events in date order (with
        each date's basis and the sentences from this document), the relations it gives
        and the actors it names. As GET /documents/{id}."""
        with api_errors():
            detail = await run_in_thread(use_cases.document_detail, store, id)
        return _result(document_text(detail), detail)
