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


def test_the_sample_article_twice_leaves_stats_unchanged(
    client: TestClient, shared_fixtures
) -> None:
    record = json.loads(
        (shared_fixtures / "articles" / "articles.jsonl").read_text().splitlines()[0]
    )
    assert client.post("/documents", json=record).status_code == 200
    before = client.get("/stats").json()
    assert before["events"] >= 7
    assert client.post("/documents", json=record).status_code == 200
    assert client.get("/stats").json() == before


def test_two_reports_of_one_event_give_one_event_with_two_sources(client: TestClient) -> None:
    first = {"id": "wire-a", "published": "2016-01-22", "text": TEXT}
    second = {"id": "wire-b", "published": "2016-01-23", "source": "Other", "text": TEXT}
    client.post("/documents", json=first)
    before = client.get("/stats").json()
    client.post("/documents", json=second)
    after = client.get("/stats").json()
    assert after["events"] == before["events"]
    assert after["documents"] == before["documents"] + 1
    strikes = client.get(
        "/timeline", params={"actor": "place:russia", "since": "2015-09", "until": "2015-09"}
    ).json()["items"]
    assert {s["document"] for s in strikes[0]["sources"]} == {"wire-a", "wire-b"}


def test_a_new_version_of_an_article_replaces_what_the_old_one_said(client: TestClient) -> None:
    client.post("/documents", json={"id": "story", "published": "2016-01-22", "text": TEXT})
    corrected = TEXT.replace("October 20, 2015", "October 21, 2015")
    client.post("/documents", json={"id": "story", "published": "2016-01-22", "text": corrected})
    days = [
        e["start"]
        for e in client.get("/timeline", params={"actor": "person:vladimir-putin"}).json()["items"]
    ]
    assert days == ["2015-10-21"]


def test_the_mode_decides_what_the_publication_date_may_date(client: TestClient) -> None:
    """Issue 13: in news an undated past event is dated by the publication day, labelled
    `publication`; read as a narrative, it stays undated. A bad mode is a 422."""
    text = "Syrian President Bashar al-Assad refused to leave. Vladimir Putin met him."
    base = {"published": "2016-01-22", "text": text}
    news = client.post("/documents", json={**base, "id": "as-news", "mode": "news"}).json()
    inferred = [e for e in news["events"] if e["start"] is not None]
    assert inferred and all(e["date_basis"] == "publication" for e in inferred)
    assert all(e["approximate"] and e["end"] == "2016-01-22" for e in inferred)
    assert all(e["start"] == "2016-01-21" for e in inferred)  # on or just before
    story = client.post("/documents", json={**base, "id": "as-story", "mode": "narrative"})
    assert all(e["start"] is None for e in story.json()["events"])
    bad = client.post("/documents", json={**base, "mode": "poetry"})
    assert bad.status_code == 422


def test_published_may_be_typed_as_people_type_dates(client: TestClient) -> None:
    """Issue 15: "22 janvier 2016" is read (dateparser); "03-02-2009" is a 422 that says
    which numbers could be the month."""
    body = {"id": "typed-date", "published": "22 janvier 2016", "text": TEXT}
    answer = client.post("/documents", json=body)
    assert answer.status_code == 200, answer.text
    stored = client.get("/timeline", params={"actor": "place:russia"}).json()
    assert stored["items"], stored
    ambiguous = client.post("/documents", json={**body, "published": "03-02-2009"})
    assert ambiguous.status_code == 422
    assert "ambiguous" in ambiguous.text and "03-02-2009" in ambiguous.text


def test_since_and_until_take_typed_dates_and_refuse_ambiguous_ones(client: TestClient) -> None:
    assert client.get("/timeline", params={"since": "22.01.2016"}).status_code == 200
    assert client.get("/timeline", params={"until": "22 janvier 2016"}).status_code == 200
    answer = client.get("/timeline", params={"since": "03-02-2009"})
    assert answer.status_code == 422 and "ambiguous" in answer.text


def test_a_body_without_a_json_content_type_is_read_as_json_like_records(
    client: TestClient,
) -> None:
    """`curl -d @article.json /documents` sends form encoding: the article is read as
    JSON all the same, as /records reads any body that is not JSON as JSON Lines; a body
    that is not JSON gets a 422 that says so and shows what to send."""
    body = json.dumps({"id": "curl-article", "published": "2016-01-22", "text": TEXT})
    form = {"content-type": "application/x-www-form-urlencoded"}
    posted = client.post("/documents", content=body, headers=form)
    assert posted.status_code == 200, posted.text
    assert posted.json()["document"] == "curl-article"
    before = client.get("/stats").json()
    again = client.post("/documents", content=body, headers={"content-type": "text/plain"})
    assert again.status_code == 200, again.text
    fields = f"published=2016-01-22&text={TEXT}"
    not_json = client.post("/documents", content=fields, headers=form)
    assert_problem(not_json, 422, "body is not JSON")
    assert '{"published": "YYYY-MM-DD", "title"' in not_json.json()["detail"]
    a_list = client.post("/documents", content='["a list"]', headers=form)
    assert_problem(a_list, 422, "not an object (a list)")
    assert client.get("/stats").json() == before
