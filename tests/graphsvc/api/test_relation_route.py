"""GET /actors/{id}/relations: each relation with its type, role text, validity, basis
and evidence, filtered by validity (`since`/`until`, `as_of` a day), as a user gets
them after POST /documents."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

TEXT = (
    "Maria Lopez, the chief financial officer of Intel Corp., said sales rose. "
    "Peter Hall joined Siemens AG in 1961. Hall left Siemens AG in 1975."
)
LOPEZ = "person:maria-lopez"
HALL = "person:peter-hall"


@pytest.fixture
def posted(client: TestClient) -> TestClient:
    answer = client.post("/documents", json={"text": TEXT, "published": "2016-01-22"})
    assert answer.status_code == 200, answer.text
    return client


def _relations(client: TestClient, actor: str, **params: str) -> list[dict]:
    answer = client.get(f"/actors/{actor}/relations", params=params)
    assert answer.status_code == 200, answer.text
    return [r for item in answer.json()["items"] for r in item["relations"]]


def test_a_relation_has_its_role_validity_basis_and_evidence(posted: TestClient) -> None:
    (relation,) = _relations(posted, LOPEZ)
    assert relation["type"] == "WORKS_FOR" and relation["direction"] == "out"
    assert relation["role"] == "chief financial officer"
    assert relation["phrase"] == "chief financial officer of"
    assert relation["basis"] == "stated" and relation["current"] is True
    assert relation["stated_on"] == "2016-01-22"
    assert relation["validity"] == "as of 2016-01-22"
    assert relation["sentence"].startswith("Maria Lopez, the chief financial officer")


def test_as_of_keeps_what_held_that_day(posted: TestClient) -> None:
    (held,) = _relations(posted, HALL, as_of="1970-05-01")
    assert held["type"] == "WORKS_FOR"
    assert (held["since"], held["until"]) == ("1961-01-01", "1975-12-31")
    assert held["validity"] == "1961 to 1975"
    assert _relations(posted, HALL, as_of="1980-01-01") == []
    assert _relations(posted, HALL, as_of="1950") == []
    assert len(_relations(posted, HALL, since="1974", until="1990")) == 1


def test_as_of_with_since_is_a_422_that_says_why(posted: TestClient) -> None:
    answer = posted.get(f"/actors/{HALL}/relations", params={"as_of": "1970", "since": "1960"})
    assert answer.status_code == 422 and "as_of" in answer.text
    bad = posted.get(f"/actors/{HALL}/relations", params={"as_of": "someday soon-ish"})
    assert bad.status_code == 422 and "as_of" in bad.text
