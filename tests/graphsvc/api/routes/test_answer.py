"""A store answer sent as JSON bytes says what the model says, as JSON."""

from __future__ import annotations

import json
from datetime import date

from graphsvc.api.routes.answer import json_answer
from graphsvc.model import ActorKind
from graphsvc.views import ActorRef, TimelinePage


def test_the_body_is_the_models_json_and_the_type_json() -> None:
    page = TimelinePage(items=[], count=0, next_cursor=None)
    answer = json_answer(page)
    assert answer.media_type == "application/json"
    assert answer.headers["content-type"] == "application/json"
    assert json.loads(answer.body) == page.model_dump(mode="json")


def test_values_are_encoded_as_fastapi_would() -> None:
    ref = ActorRef.model_construct(id="person:a", name="Ana \u00e9", kind=ActorKind.person)
    assert json.loads(json_answer(ref).body) == {
        "id": "person:a",
        "name": "Ana é",
        "kind": "person",
    }
    assert (
        json.loads(json_answer(ActorRef(id="x:y", name="n", kind="place")).body)["kind"] == "place"
    )
    assert (
        date(2020, 1, 2).isoformat()
        in json_answer(
            TimelinePage(items=[], count=0, next_cursor=date(2020, 1, 2).isoformat())
        ).body.decode()
    )
