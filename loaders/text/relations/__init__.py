"""Actor relations as a reader states them, from spaCy's dependency parse.

Four readings, each driven by the word lists of data/relations.yaml:

- descriptions of a person: a role noun before the name ("XBT spokesman Allan
  Fitzmaurice", "Russian President Putin", "Kennedy assassin Sirhan"), in apposition
  ("X, the chief executive of Y", "Y's chief executive, X"), after a copula ("X is the
  foreign minister of Y") or "of" ("Felipe Gonzalez of Spain");
- verbs, with their subject found through relative clauses, participles, conjunctions
  and passives ("X, who heads Y", "Y, based in Z", "Y was killed by X", "X joined Y in
  1961");
- places: "Dayton, Ohio" (located in), "Acme Corp., Dayton" and "Z-based Y" (based
  in), place words before an organisation or a person (based in, lives in);
- joins: what is based in or lives in a city also is in the region the city is in;
- names: a place an organisation's name holds ("U.S. Congress", `inside.py`).

Each draft carries its role text, basis (stated or inferred) and validity: a date the
verb governs starts ("joined ... in 1961") or ends ("left ... in 1975") it; "former"
ends it; a present-tense statement holds when the text was written.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Span

from graphsvc.model import ActorKind, RelationType
from graphsvc.temporal.expression import TemporalExpression
from loaders.text.relations.groups import acronym_copies, group_readings
from loaders.text.relations.kills import _adjacent_kills, _distant_killers, _kill_nouns
from loaders.text.relations.people import (
    _allies,
    _born_fragments,
    _born_words,
    _legislators,
    _person,
    _role_before_name,
    _spokespeople,
)
from loaders.text.relations.places import (
    _based,
    _commas,
    _counted_places,
    _homes,
    _joined,
    _listed_before_noun,
    _mastheads,
    _named_places,
    _organization,
    _place,
    _place_nouns,
    _places_in,
    _scene,
    _seat_modifiers,
    _stacked_in,
    _telling_scene,
)
from loaders.text.relations.sentence import RelationDraft, _Sentence
from loaders.text.relations.validity import merged, relation_of
from loaders.text.relations.verbs import _verbs
from loaders.text.token_actor import TokenActor

__all__ = ["RelationDraft", "find_relations", "merged", "relation_of"]


def find_relations(
    sentence: Span,
    actor_at: dict[int, TokenActor],
    places: dict[str, TokenActor] | None = None,
    expressions: list[TemporalExpression] | None = None,
    held: Mapping[str, TokenActor] | None = None,
) -> list[RelationDraft]:
    """The relations one sentence states between the actors at `actor_at` (token index
    to actor); `expressions`: the sentence's temporal expressions (offsets relative to
    it), to date relations a verb starts or ends; `places`: the document's places by
    name, for demonyms; `held`: organisations' ids to the place their name holds
    (`relations.inside`)."""
    s = _Sentence(sentence, actor_at, expressions or [], places or {})
    for i, actor in s.heads.items():
        head = sentence.doc[i]
        place = (held or {}).get(actor.id)
        if place is not None:
            s.add(actor, RelationType.BASED_IN, place, basis="inferred")
        if actor.kind == ActorKind.person:
            _person(s, head, actor)
            _allies(s, head, actor)
            _spokespeople(s, head, actor)
        elif actor.kind == ActorKind.organization:
            _organization(s, head, actor)
        elif actor.kind == ActorKind.place:
            _place(s, head, actor)
    _role_before_name(s)
    _born_fragments(s)
    _born_words(s)
    _legislators(s)
    _based(s)
    _commas(s)
    _mastheads(s)
    _places_in(s)
    _stacked_in(s)
    _seat_modifiers(s)
    _scene(s)
    _telling_scene(s, held or {})
    _verbs(s)
    _kill_nouns(s)
    _distant_killers(s)
    _adjacent_kills(s)
    _place_nouns(s)
    _counted_places(s)
    _listed_before_noun(s)
    _homes(s)
    _named_places(s)
    group_readings(s)
    acronym_copies(s)
    _joined(s)
    return list(s.found.values())
