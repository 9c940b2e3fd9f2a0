"""The client's document methods against the real server: list, open, delete."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.client import Client, NotFound
from graphsvc.client.models import DocumentDeleted, DocumentDetail, DocumentsPage
from tests.graphsvc.client.conftest import StartServer

EXAMPLE = "newsweek-putin-assad-step-down"


def test_list_and_open_the_example(graph: Client) -> None:
    page = graph.documents()
    assert isinstance(page, DocumentsPage) and EXAMPLE in [d.id for d in page.items]
    assert [d.id for d in graph.iter_documents(q="step down", page_size=1)] == [EXAMPLE]
    assert list(graph.iter_documents(since=date(2017, 1, 1))) == []
    detail = graph.document(EXAMPLE)
    assert isinstance(detail, DocumentDetail)
    assert detail.document.published == date(2016, 1, 22)
    assert detail.events and "person:vladimir-putin" in {a.id for a in detail.actors}
    with pytest.raises(NotFound):
        graph.document("no-such-document")


def test_delete_a_document(start_server: StartServer) -> None:
    with start_server() as base, Client(base) as graph:
        before = graph.stats()
        deleted = graph.delete_document(EXAMPLE)
        assert isinstance(deleted, DocumentDeleted)
        assert deleted.removed_events and deleted.stats.documents == before.documents - 1
        assert graph.stats() == deleted.stats
        with pytest.raises(NotFound):
            graph.delete_document(EXAMPLE)
