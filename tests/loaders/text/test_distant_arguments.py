"""Participants a long sentence names away from the event's own words: a passive's
"by" phrase hung on a later noun, the one on whose orders it was done, the one a
verdict or a suspicion lays a nominal event at, those whose action takes place in it,
and a gerund's doer. Each row is a sentence written for this table, the word of its
event, and what the event must show: (actor, role, basis), or (actor, None, None) for
an actor of the text that must not take part in that event."""

from __future__ import annotations

import pytest

from graphsvc.model import Role
from tests.loaders.text.test_participants import Expected, _at, _extract, _shown

CASES: list[tuple[str, str, str, list[Expected]]] = [
    (
        "a passive's by-phrase hung on a later noun",
        "Mayor Tom Briggs was attacked on Friday in the lobby of the Grand Hotel by Paul Renner.",
        "attacked",
        [("Paul Renner", Role.agent, "inferred"), ("Tom Briggs", Role.target, "stated")],
    ),
    (
        "a by-phrase inside a clause of its own is that clause's",
        "Hans Meyer was received on Monday in a palace built by Ludwig Brandt.",
        "received",
        [("Ludwig Brandt", None, None), ("Hans Meyer", Role.target, "stated")],
    ),
    (
        "the one whose orders were followed",
        "The journalist Omar Haddad was detained on the orders of General Karim Nasser.",
        "detained",
        [("Karim Nasser", Role.agent, "inferred"), ("Omar Haddad", Role.target, "stated")],
    ),
    (
        "a conviction lays the nominal event at the one convicted",
        "Peter Lang was convicted on Tuesday of the murder of Julia Stern.",
        "murder",
        [("Peter Lang", Role.agent, "inferred"), ("Julia Stern", Role.target, "stated")],
    ),
    (
        "a suspicion makes a participant, not the doer",
        "Police arrested Marco Bellini, suspected of the kidnapping of Sofia Ricci.",
        "kidnapping",
        [("Marco Bellini", Role.participant, "inferred"), ("Sofia Ricci", Role.target, "stated")],
    ),
    (
        "the sentence names who did the event it is for",
        "Viktor Hale was sentenced to death for the bombing of the Arcadia Hotel.",
        "bombing",
        [("Viktor Hale", Role.agent, "inferred")],
    ),
    (
        "a partner in the action that takes place in the event",
        "Leon Marsh was charged with conspiring with Victor Dunn in the kidnapping of Emma Rowe.",
        "kidnapping",
        [("Victor Dunn", Role.participant, "inferred"), ("Emma Rowe", Role.target, "stated")],
    ),
    (
        "a gerund's doer is the subject of the clause it completes",
        "Daniel Ortiz was convicted in March of killing Maria Lopez.",
        "killing",
        [("Daniel Ortiz", Role.agent, "inferred"), ("Maria Lopez", Role.target, "stated")],
    ),
    (
        "a gerund with a doer of its own keeps it",
        "Anna Weber spoke after Karl Vogt's resigning from the board.",
        "resigning",
        [("Anna Weber", None, None)],
    ),
    (
        "a relative clause on an apposition is about the name",
        "Police questioned Carl Jensen, the man who had robbed Lena Berg.",
        "robbed",
        [("Carl Jensen", Role.agent, "resolved"), ("Lena Berg", Role.target, "stated")],
    ),
    (
        "the sale of X to Y: Y acquires X",
        "The sale of Brightline Corp. to Halvorsen Inc. was completed on Friday.",
        "sale",
        [("Halvorsen", Role.agent, "stated"), ("Brightline", Role.target, "stated")],
    ),
    (
        "a place the parse hangs on the person named",
        "Maria Alvarez was born Maria Ortega in Tucson in 1950.",
        "born",
        [("Tucson", Role.location, "stated")],
    ),
    (
        "a place before a person says where they are from, not where it happened",
        "Police arrested Chicago lawyer Dan Kowalski on Monday.",
        "arrested",
        [("Chicago", None, None), ("Dan Kowalski", Role.target, "stated")],
    ),
    (
        "where a named place is, the event is",
        "Lina Haddad works at the Rashid Hospital in Amman.",
        "works",
        [("Amman", Role.location, "stated")],
    ),
    (
        "a place owning the noun of place",
        "Both Vance and Dole were born in Kansas' oldest county.",
        "born",
        [("Kansas", Role.location, "stated"), ("Dole", Role.target, "stated")],
    ),
    (
        "a charge of murder in a death makes the one convicted take part in it",
        "Tom Rudd was convicted in May of murder in the death of Ellen Price.",
        "death",
        [("Tom Rudd", Role.participant, "inferred")],
    ),
    (
        "an infinitive of purpose is done by the subject it serves",
        "Carla Mendes is leaving office to return to Stanford University.",
        "return",
        [("Carla Mendes", Role.agent, "stated")],
    ),
    (
        "the object of a verb of asking does the infinitive, not its subject",
        "The ministers asked Bashir Khalil to step down on Monday.",
        "step",
        [("Bashir Khalil", Role.agent, "stated")],
    ),
    (
        "a relative clause of place happened at its antecedent",
        "The film was shot in Vermont, where Jane Porter was born.",
        "born",
        [("Vermont", Role.location, "stated"), ("Jane Porter", Role.target, "stated")],
    ),
    (
        "a relative clause of time does not make a place its location",
        "Jane Porter visited Vermont in 1990, when her son was born.",
        "born",
        [("Vermont", None, None)],
    ),
    (
        "a place the parse hangs on a noun of the phrase",
        "Omar Reyes: May 2, 1931: Omar Reyes is born in Linden, Ala., son of farmers.",
        "born",
        [("Linden", Role.location, "stated")],
    ),
]


@pytest.mark.parametrize(("name", "text", "word", "expected"), CASES, ids=[c[0] for c in CASES])
def test_distant_participants(name: str, text: str, word: str, expected: list[Expected]) -> None:
    batch = _extract(text)
    event = _at(batch, text, word)
    by_name = {a.name.casefold(): a.id for a in batch.actors}
    shown = _shown(batch, event)
    for actor, role, basis in expected:
        actor_id = by_name.get(actor.casefold())
        assert actor_id is not None, f"{actor} not found among {sorted(by_name)}"
        taking_part = [p for p in event.participants if p.actor == actor_id]
        if role is None:
            assert not taking_part, f"{actor} must not take part; event shows {shown}"
            continue
        assert [(p.role, p.basis) for p in taking_part] == [(role, basis)], shown


def test_a_verdict_link_says_what_tied_it() -> None:
    text = "Peter Lang was convicted on Tuesday of the murder of Julia Stern."
    event = _at(_extract(text), text, "murder")
    assert [p.mention for p in event.participants if p.basis == "inferred"] == [
        "Peter Lang (convicted of)"
    ]


def test_a_sentence_to_death_makes_no_one_the_doer_of_a_death() -> None:
    """Only an event noun done to someone is laid at the convicted: a death is no one's."""
    batch = _extract("Viktor Hale was sentenced to death for the bombing of the Arcadia Hotel.")
    hale = next(a.id for a in batch.actors if a.name == "Viktor Hale")
    deaths = [e for e in batch.events if e.type == "death"]
    assert not [e for e in deaths if any(p.actor == hale for p in e.participants)]
