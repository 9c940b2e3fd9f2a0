"""The answer cache: bounded, and dropping an actor's answers drops only theirs."""

from __future__ import annotations

from graphsvc.store.embedded.kept import KeptAnswers


def test_answers_are_kept_by_actor_and_key() -> None:
    cache = KeptAnswers()
    cache.put("a", "timeline", 1)
    cache.put("a", "related", 2)
    cache.put("b", "timeline", 3)
    assert (cache.get("a", "timeline"), cache.get("a", "related")) == (1, 2)
    assert cache.get("b", "related") is None
    assert len(cache) == 3


def test_forget_drops_only_the_actors_named() -> None:
    cache = KeptAnswers()
    cache.put("a", "k", 1)
    cache.put("b", "k", 2)
    cache.forget(["a", "nobody"])
    assert cache.get("a", "k") is None
    assert cache.get("b", "k") == 2
    assert len(cache) == 1


def test_past_its_size_the_actor_filled_longest_ago_goes() -> None:
    cache = KeptAnswers(size=3)
    cache.put("a", 1, "a1")
    cache.put("b", 1, "b1")
    cache.put("a", 2, "a2")  # `a` is now the most recently filled
    cache.put("c", 1, "c1")
    assert cache.get("b", 1) is None
    assert (cache.get("a", 1), cache.get("a", 2), cache.get("c", 1)) == ("a1", "a2", "c1")
    assert len(cache) == 3


def test_replacing_an_answer_does_not_count_twice() -> None:
    cache = KeptAnswers(size=2)
    cache.put("a", 1, "old")
    cache.put("a", 1, "new")
    assert cache.get("a", 1) == "new"
    assert len(cache) == 1


def test_clear_empties_it() -> None:
    cache = KeptAnswers()
    cache.put("a", 1, 1)
    cache.clear()
    assert cache.get("a", 1) is None
    assert len(cache) == 0
