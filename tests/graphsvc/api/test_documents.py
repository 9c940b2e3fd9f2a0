"""POST /documents: an article in, extracted facts written; bad articles write nothing."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from tests.graphsvc.api.test_problems import assert_problem

TEXT = (
    "Russian President Vladimir Putin met Syrian President Bashar al-Assad in Moscow on "
    "October 20, 2015. Russia began hitting targets in Syria in the last week of "
    "September 2015."
)


def test_article_in_events_out_and_twice_changes_nothing(client: TestClient) -> None:
    body = {"id": "demo-article", "title": "Demo", "published": "2016-01-22", "text": TEXT}
    first = client.post("/documents", json=body)
    assert first.status_code == 200, first.text
    result = first.json()
    assert result["document"] == "demo-article"
    assert "person:vladimir-putin" in result["actors"]
    dates = {(e["start"], e["end"], e["precision"]) for e in result["events"]}
    assert ("2015-09-24", "2015-09-30", "week") in dates
    assert ("2015-10-20", "2015-10-20", "day") in dates
    before = client.get("/stats").json()
    assert client.post("/documents", json=body).status_code == 200
    assert client.get("/stats").json() == before
    timeline = client.get("/timeline", params={"actor": "place:russia"}).json()
    assert timeline["items"][0]["sources"][0]["document"] == "demo-article"


def test_bad_articles_write_nothing(make_client) -> None:
    client = make_client(max_body_bytes=100_000)
    before = client.get("/stats").json()
    cases = [
        ({"published": "2016-01-22", "text": "   "}, 422, "no text"),
        ({"published": "2016-01-22", "text": "abc\x00\x01\x02 binary"}, 422, "binary"),
        ({"text": TEXT}, 422, "publication date"),
        ({"published": "2016-13-01", "text": TEXT}, 422, "published"),
        (
            {"published": "2016-01-22", "text": "Newsweek cover\n• Comment on articles"},
            422,
            "chrome",
        ),
    ]
    for body, status, words in cases:
        assert_problem(client.post("/documents", json=body), status, words)
    big = json.dumps({"published": "2016-01-22", "text": "word " * 30_000})
    assert_problem(
        client.post("/documents", content=big, headers={"content-type": "application/json"}),
        413,
        "100000 bytes",
    )
    assert client.get("/stats").json() == before
