"""Organisations' names with brackets in or after them, through the real text loader
(spaCy) on one-sentence articles of our own: an aside inside a name does not cut it, an
acronym the tagger ran into the name is kept as that name's alias, and an agency's
dateline stays its own actor."""

from __future__ import annotations

from graphsvc.model import Actor, ActorKind
from tests.loaders.text.relations.reading import read


def _actor(text: str, name: str) -> Actor:
    actors = {a.name: a for a in read(text).actors}
    assert name in actors, sorted(actors)
    return actors[name]


_PARTIES = (
    "Two parties in Hungary, the Hungarian Socialist (formerly Communist) Party (MSZP) "
    "and the Alliance of Free Democrats (SZDSZ), signed the pact."
)


def test_an_aside_inside_a_name_keeps_the_whole_name() -> None:
    party = _actor(_PARTIES, "Hungarian Socialist Party")
    assert party.kind == ActorKind.organization
    # the name as written, aside and all, is kept as an alias
    assert any("(formerly Communist) Party" in alias for alias in party.aliases), party.aliases


def test_an_acronym_run_into_a_name_is_its_alias() -> None:
    # the tagger reads "the Union of Free Democrats (SZDSZ" as one name, bracket and all
    text = (
        "Today the two main parties in Hungary, the Hungarian Socialist (formerly "
        "Communist) Party (MSZP) and the Union of Free Democrats (SZDSZ), announced "
        "their stand."
    )
    union = _actor(text, "Union of Free Democrats")
    assert "SZDSZ" in union.aliases, union.aliases


def test_a_dateline_agency_stays_an_actor_of_its_own() -> None:
    text = "BANGKOK, Thailand (AP) _ Police said the Democrat Party won the vote."
    agency = _actor(text, "AP")
    assert agency.kind == ActorKind.organization
    thailand = _actor(text, "Thailand")
    assert "AP" not in thailand.aliases


def test_asides_are_left_out_of_the_name() -> None:
    from loaders.text.actors import name_without_asides

    assert name_without_asides("Green (Ecology) Party") == "Green Party"
    assert name_without_asides("Acme Corp.") == "Acme Corp."
    assert name_without_asides("(Text) Acme") == "(Text) Acme"


def test_a_name_begun_inside_a_bracket_is_the_acronym() -> None:
    # the tagger reads "TRT) Party" as a name of its own, from inside the bracket
    text = "The Thai Rak Thai (TRT) Party won the election in Thailand."
    names = {a.name for a in read(text).actors}
    assert not any(")" in name for name in names), names
    party = _actor(text, "Thai Rak Thai")
    assert "TRT" in party.aliases, party.aliases
