"""Issue 14: a new article's actors resolve against the store before its events are
built (`graphsvc.resolve.StoreResolver`), on both stores: an exact name or alias of one
stored actor of the same kind is that actor; a same name of another kind is only a
same-as candidate."""

from __future__ import annotations

from datetime import date

from graphsvc.model import Actor, GraphBatch
from graphsvc.resolve import StoreResolver
from graphsvc.settings import Settings
from graphsvc.store.base import GraphStore
from loaders.text.article import Article
from loaders.text.pipeline import extract


def _load(store: GraphStore, text: str) -> GraphBatch:
    article = Article(id="resolve-test", published=date(2009, 6, 1), text=text)
    batch = extract(article, Settings().spacy_model, StoreResolver(store))
    store.write_batch(batch)
    return batch


def test_an_alias_of_a_stored_actor_is_that_actor(store: GraphStore) -> None:
    stored = Actor(
        id="organization:general-motors",
        name="General Motors",
        kind="organization",
        aliases=("GM",),
    )
    store.write_batch(GraphBatch(actors=(stored,)))
    batch = _load(store, "GM said on Monday that it will close 700 dealers in Ohio by June.")
    ids = {a.id for a in batch.actors}
    assert "organization:general-motors" in ids and "organization:gm" not in ids
    said = [e for e in batch.events if e.type == "statement"]
    assert said and said[0].participants[0].actor == "organization:general-motors"
    assert store.get_actor("organization:general-motors").name == "General Motors"
    assert store.actors_by_names(["GM"]) == [store.get_actor("organization:general-motors")]


def test_the_same_name_of_another_kind_is_only_a_candidate(store: GraphStore) -> None:
    store.write_batch(GraphBatch(actors=(Actor(id="person:jordan", name="Jordan", kind="person"),)))
    batch = _load(store, "Troops crossed into Jordan on Monday after the talks in Amman failed.")
    place = next(a for a in batch.actors if a.name == "Jordan")
    assert place.id == "place:jordan"
    assert any(c.actor == "place:jordan" and c.candidate == "person:jordan" for c in batch.same_as)
    detail = store.actor_detail("place:jordan")
    assert [c.id for c in detail.same_as_candidates] == ["person:jordan"]
